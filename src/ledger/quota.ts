/**
 * @module
 * A token bucket per quota (Google Sheets: 60 write and 60 read requests a minute for the one
 * service-account user, google-sheets-api-v4.md §6.3). The ledger waits for a token before each
 * call, so a burst of work turns into fewer, larger calls instead of 429s. In memory: a restarted
 * object starts with a full burst, which the real per-minute quota easily absorbs.
 */
import type { Clock } from './clock'

export type TokenBucket = {
  /** Waits until a token is available and takes it; resolves with the ms waited. */
  acquire(): Promise<number>
  /** Waits until a token is available without taking it (the caller takes it right after). */
  ready(): Promise<void>
  /** Tokens available now (fractional). */
  available(): number
}

export function createTokenBucket(options: {
  readonly perMinute: number
  readonly burst: number
  readonly clock: Clock
}): TokenBucket {
  const { clock } = options
  const capacity = Math.max(1, options.burst)
  const perMs = options.perMinute / 60_000
  let tokens = capacity
  let last = clock.now()

  const refill = () => {
    const now = clock.now()
    tokens = Math.min(capacity, tokens + (now - last) * perMs)
    last = now
  }

  return {
    async acquire() {
      let waited = 0
      for (;;) {
        refill()
        if (tokens >= 1) {
          tokens -= 1
          return waited
        }
        const wait = Math.max(1, Math.ceil((1 - tokens) / perMs))
        await clock.sleep(wait)
        waited += wait
      }
    },
    async ready() {
      for (;;) {
        refill()
        if (tokens >= 1) return
        await clock.sleep(Math.max(1, Math.ceil((1 - tokens) / perMs)))
      }
    },
    available() {
      refill()
      return tokens
    },
  }
}
