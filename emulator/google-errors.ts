/**
 * Google's modern error envelope ({"error":{code,message,status,details?}}) and the exact
 * messages of google-sheets-api-v4.md §6.2. Emulator code returns these as values; only bugs throw.
 */

export interface ApiError {
  readonly code: number
  readonly status: string
  readonly message: string
  readonly details?: readonly unknown[]
  /** Extra response headers, e.g. Retry-After on 429. */
  readonly headers?: Readonly<Record<string, string>>
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError }

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value })
export const fail = <T = never>(error: ApiError): Outcome<T> => ({ ok: false, error })

/** Thrown inside a transaction to abort it; caught at the request boundary and turned into the envelope. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

export const invalidArgument = (message: string, details?: readonly unknown[]): ApiError =>
  details === undefined
    ? { code: 400, status: 'INVALID_ARGUMENT', message }
    : { code: 400, status: 'INVALID_ARGUMENT', message, details }

/** A wrong JSON type or value for a field, with Google's BadRequest field violation detail. */
export const invalidValue = (field: string, typeName: string, value: unknown): ApiError => {
  const message = `Invalid value at '${field}' (${typeName}), ${JSON.stringify(value)}`
  return invalidArgument(message, [
    { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] },
  ])
}

export const unknownField = (name: string, at: string | undefined): ApiError => {
  const message =
    at === undefined || at === ''
      ? `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`
      : `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`
  return invalidArgument(message, [
    {
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ ...(at ? { field: at } : {}), description: message }],
    },
  ])
}

export const unknownQueryParameter = (name: string): ApiError =>
  invalidArgument(
    `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
  )

export const unparsableRange = (input: string): ApiError => invalidArgument(`Unable to parse range: ${input}`)

export const badRequest = (index: number, kind: string, detail: string): ApiError =>
  invalidArgument(`Invalid requests[${index}].${kind}: ${detail}`)

export const notFound = (message = 'Requested entity was not found.'): ApiError => ({
  code: 404,
  status: 'NOT_FOUND',
  message,
})

export const missingCredential = (): ApiError => ({
  code: 403,
  status: 'PERMISSION_DENIED',
  message: 'The request is missing a valid API key.',
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_SERVICE_BLOCKED',
      domain: 'googleapis.com',
      metadata: { service: 'sheets.googleapis.com' },
    },
  ],
})

export const insufficientScopes = (): ApiError => ({
  code: 403,
  status: 'PERMISSION_DENIED',
  message: 'Request had insufficient authentication scopes.',
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
      metadata: { service: 'sheets.googleapis.com' },
    },
  ],
})

export const unauthenticated = (): ApiError => ({
  code: 401,
  status: 'UNAUTHENTICATED',
  message:
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
      metadata: { service: 'sheets.googleapis.com' },
    },
  ],
})

export const apiKeyInvalid = (): ApiError => ({
  code: 400,
  status: 'INVALID_ARGUMENT',
  message: 'API key not valid. Please pass a valid API key.',
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'sheets.googleapis.com' },
    },
  ],
})

/** The emulator's fake Google Cloud project number, shown in quota messages. */
export const PROJECT_NUMBER = '100000000001'

export type QuotaClass = 'read' | 'write'
export type QuotaScope = 'user' | 'project'

export const quotaExceeded = (kind: QuotaClass, scope: QuotaScope, retryAfterS: number): ApiError => {
  const metric = kind === 'read' ? 'Read requests' : 'Write requests'
  const limit = scope === 'user' ? `${metric} per minute per user` : `${metric} per minute`
  const limitId = `${kind === 'read' ? 'Read' : 'Write'}RequestsPerMinutePer${scope === 'user' ? 'User' : 'Project'}`
  return {
    code: 429,
    status: 'RESOURCE_EXHAUSTED',
    message: `Quota exceeded for quota metric '${metric}' and limit '${limit}' of service 'sheets.googleapis.com' for consumer 'project_number:${PROJECT_NUMBER}'.`,
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          consumer: `projects/${PROJECT_NUMBER}`,
          quota_limit: limitId,
          quota_limit_value: scope === 'user' ? '60' : '300',
          quota_location: 'global',
          quota_metric: `sheets.googleapis.com/${kind}_requests`,
          service: 'sheets.googleapis.com',
        },
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [
          {
            description: 'Request a higher quota limit.',
            url: 'https://cloud.google.com/docs/quotas/help/request_increase',
          },
        ],
      },
    ],
    headers: { 'Retry-After': String(retryAfterS) },
  }
}

export const internalError = (): ApiError => ({
  code: 500,
  status: 'INTERNAL',
  message: 'Internal error encountered.',
})

export const unavailable = (): ApiError => ({
  code: 503,
  status: 'UNAVAILABLE',
  message: 'The service is currently unavailable.',
})

/** The JSON body of an error, exactly as Google sends it. */
export const errorBody = (error: ApiError): { error: Record<string, unknown> } => ({
  error: {
    code: error.code,
    message: error.message,
    status: error.status,
    ...(error.details === undefined ? {} : { details: error.details }),
  },
})
