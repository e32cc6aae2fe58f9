/**
 * Official-client contract test (issue 3, item 2), in Node: the `googleapis` Sheets client and the
 * Worker's own client (src/sheets, fetch + WebCrypto, which Node 20 has too) make every call the
 * Worker makes, over real HTTP on 127.0.0.1, and must get identical answers.
 *
 * Each client talks to its own emulator server; both emulators start from the same state with the
 * same seeded randomness, and receive the same calls in the same order, so even server-chosen ids
 * (metadata, protected ranges) must match. Both run in strict auth mode: the Worker's client signs
 * a real RS256 assertion and exchanges it at the emulator's /token; googleapis carries an access
 * token minted by the emulator (its JWT client cannot be pointed at a local token URL).
 */
import { generateKeyPairSync } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { auth, sheets, type sheets_v4 } from 'googleapis/build/src/apis/sheets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../../emulator/faults'
import { createEmulator } from '../../emulator/index'
import { buildTemplate } from '../../sheets-template/build-template'
import { TABLES } from '../../src/domain'
import { areaRange, columnsRange, rowsRange, sheetRange } from '../../src/sheets/a1'
import { createSheetsClient, type SheetsClient } from '../../src/sheets/client'
import { columnMarksSearchRequest } from '../../src/sheets/header-binding'
import { appendRowsRequest, encodeRow, updateRowCellsRequests } from '../../src/sheets/row-codec'
import { createServiceAccountTokenSource, parseServiceAccount } from '../../src/sheets/service-account'
import type { SheetsError } from '../../src/sheets/sheets-error'

const SA_EMAIL = 'casebook-contract@sentra-uji.iam.gserviceaccount.com'
const SPREADSHEET_ID = 'contract-googleapis-1'
const SCOPE = 'https://www.googleapis.com/auth/spreadsheets'

type Server = ReturnType<typeof serve>

interface Side {
  readonly root: string
  readonly server: Server
}

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})

async function startEmulator(): Promise<Side> {
  const emulator = createEmulator({
    authMode: 'strict',
    random: seededRandom(20250305),
    serviceAccounts: [{ client_email: SA_EMAIL, public_key_pem: publicKey }],
  })
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  const root = `http://127.0.0.1:${port}`
  const created = await fetch(`${root}/_emulator/spreadsheets/${SPREADSHEET_ID}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { title: 'Kontrak googleapis' } }),
  })
  if (created.status !== 200) throw new Error(`create failed: ${await created.text()}`)
  return { root, server }
}

let official: Side
let worker: Side
let gapi: sheets_v4.Sheets
let ours: SheetsClient

beforeAll(async () => {
  ;[official, worker] = await Promise.all([startEmulator(), startEmulator()])

  const minted = await fetch(`${official.root}/_emulator/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_email: SA_EMAIL, scopes: [SCOPE] }),
  })
  const { access_token } = (await minted.json()) as { access_token: string }
  const oauth = new auth.OAuth2()
  oauth.setCredentials({ access_token })
  gapi = sheets({ version: 'v4', rootUrl: `${official.root}/`, auth: oauth })

  const serviceAccount = parseServiceAccount({
    type: 'service_account',
    client_email: SA_EMAIL,
    private_key: privateKey,
  })
  if (!serviceAccount.ok) throw new Error('service account fixture')
  ours = createSheetsClient({
    fetch,
    baseUrl: worker.root,
    tokenSource: createServiceAccountTokenSource({
      serviceAccount: serviceAccount.value,
      fetch,
      now: Date.now,
      tokenUrl: `${worker.root}/token`,
    }),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    timeoutMs: 10_000,
  })
}, 30_000)

afterAll(async () => {
  await Promise.all([official, worker].map((side) => new Promise((resolve) => side?.server.close(resolve))))
})

/** What each client answered, in one comparable form. */
type Answer =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: number; readonly googleStatus: string; readonly message: string }

async function officialAnswer(call: () => Promise<{ data: unknown }>): Promise<Answer> {
  try {
    return { ok: true, body: (await call()).data }
  } catch (error) {
    // googleapis throws a GaxiosError: HTTP status on `status`, Google's envelope on `response.data`.
    const e = error as { status?: number; response?: { data?: { error?: { status?: string; message?: string } } } }
    const envelope = e.response?.data?.error
    return { ok: false, status: e.status ?? 0, googleStatus: envelope?.status ?? '', message: envelope?.message ?? '' }
  }
}

const STATUS_OF: Partial<Record<SheetsError['kind'], number>> = {
  not_found: 404,
  permission_denied: 403,
  unauthenticated: 401,
}

async function workerAnswer(call: () => ReturnType<SheetsClient['values']['get']>): Promise<Answer> {
  const result = await call()
  if (result.ok) return { ok: true, body: result.value }
  const error = result.error
  switch (error.kind) {
    case 'bad_request':
      return { ok: false, status: error.status, googleStatus: error.googleStatus, message: error.message }
    case 'not_found':
    case 'permission_denied':
      return {
        ok: false,
        status: STATUS_OF[error.kind] ?? 0,
        googleStatus: error.kind === 'not_found' ? 'NOT_FOUND' : 'PERMISSION_DENIED',
        message: error.message,
      }
    default:
      throw new Error(`unexpected worker error ${JSON.stringify(error)}`)
  }
}

/** Runs the same call through both clients, in order, and returns both answers. */
async function both(
  viaOfficial: () => Promise<{ data: unknown }>,
  viaWorker: () => Promise<unknown>,
): Promise<[Answer, Answer]> {
  const a = await officialAnswer(viaOfficial)
  const b = await workerAnswer(viaWorker as () => ReturnType<SheetsClient['values']['get']>)
  return [a, b]
}

const sessions = TABLES.sessions
const cases = TABLES.cases
const columnsOf = (table: { columns: readonly { key: string }[] }) => new Map(table.columns.map((c, i) => [c.key, i]))
const SESSIONS_SHEET_ID = 4
const CASES_SHEET_ID = 1
const NOTES_SHEET_ID = 77

const render = {
  majorDimension: 'ROWS',
  valueRenderOption: 'UNFORMATTED_VALUE',
  dateTimeRenderOption: 'SERIAL_NUMBER',
} as const

describe('googleapis and the Worker client give identical answers', () => {
  it('spreadsheets.batchUpdate: provisions the casebook template (replies carry server-chosen ids)', async () => {
    const requests: sheets_v4.Schema$Request[] = [
      ...buildTemplate().requests,
      {
        addSheet: {
          properties: {
            sheetId: NOTES_SHEET_ID,
            title: "Catatan Staf's",
            gridProperties: { rowCount: 10, columnCount: 4 },
          },
        },
      },
    ]
    const [a, b] = await both(
      () => gapi.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } }),
      () => ours.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } }),
    )
    expect(a.ok).toBe(true)
    expect(b).toEqual(a)
  }, 30_000) // 2 × 255 requests; ~1 s alone, but CI shares 2 cores with the other projects

  it('spreadsheets.batchUpdate: appendCells and updateCells with formula-like text, numbers and booleans', async () => {
    const row = (id: string, task: string, rating: number | string) =>
      encodeRow(
        {
          session_id: id,
          case_id: 'K-0001',
          goal_id: 'T-0001',
          date: 45721,
          task,
          assistance: 'penuh',
          rating,
          worker: 'peksos-uji',
        },
        columnsOf(sessions),
      )
    const requests = [
      appendRowsRequest(SESSIONS_SHEET_ID, [row('S-0001', '=IMPORTXML("http://x")', 1), row('S-0002', '+62 812', 'N')]),
      ...updateRowCellsRequests(SESSIONS_SHEET_ID, 2, new Map([[columnsOf(sessions).get('notes') ?? 0, '@catatan']])),
      appendRowsRequest(CASES_SHEET_ID, [
        encodeRow(
          { case_id: 'K-0001', initials: 'AB', sex: 'L', birth_date: 41000, consent_date: 45700 },
          columnsOf(cases),
        ),
      ]),
    ]
    const [a, b] = await both(
      () => gapi.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } }),
      () => ours.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } }),
    )
    expect(a).toEqual({ ok: true, body: { spreadsheetId: SPREADSHEET_ID, replies: [{}, {}, {}] } })
    expect(b).toEqual(a)
  })

  it('values.batchUpdate (RAW)', async () => {
    const requestBody: sheets_v4.Schema$BatchUpdateValuesRequest = {
      valueInputOption: 'RAW',
      data: [
        { range: areaRange("Catatan Staf's", { startRow: 0, startColumn: 0 }), values: [['=1+1', '0042', true, 3.5]] },
        {
          range: areaRange("Catatan Staf's", { startRow: 2, startColumn: 1 }),
          values: [
            ['', 'b3'],
            [null, 'c4'],
          ],
        },
      ],
    }
    const [a, b] = await both(
      () => gapi.spreadsheets.values.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody }),
      () => ours.values.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody }),
    )
    expect(a).toMatchObject({ ok: true, body: { totalUpdatedCells: 7 } })
    expect(b).toEqual(a)
  })

  it('values.append (RAW, INSERT_ROWS)', async () => {
    const params = {
      spreadsheetId: SPREADSHEET_ID,
      range: areaRange(sessions.title, { startRow: 0, startColumn: 0 }),
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
    } as const
    const values = [['S-0003', 'K-0001', 'T-0001', 45722, 'merendam', 'mandiri', '', '', '', 'peksos-uji']]
    const [a, b] = await both(
      () => gapi.spreadsheets.values.append({ ...params, requestBody: { values } }),
      () => ours.values.append({ ...params, requestBody: { values } }),
    )
    expect(a).toMatchObject({ ok: true, body: { updates: { updatedRange: 'Sessions!A4:J4' } } })
    expect(b).toEqual(a)
  })

  it.each([
    ['sheet ids and titles', { fields: 'sheets.properties(sheetId,title)' }],
    ['everything but grid data', {}],
    [
      'header column metadata of one tab',
      {
        ranges: [rowsRange(sessions.title, 0)],
        fields: 'sheets(properties(sheetId,title),data(startColumn,columnMetadata.developerMetadata))',
      },
    ],
    ['grid data of a quoted tab', { ranges: ["'Catatan Staf''s'!A1:D4"], includeGridData: true }],
  ])('spreadsheets.get: %s', async (_case, query) => {
    const params = { spreadsheetId: SPREADSHEET_ID, ...query }
    const [a, b] = await both(
      () => gapi.spreadsheets.get(params),
      () => ours.spreadsheets.get(params),
    )
    expect(a.ok).toBe(true)
    expect(b).toEqual(a)
  })

  it.each([
    ['a whole tab', sheetRange(sessions.title), render],
    ['a quoted tab with an apostrophe', "'Catatan Staf''s'!A1:D4", render],
    ['one column', columnsRange(cases.title, 0), render],
    [
      'formulas as typed',
      areaRange(sessions.title, { startRow: 1, startColumn: 0, endRow: 4, endColumn: 13 }),
      { ...render, valueRenderOption: 'FORMULA' },
    ],
    [
      'formatted strings by column',
      "'Catatan Staf''s'",
      { majorDimension: 'COLUMNS', valueRenderOption: 'FORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' },
    ],
  ] as const)('values.get: %s', async (_case, range, options) => {
    const params = { spreadsheetId: SPREADSHEET_ID, range, ...options }
    const [a, b] = await both(
      () => gapi.spreadsheets.values.get(params),
      () => ours.values.get(params),
    )
    expect(a.ok).toBe(true)
    expect(b).toEqual(a)
  })

  it('values.batchGet: every data tab at once, as the sync reads them', async () => {
    const params = {
      spreadsheetId: SPREADSHEET_ID,
      ranges: [cases.title, TABLES.assessments.title, TABLES.goals.title, sessions.title, "'Catatan Staf''s'!B3:C4"],
      ...render,
    }
    const [a, b] = await both(
      () => gapi.spreadsheets.values.batchGet(params),
      () => ours.values.batchGet(params),
    )
    expect(a).toMatchObject({ ok: true, body: { valueRanges: expect.any(Array) } })
    expect(b).toEqual(a)
  })

  it('developerMetadata.search: every column mark', async () => {
    const requestBody = columnMarksSearchRequest()
    const [a, b] = await both(
      () => gapi.spreadsheets.developerMetadata.search({ spreadsheetId: SPREADSHEET_ID, requestBody }),
      () => ours.developerMetadata.search({ spreadsheetId: SPREADSHEET_ID, requestBody }),
    )
    expect(a).toMatchObject({ ok: true, body: { matchedDeveloperMetadata: expect.any(Array) } })
    expect(b).toEqual(a)
  })

  it('developerMetadata.search: no match answers {}', async () => {
    const requestBody = { dataFilters: [{ developerMetadataLookup: { metadataKey: 'no-such-key' } }] }
    const [a, b] = await both(
      () => gapi.spreadsheets.developerMetadata.search({ spreadsheetId: SPREADSHEET_ID, requestBody }),
      () => ours.developerMetadata.search({ spreadsheetId: SPREADSHEET_ID, requestBody }),
    )
    expect(a).toEqual({ ok: true, body: {} })
    expect(b).toEqual(a)
  })

  it.each([
    ['an unknown tab', () => ({ spreadsheetId: SPREADSHEET_ID, ranges: ['Nope!A1'], ...render })],
    [
      'a range outside the grid',
      () => ({ spreadsheetId: SPREADSHEET_ID, ranges: ["'Catatan Staf''s'!A1:Z99"], ...render }),
    ],
    ['an unknown spreadsheet', () => ({ spreadsheetId: 'contract-missing', ranges: ['A1'], ...render })],
  ])('values.batchGet errors: %s', async (_case, params) => {
    const [a, b] = await both(
      () => gapi.spreadsheets.values.batchGet(params()),
      () => ours.values.batchGet(params()),
    )
    expect(a.ok).toBe(false)
    expect(b).toEqual(a)
  })

  it('spreadsheets.batchUpdate error: an invalid request changes nothing, same message', async () => {
    const requests = [
      appendRowsRequest(SESSIONS_SHEET_ID, [encodeRow({ session_id: 'S-0099' }, columnsOf(sessions))]),
      { addSheet: { properties: { title: sessions.title } } },
    ]
    const [a, b] = await both(
      () => gapi.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } }),
      () => ours.spreadsheets.batchUpdate({ spreadsheetId: SPREADSHEET_ID, requestBody: { requests } }),
    )
    expect(a).toMatchObject({ ok: false, status: 400, googleStatus: 'INVALID_ARGUMENT' })
    expect(b).toEqual(a)
  })

  it('leaves both spreadsheets in the same state', async () => {
    const params = {
      spreadsheetId: SPREADSHEET_ID,
      ranges: [sheetRange(sessions.title), "'Catatan Staf''s'"],
      ...render,
      valueRenderOption: 'FORMULA' as const,
    }
    const [a, b] = await both(
      () => gapi.spreadsheets.values.batchGet(params),
      () => ours.values.batchGet(params),
    )
    expect(b).toEqual(a)
    expect(JSON.stringify(a)).not.toContain('S-0099')
  })
})
