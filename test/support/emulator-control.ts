/**
 * How workers tests talk to the ONE in-process emulator they share (wired in google-outbound.ts):
 * its control endpoints (create a spreadsheet, type as a person would, inject faults, count calls)
 * and the Sheets API itself with the test service account's token. Files run concurrently
 * against the same emulator: every helper takes a spreadsheet id, and faults and stats are scoped
 * to it — use ids unique to your test file and never reset the emulator.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import type { FaultConfigInput, StatsJson } from '../../emulator/index.js'
import { serviceAccountAccessToken } from './service-account-token'

const bindings = env as unknown as Record<string, string | undefined>
export const SHEETS_API_BASE = bindings.SHEETS_API_BASE ?? 'https://sheets.googleapis.com'
export const GOOGLE_TOKEN_URL = bindings.GOOGLE_TOKEN_URL ?? 'https://oauth2.googleapis.com/token'

/** A cell as the Sheets API reads it back (UNFORMATTED_VALUE) or a person types it. */
export type Cell = string | number | boolean | null

let token: Promise<string> | undefined

/** A Sheets-scoped access token of the test service account, fetched once per test file. */
export function accessToken(): Promise<string> {
  token ??= serviceAccountAccessToken(bindings.GOOGLE_SERVICE_ACCOUNT_JSON ?? '', undefined, GOOGLE_TOKEN_URL)
  return token
}

/** A Sheets API call with the service account's token; anything but 200 fails the test. */
export async function sheetsApi(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${SHEETS_API_BASE}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
  })
  const text = await response.text()
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBe(200)
  return JSON.parse(text)
}

/** A call to the emulator's /_emulator control endpoints; a status of 300 or more fails the test. */
async function control(path: string, init: RequestInit = {}): Promise<unknown> {
  // JSON always: the control endpoints refuse other content types (emulator/control-guard.ts).
  const response = await fetch(`${SHEETS_API_BASE}/_emulator${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  })
  const text = await response.text()
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBeLessThan(300)
  return text === '' ? undefined : JSON.parse(text)
}

/** A fresh spreadsheet with a fixed id; the caller gives ids unique to its test file. */
export async function createSpreadsheet(
  spreadsheetId: string,
  sheets: { sheetId: number; title: string; rowCount?: number; columnCount?: number }[] = [
    { sheetId: 0, title: 'Sheet1' },
  ],
): Promise<void> {
  await control(`/spreadsheets/${spreadsheetId}`, {
    method: 'PUT',
    body: JSON.stringify({
      properties: { title: `uji ${spreadsheetId}` },
      sheets: sheets.map(({ sheetId, title, rowCount = 100, columnCount = 26 }) => ({
        properties: { sheetId, title, gridProperties: { rowCount, columnCount } },
      })),
    }),
  })
}

/** A person typing into the sheet (USER_ENTERED, like the Sheets UI). */
export async function staffEdit(spreadsheetId: string, range: string, values: unknown[][]): Promise<void> {
  await control('/edit', { method: 'POST', body: JSON.stringify({ spreadsheetId, range, values }) })
}

/** A batchUpdate on behalf of a person (sort, insert, move or delete rows, columns and tabs). */
export async function staffBatchUpdate(spreadsheetId: string, requests: unknown[]): Promise<void> {
  await sheetsApi(`/v4/spreadsheets/${spreadsheetId}:batchUpdate`, {
    method: 'POST',
    body: JSON.stringify({ requests }),
  })
}

/** A tab's values as the API returns them (UNFORMATTED_VALUE, SERIAL_NUMBER), header row first. */
export async function tabValues(spreadsheetId: string, title: string): Promise<Cell[][]> {
  const json = (await sheetsApi(
    `/v4/spreadsheets/${spreadsheetId}/values/${encodeURIComponent(title)}?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`,
  )) as { values?: Cell[][] }
  return json.values ?? []
}

/** Faults for one spreadsheet (and optionally some methods): a scripted `next` list and/or rates. */
export async function setFaults(config: FaultConfigInput & { readonly spreadsheet_id: string }): Promise<void> {
  await control('/faults', { method: 'POST', body: JSON.stringify(config) })
}

export async function clearFaults(spreadsheetId: string): Promise<void> {
  await control(`/faults?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`, { method: 'DELETE' })
}

export type EmulatorStats = Readonly<StatsJson>

/** Sheets calls the emulator answered for one spreadsheet, by kind, method and status. */
export const emulatorStats = async (spreadsheetId: string): Promise<EmulatorStats> =>
  (await control(`/stats?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`)) as EmulatorStats

/** Writes Google answered with an error and applies later (fault `503_then_applied`), emulator-wide. */
export async function lateWrites(): Promise<{ pending: number; applied: number; refused: number }> {
  const json = (await control('/faults')) as { late_writes: { pending: number; applied: number; refused: number } }
  return json.late_writes
}

/** Waits until no late write is left to land (fails the test after `timeoutMs`). */
export async function lateWritesLanded(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while ((await lateWrites()).pending > 0) {
    expect(Date.now(), 'late writes still pending').toBeLessThan(deadline)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * A person's action landing between the ledger's read and its write: `requests` (sortRange,
 * insertDimension, deleteDimension, …) are applied to the spreadsheet just before the next write
 * made through the Sheets API, once.
 */
export async function beforeNextWrite(spreadsheetId: string, requests: unknown[]): Promise<void> {
  await control('/before-next-write', { method: 'POST', body: JSON.stringify({ spreadsheetId, requests }) })
}

/** What before-next-write still holds for a spreadsheet (pending) and what already fired. */
export async function beforeNextWriteState(spreadsheetId: string): Promise<unknown> {
  return control(`/before-next-write?spreadsheet_id=${encodeURIComponent(spreadsheetId)}`)
}
