// Fixtures for the ledger tests: a casebook spreadsheet in the in-process emulator (built by the
// real template), a small synthetic centre typed into it as staff would, the ledger stub with
// short test timings, and helpers to read the sheet, edit it, inject faults and count calls.
// Every test file uses its own spreadsheet ids (files share one emulator).

import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { buildTemplate } from '../../sheets-template/build-template'
import { TUNING_OVERRIDE_KEY, type Tuning } from '../../src/ledger/config'
import type { Actor } from '../../src/ledger/contract'
import type { Ledger } from '../../src/ledger/ledger'
import { writeState } from '../../src/ledger/store'
import { serviceAccountAccessToken } from '../support/service-account-token'

const bindings = env as unknown as Record<string, string>
const BASE = 'https://sheets.googleapis.com'

export const COORDINATOR: Actor = { staffId: 'koordinator-uji', role: 'coordinator' }
export const ADMIN: Actor = { staffId: 'admin-uji', role: 'admin' }
export const WORKER: Actor = { staffId: 'peksos-uji', role: 'worker' }
export const OTHER_WORKER: Actor = { staffId: 'peksos-lain', role: 'worker' }

/** Short timings for tests: quick retries, a generous quota, small grace after timeouts. */
export const FAST: Partial<Tuning> = {
  submitBudgetMs: 3000,
  writesPerMinute: 60_000,
  writeBurst: 1000,
  readsPerMinute: 60_000,
  readBurst: 1000,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  layoutBackoffMs: 200,
  watchdogMs: 2000,
  syncCoalesceMs: 300,
  googleTimeoutMs: 1000,
  uncertainGraceMs: 600,
  logLevel: 'warn',
}

let token: Promise<string> | undefined
const accessToken = () => {
  token ??= serviceAccountAccessToken(bindings.GOOGLE_SERVICE_ACCOUNT_JSON ?? '')
  return token
}

async function google(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
  })
  const text = await response.text()
  expect(response.status, text).toBe(200)
  return JSON.parse(text)
}

const control = async (path: string, init: RequestInit = {}): Promise<unknown> => {
  const response = await fetch(`${BASE}/_emulator${path}`, init)
  const text = await response.text()
  expect(response.status, text).toBeLessThan(300)
  return text === '' ? undefined : JSON.parse(text)
}

export type Cell = string | number | boolean | null

/** The synthetic centre: three staff, one holiday (domain.md worked example). */
export const CENTRE = {
  staff: [
    ['koordinator-uji', 'koordinator@uji.example', 'coordinator', true],
    ['admin-uji', '', 'admin', true],
    ['peksos-uji', 'peksos@uji.example', 'worker', true],
    ['peksos-lain', '', 'worker', true],
  ] as Cell[][],
  holidays: [['2025-03-07', 'libur uji']] as Cell[][],
}

/** A fresh casebook: template applied, Staff and Settings typed in. */
export async function provisionCasebook(spreadsheetId: string): Promise<void> {
  await control(`/spreadsheets/${spreadsheetId}`, {
    method: 'PUT',
    body: JSON.stringify({ properties: { title: `uji ${spreadsheetId}` }, sheets: [{ properties: { sheetId: 0 } }] }),
  })
  await google(`/v4/spreadsheets/${spreadsheetId}:batchUpdate`, {
    method: 'POST',
    body: JSON.stringify({ requests: buildTemplate().requests }),
  })
  await staffEdit(spreadsheetId, `Staff!A2:D${1 + CENTRE.staff.length}`, CENTRE.staff)
  await staffEdit(spreadsheetId, 'Settings!A2:B2', CENTRE.holidays)
}

/** A person typing into the sheet (USER_ENTERED, like the Sheets UI). */
export async function staffEdit(spreadsheetId: string, range: string, values: Cell[][]): Promise<void> {
  await control('/edit', { method: 'POST', body: JSON.stringify({ spreadsheetId, range, values }) })
}

/** A batchUpdate on behalf of a person (sort, insert or delete rows). */
export async function staffBatchUpdate(spreadsheetId: string, requests: unknown[]): Promise<void> {
  await google(`/v4/spreadsheets/${spreadsheetId}:batchUpdate`, { method: 'POST', body: JSON.stringify({ requests }) })
}

/** A tab's values as the API returns them (UNFORMATTED_VALUE, SERIAL_NUMBER), header included. */
export async function tabValues(spreadsheetId: string, title: string): Promise<Cell[][]> {
  const json = (await google(
    `/v4/spreadsheets/${spreadsheetId}/values/${encodeURIComponent(title)}?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`,
  )) as { values?: Cell[][] }
  return json.values ?? []
}

/** Rows of a tab as objects keyed by the header label (row 1). */
export async function tabRows(spreadsheetId: string, title: string): Promise<Record<string, Cell>[]> {
  const [header = [], ...rows] = await tabValues(spreadsheetId, title)
  return rows.map((row) => Object.fromEntries(header.map((label, i) => [String(label), row[i] ?? null])))
}

/** The values of one column (by its header label), data rows only. */
export async function columnValues(spreadsheetId: string, title: string, label: string): Promise<Cell[]> {
  const [header = [], ...rows] = await tabValues(spreadsheetId, title)
  const index = header.indexOf(label)
  expect(index, `column ${label} in ${title}`).toBeGreaterThanOrEqual(0)
  return rows.map((row) => row[index] ?? null)
}

export type EmulatorStats = {
  readonly total: number
  readonly reads: number
  readonly writes: number
  readonly by_method: Record<string, number>
}

export const stats = async (spreadsheetId: string) =>
  (await control(`/stats?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`)) as EmulatorStats

export async function setFaults(config: Record<string, unknown>): Promise<void> {
  await control('/faults', { method: 'POST', body: JSON.stringify(config) })
}

export async function clearFaults(spreadsheetId: string): Promise<void> {
  await control(`/faults?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`, { method: 'DELETE' })
}

/** The ledger of a spreadsheet with test timings (stored as an override, then a fresh instance). */
export async function ledger(spreadsheetId: string, tuning: Partial<Tuning> = FAST) {
  const stub = env.LEDGER.getByName(spreadsheetId)
  await runInDurableObject(stub, (_instance: Ledger, state) => {
    writeState(
      { sql: state.storage.sql, transactionSync: (fn) => state.storage.transactionSync(fn) },
      TUNING_OVERRIDE_KEY,
      tuning,
    )
  })
  await evictDurableObject(stub)
  return stub
}

/** Runs inside the object: its engine (for drain, context and SQL checks). */
export function inLedger<R>(stub: DurableObjectStub<Ledger>, fn: (instance: Ledger) => R | Promise<R>): Promise<R> {
  return runInDurableObject(stub, (instance: Ledger) => fn(instance))
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A field of an accepted row. The Durable Object stub's RPC types lose the generic of `submit`
 * (the row comes back as the union of all rows), so tests read ids through this.
 */
export const field = (row: object, key: string): string => String((row as Record<string, unknown>)[key])
