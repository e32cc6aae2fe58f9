import { describe, expect, it } from 'vitest'
import {
  areaRange,
  cellA1,
  columnsRange,
  columnToLetters,
  formatSheetName,
  lettersToColumn,
  parseA1Range,
  rowsRange,
  sheetRange,
} from '../../src/sheets/a1'

describe('columnToLetters / lettersToColumn', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [18_277, 'ZZZ'],
  ])('maps column %i to %s and back', (index, letters) => {
    expect(columnToLetters(index)).toBe(letters)
    expect(lettersToColumn(letters)).toBe(index)
    expect(lettersToColumn(letters.toLowerCase())).toBe(index)
  })

  it('round-trips every column from A to ZZZ', () => {
    for (let i = 0; i < 18_278; i++) expect(lettersToColumn(columnToLetters(i))).toBe(i)
  })

  it.each([-1, 18_278, 1.5])('refuses column index %s as a bug', (index) => {
    expect(() => columnToLetters(index)).toThrow(RangeError)
  })

  it.each(['', 'AAAA', 'A1', '$A', 'Ä'])('does not read %j as column letters', (text) => {
    expect(lettersToColumn(text)).toBeNull()
  })
})

describe('formatSheetName', () => {
  it.each([
    ['Sheet1', 'Sheet1'],
    ['Cases', 'Cases'],
    ['_status', '_status'],
    ['My Sheet', "'My Sheet'"],
    ["It's", "'It''s'"],
    ["'quoted'", "'''quoted'''"],
    ['D3', "'D3'"],
    ['tab01', "'tab01'"],
    ['ZZZ9', "'ZZZ9'"],
    ['R1C1', "'R1C1'"],
    ['rc', "'rc'"],
    ['Rencana Intervensi', "'Rencana Intervensi'"],
    ['a/b', "'a/b'"],
    ['Sesi-2025', "'Sesi-2025'"],
    ['1abc', "'1abc'"],
    ['🌵 test', "'🌵 test'"],
    ['Asesmen', 'Asesmen'],
  ])('writes %j before "!" as %s', (title, expected) => {
    expect(formatSheetName(title)).toBe(expected)
  })
})

describe('range builders', () => {
  it.each([
    [{ startRow: 0, startColumn: 0 }, 'Sheet1!A1'],
    [{ startRow: 0, startColumn: 0, endRow: 1, endColumn: 1 }, 'Sheet1!A1'],
    [{ startRow: 4, startColumn: 0, endRow: 5, endColumn: 10 }, 'Sheet1!A5:J5'],
    [{ startRow: 1, startColumn: 0, endColumn: 10 }, 'Sheet1!A2:J'],
    [{ startRow: 0, startColumn: 0, endRow: 1 }, 'Sheet1!A1:1'],
    [{ startRow: 9, startColumn: 26, endRow: 20, endColumn: 28 }, 'Sheet1!AA10:AB20'],
  ])('builds area %o as %s', (area, expected) => {
    expect(areaRange('Sheet1', area)).toBe(expected)
  })

  it('quotes the sheet name of every builder when needed', () => {
    expect(areaRange('My Sheet', { startRow: 0, startColumn: 0, endRow: 2, endColumn: 2 })).toBe("'My Sheet'!A1:B2")
    expect(rowsRange("It's", 0)).toBe("'It''s'!1:1")
    expect(rowsRange('Cases', 1, 5)).toBe('Cases!2:5')
    expect(columnsRange('D3', 0, 3)).toBe("'D3'!A:C")
    expect(columnsRange('Cases', 25)).toBe('Cases!Z:Z')
    expect(sheetRange('tab01')).toBe("'tab01'")
    expect(cellA1(2, 1)).toBe('B3')
  })

  it.each([
    { startRow: 3, startColumn: 0, endRow: 3, endColumn: 2 },
    { startRow: 0, startColumn: 2, endColumn: 2 },
    { startRow: -1, startColumn: 0 },
  ])('refuses the empty or negative area %o', (area) => {
    expect(() => areaRange('Sheet1', area)).toThrow(RangeError)
  })
})

describe('parseA1Range', () => {
  const r = (
    sheet: string | null,
    startRow: number | null,
    endRow: number | null,
    startColumn: number | null,
    endColumn: number | null,
  ) => ({ sheet, startRow, endRow, startColumn, endColumn })

  it.each([
    ['Sheet1!A5:J5', r('Sheet1', 4, 5, 0, 10)],
    ['Sheet1!A1:Z1000', r('Sheet1', 0, 1000, 0, 26)],
    ['Sheet1!A1', r('Sheet1', 0, 1, 0, 1)],
    ["'My Sheet'!A1:B2", r('My Sheet', 0, 2, 0, 2)],
    ["'It''s'!1:2", r("It's", 0, 2, null, null)],
    ["'D3'!A1:D1", r('D3', 0, 1, 0, 4)],
    ["'🌵 test_values_batch_get 1'!A1:A10", r('🌵 test_values_batch_get 1', 0, 10, 0, 1)],
    ['🌵 test_values_get 1!A1', r('🌵 test_values_get 1', 0, 1, 0, 1)],
    ["'a!b'!C3", r('a!b', 2, 3, 2, 3)],
    ['Cases', r('Cases', null, null, null, null)],
    ["'My Sheet'", r('My Sheet', null, null, null, null)],
    ['Cases!A:A', r('Cases', null, null, 0, 1)],
    ['Cases!A:C', r('Cases', null, null, 0, 3)],
    ['Cases!1:1', r('Cases', 0, 1, null, null)],
    ['Cases!A5:A', r('Cases', 4, null, 0, 1)],
    ['Cases!A2:Z', r('Cases', 1, null, 0, 26)],
    ['Cases!A1:1', r('Cases', 0, 1, 0, null)],
    ['Sheet1!D4:A1', r('Sheet1', 0, 4, 0, 4)],
    ['Sheet1!$A$1:$B$2', r('Sheet1', 0, 2, 0, 2)],
    ['sheet1!b2:c3', r('sheet1', 1, 3, 1, 3)],
    ['A1:B2', r(null, 0, 2, 0, 2)],
    // TAB = 20·26² + 1·26 + 2 = 13,548th column, index 13,547.
    ['tab01', r(null, 0, 1, 13_547, 13_548)],
    ['B3', r(null, 2, 3, 1, 2)],
  ])('reads %s', (range, expected) => {
    expect(parseA1Range(range)).toEqual({ ok: true, value: expected })
  })

  it.each([
    '',
    "'unterminated!A1",
    "''!A1",
    "'Sheet1'A1",
    '!A1',
    'Sheet1!',
    'Sheet1!A1:B2:C3',
    'Sheet1!B1:K999,M1:P999',
    'Sheet1!A:B5',
    'Sheet1!5:B',
    'Sheet1!A0',
    'Sheet1!AAAA1',
    'Sheet1!A1:[5',
  ])('refuses %j', (range) => {
    expect(parseA1Range(range)).toEqual({ ok: false, error: { kind: 'unparseable_range', range } })
  })

  it('parses back every range the builders write', () => {
    for (const title of ['Sheet1', 'My Sheet', "It's", 'D3', 'tab01', 'Rencana Intervensi']) {
      const built = areaRange(title, { startRow: 4, startColumn: 2, endRow: 9, endColumn: 12 })
      expect(parseA1Range(built)).toEqual({ ok: true, value: r(title, 4, 9, 2, 12) })
    }
  })
})
