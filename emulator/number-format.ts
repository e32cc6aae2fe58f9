/**
 * Renders numbers the way Sheets displays them (FORMATTED_VALUE): the automatic format, and a
 * practical subset of number and date/time patterns (0 # ? , . % E+ "literal" \x and y m d h s
 * am/pm). Serials count days from 1899-12-30 (§4.2). Patterns are written the en_US way whatever
 * the locale (',' groups, '.' marks decimals); the spreadsheet locale picks the separators shown
 * and the default pattern of a DATE / DATE_TIME format that has none (spreadsheet-locale.ts).
 * Month and weekday names stay English.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import type { LocaleConventions } from './spreadsheet-locale.js'

export type NumberFormat = sheets_v4.Schema$NumberFormat

const MS_PER_DAY = 86_400_000
/** Serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569

export function serialFromDate(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY + UNIX_EPOCH_SERIAL
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

const DEFAULT_PATTERNS: Readonly<Record<string, string>> = {
  NUMBER: '#,##0.00',
  PERCENT: '0.00%',
  CURRENCY: '"$"#,##0.00',
  SCIENTIFIC: '0.00E+00',
  TIME: 'h:mm:ss am/pm',
}

function defaultPattern(type: string | null | undefined, locale: LocaleConventions): string {
  if (type === 'DATE') return locale.datePattern
  if (type === 'DATE_TIME') return locale.dateTimePattern
  return DEFAULT_PATTERNS[type ?? ''] ?? ''
}

export function isDateTimeFormat(format: NumberFormat | undefined): boolean {
  if (!format) return false
  if (format.type === 'DATE' || format.type === 'TIME' || format.type === 'DATE_TIME') return true
  return false
}

/** The automatic format: up to 10 significant digits, scientific outside [1e-9, 1e15). */
export function formatGeneral(n: number, locale: LocaleConventions): string {
  const text = formatGeneralEnUs(n)
  return locale.decimal === '.' ? text : text.replace('.', locale.decimal)
}

function formatGeneralEnUs(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!'
  if (n === 0) return '0'
  const abs = Math.abs(n)
  if (Number.isInteger(n) && abs < 1e15) return String(n)
  if (abs >= 1e15 || abs < 1e-9) {
    const [mantissa = '0', exponent = '0'] = n.toExponential(5).split('e')
    const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa
    const e = Number(exponent)
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  }
  const fixed = Number(n.toPrecision(10))
  const text = fixed.toFixed(Math.max(0, 10 - Math.floor(Math.log10(abs)) - 1))
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

function splitSections(pattern: string): string[] {
  const sections: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? ''
    if (ch === '\\' && !quoted) {
      current += ch + (pattern[i + 1] ?? '')
      i++
      continue
    }
    if (ch === '"') quoted = !quoted
    if (ch === ';' && !quoted) {
      sections.push(current)
      current = ''
      continue
    }
    current += ch
  }
  sections.push(current)
  return sections
}

/** Strips [Color] and [condition] prefixes Sheets allows in sections. */
const stripBrackets = (section: string): string => section.replace(/\[[^\]]*\]/g, '')

function hasDateTokens(section: string): boolean {
  const bare = section.replace(/"[^"]*"/g, '').replace(/\\./g, '')
  return /[yYdDhHsS]|am\/pm|AM\/PM/.test(bare) || (/[mM]/.test(bare) && !/[0#?]/.test(bare))
}

/**
 * Formats a number with a Sheets pattern, with the separators of `locale` (the spreadsheet's);
 * falls back to the automatic format when unsure.
 */
export function formatNumber(n: number, format: NumberFormat | undefined, locale: LocaleConventions): string {
  if (!format || format.type === 'TEXT') return formatGeneral(n, locale)
  const pattern = format.pattern || defaultPattern(format.type, locale)
  if (pattern === '' || pattern.toLowerCase() === 'general') return formatGeneral(n, locale)
  const sections = splitSections(pattern).map(stripBrackets)
  let section = sections[0] ?? ''
  let value = n
  if (n < 0 && sections.length > 1 && sections[1] !== undefined) {
    section = sections[1]
    value = -n
  } else if (n === 0 && sections.length > 2 && sections[2] !== undefined) {
    section = sections[2]
  }
  if (isDateTimeFormat(format) || hasDateTokens(section)) return formatDateTime(value, section)
  return formatWithNumberPattern(value, section, locale)
}

interface Literal {
  readonly kind: 'lit'
  readonly text: string
}
interface Placeholder {
  readonly kind: 'digit'
  readonly ch: '0' | '#' | '?'
}
type NumToken =
  | Literal
  | Placeholder
  | { readonly kind: 'dot' }
  | { readonly kind: 'comma' }
  | { readonly kind: 'exp'; readonly sign: '+' | '-' }

function tokenizeNumber(section: string): NumToken[] {
  const out: NumToken[] = []
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] ?? ''
    if (ch === '"') {
      const close = section.indexOf('"', i + 1)
      const end = close === -1 ? section.length : close
      out.push({ kind: 'lit', text: section.slice(i + 1, end) })
      i = end
    } else if (ch === '\\') {
      out.push({ kind: 'lit', text: section[i + 1] ?? '' })
      i++
    } else if (ch === '0' || ch === '#' || ch === '?') out.push({ kind: 'digit', ch })
    else if (ch === '.') out.push({ kind: 'dot' })
    else if (ch === ',') out.push({ kind: 'comma' })
    else if ((ch === 'E' || ch === 'e') && (section[i + 1] === '+' || section[i + 1] === '-')) {
      out.push({ kind: 'exp', sign: section[i + 1] === '+' ? '+' : '-' })
      i++
    } else if (ch === '_' || ch === '*') {
      i++ // padding directives take the next char; no visible effect in values
    } else if (ch === '@') out.push({ kind: 'lit', text: '' })
    else out.push({ kind: 'lit', text: ch })
  }
  return out
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

function formatWithNumberPattern(value: number, section: string, locale: LocaleConventions): string {
  const tokens = tokenizeNumber(section)
  const percent = tokens.filter((t) => t.kind === 'lit' && t.text === '%').length
  let v = value * 100 ** percent
  const expAt = tokens.findIndex((t) => t.kind === 'exp')
  const mantissaTokens = expAt === -1 ? tokens : tokens.slice(0, expAt)
  const dotAt = mantissaTokens.findIndex((t) => t.kind === 'dot')
  const intTokens = dotAt === -1 ? mantissaTokens : mantissaTokens.slice(0, dotAt)
  const fracTokens = dotAt === -1 ? [] : mantissaTokens.slice(dotAt + 1)
  const intDigits = intTokens.filter((t): t is Placeholder => t.kind === 'digit')
  const fracDigits = fracTokens.filter((t): t is Placeholder => t.kind === 'digit')
  // Trailing commas after the last digit scale by 1000 each; commas between digits group.
  let lastDigit = -1
  intTokens.forEach((t, i) => {
    if (t.kind === 'digit') lastDigit = i
  })
  const scaleCommas = lastDigit === -1 ? 0 : intTokens.slice(lastDigit + 1).filter((t) => t.kind === 'comma').length
  const grouping = intTokens.some((t, i) => t.kind === 'comma' && i < lastDigit)
  v /= 1000 ** scaleCommas
  let exponent = 0
  if (expAt !== -1 && v !== 0) {
    exponent = Math.floor(Math.log10(Math.abs(v))) - Math.max(0, intDigits.length - 1)
    v /= 10 ** exponent
  }
  const negative = v < 0
  const maxFrac = fracDigits.length
  const minFrac = fracDigits.filter((d) => d.ch !== '#').length
  let fixed = Math.abs(v).toFixed(maxFrac)
  if (expAt !== -1 && Number(fixed) >= 10 ** Math.max(1, intDigits.length)) {
    exponent += 1
    fixed = (Math.abs(v) / 10).toFixed(maxFrac)
  }
  let [intPart = '0', fracPart = ''] = fixed.split('.')
  while (fracPart.length > minFrac && fracPart.endsWith('0')) fracPart = fracPart.slice(0, -1)
  const minInt = intDigits.filter((d) => d.ch === '0').length
  if (intPart === '0' && minInt === 0) intPart = ''
  intPart = intPart.padStart(minInt, '0')
  if (grouping) intPart = groupThousands(intPart, locale.grouping)
  let out = ''
  let intEmitted = false
  for (const t of intTokens) {
    if (t.kind === 'lit') out += t.text
    else if (t.kind === 'digit' && !intEmitted) {
      out += intPart
      intEmitted = true
    }
  }
  if (!intEmitted) out += intPart
  if (dotAt !== -1) {
    if (fracPart.length > 0 || fracDigits.length === 0) out += locale.decimal
    let fracEmitted = false
    for (const t of fracTokens) {
      if (t.kind === 'lit') out += t.text
      else if (t.kind === 'digit' && !fracEmitted) {
        out += fracPart
        fracEmitted = true
      }
    }
  }
  if (expAt !== -1) {
    const expToken = tokens[expAt]
    const expDigits = tokens.slice(expAt + 1).filter((t) => t.kind === 'digit').length
    const sign = exponent < 0 ? '-' : expToken?.kind === 'exp' && expToken.sign === '+' ? '+' : ''
    out += `E${sign}${String(Math.abs(exponent)).padStart(Math.max(1, expDigits), '0')}`
    for (const t of tokens.slice(expAt + 1)) if (t.kind === 'lit') out += t.text
  }
  return negative && /[1-9]/.test(out) ? `-${out}` : out
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

type DateToken = { readonly kind: 'lit'; readonly text: string } | { readonly kind: 'field'; readonly text: string }

function tokenizeDate(section: string): DateToken[] {
  const out: DateToken[] = []
  let i = 0
  while (i < section.length) {
    const ch = section[i] ?? ''
    if (ch === '"') {
      const close = section.indexOf('"', i + 1)
      const end = close === -1 ? section.length : close
      out.push({ kind: 'lit', text: section.slice(i + 1, end) })
      i = end + 1
      continue
    }
    if (ch === '\\') {
      out.push({ kind: 'lit', text: section[i + 1] ?? '' })
      i += 2
      continue
    }
    const rest = section.slice(i)
    const ampm = /^(am\/pm|AM\/PM|a\/p|A\/P)/.exec(rest)
    if (ampm?.[1] !== undefined) {
      out.push({ kind: 'field', text: ampm[1].toLowerCase() })
      i += ampm[1].length
      continue
    }
    const run = /^([yYmMdDhHsS])\1*/.exec(rest)
    if (run?.[0] !== undefined) {
      out.push({ kind: 'field', text: run[0] })
      i += run[0].length
      continue
    }
    const millis = /^\.0+/.exec(rest)
    if (millis?.[0] !== undefined && out.some((t) => t.kind === 'field' && /^s/i.test(t.text))) {
      out.push({ kind: 'field', text: millis[0] })
      i += millis[0].length
      continue
    }
    out.push({ kind: 'lit', text: ch })
    i++
  }
  return out
}

/** Formats a serial (days since 1899-12-30, fraction = time of day) with a date/time pattern. */
export function formatDateTime(serial: number, section: string): string {
  const tokens = tokenizeDate(section)
  const ms = Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY)
  const d = new Date(ms)
  const hasAmPm = tokens.some((t) => t.kind === 'field' && (t.text === 'am/pm' || t.text === 'a/p'))
  const fields = tokens.map((t, i) => ({ t, i })).filter((x) => x.t.kind === 'field')
  const isMinute = (index: number): boolean => {
    const pos = fields.findIndex((f) => f.i === index)
    const prev = fields[pos - 1]?.t.text.toLowerCase() ?? ''
    const next = fields[pos + 1]?.t.text.toLowerCase() ?? ''
    return prev.startsWith('h') || next.startsWith('s')
  }
  let out = ''
  tokens.forEach((t, index) => {
    if (t.kind === 'lit') {
      out += t.text
      return
    }
    const f = t.text
    const lower = f.toLowerCase()
    const hours = d.getUTCHours()
    if (lower.startsWith('y'))
      out += f.length <= 2 ? String(d.getUTCFullYear() % 100).padStart(2, '0') : String(d.getUTCFullYear())
    else if (lower.startsWith('m') && isMinute(index))
      out += String(d.getUTCMinutes()).padStart(f.length >= 2 ? 2 : 1, '0')
    else if (lower.startsWith('m')) {
      const month = d.getUTCMonth()
      if (f.length === 1) out += String(month + 1)
      else if (f.length === 2) out += String(month + 1).padStart(2, '0')
      else if (f.length === 3) out += (MONTHS[month] ?? '').slice(0, 3)
      else if (f.length === 5) out += (MONTHS[month] ?? '').slice(0, 1)
      else out += MONTHS[month] ?? ''
    } else if (lower.startsWith('d')) {
      if (f.length === 1) out += String(d.getUTCDate())
      else if (f.length === 2) out += String(d.getUTCDate()).padStart(2, '0')
      else if (f.length === 3) out += (DAYS[d.getUTCDay()] ?? '').slice(0, 3)
      else out += DAYS[d.getUTCDay()] ?? ''
    } else if (lower.startsWith('h')) {
      const h = hasAmPm ? ((hours + 11) % 12) + 1 : hours
      out += String(h).padStart(f.length >= 2 ? 2 : 1, '0')
    } else if (lower.startsWith('s')) out += String(d.getUTCSeconds()).padStart(f.length >= 2 ? 2 : 1, '0')
    else if (f.startsWith('.'))
      out += `.${String(d.getUTCMilliseconds())
        .padStart(3, '0')
        .slice(0, f.length - 1)}`
    else if (f === 'am/pm') out += hours < 12 ? 'AM' : 'PM'
    else if (f === 'a/p') out += hours < 12 ? 'A' : 'P'
  })
  return out
}
