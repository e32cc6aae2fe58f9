/**
 * @module
 * The computed tabs as grids of cells, and the smallest set of cell writes that turns what the
 * sheet shows into what it should show. Progress rows are kept in {@link PROGRESS_COLUMNS} order
 * and placed through the header binding (staff may reorder those columns too); the Dashboard is
 * a grid anchored at A1. Both are computed from valid rows only, so a number in Progress always
 * agrees with the rows staff can see (users.md "What they must never experience").
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import type { Case, Feedback, Goal, IsoDate, RawCell, Session, StaffMember } from '../domain'
import { buildDashboard } from '../domain/dashboard'
import { buildProgressRows, PROGRESS_COLUMNS, progressRowCells } from '../domain/progress-tab'
import { readCell, updateRowCellsRequests } from '../sheets'
import { type Layout, type TabLayout, withGrid } from './sheet-layout'

/** Rows of cells. Progress: one row per goal, cells in PROGRESS_COLUMNS order. Dashboard: from A1. */
export type Grid = readonly (readonly RawCell[])[]

export type ComputedInput = {
  readonly cases: readonly Case[]
  readonly goals: readonly Goal[]
  readonly sessions: readonly Session[]
  /** Valid Feedback rows: the Progress tab's approval column, the Dashboard's approvals and open feedback. */
  readonly feedback: readonly Feedback[]
  readonly staff: readonly StaffMember[]
  readonly holidays: readonly IsoDate[]
  readonly asOf: IsoDate
}

export type ComputedGrids = { readonly progress: Grid; readonly dashboard: Grid }

export function computeGrids(input: ComputedInput): ComputedGrids {
  // The dashboard computes every active goal's progress; the Progress tab reuses it.
  const dashboard = buildDashboard(input)
  const progress = buildProgressRows({ ...input, progress: dashboard.progress }).map((row) => {
    const cells = progressRowCells(row)
    return PROGRESS_COLUMNS.map((c) => cells[c.key])
  })
  return { progress, dashboard: dashboard.grid }
}

/** The Progress rows as the sheet holds them (below the header), in PROGRESS_COLUMNS order. */
export function progressGridFromValues(values: readonly (readonly unknown[])[], layout: TabLayout): Grid {
  const positions = PROGRESS_COLUMNS.map((c) => layout.columns.get(c.key))
  const out: RawCell[][] = []
  for (let r = 1; r < values.length; r++) {
    out.push(positions.map((p) => (p === undefined ? null : readCell(values[r], p))))
  }
  return trimEmptyTail(out)
}

/** The Dashboard cells as the sheet holds them, from A1. */
export function dashboardGridFromValues(values: readonly (readonly unknown[])[]): Grid {
  return trimEmptyTail(values.map((row) => row.map((_, c) => readCell(row, c))))
}

function trimEmptyTail(rows: RawCell[][]): RawCell[][] {
  let end = rows.length
  while (end > 0 && (rows[end - 1] ?? []).every((cell) => cell === null)) end--
  return rows.slice(0, end)
}

/** Cell equality as the sheet sees it: missing, null and '' are all an empty cell. */
const blank = (v: RawCell | undefined): RawCell => (v === undefined || v === '' ? null : v)
const same = (a: RawCell | undefined, b: RawCell | undefined): boolean => blank(a) === blank(b)

/** Writes that turn `current` into `desired`, and how many cells they touch. */
export type GridWrites = {
  readonly requests: sheets_v4.Schema$Request[]
  readonly cells: number
  /** Grid size after the writes (grown with appendDimension when the desired grid is larger). */
  readonly rowCount: number
  readonly columnCount: number
}

/**
 * Cell writes for a grid. `firstRow` is the sheet row of grid row 0 (1 below a header);
 * `column(i)` the sheet column of grid column i. Rows or cells present now and absent from
 * `desired` are cleared. Grows the grid first when `desired` does not fit.
 */
export function gridWrites(
  tab: TabLayout,
  current: Grid,
  desired: Grid,
  firstRow: number,
  column: (index: number) => number | undefined,
): GridWrites {
  const requests: sheets_v4.Schema$Request[] = []
  let cells = 0
  const rows = Math.max(current.length, desired.length)
  let needRows = tab.rowCount
  let needColumns = tab.columnCount
  const perRow: { rowIndex: number; cells: Map<number, RawCell> }[] = []
  for (let r = 0; r < rows; r++) {
    const now = current[r] ?? []
    const want = desired[r] ?? []
    const width = Math.max(now.length, want.length)
    let changed: Map<number, RawCell> | undefined
    for (let c = 0; c < width; c++) {
      if (same(now[c], want[c])) continue
      const at = column(c)
      if (at === undefined) continue
      changed ??= new Map()
      changed.set(at, want[c] ?? null)
      if (at + 1 > needColumns) needColumns = at + 1
    }
    if (changed !== undefined) {
      const rowIndex = firstRow + r
      if (rowIndex + 1 > needRows) needRows = rowIndex + 1
      perRow.push({ rowIndex, cells: changed })
      cells += changed.size
    }
  }
  if (needRows > tab.rowCount) {
    requests.push({ appendDimension: { sheetId: tab.sheetId, dimension: 'ROWS', length: needRows - tab.rowCount } })
  }
  if (needColumns > tab.columnCount) {
    requests.push({
      appendDimension: { sheetId: tab.sheetId, dimension: 'COLUMNS', length: needColumns - tab.columnCount },
    })
  }
  for (const { rowIndex, cells: rowCells } of perRow) {
    requests.push(...updateRowCellsRequests(tab.sheetId, rowIndex, rowCells))
  }
  return { requests, cells, rowCount: needRows, columnCount: needColumns }
}

/** Writes for the Progress tab (bound by key, below its header). */
export function progressWrites(tab: TabLayout, current: Grid, desired: Grid): GridWrites {
  const positions = PROGRESS_COLUMNS.map((c) => tab.columns.get(c.key))
  return gridWrites(tab, current, desired, 1, (i) => positions[i])
}

/** Writes for the Dashboard tab (from A1). */
export function dashboardWrites(tab: TabLayout, current: Grid, desired: Grid): GridWrites {
  return gridWrites(tab, current, desired, 0, (i) => i)
}

/**
 * The Progress/Dashboard writes that turn `known` (what the tabs hold) into `desired`, and the
 * layout with the grids grown to fit. Shared by the flush and PATCH (known = last written) and
 * the sync (known = just read).
 */
export function computedWrites(
  layout: Layout,
  known: ComputedGrids,
  desired: ComputedGrids,
): { readonly requests: sheets_v4.Schema$Request[]; readonly cells: number; readonly layout: Layout } {
  const requests: sheets_v4.Schema$Request[] = []
  let cells = 0
  let next = layout
  if (layout.progress !== null) {
    const w = progressWrites(layout.progress, known.progress, desired.progress)
    requests.push(...w.requests)
    cells += w.cells
    next = withGrid(next, 'progress', w)
  }
  if (layout.dashboard !== null) {
    const w = dashboardWrites(layout.dashboard, known.dashboard, desired.dashboard)
    requests.push(...w.requests)
    cells += w.cells
    next = withGrid(next, 'dashboard', w)
  }
  return { requests, cells, layout: next }
}
