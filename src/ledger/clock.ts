/**
 * @module
 * Time for the ledger, injected (house rule 6): wall-clock ms, sleeping, and "today" in the
 * centre's time zone — the date that progress and "not in the future" rules are judged on. The
 * HTTP edge takes its default `as_of` from the same {@link todayIn}, so the API and the ledger
 * never disagree about which day it is.
 */
import { type IsoDate, isoToSerial } from '../domain'

export type Clock = {
  /** Epoch ms. */
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>()

/**
 * The calendar date in an IANA time zone at `epochMs` (epoch milliseconds), as `YYYY-MM-DD`:
 * "today" for a centre. The day flips at local midnight (00:00 in Asia/Jakarta is 17:00 UTC).
 */
export function todayIn(timeZone: string, epochMs: number): IsoDate {
  let format = FORMATTERS.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    FORMATTERS.set(timeZone, format)
  }
  const parts = format.formatToParts(new Date(epochMs))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

const DATE_TIME_FORMATTERS = new Map<string, Intl.DateTimeFormat>()

/**
 * The wall-clock time at `epochMs` in an IANA time zone as a Sheets date-time serial: days since
 * 1899-12-30 plus the fraction of the day, to the second (what a `DATE_TIME` cell holds).
 */
export function dateTimeSerialInZone(epochMs: number, timeZone: string): number {
  let format = DATE_TIME_FORMATTERS.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    DATE_TIME_FORMATTERS.set(timeZone, format)
  }
  const parts = format.formatToParts(new Date(epochMs))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0')
  const day = isoToSerial(`${parts.find((p) => p.type === 'year')?.value}-${pad2(part('month'))}-${pad2(part('day'))}`)
  const seconds = (part('hour') % 24) * 3600 + part('minute') * 60 + part('second')
  return day + seconds / 86_400
}

const pad2 = (n: number): string => String(n).padStart(2, '0')
