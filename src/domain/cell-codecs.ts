/**
 * @module
 * Cell codecs: what the Sheets API returns for a cell (read with `UNFORMATTED_VALUE` +
 * `SERIAL_NUMBER`: string | number | boolean | undefined, dates as day serials) or what a form or
 * JSON body sends (strings for everything) → the typed value of the row; and back to what is
 * written with `RAW` (dates as serials, text as-is so `=1+1` stays text). People type loosely:
 * stray spaces, other case (` Mandiri ` → `mandiri`), numbers as text (`"3"`), decimal commas,
 * dates as `YYYY-MM-DD` or `DD/MM/YYYY` text.
 */
import type { ColumnSpec } from './columns'
import { formatId } from './ids'
import { isoFromParts, isoToSerial, isValidIsoDate, serialToIso } from './iso-date'
import { type Issue, type IssueCode, type IssueParams, makeIssue } from './issues'
import { formatMilestones, parseMilestones } from './milestones'
import { normalizeCode } from './normalize'
import { err, ok, type Result } from './result'

/** A typed cell value. Dates are ISO text; `rating` may be `'N'`. */
export type CellValue = string | number | boolean

/** What is written with `valueInputOption=RAW`; `null` = the cell is empty. */
export type RawCell = string | number | boolean | null

/** Dates the codecs accept: 1900-01-01 … 2999-12-31 (a typo like 0202 is an error, not a date). */
const MIN_SERIAL = isoToSerial('1900-01-01')
const MAX_SERIAL = isoToSerial('2999-12-31')

const ISO_TEXT_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/
const DMY_TEXT_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/
const INT_TEXT_RE = /^[+-]?\d+$/
const DECIMAL_TEXT_RE = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'ya', 'yes', 'y', '1', 'benar', 'aktif'])
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'tidak', 'no', 'n', '0', 'salah', 'nonaktif'])

const isBlank = (raw: unknown): boolean =>
  raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')

/** A scalar as text, or undefined for objects and arrays (never valid in a cell). */
function scalarText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim()
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE'
  return undefined
}

/** A number from a number cell or numeric text (decimal point or comma). */
function toNumber(raw: unknown): Result<number, 'not_a_number' | 'invalid_type'> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : err('not_a_number')
  if (typeof raw === 'string') {
    const text = raw.trim()
    if (INT_TEXT_RE.test(text)) return ok(Number(text))
    if (DECIMAL_TEXT_RE.test(text)) return ok(Number(text.replace(',', '.')))
    return err('not_a_number')
  }
  return typeof raw === 'boolean' ? err('not_a_number') : err('invalid_type')
}

const inRange = (column: ColumnSpec, n: number): boolean =>
  (column.min === undefined || n >= column.min) && (column.max === undefined || n <= column.max)

function decodeDate(raw: unknown): Result<string, IssueCode> {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return err('invalid_date')
    // A date-time serial carries the time of day as its fraction; the date is the whole part.
    const serial = Math.floor(raw)
    return serial >= MIN_SERIAL && serial <= MAX_SERIAL ? ok(serialToIso(serial)) : err('invalid_date')
  }
  if (typeof raw !== 'string') return err(typeof raw === 'boolean' ? 'invalid_date' : 'invalid_type')
  const text = raw.trim()
  const iso = ISO_TEXT_RE.exec(text)
  const dmy = iso === null ? DMY_TEXT_RE.exec(text) : null
  const date =
    iso !== null
      ? isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : dmy !== null
        ? isoFromParts(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
        : undefined
  if (date === undefined) return err('invalid_date')
  const serial = isoToSerial(date)
  return serial >= MIN_SERIAL && serial <= MAX_SERIAL ? ok(date) : err('invalid_date')
}

/** Canonical option by normalised spelling, per enum column (built once per column). */
const ENUM_INDEX = new WeakMap<ColumnSpec, ReadonlyMap<string, string>>()
function enumIndex(column: ColumnSpec): ReadonlyMap<string, string> {
  let index = ENUM_INDEX.get(column)
  if (index === undefined) {
    index = new Map((column.values ?? []).map((v) => [normalizeCode(v), v]))
    ENUM_INDEX.set(column, index)
  }
  return index
}

function checkText(column: ColumnSpec, text: string, patternCode: IssueCode): Result<string, IssueCode> {
  if (column.maxLength !== undefined && text.length > column.maxLength) return err('too_long')
  if (column.pattern !== undefined && !column.pattern.test(text)) return err(patternCode)
  return ok(text)
}

/**
 * Decodes one cell. A blank cell (missing, null, empty or spaces only) is the column's default,
 * or undefined, or `required` when the column is required. Never throws.
 */
export function decodeCell(column: ColumnSpec, raw: unknown): Result<CellValue | undefined, IssueCode> {
  if (isBlank(raw)) {
    if (column.defaultValue !== undefined) return ok(column.defaultValue)
    return column.required ? err('required') : ok(undefined)
  }
  switch (column.kind) {
    case 'text':
    case 'status': {
      const text = scalarText(raw)
      return text === undefined ? err('invalid_type') : checkText(column, text, 'invalid_format')
    }
    case 'initials': {
      const text = scalarText(raw)
      return text === undefined ? err('invalid_type') : checkText(column, text, 'invalid_initials')
    }
    case 'email': {
      const text = scalarText(raw)
      return text === undefined ? err('invalid_type') : checkText(column, text.toLowerCase(), 'invalid_email')
    }
    case 'id':
    case 'ref': {
      const text = scalarText(raw)
      return text === undefined ? err('invalid_type') : checkText(column, text.toUpperCase(), 'invalid_id')
    }
    case 'date':
      return decodeDate(raw)
    case 'int':
    case 'number': {
      const n = toNumber(raw)
      if (!n.ok) return n
      if (column.kind === 'int' && !Number.isInteger(n.value)) return err('not_integer')
      return inRange(column, n.value) ? ok(n.value) : err('out_of_range')
    }
    case 'rating': {
      if (typeof raw === 'string' && raw.trim().toUpperCase() === 'N') return ok('N')
      const n = toNumber(raw)
      if (!n.ok) return n.error === 'invalid_type' ? n : err('invalid_rating')
      return Number.isInteger(n.value) && n.value >= 0 && n.value <= 4 ? ok(n.value) : err('invalid_rating')
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw)
      const text = scalarText(raw)
      if (text === undefined) return err('invalid_type')
      const word = text.toLowerCase()
      if (TRUE_WORDS.has(word)) return ok(true)
      if (FALSE_WORDS.has(word)) return ok(false)
      return err('invalid_boolean')
    }
    case 'enum': {
      const text = scalarText(raw)
      if (text === undefined) return err('invalid_type')
      const canonical = enumIndex(column).get(normalizeCode(text))
      return canonical === undefined ? err('invalid_option') : ok(canonical)
    }
    case 'list':
    case 'code': {
      const text = scalarText(raw)
      return text === undefined ? err('invalid_type') : checkText(column, normalizeCode(text), 'invalid_format')
    }
    case 'milestones': {
      const text = scalarText(raw)
      if (text === undefined) return err('invalid_type')
      const parsed = parseMilestones(text)
      return parsed.ok ? ok(formatMilestones(parsed.value)) : parsed
    }
  }
}

/**
 * Encodes a typed value for a `RAW` write: dates as day serials (the template formats those
 * columns as dates), numbers and booleans as themselves, everything else as text. `undefined`
 * → `null` (empty cell). `decodeCell(c, encodeCell(c, v))` gives `v` back for every valid `v`.
 */
export function encodeCell(column: ColumnSpec, value: CellValue | undefined | null): RawCell {
  if (value === undefined || value === null) return null
  if (column.kind === 'date' && typeof value === 'string' && isValidIsoDate(value)) return isoToSerial(value)
  return value
}

/** The parameters of a cell-level message: the column label and what the column allows. */
export function issueParams(column: ColumnSpec): IssueParams {
  const p: { -readonly [K in keyof IssueParams]: IssueParams[K] } = { label: column.label }
  if (column.kind === 'status' || column.kind === 'text' || column.kind === 'code' || column.kind === 'list') {
    if (column.maxLength !== undefined) p.max = column.maxLength
  } else {
    if (column.min !== undefined) p.min = column.min
    if (column.max !== undefined) p.max = column.max
  }
  if (column.values !== undefined) p.options = column.values
  if (column.list !== undefined) p.list = column.list
  if (column.idTab !== undefined) p.example = formatId(column.idTab, 1)
  return p
}

/** The issue for a failed cell. */
export function cellIssue(column: ColumnSpec, code: IssueCode): Issue {
  const params = issueParams(column)
  // too_long reports the length limit whatever the column kind.
  return makeIssue(
    column.key,
    code,
    code === 'too_long' && column.maxLength !== undefined ? { ...params, max: column.maxLength } : params,
  )
}
