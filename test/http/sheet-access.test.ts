// GET /api/health and /api/sync/status when the spreadsheet is not shared with the service
// account: which spreadsheet, and the address to share it with as Editor — Indonesian unless the
// request prefers English. Through the real Worker and ledger, on the in-process emulator.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { sheetAccessMessage } from '../../src/http/sheet-access'
import type { SheetAccessProblem } from '../../src/ledger/contract'
import { provisionCasebook } from '../support/casebook'
import { SHEETS_API_BASE } from '../support/emulator-control'
import { captureLogs, realClient } from './support/real-ledger'

captureLogs()

const SHEET = 'http-not-shared'
const bindings = env as unknown as Record<string, string>
const SA = (JSON.parse(bindings.GOOGLE_SERVICE_ACCOUNT_JSON ?? '{}') as { client_email: string }).client_email

async function unshare(spreadsheetId: string): Promise<void> {
  const res = await fetch(`${SHEETS_API_BASE}/_emulator/spreadsheets/${spreadsheetId}/permissions`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ permissions: [] }),
  })
  expect(res.status).toBe(200)
}

describe('a spreadsheet the service account may not use', () => {
  it('is named in /api/health and /api/sync/status with the address to share it with as Editor', async () => {
    await provisionCasebook(SHEET)
    const client = realClient(SHEET)
    const coordinator = await client.token('koordinator-uji', 'coordinator')
    expect((await client.send('/api/sync', { method: 'POST', token: coordinator })).status).toBe(200)
    await unshare(SHEET)
    expect((await client.send('/api/sync', { method: 'POST', token: coordinator })).status).toBe(503)

    const health = await (await client.send('/api/health')).json()
    expect(health).toEqual({
      ok: true,
      sheet: 'unreachable',
      outbox: 0,
      problem: {
        code: 'sheet_not_shared',
        spreadsheet_id: SHEET,
        service_account: SA,
        message: `Spreadsheet ${SHEET} belum dibagikan ke akun layanan ${SA}: bagikan spreadsheet itu ke ${SA} sebagai Editor (tombol Bagikan di Google Sheets).`,
      },
    })
    const english = await (await client.send('/api/health', { headers: { 'Accept-Language': 'en' } })).json()
    expect((english as { problem: { message: string } }).problem.message).toBe(
      `Spreadsheet ${SHEET} is not shared with the service account ${SA}: share it with ${SA} as Editor (Share in Google Sheets).`,
    )
    const status = (await (
      await client.send('/api/sync/status', { token: coordinator, headers: { 'Accept-Language': 'en' } })
    ).json()) as { problem: unknown; last_upstream_error: { kind: string } }
    expect(status.problem).toEqual((english as { problem: unknown }).problem)
    expect(status.last_upstream_error.kind).toBe('not_shared')
    // No secret: nothing of the key but its address.
    expect(JSON.stringify([health, english, status])).not.toMatch(/PRIVATE KEY|private_key|AUTH_SECRET/)
  })
})

describe('sheetAccessMessage', () => {
  const problem = (
    code: SheetAccessProblem['code'],
    service_account: string | null = 'sa@uji.iam',
  ): SheetAccessProblem => ({
    code,
    spreadsheet_id: 'sheet-uji',
    service_account,
  })

  it.each([
    [problem('sheet_not_shared'), 'id', 'Spreadsheet sheet-uji belum dibagikan ke akun layanan sa@uji.iam'],
    [problem('sheet_not_shared', null), 'en', 'share it with the client_email of the service-account key as Editor'],
    [problem('sheets_api_disabled'), 'en', 'the Google Sheets API is not enabled'],
    [problem('sheets_api_disabled'), 'id', 'Google Sheets API belum diaktifkan'],
    [problem('token_scopes'), 'en', 'lacks the spreadsheets scope'],
    [problem('token_scopes'), 'id', 'tidak memiliki cakupan (scope) spreadsheets'],
  ] as const)('words %j in %s', (p, lang, expected) => {
    expect(sheetAccessMessage(p, lang)).toContain(expected)
  })
})
