import { describe, expect, it } from 'vitest'
import { columnIndex, columnLetters, parseArea, quoteSheetTitle, splitRange } from '../../emulator/a1-notation'
import { harness } from './emulator-harness'

describe('columnLetters and columnIndex', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [18277, 'ZZZ'],
  ])('maps column %i to %s and back', (index, letters) => {
    expect(columnLetters(index)).toBe(letters)
    expect(columnIndex(letters)).toBe(index)
    expect(columnIndex(letters.toLowerCase())).toBe(index)
  })

  it('rejects columns past ZZZ', () => {
    expect(columnIndex('AAAA')).toBeUndefined()
  })
})

describe('parseArea', () => {
  it.each([
    ['A1', { startRow: 0, endRow: 1, startCol: 0, endCol: 1 }],
    ['$B$2', { startRow: 1, endRow: 2, startCol: 1, endCol: 2 }],
    ['A1:B2', { startRow: 0, endRow: 2, startCol: 0, endCol: 2 }],
    ['D4:A1', { startRow: 0, endRow: 4, startCol: 0, endCol: 4 }],
    ['A:C', { startCol: 0, endCol: 3 }],
    ['1:5', { startRow: 0, endRow: 5 }],
    ['A5:A', { startRow: 4, startCol: 0, endCol: 1 }],
    ['A1:1', { startRow: 0, endRow: 1, startCol: 0 }],
  ])('reads %s', (text, bounds) => {
    expect(parseArea(text)).toEqual(bounds)
  })

  it.each(['', 'A', '1', 'A0', 'B1:K999,M1:P999', 'A:B5', 'R1C1', 'AAAA1', 'A1:B2:C3', 'TAB01x'])(
    'does not read %j as an area',
    (text) => {
      expect(parseArea(text)).toBeUndefined()
    },
  )
})

describe('splitRange', () => {
  it.each([
    ["'My Sheet'!A1:B2", { sheet: 'My Sheet', quoted: true, area: 'A1:B2' }],
    ["'It''s'!1:2", { sheet: "It's", quoted: true, area: '1:2' }],
    ["'Sheet1'", { sheet: 'Sheet1', quoted: true }],
    ['🌵 test 1!A:A', { sheet: '🌵 test 1', quoted: false, area: 'A:A' }],
    ['a!b!C3', { sheet: 'a!b', quoted: false, area: 'C3' }],
    ['A1:B2', { quoted: false, area: 'A1:B2' }],
  ])('splits %s', (input, parts) => {
    expect(splitRange(input)).toEqual(parts)
  })

  it.each(["'unclosed!A1", "'Sheet1'x", 'Sheet1!'])('rejects malformed quoting in %s', (input) => {
    expect(splitRange(input)).toBeUndefined()
  })
})

describe('quoteSheetTitle', () => {
  it.each([
    ['Sheet1', 'Sheet1'],
    ['Solar', 'Solar'],
    ['My Sheet', "'My Sheet'"],
    ['D3', "'D3'"],
    ['tab01', "'tab01'"],
    ['R1C1', "'R1C1'"],
    ["It's", "'It''s'"],
    ['🌵 cactus', "'🌵 cactus'"],
    ['Kasus', 'Kasus'],
  ])('prints %s as %s', (title, printed) => {
    expect(quoteSheetTitle(title)).toBe(printed)
  })
})

describe('range normalisation in answers (§3.4)', () => {
  const setup = async () => {
    const h = harness()
    await h.createSpreadsheet('ss', [
      { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 1000, columnCount: 26 } },
      { sheetId: 1, title: 'D3', gridProperties: { rowCount: 10, columnCount: 10 } },
      { sheetId: 2, title: '🌵 test_values_batch_get 1', gridProperties: { rowCount: 10, columnCount: 10 } },
      { sheetId: 3, title: 'Small', gridProperties: { rowCount: 4, columnCount: 4 } },
      { sheetId: 4, title: "It's", gridProperties: { rowCount: 5, columnCount: 5 } },
    ])
    return h
  }

  it.each([
    ["'Sheet1'", 'Sheet1!A1:Z1000'],
    ['Sheet1', 'Sheet1!A1:Z1000'],
    ["'Small'", 'Small!A1:D4'],
    ["'Sheet1'!A1:1", 'Sheet1!A1:Z1'],
    ["'Sheet1'!A2:2", 'Sheet1!A2:Z2'],
    ["'Sheet1'!A1:C", 'Sheet1!A1:C1000'],
    ["'Sheet1'!B1:B", 'Sheet1!B1:B1000'],
    ['🌵 test_values_batch_get 1!A:A', "'🌵 test_values_batch_get 1'!A1:A10"],
    ["'Sheet1'!A1", 'Sheet1!A1'],
    ["'Sheet1'!A1:A1", 'Sheet1!A1'],
    ["'Sheet1'!D4:A1", 'Sheet1!A1:D4'],
    ["'D3'!A1:D1", "'D3'!A1:D1"],
    ["'It''s'!1:2", "'It''s'!A1:E2"],
    ['A1:G1000', 'Sheet1!A1:G1000'],
    ['B2', 'Sheet1!B2'],
    ['sheet1!a1:b2', undefined],
  ])('answers %s with range %s', async (requested, normalised) => {
    const h = await setup()
    const res = await h.values('ss', requested)
    if (normalised === undefined) {
      expect(res.json.error).toMatchObject({ code: 400, message: `Unable to parse range: ${requested}` })
    } else {
      expect(res.status).toBe(200)
      expect(res.json.range).toBe(normalised)
    }
  })

  it('treats an unquoted cell-like token as a cell, and a quoted one as the sheet', async () => {
    const h = await setup()
    expect((await h.values('ss', 'D3')).json.range).toBe('Sheet1!D3')
    expect((await h.values('ss', "'D3'")).json.range).toBe("'D3'!A1:J10")
  })

  it.each([
    ["'Small'!A5", 'Range (Small!A5) exceeds grid limits. Max rows: 4, max columns: 4'],
    ["'Small'!E1", 'Range (Small!E1) exceeds grid limits. Max rows: 4, max columns: 4'],
    ["'Small'!A1:A9", 'Range (Small!A1:A9) exceeds grid limits. Max rows: 4, max columns: 4'],
    ["'D3'!TAB1", "Range ('D3'!TAB1) exceeds grid limits. Max rows: 10, max columns: 10"],
  ])('rejects %s beyond the grid', async (range, message) => {
    const h = await setup()
    const res = await h.values('ss', range)
    expect(res.status).toBe(400)
    expect(res.json.error).toEqual({ code: 400, message, status: 'INVALID_ARGUMENT' })
  })

  it.each(['Novice!C3:C14', "'SHEET'!B1:K999,M1:P999", "'all prompts'!A1:[5", 'Sheet 1'])(
    'answers "Unable to parse range" echoing %s',
    async (range) => {
      const h = await setup()
      const res = await h.values('ss', range)
      expect(res.json.error.message).toBe(`Unable to parse range: ${range}`)
    },
  )

  it('resolves a named range before a sheet title, and inside a sheet', async () => {
    const h = await setup()
    await h.batchUpdate('ss', [
      {
        addNamedRange: {
          namedRange: {
            name: 'Small',
            range: { sheetId: 0, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 1, endColumnIndex: 3 },
          },
        },
      },
    ])
    expect((await h.values('ss', 'Small')).json.range).toBe('Sheet1!B1:C3')
    expect((await h.values('ss', "'Small'")).json.range).toBe('Small!A1:D4')
    expect((await h.values('ss', "'Sheet1'!Small")).json.range).toBe('Sheet1!B1:C3')
  })

  it('defaults to the first visible sheet', async () => {
    const h = await setup()
    await h.batchUpdate('ss', [
      { updateSheetProperties: { properties: { sheetId: 0, hidden: true }, fields: 'hidden' } },
    ])
    expect((await h.values('ss', 'A1:B2')).json.range).toBe("'D3'!A1:B2")
  })
})
