/**
 * The in-memory model of spreadsheets. Cells are stored sparsely, one array per row, and rows and
 * cells are immutable once stored: a write replaces the row array. That makes a transaction a
 * shallow copy of the spreadsheet (sheets, row arrays, metadata lists), so all-or-nothing batches
 * stay cheap on a 10,000-row tab: a failed batch simply drops its copy.
 *
 * Invariant: every object reachable from a committed model is treated as immutable except the
 * containers that cloneForTransaction copies (spreadsheet/sheet records, their lists, properties).
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { type ChartModel, mapSources } from './charts.js'
import type { PermissionModel } from './sharing.js'

export type CellFormat = sheets_v4.Schema$CellFormat
export type DataValidationRule = sheets_v4.Schema$DataValidationRule
export type ConditionalFormatRule = sheets_v4.Schema$ConditionalFormatRule
export type ColorStyle = sheets_v4.Schema$ColorStyle

/** A userEnteredValue: exactly one of the ExtendedValue kinds. */
export type EnteredValue =
  | { readonly numberValue: number }
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly formulaValue: string }

export interface Cell {
  readonly value?: EnteredValue
  /** userEnteredFormat as stored (colour channels already quantised, see colors.ts). */
  readonly format?: CellFormat
  readonly note?: string
  readonly validation?: DataValidationRule
  readonly hyperlink?: string
}

export type Row = readonly (Cell | undefined)[]

export interface DimensionProps {
  readonly pixelSize?: number
  readonly hiddenByUser?: boolean
}

/** GridRange with the sheetId kept explicit; open sides are absent. */
export interface GridRange {
  readonly sheetId: number
  readonly startRowIndex?: number
  readonly endRowIndex?: number
  readonly startColumnIndex?: number
  readonly endColumnIndex?: number
}

export interface GridProperties {
  rowCount: number
  columnCount: number
  frozenRowCount?: number
  frozenColumnCount?: number
  hideGridlines?: boolean
  rowGroupControlAfter?: boolean
  columnGroupControlAfter?: boolean
}

/** SheetProperties as Google prints them, minus `index` (that is the position in `sheets`). */
export interface SheetProperties {
  sheetId: number
  title: string
  sheetType: string
  gridProperties: GridProperties
  hidden?: boolean
  rightToLeft?: boolean
  tabColor?: sheets_v4.Schema$Color
  tabColorStyle?: ColorStyle
}

export interface ProtectedRangeModel {
  readonly protectedRangeId: number
  readonly range?: GridRange
  readonly namedRangeId?: string
  readonly description?: string
  readonly warningOnly?: boolean
  readonly editors: {
    readonly users: readonly string[]
    readonly groups: readonly string[]
    readonly domainUsersCanEdit?: boolean
  }
  readonly unprotectedRanges?: readonly GridRange[]
  /** Who added it: Google makes the requester an editor. */
  readonly createdBy: string
}

export interface NamedRangeModel {
  readonly namedRangeId: string
  readonly name: string
  readonly range: GridRange
}

export type MetadataLocation =
  | { readonly locationType: 'SPREADSHEET' }
  | { readonly locationType: 'SHEET'; readonly sheetId: number }
  | {
      readonly locationType: 'ROW' | 'COLUMN'
      readonly sheetId: number
      /** Single row or column index; it moves with inserts, deletes and moves. */
      readonly index: number
    }

export interface DeveloperMetadataModel {
  readonly metadataId: number
  readonly metadataKey: string
  readonly metadataValue?: string
  readonly visibility: 'DOCUMENT' | 'PROJECT'
  readonly location: MetadataLocation
}

export interface DimensionGroup {
  readonly start: number
  readonly end: number
  readonly collapsed?: boolean
}

export interface SheetModel {
  properties: SheetProperties
  /** rows[r] is row r (0-based); absent rows are empty. Never longer than rowCount. */
  rows: (Row | undefined)[]
  rowProps: (DimensionProps | undefined)[]
  colProps: (DimensionProps | undefined)[]
  protectedRanges: ProtectedRangeModel[]
  conditionalFormats: ConditionalFormatRule[]
  /** Merged areas (optional: absent in states saved before merges were supported). */
  merges?: GridRange[]
  /** The basic filter: its range plus the filter/sort specs exactly as set. */
  basicFilter?: { readonly range: GridRange; readonly rest: Readonly<Record<string, unknown>> }
  rowGroups?: DimensionGroup[]
  columnGroups?: DimensionGroup[]
  /** Charts anchored to this sheet (charts.ts); replaced, never mutated in place. */
  charts?: ChartModel[]
}

export interface SpreadsheetProperties {
  title: string
  locale: string
  autoRecalc: string
  timeZone: string
  iterativeCalculationSettings?: sheets_v4.Schema$IterativeCalculationSettings
}

export interface SpreadsheetModel {
  spreadsheetId: string
  properties: SpreadsheetProperties
  sheets: SheetModel[]
  namedRanges: NamedRangeModel[]
  developerMetadata: DeveloperMetadataModel[]
  /** Principal (e-mail) that created it: an editor of every protected range. */
  owner: string
  /**
   * Drive sharing besides the owner (sharing.ts); replaced, never mutated in place. Absent in
   * states saved before sharing was modelled: such a spreadsheet stays open to everyone.
   */
  permissions?: PermissionModel[]
  /** Epoch ms; Drive's createdTime / modifiedTime. */
  createdTime: number
  modifiedTime: number
}

export const DEFAULT_ROW_PIXELS = 21
export const DEFAULT_COLUMN_PIXELS = 100
/** Google's per-spreadsheet cell limit (§6.3). */
export const CELL_LIMIT = 10_000_000

export type Dimension = 'ROWS' | 'COLUMNS'

export function newSheet(properties: SheetProperties): SheetModel {
  return { properties, rows: [], rowProps: [], colProps: [], protectedRanges: [], conditionalFormats: [] }
}

/** A copy whose containers may be mutated without touching `ss` (see the module invariant). */
export function cloneForTransaction(ss: SpreadsheetModel): SpreadsheetModel {
  return {
    ...ss,
    properties: structuredClone(ss.properties),
    sheets: ss.sheets.map((s) => ({
      properties: structuredClone(s.properties),
      rows: s.rows.slice(),
      rowProps: s.rowProps.slice(),
      colProps: s.colProps.slice(),
      protectedRanges: s.protectedRanges.slice(),
      conditionalFormats: s.conditionalFormats.slice(),
      ...(s.merges ? { merges: s.merges.slice() } : {}),
      ...(s.basicFilter ? { basicFilter: s.basicFilter } : {}),
      ...(s.rowGroups ? { rowGroups: s.rowGroups.slice() } : {}),
      ...(s.columnGroups ? { columnGroups: s.columnGroups.slice() } : {}),
      ...(s.charts ? { charts: s.charts.slice() } : {}),
    })),
    namedRanges: ss.namedRanges.slice(),
    developerMetadata: ss.developerMetadata.slice(),
  }
}

export const rowCount = (s: SheetModel): number => s.properties.gridProperties.rowCount
export const columnCount = (s: SheetModel): number => s.properties.gridProperties.columnCount

export function totalCells(ss: SpreadsheetModel): number {
  let n = 0
  for (const s of ss.sheets) n += rowCount(s) * columnCount(s)
  return n
}

export function findSheetById(ss: SpreadsheetModel, sheetId: number): SheetModel | undefined {
  return ss.sheets.find((s) => s.properties.sheetId === sheetId)
}

/** Exact title match: Google also matches case-insensitively in places; exact is the stricter choice. */
export function findSheetByTitle(ss: SpreadsheetModel, title: string): SheetModel | undefined {
  return ss.sheets.find((s) => s.properties.title === title)
}

/** True when the cell holds a value; "" written with RAW counts as empty (§2.6). */
export function hasValue(cell: Cell | undefined): boolean {
  const v = cell?.value
  if (v === undefined) return false
  return !('stringValue' in v && v.stringValue === '')
}

export function isEmptyCell(cell: Cell): boolean {
  return (
    cell.value === undefined &&
    cell.format === undefined &&
    cell.note === undefined &&
    cell.validation === undefined &&
    cell.hyperlink === undefined
  )
}

function trimRow(row: (Cell | undefined)[]): (Cell | undefined)[] | undefined {
  let end = row.length
  while (end > 0 && row[end - 1] === undefined) end--
  if (end === 0) return undefined
  if (end !== row.length) row.length = end
  return row
}

function trimRows(sheet: SheetModel): void {
  let end = sheet.rows.length
  while (end > 0 && sheet.rows[end - 1] === undefined) end--
  if (end !== sheet.rows.length) sheet.rows.length = end
}

/** Stores a freshly built row array (trailing holes trimmed, empty rows dropped). */
export function setRow(sheet: SheetModel, row: number, cells: (Cell | undefined)[]): void {
  const trimmed = trimRow(cells)
  if (trimmed === undefined) {
    if (row < sheet.rows.length) sheet.rows[row] = undefined
  } else {
    sheet.rows[row] = trimmed
  }
  trimRows(sheet)
}

/**
 * Rewrites cells of one row. `update` gets the current cell (or undefined) and returns the new
 * one; an all-empty cell is stored as a hole. Copies the row once per call.
 */
export function updateRow(
  sheet: SheetModel,
  row: number,
  fromCol: number,
  toCol: number,
  update: (cell: Cell | undefined, col: number) => Cell | undefined,
): void {
  const current = sheet.rows[row]
  const next: (Cell | undefined)[] = current ? current.slice() : []
  let changed = false
  for (let c = fromCol; c < toCol; c++) {
    const before = next[c]
    let after = update(before, c)
    if (after !== undefined && isEmptyCell(after)) after = undefined
    if (after !== before) {
      changed = true
      if (after === undefined && c >= next.length) continue
      next[c] = after
    }
  }
  if (!changed) return
  setRow(sheet, row, next)
}

// ---- runs: horizontal stretches of cells with values, cached on each immutable row -----------

/** Runs are cached on the row array itself (a symbol key: invisible to JSON), rows being immutable. */
const RUNS: unique symbol = Symbol('valueRuns')
type RowWithRuns = Row & { [RUNS]?: readonly number[] }

/**
 * Maximal stretches of cells holding a value in this row, flattened as [start0, end0, start1,
 * end1, …] (end exclusive).
 */
export function valueRuns(row: Row): readonly number[] {
  const tagged = row as RowWithRuns
  const cached = tagged[RUNS]
  if (cached) return cached
  const runs: number[] = []
  let start = -1
  for (let c = 0; c <= row.length; c++) {
    const filled = c < row.length && hasValue(row[c])
    if (filled && start < 0) start = c
    if (!filled && start >= 0) {
      runs.push(start, c)
      start = -1
    }
  }
  Object.defineProperty(tagged, RUNS, { value: runs, enumerable: false })
  return runs
}

// ---- structural edits: insert / delete / move rows and columns ---------------------------------

function insertHoles<T>(list: T[], at: number, count: number): T[] {
  if (at >= list.length) return list
  return list.slice(0, at).concat(new Array<T>(count), list.slice(at))
}

function removeSpan<T>(list: T[], start: number, end: number): T[] {
  if (start >= list.length) return list
  return list.slice(0, start).concat(list.slice(end))
}

/** Where index i lands after moving [start, end) to before `dest` (dest in pre-move coordinates). */
export function movedIndex(i: number, start: number, end: number, dest: number): number {
  const n = end - start
  if (dest > start) {
    // moving down: the block lands at dest - n
    if (i >= start && i < end) return dest - n + (i - start)
    if (i >= end && i < dest) return i - n
    return i
  }
  if (i >= start && i < end) return dest + (i - start)
  if (i >= dest && i < start) return i + n
  return i
}

function moveSpan<T>(list: T[], start: number, end: number, dest: number, length: number): T[] {
  const out = new Array<T>(Math.max(list.length, 0))
  const limit = Math.min(list.length, length)
  let last = 0
  for (let i = 0; i < limit; i++) {
    if (!(i in list)) continue
    const j = movedIndex(i, start, end, dest)
    out[j] = list[i] as T
    if (j + 1 > last) last = j + 1
  }
  out.length = last
  return out
}

type Span = { start?: number; end?: number }

function spanOf(r: GridRange, dim: Dimension): Span {
  return dim === 'ROWS'
    ? {
        ...(r.startRowIndex === undefined ? {} : { start: r.startRowIndex }),
        ...(r.endRowIndex === undefined ? {} : { end: r.endRowIndex }),
      }
    : {
        ...(r.startColumnIndex === undefined ? {} : { start: r.startColumnIndex }),
        ...(r.endColumnIndex === undefined ? {} : { end: r.endColumnIndex }),
      }
}

function withSpan(r: GridRange, dim: Dimension, span: Span): GridRange {
  const out: { -readonly [K in keyof GridRange]: GridRange[K] } = { ...r }
  if (dim === 'ROWS') {
    delete out.startRowIndex
    delete out.endRowIndex
    if (span.start !== undefined) out.startRowIndex = span.start
    if (span.end !== undefined) out.endRowIndex = span.end
  } else {
    delete out.startColumnIndex
    delete out.endColumnIndex
    if (span.start !== undefined) out.startColumnIndex = span.start
    if (span.end !== undefined) out.endColumnIndex = span.end
  }
  return out
}

/** A range after inserting `count` at `at`: it grows when the insert falls strictly inside it. */
export function rangeAfterInsert(r: GridRange, dim: Dimension, at: number, count: number): GridRange {
  const s = spanOf(r, dim)
  const start = s.start !== undefined && s.start >= at ? s.start + count : s.start
  const end = s.end !== undefined && s.end > at ? s.end + count : s.end
  return withSpan(r, dim, { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) })
}

/** A range after deleting [from, to); undefined when nothing of it survives. */
export function rangeAfterDelete(r: GridRange, dim: Dimension, from: number, to: number): GridRange | undefined {
  const s = spanOf(r, dim)
  const n = to - from
  const map = (i: number): number => (i <= from ? i : i >= to ? i - n : from)
  const start = s.start === undefined ? undefined : map(s.start)
  const end = s.end === undefined ? undefined : map(s.end)
  if (start !== undefined && end !== undefined && end <= start) return undefined
  return withSpan(r, dim, { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) })
}

function rangeAfterMove(r: GridRange, dim: Dimension, start: number, end: number, dest: number): GridRange {
  const s = spanOf(r, dim)
  if (s.start === undefined || s.end === undefined) return r
  const a = movedIndex(s.start, start, end, dest)
  const b = movedIndex(s.end - 1, start, end, dest)
  return withSpan(r, dim, { start: Math.min(a, b), end: Math.max(a, b) + 1 })
}

function mapSheetRanges(ss: SpreadsheetModel, sheet: SheetModel, map: (r: GridRange) => GridRange | undefined): void {
  const sheetId = sheet.properties.sheetId
  mapCharts(ss, sheet, map)
  sheet.protectedRanges = sheet.protectedRanges.flatMap((p) => {
    if (p.range === undefined) return [p]
    const range = map(p.range)
    return range === undefined ? [] : [{ ...p, range }]
  })
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((rule) => {
    const ranges = (rule.ranges ?? []).flatMap((g) => {
      const mapped = map({ ...(g as GridRange), sheetId })
      if (mapped === undefined) return []
      const { sheetId: _omit, ...rest } = mapped
      return [{ ...rest, ...(sheetId === 0 ? {} : { sheetId }) }]
    })
    return ranges.length === 0 ? [] : [{ ...rule, ranges }]
  })
  ss.namedRanges = ss.namedRanges.flatMap((n) => {
    if (n.range.sheetId !== sheetId) return [n]
    const range = map(n.range)
    return range === undefined ? [] : [{ ...n, range }]
  })
  if (sheet.merges) {
    sheet.merges = sheet.merges.flatMap((m) => {
      const range = map(m)
      // A merge squeezed to one cell is no merge any more.
      if (range === undefined) return []
      const cells =
        ((range.endRowIndex ?? 0) - (range.startRowIndex ?? 0)) *
        ((range.endColumnIndex ?? 0) - (range.startColumnIndex ?? 0))
      return cells > 1 ? [range] : []
    })
  }
  if (sheet.basicFilter) {
    const range = map(sheet.basicFilter.range)
    if (range === undefined) delete sheet.basicFilter
    else sheet.basicFilter = { ...sheet.basicFilter, range }
  }
  for (const key of ['rowGroups', 'columnGroups'] as const) {
    const groups = sheet[key]
    if (!groups) continue
    const dim: Dimension = key === 'rowGroups' ? 'ROWS' : 'COLUMNS'
    sheet[key] = groups.flatMap((g) => {
      const asRange: GridRange =
        dim === 'ROWS'
          ? { sheetId, startRowIndex: g.start, endRowIndex: g.end }
          : { sheetId, startColumnIndex: g.start, endColumnIndex: g.end }
      const mapped = map(asRange)
      if (mapped === undefined) return []
      const start = (dim === 'ROWS' ? mapped.startRowIndex : mapped.startColumnIndex) ?? g.start
      const end = (dim === 'ROWS' ? mapped.endRowIndex : mapped.endColumnIndex) ?? g.end
      return [{ ...g, start, end }]
    })
  }
}

/**
 * Charts move with the rows and columns of `sheet`: source ranges on it are mapped (a source
 * deleted entirely is dropped), and an overlay anchored to it follows its anchor cell (to the
 * first row or column after the deletion when the anchor's own is deleted).
 */
function mapCharts(ss: SpreadsheetModel, sheet: SheetModel, map: (r: GridRange) => GridRange | undefined): void {
  const sheetId = sheet.properties.sheetId
  for (const host of ss.sheets) {
    if (!host.charts) continue
    host.charts = host.charts.map((chart) => {
      const spec = mapSources(chart.spec, (r) => (r.sheetId === sheetId ? map(r) : r))
      const a = chart.overlay.anchor
      if (a.sheetId !== sheetId) return { ...chart, spec }
      const cell: GridRange = {
        sheetId,
        startRowIndex: a.rowIndex,
        endRowIndex: a.rowIndex + 1,
        startColumnIndex: a.columnIndex,
        endColumnIndex: a.columnIndex + 1,
      }
      // A deleted anchor falls to the first row/column after the deletion (an open range maps there).
      const moved = map(cell) ?? map({ sheetId, startRowIndex: a.rowIndex, startColumnIndex: a.columnIndex })
      const grid = sheet.properties.gridProperties
      const rowIndex = Math.min(moved?.startRowIndex ?? a.rowIndex, Math.max(grid.rowCount - 1, 0))
      const columnIndex = Math.min(moved?.startColumnIndex ?? a.columnIndex, Math.max(grid.columnCount - 1, 0))
      return { ...chart, spec, overlay: { ...chart.overlay, anchor: { sheetId, rowIndex, columnIndex } } }
    })
  }
}

function locationDim(loc: MetadataLocation): Dimension | undefined {
  return loc.locationType === 'ROW' ? 'ROWS' : loc.locationType === 'COLUMN' ? 'COLUMNS' : undefined
}

function mapMetadata(
  ss: SpreadsheetModel,
  sheetId: number,
  dim: Dimension,
  map: (index: number) => number | undefined,
): void {
  ss.developerMetadata = ss.developerMetadata.flatMap((m) => {
    const loc = m.location
    if (loc.locationType !== 'ROW' && loc.locationType !== 'COLUMN') return [m]
    if (loc.sheetId !== sheetId || locationDim(loc) !== dim) return [m]
    const index = map(loc.index)
    if (index === undefined) return []
    return index === loc.index ? [m] : [{ ...m, location: { ...loc, index } }]
  })
}

/**
 * Inserts `count` empty rows/columns at `at`. Data, properties, metadata and ranges at or after
 * `at` move along; formats are inherited from the neighbour (before or after) as Google does.
 */
export function insertDimension(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  dim: Dimension,
  at: number,
  count: number,
  inherit: 'before' | 'after' | 'none',
): void {
  const grid = sheet.properties.gridProperties
  if (dim === 'ROWS') {
    sheet.rows = insertHoles(sheet.rows, at, count)
    sheet.rowProps = insertHoles(sheet.rowProps, at, count)
    grid.rowCount += count
    if ((grid.frozenRowCount ?? 0) > at) grid.frozenRowCount = (grid.frozenRowCount ?? 0) + count
  } else {
    sheet.rows = sheet.rows.map((r) => (r === undefined ? r : insertHoles(r.slice(), at, count)))
    sheet.colProps = insertHoles(sheet.colProps, at, count)
    grid.columnCount += count
    if ((grid.frozenColumnCount ?? 0) > at) grid.frozenColumnCount = (grid.frozenColumnCount ?? 0) + count
  }
  mapMetadata(ss, sheet.properties.sheetId, dim, (i) => (i >= at ? i + count : i))
  mapSheetRanges(ss, sheet, (r) => rangeAfterInsert(r, dim, at, count))
  if (inherit !== 'none') inheritFormats(sheet, dim, at, count, inherit === 'before')
}

function inheritFormats(sheet: SheetModel, dim: Dimension, at: number, count: number, fromBefore: boolean): void {
  const source = fromBefore ? at - 1 : at + count
  if (source < 0) return
  if (dim === 'ROWS') {
    const src = sheet.rows[source]
    const props = sheet.rowProps[source]
    if (props?.pixelSize !== undefined) {
      for (let r = at; r < at + count; r++) sheet.rowProps[r] = { pixelSize: props.pixelSize }
    }
    if (!src?.some((c) => c?.format)) return
    for (let r = at; r < at + count; r++) {
      updateRow(sheet, r, 0, src.length, (cell, c) => {
        const format = src[c]?.format
        return format ? { ...cell, format } : cell
      })
    }
  } else {
    for (let r = 0; r < sheet.rows.length; r++) {
      const format = sheet.rows[r]?.[source]?.format
      if (!format) continue
      updateRow(sheet, r, at, at + count, (cell) => ({ ...cell, format }))
    }
  }
}

/** Deletes [from, to); metadata on deleted rows/columns dies with them (§5.8). */
export function deleteDimension(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  dim: Dimension,
  from: number,
  to: number,
): void {
  const n = to - from
  const grid = sheet.properties.gridProperties
  if (dim === 'ROWS') {
    sheet.rows = removeSpan(sheet.rows, from, to)
    sheet.rowProps = removeSpan(sheet.rowProps, from, to)
    grid.rowCount -= n
    trimRows(sheet)
    if (grid.frozenRowCount !== undefined) grid.frozenRowCount = Math.min(grid.frozenRowCount, grid.rowCount)
  } else {
    sheet.rows = sheet.rows.map((r) => (r === undefined ? r : trimRow(removeSpan(r.slice(), from, to))))
    sheet.colProps = removeSpan(sheet.colProps, from, to)
    grid.columnCount -= n
    trimRows(sheet)
    if (grid.frozenColumnCount !== undefined)
      grid.frozenColumnCount = Math.min(grid.frozenColumnCount, grid.columnCount)
  }
  if (grid.frozenRowCount === 0) delete grid.frozenRowCount
  if (grid.frozenColumnCount === 0) delete grid.frozenColumnCount
  mapMetadata(ss, sheet.properties.sheetId, dim, (i) => (i < from ? i : i >= to ? i - n : undefined))
  mapSheetRanges(ss, sheet, (r) => rangeAfterDelete(r, dim, from, to))
}

/** Moves [start, end) to before `dest` (pre-move coordinates); everything row/column-bound moves. */
export function moveDimension(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  dim: Dimension,
  start: number,
  end: number,
  dest: number,
): void {
  if (dim === 'ROWS') {
    const length = rowCount(sheet)
    sheet.rows = moveSpan(sheet.rows, start, end, dest, length)
    sheet.rowProps = moveSpan(sheet.rowProps, start, end, dest, length)
  } else {
    const length = columnCount(sheet)
    sheet.rows = sheet.rows.map((r) => (r === undefined ? r : trimRow(moveSpan(r.slice(), start, end, dest, length))))
    sheet.colProps = moveSpan(sheet.colProps, start, end, dest, length)
  }
  trimRows(sheet)
  mapMetadata(ss, sheet.properties.sheetId, dim, (i) => movedIndex(i, start, end, dest))
  mapSheetRanges(ss, sheet, (r) => rangeAfterMove(r, dim, start, end, dest))
}

/** Sets rowCount/columnCount; shrinking deletes the cut-off rows/columns like deleteDimension. */
export function resizeGrid(ss: SpreadsheetModel, sheet: SheetModel, rows: number, cols: number): void {
  const grid = sheet.properties.gridProperties
  if (rows < grid.rowCount) deleteDimension(ss, sheet, 'ROWS', rows, grid.rowCount)
  else grid.rowCount = rows
  if (cols < grid.columnCount) deleteDimension(ss, sheet, 'COLUMNS', cols, grid.columnCount)
  else grid.columnCount = cols
}

/** Removes a sheet and everything anchored to it (named ranges, metadata). */
export function removeSheet(ss: SpreadsheetModel, sheetId: number): void {
  ss.sheets = ss.sheets.filter((s) => s.properties.sheetId !== sheetId)
  ss.namedRanges = ss.namedRanges.filter((n) => n.range.sheetId !== sheetId)
  ss.developerMetadata = ss.developerMetadata.filter(
    (m) => m.location.locationType === 'SPREADSHEET' || m.location.sheetId !== sheetId,
  )
}
