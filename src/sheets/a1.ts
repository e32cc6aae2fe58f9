import { err, ok, type Result } from '../domain/result'

// A1 notation helpers (google-sheets-api-v4.md §3). Indexes here are 0-based and end-exclusive,
// like the API's GridRange/DimensionRange; A1 text is 1-based and end-inclusive.

/** Columns A … ZZZ: 26 + 26² + 26³ = 18,278, Google's column limit. */
export const MAX_COLUMNS = 18_278

/** 0 → A, 25 → Z, 26 → AA, 18277 → ZZZ. A negative or too large index is a bug and throws. */
export function columnToLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS) {
    throw new RangeError(`column index out of range: ${index}`)
  }
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** A → 0, aa → 26, ZZZ → 18277; null when not 1–3 letters. */
export function lettersToColumn(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const CELL_LIKE = /^[A-Za-z]{1,3}[0-9]+$/
const R1C1_LIKE = /^[Rr][0-9]*[Cc][0-9]*$/

/**
 * A sheet title as it must appear before `!`. Plain identifiers stay bare (`Sheet1`, `Cases`),
 * as Google prints them; anything else is quoted with `'` doubled: spaces (`'My Sheet'`),
 * apostrophes (`'It''s'`), non-ASCII, and names that read as a cell (`'D3'`, `'tab01'` = cell
 * TAB1) or R1C1 (`'R1C1'`), which Google would otherwise take as a reference.
 */
export function formatSheetName(title: string): string {
  if (PLAIN_NAME.test(title) && !CELL_LIKE.test(title) && !R1C1_LIKE.test(title)) return title
  return `'${title.replace(/'/g, "''")}'`
}

/** `B3` for row 2, column 1 (0-based). */
export function cellA1(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 0) throw new RangeError(`row index out of range: ${row}`)
  return `${columnToLetters(column)}${row + 1}`
}

/** The whole sheet: Google clamps it to the grid (`Sheet1` → `Sheet1!A1:Z1000`). */
export function sheetRange(sheet: string): string {
  return formatSheetName(sheet)
}

export interface CellArea {
  readonly startRow: number
  readonly startColumn: number
  /** Exclusive. Absent: open-ended downwards (`A2:J`), clamped by Google to the grid. */
  readonly endRow?: number
  /** Exclusive. Absent: to the last column (`A2:5`). */
  readonly endColumn?: number
}

/**
 * `Sheet!A2:J5`, `Sheet!A2:J` (rows open-ended), `Sheet!A2:5` (columns open-ended) or a single
 * cell `Sheet!A2` when the area is one cell.
 */
export function areaRange(sheet: string, area: CellArea): string {
  const { startRow, startColumn, endRow, endColumn } = area
  const start = cellA1(startRow, startColumn)
  const prefix = `${formatSheetName(sheet)}!`
  if (endRow !== undefined && endColumn !== undefined) {
    if (endRow <= startRow || endColumn <= startColumn) throw new RangeError('empty area')
    if (endRow === startRow + 1 && endColumn === startColumn + 1) return `${prefix}${start}`
    return `${prefix}${start}:${cellA1(endRow - 1, endColumn - 1)}`
  }
  if (endColumn !== undefined) {
    if (endColumn <= startColumn) throw new RangeError('empty area')
    return `${prefix}${start}:${columnToLetters(endColumn - 1)}`
  }
  if (endRow !== undefined) {
    if (endRow <= startRow) throw new RangeError('empty area')
    return `${prefix}${start}:${endRow}`
  }
  return `${prefix}${start}`
}

/** Whole rows `Sheet!2:5` for rows [startRow, endRow). */
export function rowsRange(sheet: string, startRow: number, endRow: number = startRow + 1): string {
  if (!Number.isInteger(startRow) || startRow < 0 || endRow <= startRow) throw new RangeError('empty row range')
  return `${formatSheetName(sheet)}!${startRow + 1}:${endRow}`
}

/** Whole columns `Sheet!A:C` for columns [startColumn, endColumn). */
export function columnsRange(sheet: string, startColumn: number, endColumn: number = startColumn + 1): string {
  if (endColumn <= startColumn) throw new RangeError('empty column range')
  return `${formatSheetName(sheet)}!${columnToLetters(startColumn)}:${columnToLetters(endColumn - 1)}`
}

/** A parsed A1 range; indexes 0-based, ends exclusive, null = unbounded in that direction. */
export interface ParsedRange {
  /** Unquoted title; null when the range names no sheet (Google then uses the first visible one). */
  readonly sheet: string | null
  readonly startRow: number | null
  readonly endRow: number | null
  readonly startColumn: number | null
  readonly endColumn: number | null
}

export interface A1ParseError {
  readonly kind: 'unparseable_range'
  readonly range: string
}

interface Ref {
  readonly row: number | null
  readonly column: number | null
}

const REF = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/

function parseRef(text: string): Ref | null {
  const match = REF.exec(text)
  if (match === null) return null
  const [, letters, digits] = match
  if (letters === undefined && digits === undefined) return null
  const column = letters === undefined ? null : lettersToColumn(letters)
  const row = digits === undefined ? null : Number(digits) - 1
  if (row !== null && row < 0) return null
  return { row, column }
}

const whole = { startRow: null, endRow: null, startColumn: null, endColumn: null }

function parseArea(text: string): Omit<ParsedRange, 'sheet'> | null {
  const parts = text.split(':')
  if (parts.length > 2) return null
  const [first, second] = parts
  const a = first === undefined ? null : parseRef(first)
  if (a === null) return null
  if (second === undefined) {
    // A lone reference must be a cell: `A` or `5` alone is not A1.
    if (a.row === null || a.column === null) return null
    return { startRow: a.row, endRow: a.row + 1, startColumn: a.column, endColumn: a.column + 1 }
  }
  const b = parseRef(second)
  if (b === null) return null
  const rows = span(a.row, b.row)
  const columns = span(a.column, b.column)
  if (rows === undefined || columns === undefined) return null
  // Open-ended forms (`A5:A`, `A1:1`) need a full cell on the left; `A:B5` or `5:B` are not A1.
  if ((a.row === null) !== (b.row === null) && a.row === null) return null
  if ((a.column === null) !== (b.column === null) && a.column === null) return null
  return { startRow: rows[0], endRow: rows[1], startColumn: columns[0], endColumn: columns[1] }
}

/** [start, endExclusive] of two corners, reversed corners swapped (`D4:A1` = `A1:D4`). */
function span(a: number | null, b: number | null): [number | null, number | null] | undefined {
  if (a === null && b === null) return [null, null]
  if (a !== null && b !== null) return [Math.min(a, b), Math.max(a, b) + 1]
  // One side open: `A5:A` has rows from 5 down, `A1:1` has columns from A right.
  return [a ?? b, null]
}

/**
 * Parse a range as Google prints it (`Sheet1!A5:J5`, `'My Sheet'!A1:Z1000`, `'It''s'!B2`) or as
 * callers write it (`Cases`, `Cases!A:A`, `A1:B2`). A bare token that reads as A1 is an area on no
 * named sheet (`tab01` is cell TAB1); otherwise it is a sheet title, the whole sheet. Named ranges
 * are not resolved here.
 */
export function parseA1Range(range: string): Result<ParsedRange, A1ParseError> {
  const fail = err<A1ParseError>({ kind: 'unparseable_range', range })
  let sheet: string | null
  let areaText: string | null
  if (range.startsWith("'")) {
    let i = 1
    let title = ''
    for (;;) {
      const quote = range.indexOf("'", i)
      if (quote < 0) return fail
      title += range.slice(i, quote)
      if (range[quote + 1] === "'") {
        title += "'"
        i = quote + 2
        continue
      }
      i = quote + 1
      break
    }
    if (title === '') return fail
    sheet = title
    if (i === range.length) areaText = null
    else if (range[i] === '!') areaText = range.slice(i + 1)
    else return fail
  } else {
    const bang = range.lastIndexOf('!')
    if (bang < 0) {
      const area = parseArea(range)
      if (area !== null) return ok({ sheet: null, ...area })
      if (range.trim() === '' || range.includes(':')) return fail
      return ok({ sheet: range, ...whole })
    }
    sheet = range.slice(0, bang)
    if (sheet === '') return fail
    areaText = range.slice(bang + 1)
  }
  if (areaText === null) return ok({ sheet, ...whole })
  const area = parseArea(areaText)
  return area === null ? fail : ok({ sheet, ...area })
}
