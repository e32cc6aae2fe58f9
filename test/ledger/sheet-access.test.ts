// Health and sync status when Google refuses the service account: the spreadsheet was not shared
// with it (or only for viewing). Both say which spreadsheet and which address to share it with,
// until a call succeeds again.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { provisionCasebook } from '../support/casebook'
import { SHEETS_API_BASE } from '../support/emulator-control'

const bindings = env as unknown as Record<string, string>
const SERVICE_ACCOUNT = (JSON.parse(bindings.GOOGLE_SERVICE_ACCOUNT_JSON ?? '{}') as { client_email: string })
  .client_email

/** Who besides its owner may use the spreadsheet, as a person sets it in Drive's Share dialog. */
async function shareWith(spreadsheetId: string, role?: 'reader' | 'writer'): Promise<void> {
  const res = await fetch(`${SHEETS_API_BASE}/_emulator/spreadsheets/${spreadsheetId}/permissions`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      permissions: role === undefined ? [] : [{ type: 'user', role, emailAddress: SERVICE_ACCOUNT }],
    }),
  })
  expect(res.status).toBe(200)
}

describe('a spreadsheet that is not shared with the service account', () => {
  it('is named in health and sync status with the address to share it with, until sharing fixes it', async () => {
    const sheet = 'ledger-not-shared'
    const stub = await provisionCasebook(sheet)
    await shareWith(sheet)
    const refused = await stub.sync('api')
    expect(refused.ok ? 'ok' : refused.error.kind).toBe('sheet_unavailable')

    const problem = { code: 'sheet_not_shared', spreadsheet_id: sheet, service_account: SERVICE_ACCOUNT }
    expect(await stub.health()).toEqual({ ok: true, sheet: 'unreachable', outbox: 0, problem })
    const status = await stub.syncStatus()
    expect(status.problem).toEqual(problem)
    expect(status.last_upstream_error?.kind).toBe('not_shared')

    await shareWith(sheet, 'writer')
    const synced = await stub.sync('api')
    expect(synced.ok).toBe(true)
    expect(await stub.health()).toEqual({ ok: true, sheet: 'reachable', outbox: 0 })
    expect((await stub.syncStatus()).problem).toBeUndefined()
  }, 30_000)

  it('is still a problem when it is shared for viewing only and the ledger must write', async () => {
    const sheet = 'ledger-view-only'
    const stub = await provisionCasebook(sheet)
    await shareWith(sheet, 'reader')
    // The first sync binds the headers and fills the computed tabs: the write is refused.
    const r = await stub.sync('api')
    expect(r.ok ? 'ok' : r.error.kind).toBe('sheet_unavailable')
    expect((await stub.health()).problem).toEqual({
      code: 'sheet_not_shared',
      spreadsheet_id: sheet,
      service_account: SERVICE_ACCOUNT,
    })
  })
})
