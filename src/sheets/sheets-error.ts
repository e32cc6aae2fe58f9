import type { TokenError } from './service-account'

/** The Sheets API calls this client makes, named as in Google's discovery document. */
export type SheetsMethod =
  | 'spreadsheets.get'
  | 'spreadsheets.batchUpdate'
  | 'values.get'
  | 'values.batchGet'
  | 'values.batchUpdate'
  | 'values.append'
  | 'developerMetadata.search'

/**
 * Every expected failure of a Sheets call. `attempts` counts HTTP attempts made (token requests
 * excluded). Messages carry Google's wording with any echoed input redacted: never a cell value,
 * never a token or key.
 */
export type SheetsError =
  /** 429 / RESOURCE_EXHAUSTED after the retry budget: definitive, nothing was applied. */
  | {
      readonly kind: 'rate_limited'
      readonly method: SheetsMethod
      readonly retryAfterMs: number | null
      readonly attempts: number
    }
  /** 5xx / 408 on an idempotent call after the retry budget. Nothing was changed by it. */
  | { readonly kind: 'unavailable'; readonly method: SheetsMethod; readonly status: number; readonly attempts: number }
  /**
   * A non-idempotent call (batchUpdate, values.append, values.batchUpdate) was sent and then
   * failed with 5xx, a timeout or a dropped connection: Google may or may not have applied it.
   * The caller must read the sheet before sending it again. Never retried by the client.
   */
  | {
      readonly kind: 'outcome_unknown'
      readonly method: SheetsMethod
      readonly cause: 'server_error' | 'timeout' | 'network'
      readonly status: number | null
      readonly attempts: number
    }
  /** 400 and other non-retryable 4xx: the request is wrong; resending it will not help. */
  | {
      readonly kind: 'bad_request'
      readonly method: SheetsMethod
      readonly status: number
      readonly googleStatus: string
      readonly message: string
      readonly attempts: number
    }
  /** 401 twice in a row (the second with a freshly minted token). */
  | {
      readonly kind: 'unauthenticated'
      readonly method: SheetsMethod
      readonly message: string
      readonly attempts: number
    }
  /** 403: spreadsheet not shared with the service account, or insufficient scopes. */
  | {
      readonly kind: 'permission_denied'
      readonly method: SheetsMethod
      readonly message: string
      readonly attempts: number
    }
  /** 404: unknown spreadsheet (or metadata id). */
  | { readonly kind: 'not_found'; readonly method: SheetsMethod; readonly message: string; readonly attempts: number }
  /** Idempotent call whose every attempt timed out (per-request timeout, AbortSignal). */
  | { readonly kind: 'timeout'; readonly method: SheetsMethod; readonly attempts: number }
  /** Idempotent call whose every attempt failed below HTTP (connection refused, reset, DNS). */
  | { readonly kind: 'network'; readonly method: SheetsMethod; readonly message: string; readonly attempts: number }
  /** No access token could be obtained; the Sheets request itself was never sent. */
  | { readonly kind: 'auth'; readonly method: SheetsMethod; readonly error: TokenError; readonly attempts: number }
  /** A 2xx whose body is not the JSON shape this client relies on. */
  | {
      readonly kind: 'invalid_response'
      readonly method: SheetsMethod
      readonly status: number
      readonly message: string
      readonly attempts: number
    }

export type SheetsErrorKind = SheetsError['kind']

/**
 * Why Google refused the service account (403), in the words a person can act on:
 * `not_shared` — "The caller does not have permission": the spreadsheet is not shared with it, or
 * only for viewing (the usual set-up mistake with a real Sheet); `api_disabled` — the Sheets API is
 * not enabled in its Cloud project; `scopes` — its token lacks the spreadsheets scope.
 */
export type AccessDenial = 'not_shared' | 'api_disabled' | 'scopes'

/** The denial behind a `permission_denied` error (from Google's message), else undefined. */
export function accessDenial(error: SheetsError): AccessDenial | undefined {
  if (error.kind !== 'permission_denied') return undefined
  if (/has not been used|is disabled|SERVICE_DISABLED/i.test(error.message)) return 'api_disabled'
  if (/insufficient authentication scopes|ACCESS_TOKEN_SCOPE_INSUFFICIENT/i.test(error.message)) return 'scopes'
  return 'not_shared'
}

/** Longest Google message kept; the rest is cut so a pathological echo cannot grow logs. */
const MAX_MESSAGE = 300

/**
 * Google echoes offending input in some 400 messages (`Invalid value at 'data.values' (…), "X"`,
 * `Invalid value at 'value_input_option' (…), "USER_ENTER"`). Anything after the closing type
 * parenthesis can be a cell value, so it is replaced. Range echoes (`Unable to parse range:
 * Cases!A1`) name sheets and cells, not values, and are kept because they are how a wrong range
 * is diagnosed.
 */
export function redactGoogleMessage(message: string): string {
  const redacted = message.replace(/^(Invalid value at '[^']*'(?: \([^)]*\))?),[\s\S]*$/, '$1, <redacted>')
  return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE)}…` : redacted
}

/** One line for logs: kind, method, status-ish detail and attempts; no values, no tokens. */
export function describeSheetsError(error: SheetsError): string {
  switch (error.kind) {
    case 'rate_limited':
      return `${error.method}: rate limited after ${error.attempts} attempt(s)${
        error.retryAfterMs === null ? '' : `, retry after ${error.retryAfterMs} ms`
      }`
    case 'unavailable':
      return `${error.method}: HTTP ${error.status} after ${error.attempts} attempt(s)`
    case 'outcome_unknown':
      return `${error.method}: outcome unknown (${error.cause}${error.status === null ? '' : ` ${error.status}`})`
    case 'bad_request':
      return `${error.method}: HTTP ${error.status} ${error.googleStatus}: ${error.message}`
    case 'unauthenticated':
    case 'permission_denied':
    case 'not_found':
      return `${error.method}: ${error.kind}: ${error.message}`
    case 'timeout':
      return `${error.method}: timed out after ${error.attempts} attempt(s)`
    case 'network':
      return `${error.method}: network error after ${error.attempts} attempt(s): ${error.message}`
    case 'auth':
      return `${error.method}: no access token (${error.error.kind})`
    case 'invalid_response':
      return `${error.method}: invalid response (HTTP ${error.status}): ${error.message}`
  }
}
