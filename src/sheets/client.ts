import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import * as z from 'zod'
import { err, ok, type Result } from '../domain/result'
import { DEFAULT_RETRY_POLICY, fullJitterDelay, parseRetryAfter, type RetryPolicy } from './backoff'
import { type FetchOutcome, fetchWithTimeout, parseJson } from './http-exchange'
import { isRetryableTokenError, type TokenSource } from './service-account'
import { redactGoogleMessage, type SheetsError, type SheetsMethod } from './sheets-error'

// The Worker's own Sheets v4 client: fetch + the official request/response types (type-only, so
// nothing of googleapis reaches the bundle). Parameter objects mirror googleapis' so the contract
// test can hand both clients the same call.
//
// Retry rules (issue 3, google-sheets-api-v4.md §6.4 and §8):
// - idempotent calls (GETs, values.batchGet, developerMetadata.search) retry 408/429/5xx, timeouts
//   and network errors with full-jitter backoff, honouring Retry-After, within attempts and budget;
// - non-idempotent calls (spreadsheets.batchUpdate, values.batchUpdate, values.append) retry only
//   429, which Google answers before applying anything; a 5xx, timeout or dropped connection after
//   the request left may have been applied ("applied but answered 503"), so they end as
//   `outcome_unknown` and the caller checks the sheet before re-sending;
// - a 401 drops the cached token and retries once, for every call (nothing was applied).

export type MajorDimension = 'ROWS' | 'COLUMNS'
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA'
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING'
export type ValueInputOption = 'RAW' | 'USER_ENTERED'
export type InsertDataOption = 'OVERWRITE' | 'INSERT_ROWS'

export interface ReadRenderOptions {
  /** Default ROWS. */
  readonly majorDimension?: MajorDimension
  /** Default UNFORMATTED_VALUE: numbers and booleans as JSON, text as typed (house rule 7). */
  readonly valueRenderOption?: ValueRenderOption
  /** Default SERIAL_NUMBER: dates as day serials from 1899-12-30. */
  readonly dateTimeRenderOption?: DateTimeRenderOption
}

export interface GetSpreadsheetParams {
  readonly spreadsheetId: string
  readonly ranges?: readonly string[]
  readonly includeGridData?: boolean
  /** Partial-response field mask, e.g. `sheets.properties(sheetId,title)`. */
  readonly fields?: string
}

export interface BatchUpdateSpreadsheetParams {
  readonly spreadsheetId: string
  readonly requestBody: sheets_v4.Schema$BatchUpdateSpreadsheetRequest
  /**
   * Partial-response field mask of the answer, e.g. `replies,updatedSpreadsheet(sheets(data(…)))`
   * to receive only the cell values of `responseRanges` (google-sheets-api-v4.md §1.4).
   */
  readonly fields?: string
}

export interface GetValuesParams extends ReadRenderOptions {
  readonly spreadsheetId: string
  readonly range: string
}

export interface BatchGetValuesParams extends ReadRenderOptions {
  readonly spreadsheetId: string
  readonly ranges: readonly string[]
}

export interface BatchUpdateValuesParams {
  readonly spreadsheetId: string
  /** `valueInputOption` defaults to RAW here (Google requires it; RAW never parses user text). */
  readonly requestBody: sheets_v4.Schema$BatchUpdateValuesRequest
}

export interface AppendValuesParams {
  readonly spreadsheetId: string
  readonly range: string
  /** Default RAW. */
  readonly valueInputOption?: ValueInputOption
  /** Default INSERT_ROWS: concurrent OVERWRITE appends can land on the same row (§8). */
  readonly insertDataOption?: InsertDataOption
  readonly includeValuesInResponse?: boolean
  readonly requestBody: sheets_v4.Schema$ValueRange
}

export interface SearchDeveloperMetadataParams {
  readonly spreadsheetId: string
  readonly requestBody: sheets_v4.Schema$SearchDeveloperMetadataRequest
}

export interface CallOptions {
  /** Overrides the client's policy for this call (e.g. a short budget inside an HTTP request). */
  readonly retry?: Partial<RetryPolicy>
}

export type SheetsResult<T> = Promise<Result<T, SheetsError>>

export interface SheetsClient {
  readonly spreadsheets: {
    get(params: GetSpreadsheetParams, options?: CallOptions): SheetsResult<sheets_v4.Schema$Spreadsheet>
    batchUpdate(
      params: BatchUpdateSpreadsheetParams,
      options?: CallOptions,
    ): SheetsResult<sheets_v4.Schema$BatchUpdateSpreadsheetResponse>
  }
  readonly values: {
    get(params: GetValuesParams, options?: CallOptions): SheetsResult<sheets_v4.Schema$ValueRange>
    batchGet(params: BatchGetValuesParams, options?: CallOptions): SheetsResult<sheets_v4.Schema$BatchGetValuesResponse>
    batchUpdate(
      params: BatchUpdateValuesParams,
      options?: CallOptions,
    ): SheetsResult<sheets_v4.Schema$BatchUpdateValuesResponse>
    append(params: AppendValuesParams, options?: CallOptions): SheetsResult<sheets_v4.Schema$AppendValuesResponse>
  }
  readonly developerMetadata: {
    search(
      params: SearchDeveloperMetadataParams,
      options?: CallOptions,
    ): SheetsResult<sheets_v4.Schema$SearchDeveloperMetadataResponse>
  }
}

/** Reported before each backoff wait; carries no values, for logs and tests. */
export interface RetryEvent {
  readonly method: SheetsMethod
  /** Attempts made so far. */
  readonly attempt: number
  readonly delayMs: number
  readonly reason: 'rate_limited' | 'server_error' | 'timeout' | 'network' | 'token_unavailable'
  readonly status: number | null
}

export interface SheetsClientDeps {
  readonly fetch: typeof fetch
  /** API origin without `/v4`: `https://sheets.googleapis.com`, or the emulator's. */
  readonly baseUrl: string
  readonly tokenSource: TokenSource
  /** Epoch ms; used for the retry budget and HTTP-date Retry-After. */
  readonly now: () => number
  readonly sleep: (ms: number) => Promise<void>
  /** [0, 1), for backoff jitter. */
  readonly random: () => number
  /** Per HTTP attempt, headers and body included. Default 30 s. */
  readonly timeoutMs?: number
  readonly retry?: Partial<RetryPolicy>
  readonly onRetry?: (event: RetryEvent) => void
}

// ---- response shapes this client relies on (validated at the boundary, rule 4) ----

/**
 * Rows of scalar cells. A plain loop, not a zod array-of-union: a 10,000-row tab is ~110k cells and
 * the zod form cost ~30 ms of CPU per read (measured in Node 20), the loop well under 1 ms.
 */
function isCellMatrix(value: unknown): boolean {
  if (!Array.isArray(value)) return false
  for (const row of value) {
    if (!Array.isArray(row)) return false
    for (const cell of row) {
      const type = typeof cell
      if (type !== 'string' && type !== 'number' && type !== 'boolean') return false
    }
  }
  return true
}

const valueRangeSchema = z.looseObject({
  range: z.string().optional(),
  majorDimension: z.enum(['ROWS', 'COLUMNS']).optional(),
  values: z.custom<(string | number | boolean)[][]>(isCellMatrix).optional(),
})
const anyObject = z.looseObject({})
const batchGetSchema = z.looseObject({ spreadsheetId: z.string(), valueRanges: z.array(valueRangeSchema).optional() })
const batchUpdateSchema = z.looseObject({ spreadsheetId: z.string(), replies: z.array(anyObject).optional() })
const updateValuesSchema = z.looseObject({ spreadsheetId: z.string().optional(), updatedRange: z.string().optional() })
const batchUpdateValuesSchema = z.looseObject({
  spreadsheetId: z.string(),
  responses: z.array(updateValuesSchema).optional(),
})
const appendSchema = z.looseObject({
  spreadsheetId: z.string(),
  tableRange: z.string().optional(),
  updates: updateValuesSchema,
})
const searchMetadataSchema = z.looseObject({
  matchedDeveloperMetadata: z
    .array(
      z.looseObject({
        developerMetadata: z.looseObject({ metadataKey: z.string().optional(), metadataValue: z.string().optional() }),
      }),
    )
    .optional(),
})

const googleErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
  }),
})

// ---- URL building: identical to what the googleapis client sends (§1.1, Appendix B) ----

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (RFC 6570 `{var}`). */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

type QueryValue = string | boolean | readonly string[] | undefined

function buildQuery(query: Record<string, QueryValue>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    const list = typeof value === 'string' || typeof value === 'boolean' ? [String(value)] : value
    for (const item of list) parts.push(`${encodeURIComponent(key)}=${encodePathSegment(item)}`)
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`
}

interface CallSpec {
  readonly method: SheetsMethod
  readonly idempotent: boolean
  readonly httpMethod: 'GET' | 'POST'
  readonly path: string
  readonly query?: Record<string, QueryValue>
  readonly body?: unknown
  /** Checked on 2xx; the validated JSON is then returned as the official googleapis type. */
  readonly schema: z.ZodType
}

type Verdict<T> =
  | { readonly type: 'ok'; readonly value: T }
  | { readonly type: 'fatal'; readonly error: SheetsError }
  | { readonly type: 'reauth'; readonly message: string }
  | {
      readonly type: 'retry'
      readonly reason: RetryEvent['reason']
      readonly status: number | null
      readonly retryAfterMs: number | null
      readonly final: (attempts: number) => SheetsError
    }

export function createSheetsClient(deps: SheetsClientDeps): SheetsClient {
  const apiRoot = `${deps.baseUrl.replace(/\/+$/, '')}/v4/spreadsheets`
  const timeoutMs = deps.timeoutMs ?? 30_000
  const clientPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retry }

  function classify<T>(spec: CallSpec, outcome: FetchOutcome): Verdict<T> {
    const { method, idempotent } = spec
    if (outcome.type !== 'response') {
      const cause = outcome.type
      if (!idempotent) {
        return { type: 'fatal', error: { kind: 'outcome_unknown', method, cause, status: null, attempts: 0 } }
      }
      return {
        type: 'retry',
        reason: cause,
        status: null,
        retryAfterMs: null,
        final: (attempts) =>
          outcome.type === 'network'
            ? { kind: 'network', method, message: outcome.message, attempts }
            : { kind: 'timeout', method, attempts },
      }
    }
    const { status, text, headers } = outcome
    const json = parseJson(text)
    if (status >= 200 && status < 300) {
      const parsed = spec.schema.safeParse(json)
      if (!parsed.success) {
        const message = json === undefined ? 'body is not JSON' : 'body does not match the expected shape'
        return { type: 'fatal', error: { kind: 'invalid_response', method, status, message, attempts: 0 } }
      }
      return { type: 'ok', value: json as T }
    }
    const envelope = googleErrorSchema.safeParse(json)
    const googleStatus = envelope.success ? (envelope.data.error.status ?? '') : ''
    const message = redactGoogleMessage(envelope.success ? (envelope.data.error.message ?? '') : `HTTP ${status}`)
    if (status === 429 || googleStatus === 'RESOURCE_EXHAUSTED') {
      // Definitive for every method: quota is checked before anything is applied.
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), deps.now())
      return {
        type: 'retry',
        reason: 'rate_limited',
        status,
        retryAfterMs,
        final: (attempts) => ({ kind: 'rate_limited', method, retryAfterMs, attempts }),
      }
    }
    if (status === 408 || status >= 500) {
      if (!idempotent) {
        return {
          type: 'fatal',
          error: { kind: 'outcome_unknown', method, cause: 'server_error', status, attempts: 0 },
        }
      }
      return {
        type: 'retry',
        reason: 'server_error',
        status,
        retryAfterMs: parseRetryAfter(headers.get('retry-after'), deps.now()),
        final: (attempts) => ({ kind: 'unavailable', method, status, attempts }),
      }
    }
    if (status === 401) return { type: 'reauth', message }
    if (status === 403) return { type: 'fatal', error: { kind: 'permission_denied', method, message, attempts: 0 } }
    if (status === 404) return { type: 'fatal', error: { kind: 'not_found', method, message, attempts: 0 } }
    return {
      type: 'fatal',
      error: { kind: 'bad_request', method, status, googleStatus: googleStatus || 'UNKNOWN', message, attempts: 0 },
    }
  }

  async function call<T>(spec: CallSpec, options: CallOptions | undefined): SheetsResult<T> {
    const policy: RetryPolicy = { ...clientPolicy, ...options?.retry }
    const startedAt = deps.now()
    const url = `${apiRoot}/${spec.path}${buildQuery(spec.query ?? {})}`
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body)
    let attempts = 0
    let retries = 0
    let reauthorised = false
    for (;;) {
      let verdict: Verdict<T>
      const token = await deps.tokenSource.getToken()
      if (!token.ok) {
        if (!isRetryableTokenError(token.error)) {
          return err({ kind: 'auth', method: spec.method, error: token.error, attempts })
        }
        const tokenError = token.error
        verdict = {
          type: 'retry',
          reason: 'token_unavailable',
          status: tokenError.kind === 'token_unavailable' ? tokenError.status : null,
          retryAfterMs: null,
          final: (n) => ({ kind: 'auth', method: spec.method, error: tokenError, attempts: n }),
        }
      } else {
        attempts++
        const headers: Record<string, string> = { authorization: `Bearer ${token.value.token}` }
        if (body !== undefined) headers['content-type'] = 'application/json'
        const init: RequestInit =
          body === undefined ? { method: spec.httpMethod, headers } : { method: spec.httpMethod, headers, body }
        const outcome = await fetchWithTimeout(deps.fetch, url, init, timeoutMs)
        verdict = classify(spec, outcome)
        if (verdict.type === 'ok') return ok(verdict.value)
        if (verdict.type === 'fatal') return err({ ...verdict.error, attempts })
        if (verdict.type === 'reauth') {
          if (reauthorised)
            return err({ kind: 'unauthenticated', method: spec.method, message: verdict.message, attempts })
          // One fresh token per call; not counted as a retry since nothing reached the sheet.
          reauthorised = true
          deps.tokenSource.invalidate(token.value.token)
          continue
        }
      }
      if (retries + 1 >= policy.attempts) return err(verdict.final(attempts))
      const delayMs = verdict.retryAfterMs ?? fullJitterDelay(policy, retries, deps.random)
      if (deps.now() - startedAt + delayMs > policy.budgetMs) return err(verdict.final(attempts))
      deps.onRetry?.({
        method: spec.method,
        attempt: attempts,
        delayMs,
        reason: verdict.reason,
        status: verdict.status,
      })
      retries++
      await deps.sleep(delayMs)
    }
  }

  const id = encodePathSegment
  const readQuery = (params: ReadRenderOptions): Record<string, QueryValue> => ({
    majorDimension: params.majorDimension ?? 'ROWS',
    valueRenderOption: params.valueRenderOption ?? 'UNFORMATTED_VALUE',
    dateTimeRenderOption: params.dateTimeRenderOption ?? 'SERIAL_NUMBER',
  })

  return {
    spreadsheets: {
      get: (params, options) =>
        call<sheets_v4.Schema$Spreadsheet>(
          {
            method: 'spreadsheets.get',
            idempotent: true,
            httpMethod: 'GET',
            path: id(params.spreadsheetId),
            query: {
              ranges: params.ranges,
              includeGridData: params.includeGridData,
              fields: params.fields,
            },
            schema: anyObject,
          },
          options,
        ),
      batchUpdate: (params, options) =>
        call<sheets_v4.Schema$BatchUpdateSpreadsheetResponse>(
          {
            method: 'spreadsheets.batchUpdate',
            idempotent: false,
            httpMethod: 'POST',
            path: `${id(params.spreadsheetId)}:batchUpdate`,
            query: { fields: params.fields },
            body: params.requestBody,
            schema: batchUpdateSchema,
          },
          options,
        ),
    },
    values: {
      get: (params, options) =>
        call<sheets_v4.Schema$ValueRange>(
          {
            method: 'values.get',
            idempotent: true,
            httpMethod: 'GET',
            path: `${id(params.spreadsheetId)}/values/${id(params.range)}`,
            query: readQuery(params),
            schema: valueRangeSchema,
          },
          options,
        ),
      batchGet: (params, options) =>
        call<sheets_v4.Schema$BatchGetValuesResponse>(
          {
            method: 'values.batchGet',
            idempotent: true,
            httpMethod: 'GET',
            path: `${id(params.spreadsheetId)}/values:batchGet`,
            query: { ranges: params.ranges, ...readQuery(params) },
            schema: batchGetSchema,
          },
          options,
        ),
      batchUpdate: (params, options) =>
        call<sheets_v4.Schema$BatchUpdateValuesResponse>(
          {
            method: 'values.batchUpdate',
            idempotent: false,
            httpMethod: 'POST',
            path: `${id(params.spreadsheetId)}/values:batchUpdate`,
            body: { ...params.requestBody, valueInputOption: params.requestBody.valueInputOption ?? 'RAW' },
            schema: batchUpdateValuesSchema,
          },
          options,
        ),
      append: (params, options) =>
        call<sheets_v4.Schema$AppendValuesResponse>(
          {
            method: 'values.append',
            idempotent: false,
            httpMethod: 'POST',
            path: `${id(params.spreadsheetId)}/values/${id(params.range)}:append`,
            query: {
              valueInputOption: params.valueInputOption ?? 'RAW',
              insertDataOption: params.insertDataOption ?? 'INSERT_ROWS',
              includeValuesInResponse: params.includeValuesInResponse,
            },
            body: params.requestBody,
            schema: appendSchema,
          },
          options,
        ),
    },
    developerMetadata: {
      search: (params, options) =>
        call<sheets_v4.Schema$SearchDeveloperMetadataResponse>(
          {
            method: 'developerMetadata.search',
            idempotent: true,
            httpMethod: 'POST',
            path: `${id(params.spreadsheetId)}/developerMetadata:search`,
            body: params.requestBody,
            schema: searchMetadataSchema,
          },
          options,
        ),
    },
  }
}
