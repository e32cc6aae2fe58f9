/**
 * @module
 * Query parameters as zod schemas, checked by `@hono/zod-validator` through one hook that turns
 * every failure into a `query_invalid` problem with the domain's messages (the raw zod result never
 * reaches a client): `as_of` (a `YYYY-MM-DD` date; absent or blank = today in the centre's time
 * zone, decided by the route) and the case list filters. Values are trimmed; blank = absent;
 * unknown parameters are ignored.
 */
import { zValidator } from '@hono/zod-validator'
import type { Context } from 'hono'
import * as z from 'zod'
import { CASE_STATUSES, ISSUE_CODES, type Issue, type IssueCode, issueMessage, isValidIsoDate } from '../domain'
import type { AppEnv } from './app-env'
import { problem } from './respond'

/** Trimmed text, or undefined for a blank or missing parameter. */
const text = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

// Each check's message is the domain's issue code (see toIssue).
const asOf = z.preprocess(text, z.string().refine(isValidIsoDate, { error: 'invalid_date' }).optional())
const freeText = z.preprocess(text, z.string().max(200, { error: 'too_long' }).optional())

/** `?as_of=`: the goal, case and all-goals progress routes. */
export const AS_OF_QUERY = z.object({ as_of: asOf })

/** `GET /api/cases?status=&worker=&cluster=`: `status` is a case status (any case), the rest free text. */
export const CASE_LIST_QUERY = z.object({
  status: z.preprocess(
    (value) => (typeof text(value) === 'string' ? String(text(value)).toLowerCase() : text(value)),
    z.enum(CASE_STATUSES, { error: 'invalid_option' }).optional(),
  ),
  worker: freeText,
  cluster: freeText,
})

const isIssueCode = (message: string): message is IssueCode => (ISSUE_CODES as readonly string[]).includes(message)

/** A zod issue of a query parameter as a domain issue (the parameter name is its label). */
function toIssue(issue: z.core.$ZodIssue): Issue {
  const field = String(issue.path[0] ?? 'query')
  const code: IssueCode = isIssueCode(issue.message) ? issue.message : 'invalid_format'
  const options = issue.code === 'invalid_value' ? issue.values.map(String) : undefined
  return {
    field,
    code,
    message: issueMessage(code, { label: { id: field, en: field }, ...(options === undefined ? {} : { options }) }),
    severity: 'error',
  }
}

/** The route middleware: `c.req.valid('query')` is typed by `schema` after it. */
export const validQuery = <S extends z.ZodType>(schema: S) =>
  zValidator('query', schema, (result, c) => {
    if (!result.success) {
      return problem(c as Context<AppEnv>, { kind: 'query_invalid', issues: result.error.issues.map(toIssue) })
    }
    return undefined
  })
