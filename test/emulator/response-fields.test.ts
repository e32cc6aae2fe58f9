/**
 * What a client reads back right after its write: batchUpdate's includeSpreadsheetInResponse,
 * responseRanges and responseIncludeGridData, and the `fields` system parameter on every method
 * (google-sheets-api-v4.md §1.4, §5).
 */
import { describe, expect, it } from 'vitest'
import { enc, type Harness, harness } from './emulator-harness'

const ID = 'verif'

async function twoTabs(): Promise<Harness> {
  const h = harness()
  await h.createSpreadsheet(ID, [
    { sheetId: 0, title: 'Cases', gridProperties: { rowCount: 5, columnCount: 3 } },
    { sheetId: 9, title: 'Log', gridProperties: { rowCount: 5, columnCount: 2 } },
  ])
  await h.update(ID, 'Cases!A1', [
    ['id', 'status'],
    ['K-1', ''],
  ])
  return h
}

const WRITE_STATUS = {
  updateCells: {
    range: { sheetId: 0, startRowIndex: 1, endRowIndex: 2, startColumnIndex: 1, endColumnIndex: 2 },
    rows: [{ values: [{ userEnteredValue: { stringValue: 'aktif' } }] }],
    fields: 'userEnteredValue',
  },
}

const batch = (h: Harness, body: Record<string, unknown>, query = '') =>
  h.call('POST', `/v4/spreadsheets/${ID}:batchUpdate${query}`, { requests: [WRITE_STATUS], ...body })

describe('batchUpdate includeSpreadsheetInResponse', () => {
  it('returns the spreadsheet as it is after the requests, limited to responseRanges, with grid data on request', async () => {
    const h = await twoTabs()
    const res = await batch(h, {
      includeSpreadsheetInResponse: true,
      responseRanges: ['Cases!A2:B2'],
      responseIncludeGridData: true,
    })
    expect(res.status).toBe(200)
    const sheets = res.json.updatedSpreadsheet.sheets
    expect(sheets.map((s: { properties: { title: string } }) => s.properties.title)).toEqual(['Cases'])
    expect(sheets[0].data).toHaveLength(1)
    expect(sheets[0].data[0].startRow).toBe(1)
    expect(sheets[0].data[0].rowData[0].values.map((v: { formattedValue: string }) => v.formattedValue)).toEqual([
      'K-1',
      'aktif',
    ])
  })

  it('leaves grid data out unless asked, and the whole spreadsheet out unless included', async () => {
    const h = await twoTabs()
    const noGrid = await batch(h, { includeSpreadsheetInResponse: true, responseRanges: ['Cases!A2:B2'] })
    expect(noGrid.json.updatedSpreadsheet.sheets[0].data).toBeUndefined()
    expect(noGrid.json.updatedSpreadsheet.spreadsheetId).toBe(ID)
    const none = await batch(h, { responseRanges: ['Cases!A2:B2'], responseIncludeGridData: true })
    expect(Object.keys(none.json)).toEqual(['spreadsheetId', 'replies'])
  })

  it('lets a fields mask select grid data even without responseIncludeGridData (it is then ignored)', async () => {
    const h = await twoTabs()
    const res = await batch(
      h,
      { includeSpreadsheetInResponse: true, responseRanges: ['Cases!B2'] },
      '?fields=updatedSpreadsheet.sheets.data.rowData.values.userEnteredValue',
    )
    expect(res.json).toEqual({
      updatedSpreadsheet: {
        sheets: [{ data: [{ rowData: [{ values: [{ userEnteredValue: { stringValue: 'aktif' } }] }] }] }],
      },
    })
  })

  it('refuses bad responseRanges with nothing applied', async () => {
    const h = await twoTabs()
    const res = await batch(h, { includeSpreadsheetInResponse: true, responseRanges: ['Nope!A1'] })
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe('Unable to parse range: Nope!A1')
    expect((await h.values(ID, 'Cases!B2')).json.values).toBeUndefined()
  })
})

describe('the fields system parameter', () => {
  it.each([
    ['spreadsheetId', { spreadsheetId: ID }],
    ['replies', { replies: [{}] }],
    ['*', { spreadsheetId: ID, replies: [{}] }],
  ])('keeps only %s of a batchUpdate answer', async (fields, expected) => {
    const h = await twoTabs()
    expect((await batch(h, {}, `?fields=${fields}`)).json).toEqual(expected)
  })

  it.each([
    [
      'values.get',
      'GET',
      `/values/${enc('Cases!A1:B2')}?fields=values`,
      undefined,
      { values: [['id', 'status'], ['K-1']] },
    ],
    [
      'values.update',
      'PUT',
      `/values/${enc('Cases!B2')}?valueInputOption=RAW&includeValuesInResponse=true&fields=updatedData.values,updatedCells`,
      { values: [['x']] },
      { updatedCells: 1, updatedData: { values: [['x']] } },
    ],
    [
      'values.append',
      'POST',
      `/values/${enc('Cases!A1')}:append?valueInputOption=RAW&fields=updates(updatedRange)`,
      { values: [['K-2']] },
      { updates: { updatedRange: 'Cases!A3' } },
    ],
    [
      'spreadsheets.get',
      'GET',
      '?fields=sheets(properties(title))',
      undefined,
      { sheets: [{ properties: { title: 'Cases' } }, { properties: { title: 'Log' } }] },
    ],
  ])('selects parts of a %s answer', async (_, method, path, body, expected) => {
    const h = await twoTabs()
    const res = await h.call(method, `/v4/spreadsheets/${ID}${path}`, body)
    expect(res.status).toBe(200)
    expect(res.json).toEqual(expected)
  })

  it.each([
    ['spreadsheetId,repliez', 'repliez'],
    ['updatedSpreadsheet.sheets.propertiez', 'updatedSpreadsheet.sheets.propertiez'],
    ['spreadsheetId.x', 'spreadsheetId.x'],
    ['spreadsheetId, replies', ' replies'],
  ])('refuses %j on batchUpdate before anything is applied', async (fields, path) => {
    const h = await twoTabs()
    const res = await batch(h, {}, `?fields=${encodeURIComponent(fields)}`)
    expect(res.status).toBe(400)
    expect(res.json.error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: `Error expanding 'fields' parameter. Cannot find matching fields for path '${path}'.`,
    })
    expect((await h.values(ID, 'Cases!B2')).json.values).toBeUndefined()
  })

  it('refuses a path unknown to a read method too, and a malformed mask', async () => {
    const h = await twoTabs()
    const unknown = await h.call('GET', `/v4/spreadsheets/${ID}/values/${enc('Cases!A1')}?fields=rows`)
    expect(unknown.json.error.message).toBe(
      "Error expanding 'fields' parameter. Cannot find matching fields for path 'rows'.",
    )
    const malformed = await h.call('GET', `/v4/spreadsheets/${ID}?fields=sheets(properties`)
    expect(malformed.status).toBe(400)
  })
})
