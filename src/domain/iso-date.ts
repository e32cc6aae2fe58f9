/**
 * @module
 * Calendar dates as ISO text (`YYYY-MM-DD`) and as Google Sheets day serials, with pure integer
 * arithmetic (no `Date`, no time zone): serial 0 = 1899-12-30, so 2020-01-01 = 43831, exactly what
 * the Sheets API returns for a date cell with `dateTimeRenderOption=SERIAL_NUMBER`.
 */

/** A real calendar date written `YYYY-MM-DD` (checked by {@link isValidIsoDate}). */
export type IsoDate = string

/** Days from 0000-03-01 to 1899-12-30 in the proleptic Gregorian calendar (see {@link civilToDays}). */
const SHEETS_EPOCH_DAYS = 693_899

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

/** True for `YYYY-MM-DD` text naming a real date of years 0001–9999 (no 2025-02-29, no 2025-13-01). */
export function isValidIsoDate(text: string): boolean {
  const m = ISO_RE.exec(text)
  if (m === null) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

/** Year/month/day → days since 0000-03-01 (H. Hinnant's days_from_civil, shifted so March starts the year). */
function civilToDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const mp = (m + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe
}

/** Inverse of {@link civilToDays}. */
function daysToCivil(days: number): [number, number, number] {
  const era = Math.floor(days / 146_097)
  const doe = days - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return [y, m, d]
}

const digit = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : Number.NaN
}

/**
 * Sheets day serial of `YYYY-MM-DD` text, or undefined when it is not a real date. Reads char
 * codes directly (no regex, no allocation): it runs once per session row in hot loops.
 */
export function isoToSerialOrUndefined(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined
  const y = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3)
  const m = digit(text, 5) * 10 + digit(text, 6)
  const d = digit(text, 8) * 10 + digit(text, 9)
  // NaN (a non-digit) fails every comparison below.
  if (!(y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return undefined
  return civilToDays(y, m, d) - SHEETS_EPOCH_DAYS
}

/** ISO date → Sheets day serial. The caller guarantees a valid date ({@link isValidIsoDate}). */
export function isoToSerial(date: IsoDate): number {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  return civilToDays(y, m, d) - SHEETS_EPOCH_DAYS
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Sheets day serial (an integer) → ISO date. */
export function serialToIso(serial: number): IsoDate {
  const [y, m, d] = daysToCivil(serial + SHEETS_EPOCH_DAYS)
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
}

/** Builds an ISO date from parts, or undefined when they do not name a real date. */
export function isoFromParts(y: number, m: number, d: number): IsoDate | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
}

/** Day of the week of a serial: 0 = Sunday … 6 = Saturday (serial 0, 1899-12-30, was a Saturday). */
export const serialWeekday = (serial: number): number => (((serial + 6) % 7) + 7) % 7

/** Day of the week of an ISO date: 0 = Sunday … 6 = Saturday. */
export const weekday = (date: IsoDate): number => serialWeekday(isoToSerial(date))

/** `date` plus `days` calendar days (negative goes back). */
export const addDays = (date: IsoDate, days: number): IsoDate => serialToIso(isoToSerial(date) + days)

/** Negative, zero or positive as `a` is before, equal to or after `b`. ISO text orders like time. */
export const compareIso = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0)
