/**
 * @module
 * The working-day calendar (domain.md "Working days"): Monday–Friday minus the holidays of the
 * `Settings` tab. Day 1 of a goal is its start_date, or the next working day if start_date is
 * not one; "day n" is the n-th working day. Arithmetic is O(log holidays) per call: whole
 * weeks are skipped at once and holidays counted by binary search in a prepared calendar.
 */
import { type IsoDate, isoToSerial, isValidIsoDate, serialToIso, serialWeekday } from './iso-date'

/** A prepared calendar: build once with {@link prepareCalendar}, reuse in loops. */
export type WorkingCalendar = {
  /** Holidays that fall on a weekday, as sorted unique day serials (weekend holidays change nothing). */
  readonly holidaySerials: readonly number[]
  readonly holidaySet: ReadonlySet<number>
}

/** A calendar, or the holiday dates to build one from. */
export type CalendarSource = WorkingCalendar | readonly IsoDate[]

/** Builds a calendar from holiday dates; invalid or weekend dates are ignored. */
export function prepareCalendar(holidays: Iterable<IsoDate>): WorkingCalendar {
  const set = new Set<number>()
  for (const date of holidays) {
    if (!isValidIsoDate(date)) continue
    const serial = isoToSerial(date)
    const wd = serialWeekday(serial)
    if (wd !== 0 && wd !== 6) set.add(serial)
  }
  return { holidaySerials: [...set].sort((a, b) => a - b), holidaySet: set }
}

/**
 * Calendars built from a holiday array, so repeated calls with the same array build it once.
 * The entry keeps a copy of the dates and is reused only while the array still holds them
 * (a caller may fill or edit its array between calls).
 */
const PREPARED = new WeakMap<
  readonly IsoDate[],
  { readonly dates: readonly IsoDate[]; readonly cal: WorkingCalendar }
>()

const sameDates = (a: readonly IsoDate[], b: readonly IsoDate[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i])

/** The calendar of a source; arrays are prepared once per array instance and content. */
export function calendarOf(source: CalendarSource): WorkingCalendar {
  if (!Array.isArray(source)) return source as WorkingCalendar
  const list = source as readonly IsoDate[]
  const hit = PREPARED.get(list)
  if (hit !== undefined && sameDates(hit.dates, list)) return hit.cal
  const cal = prepareCalendar(list)
  PREPARED.set(list, { dates: [...list], cal })
  return cal
}

const isWeekdaySerial = (serial: number): boolean => {
  const wd = serialWeekday(serial)
  return wd !== 0 && wd !== 6
}

export const isWorkingSerial = (cal: WorkingCalendar, serial: number): boolean =>
  isWeekdaySerial(serial) && !cal.holidaySet.has(serial)

/** Index of the first holiday serial ≥ x. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Weekday holidays in [a, b] (serials, inclusive). */
const holidaysIn = (cal: WorkingCalendar, a: number, b: number): number =>
  b < a ? 0 : lowerBound(cal.holidaySerials, b + 1) - lowerBound(cal.holidaySerials, a)

/** Weekdays among serials < x, counted from serial 0 (a Saturday): 5 per whole week. */
function weekdaysBefore(x: number): number {
  const weeks = Math.floor(x / 7)
  const rest = x - weeks * 7 // 0–6 days from a Saturday: Sat, Sun, then Mon…
  return weeks * 5 + Math.max(0, rest - 2)
}

/** `d` (a weekday) plus `k` ≥ 0 weekdays. */
function addWeekdays(d: number, k: number): number {
  const wd = serialWeekday(d) // 1 (Mon) … 5 (Fri)
  const rest = k % 5
  const base = d + Math.floor(k / 5) * 7
  return wd + rest > 5 ? base + rest + 2 : base + rest
}

/** The first working day on or after a serial. */
export function firstWorkingSerial(cal: WorkingCalendar, serial: number): number {
  let d = serial
  while (!isWorkingSerial(cal, d)) d++
  return d
}

/** Serial of working day `n` (≥ 1) counting `startSerial`'s first working day as day 1. */
export function workingDaySerial(cal: WorkingCalendar, startSerial: number, n: number): number {
  let d = firstWorkingSerial(cal, startSerial)
  let remaining = n - 1
  // Each step lands on the weekday `remaining` weekdays later; holidays passed on the way are
  // made up by the next step. d stays a weekday throughout.
  while (remaining > 0) {
    const next = addWeekdays(d, remaining)
    remaining = holidaysIn(cal, d + 1, next)
    d = next
  }
  return d
}

/** Serial of the last working day of a span of `durationDays` working days (at least day 1). */
export const lastWorkingSerial = (cal: WorkingCalendar, startSerial: number, durationDays: number): number =>
  workingDaySerial(cal, startSerial, Number.isFinite(durationDays) ? Math.max(1, Math.trunc(durationDays)) : 1)

/** Working days in [a, b] (serials, inclusive); 0 when b < a. */
export function countWorkingSerials(cal: WorkingCalendar, a: number, b: number): number {
  if (b < a) return 0
  return weekdaysBefore(b + 1) - weekdaysBefore(a) - holidaysIn(cal, a, b)
}

/** True when `date` is a working day. */
export const isWorkingDay = (date: IsoDate, holidays: CalendarSource): boolean =>
  isWorkingSerial(calendarOf(holidays), isoToSerial(date))

/** Day 1 of something starting on `start`: `start`, or the next working day. */
export const firstWorkingDay = (start: IsoDate, holidays: CalendarSource): IsoDate =>
  serialToIso(firstWorkingSerial(calendarOf(holidays), isoToSerial(start)))

/** The date of working day `n` (n ≥ 1) of something starting on `start`. */
export function workingDayDate(start: IsoDate, n: number, holidays: CalendarSource): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working day number must be ≥ 1, got ${n}`)
  return serialToIso(workingDaySerial(calendarOf(holidays), isoToSerial(start), n))
}

/** The last working day of a span of `durationDays` working days from `start` (= day durationDays). */
export const lastWorkingDay = (start: IsoDate, durationDays: number, holidays: CalendarSource): IsoDate =>
  workingDayDate(start, Math.max(1, durationDays), holidays)

/** Working days from `from` to `to`, both included; 0 when `to` is before `from`. */
export const countWorkingDays = (from: IsoDate, to: IsoDate, holidays: CalendarSource): number =>
  countWorkingSerials(calendarOf(holidays), isoToSerial(from), isoToSerial(to))

/**
 * Which working day of something starting on `start` the date `date` is (1 = day 1); 0 before
 * day 1. A non-working date counts as the working day before it.
 */
export function workingDayNumber(start: IsoDate, date: IsoDate, holidays: CalendarSource): number {
  const cal = calendarOf(holidays)
  return countWorkingSerials(cal, firstWorkingSerial(cal, isoToSerial(start)), isoToSerial(date))
}
