// Verify-and-repair, as pure functions: what a write must have left in the rows it wrote, how the
// answer's grid data is compared with it, and which cells put a tab right after rows moved.
import { describe, expect, it } from 'vitest'
import type { RawCell } from '../../src/domain'
import { expectationsOf, type PlacedWrite, planRepair, unmet, verification } from '../../src/ledger/checked-write'
import type { SheetRecord } from '../../src/ledger/row-cells'
import { templateLayout } from '../support/template-layout'

const KEYS = ['case_id', 'initials', 'stage', '_status'] as const
type Cells = Partial<Record<(typeof KEYS)[number], RawCell>>

const record = (rowIndex: number, cells: Cells): SheetRecord => ({
  rowIndex,
  cells: Object.fromEntries(KEYS.map((k) => [k, cells[k] ?? null])),
})
const write = (at: SheetRecord, cells: Cells): PlacedWrite => ({
  tab: 'cases',
  rowIndex: at.rowIndex,
  cells: new Map(Object.entries(cells)),
  read: at.cells,
})

/** The repairs as [row, {key: value}] pairs, for readable expectations. */
const repairsOf = (before: SheetRecord[], writes: PlacedWrite[], now: SheetRecord[]) =>
  planRepair('cases', KEYS, before, writes, now)
    .sort((a, b) => a.rowIndex - b.rowIndex)
    .map((r) => [r.rowIndex, Object.fromEntries(r.cells)])

describe('planRepair', () => {
  const ab = record(1, { case_id: 'K-0001', initials: 'AB', stage: 'akses' })
  const ef = record(2, { initials: 'EF', stage: 'akses' })
  const cd = record(3, { initials: 'CD', stage: 'akses' })
  const ids = [write(ef, { case_id: 'K-0002' }), write(cd, { case_id: 'K-0003' })]

  it('swaps new ids back after a sort put them on each other’s rows', () => {
    // Sorted: CD on row 2 got K-0002, EF on row 3 got K-0003.
    const now = [
      ab,
      record(2, { initials: 'CD', stage: 'akses', case_id: 'K-0002' }),
      record(3, { initials: 'EF', stage: 'akses', case_id: 'K-0003' }),
    ]
    expect(repairsOf([ab, ef, cd], ids, now)).toEqual([
      [2, { case_id: 'K-0003' }],
      [3, { case_id: 'K-0002' }],
    ])
  })

  it('gives an overwritten row its own id back after an insert moved it under the write', () => {
    const now = [
      record(2, { initials: 'AB', stage: 'akses', case_id: 'K-0002' }),
      record(3, { initials: 'EF', stage: 'akses', case_id: 'K-0003' }),
      record(4, { initials: 'CD', stage: 'akses' }),
    ]
    expect(repairsOf([ab, ef, cd], ids, now)).toEqual([
      [2, { case_id: 'K-0001' }],
      [3, { case_id: 'K-0002' }],
      [4, { case_id: 'K-0003' }],
    ])
  })

  it('clears what the write left on a row that is empty otherwise', () => {
    const now = [record(1, { initials: 'EF', stage: 'akses' }), record(3, { case_id: 'K-0003' })]
    expect(repairsOf([ab, ef], [write(ef, { case_id: 'K-0002' }), write(cd, { case_id: 'K-0003' })], now)).toEqual([
      [1, { case_id: 'K-0002' }],
      [3, { case_id: null }],
    ])
  })

  it('leaves alone a row a person edited meanwhile, and rows added meanwhile', () => {
    const now = [ab, record(2, { initials: 'EG', stage: 'akses', case_id: 'K-0002' }), record(9, { initials: 'ZZ' })]
    expect(repairsOf([ab, ef], [write(ef, { case_id: 'K-0002' })], now)).toEqual([])
  })

  it('takes rows equal in everything the write did not touch as one group, in any order', () => {
    const twin = (rowIndex: number, id?: string) =>
      record(rowIndex, { initials: 'AA', stage: 'akses', case_id: id ?? null })
    const before = [twin(1, 'K-0001'), twin(2)]
    const writes = [write(twin(2), { case_id: 'K-0002' })]
    expect(repairsOf(before, writes, [twin(1, 'K-0002'), twin(2, 'K-0001')])).toEqual([])
    expect(repairsOf(before, writes, [twin(1, 'K-0002'), twin(2, 'K-0002')])).toEqual([[2, { case_id: 'K-0001' }]])
  })

  it('puts a PATCH back on its own row and restores the row it landed on', () => {
    const patch = write(ab, { stage: 'monev' })
    const now = [record(1, { initials: 'EF', stage: 'monev' }), record(2, { ...ab.cells, stage: 'akses' } as Cells)]
    expect(repairsOf([ab, ef], [patch], now)).toEqual([
      [1, { stage: 'akses' }],
      [2, { stage: 'monev' }],
    ])
  })
})

describe('expectationsOf and unmet', () => {
  const layout = templateLayout()
  const row = record(4, { case_id: 'K-0004', initials: 'AB', stage: 'akses' })
  const placed = write(row, { _status: 'pesan' })

  it('expects each written row below a removed copy one row higher', () => {
    const removal = { tab: 'cases' as const, startRow: 1, rows: [2], ids: ['K-0002'] }
    expect(expectationsOf([placed], [removal])).toEqual([
      { tab: 'cases', rowIndex: 3, cells: { case_id: 'K-0004', initials: 'AB', stage: 'akses', _status: 'pesan' } },
    ])
  })

  it('asks for the written rows only, values only, in the same call', () => {
    const { body, fields } = verification(layout, expectationsOf([placed, write(record(5, {}), { _status: null })], []))
    expect(body).toEqual({
      includeSpreadsheetInResponse: true,
      responseRanges: ['Cases!5:6'],
      responseIncludeGridData: true,
    })
    expect(fields).toContain('rowData(values(effectiveValue))')
  })

  it('finds a written row that holds something else in the answer, and trusts one that matches', () => {
    const expected = expectationsOf([placed], [])
    const columns = layout.tabs.cases.columns
    const answer = (initials: string) => {
      const values: object[] = []
      values[columns.get('case_id') ?? 0] = { effectiveValue: { stringValue: 'K-0004' } }
      values[columns.get('initials') ?? 0] = { effectiveValue: { stringValue: initials } }
      values[columns.get('stage') ?? 0] = { effectiveValue: { stringValue: 'akses' } }
      values[columns.get('_status') ?? 0] = { effectiveValue: { stringValue: 'pesan' } }
      return {
        updatedSpreadsheet: {
          sheets: [
            { properties: { sheetId: layout.tabs.cases.sheetId }, data: [{ startRow: 4, rowData: [{ values }] }] },
          ],
        },
      }
    }
    expect(unmet(layout, expected, answer('AB'))).toEqual([])
    expect(unmet(layout, expected, answer('EF'))).toEqual(expected)
    expect(unmet(layout, expected, {})).toEqual(expected)
  })
})
