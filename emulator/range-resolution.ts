/**
 * Resolves A1 strings against a spreadsheet (§3.1–3.3): sheet names, named ranges, the first
 * visible sheet as default, clamping of open ranges and the "exceeds grid limits" check.
 */
import { type Bounds, type ClosedBounds, formatRange, parseArea, quoteSheetTitle, splitRange } from './a1-notation.js'
import { type ApiError, fail, invalidArgument, type Outcome, ok, unparsableRange } from './google-errors.js'
import {
  columnCount,
  findSheetById,
  findSheetByTitle,
  type GridRange,
  rowCount,
  type SheetModel,
  type SpreadsheetModel,
} from './spreadsheet-model.js'

export interface ResolvedRange {
  readonly sheet: SheetModel
  /** As parsed; open sides absent. */
  readonly bounds: Bounds
  /** The area as the caller wrote it, echoed in grid-limit errors; undefined for a whole sheet. */
  readonly areaText?: string
}

export function firstVisibleSheet(ss: SpreadsheetModel): SheetModel | undefined {
  return ss.sheets.find((s) => !s.properties.hidden) ?? ss.sheets[0]
}

export function boundsOfGridRange(r: GridRange): Bounds {
  return {
    ...(r.startRowIndex === undefined ? {} : { startRow: r.startRowIndex }),
    ...(r.endRowIndex === undefined ? {} : { endRow: r.endRowIndex }),
    ...(r.startColumnIndex === undefined ? {} : { startCol: r.startColumnIndex }),
    ...(r.endColumnIndex === undefined ? {} : { endCol: r.endColumnIndex }),
  }
}

function namedRange(ss: SpreadsheetModel, name: string, sheet?: SheetModel): ResolvedRange | undefined {
  const found = ss.namedRanges.find(
    (n) => n.name === name && (sheet === undefined || n.range.sheetId === sheet.properties.sheetId),
  )
  if (!found) return undefined
  const target = findSheetById(ss, found.range.sheetId)
  return target ? { sheet: target, bounds: boundsOfGridRange(found.range) } : undefined
}

/**
 * Unquoted tokens without "!" are, in order: a named range, an A1 area on the first visible sheet
 * (Google: "A1 without quotes refers to cell A1"), a sheet title. Quoted tokens are sheet titles.
 */
export function resolveRange(ss: SpreadsheetModel, input: string): Outcome<ResolvedRange> {
  const split = splitRange(input)
  if (!split || input.trim() === '') return fail(unparsableRange(input))
  if (split.sheet === undefined) {
    const area = split.area ?? ''
    const named = namedRange(ss, area)
    if (named) return ok(named)
    const bounds = parseArea(area)
    if (bounds) {
      const sheet = firstVisibleSheet(ss)
      if (!sheet) return fail(unparsableRange(input))
      return ok({ sheet, bounds, areaText: area })
    }
    const sheet = findSheetByTitle(ss, area)
    if (sheet) return ok({ sheet, bounds: {} })
    return fail(unparsableRange(input))
  }
  const sheet = findSheetByTitle(ss, split.sheet)
  if (!sheet) return fail(unparsableRange(input))
  if (split.area === undefined) return ok({ sheet, bounds: {} })
  const bounds = parseArea(split.area)
  if (bounds) return ok({ sheet, bounds, areaText: split.area })
  const named = namedRange(ss, split.area, sheet)
  if (named) return ok(named)
  return fail(unparsableRange(input))
}

/** Open sides become the grid edges. */
export function clampToGrid(sheet: SheetModel, b: Bounds): ClosedBounds {
  return {
    startRow: b.startRow ?? 0,
    endRow: b.endRow ?? rowCount(sheet),
    startCol: b.startCol ?? 0,
    endCol: b.endCol ?? columnCount(sheet),
  }
}

export function gridLimitError(sheet: SheetModel, areaText: string): ApiError {
  return invalidArgument(
    `Range (${quoteSheetTitle(sheet.properties.title)}!${areaText}) exceeds grid limits. Max rows: ${rowCount(sheet)}, max columns: ${columnCount(sheet)}`,
  )
}

/** Explicit bounds outside the grid are an error (§3.3); open bounds are clamped. */
export function withinGrid(r: ResolvedRange): Outcome<ClosedBounds> {
  const b = r.bounds
  const rows = rowCount(r.sheet)
  const cols = columnCount(r.sheet)
  const beyond =
    (b.startRow !== undefined && b.startRow >= rows) ||
    (b.endRow !== undefined && b.endRow > rows) ||
    (b.startCol !== undefined && b.startCol >= cols) ||
    (b.endCol !== undefined && b.endCol > cols)
  if (beyond) return fail(gridLimitError(r.sheet, r.areaText ?? ''))
  return ok(clampToGrid(r.sheet, b))
}

/**
 * Clear tolerates ranges larger than the grid and reports what was really cleared (§3.3), but a
 * start outside the grid is still an error (the stricter reading).
 */
export function clampedForClear(r: ResolvedRange): Outcome<ClosedBounds> {
  const b = r.bounds
  if ((b.startRow ?? 0) >= rowCount(r.sheet) || (b.startCol ?? 0) >= columnCount(r.sheet)) {
    return fail(gridLimitError(r.sheet, r.areaText ?? ''))
  }
  const c = clampToGrid(r.sheet, b)
  return ok({
    startRow: c.startRow,
    endRow: Math.min(c.endRow, rowCount(r.sheet)),
    startCol: c.startCol,
    endCol: Math.min(c.endCol, columnCount(r.sheet)),
  })
}

export const rangeText = (sheet: SheetModel, b: ClosedBounds): string => formatRange(sheet.properties.title, b)
