/**
 * @module
 * Query parameters: `as_of` (a `YYYY-MM-DD` date, default today in the centre's time zone) and
 * the case list filters. Bad values are `query_invalid` problems with the domain's messages.
 */
import { CASE_STATUSES, type IsoDate, type Issue, issueMessage, isValidIsoDate } from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { CaseFilter } from '../ledger/contract'
import type { HttpFailure } from './problem'

const queryIssue = (name: string, code: Issue['code'], options?: readonly string[]): Issue => ({
  field: name,
  code,
  message: issueMessage(code, { label: { id: name, en: name }, ...(options === undefined ? {} : { options }) }),
  severity: 'error',
})

/** `as_of`, or `today` when absent or blank. */
export function parseAsOf(value: string | undefined, today: IsoDate): Result<IsoDate, HttpFailure> {
  if (value === undefined || value.trim() === '') return ok(today)
  const text = value.trim()
  return isValidIsoDate(text) ? ok(text) : err({ kind: 'query_invalid', issues: [queryIssue('as_of', 'invalid_date')] })
}

/** `GET /api/cases` filters: `status` is one of the case statuses; `worker`/`cluster` are free text. */
export function parseCaseFilter(query: Readonly<Record<string, string | undefined>>): Result<CaseFilter, HttpFailure> {
  const filter: { -readonly [K in keyof CaseFilter]: CaseFilter[K] } = {}
  const issues: Issue[] = []
  const status = query.status?.trim().toLowerCase()
  if (status !== undefined && status !== '') {
    const known = CASE_STATUSES.find((s) => s === status)
    if (known === undefined) issues.push(queryIssue('status', 'invalid_option', CASE_STATUSES))
    else filter.status = known
  }
  for (const key of ['worker', 'cluster'] as const) {
    const value = query[key]?.trim()
    if (value === undefined || value === '') continue
    if (value.length > 200) issues.push(queryIssue(key, 'too_long'))
    else filter[key] = value
  }
  return issues.length > 0 ? err({ kind: 'query_invalid', issues }) : ok(filter)
}
