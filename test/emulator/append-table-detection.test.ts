import { describe, expect, it } from 'vitest'
import { grid, harness } from './emulator-harness'

const TEN = Array.from({ length: 10 }, (_, i) => `v${i + 1}`)
const EIGHT = TEN.slice(0, 8)

async function sheet(rows = 1000, cols = 26) {
  const h = harness()
  await h.createSpreadsheet('ss', [
    { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: rows, columnCount: cols } },
  ])
  return h
}

const insert = (dimension: 'ROWS' | 'COLUMNS', startIndex: number, endIndex: number) => ({
  insertDimension: { range: { sheetId: 0, dimension, startIndex, endIndex }, inheritFromBefore: false },
})

describe('values.append table detection: the recorded golden cases (§2.6)', () => {
  it('a: appends to an empty sheet at A1 without a tableRange', async () => {
    const h = await sheet()
    const res = await h.append('ss', "'Sheet1'", [TEN])
    expect(res.json).toEqual({
      spreadsheetId: 'ss',
      updates: {
        spreadsheetId: 'ss',
        updatedRange: 'Sheet1!A1:J1',
        updatedRows: 1,
        updatedColumns: 10,
        updatedCells: 10,
      },
    })
  })

  it('b: appends below a filled table and names it', async () => {
    const h = await sheet()
    await h.update('ss', 'Sheet1!A1', grid(4, 10))
    const res = await h.append('ss', "'Sheet1'", [TEN])
    expect(res.json.tableRange).toBe('Sheet1!A1:J4')
    expect(res.json.updates.updatedRange).toBe('Sheet1!A5:J5')
  })

  it('c: with a blank B1, the whole-sheet append lands under C1 (the gspread drift)', async () => {
    const h = await sheet()
    await h.append('ss', "'Sheet1'", [['x', '', 'y']])
    const res = await h.append('ss', "'Sheet1'", [['x', '', 'y']])
    expect(res.json.tableRange).toBe('Sheet1!C1')
    expect(res.json.updates.updatedRange).toBe('Sheet1!C2:E2')
    expect((await h.values('ss', "'Sheet1'!A2:2")).json).toEqual({
      range: 'Sheet1!A2:Z2',
      majorDimension: 'ROWS',
      values: [['', '', 'x', '', 'y']],
    })
  })

  it('d: the same sheet appended at A1 finds the A1 table', async () => {
    const h = await sheet()
    await h.append('ss', "'Sheet1'", [['x', '', 'y']])
    const res = await h.append('ss', "'Sheet1'!A1", [['x', '', 'y']])
    expect(res.json.tableRange).toBe('Sheet1!A1')
    expect(res.json.updates.updatedRange).toBe('Sheet1!A2:C2')
  })

  it('e: an empty anchor row between blocks is written in place, wider than the table', async () => {
    const h = await sheet()
    await h.update('ss', 'Sheet1!A1', grid(6, 4))
    await h.batchUpdate('ss', [insert('ROWS', 1, 2)])
    const res = await h.call(
      'POST',
      `/v4/spreadsheets/ss/values/${encodeURIComponent("'Sheet1'!A2")}:append?valueInputOption=RAW`,
      {
        majorDimension: 'ROWS',
        values: [EIGHT],
      },
    )
    expect(res.json).toEqual({
      spreadsheetId: 'ss',
      updates: {
        spreadsheetId: 'ss',
        updatedRange: 'Sheet1!A2:H2',
        updatedRows: 1,
        updatedColumns: 8,
        updatedCells: 8,
      },
    })
  })

  it('f: an empty first row is written in place', async () => {
    const h = await sheet()
    await h.update('ss', 'Sheet1!A1', grid(7, 4))
    await h.batchUpdate('ss', [insert('ROWS', 0, 1)])
    const res = await h.append('ss', "'Sheet1'!A1", [EIGHT])
    expect(res.json.tableRange).toBeUndefined()
    expect(res.json.updates.updatedRange).toBe('Sheet1!A1:H1')
  })

  it('g: COLUMNS data goes into empty inserted columns', async () => {
    const h = await sheet()
    await h.update('ss', 'Sheet1!A1', grid(4, 4))
    await h.batchUpdate('ss', [insert('COLUMNS', 1, 3)])
    const res = await h.call(
      'POST',
      `/v4/spreadsheets/ss/values/${encodeURIComponent("'Sheet1'!B1")}:append?valueInputOption=RAW`,
      {
        majorDimension: 'COLUMNS',
        values: [
          ['b1', 'b2', 'b3', 'b4'],
          ['c1', 'c2', 'c3', 'c4'],
        ],
      },
    )
    expect(res.json.tableRange).toBeUndefined()
    expect(res.json.updates.updatedRange).toBe('Sheet1!B1:C4')
  })
})

describe('values.append beyond the golden cases', () => {
  it('grows the table row by row (recorded delete_row sequence)', async () => {
    const h = await sheet()
    const ranges: string[] = []
    for (let i = 0; i < 4; i++) ranges.push((await h.append('ss', "'Sheet1'", [TEN])).json.tableRange ?? '-')
    expect(ranges).toEqual(['-', 'Sheet1!A1:J1', 'Sheet1!A1:J2', 'Sheet1!A1:J3'])
  })

  it('picks the lowest block for a whole-sheet range but the first for an A1 anchor', async () => {
    const h = await sheet()
    await h.update('ss', 'Sheet1!A1', grid(2, 2))
    await h.update('ss', 'Sheet1!A10', [['late']])
    expect((await h.append('ss', "'Sheet1'", [['n']])).json.updates.updatedRange).toBe('Sheet1!A11')
    expect((await h.append('ss', "'Sheet1'!A1", [['m']])).json.updates.updatedRange).toBe('Sheet1!A3')
  })

  it('INSERT_ROWS shifts the rows below instead of overwriting them, and grows the grid', async () => {
    const h = await sheet(5, 3)
    await h.update('ss', 'Sheet1!A1', [
      ['h1', 'h2'],
      ['a', 'b'],
    ])
    await h.update('ss', 'Sheet1!A5', [['bottom']])
    const res = await h.append('ss', 'Sheet1!A1', [['c', 'd']], 'valueInputOption=RAW&insertDataOption=INSERT_ROWS')
    expect(res.json.tableRange).toBe('Sheet1!A1:B2')
    expect(res.json.updates.updatedRange).toBe('Sheet1!A3:B3')
    const props = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties.gridProperties')
    expect(props.json.sheets[0].properties.gridProperties).toEqual({ rowCount: 6, columnCount: 3 })
    expect((await h.values('ss', 'Sheet1!A6')).json.values).toEqual([['bottom']])
  })

  it('OVERWRITE appends rows and columns to the grid when the data does not fit', async () => {
    const h = await sheet(2, 2)
    await h.update('ss', 'Sheet1!A1', [
      ['a', 'b'],
      ['c', 'd'],
    ])
    const res = await h.append('ss', "'Sheet1'", [['e', 'f', 'g']])
    expect(res.json.updates.updatedRange).toBe('Sheet1!A3:C3')
    const props = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties.gridProperties')
    expect(props.json.sheets[0].properties.gridProperties).toEqual({ rowCount: 3, columnCount: 3 })
  })

  it('returns the appended values with includeValuesInResponse', async () => {
    const h = await sheet()
    const res = await h.append(
      'ss',
      'Sheet1!A1',
      [['2024-01-31', 7]],
      'valueInputOption=USER_ENTERED&includeValuesInResponse=true',
    )
    expect(res.json.updates.updatedData).toEqual({
      range: 'Sheet1!A1:B1',
      majorDimension: 'ROWS',
      values: [['2024-01-31', '7']],
    })
  })

  it('rejects an unknown insertDataOption', async () => {
    const h = await sheet()
    const res = await h.append('ss', 'Sheet1!A1', [['x']], 'valueInputOption=RAW&insertDataOption=APPEND')
    expect(res.json.error.message).toBe(
      'Invalid value at \'insert_data_option\' (type.googleapis.com/google.apps.sheets.v4.InsertDataOption), "APPEND"',
    )
  })
})

describe('findTables on irregular shapes', () => {
  it('joins a U-shaped block through its bottom row into one table', async () => {
    const h = harness()
    await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 20, columnCount: 6 } }])
    await h.update('ss', 'Sheet1!A1', [
      ['a', '', '', ''],
      ['a', '', '', 'x'],
      ['a', '', '', 'x'],
      ['a', 'b', 'b', 'x'],
    ])
    await h.update('ss', 'Sheet1!F10', [['lower block']])
    const res = await h.append('ss', 'Sheet1!D2', [['n']])
    expect(res.json.tableRange).toBe('Sheet1!A1:D4')
    expect(res.json.updates.updatedRange).toBe('Sheet1!A5')
  })
})
