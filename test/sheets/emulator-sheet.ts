// Helpers for the Sheets client tests that run against the in-process emulator (every fetch of
// the workers project goes there, see test/support/google-outbound.ts). Each test file uses its
// own spreadsheet ids and scopes faults and stats to them, because files may run concurrently
// against the one shared emulator.

import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { buildTemplate } from '../../sheets-template/build-template'
import { createSheetsClient, type SheetsClient, type SheetsClientDeps } from '../../src/sheets/client'
import {
  createServiceAccountTokenSource,
  parseServiceAccount,
  type TokenSource,
} from '../../src/sheets/service-account'

const bindings = env as unknown as Record<string, string | undefined>
export const SHEETS_API_BASE = bindings.SHEETS_API_BASE ?? 'https://sheets.googleapis.com'
export const GOOGLE_TOKEN_URL = bindings.GOOGLE_TOKEN_URL ?? 'https://oauth2.googleapis.com/token'

const control = (path: string, init?: RequestInit) => fetch(`${SHEETS_API_BASE}/_emulator${path}`, init)

/** A fresh spreadsheet with a fixed id; the caller gives ids unique to its test file. */
export async function createSpreadsheet(
  spreadsheetId: string,
  sheets: { sheetId: number; title: string; rowCount?: number; columnCount?: number }[] = [
    { sheetId: 0, title: 'Sheet1' },
  ],
): Promise<void> {
  const response = await control(`/spreadsheets/${spreadsheetId}`, {
    method: 'PUT',
    body: JSON.stringify({
      properties: { title: `uji ${spreadsheetId}` },
      sheets: sheets.map(({ sheetId, title, rowCount = 100, columnCount = 26 }) => ({
        properties: { sheetId, title, gridProperties: { rowCount, columnCount } },
      })),
    }),
  })
  expect(response.status, await response.clone().text()).toBe(200)
}

export type FaultKind = '429' | '500' | '503' | 'timeout' | 'applied_then_503' | 'ok'

/** Faults for one spreadsheet (and optionally some methods): a scripted `next` list or rates. */
export async function setFaults(config: {
  spreadsheet_id: string
  methods?: string[]
  next?: FaultKind[]
  rates?: Partial<Record<Exclude<FaultKind, 'ok'>, number>>
  retry_after_s?: number
  timeout_ms?: number
}): Promise<void> {
  const response = await control('/faults', { method: 'POST', body: JSON.stringify(config) })
  expect(response.status, await response.clone().text()).toBe(200)
}

export async function clearFaults(spreadsheetId: string): Promise<void> {
  await control(`/faults?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`, { method: 'DELETE' })
}

export interface EmulatorStats {
  readonly total: number
  readonly reads: number
  readonly writes: number
  readonly by_method: Record<string, number>
  readonly by_status?: Record<string, number>
}

/** Sheets calls the emulator answered for one spreadsheet. */
export async function stats(spreadsheetId: string): Promise<EmulatorStats> {
  const response = await control(`/stats?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`)
  return (await response.json()) as EmulatorStats
}

/** A fetch that counts token-endpoint requests on the way to the emulator. */
export function countingFetch() {
  const counts = { token: 0, sheets: 0 }
  const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new Request(input, init).url
    if (url === GOOGLE_TOKEN_URL) counts.token++
    else counts.sheets++
    return fetch(input, init)
  }) as typeof fetch
  return { fetch: fetchFn, counts }
}

/** The token source the Worker builds from its bindings, against the emulator's strict /token. */
export function bindingsTokenSource(fetchFn: typeof fetch, now: () => number = Date.now): TokenSource {
  const parsed = parseServiceAccount(bindings.GOOGLE_SERVICE_ACCOUNT_JSON)
  if (!parsed.ok) throw new Error(`test binding GOOGLE_SERVICE_ACCOUNT_JSON: ${parsed.error.kind}`)
  return createServiceAccountTokenSource({
    serviceAccount: parsed.value,
    fetch: fetchFn,
    now,
    tokenUrl: GOOGLE_TOKEN_URL,
  })
}

/** A client as the Worker wires it, with sleeps recorded (and skipped) instead of waited. */
export function emulatorClient(overrides: Partial<SheetsClientDeps> = {}) {
  const counting = countingFetch()
  const sleeps: number[] = []
  const client: SheetsClient = createSheetsClient({
    fetch: counting.fetch,
    baseUrl: SHEETS_API_BASE,
    tokenSource: bindingsTokenSource(counting.fetch),
    now: Date.now,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    timeoutMs: 5_000,
    ...overrides,
  })
  return { client, sleeps, counts: counting.counts }
}

/** A fresh spreadsheet turned into the casebook by the real template (tabs, headers, column keys). */
export async function provisionCasebook(client: SheetsClient, spreadsheetId: string): Promise<void> {
  await createSpreadsheet(spreadsheetId)
  const template = buildTemplate()
  const applied = await client.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: { requests: [...template.requests] },
  })
  expect(applied.ok, JSON.stringify(applied)).toBe(true)
}
