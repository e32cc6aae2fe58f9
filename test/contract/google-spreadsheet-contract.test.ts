/**
 * Contract test with the most used Node client of the Sheets API, `google-spreadsheet` (npm),
 * driven unchanged against the emulator over real HTTP on 127.0.0.1: load the document's info,
 * set and load the header row, add rows, get rows, save a row, update cells. The library has
 * Google's URL built in, so its fetches to sheets.googleapis.com are sent to the emulator instead
 * (the library itself is not touched). Strict auth: the access token comes from the emulator's
 * /token for a service account's signed assertion, as the Worker gets its own.
 *
 * Its requests differ from googleapis' where Google is lenient: a slash before the custom verb
 * (`…/{id}/:batchUpdate`) and after the id (`GET …/{id}/`).
 */
import { generateKeyPairSync } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { GoogleSpreadsheet } from 'google-spreadsheet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator/index'
import { createServiceAccountTokenSource, parseServiceAccount } from '../../src/sheets/service-account'

const SA_EMAIL = 'casebook-gs@sentra-uji.iam.gserviceaccount.com'
const SHARED = 'contract-google-spreadsheet'
const UNSHARED = 'contract-google-spreadsheet-private'

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})

const emulator = createEmulator({
  authMode: 'strict',
  defaultPrincipal: 'koordinator@sentra-uji.example',
  serviceAccounts: [{ client_email: SA_EMAIL, public_key_pem: publicKey }],
})
let server: ReturnType<typeof serve>
let root = ''
let token = ''
const realFetch = globalThis.fetch
/** Method and path of every request the library made, in order. */
const seen: string[] = []

/** Google's hosts go to the emulator; anything else is refused (no network in tests). */
async function routedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init)
  const url = new URL(req.url)
  if (url.hostname !== 'sheets.googleapis.com') throw new Error(`blocked fetch to ${url.origin}`)
  seen.push(`${req.method} ${url.pathname}`)
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer()
  return realFetch(`${root}${url.pathname}${url.search}`, {
    method: req.method,
    headers: req.headers,
    ...(body === undefined ? {} : { body }),
  })
}

const control = (path: string, body: unknown) =>
  realFetch(`${root}/_emulator${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

beforeAll(async () => {
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sheet = { properties: { sheetId: 0, title: 'Kasus', gridProperties: { rowCount: 20, columnCount: 5 } } }
  expect(
    (await control(`/spreadsheets/${SHARED}`, { properties: { title: 'Buku Kasus' }, sheets: [sheet] })).status,
  ).toBe(200)
  expect((await control(`/spreadsheets/${UNSHARED}?shared_with=`, { sheets: [sheet] })).status).toBe(200)
  const sa = parseServiceAccount({ type: 'service_account', client_email: SA_EMAIL, private_key: privateKey })
  if (!sa.ok) throw new Error('service account fixture')
  const minted = await createServiceAccountTokenSource({
    serviceAccount: sa.value,
    fetch: realFetch,
    now: Date.now,
    tokenUrl: `${root}/token`,
  }).getToken()
  if (!minted.ok) throw new Error('no token from the emulator')
  token = minted.value.token
  globalThis.fetch = routedFetch as typeof fetch
}, 30_000)

afterAll(async () => {
  globalThis.fetch = realFetch
  await new Promise((resolve) => server?.close(resolve))
})

/** The sheet as the Sheets API reads it back. */
async function values(range: string): Promise<unknown> {
  const res = await realFetch(`${root}/v4/spreadsheets/${SHARED}/values/${encodeURIComponent(range)}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return ((await res.json()) as { values?: unknown }).values
}

describe('google-spreadsheet (npm) against the emulator', () => {
  it('loads the info, writes a header row, adds, reads and saves rows, and updates cells', async () => {
    const doc = new GoogleSpreadsheet(SHARED, { token })
    await doc.loadInfo()
    expect(doc.title).toBe('Buku Kasus')
    expect(doc.sheetCount).toBe(1)
    const sheet = doc.sheetsByTitle.Kasus
    if (sheet === undefined) throw new Error('no Kasus tab')
    expect([sheet.sheetId, sheet.rowCount, sheet.columnCount]).toEqual([0, 20, 5])

    await sheet.setHeaderRow(['case_id', 'initials', 'status'])
    await sheet.loadHeaderRow()
    expect(sheet.headerValues).toEqual(['case_id', 'initials', 'status'])

    const added = await sheet.addRows([
      { case_id: 'K-0001', initials: 'A.B.', status: 'aktif' },
      { case_id: 'K-0002', initials: 'C.D.', status: 'aktif' },
    ])
    expect(added.map((r) => r.rowNumber)).toEqual([2, 3])

    const rows = await sheet.getRows()
    expect(rows.map((r) => r.toObject())).toEqual([
      { case_id: 'K-0001', initials: 'A.B.', status: 'aktif' },
      { case_id: 'K-0002', initials: 'C.D.', status: 'aktif' },
    ])
    const second = rows[1]
    if (second === undefined) throw new Error('no second row')
    second.set('status', 'ditutup')
    await second.save()

    await sheet.loadCells('A1:C3')
    const cell = sheet.getCellByA1('B2')
    expect(cell.value).toBe('A.B.')
    cell.value = 'E.F.'
    sheet.getCellByA1('C2').note = 'dicek'
    await sheet.saveUpdatedCells()
    expect(sheet.getCellByA1('B2').value).toBe('E.F.')

    expect(await values('Kasus')).toEqual([
      ['case_id', 'initials', 'status'],
      ['K-0001', 'E.F.', 'aktif'],
      ['K-0002', 'C.D.', 'ditutup'],
    ])
    // What the library sent that googleapis does not: the slashes Google tolerates.
    expect(seen).toContain(`GET /v4/spreadsheets/${SHARED}/`)
    expect(seen).toContain(`POST /v4/spreadsheets/${SHARED}/:getByDataFilter`)
    expect(seen).toContain(`POST /v4/spreadsheets/${SHARED}/:batchUpdate`)
  })

  it('gets Google’s 403 for a spreadsheet not shared with the service account', async () => {
    const doc = new GoogleSpreadsheet(UNSHARED, { token })
    await expect(doc.loadInfo()).rejects.toThrow('Google API error - [403] The caller does not have permission')
  })
})
