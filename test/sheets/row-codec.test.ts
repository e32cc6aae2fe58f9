import { describe, expect, it } from 'vitest'
import {
  appendRowsRequest,
  decodeRows,
  decodeValueRange,
  encodeRow,
  rawCell,
  readCell,
  toCellData,
  updateRowCellsRequests,
} from '../../src/sheets/row-codec'

const columns = new Map([
  ['session_id', 0],
  ['date', 2],
  ['rating', 3],
  ['notes', 5],
] as const)

describe('readCell', () => {
  it.each([
    [['a', 'b'], 1, 'b'],
    [['a'], 4, null],
    [['', 'b'], 0, null],
    [[0], 0, 0],
    [[false], 0, false],
    [undefined, 0, null],
  ] as const)('reads %j at %i as %j', (row, index, expected) => {
    expect(readCell(row, index)).toBe(expected)
  })

  it('refuses a non-scalar as a bug', () => {
    expect(() => readCell([{}], 0)).toThrow(TypeError)
  })
})

describe('decodeRows', () => {
  // Exactly as values.batchGet returns `Sessions!A2:F` with UNFORMATTED_VALUE + SERIAL_NUMBER:
  // ragged rows, "" inside a row, [] for an empty interior row, dates as serials, a rating typed
  // as text, trailing empties omitted.
  const values = [
    ['SES-0001', 'x', 45721, 4],
    ['SES-0002', '', 45722, '3', '', 'catatan'],
    [],
    ['', 'only an unbound cell'],
    ['SES-0003'],
  ]

  it('keys the bound cells of each non-empty row and keeps the sheet row index', () => {
    expect(decodeRows({ values, columns, firstRowIndex: 1, decode: rawCell })).toEqual([
      { rowIndex: 1, cells: { session_id: 'SES-0001', date: 45721, rating: 4, notes: null } },
      { rowIndex: 2, cells: { session_id: 'SES-0002', date: 45722, rating: '3', notes: 'catatan' } },
      { rowIndex: 5, cells: { session_id: 'SES-0003', date: null, rating: null, notes: null } },
    ])
  })

  it('applies the decode function per key', () => {
    const decoded = decodeRows({
      values: [['SES-0001', '', 45721, ' 4 ']],
      columns,
      firstRowIndex: 1,
      decode: (key, cell) => (key === 'rating' && typeof cell === 'string' ? Number(cell.trim()) : cell),
    })
    expect(decoded[0]?.cells.rating).toBe(4)
  })

  it('shifts columns when the range does not start at column A', () => {
    const decoded = decodeRows({
      values: [['2025-03-05', 4]],
      columns: new Map([
        ['date', 2],
        ['rating', 3],
      ]),
      firstRowIndex: 9,
      firstColumnIndex: 2,
      decode: rawCell,
    })
    expect(decoded).toEqual([{ rowIndex: 9, cells: { date: '2025-03-05', rating: 4 } }])
  })

  it('skips the header rows above dataStartRow', () => {
    const decoded = decodeRows({
      values: [['ID Sesi'], ['SES-0001']],
      columns: new Map([['session_id', 0]]),
      firstRowIndex: 0,
      dataStartRow: 1,
      decode: rawCell,
    })
    expect(decoded).toEqual([{ rowIndex: 1, cells: { session_id: 'SES-0001' } }])
  })

  it('returns nothing for a range without values', () => {
    expect(decodeRows({ values: undefined, columns, firstRowIndex: 0, decode: rawCell })).toEqual([])
  })
})

describe('decodeValueRange', () => {
  it('takes the first row and column from the returned range', () => {
    const result = decodeValueRange(
      { range: "'Rencana Intervensi'!B3:D1000", majorDimension: 'ROWS', values: [['G-1', 'judul']] },
      new Map([
        ['goal_id', 1],
        ['title', 2],
      ]),
      rawCell,
    )
    expect(result).toEqual({ ok: true, value: [{ rowIndex: 2, cells: { goal_id: 'G-1', title: 'judul' } }] })
  })

  it('refuses COLUMNS-major ranges and unreadable ranges', () => {
    expect(decodeValueRange({ range: 'A1', majorDimension: 'COLUMNS' }, columns, rawCell)).toEqual({
      ok: false,
      error: { kind: 'columns_major' },
    })
    expect(decodeValueRange({ range: "'broken!A1" }, columns, rawCell)).toEqual({
      ok: false,
      error: { kind: 'unparseable_range', range: "'broken!A1" },
    })
  })
})

describe('toCellData', () => {
  it.each([
    ['=HYPERLINK("http://x")', { userEnteredValue: { stringValue: '=HYPERLINK("http://x")' } }],
    ['+62 812', { userEnteredValue: { stringValue: '+62 812' } }],
    ['-1', { userEnteredValue: { stringValue: '-1' } }],
    ['@staf', { userEnteredValue: { stringValue: '@staf' } }],
    ["'0042", { userEnteredValue: { stringValue: "'0042" } }],
    ['', { userEnteredValue: { stringValue: '' } }],
    [45721, { userEnteredValue: { numberValue: 45721 } }],
    [0, { userEnteredValue: { numberValue: 0 } }],
    [true, { userEnteredValue: { boolValue: true } }],
    [null, {}],
    [undefined, {}],
  ])('writes %j as %j, never as a formula', (value, expected) => {
    expect(toCellData(value)).toEqual(expected)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %f as a bug', (value) => {
    expect(() => toCellData(value)).toThrow(RangeError)
  })
})

describe('encodeRow', () => {
  it('places each value at its bound column and leaves other columns empty', () => {
    expect(encodeRow({ session_id: 'SES-0004', rating: 'N', notes: '=1+1' }, columns)).toEqual({
      values: [
        { userEnteredValue: { stringValue: 'SES-0004' } },
        {},
        {},
        { userEnteredValue: { stringValue: 'N' } },
        {},
        { userEnteredValue: { stringValue: '=1+1' } },
      ],
    })
  })

  it('pads to a width and uses the encode function', () => {
    const row = encodeRow({ date: '2025-03-05' }, new Map([['date', 1]]), () => 45721, 3)
    expect(row).toEqual({ values: [{}, { userEnteredValue: { numberValue: 45721 } }, {}] })
  })

  it('refuses a value without a cell form unless an encoder is given', () => {
    expect(() => encodeRow({ date: new Date(0) }, new Map([['date', 0]]))).toThrow(TypeError)
  })
})

describe('batchUpdate requests', () => {
  it('appends rows with appendCells writing userEnteredValue only', () => {
    const row = encodeRow({ session_id: 'SES-0005' }, new Map([['session_id', 0]]))
    expect(appendRowsRequest(71, [row])).toEqual({
      appendCells: {
        sheetId: 71,
        rows: [{ values: [{ userEnteredValue: { stringValue: 'SES-0005' } }] }],
        fields: 'userEnteredValue',
      },
    })
  })

  it('updates only the given cells of a row, one request per run of adjacent columns', () => {
    const requests = updateRowCellsRequests(
      0,
      7,
      new Map([
        [9, 'Tanggal tidak valid'],
        [0, 'KAS-0001'],
        [1, null],
      ]),
    )
    expect(requests).toEqual([
      {
        updateCells: {
          start: { sheetId: 0, rowIndex: 7, columnIndex: 0 },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'KAS-0001' } }, {}] }],
          fields: 'userEnteredValue',
        },
      },
      {
        updateCells: {
          start: { sheetId: 0, rowIndex: 7, columnIndex: 9 },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'Tanggal tidak valid' } }] }],
          fields: 'userEnteredValue',
        },
      },
    ])
  })
})
