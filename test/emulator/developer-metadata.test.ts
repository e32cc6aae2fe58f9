import { describe, expect, it } from 'vitest'
import { grid, harness } from './emulator-harness'

const rowMeta = (rowId: string, index: number, sheetId = 0) => ({
  createDeveloperMetadata: {
    developerMetadata: {
      metadataKey: 'rowId',
      metadataValue: rowId,
      location: { dimensionRange: { sheetId, dimension: 'ROWS', startIndex: index, endIndex: index + 1 } },
      visibility: 'DOCUMENT',
    },
  },
})

async function casesSheet() {
  const h = harness()
  await h.createSpreadsheet('ss', [
    { sheetId: 7, title: 'Cases', gridProperties: { rowCount: 10, columnCount: 4, frozenRowCount: 1 } },
  ])
  await h.update('ss', 'Cases!A1', [
    ['id', 'initials'],
    ['K-1', 'AB'],
    ['K-2', 'CD'],
    ['K-3', 'EF'],
  ])
  await h.batchUpdate('ss', [rowMeta('K-1', 1, 7), rowMeta('K-2', 2, 7), rowMeta('K-3', 3, 7)])
  return h
}

/** rowId → row index, as search reports it. */
async function rowsById(h: Awaited<ReturnType<typeof casesSheet>>): Promise<Record<string, number>> {
  const res = await h.call('POST', '/v4/spreadsheets/ss/developerMetadata:search', {
    dataFilters: [{ developerMetadataLookup: { metadataKey: 'rowId' } }],
  })
  const out: Record<string, number> = {}
  for (const m of res.json.matchedDeveloperMetadata ?? []) {
    out[m.developerMetadata.metadataValue] = m.developerMetadata.location.dimensionRange.startIndex
  }
  return out
}

describe('developer metadata location rules (§5.8)', () => {
  it('replies with the created metadata and its location type', async () => {
    const h = harness()
    await h.createSpreadsheet('ss')
    const res = await h.batchUpdate('ss', [{ ...rowMeta('K-9', 4) }])
    const created = res.json.replies[0].createDeveloperMetadata.developerMetadata
    expect(created).toEqual({
      metadataId: expect.any(Number),
      metadataKey: 'rowId',
      metadataValue: 'K-9',
      location: { locationType: 'ROW', dimensionRange: { dimension: 'ROWS', startIndex: 4, endIndex: 5 } },
      visibility: 'DOCUMENT',
    })
    const got = await h.call('GET', `/v4/spreadsheets/ss/developerMetadata/${created.metadataId}`)
    expect(got.json).toEqual(created)
  })

  it.each([
    [{ dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 3 } }],
    [{ dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: 1 } }],
    [{ sheetId: 0, spreadsheet: true }],
    [{ sheetId: 99 }],
  ])('rejects the location %j', async (location) => {
    const h = harness()
    await h.createSpreadsheet('ss')
    const res = await h.batchUpdate('ss', [
      { createDeveloperMetadata: { developerMetadata: { metadataKey: 'k', visibility: 'DOCUMENT', location } } },
    ])
    expect(res.status).toBe(400)
    expect(res.json.error.message).toMatch(/^Invalid requests\[0\]\.createDeveloperMetadata: /)
  })

  it('moves with rows inserted above', async () => {
    const h = await casesSheet()
    await h.batchUpdate('ss', [
      {
        insertDimension: {
          range: { sheetId: 7, dimension: 'ROWS', startIndex: 2, endIndex: 4 },
          inheritFromBefore: true,
        },
      },
    ])
    expect(await rowsById(h)).toEqual({ 'K-1': 1, 'K-2': 4, 'K-3': 5 })
    expect((await h.values('ss', 'Cases!A5:B5')).json.values).toEqual([['K-2', 'CD']])
  })

  it('dies with its deleted row while the others move up', async () => {
    const h = await casesSheet()
    await h.batchUpdate('ss', [
      { deleteDimension: { range: { sheetId: 7, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
    ])
    expect(await rowsById(h)).toEqual({ 'K-2': 1, 'K-3': 2 })
  })

  it('moves with moveDimension in both directions', async () => {
    const h = await casesSheet()
    await h.batchUpdate('ss', [
      { moveDimension: { source: { sheetId: 7, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, destinationIndex: 4 } },
    ])
    expect(await rowsById(h)).toEqual({ 'K-2': 1, 'K-3': 2, 'K-1': 3 })
    expect((await h.values('ss', 'Cases!A2:A4')).json.values).toEqual([['K-2'], ['K-3'], ['K-1']])
    await h.batchUpdate('ss', [
      { moveDimension: { source: { sheetId: 7, dimension: 'ROWS', startIndex: 3, endIndex: 4 }, destinationIndex: 1 } },
    ])
    expect(await rowsById(h)).toEqual({ 'K-1': 1, 'K-2': 2, 'K-3': 3 })
  })

  it('moves with an INSERT_ROWS append above it, but not with an OVERWRITE append', async () => {
    const h = await casesSheet()
    await h.update('ss', 'Cases!A8', [['far below']])
    await h.batchUpdate('ss', [rowMeta('far', 7, 7)])
    await h.append('ss', 'Cases!A1', [['K-4', 'GH']], 'valueInputOption=RAW&insertDataOption=INSERT_ROWS')
    expect(await rowsById(h)).toEqual({ 'K-1': 1, 'K-2': 2, 'K-3': 3, far: 8 })
    await h.append('ss', 'Cases!A1', [['K-5', 'IJ']], 'valueInputOption=RAW&insertDataOption=OVERWRITE')
    expect(await rowsById(h)).toEqual({ 'K-1': 1, 'K-2': 2, 'K-3': 3, far: 8 })
  })

  it('stays on its row when sortRange reorders the values', async () => {
    const h = await casesSheet()
    await h.batchUpdate('ss', [
      {
        sortRange: {
          range: { sheetId: 7, startRowIndex: 1, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 4 },
          sortSpecs: [{ dimensionIndex: 1, sortOrder: 'DESCENDING' }],
        },
      },
    ])
    expect((await h.values('ss', 'Cases!A2:A4')).json.values).toEqual([['K-3'], ['K-2'], ['K-1']])
    expect(await rowsById(h)).toEqual({ 'K-1': 1, 'K-2': 2, 'K-3': 3 })
  })

  it('moves column metadata with inserted and deleted columns', async () => {
    const h = harness()
    await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Cases', gridProperties: { rowCount: 5, columnCount: 5 } }])
    await h.batchUpdate('ss', [
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'column',
            metadataValue: 'initials',
            location: { dimensionRange: { sheetId: 0, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 } },
            visibility: 'DOCUMENT',
          },
        },
      },
      {
        insertDimension: {
          range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 },
          inheritFromBefore: false,
        },
      },
      { deleteDimension: { range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 } } },
    ])
    const res = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.data.columnMetadata.developerMetadata')
    const columns = res.json.sheets[0].data[0].columnMetadata
    expect(columns.map((c: { developerMetadata?: unknown[] }) => (c.developerMetadata ? 'meta' : '-'))).toEqual([
      '-',
      '-',
      'meta',
      '-',
      '-',
    ])
    expect(columns[2].developerMetadata[0].location.dimensionRange).toEqual({
      dimension: 'COLUMNS',
      startIndex: 2,
      endIndex: 3,
    })
  })
})

describe('developerMetadata.search and DataFilters (§2.8)', () => {
  it('answers {} when nothing matches', async () => {
    const h = await casesSheet()
    const res = await h.call('POST', '/v4/spreadsheets/ss/developerMetadata:search', {
      dataFilters: [{ developerMetadataLookup: { metadataKey: 'nope' } }],
    })
    expect(res.json).toEqual({})
  })

  it('matches by value, by exact location and by intersecting range', async () => {
    const h = await casesSheet()
    const search = async (dataFilters: unknown[]) =>
      (
        (await h.call('POST', '/v4/spreadsheets/ss/developerMetadata:search', { dataFilters })).json
          .matchedDeveloperMetadata ?? []
      ).map((m: { developerMetadata: { metadataValue: string } }) => m.developerMetadata.metadataValue)
    expect(await search([{ developerMetadataLookup: { metadataValue: 'K-2' } }])).toEqual(['K-2'])
    expect(
      await search([
        {
          developerMetadataLookup: {
            metadataLocation: { dimensionRange: { sheetId: 7, dimension: 'ROWS', startIndex: 3, endIndex: 4 } },
            locationMatchingStrategy: 'EXACT_LOCATION',
          },
        },
      ]),
    ).toEqual(['K-3'])
    expect(await search([{ a1Range: 'Cases!B2:B3' }])).toEqual(['K-1', 'K-2'])
    expect(await search([{ gridRange: { sheetId: 7, startRowIndex: 3, endRowIndex: 4 } }])).toEqual(['K-3'])
  })

  it('reads rows selected by metadata with values:batchGetByDataFilter', async () => {
    const h = await casesSheet()
    const res = await h.call('POST', '/v4/spreadsheets/ss/values:batchGetByDataFilter', {
      dataFilters: [{ developerMetadataLookup: { metadataKey: 'rowId', metadataValue: 'K-2' } }],
    })
    expect(res.json.valueRanges[0].valueRange).toEqual({
      range: 'Cases!A3:D3',
      majorDimension: 'ROWS',
      values: [['K-2', 'CD']],
    })
  })

  it('rejects readonly scopes in strict mode for search (§1.3)', async () => {
    const h = harness({ authMode: 'strict' })
    await h.createSpreadsheet('ss')
    const token = (
      await h.call('POST', '/_emulator/token', { scopes: ['https://www.googleapis.com/auth/spreadsheets.readonly'] })
    ).json.access_token
    const auth = { authorization: `Bearer ${token}` }
    const search = await h.call('POST', '/v4/spreadsheets/ss/developerMetadata:search', { dataFilters: [] }, auth)
    expect(search.json.error).toMatchObject({ code: 403, message: 'Request had insufficient authentication scopes.' })
    expect((await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, auth)).status).toBe(200)
  })

  it('updates and deletes metadata selected by filters', async () => {
    const h = await casesSheet()
    const update = await h.batchUpdate('ss', [
      {
        updateDeveloperMetadata: {
          dataFilters: [{ developerMetadataLookup: { metadataValue: 'K-1' } }],
          developerMetadata: { metadataValue: 'K-1b' },
          fields: 'metadataValue',
        },
      },
      { deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataValue: 'K-3' } } } },
    ])
    expect(update.json.replies[0].updateDeveloperMetadata.developerMetadata[0].metadataValue).toBe('K-1b')
    expect(update.json.replies[1].deleteDeveloperMetadata.deletedDeveloperMetadata[0].metadataValue).toBe('K-3')
    expect(await rowsById(h)).toEqual({ 'K-1b': 1, 'K-2': 2 })
  })

  it('handles a 10,000-row tab with metadata on every row', async () => {
    const h = harness()
    await h.createSpreadsheet('ss', [
      { sheetId: 0, title: 'Big', gridProperties: { rowCount: 10_000, columnCount: 20 } },
    ])
    await h.update('ss', 'Big!A1', grid(10_000, 20))
    await h.batchUpdate(
      'ss',
      Array.from({ length: 10_000 }, (_, i) => rowMeta(`R${i}`, i)),
    )
    await h.batchUpdate('ss', [
      { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } },
    ])
    const res = await h.call('POST', '/v4/spreadsheets/ss/developerMetadata:search', {
      dataFilters: [{ developerMetadataLookup: { metadataValue: 'R9999' } }],
    })
    expect(res.json.matchedDeveloperMetadata[0].developerMetadata.location.dimensionRange.startIndex).toBe(9998)
    expect((await h.values('ss', 'Big!A9999:B9999')).json.values).toEqual([['r10000c1', 'r10000c2']])
    // A correctness check at scale, not a timing one (bench/emulator.ts measures): ~1–3 s alone,
    // past the default 5 s when the machine is loaded.
  }, 30_000)
})
