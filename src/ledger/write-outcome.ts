/**
 * @module
 * What an answer to a write (`spreadsheets.batchUpdate`) proves about whether it was applied —
 * one rule for the flush, the sync and every PATCH, their Log rows and their outbox rows.
 *
 * Only two kinds of answer prove anything: a 2xx (applied) and a refusal Google gives before it
 * applies anything — 429 (quota is checked first), 400 (a bad request is refused whole, requests
 * are atomic: google-sheets-api-v4.md §8), 401/403/404, or a call that never left (no token).
 * Every other answer — 408, any 5xx, a timeout, a dropped connection, a 2xx whose body does not
 * parse — leaves the outcome unknown: Google has been seen to answer 503 and apply the write
 * afterwards (§8, node-google-spreadsheet#512), so an unknown write is left alone for the grace
 * period (`uncertainGraceMs`) before a read decides whether to send it again.
 */
import type { Result } from '../domain'
import type { SheetsError } from '../sheets'

/**
 * - `applied`: in the sheet now.
 * - `refused`: Google rejected the request as malformed (400): not applied, and resending the
 *   same request will not help (the binding is re-checked, Log rows are dropped).
 * - `not_applied`: not applied; the same request may go again after a backoff.
 * - `unknown`: may be applied now or later.
 */
export type WriteOutcome = 'applied' | 'refused' | 'not_applied' | 'unknown'

const NOT_APPLIED: ReadonlySet<SheetsError['kind']> = new Set([
  'rate_limited',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'auth',
])

export function writeOutcome(result: Result<unknown, SheetsError>): WriteOutcome {
  if (result.ok) return 'applied'
  const { kind } = result.error
  if (kind === 'bad_request') return 'refused'
  return NOT_APPLIED.has(kind) ? 'not_applied' : 'unknown'
}
