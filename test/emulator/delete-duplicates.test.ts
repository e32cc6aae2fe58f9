import { describe, expect, it } from 'vitest'
import { type Harness, harness } from './emulator-harness'

const ID = 'dup'

/** Tab "Sessions" (sheetId 4, 12 × 4): header, then rows with a duplicate id or two. */
async function sessions(values: unknown[][]): Promise<Harness> {
  const h = harness()
  await h.createSpreadsheet(ID, [{ sheetId: 4, title: 'Sessions', gridProperties: { rowCount: 12, columnCount: 4 } }])
  expect((await h.update(ID, 'Sessions!A1', values, 'USER_ENTERED')).status).toBe(200)
  return h
}

const rows = async (h: Harness, range = 'Sessions') => (await h.values(ID, range)).json.values
const rowRange = (startRowIndex: number, endRowIndex?: number) => ({
  sheetId: 4,
  startRowIndex,
  ...(endRowIndex === undefined ? {} : { endRowIndex }),
})
const columns = (startIndex: number, endIndex: number) => ({ sheetId: 4, dimension: 'COLUMNS', startIndex, endIndex })

const rowTag = (index: number, value: string) => ({
  createDeveloperMetadata: {
    developerMetadata: {
      metadataKey: 'row',
      metadataValue: value,
      visibility: 'DOCUMENT',
      location: { dimensionRange: { sheetId: 4, dimension: 'ROWS', startIndex: index, endIndex: index + 1 } },
    },
  },
})

async function rowTags(h: Harness): Promise<Record<string, number>> {
  const found = await h.call('POST', `/v4/spreadsheets/${ID}/developerMetadata:search`, {
    dataFilters: [{ developerMetadataLookup: { metadataKey: 'row' } }],
  })
  const out: Record<string, number> = {}
  for (const m of found.json.matchedDeveloperMetadata ?? []) {
    out[m.developerMetadata.metadataValue] = m.developerMetadata.location.dimensionRange.startIndex
  }
  return out
}

describe('deleteDuplicates (DeleteDuplicatesRequest)', () => {
  it('removes rows whose compared values repeat an earlier row, keeping the first, and replies the count', async () => {
    const h = await sessions([
      ['id', 'task', 'rating', 'note'],
      ['S-1', 'mencuci', 2, 'a'],
      ['S-2', 'menyapu', 3, 'b'],
      ['S-1', 'mencuci', 2, 'copy'],
      ['S-3', 'memasak', 1, 'c'],
      ['S-2', 'menyapu', 3, 'copy'],
    ])
    const res = await h.batchUpdate(ID, [
      { deleteDuplicates: { range: rowRange(1), comparisonColumns: [columns(0, 3)] } },
    ])
    expect(res.json.replies).toEqual([{ deleteDuplicates: { duplicatesRemovedCount: 2 } }])
    expect(await rows(h)).toEqual([
      ['id', 'task', 'rating', 'note'],
      ['S-1', 'mencuci', '2', 'a'],
      ['S-2', 'menyapu', '3', 'b'],
      ['S-3', 'memasak', '1', 'c'],
    ])
    expect((await h.call('GET', `/v4/spreadsheets/${ID}?fields=sheets.properties.gridProperties`)).json).toEqual({
      sheets: [{ properties: { gridProperties: { rowCount: 12, columnCount: 4 } } }],
    })
  })

  it.each([
    ['every column when none is named', [], 1],
    ['only the named columns', [columns(0, 1)], 2],
    ['several named column ranges', [columns(0, 1), columns(2, 3)], 2],
  ])('compares %s', async (_, comparisonColumns, removed) => {
    const h = await sessions([
      ['id', 'task', 'rating', 'note'],
      ['S-1', 'mencuci', 2, 'a'],
      ['S-1', 'mencuci', 2, 'a'],
      ['S-1', 'mencuci', 2, 'beda'],
    ])
    const res = await h.batchUpdate(ID, [{ deleteDuplicates: { range: rowRange(1), comparisonColumns } }])
    expect(res.json.replies[0].deleteDuplicates.duplicatesRemovedCount).toBe(removed)
  })

  it('counts values equal apart from letter case or formula as duplicates, but not a number and its text', async () => {
    const h = await sessions([
      ['id', 'n'],
      ['Mandiri', 2],
      ['MANDIRI', '=1+1'],
      ['mandiri', "'2"],
    ])
    const res = await h.batchUpdate(ID, [{ deleteDuplicates: { range: rowRange(1, 4) } }])
    expect(res.json.replies[0].deleteDuplicates.duplicatesRemovedCount).toBe(1)
    expect(await rows(h, 'Sessions!A2:B3')).toEqual([
      ['Mandiri', '2'],
      ['mandiri', '2'],
    ])
  })

  it('leaves rows below the range and blank rows where they are, and replies {} when nothing repeats', async () => {
    const h = await sessions([['id'], ['S-1'], [], ['S-1'], ['S-2'], ['S-1']])
    const res = await h.batchUpdate(ID, [{ deleteDuplicates: { range: rowRange(1, 5) } }])
    expect(res.json.replies).toEqual([{ deleteDuplicates: { duplicatesRemovedCount: 1 } }])
    expect(await rows(h)).toEqual([['id'], ['S-1'], [], ['S-2'], [], ['S-1']])
    const again = await h.batchUpdate(ID, [{ deleteDuplicates: { range: rowRange(1, 5) } }])
    expect(again.json.replies).toEqual([{ deleteDuplicates: {} }])
  })

  it('takes the developer metadata of removed rows with them; kept rows keep theirs as they move up', async () => {
    const h = await sessions([['id'], ['S-1'], ['S-1'], ['S-2']])
    await h.batchUpdate(ID, [rowTag(1, 'first'), rowTag(2, 'copy'), rowTag(3, 'other')])
    await h.batchUpdate(ID, [{ deleteDuplicates: { range: rowRange(1) } }])
    expect(await rows(h)).toEqual([['id'], ['S-1'], ['S-2']])
    expect(await rowTags(h)).toEqual({ first: 1, other: 2 })
  })

  it('moves only the cells of a range narrower than the sheet; other columns and row metadata stay', async () => {
    const h = await sessions([
      ['id', 'task', 'x', 'y'],
      ['S-1', 'a', 'x1', 'y1'],
      ['S-1', 'a', 'x2', 'y2'],
      ['S-2', 'b', 'x3', 'y3'],
    ])
    await h.batchUpdate(ID, [rowTag(2, 'second')])
    const res = await h.batchUpdate(ID, [
      { deleteDuplicates: { range: { sheetId: 4, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 } } },
    ])
    expect(res.json.replies[0].deleteDuplicates.duplicatesRemovedCount).toBe(1)
    expect(await rows(h)).toEqual([
      ['id', 'task', 'x', 'y'],
      ['S-1', 'a', 'x1', 'y1'],
      ['S-2', 'b', 'x2', 'y2'],
      ['', '', 'x3', 'y3'],
    ])
    expect(await rowTags(h)).toEqual({ second: 2 })
  })

  it('is atomic with the other requests of its batch', async () => {
    const h = await sessions([['id'], ['S-1'], ['S-1']])
    const res = await h.batchUpdate(ID, [
      { deleteDuplicates: { range: rowRange(1) } },
      { deleteSheet: { sheetId: 99 } },
    ])
    expect(res.status).toBe(400)
    expect(await rows(h)).toEqual([['id'], ['S-1'], ['S-1']])
  })

  it.each([
    [{ range: rowRange(1), comparisonColumn: [] }, 'Unknown name "comparisonColumn"'],
    [{ range: rowRange(1), comparisonColumns: [{ sheetId: 4, dimension: 'ROWS' }] }, 'dimension COLUMNS'],
    [{ range: { sheetId: 4, endColumnIndex: 2 }, comparisonColumns: [columns(1, 3)] }, 'inside the range'],
    [{ range: rowRange(1), comparisonColumns: [{ dimension: 'COLUMNS' }] }, 'on the sheet of the range'],
    [{ range: { sheetId: 8 } }, 'No grid with id: 8'],
    [{}, 'range is required.'],
    [
      { range: rowRange(1), comparisonColumns: 'A' },
      "Invalid value at 'requests[0].delete_duplicates.comparison_columns'",
    ],
  ])('refuses %j', async (request, message) => {
    const h = await sessions([['id'], ['S-1'], ['S-1']])
    const res = await h.batchUpdate(ID, [{ deleteDuplicates: request }])
    expect(res.status).toBe(400)
    expect(res.json.error.message).toContain(message)
    expect(await rows(h)).toEqual([['id'], ['S-1'], ['S-1']])
  })

  it('refuses to remove rows from a range protected against the caller', async () => {
    const h = harness({ authMode: 'strict', defaultPrincipal: 'pemilik@contoh.test' })
    await h.createSpreadsheet(ID, [{ sheetId: 4, title: 'Sessions', gridProperties: { rowCount: 5, columnCount: 2 } }])
    const owner = (await h.call('POST', '/_emulator/token', { client_email: 'pemilik@contoh.test' })).json.access_token
    const auth = { authorization: `Bearer ${owner}` }
    await h.call(
      'PUT',
      `/v4/spreadsheets/${ID}/values/Sessions!A1?valueInputOption=RAW`,
      { values: [['id'], ['S-1'], ['S-1']] },
      auth,
    )
    await h.call(
      'POST',
      `/v4/spreadsheets/${ID}:batchUpdate`,
      { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId: 4 }, editors: { users: [] } } } }] },
      auth,
    )
    await h.call('PUT', `/_emulator/spreadsheets/${ID}/permissions`, {
      permissions: [{ type: 'user', role: 'writer', emailAddress: 'lain@contoh.test' }],
    })
    const other = (await h.call('POST', '/_emulator/token', { client_email: 'lain@contoh.test' })).json.access_token
    const res = await h.call(
      'POST',
      `/v4/spreadsheets/${ID}:batchUpdate`,
      { requests: [{ deleteDuplicates: { range: rowRange(1) } }] },
      { authorization: `Bearer ${other}` },
    )
    expect(res.status).toBe(400)
    expect(res.json.error.message).toContain('protected')
  })
})
