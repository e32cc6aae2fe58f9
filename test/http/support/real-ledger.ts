// The real system behind HTTP for integration tests: the Worker entry (src/index.ts) with the
// ledger Durable Object of the workers project and a casebook spreadsheet in the in-process
// emulator, built by the real template and typed into as staff would. Each test file uses its
// own spreadsheet id (files share one emulator). Synthetic staff ids and initials only.
import { createExecutionContext, evictDurableObject, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { vi } from 'vitest'
import { buildTemplate } from '../../../sheets-template/build-template'
import { TABLES, type TabKey } from '../../../src/domain'
import { mintToken } from '../../../src/http/auth-token'
import worker from '../../../src/index'
import { TUNING_OVERRIDE_KEY, type Tuning } from '../../../src/ledger/config'
import type { Role } from '../../../src/ledger/contract'
import type { Ledger } from '../../../src/ledger/ledger'
import { writeState } from '../../../src/ledger/store'
import { serviceAccountAccessToken } from '../../support/service-account-token'
import { AUTH_SECRET, type SendInit, WEBHOOK_SECRET } from './harness'

const GOOGLE = 'https://sheets.googleapis.com'
const bindings = env as unknown as Record<string, unknown>

export type Cell = string | number | boolean | null

/** Staff tab rows: staff_id, email, role, active. */
export const STAFF_ROWS: Cell[][] = [
  ['admin-uji', '', 'admin', true],
  ['koordinator-uji', 'koordinator@uji.example', 'coordinator', true],
  ['peksos-uji', 'peksos@uji.example', 'worker', true],
  ['peksos-lain', '', 'worker', true],
  ['peksos-nonaktif', '', 'worker', false],
]

/** Short retries and a generous quota, so tests do not wait for production backoffs. */
export const TEST_TUNING: Partial<Tuning> = {
  submitBudgetMs: 5000,
  writesPerMinute: 60_000,
  writeBurst: 1000,
  readsPerMinute: 60_000,
  readBurst: 1000,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  layoutBackoffMs: 200,
  watchdogMs: 2000,
  syncCoalesceMs: 300,
  googleTimeoutMs: 2000,
  uncertainGraceMs: 600,
  logLevel: 'warn',
}

let accessToken: Promise<string> | undefined
async function google(path: string, init: RequestInit = {}): Promise<unknown> {
  accessToken ??= serviceAccountAccessToken(String(bindings.GOOGLE_SERVICE_ACCOUNT_JSON ?? ''))
  const res = await fetch(`${GOOGLE}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await accessToken}`, 'content-type': 'application/json' },
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text)
}

async function control(path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${GOOGLE}/_emulator${path}`, init)
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`)
  return text === '' ? undefined : JSON.parse(text)
}

/** Creates the casebook spreadsheet (template, Staff, one holiday) and tunes its ledger for tests. */
export async function provisionCasebook(spreadsheetId: string, tuning: Partial<Tuning> = TEST_TUNING): Promise<void> {
  await control(`/spreadsheets/${spreadsheetId}`, {
    method: 'PUT',
    body: JSON.stringify({ properties: { title: `uji ${spreadsheetId}` }, sheets: [{ properties: { sheetId: 0 } }] }),
  })
  await google(`/v4/spreadsheets/${spreadsheetId}:batchUpdate`, {
    method: 'POST',
    body: JSON.stringify({ requests: buildTemplate().requests }),
  })
  await staffEdit(spreadsheetId, `Staff!A2:D${1 + STAFF_ROWS.length}`, STAFF_ROWS)
  await staffEdit(spreadsheetId, 'Settings!A2:B2', [['2025-03-07', 'libur uji']])
  const stub = env.LEDGER.getByName(spreadsheetId)
  await runInDurableObject(stub, (_instance: Ledger, state) => {
    writeState(
      { sql: state.storage.sql, transactionSync: (fn) => state.storage.transactionSync(fn) },
      TUNING_OVERRIDE_KEY,
      tuning,
    )
  })
  await evictDurableObject(stub)
}

/** A person typing into the sheet (USER_ENTERED, like the Sheets UI). */
export async function staffEdit(spreadsheetId: string, range: string, values: Cell[][]): Promise<void> {
  await control('/edit', { method: 'POST', body: JSON.stringify({ spreadsheetId, range, values }) })
}

/** A tab's values as the API returns them (UNFORMATTED_VALUE, SERIAL_NUMBER), header row first. */
export async function tabValues(spreadsheetId: string, title: string): Promise<Cell[][]> {
  const json = (await google(
    `/v4/spreadsheets/${spreadsheetId}/values/${encodeURIComponent(title)}?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`,
  )) as { values?: Cell[][] }
  return json.values ?? []
}

/** Rows of a data tab keyed by column key (the header row carries each column's Indonesian label). */
export async function tabRows(spreadsheetId: string, tab: TabKey): Promise<Record<string, Cell>[]> {
  const keyOf = new Map(TABLES[tab].columns.map((c) => [c.label.id, c.key]))
  const [header = [], ...rows] = await tabValues(spreadsheetId, TABLES[tab].title)
  const keys = header.map((label) => keyOf.get(String(label)) ?? String(label))
  return rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i] ?? null])))
}

export type EmulatorStats = { total: number; reads: number; writes: number; by_method: Record<string, number> }

export const emulatorStats = async (spreadsheetId: string): Promise<EmulatorStats> =>
  (await control(`/stats?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`)) as EmulatorStats

/** The HTTP client of the real Worker for one spreadsheet (same shape as the fake harness's). */
export type Client = {
  readonly token: (staffId: string, role: Role, ttlSeconds?: number) => Promise<string>
  readonly send: (path: string, init?: SendInit) => Promise<Response>
}

export function realClient(spreadsheetId: string, vars: Record<string, string> = {}): Client {
  const workerEnv = {
    ...bindings,
    SPREADSHEET_ID: spreadsheetId,
    AUTH_SECRET,
    WEBHOOK_SECRET,
    ...vars,
  } as unknown as Env
  return {
    token: (staffId, role, ttlSeconds = 3600) => mintToken({ staffId, role, ttlSeconds }, AUTH_SECRET, Date.now()),
    send: async (path, init = {}) => {
      const headers = new Headers(init.headers)
      if (init.token !== undefined) headers.set('Authorization', `Bearer ${init.token}`)
      let body = init.body
      if (init.json !== undefined) {
        body = JSON.stringify(init.json)
        if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
      } else if (init.form !== undefined) {
        body = new URLSearchParams(init.form).toString()
        if (!headers.has('content-type')) headers.set('Content-Type', 'application/x-www-form-urlencoded')
      }
      const method = init.method ?? (body === undefined ? 'GET' : 'POST')
      const request = new Request(`http://casebook.uji${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      }) as Request<unknown, IncomingRequestCfProperties>
      const ctx = createExecutionContext()
      const res = await worker.fetch(request, workerEnv, ctx)
      await waitOnExecutionContext(ctx)
      return res
    },
  }
}

/**
 * The centre the HTTP tests expect (same ids as the in-memory harness): K-0001 (peksos-uji,
 * consent, goal T-0001 = domain.md's G1), K-0002 (peksos-lain, consent, goal T-0002),
 * K-0003 (peksos-uji, no consent yet). Created through the API by a coordinator.
 */
export async function seedCentre(client: Client): Promise<void> {
  const token = await client.token('koordinator-uji', 'coordinator')
  const base = { sex: 'L', birth_date: '2012-04-01', cluster: 'anak', service: 'residensial', status: 'aktif' }
  const rows: [string, Record<string, unknown>, string][] = [
    [
      '/api/cases',
      { ...base, initials: 'AB', worker: 'peksos-uji', stage: 'implementasi', consent_date: '2025-03-03' },
      'K-0001',
    ],
    [
      '/api/cases',
      { ...base, initials: 'CD', worker: 'peksos-lain', stage: 'implementasi', consent_date: '2025-03-03' },
      'K-0002',
    ],
    ['/api/cases', { ...base, initials: 'EF', worker: 'peksos-uji', stage: 'akses' }, 'K-0003'],
  ]
  const goal = {
    method: 'casework',
    start_date: '2025-03-05',
    duration_days: 10,
    target_count: 4,
    milestones: '5:2, 10:4',
  }
  rows.push(['/api/goals', { ...goal, case_id: 'K-0001', title: 'Mencuci pakaian' }, 'T-0001'])
  rows.push(['/api/goals', { ...goal, case_id: 'K-0002', title: 'Memasak nasi' }, 'T-0002'])
  for (const [path, json, id] of rows) {
    const res = await client.send(path, { token, json })
    const text = await res.text()
    if (res.status !== 201 || !text.includes(`"${id}"`))
      throw new Error(`seeding ${id}: ${res.status} ${text.slice(0, 300)}`)
  }
}

/** Collects console.log lines (the Worker's and the ledger's) instead of printing them. */
export function captureLogs(): unknown[] {
  const lines: unknown[] = []
  vi.spyOn(console, 'log').mockImplementation((entry: unknown) => {
    lines.push(entry)
  })
  return lines
}
