/**
 * Value semantics of §4: how RAW and USER_ENTERED input is stored, how effective values are
 * computed (formulas evaluated on read, so they never go stale), and how values are rendered for
 * FORMATTED_VALUE / UNFORMATTED_VALUE / FORMULA with SERIAL_NUMBER / FORMATTED_STRING dates.
 * Parsing and display follow the spreadsheet's locale (properties.locale) as far as
 * spreadsheet-locale.ts knows it: date order, decimal and grouping separators, date pattern.
 */
import type { Bounds } from './a1-notation.js'
import { evaluateFormula, type FormulaError, isError, type Scalar } from './formula.js'
import { formatNumber, isDateTimeFormat, isValidDate, type NumberFormat, serialFromDate } from './number-format.js'
import { type LocaleConventions, localeConventions } from './spreadsheet-locale.js'
import {
  type Cell,
  columnCount,
  type EnteredValue,
  findSheetByTitle,
  rowCount,
  type SheetModel,
  type SpreadsheetModel,
} from './spreadsheet-model.js'

export type InputValue = string | number | boolean | null
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA'
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING'
export type ValueInputOption = 'RAW' | 'USER_ENTERED'

export interface ParsedInput {
  /** undefined clears the value (input ""), keeping formats. */
  readonly value: EnteredValue | undefined
  /** Set when USER_ENTERED recognised a date, percent, currency, grouping or exponent. */
  readonly numberFormat?: NumberFormat
}

/** The locale-dependent regular expressions, compiled once per table row. */
interface Grammar {
  /** A plain number, optionally grouped in thousands: `1,234.5` (en_US), `1.234,5` (in_ID). */
  readonly number: RegExp
  readonly scientific: RegExp
  /** Day, month and year in the locale's order, separated by '/' or the locale's own separator. */
  readonly localDate: RegExp
}

const grammars = new WeakMap<LocaleConventions, Grammar>()
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')

function grammarOf(locale: LocaleConventions): Grammar {
  const known = grammars.get(locale)
  if (known) return known
  const d = escapeRegExp(locale.decimal)
  const g = escapeRegExp(locale.grouping)
  const own = /[^dMy]/.exec(locale.datePattern)?.[0] ?? '/'
  const separators = [...new Set(['/', own])].map(escapeRegExp).join('')
  const grammar: Grammar = {
    number: new RegExp(`^[+-]?(?:\\d{1,3}(?:${g}\\d{3})+|\\d+)?(?:${d}\\d+)?$`),
    scientific: new RegExp(`^[+-]?(?:\\d+${d}?\\d*|${d}\\d+)[eE][+-]?\\d+$`),
    localDate: new RegExp(`^(\\d{1,2})([${separators}])(\\d{1,2})\\2(\\d{2}|\\d{4})(?:\\s+(.+))?$`),
  }
  grammars.set(locale, grammar)
  return grammar
}

function plainNumber(
  text: string,
  locale: LocaleConventions,
): { n: number; grouped: boolean; decimals: number } | undefined {
  if (!grammarOf(locale).number.test(text) || !/\d/.test(text)) return undefined
  const n = Number(text.replaceAll(locale.grouping, '').replace(locale.decimal, '.'))
  if (!Number.isFinite(n)) return undefined
  const dot = text.indexOf(locale.decimal)
  return { n, grouped: text.includes(locale.grouping), decimals: dot === -1 ? 0 : text.length - dot - 1 }
}

function parseTime(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text)
  if (!m) return undefined
  let h = Number(m[1])
  const min = Number(m[2])
  const s = m[3] === undefined ? 0 : Number(m[3])
  if (m[4] !== undefined) {
    if (h < 1 || h > 12) return undefined
    h = (h % 12) + (m[4].toLowerCase() === 'pm' ? 12 : 0)
  }
  if (h > 23 || min > 59 || s > 59) return undefined
  return (h * 3600 + min * 60 + s) / 86400
}

/** USER_ENTERED parsing of a string, as if typed into the UI of a spreadsheet in `locale`. */
export function parseUserEnteredText(text: string, locale: LocaleConventions): ParsedInput {
  if (text === '') return { value: undefined }
  if (text.startsWith("'")) return { value: { stringValue: text.slice(1) } }
  if (text.startsWith('=')) return { value: { formulaValue: text } }
  const t = text.trim()
  if (/^(true|false)$/i.test(t)) return { value: { boolValue: t.toLowerCase() === 'true' } }
  const plain = plainNumber(t, locale)
  if (plain) {
    if (!plain.grouped) return { value: { numberValue: plain.n } }
    return {
      value: { numberValue: plain.n },
      numberFormat: { type: 'NUMBER', pattern: plain.decimals > 0 ? '#,##0.00' : '#,##0' },
    }
  }
  const percent = /^(.*)%$/.exec(t)
  const pct = percent?.[1] === undefined ? undefined : plainNumber(percent[1].trim(), locale)
  if (pct) {
    return {
      value: { numberValue: pct.n / 100 },
      numberFormat: { type: 'PERCENT', pattern: pct.decimals > 0 ? '0.00%' : '0%' },
    }
  }
  const currency = /^([+-]?)\$(.+)$/.exec(t)
  const cur = currency?.[2] === undefined ? undefined : plainNumber(currency[2], locale)
  if (cur && !/^[+-]/.test(currency?.[2] ?? '')) {
    const sign = currency?.[1] === '-' ? -1 : 1
    return { value: { numberValue: sign * cur.n }, numberFormat: { type: 'CURRENCY', pattern: '"$"#,##0.00' } }
  }
  if (grammarOf(locale).scientific.test(t)) {
    const n = Number(t.replace(locale.decimal, '.'))
    return { value: { numberValue: n }, numberFormat: { type: 'SCIENTIFIC', pattern: '0.00E+00' } }
  }
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(.+))?$/.exec(t)
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    const time = iso[4] === undefined ? 0 : parseTime(iso[4])
    if (isValidDate(y, mo, d) && time !== undefined) {
      const pattern = iso[4] === undefined ? 'yyyy-mm-dd' : 'yyyy-mm-dd H:mm:ss'
      return {
        value: { numberValue: serialFromDate(y, mo, d) + time },
        numberFormat: { type: iso[4] === undefined ? 'DATE' : 'DATE_TIME', pattern },
      }
    }
  }
  const local = grammarOf(locale).localDate.exec(t)
  if (local) {
    const [first, second, yearText = '', timeText] = [Number(local[1]), Number(local[3]), local[4], local[5]]
    const rawYear = Number(yearText)
    // Two-digit years: 00-29 → 20xx, 30-99 → 19xx, as Sheets does.
    const y = yearText.length === 2 ? (rawYear < 30 ? 2000 + rawYear : 1900 + rawYear) : rawYear
    const [mo, d] = locale.dateOrder === 'MDY' ? [first, second] : [second, first]
    const time = timeText === undefined ? 0 : parseTime(timeText)
    if (isValidDate(y, mo, d) && time !== undefined) {
      return {
        value: { numberValue: serialFromDate(y, mo, d) + time },
        numberFormat:
          timeText === undefined
            ? { type: 'DATE', pattern: locale.datePattern }
            : { type: 'DATE_TIME', pattern: locale.dateTimePattern },
      }
    }
  }
  const time = parseTime(t)
  if (time !== undefined) {
    const pattern = /[ap]m$/i.test(t) ? 'h:mm am/pm' : t.split(':').length === 3 ? 'h:mm:ss' : 'h:mm'
    return { value: { numberValue: time }, numberFormat: { type: 'TIME', pattern } }
  }
  return { value: { stringValue: text } }
}

/**
 * Interprets one JSON input cell; null is handled by callers (it means "leave unchanged").
 * `locale` is the spreadsheet's: it only matters for USER_ENTERED strings.
 */
export function parseInput(
  input: string | number | boolean,
  option: ValueInputOption,
  locale: LocaleConventions,
): ParsedInput {
  if (typeof input === 'number') return { value: { numberValue: input } }
  if (typeof input === 'boolean') return { value: { boolValue: input } }
  if (option === 'RAW') return input === '' ? { value: undefined } : { value: { stringValue: input } }
  return parseUserEnteredText(input, locale)
}

/** Applies parsed input to a cell: value replaced, number format set when one was detected. */
export function writeInput(cell: Cell | undefined, parsed: ParsedInput): Cell {
  if (cell === undefined) {
    if (parsed.value === undefined) return parsed.numberFormat ? { format: { numberFormat: parsed.numberFormat } } : {}
    return parsed.numberFormat
      ? { value: parsed.value, format: { numberFormat: parsed.numberFormat } }
      : { value: parsed.value }
  }
  const { value: _old, ...rest } = cell
  const next: { -readonly [K in keyof Cell]: Cell[K] } = rest
  if (parsed.value !== undefined) next.value = parsed.value
  if (parsed.numberFormat !== undefined) next.format = { ...(cell.format ?? {}), numberFormat: parsed.numberFormat }
  return next
}

/**
 * Computes effective values for one read of one spreadsheet. Formula results are memoised per
 * reader, and a cycle evaluates to #REF! instead of recursing forever.
 */
export class ValueReader {
  private readonly memo = new Map<string, Scalar>()
  private readonly active = new Set<string>()
  /** The spreadsheet's locale conventions, for rendering what this reader computes. */
  readonly locale: LocaleConventions
  constructor(private readonly ss: SpreadsheetModel) {
    this.locale = localeConventions(ss.properties.locale)
  }

  effective(sheet: SheetModel, row: number, col: number, cell: Cell | undefined = sheet.rows[row]?.[col]): Scalar {
    const v = cell?.value
    if (v === undefined) return undefined
    if ('numberValue' in v) return v.numberValue
    if ('stringValue' in v) return v.stringValue === '' ? undefined : v.stringValue
    if ('boolValue' in v) return v.boolValue
    const key = `${sheet.properties.sheetId}:${row}:${col}`
    const hit = this.memo.get(key)
    if (hit !== undefined || this.memo.has(key)) return hit
    if (this.active.has(key)) {
      return {
        error: '#REF!',
        message: 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.',
      }
    }
    this.active.add(key)
    const result = evaluateFormula(v.formulaValue, { values: (name, bounds) => this.rangeValues(sheet, name, bounds) })
    this.active.delete(key)
    const stored = result === '' ? undefined : result
    this.memo.set(key, stored)
    return stored
  }

  private rangeValues(
    own: SheetModel,
    name: string | undefined,
    b: Bounds,
  ): readonly (readonly Scalar[])[] | FormulaError {
    const sheet = name === undefined ? own : findSheetByTitle(this.ss, name)
    if (!sheet) return { error: '#REF!', message: `Unresolved sheet name '${name}'.` }
    const r0 = b.startRow ?? 0
    const r1 = b.endRow ?? rowCount(sheet)
    const c0 = b.startCol ?? 0
    const c1 = b.endCol ?? columnCount(sheet)
    if (r1 > rowCount(sheet) || c1 > columnCount(sheet)) return { error: '#REF!', message: 'Reference does not exist.' }
    const grid: Scalar[][] = []
    for (let r = r0; r < r1; r++) {
      const line: Scalar[] = []
      for (let c = c0; c < c1; c++) line.push(this.effective(sheet, r, c))
      grid.push(line)
    }
    return grid
  }
}

/** A value as displayed (FORMATTED_VALUE) in a spreadsheet of `locale`. */
export function formatScalar(v: Scalar, numberFormat: NumberFormat | undefined, locale: LocaleConventions): string {
  if (v === undefined) return ''
  if (typeof v === 'number') return formatNumber(v, numberFormat, locale)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (isError(v)) return v.error
  return v
}

/** One cell as values.get returns it; undefined = empty (trimmed away or ""). */
export function renderCell(
  reader: ValueReader,
  sheet: SheetModel,
  row: number,
  col: number,
  cell: Cell | undefined,
  render: ValueRenderOption,
  dates: DateTimeRenderOption,
): string | number | boolean | undefined {
  const v = cell?.value
  if (v === undefined) return undefined
  if (render === 'FORMULA' && 'formulaValue' in v) return v.formulaValue
  const eff = reader.effective(sheet, row, col, cell)
  if (eff === undefined) return undefined
  const numberFormat = cell?.format?.numberFormat
  if (render === 'FORMATTED_VALUE') return formatScalar(eff, numberFormat, reader.locale)
  if (isError(eff)) return eff.error
  if (typeof eff === 'number' && dates === 'FORMATTED_STRING' && isDateTimeFormat(numberFormat)) {
    return formatNumber(eff, numberFormat, reader.locale)
  }
  return eff
}
