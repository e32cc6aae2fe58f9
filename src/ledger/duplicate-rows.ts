/**
 * @module
 * The backstop against a write Google applied after the grace period (issue 7.2): the outbox waits
 * `uncertainGraceMs` before it looks for and re-sends rows whose write got no proof either way,
 * but Google may apply a write later than any wait. Then the sheet holds the same system-assigned
 * id on two rows, and the next sync repairs it:
 * - copies identical in every column but `_status` (the same write, applied twice): the later
 *   ones are deleted with Google's `deleteDuplicates` request, in the same write the sync sends
 *   anyway;
 * - copies that differ (a person edited one, or pasted a row): all are kept and their `_status`
 *   says the id is on more than one row, for a person to choose (validate-snapshot.ts);
 * and a Log line says which ids and how many rows.
 *
 * Why `deleteDuplicates` and not `deleteDimension` of the copy's row number: between the sync's
 * read and its write a person may sort, insert or delete rows, and a row number from the read
 * would then delete whatever row moved there. `deleteDuplicates` is content-addressed: Google
 * removes a row of the range only if every compared cell (every column but `_status`) equals an
 * earlier row's in the range — so whatever moved, the only rows it can remove repeat another row
 * cell for cell, id included, and no content leaves the sheet. Before asking for it the plan
 * checks, in the rows it read, that Google's rule (cells compared ignoring letter case, rows blank
 * in every compared column never counted) would remove exactly the copies it means to remove;
 * otherwise it waits for a later sync. Sorted away from the range in the meantime, a copy simply
 * stays until the next sync finds it again.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { type DataTabKey, STATUS_KEY } from '../domain'
import { readCell } from '../sheets'
import type { TabLayout } from './sheet-layout'

/**
 * The copies of one tab that a deleteDuplicates from `startRow` to the end of the tab removes.
 * The range runs to the end so that the rows Google empties at the bottom of the range (it moves
 * the kept rows up inside it) are the tab's last rows, not a gap in the middle of the data.
 */
export type DuplicateRemoval = {
  readonly tab: DataTabKey
  readonly startRow: number
  /** 0-based sheet rows of the later identical copies (as read). */
  readonly rows: readonly number[]
  readonly ids: readonly string[]
}

export type DuplicateFindings = {
  /** Per tab, at most one removal (its range spans that tab's copies). */
  readonly removals: readonly DuplicateRemoval[]
  /** Sheet rows (by tab) the removal takes out of this sync's snapshot. */
  readonly removed: ReadonlyMap<DataTabKey, ReadonlySet<number>>
  /** Ids still on several rows that differ: flagged for a person. */
  readonly flagged: readonly string[]
}

/** A cell as deleteDuplicates compares it: letter case ignored, types apart, empty = ''. */
function googleKey(cell: unknown): string {
  const v = readCell([cell], 0)
  if (v === null) return ''
  if (typeof v === 'number') return `n${v}`
  if (typeof v === 'boolean') return `b${v}`
  return `s${v.toLowerCase()}`
}

/** A cell as the ledger compares copies: exactly as read. */
function exactKey(cell: unknown): string {
  const v = readCell([cell], 0)
  return v === null ? '' : `${typeof v}:${String(v)}`
}

/** Every column of the grid but `_status`, as one comparable text; undefined for a blank row. */
function rowKey(row: readonly unknown[] | undefined, width: number, status: number, key: (c: unknown) => string) {
  const parts: string[] = []
  let blank = true
  for (let c = 0; c < width; c++) {
    if (c === status) continue
    const k = key(row?.[c])
    if (k !== '') blank = false
    parts.push(k)
  }
  return blank ? undefined : parts.join('\u0001')
}

/**
 * Looks for ids on several rows of one tab. `copies` are the sheet rows holding each id that was
 * already in the sheet (in sheet order); `values` is the tab as read (row 0 = header).
 */
export function findDuplicates(
  tab: DataTabKey,
  layout: TabLayout,
  values: readonly (readonly unknown[])[],
  copies: ReadonlyMap<string, readonly number[]>,
): { removal: DuplicateRemoval | undefined; removed: Set<number>; flagged: string[] } {
  const status = layout.columns.get(STATUS_KEY) ?? -1
  const width = Math.max(layout.columnCount, ...values.map((r) => r.length))
  const drop = new Set<number>()
  const dropIds: string[] = []
  const flagged: string[] = []
  for (const [id, rows] of copies) {
    if (rows.length < 2) continue
    const firstOfContent = new Map<string, number>()
    for (const r of rows) {
      const k = rowKey(values[r], width, status, exactKey) ?? ''
      if (firstOfContent.has(k)) {
        drop.add(r)
        if (!dropIds.includes(id)) dropIds.push(id)
      } else firstOfContent.set(k, r)
    }
    if (firstOfContent.size > 1) flagged.push(id)
  }
  if (drop.size === 0) return { removal: undefined, removed: drop, flagged }

  // The range starts at the first copy of the ids being repaired and runs to the end of the tab;
  // Google must remove exactly `drop` there (rows past the read are blank).
  const involved = [...copies].filter(([id]) => dropIds.includes(id)).flatMap(([, rows]) => rows)
  const startRow = Math.min(...involved)
  const seen = new Set<string>()
  const wouldGo = new Set<number>()
  for (let r = startRow; r < values.length; r++) {
    const k = rowKey(values[r], width, status, googleKey)
    if (k === undefined) continue
    if (seen.has(k)) wouldGo.add(r)
    else seen.add(k)
  }
  const exact = wouldGo.size === drop.size && [...drop].every((r) => wouldGo.has(r))
  if (!exact) {
    // Other rows in the range repeat each other (e.g. two half-typed rows): not now. Until a later
    // sync can remove the copies safely, every copy is flagged like copies that differ.
    return { removal: undefined, removed: new Set(), flagged: [...new Set([...flagged, ...dropIds])] }
  }
  return {
    removal: { tab, startRow, rows: [...drop].sort((a, b) => a - b), ids: dropIds },
    removed: drop,
    flagged,
  }
}

/**
 * The deleteDuplicates request of a removal: the whole width of the tab from the first copy to
 * the end, comparing every column but `_status` (a copy may carry a status the first one does not).
 */
export function removalRequest(layout: TabLayout, removal: DuplicateRemoval): sheets_v4.Schema$Request {
  const status = layout.columns.get(STATUS_KEY)
  const dimension = (startIndex: number, endIndex: number): sheets_v4.Schema$DimensionRange => ({
    sheetId: layout.sheetId,
    dimension: 'COLUMNS',
    startIndex,
    endIndex,
  })
  const end = layout.columnCount
  const comparisonColumns =
    status === undefined
      ? [dimension(0, end)]
      : [...(status > 0 ? [dimension(0, status)] : []), ...(status + 1 < end ? [dimension(status + 1, end)] : [])]
  return {
    deleteDuplicates: {
      range: { sheetId: layout.sheetId, startRowIndex: removal.startRow, startColumnIndex: 0, endColumnIndex: end },
      comparisonColumns,
    },
  }
}
