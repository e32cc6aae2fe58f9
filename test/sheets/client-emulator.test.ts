import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { describe, expect, it } from 'vitest'
import { ok } from '../../src/domain/result'
import { createSheetsClient } from '../../src/sheets/client'
import { appendRowsRequest, encodeRow } from '../../src/sheets/row-codec'
import type { TokenSource } from '../../src/sheets/service-account'
import { createSpreadsheet, emulatorStats, SHEETS_API_BASE, setFaults } from '../support/emulator-control'
import { bindingsTokenSource, countingFetch, emulatorClient } from './emulator-sheet'

// The Worker's client against the emulator in strict auth mode (RS256 assertions verified, scopes
// enforced), with faults injected per spreadsheet. Sleeps are recorded, not waited.

const FILE = 'sheets-client-emu'
let counter = 0
const freshId = () => `${FILE}-${++counter}-${crypto.randomUUID().slice(0, 8)}`
const SESSIONS_ID = 71

async function sessionsSheet(): Promise<string> {
  const spreadsheetId = freshId()
  await createSpreadsheet(spreadsheetId, [{ sheetId: SESSIONS_ID, title: 'Sessions', rowCount: 20, columnCount: 6 }])
  return spreadsheetId
}

const sessionRow = (id: string): sheets_v4.Schema$Request =>
  appendRowsRequest(SESSIONS_ID, [
    encodeRow(
      { session_id: id, task: '=memilah pakaian', rating: 3 },
      new Map([
        ['session_id', 0],
        ['task', 1],
        ['rating', 2],
      ]),
    ),
  ])

async function sessionIds(spreadsheetId: string): Promise<unknown[]> {
  const { client } = emulatorClient()
  const read = await client.values.get({ spreadsheetId, range: 'Sessions!A:A' })
  if (!read.ok) throw new Error(`read failed: ${read.error.kind}`)
  return (read.value.values ?? []).map((row) => row[0])
}

describe('the service-account token source against the emulator', () => {
  it('makes one token request for many Sheets calls', async () => {
    const spreadsheetId = await sessionsSheet()
    const { client, counts } = emulatorClient()
    for (let i = 0; i < 5; i++) {
      expect((await client.values.batchGet({ spreadsheetId, ranges: ['Sessions'] })).ok).toBe(true)
    }
    expect(counts).toEqual({ token: 1, sheets: 5 })
  })

  it('shares one token request among concurrent first calls', async () => {
    const spreadsheetId = await sessionsSheet()
    const { client, counts } = emulatorClient()
    const results = await Promise.all(
      Array.from({ length: 10 }, () => client.values.get({ spreadsheetId, range: 'Sessions!A1' })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(counts.token).toBe(1)
  })

  it('asks for a new token once the injected clock reaches 60 s before expiry', async () => {
    const spreadsheetId = await sessionsSheet()
    // The clock starts ~58 min in the past, so both assertions stay inside the emulator's
    // iat/exp checks (its own clock is real): iat = now − 3500 s, then now + 39 s.
    let now = Date.now() - 3_500_000
    const counting = countingFetch()
    const client = createSheetsClient({
      fetch: counting.fetch,
      baseUrl: SHEETS_API_BASE,
      tokenSource: bindingsTokenSource(counting.fetch, () => now),
      now: () => now,
      sleep: async () => {},
      random: () => 0.5,
    })
    const read = () => client.values.get({ spreadsheetId, range: 'Sessions!A1' })

    expect((await read()).ok).toBe(true)
    // The emulator grants 3599 s; the source refreshes at 3599 − 60 = 3539 s.
    now += 3_538_999
    expect((await read()).ok).toBe(true)
    expect(counting.counts.token).toBe(1)
    now += 1
    expect((await read()).ok).toBe(true)
    expect(counting.counts.token).toBe(2)
  })

  it('recovers from a token the emulator does not know (401): drops it and retries once', async () => {
    const spreadsheetId = await sessionsSheet()
    const counting = countingFetch()
    const real = bindingsTokenSource(counting.fetch)
    let handedStale = false
    const invalidated: string[] = []
    const staleFirst: TokenSource = {
      getToken: async () => {
        if (handedStale) return real.getToken()
        handedStale = true
        return ok({ token: 'ya29.revoked-token', expiresAt: Date.now() + 3_600_000 })
      },
      invalidate: (token) => {
        invalidated.push(token)
        real.invalidate(token)
      },
    }
    const { client } = emulatorClient({ tokenSource: staleFirst, fetch: counting.fetch })
    expect(
      (await client.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [sessionRow('SES-0401')] } }))
        .ok,
    ).toBe(true)
    expect(invalidated).toEqual(['ya29.revoked-token'])
    expect(await sessionIds(spreadsheetId)).toEqual(['SES-0401'])
  })
})

describe('retries of idempotent calls under injected faults', () => {
  it('waits out a 429 for exactly its Retry-After, then reads', async () => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({
      spreadsheet_id: spreadsheetId,
      methods: ['values.batchGet'],
      next: ['429', '429'],
      retry_after_s: 2,
    })
    const { client, sleeps } = emulatorClient()

    const result = await client.values.batchGet({ spreadsheetId, ranges: ['Sessions!A1:C2'] })

    expect(result).toEqual(ok({ spreadsheetId, valueRanges: [{ range: 'Sessions!A1:C2', majorDimension: 'ROWS' }] }))
    expect(sleeps).toEqual([2000, 2000])
    expect((await emulatorStats(spreadsheetId)).by_method['values.batchGet']).toBe(3)
  })

  it.each([
    ['503', ['503', '503', '503']],
    ['500', ['500', '500']],
    ['a timeout', ['timeout']],
  ] as const)('backs off with full jitter through %s', async (_case, next) => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({ spreadsheet_id: spreadsheetId, methods: ['values.batchGet'], next: [...next], timeout_ms: 300 })
    const { client, sleeps } = emulatorClient({ timeoutMs: 100 })

    expect((await client.values.batchGet({ spreadsheetId, ranges: ['Sessions'] })).ok).toBe(true)
    // random() = 0.5: half of 500 · 2^n ms.
    expect(sleeps).toEqual([250, 500, 1000].slice(0, next.length))
  })

  it('gives up after the configured attempts with unavailable', async () => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({ spreadsheet_id: spreadsheetId, methods: ['developerMetadata.search'], rates: { '503': 1 } })
    const { client } = emulatorClient({ retry: { attempts: 3 } })

    const result = await client.developerMetadata.search({
      spreadsheetId,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'column' } }] },
    })

    expect(result).toEqual({
      ok: false,
      error: { kind: 'unavailable', method: 'developerMetadata.search', status: 503, attempts: 3 },
    })
    expect((await emulatorStats(spreadsheetId)).by_method['developerMetadata.search']).toBe(3)
  })
})

describe('non-idempotent calls under injected faults', () => {
  it('reports outcome_unknown on "applied then 503" for batchUpdate — and the row IS in the sheet', async () => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({
      spreadsheet_id: spreadsheetId,
      methods: ['spreadsheets.batchUpdate'],
      next: ['applied_then_503'],
    })
    const { client, sleeps } = emulatorClient()

    const result = await client.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests: [sessionRow('SES-0001')] },
    })

    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'outcome_unknown',
        method: 'spreadsheets.batchUpdate',
        cause: 'server_error',
        status: 503,
        attempts: 1,
      },
    })
    expect(sleeps).toEqual([])
    expect((await emulatorStats(spreadsheetId)).by_method['spreadsheets.batchUpdate']).toBe(1)
    // The caller must look before re-sending: the write was applied.
    expect(await sessionIds(spreadsheetId)).toEqual(['SES-0001'])
  })

  it('does not retry batchUpdate on a 503 answered before applying (nothing written, one call)', async () => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({ spreadsheet_id: spreadsheetId, methods: ['spreadsheets.batchUpdate'], next: ['503', 'ok'] })
    const { client } = emulatorClient()

    const result = await client.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests: [sessionRow('SES-0002')] },
    })

    expect(result).toMatchObject({ ok: false, error: { kind: 'outcome_unknown', cause: 'server_error', status: 503 } })
    expect((await emulatorStats(spreadsheetId)).by_method['spreadsheets.batchUpdate']).toBe(1)
    expect(await sessionIds(spreadsheetId)).toEqual([])
  })

  it('reports outcome_unknown when values.append times out, without re-sending', async () => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({ spreadsheet_id: spreadsheetId, methods: ['values.append'], next: ['timeout'], timeout_ms: 300 })
    const { client } = emulatorClient({ timeoutMs: 50 })

    const result = await client.values.append({
      spreadsheetId,
      range: 'Sessions!A1',
      requestBody: { values: [['SES-0003']] },
    })

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'outcome_unknown', method: 'values.append', cause: 'timeout' },
    })
    // The emulator applies the hung request after 300 ms; the client never sent a second one.
    for (
      let waited = 0;
      ((await emulatorStats(spreadsheetId)).by_method['values.append'] ?? 0) === 0 && waited < 5_000;
      waited += 50
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await emulatorStats(spreadsheetId)).by_method['values.append']).toBe(1)
    expect(await sessionIds(spreadsheetId)).toEqual(['SES-0003'])
  })

  it('retries a 429 on batchUpdate (definitive: not applied) and writes the row once', async () => {
    const spreadsheetId = await sessionsSheet()
    await setFaults({
      spreadsheet_id: spreadsheetId,
      methods: ['spreadsheets.batchUpdate'],
      next: ['429'],
      retry_after_s: 1,
    })
    const { client, sleeps } = emulatorClient()

    const result = await client.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests: [sessionRow('SES-0004')] },
    })

    expect(result).toEqual(ok({ spreadsheetId, replies: [{}] }))
    expect(sleeps).toEqual([1000])
    expect(await sessionIds(spreadsheetId)).toEqual(['SES-0004'])
  })

  it('writes formula-like text as text through appendCells', async () => {
    const spreadsheetId = await sessionsSheet()
    const { client } = emulatorClient()
    await client.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [sessionRow('SES-0005')] } })
    const read = await client.values.get({ spreadsheetId, range: 'Sessions!A1:C1', valueRenderOption: 'FORMULA' })
    expect(read).toEqual(
      ok({ range: 'Sessions!A1:C1', majorDimension: 'ROWS', values: [['SES-0005', '=memilah pakaian', 3]] }),
    )
  })
})
