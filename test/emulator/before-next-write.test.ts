import { describe, expect, it } from 'vitest'
import { enc, type Harness, harness } from './emulator-harness'

const ID = 'antara'

/** A tab "Cases" with a header and three rows read by a client, row 3 tagged with row metadata. */
async function casebook(): Promise<Harness> {
  const h = harness()
  await h.createSpreadsheet(ID, [{ sheetId: 0, title: 'Cases', gridProperties: { rowCount: 10, columnCount: 3 } }])
  await h.update(ID, 'Cases!A1', [
    ['id', 'initials', 'status'],
    ['K-3', 'C.C.', ''],
    ['K-1', 'A.A.', ''],
    ['K-2', 'B.B.', ''],
  ])
  const tagged = await h.batchUpdate(ID, [
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: 'row',
          metadataValue: 'K-1',
          visibility: 'DOCUMENT',
          location: { dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: 2, endIndex: 3 } },
        },
      },
    },
  ])
  expect(tagged.status).toBe(200)
  return h
}

const rows = async (h: Harness) => (await h.values(ID, 'Cases')).json.values
const register = (h: Harness, requests: unknown[], spreadsheetId = ID) =>
  h.call('POST', '/_emulator/before-next-write', { spreadsheetId, requests })

const SORT_BY_ID = {
  sortRange: {
    range: { sheetId: 0, startRowIndex: 1, endRowIndex: 10 },
    sortSpecs: [{ dimensionIndex: 0, sortOrder: 'ASCENDING' }],
  },
}

describe('POST /_emulator/before-next-write: a person acting between a read and a write', () => {
  it('sorts the tab just before the next write, so a write by position lands on another row', async () => {
    const h = await casebook()
    expect((await register(h, [SORT_BY_ID])).status).toBe(200)
    // The client read K-1 on row 3 and writes its status there by position.
    expect(await rows(h)).toEqual([
      ['id', 'initials', 'status'],
      ['K-3', 'C.C.'],
      ['K-1', 'A.A.'],
      ['K-2', 'B.B.'],
    ])
    expect((await h.update(ID, 'Cases!C3', [['ditutup']])).status).toBe(200)
    expect(await rows(h)).toEqual([
      ['id', 'initials', 'status'],
      ['K-1', 'A.A.'],
      ['K-2', 'B.B.', 'ditutup'],
      ['K-3', 'C.C.'],
    ])
  })

  it('inserts a row just before the next write; row metadata moves with its row', async () => {
    const h = await casebook()
    await register(h, [{ insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }])
    await h.call('POST', `/v4/spreadsheets/${ID}/values:batchUpdate`, {
      valueInputOption: 'RAW',
      data: [{ range: 'Cases!C3', values: [['aktif']] }],
    })
    expect(await rows(h)).toEqual([
      ['id', 'initials', 'status'],
      [],
      ['K-3', 'C.C.', 'aktif'],
      ['K-1', 'A.A.'],
      ['K-2', 'B.B.'],
    ])
    const search = await h.call('POST', `/v4/spreadsheets/${ID}/developerMetadata:search`, {
      dataFilters: [{ developerMetadataLookup: { metadataKey: 'row' } }],
    })
    expect(search.json.matchedDeveloperMetadata[0].developerMetadata.location.dimensionRange).toEqual({
      dimension: 'ROWS',
      startIndex: 3,
      endIndex: 4,
    })
  })

  it('deletes a row just before the next write; its metadata goes with it', async () => {
    const h = await casebook()
    await register(h, [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 2, endIndex: 3 } } }])
    await h.batchUpdate(ID, [
      {
        updateCells: {
          range: { sheetId: 0, startRowIndex: 2, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'ditutup' } }] }],
          fields: 'userEnteredValue',
        },
      },
    ])
    expect(await rows(h)).toEqual([
      ['id', 'initials', 'status'],
      ['K-3', 'C.C.'],
      ['K-2', 'B.B.', 'ditutup'],
    ])
    const search = await h.call('POST', `/v4/spreadsheets/${ID}/developerMetadata:search`, {
      dataFilters: [{ developerMetadataLookup: { metadataKey: 'row' } }],
    })
    expect(search.json).toEqual({})
  })

  it('waits through reads, fires once, and shows what is pending and what fired', async () => {
    const h = await casebook()
    await register(h, [SORT_BY_ID])
    const pending = await h.call('GET', `/_emulator/before-next-write?spreadsheet_id=${ID}`)
    expect(pending.json).toMatchObject({ pending: [{ spreadsheetId: ID, requests: [SORT_BY_ID] }], fired: [] })
    await h.values(ID, 'Cases')
    await h.call('GET', `/v4/spreadsheets/${ID}`)
    expect((await h.call('GET', '/_emulator/before-next-write')).json.pending).toHaveLength(1)

    await h.update(ID, 'Cases!A5', [['K-0']])
    await h.update(ID, 'Cases!A6', [['K-9']])
    // Sorted once, before the first write only: K-0 was written after the sort.
    expect((await rows(h)).map((r: string[]) => r[0])).toEqual(['id', 'K-1', 'K-2', 'K-3', 'K-0', 'K-9'])
    const after = (await h.call('GET', '/_emulator/before-next-write')).json
    expect(after.pending).toEqual([])
    expect(after.fired).toEqual([
      {
        spreadsheetId: ID,
        requests: [SORT_BY_ID],
        before: 'values.update',
        at: expect.any(String),
        applied: true,
        replies: [{}],
      },
    ])
  })

  it.each([
    ['values.update', (h: Harness) => h.update(ID, 'Cases!C3', [['x']])],
    ['values.append', (h: Harness) => h.append(ID, 'Cases!A1', [['K-4']])],
    [
      'values.batchUpdate',
      (h: Harness) =>
        h.call('POST', `/v4/spreadsheets/${ID}/values:batchUpdate`, { valueInputOption: 'RAW', data: [] }),
    ],
    ['values.clear', (h: Harness) => h.call('POST', `/v4/spreadsheets/${ID}/values/${enc('Cases!C9')}:clear`)],
    [
      'values.batchClear',
      (h: Harness) => h.call('POST', `/v4/spreadsheets/${ID}/values:batchClear`, { ranges: ['Cases!C9'] }),
    ],
    ['spreadsheets.batchUpdate', (h: Harness) => h.batchUpdate(ID, [])],
  ])('fires before %s', async (method, write) => {
    const h = await casebook()
    await register(h, [SORT_BY_ID])
    expect((await write(h)).status).toBe(200)
    expect((await rows(h))[1][0]).toBe('K-1')
    expect((await h.call('GET', '/_emulator/before-next-write')).json.fired[0].before).toBe(method)
  })

  it('fires for its own spreadsheet only', async () => {
    const h = await casebook()
    await h.createSpreadsheet('lain')
    await register(h, [SORT_BY_ID])
    await h.update('lain', 'Sheet1!A1', [['x']])
    expect((await rows(h))[1][0]).toBe('K-3')
    expect((await h.call('GET', '/_emulator/before-next-write')).json.pending).toHaveLength(1)
  })

  it('fires even when the write itself is refused, and the write is judged on the sorted tab', async () => {
    const h = await casebook()
    await register(h, [SORT_BY_ID])
    expect((await h.update(ID, 'Nope!A1', [['x']])).status).toBe(400)
    expect((await rows(h))[1][0]).toBe('K-1')
  })

  it('lands before a 503_then_applied write when that write lands, not when it was answered', async () => {
    const released: (() => void)[] = []
    const h = harness({ sleep: () => new Promise<void>((resolve) => released.push(resolve)) })
    await h.createSpreadsheet(ID, [{ sheetId: 0, title: 'Cases', gridProperties: { rowCount: 10, columnCount: 3 } }])
    await h.update(ID, 'Cases!A1', [['id'], ['K-2'], ['K-1']])
    await h.call('POST', '/_emulator/faults', { next: ['503_then_applied'] })
    expect((await h.update(ID, 'Cases!B2', [['late']])).status).toBe(503)
    await register(h, [SORT_BY_ID])
    for (const release of released) release()
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(await rows(h)).toEqual([['id'], ['K-1', 'late'], ['K-2']])
  })

  it('records an action that no longer applies when it fires, and lets the write go on', async () => {
    const h = await casebook()
    await register(h, [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 8, endIndex: 10 } } }])
    // A person (not the Sheets API) shrinks the tab meanwhile: rows 9–10 no longer exist.
    h.emulator.store.transact(ID, Date.now(), (ss) => {
      const sheet = ss.sheets[0]
      if (sheet) sheet.properties.gridProperties.rowCount = 8
      return { ok: true, value: undefined }
    })
    expect((await h.update(ID, 'Cases!C2', [['aktif']])).status).toBe(200)
    expect((await rows(h))[1]).toEqual(['K-3', 'C.C.', 'aktif'])
    const fired = (await h.call('GET', '/_emulator/before-next-write')).json.fired
    expect(fired).toMatchObject([{ applied: false, error: { code: 400, status: 'INVALID_ARGUMENT' } }])
    expect(fired[0].error.message).toContain('Invalid requests[0].deleteDimension:')
  })

  it('is forgotten by DELETE, by deleting the spreadsheet, and by reset', async () => {
    const h = await casebook()
    await register(h, [SORT_BY_ID])
    await h.call('DELETE', `/_emulator/before-next-write?spreadsheet_id=${ID}`)
    await h.update(ID, 'Cases!C2', [['x']])
    expect((await rows(h))[1][0]).toBe('K-3')
    await register(h, [SORT_BY_ID])
    await h.call('POST', '/_emulator/reset')
    expect((await h.call('GET', '/_emulator/before-next-write')).json).toEqual({ pending: [], fired: [] })
  })
})

describe('POST /_emulator/before-next-write validates its requests as batchUpdate does', () => {
  it.each([
    [
      { requests: [SORT_BY_ID] },
      400,
      'Body must be {"spreadsheetId","requests":[…]} with at least one batchUpdate request.',
    ],
    [
      { spreadsheetId: ID, requests: [] },
      400,
      'Body must be {"spreadsheetId","requests":[…]} with at least one batchUpdate request.',
    ],
    [
      { spreadsheetId: ID, requests: [SORT_BY_ID], when: 'now' },
      400,
      'Body must be {"spreadsheetId","requests":[…]} with at least one batchUpdate request.',
    ],
    [
      { spreadsheetId: ID, requests: [{ insertDimension: { range: { sheetId: 0 }, inheritBefore: true } }] },
      400,
      'Invalid JSON payload received. Unknown name "inheritBefore" at \'requests[0].insert_dimension\': Cannot find field.',
    ],
    [
      { spreadsheetId: ID, requests: [{ sortRange: { range: { sheetId: 9 }, sortSpecs: [{ dimensionIndex: 0 }] } }] },
      400,
      'Invalid requests[0].sortRange: No grid with id: 9',
    ],
    [
      {
        spreadsheetId: ID,
        requests: [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 10 } } }],
      },
      400,
      "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.",
    ],
    [{ spreadsheetId: 'tidak-ada', requests: [SORT_BY_ID] }, 404, 'Requested entity was not found.'],
  ])('refuses %j', async (body, status, message) => {
    const h = await casebook()
    const res = await h.call('POST', '/_emulator/before-next-write', body)
    expect(res.status).toBe(status)
    expect(res.json.error.message).toBe(message)
    expect((await h.call('GET', '/_emulator/before-next-write')).json.pending).toEqual([])
    // Nothing was applied by the check.
    expect((await rows(h))[1][0]).toBe('K-3')
  })
})
