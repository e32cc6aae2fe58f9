import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { serviceAccountAccessToken } from '../support/service-account-token'

const SHEETS = 'https://sheets.googleapis.com'
const bindings = env as unknown as Record<string, string>

describe('the workers project outbound wiring', () => {
  it('reaches the emulator: a spreadsheet created with a fixed id reads back through the Sheets API', async () => {
    const id = `wiring-${crypto.randomUUID()}`
    const created = await fetch(`${SHEETS}/_emulator/spreadsheets/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        properties: { title: 'Wiring check' },
        sheets: [{ properties: { sheetId: 0, title: 'Cases', gridProperties: { rowCount: 10, columnCount: 4 } } }],
      }),
    })
    expect(created.status).toBe(200)

    const token = await serviceAccountAccessToken(
      bindings.GOOGLE_SERVICE_ACCOUNT_JSON ?? '',
      undefined,
      bindings.GOOGLE_TOKEN_URL,
    )
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const put = await fetch(
      `${SHEETS}/v4/spreadsheets/${id}/values/${encodeURIComponent('Cases!A1')}?valueInputOption=RAW`,
      {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({
          values: [
            ['case_id', 'initials'],
            ['K-0001', 'AB'],
          ],
        }),
      },
    )
    expect(await put.json()).toMatchObject({ updatedRange: 'Cases!A1:B2', updatedCells: 4 })

    const read = await fetch(`${SHEETS}/v4/spreadsheets/${id}/values/Cases`, { headers: auth })
    expect(await read.json()).toEqual({
      range: 'Cases!A1:D10',
      majorDimension: 'ROWS',
      values: [
        ['case_id', 'initials'],
        ['K-0001', 'AB'],
      ],
    })
    const meta = (await (
      await fetch(`${SHEETS}/v4/spreadsheets/${id}?fields=properties.title`, { headers: auth })
    ).json()) as unknown
    expect(meta).toEqual({ properties: { title: 'Wiring check' } })
  })

  it('rejects an unsigned bearer token because the emulator runs in strict auth mode', async () => {
    const res = await fetch(`${SHEETS}/v4/spreadsheets/anything/values/A1`, {
      headers: { authorization: 'Bearer made-up' },
    })
    expect(res.status).toBe(401)
  })

  it('blocks hosts other than Google with 599', async () => {
    const res = await fetch('https://example.com/')
    expect(res.status).toBe(599)
  })
})
