// The same id on several rows: later copies identical to an earlier one are removed with Google's
// content-addressed deleteDuplicates (only when Google's own rule would remove exactly them);
// copies that differ are flagged for a person.
import { describe, expect, it } from 'vitest'
import { findDuplicates, removalRequest } from '../../src/ledger/duplicate-rows'
import type { TabLayout } from '../../src/ledger/sheet-layout'

/** A 5-column tab: id, task, rating, notes, _status. */
const TAB: TabLayout = {
  sheetId: 4,
  title: 'Sessions',
  columns: new Map([
    ['session_id', 0],
    ['task', 1],
    ['rating', 2],
    ['notes', 3],
    ['_status', 4],
  ]),
  rowCount: 100,
  columnCount: 5,
}
const HEADER = ['ID Sesi', 'Tugas', 'Nilai', 'Catatan', 'Status validasi']

/** The rows holding each id, as the sync's plan collects them (header = row 0). */
function copiesOf(values: readonly (readonly unknown[])[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  values.forEach((row, r) => {
    const id = row[0]
    if (r > 0 && typeof id === 'string' && id !== '') out.set(id, [...(out.get(id) ?? []), r])
  })
  return out
}

const find = (values: unknown[][]) => findDuplicates('sessions', TAB, values, copiesOf(values))

describe('findDuplicates', () => {
  it('removes a later copy identical to an earlier row, from the first copy to the end of the tab', () => {
    const values = [HEADER, ['S-1', 'menyapu', 3, 'ok'], ['S-2', 'mencuci', 2], ['S-1', 'menyapu', 3, 'ok']]
    const found = find(values)
    expect(found.removal).toEqual({ tab: 'sessions', startRow: 1, rows: [3], ids: ['S-1'] })
    expect([...found.removed]).toEqual([3])
    expect(found.flagged).toEqual([])
  })

  it('counts copies that differ only in _status as identical', () => {
    const found = find([HEADER, ['S-1', 'menyapu', 3, '', 'pesan lama'], ['S-1', 'menyapu', 3]])
    expect(found.removal?.rows).toEqual([2])
  })

  it('keeps copies that differ and flags their id for a person', () => {
    const found = find([HEADER, ['S-1', 'menyapu', 3], ['S-1', 'menyapu', 4]])
    expect(found.removal).toBeUndefined()
    expect(found.flagged).toEqual(['S-1'])
  })

  it('treats a difference in letter case as a difference (Google would not)', () => {
    const found = find([HEADER, ['S-1', 'menyapu', 3], ['S-1', 'Menyapu', 3]])
    expect(found.removal).toBeUndefined()
    expect(found.flagged).toEqual(['S-1'])
  })

  it('removes two copies of one id and keeps the first, with a third that differs flagged', () => {
    const found = find([HEADER, ['S-1', 'a', 1], ['S-1', 'a', 2], ['S-1', 'a', 1], ['S-1', 'a', 1]])
    expect(found.removal?.rows).toEqual([3, 4])
    expect(found.flagged).toEqual(['S-1'])
  })

  it('leaves blank rows alone: Google never counts them as duplicates', () => {
    const found = find([HEADER, ['S-1', 'a', 1], [], [], ['S-1', 'a', 1]])
    expect(found.removal?.rows).toEqual([4])
  })

  it('waits when other rows in the range repeat each other (half-typed rows Google would remove too)', () => {
    const found = find([HEADER, ['S-1', 'a', 1], ['', 'sama'], ['', 'sama'], ['S-1', 'a', 1]])
    expect(found.removal).toBeUndefined()
    expect(found.removed.size).toBe(0)
    expect(found.flagged).toEqual(['S-1'])
  })
})

describe('removalRequest', () => {
  it('asks Google to compare every column but _status, over the whole width from the first copy down', () => {
    expect(removalRequest(TAB, { tab: 'sessions', startRow: 1, rows: [3], ids: ['S-1'] })).toEqual({
      deleteDuplicates: {
        range: { sheetId: 4, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 5 },
        comparisonColumns: [{ sheetId: 4, dimension: 'COLUMNS', startIndex: 0, endIndex: 4 }],
      },
    })
  })
})
