// The smallest set of cell writes between what a computed tab holds and what it should hold.
import { describe, expect, it } from 'vitest'
import { type Grid, gridWrites } from '../../src/ledger/computed-tabs'
import type { TabLayout } from '../../src/ledger/sheet-layout'

const tab = (rowCount = 10, columnCount = 3): TabLayout => ({
  sheetId: 6,
  title: 'Dashboard',
  columns: new Map(),
  rowCount,
  columnCount,
})

const writes = (current: Grid, desired: Grid, layout = tab()) => gridWrites(layout, current, desired, 0, (i) => i)

describe('gridWrites', () => {
  it('writes nothing when the tab already shows the grid', () => {
    const grid = [['Judul'], ['a', 1, true]]
    expect(writes(grid, grid)).toMatchObject({ requests: [], cells: 0 })
  })

  it('writes only the cells whose value changes, one request per run of columns', () => {
    const w = writes([['a', 1, 2]], [['a', 5, 6]])
    expect(w.cells).toBe(2)
    expect(w.requests).toEqual([
      {
        updateCells: {
          start: { sheetId: 6, rowIndex: 0, columnIndex: 1 },
          rows: [{ values: [{ userEnteredValue: { numberValue: 5 } }, { userEnteredValue: { numberValue: 6 } }] }],
          fields: 'userEnteredValue',
        },
      },
    ])
  })

  it('clears the cells of rows that disappeared', () => {
    const w = writes([['a'], ['b', 2]], [['a']])
    expect(w.cells).toBe(2)
    expect(w.requests).toEqual([
      {
        updateCells: {
          start: { sheetId: 6, rowIndex: 1, columnIndex: 0 },
          rows: [{ values: [{}, {}] }],
          fields: 'userEnteredValue',
        },
      },
    ])
  })

  it.each([
    { name: 'rows', desired: Array.from({ length: 12 }, () => ['x']), append: { dimension: 'ROWS', length: 2 } },
    { name: 'columns', desired: [['a', 'b', 'c', 'd', 'e']], append: { dimension: 'COLUMNS', length: 2 } },
  ])('grows the grid with appendDimension before writing past its $name', ({ desired, append }) => {
    const w = writes([], desired)
    expect(w.requests[0]).toEqual({ appendDimension: { sheetId: 6, ...append } })
  })

  it('treats an empty string read back as an empty cell', () => {
    expect(writes([['a', '']], [['a', null]]).cells).toBe(0)
  })
})
