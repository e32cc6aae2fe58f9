import { describe, expect, it } from 'vitest'
import { ok } from '../../src/domain/result'
import { DEFAULT_RETRY_POLICY, fullJitterDelay, parseRetryAfter } from '../../src/sheets/backoff'
import { createSheetsClient, encodePathSegment, type RetryEvent, type SheetsClientDeps } from '../../src/sheets/client'
import { createStaticTokenSource, type TokenSource } from '../../src/sheets/service-account'
import { redactGoogleMessage } from '../../src/sheets/sheets-error'
import { googleError, json, manualClock, type Reply, scriptedFetch } from './fakes'

// Unit tests with a scripted fetch: exact URLs, retry decisions and error mapping. The same
// behaviour against the emulator's injected faults is in client-emulator.test.ts.

const BASE = 'https://sheets.googleapis.com'
const SID = 'sheet-uji-client'
const valueRange = { range: 'Cases!A1:B2', majorDimension: 'ROWS', values: [['AB', 1]] }
const batchGetBody = { spreadsheetId: SID, valueRanges: [valueRange] }
const batchUpdateBody = { spreadsheetId: SID, replies: [{}] }

function setup(replies: Parameters<typeof scriptedFetch>[0], overrides: Partial<SheetsClientDeps> = {}) {
  const clock = manualClock()
  const fake = scriptedFetch(replies)
  const retries: RetryEvent[] = []
  const client = createSheetsClient({
    fetch: fake.fetch,
    baseUrl: BASE,
    tokenSource: createStaticTokenSource('ya29.uji'),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    timeoutMs: 50,
    onRetry: (event) => retries.push(event),
    ...overrides,
  })
  return { client, fake, clock, retries }
}

const batchGet = (client: ReturnType<typeof setup>['client']) =>
  client.values.batchGet({ spreadsheetId: SID, ranges: ['Cases', 'Sessions!A2:M'] })
const batchUpdate = (client: ReturnType<typeof setup>['client']) =>
  client.spreadsheets.batchUpdate({ spreadsheetId: SID, requestBody: { requests: [] } })

describe('createSheetsClient requests', () => {
  it('sends batchGet with UNFORMATTED_VALUE, SERIAL_NUMBER and ROWS by default, ranges repeated', async () => {
    const { client, fake } = setup([json(batchGetBody)])
    expect(await client.values.batchGet({ spreadsheetId: SID, ranges: ["'My Sheet'!A1:B2", "It's!1:2"] })).toEqual(
      ok(batchGetBody),
    )
    expect(fake.requests[0]?.url).toBe(
      `${BASE}/v4/spreadsheets/${SID}/values:batchGet?ranges=%27My%20Sheet%27%21A1%3AB2&ranges=It%27s%211%3A2` +
        '&majorDimension=ROWS&valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER',
    )
    expect(fake.requests[0]?.method).toBe('GET')
    expect(fake.requests[0]?.headers.get('authorization')).toBe('Bearer ya29.uji')
  })

  it('encodes the range of values.get and values.append like the googleapis client (colon of the verb literal)', async () => {
    const appendBody = { spreadsheetId: SID, updates: { spreadsheetId: SID, updatedRange: 'Sessions!A5:C5' } }
    const { client, fake } = setup([json(valueRange), json(appendBody)])
    await client.values.get({ spreadsheetId: SID, range: 'Cases!A1:B2', valueRenderOption: 'FORMULA' })
    await client.values.append({
      spreadsheetId: SID,
      range: "'Rencana Intervensi'!A1",
      requestBody: { values: [['=1+1', 2, true]] },
    })
    expect(fake.requests.map((r) => `${r.method} ${r.url.slice(BASE.length)}`)).toEqual([
      `GET /v4/spreadsheets/${SID}/values/Cases%21A1%3AB2?majorDimension=ROWS&valueRenderOption=FORMULA&dateTimeRenderOption=SERIAL_NUMBER`,
      `POST /v4/spreadsheets/${SID}/values/%27Rencana%20Intervensi%27%21A1:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`,
    ])
    expect(JSON.parse(fake.requests[1]?.body ?? '')).toEqual({ values: [['=1+1', 2, true]] })
    expect(fake.requests[1]?.headers.get('content-type')).toBe('application/json')
  })

  it('sends spreadsheets.get with its mask, batchUpdate, values.batchUpdate (RAW by default) and metadata search', async () => {
    const { client, fake } = setup([
      json({ spreadsheetId: SID }),
      json(batchUpdateBody),
      json({ spreadsheetId: SID, responses: [] }),
      json({}),
    ])
    await client.spreadsheets.get({
      spreadsheetId: SID,
      ranges: ['Cases!1:1'],
      fields: 'sheets(properties(sheetId,title))',
    })
    await batchUpdate(client)
    await client.values.batchUpdate({
      spreadsheetId: SID,
      requestBody: { data: [{ range: 'Cases!A2', values: [['x']] }] },
    })
    await client.developerMetadata.search({
      spreadsheetId: SID,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'column' } }] },
    })
    expect(fake.requests.map((r) => `${r.method} ${r.url.slice(BASE.length)}`)).toEqual([
      `GET /v4/spreadsheets/${SID}?ranges=Cases%211%3A1&fields=sheets%28properties%28sheetId%2Ctitle%29%29`,
      `POST /v4/spreadsheets/${SID}:batchUpdate`,
      `POST /v4/spreadsheets/${SID}/values:batchUpdate`,
      `POST /v4/spreadsheets/${SID}/developerMetadata:search`,
    ])
    expect(JSON.parse(fake.requests[2]?.body ?? '')).toEqual({
      data: [{ range: 'Cases!A2', values: [['x']] }],
      valueInputOption: 'RAW',
    })
  })

  it('sends batchUpdate’s fields mask as a query parameter, leaving the body as given', async () => {
    const { client, fake } = setup([json({ spreadsheetId: SID, updatedSpreadsheet: { sheets: [] } })])
    const requestBody = { requests: [], includeSpreadsheetInResponse: true, responseRanges: ['Cases!2:2'] }
    const r = await client.spreadsheets.batchUpdate({
      spreadsheetId: SID,
      requestBody,
      fields: 'spreadsheetId,updatedSpreadsheet(sheets(data(rowData(values(effectiveValue)))))',
    })
    expect(r.ok && r.value.updatedSpreadsheet).toEqual({ sheets: [] })
    expect(fake.requests[0]?.url.slice(BASE.length)).toBe(
      `/v4/spreadsheets/${SID}:batchUpdate?fields=spreadsheetId%2CupdatedSpreadsheet%28sheets%28data%28rowData%28values%28effectiveValue%29%29%29%29%29`,
    )
    expect(JSON.parse(fake.requests[0]?.body ?? '')).toEqual(requestBody)
  })

  it('accepts a base URL with a trailing slash', async () => {
    const { client, fake } = setup([json(batchUpdateBody)], { baseUrl: 'http://127.0.0.1:8788/' })
    await batchUpdate(client)
    expect(fake.requests[0]?.url).toBe(`http://127.0.0.1:8788/v4/spreadsheets/${SID}:batchUpdate`)
  })
})

describe('createSheetsClient retries of idempotent calls', () => {
  it('retries 429 after exactly the Retry-After the server asked for', async () => {
    const { client, fake, clock, retries } = setup([
      googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', { 'retry-after': '2' }),
      json(batchGetBody),
    ])
    expect(await batchGet(client)).toEqual(ok(batchGetBody))
    expect(fake.requests).toHaveLength(2)
    expect(clock.sleeps).toEqual([2000])
    expect(retries).toEqual([
      { method: 'values.batchGet', attempt: 1, delayMs: 2000, reason: 'rate_limited', status: 429 },
    ])
  })

  it.each([
    ['503', () => googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.')],
    ['500', () => googleError(500, 'INTERNAL', 'Internal error encountered.')],
    ['408', () => new Response('', { status: 408 })],
    ['a dropped connection', () => 'network-error' as const],
    ['a timeout', () => 'hang' as const],
  ])('retries %s with full-jitter exponential backoff', async (_case, fault) => {
    const { client, fake, clock } = setup([fault(), fault(), fault(), json(batchGetBody)])
    expect(await batchGet(client)).toEqual(ok(batchGetBody))
    expect(fake.requests).toHaveLength(4)
    // random() = 0.5 → half of min(cap, 500 · 2^n)
    expect(clock.sleeps).toEqual([250, 500, 1000])
  })

  it.each([
    ['503', () => googleError(503, 'UNAVAILABLE', 'down'), { kind: 'unavailable', status: 503 }],
    ['429', () => googleError(429, 'RESOURCE_EXHAUSTED', 'quota'), { kind: 'rate_limited', retryAfterMs: null }],
    [
      'a dropped connection',
      () => 'network-error' as const,
      { kind: 'network', message: 'TypeError: Network connection lost.' },
    ],
    ['a timeout', () => 'hang' as const, { kind: 'timeout' }],
  ])('gives up on %s after the configured attempts', async (_case, fault, error) => {
    const { client, fake } = setup(
      Array.from({ length: 3 }, (): Reply => fault()),
      { retry: { attempts: 3 } },
    )
    expect(await batchGet(client)).toEqual({ ok: false, error: { method: 'values.batchGet', attempts: 3, ...error } })
    expect(fake.requests).toHaveLength(3)
  })

  it('stops when the next wait would overrun the time budget, reporting the server’s Retry-After', async () => {
    const { client, fake, clock } = setup([googleError(429, 'RESOURCE_EXHAUSTED', 'quota', { 'retry-after': '61' })], {
      retry: { budgetMs: 60_000 },
    })
    expect(await batchGet(client)).toEqual({
      ok: false,
      error: { kind: 'rate_limited', method: 'values.batchGet', retryAfterMs: 61_000, attempts: 1 },
    })
    expect(fake.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('lets one call shorten the budget (an HTTP request cannot wait a minute)', async () => {
    const { client, fake } = setup([googleError(429, 'RESOURCE_EXHAUSTED', 'quota', { 'retry-after': '5' })])
    const result = await client.values.batchGet(
      { spreadsheetId: SID, ranges: ['Cases'] },
      { retry: { budgetMs: 1000 } },
    )
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 5000 } })
    expect(fake.requests).toHaveLength(1)
  })

  it.each([
    [400, 'INVALID_ARGUMENT', 'bad_request'],
    [403, 'PERMISSION_DENIED', 'permission_denied'],
    [404, 'NOT_FOUND', 'not_found'],
  ])('does not retry %i', async (code, status, kind) => {
    const { client, fake } = setup([googleError(code, status, 'Requested entity was not found.')])
    expect(await batchGet(client)).toMatchObject({ ok: false, error: { kind, attempts: 1 } })
    expect(fake.requests).toHaveLength(1)
  })
})

describe('createSheetsClient and non-idempotent calls', () => {
  it.each([
    ['503 (maybe applied)', googleError(503, 'UNAVAILABLE', 'down'), { cause: 'server_error', status: 503 }],
    ['500', googleError(500, 'INTERNAL', 'Internal error encountered.'), { cause: 'server_error', status: 500 }],
    ['a dropped connection', 'network-error' as const, { cause: 'network', status: null }],
    ['a timeout', 'hang' as const, { cause: 'timeout', status: null }],
  ])('never re-sends batchUpdate after %s: outcome_unknown', async (_case, fault, detail) => {
    const { client, fake, clock } = setup([fault, json(batchUpdateBody)])
    expect(await batchUpdate(client)).toEqual({
      ok: false,
      error: { kind: 'outcome_unknown', method: 'spreadsheets.batchUpdate', attempts: 1, ...detail },
    })
    expect(fake.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it.each([
    [
      'values.append',
      (c: ReturnType<typeof setup>['client']) =>
        c.values.append({ spreadsheetId: SID, range: 'Sessions!A1', requestBody: { values: [['x']] } }),
    ],
    [
      'values.batchUpdate',
      (c: ReturnType<typeof setup>['client']) =>
        c.values.batchUpdate({ spreadsheetId: SID, requestBody: { data: [] } }),
    ],
  ])('treats %s the same way', async (method, send) => {
    const { client, fake } = setup([googleError(503, 'UNAVAILABLE', 'down')])
    expect(await send(client)).toMatchObject({ ok: false, error: { kind: 'outcome_unknown', method } })
    expect(fake.requests).toHaveLength(1)
  })

  it('retries a 429, which Google answers before applying anything', async () => {
    const { client, fake, clock } = setup([
      googleError(429, 'RESOURCE_EXHAUSTED', 'quota', { 'retry-after': '1' }),
      json(batchUpdateBody),
    ])
    expect(await batchUpdate(client)).toEqual(ok(batchUpdateBody))
    expect(fake.requests).toHaveLength(2)
    expect(clock.sleeps).toEqual([1000])
  })
})

describe('createSheetsClient authentication', () => {
  function countingTokens(): TokenSource & { invalidated: string[]; issued: number } {
    let n = 0
    const invalidated: string[] = []
    return {
      invalidated,
      get issued() {
        return n
      },
      getToken: async () => ok({ token: `tok-${++n}`, expiresAt: Number.POSITIVE_INFINITY }),
      invalidate: (token) => invalidated.push(token),
    }
  }

  it('drops the token after a 401 and retries once with a fresh one, even for batchUpdate', async () => {
    const tokens = countingTokens()
    const { client, fake } = setup(
      [googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'), json(batchUpdateBody)],
      {
        tokenSource: tokens,
      },
    )
    expect(await batchUpdate(client)).toEqual(ok(batchUpdateBody))
    expect(tokens.invalidated).toEqual(['tok-1'])
    expect(fake.requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer tok-1', 'Bearer tok-2'])
  })

  it('reports unauthenticated after a second 401', async () => {
    const unauthorised = () => googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')
    const { client, fake } = setup([unauthorised(), unauthorised()], { tokenSource: countingTokens() })
    expect(await batchGet(client)).toEqual({
      ok: false,
      error: {
        kind: 'unauthenticated',
        method: 'values.batchGet',
        message: 'Request had invalid authentication credentials.',
        attempts: 2,
      },
    })
    expect(fake.requests).toHaveLength(2)
  })

  it('returns a permanent token error without calling the Sheets API', async () => {
    const tokenSource: TokenSource = {
      getToken: async () => ({ ok: false, error: { kind: 'invalid_private_key', reason: 'not_pkcs8' } }),
      invalidate: () => {},
    }
    const { client, fake } = setup([], { tokenSource })
    expect(await batchUpdate(client)).toEqual({
      ok: false,
      error: {
        kind: 'auth',
        method: 'spreadsheets.batchUpdate',
        error: { kind: 'invalid_private_key', reason: 'not_pkcs8' },
        attempts: 0,
      },
    })
    expect(fake.requests).toHaveLength(0)
  })

  it('retries a token endpoint outage, even for a write (nothing was sent yet)', async () => {
    let calls = 0
    const tokenSource: TokenSource = {
      getToken: async () =>
        ++calls === 1
          ? { ok: false, error: { kind: 'token_unavailable', status: 503, cause: 'http' } }
          : ok({ token: 'late', expiresAt: Number.POSITIVE_INFINITY }),
      invalidate: () => {},
    }
    const { client, fake, retries } = setup([json(batchUpdateBody)], { tokenSource })
    expect(await batchUpdate(client)).toEqual(ok(batchUpdateBody))
    expect(fake.requests).toHaveLength(1)
    expect(retries.map((r) => r.reason)).toEqual(['token_unavailable'])
  })
})

describe('createSheetsClient responses', () => {
  it('reports a 2xx that is not JSON, not the expected shape, or a non-scalar cell as invalid_response', async () => {
    const { client } = setup([
      new Response('<html>', { status: 200 }),
      json({ valueRanges: 'x' }),
      json({ spreadsheetId: SID, valueRanges: [{ range: 'Cases!A1', values: [['AB', { formula: '=1' }]] }] }),
    ])
    expect(await batchGet(client)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_response', message: 'body is not JSON' },
    })
    expect(await batchGet(client)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_response', message: 'body does not match the expected shape' },
    })
    expect(await batchGet(client)).toMatchObject({ ok: false, error: { kind: 'invalid_response', status: 200 } })
  })

  it('keeps Google’s message and status of a 400 but never an echoed cell value', async () => {
    const message = `Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), "AB lahir 2019"`
    const { client } = setup([googleError(400, 'INVALID_ARGUMENT', message)])
    const result = await batchUpdate(client)
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'bad_request',
        method: 'spreadsheets.batchUpdate',
        status: 400,
        googleStatus: 'INVALID_ARGUMENT',
        message: `Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), <redacted>`,
        attempts: 1,
      },
    })
    expect(JSON.stringify(result)).not.toContain('lahir')
  })
})

describe('redactGoogleMessage', () => {
  it.each([
    ['Unable to parse range: Cases!A1:[5', 'Unable to parse range: Cases!A1:[5'],
    [
      `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "USER_ENTER"`,
      `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), <redacted>`,
    ],
    ['x'.repeat(400), `${'x'.repeat(300)}…`],
  ])('turns %j into %j', (input, expected) => {
    expect(redactGoogleMessage(input)).toBe(expected)
  })
})

describe('backoff', () => {
  it.each([
    [0, 0.999, 499],
    [1, 0.5, 500],
    [6, 0.5, 16_000],
    [7, 0.5, 16_000],
    [30, 0.999, 31_968],
    [3, 0, 0],
  ])('waits floor(random · min(cap, base · 2^n)) before retry %i (random %f → %i ms)', (retry, random, expected) => {
    expect(fullJitterDelay(DEFAULT_RETRY_POLICY, retry, () => random)).toBe(expected)
  })

  it.each([
    [null, null],
    ['3', 3000],
    [' 0 ', 0],
    ['Wed, 05 Mar 2025 08:00:10 GMT', 10_000],
    ['Wed, 05 Mar 2025 07:00:00 GMT', 0],
    ['soon', null],
  ])('reads Retry-After %j as %j ms', (header, expected) => {
    expect(parseRetryAfter(header, Date.UTC(2025, 2, 5, 8, 0, 0))).toBe(expected)
  })
})

describe('encodePathSegment', () => {
  it.each([
    ['Sheet1!A1:B2', 'Sheet1%21A1%3AB2'],
    ["'My Sheet'!A1:B2", '%27My%20Sheet%27%21A1%3AB2'],
    ["'It''s'!1:2", '%27It%27%27s%27%211%3A2'],
    ['a/b!A1', 'a%2Fb%21A1'],
    ['(x)*', '%28x%29%2A'],
  ])('encodes %s as the googleapis client does', (input, expected) => {
    expect(encodePathSegment(input)).toBe(expected)
  })
})
