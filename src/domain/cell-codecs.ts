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
import { isoFromParts, isoToSerial, isoToSerialOrUndefined, isValidIsoDate, serialToIso } from './iso-date'
import { type Issue, type IssueCode, type IssueParams, makeIssue } from './issues'
import { formatMilestones, parseMilestones } from './milestones'
import { normalizeCode } from './normalize'
import { err, ok, type Result } from './result'
import { allowsLineBreaks, hasForbiddenCharacter } from './text-hygiene'

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

/** A scalar as text, or undefined for objects and arrays (never valid in a cell). */
function scalarText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim()
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : undefined
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE'
  return undefined
}

/**
 * A failed decode. Internally the codecs return the value or one of these shared, frozen
 * objects instead of a fresh `Result` per cell: a sheet has ~10⁵–10⁶ cells and the allocations
 * showed up as a third of the validation time.
 */
export type CellFailure = { readonly failure: IssueCode }

const FAILURES = new Map<IssueCode, CellFailure>()
const fail = (code: IssueCode): CellFailure => {
  let f = FAILURES.get(code)
  if (f === undefined) {
    f = Object.freeze({ failure: code })
    FAILURES.set(code, f)
  }
  return f
}
const NOT_A_NUMBER = fail('not_a_number')
const INVALID_TYPE = fail('invalid_type')
const INVALID_DATE = fail('invalid_date')

export const isCellFailure = (v: CellValue | undefined | CellFailure): v is CellFailure =>
  typeof v === 'object' && v !== null

/** A number from a number cell or numeric text (decimal point or comma). */
function toNumber(raw: unknown): number | CellFailure {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : NOT_A_NUMBER
  if (typeof raw === 'string') {
    const text = raw.trim()
    if (INT_TEXT_RE.test(text)) return Number(text)
    if (DECIMAL_TEXT_RE.test(text)) return Number(text.replace(',', '.'))
    return NOT_A_NUMBER
  }
  return typeof raw === 'boolean' ? NOT_A_NUMBER : INVALID_TYPE
}

const inRange = (column: ColumnSpec, n: number): boolean =>
  (column.min === undefined || n >= column.min) && (column.max === undefined || n <= column.max)

/**
 * ISO text of a serial, memoised: a sheet holds a few thousand distinct dates in 10⁵ cells, and
 * sharing one string per date saves the formatting and the memory. Bounded; emptied when full.
 */
const ISO_OF_SERIAL = new Map<number, string>()
function isoOfSerial(serial: number): string {
  let iso = ISO_OF_SERIAL.get(serial)
  if (iso === undefined) {
    iso = serialToIso(serial)
    if (ISO_OF_SERIAL.size >= 8192) ISO_OF_SERIAL.clear()
    ISO_OF_SERIAL.set(serial, iso)
  }
  return iso
}

function decodeDate(raw: unknown): string | CellFailure {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return INVALID_DATE
    // A date-time serial carries the time of day as its fraction; the date is the whole part.
    const serial = Math.floor(raw)
    return serial >= MIN_SERIAL && serial <= MAX_SERIAL ? isoOfSerial(serial) : INVALID_DATE
  }
  if (typeof raw !== 'string') return typeof raw === 'boolean' ? INVALID_DATE : INVALID_TYPE
  const text = raw.trim()
  const fast = isoToSerialOrUndefined(text)
  if (fast !== undefined) return fast >= MIN_SERIAL && fast <= MAX_SERIAL ? text : INVALID_DATE
  const iso = ISO_TEXT_RE.exec(text)
  const dmy = iso === null ? DMY_TEXT_RE.exec(text) : null
  const date =
    iso !== null
      ? isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]))
      : dmy !== null
        ? isoFromParts(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
        : undefined
  if (date === undefined) return INVALID_DATE
  const serial = isoToSerial(date)
  return serial >= MIN_SERIAL && serial <= MAX_SERIAL ? date : INVALID_DATE
}

/**
 * Canonical option by spelling, per enum column (built once per column): the canonical spellings
 * themselves (the common case, no normalising needed) and their normalised forms.
 */
const ENUM_INDEX = new WeakMap<ColumnSpec, ReadonlyMap<string, string>>()
function enumIndex(column: ColumnSpec): ReadonlyMap<string, string> {
  let index = ENUM_INDEX.get(column)
  if (index === undefined) {
    const values = column.values ?? []
    index = new Map([...values.map((v) => [normalizeCode(v), v] as const), ...values.map((v) => [v, v] as const)])
    ENUM_INDEX.set(column, index)
  }
  return index
}

function checkText(column: ColumnSpec, text: string | undefined, patternCode: IssueCode): string | CellFailure {
  if (text === undefined) return INVALID_TYPE
  if (hasForbiddenCharacter(text, allowsLineBreaks(column))) return fail('invalid_characters')
  if (column.maxLength !== undefined && text.length > column.maxLength) return fail('too_long')
  if (column.pattern !== undefined && !column.pattern.test(text)) return fail(patternCode)
  return text
}

/**
 * Decodes one cell into its value, `undefined` (blank, no default) or a {@link CellFailure}.
 * The allocation-free core of {@link decodeCell}.
 */
export function decodeCellValue(column: ColumnSpec, raw: unknown): CellValue | undefined | CellFailure {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (column.defaultValue !== undefined) return column.defaultValue
    return column.required ? fail('required') : undefined
  }
  switch (column.kind) {
    case 'text':
    case 'status':
      return checkText(column, scalarText(raw), 'invalid_format')
    case 'initials':
      return checkText(column, scalarText(raw), 'invalid_initials')
    case 'email':
      return checkText(column, scalarText(raw)?.toLowerCase(), 'invalid_email')
    case 'id':
    case 'ref':
      return checkText(column, scalarText(raw)?.toUpperCase(), 'invalid_id')
    case 'date':
      return decodeDate(raw)
    case 'int':
    case 'number': {
      const n = toNumber(raw)
      if (typeof n !== 'number') return n
      if (column.kind === 'int' && !Number.isInteger(n)) return fail('not_integer')
      return inRange(column, n) ? n : fail('out_of_range')
    }
    case 'rating': {
      if (typeof raw === 'string' && raw.trim().toUpperCase() === 'N') return 'N'
      const n = toNumber(raw)
      if (typeof n !== 'number') return n === INVALID_TYPE ? n : fail('invalid_rating')
      return Number.isInteger(n) && n >= 0 && n <= 4 ? n : fail('invalid_rating')
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw
      const text = scalarText(raw)
      if (text === undefined) return INVALID_TYPE
      const word = text.toLowerCase()
      if (TRUE_WORDS.has(word)) return true
      if (FALSE_WORDS.has(word)) return false
      return fail('invalid_boolean')
    }
    case 'enum': {
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return INVALID_TYPE
      const index = enumIndex(column)
      const exact = typeof raw === 'string' ? index.get(raw) : undefined
      if (exact !== undefined) return exact
      return index.get(normalizeCode(scalarText(raw) ?? '')) ?? fail('invalid_option')
    }
    case 'list':
    case 'code': {
      const text = scalarText(raw)
      return checkText(column, text === undefined ? undefined : normalizeCode(text), 'invalid_format')
    }
    case 'milestones': {
      const text = scalarText(raw)
      if (text === undefined) return INVALID_TYPE
      const parsed = parseMilestones(text)
      return parsed.ok ? formatMilestones(parsed.value) : fail(parsed.error)
    }
  }
}

/**
 * Decodes one cell. A blank cell (missing, null, empty or spaces only) is the column's default,
 * or undefined, or `required` when the column is required. Never throws.
 */
export function decodeCell(column: ColumnSpec, raw: unknown): Result<CellValue | undefined, IssueCode> {
  const v = decodeCellValue(column, raw)
  return isCellFailure(v) ? err(v.failure) : ok(v)
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
  const exampleTab = column.idTab ?? column.idTabs?.[0]
  if (exampleTab !== undefined) p.example = formatId(exampleTab, 1)
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
