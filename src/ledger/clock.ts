/**
 * @module
 * Time for the ledger, injected (house rule 6): wall-clock ms, sleeping, and "today" in the
 * centre's time zone — the date that progress and "not in the future" rules are judged on.
 */
import type { IsoDate } from '../domain'

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

/** The calendar date at `epochMs` in an IANA time zone, as `YYYY-MM-DD`. */
export function dateInZone(epochMs: number, timeZone: string): IsoDate {
  let format = FORMATTERS.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    FORMATTERS.set(timeZone, format)
  }
  const parts = format.formatToParts(new Date(epochMs))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}
