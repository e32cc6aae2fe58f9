// Retry timing for Google calls: truncated exponential backoff with full jitter (AWS
// "Exponential Backoff and Jitter"; Google's Sheets limits page asks for exponential backoff on
// 429/5xx), bounded by attempts and by a wall-clock budget per call.

export interface RetryPolicy {
  /** HTTP attempts per call, the first included. 1 disables retries. */
  readonly attempts: number
  /** Upper bound of the first retry's random delay, ms; doubles per retry. */
  readonly baseMs: number
  /** Largest random delay, ms. A server's Retry-After may exceed it and is still honoured. */
  readonly capMs: number
  /** No retry is started if waiting for it would end past this many ms after the call began. */
  readonly budgetMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseMs: 500, capMs: 32_000, budgetMs: 60_000 }

/**
 * Delay before retry number `retry` (0 for the first retry): uniform in
 * [0, min(capMs, baseMs · 2^retry)). `random` returns [0, 1) like Math.random.
 */
export function fullJitterDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/**
 * Retry-After as ms from `nowMs`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Null when
 * absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - nowMs)
}
