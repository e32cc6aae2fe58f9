import { describe, expect, it } from 'vitest'
import { harness } from './emulator-harness'

function withClock() {
  const slept: number[] = []
  const h = harness({
    sleep: async (ms) => {
      slept.push(ms)
    },
  })
  return { h, slept }
}

async function ready() {
  const { h, slept } = withClock()
  await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 100, columnCount: 5 } }])
  await h.createSpreadsheet('other', [
    { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 100, columnCount: 5 } },
  ])
  return { h, slept }
}

const rows = async (h: Awaited<ReturnType<typeof ready>>['h'], id = 'ss') =>
  (await h.values(id, 'Sheet1')).json.values ?? []

describe('fault injection', () => {
  it('plays a scripted sequence before the random rates, then answers normally', async () => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { next: ['429', '500', '503', 'ok'], retry_after_s: 7 })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await h.values('ss', 'A1')).status)
    expect(statuses).toEqual([429, 500, 503, 200, 200])
  })

  it('answers 429 with the quota envelope and Retry-After', async () => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { next: ['429'], retry_after_s: 7 })
    const res = await h.append('ss', 'Sheet1!A1', [['x']])
    expect(res.headers.get('retry-after')).toBe('7')
    expect(res.json.error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message:
        "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:100000000001'.",
    })
    expect(await rows(h)).toEqual([])
  })

  it.each([
    ['503', 503, false],
    ['500', 500, false],
    ['applied_then_503', 503, true],
    ['timeout', 200, true],
  ])('%s answers %i and applied=%s', async (fault, status, applied) => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { next: [fault], methods: ['values.append'] })
    const res = await h.append('ss', 'Sheet1!A1', [['x']])
    expect(res.status).toBe(status)
    expect(await rows(h)).toEqual(applied ? [['x']] : [])
  })

  it('hangs a timeout for timeout_ms and adds latency_ms to every matching call', async () => {
    const { h, slept } = await ready()
    await h.call('POST', '/_emulator/faults', { next: ['timeout'], timeout_ms: 12_000, latency_ms: 100 })
    await h.append('ss', 'Sheet1!A1', [['x']])
    await h.values('ss', 'A1')
    expect(slept).toEqual([100, 12_000, 100])
  })

  it('draws the same faults from the same seed', async () => {
    const run = async () => {
      const { h } = await ready()
      await h.call('POST', '/_emulator/faults', { seed: 42, rates: { '429': 0.3, '500': 0.1, '503': 0.1 } })
      const out: number[] = []
      for (let i = 0; i < 40; i++) out.push((await h.values('ss', 'A1')).status)
      return out
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 429, 500, 503]))
  })

  it('scopes faults to one spreadsheet and to methods, the most specific config winning', async () => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { rates: { '500': 1 } })
    await h.call('POST', '/_emulator/faults', { spreadsheet_id: 'ss', rates: { '503': 1 } })
    await h.call('POST', '/_emulator/faults', { spreadsheet_id: 'ss', methods: ['values.get'], rates: {} })
    expect((await h.values('ss', 'A1')).status).toBe(200)
    expect((await h.append('ss', 'A1', [['x']])).status).toBe(503)
    expect((await h.values('other', 'A1')).status).toBe(500)
    await h.call('DELETE', '/_emulator/faults?spreadsheet_id=ss')
    expect((await h.values('ss', 'A1')).status).toBe(500)
    await h.call('DELETE', '/_emulator/faults')
    expect((await h.values('ss', 'A1')).status).toBe(200)
  })

  it('leaves the token endpoint, Drive and the control endpoints alone', async () => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { rates: { '503': 1 } })
    const token = await h.call(
      'POST',
      '/token',
      'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c',
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    )
    expect(token.status).not.toBe(503)
    expect((await h.call('GET', '/drive/v3/files/ss?fields=id')).status).toBe(200)
    expect((await h.call('GET', '/_emulator/stats')).status).toBe(200)
  })

  it.each([
    [{ rates: { '429': 0.7, '500': 0.5 } }, 'The fault rates must add up to at most 1.'],
    [{ rates: { '418': 0.1 } }, 'Unknown fault rate "418".'],
    [{ next: ['boom'] }, 'Unknown scripted fault "boom".'],
    [{ latency: 5 }, 'Unknown fault field "latency".'],
    [{ apply_delay_ms: -1 }, 'apply_delay_ms must be a number >= 0.'],
    [{ apply_delay_ms: '2s' }, 'apply_delay_ms must be a number >= 0.'],
  ])('rejects the fault config %j', async (config, message) => {
    const { h } = await ready()
    const res = await h.call('POST', '/_emulator/faults', config)
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe(message)
  })
})

/** An emulator whose sleeps wait until the test releases them, so a late write lands when the test says. */
async function withHeldSleeps() {
  const held: { ms: number; release: () => void }[] = []
  const h = harness({
    sleep: (ms) => new Promise<void>((release) => held.push({ ms, release })),
  })
  await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 100, columnCount: 5 } }])
  const releaseAll = async () => {
    for (const s of held.splice(0)) s.release()
    // Let the released writes take their lock and commit.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
  }
  return { h, held, releaseAll }
}

describe('503_then_applied: answered 503 at once, applied later', () => {
  it('answers 503 with nothing applied yet, then applies the write after apply_delay_ms', async () => {
    const { h, held, releaseAll } = await withHeldSleeps()
    await h.call('POST', '/_emulator/faults', { rates: { '503_then_applied': 1 }, apply_delay_ms: 2500 })
    const res = await h.append('ss', 'Sheet1!A1', [['late']])
    expect(res.status).toBe(503)
    expect(res.json.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' })
    await h.call('DELETE', '/_emulator/faults')
    expect(await rows(h)).toEqual([])
    expect(held.map((s) => s.ms)).toEqual([2500])
    expect((await h.call('GET', '/_emulator/faults')).json.late_writes).toEqual({ pending: 1, applied: 0, refused: 0 })
    await releaseAll()
    expect(await rows(h)).toEqual([['late']])
    expect((await h.call('GET', '/_emulator/faults')).json.late_writes).toEqual({ pending: 0, applied: 1, refused: 0 })
  })

  it('waits 2000 ms by default and can be scripted in next, for any write method', async () => {
    const { h, held, releaseAll } = await withHeldSleeps()
    await h.call('POST', '/_emulator/faults', { next: ['503_then_applied', 'ok'] })
    const res = await h.batchUpdate('ss', [
      { updateSheetProperties: { properties: { sheetId: 0, title: 'Renamed' }, fields: 'title' } },
    ])
    expect(res.status).toBe(503)
    expect(held.map((s) => s.ms)).toEqual([2000])
    expect((await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties.title')).json).toEqual({
      sheets: [{ properties: { title: 'Sheet1' } }],
    })
    await releaseAll()
    expect((await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties.title')).json).toEqual({
      sheets: [{ properties: { title: 'Renamed' } }],
    })
  })

  it('lands after writes made meanwhile, in the order Google would apply them', async () => {
    const { h, releaseAll } = await withHeldSleeps()
    await h.call('POST', '/_emulator/faults', { next: ['503_then_applied'], methods: ['values.append'] })
    expect((await h.append('ss', 'Sheet1!A1', [['first sent']])).status).toBe(503)
    expect((await h.append('ss', 'Sheet1!A1', [['retry']])).status).toBe(200)
    await releaseAll()
    expect(await rows(h)).toEqual([['retry'], ['first sent']])
  })

  it('is a plain 503 for a read, with nothing left to land', async () => {
    const { h, held } = await withHeldSleeps()
    await h.call('POST', '/_emulator/faults', { next: ['503_then_applied'] })
    expect((await h.values('ss', 'A1')).status).toBe(503)
    expect(held).toEqual([])
    expect((await h.call('GET', '/_emulator/faults')).json.late_writes).toEqual({ pending: 0, applied: 0, refused: 0 })
  })

  it('refuses a late write that is no longer valid when it lands', async () => {
    const { h, releaseAll } = await withHeldSleeps()
    await h.createSpreadsheet('two', [
      { sheetId: 0, title: 'Sheet1' },
      { sheetId: 7, title: 'Doomed' },
    ])
    await h.call('POST', '/_emulator/faults', { next: ['503_then_applied'], spreadsheet_id: 'two' })
    expect((await h.append('two', 'Doomed!A1', [['x']])).status).toBe(503)
    expect((await h.batchUpdate('two', [{ deleteSheet: { sheetId: 7 } }])).status).toBe(200)
    await releaseAll()
    expect((await h.call('GET', '/_emulator/faults')).json.late_writes).toEqual({ pending: 0, applied: 0, refused: 1 })
    expect((await h.call('GET', '/v4/spreadsheets/two?fields=sheets.properties.title')).json).toEqual({
      sheets: [{ properties: { title: 'Sheet1' } }],
    })
  })

  it('never lands a late write after a reset', async () => {
    const { h, releaseAll } = await withHeldSleeps()
    await h.call('POST', '/_emulator/faults', { next: ['503_then_applied'] })
    expect((await h.append('ss', 'Sheet1!A1', [['y']])).status).toBe(503)
    await h.call('POST', '/_emulator/reset')
    await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Sheet1' }])
    await releaseAll()
    expect(await rows(h)).toEqual([])
    expect((await h.call('GET', '/_emulator/faults')).json.late_writes).toEqual({ pending: 0, applied: 0, refused: 0 })
  })
})

describe('call stats', () => {
  it('counts every Sheets call answered, faulted ones included, by method and status', async () => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { next: ['429'], methods: ['values.append'] })
    await h.append('ss', 'A1', [['x']])
    await h.append('ss', 'A1', [['y']])
    await h.values('ss', 'A1')
    await h.values('ss', 'Nope!A1')
    await h.call('GET', '/v4/spreadsheets/ss')
    await h.values('other', 'A1')
    expect((await h.call('GET', '/_emulator/stats?spreadsheet_id=ss')).json).toEqual({
      total: 5,
      reads: 3,
      writes: 2,
      by_method: { 'values.append': 2, 'values.get': 2, 'spreadsheets.get': 1 },
      by_status: { '200': 3, '400': 1, '429': 1 },
    })
    expect((await h.call('GET', '/_emulator/stats')).json.total).toBe(6)
  })

  it('is zeroed by DELETE, for one spreadsheet or for all', async () => {
    const { h } = await ready()
    await h.values('ss', 'A1')
    await h.values('other', 'A1')
    await h.call('DELETE', '/_emulator/stats?spreadsheet_id=ss')
    expect((await h.call('GET', '/_emulator/stats?spreadsheet_id=ss')).json.total).toBe(0)
    expect((await h.call('GET', '/_emulator/stats?spreadsheet_id=other')).json.total).toBe(1)
    await h.call('DELETE', '/_emulator/stats')
    expect((await h.call('GET', '/_emulator/stats')).json).toEqual({
      total: 0,
      reads: 0,
      writes: 0,
      by_method: {},
      by_status: {},
    })
  })

  it('attributes spreadsheets.create to the new spreadsheet', async () => {
    const { h } = await ready()
    const created = await h.call('POST', '/v4/spreadsheets', { properties: { title: 'Baru' } })
    const id = created.json.spreadsheetId
    expect(id).toMatch(/^1[A-Za-z0-9_-]{43}$/)
    expect((await h.call('GET', `/_emulator/stats?spreadsheet_id=${id}`)).json.by_method).toEqual({
      'spreadsheets.create': 1,
    })
  })
})

describe('per-spreadsheet serialisation', () => {
  it('applies concurrent OVERWRITE appends one after another, so none is lost', async () => {
    const { h } = await ready()
    await h.call('POST', '/_emulator/faults', { latency_ms: 5 })
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => h.append('ss', 'Sheet1!A1', [[`row ${i}`]])))
    const targets = results.map((r) => r.json.updates.updatedRange)
    expect(new Set(targets).size).toBe(20)
    expect((await rows(h)).length).toBe(20)
  })
})
