/**
 * @module
 * "Today" in the centre's time zone (config TIMEZONE, Asia/Jakarta by default): the default
 * `as_of` of progress reads. The clock is injected; the domain never reads one.
 */
import type { IsoDate } from '../domain'

const FORMATS = new Map<string, Intl.DateTimeFormat>()

/** The calendar date at `nowMs` (epoch milliseconds) in `timeZone`, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, nowMs: number): IsoDate {
  let format = FORMATS.get(timeZone)
  if (format === undefined) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    FORMATS.set(timeZone, format)
  }
  const parts = format.formatToParts(new Date(nowMs))
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}
