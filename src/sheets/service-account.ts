import * as z from 'zod'
import { err, ok, type Result } from '../domain/result'
import { fetchWithTimeout, parseJson } from './http-exchange'

// Service-account OAuth for the Worker, on Web APIs only (workerd has WebCrypto and fetch; the
// googleapis auth stack needs node:crypto and would cost ~0.5 s of startup, see
// google-client-options.md). Protocol: Google "Using OAuth 2.0 for Server to Server
// Applications" — an RS256 JWT exchanged at the token URL with the jwt-bearer grant.

export const SPREADSHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets'
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token'
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
/** Google rejects assertions living longer than an hour ("must be a short-lived token (60 minutes)"). */
const MAX_ASSERTION_LIFETIME_S = 3600

export type TokenError =
  /** The SA JSON is not JSON or lacks client_email/private_key. `issues` name fields, never values. */
  | { readonly kind: 'invalid_service_account'; readonly issues: readonly string[] }
  /** The private key is not a PKCS#8 RSA PEM that WebCrypto can import. */
  | { readonly kind: 'invalid_private_key'; readonly reason: 'not_pkcs8' | 'import_failed' }
  /** The token endpoint answered 4xx (e.g. invalid_grant: bad signature, clock skew, unknown account). */
  | {
      readonly kind: 'token_rejected'
      readonly status: number
      readonly error: string
      readonly description: string | null
    }
  /** 429/5xx, timeout or network failure at the token endpoint: worth retrying later. */
  | {
      readonly kind: 'token_unavailable'
      readonly status: number | null
      readonly cause: 'http' | 'timeout' | 'network'
    }
  /** 2xx whose body has no usable access_token/expires_in. */
  | { readonly kind: 'invalid_token_response'; readonly status: number }

/** Whether a later attempt can succeed without anyone changing configuration. */
export const isRetryableTokenError = (error: TokenError): boolean => error.kind === 'token_unavailable'

export interface AccessToken {
  readonly token: string
  /** Epoch ms at which Google stops accepting the token. */
  readonly expiresAt: number
}

/** What the Sheets client needs from auth. Implementations must never log the token. */
export interface TokenSource {
  getToken(): Promise<Result<AccessToken, TokenError>>
  /**
   * Forget `token` after Google answered 401 with it. A no-op when the cache already holds a
   * different (newer) token, so a late 401 cannot throw away a fresh one.
   */
  invalidate(token: string): void
}

const serviceAccountSchema = z.looseObject({
  type: z.literal('service_account').optional(),
  client_email: z.string().min(3).includes('@'),
  // Keys pasted through env files often carry literal "\n" sequences instead of newlines.
  private_key: z
    .string()
    .min(1)
    .transform((pem) => pem.replace(/\\n/g, '\n')),
  private_key_id: z.string().optional(),
  token_uri: z.string().optional(),
})

export type ServiceAccount = z.output<typeof serviceAccountSchema>

/**
 * Parse a Google service-account key file (as the JSON text of the secret, or already parsed).
 * Errors name the offending fields only; the key material never appears in them.
 */
export function parseServiceAccount(input: unknown): Result<ServiceAccount, TokenError> {
  let value = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch {
      return err({ kind: 'invalid_service_account', issues: ['(not JSON)'] })
    }
  }
  const parsed = serviceAccountSchema.safeParse(value)
  if (!parsed.success) {
    return err({
      kind: 'invalid_service_account',
      issues: parsed.error.issues.map((issue) => (issue.path.length === 0 ? '(root)' : issue.path.join('.'))),
    })
  }
  return ok(parsed.data)
}

// The PEM label is assembled rather than written out, so secret scanners do not mistake this
// parser for a committed key.
const PKCS8_LABEL = ['PRIVATE', 'KEY'].join(' ')
const PKCS8_PEM = new RegExp(`-----BEGIN ${PKCS8_LABEL}-----([\\s\\S]+?)-----END ${PKCS8_LABEL}-----`)

/** DER bytes of a PKCS#8 PEM (the form Google issues); PKCS#1 (`RSA` in the label) is refused. */
export function pemToPkcs8(pem: string): Result<ArrayBuffer, TokenError> {
  const body = PKCS8_PEM.exec(pem)?.[1]
  if (body === undefined) return err({ kind: 'invalid_private_key', reason: 'not_pkcs8' })
  try {
    const binary = atob(body.replace(/\s+/g, ''))
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return ok(bytes.buffer)
  } catch {
    return err({ kind: 'invalid_private_key', reason: 'not_pkcs8' })
  }
}

export async function importSigningKey(pem: string): Promise<Result<CryptoKey, TokenError>> {
  const der = pemToPkcs8(pem)
  if (!der.ok) return der
  try {
    const key = await crypto.subtle.importKey(
      'pkcs8',
      der.value,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    return ok(key)
  } catch {
    return err({ kind: 'invalid_private_key', reason: 'import_failed' })
  }
}

const encoder = new TextEncoder()

export function base64UrlEncode(data: string | ArrayBuffer | Uint8Array): string {
  const bytes =
    typeof data === 'string' ? encoder.encode(data) : data instanceof Uint8Array ? data : new Uint8Array(data)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export interface JwtClaims {
  readonly iss: string
  readonly scope: string
  readonly aud: string
  /** Seconds since the epoch. */
  readonly iat: number
  /** Seconds since the epoch; at most iat + 3600. */
  readonly exp: number
  readonly sub?: string
}

/** Compact RS256 JWS: base64url(header).base64url(claims).base64url(RSASSA-PKCS1-v1_5/SHA-256). */
export async function signJwt(key: CryptoKey, claims: JwtClaims, keyId?: string): Promise<string> {
  const header = keyId === undefined ? { alg: 'RS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid: keyId }
  const input = `${base64UrlEncode(JSON.stringify(header))}.${base64UrlEncode(JSON.stringify(claims))}`
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, encoder.encode(input))
  return `${input}.${base64UrlEncode(signature)}`
}

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
})

const tokenErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
})

export interface ServiceAccountTokenSourceDeps {
  readonly serviceAccount: ServiceAccount
  readonly fetch: typeof fetch
  /** Epoch ms. */
  readonly now: () => number
  /** Where the assertion is exchanged; the emulator's `/token` in dev and tests. */
  readonly tokenUrl?: string
  /** JWT `aud`; Google wants its token URL, which is also the default here. */
  readonly audience?: string
  readonly scopes?: readonly string[]
  /** Refresh this long before expiry so a token never dies mid-request. Default 60 s. */
  readonly skewMs?: number
  /** Per token request. Default 10 s. */
  readonly timeoutMs?: number
  /** Requested assertion lifetime in seconds, capped at 3600. */
  readonly lifetimeS?: number
}

/**
 * Token source with a cache (refreshed `skewMs` before expiry), single-flight refresh (concurrent
 * callers share one token request) and the imported CryptoKey cached for the source's lifetime.
 * Create one per isolate or Durable Object and keep it: each miss costs an RS256 signature and a
 * round trip to Google.
 */
export function createServiceAccountTokenSource(deps: ServiceAccountTokenSourceDeps): TokenSource {
  const tokenUrl = deps.tokenUrl ?? GOOGLE_TOKEN_URL
  const audience = deps.audience ?? tokenUrl
  const scope = (deps.scopes ?? [SPREADSHEETS_SCOPE]).join(' ')
  const skewMs = deps.skewMs ?? 60_000
  const timeoutMs = deps.timeoutMs ?? 10_000
  const lifetimeS = Math.min(deps.lifetimeS ?? MAX_ASSERTION_LIFETIME_S, MAX_ASSERTION_LIFETIME_S)

  let keyPromise: Promise<Result<CryptoKey, TokenError>> | null = null
  let cached: AccessToken | null = null
  let inflight: Promise<Result<AccessToken, TokenError>> | null = null

  const fresh = (token: AccessToken | null): token is AccessToken =>
    token !== null && deps.now() < token.expiresAt - skewMs

  async function mint(): Promise<Result<AccessToken, TokenError>> {
    keyPromise ??= importSigningKey(deps.serviceAccount.private_key)
    const key = await keyPromise
    if (!key.ok) return key
    const startedAt = deps.now()
    const iat = Math.floor(startedAt / 1000)
    const assertion = await signJwt(
      key.value,
      { iss: deps.serviceAccount.client_email, scope, aud: audience, iat, exp: iat + lifetimeS },
      deps.serviceAccount.private_key_id,
    )
    const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString()
    const response = await fetchWithTimeout(
      deps.fetch,
      tokenUrl,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      timeoutMs,
    )
    if (response.type !== 'response') {
      return err({ kind: 'token_unavailable', status: null, cause: response.type })
    }
    const { status, text } = response
    if (status === 429 || status >= 500) return err({ kind: 'token_unavailable', status, cause: 'http' })
    const json = parseJson(text)
    if (status < 200 || status >= 300) {
      const parsed = tokenErrorSchema.safeParse(json)
      return err({
        kind: 'token_rejected',
        status,
        error: parsed.success ? parsed.data.error : 'unknown_error',
        description: parsed.success ? (parsed.data.error_description ?? null) : null,
      })
    }
    const parsed = tokenResponseSchema.safeParse(json)
    if (!parsed.success) return err({ kind: 'invalid_token_response', status })
    return ok({ token: parsed.data.access_token, expiresAt: startedAt + parsed.data.expires_in * 1000 })
  }

  return {
    getToken() {
      if (fresh(cached)) return Promise.resolve(ok(cached))
      inflight ??= mint()
        .then((result) => {
          if (result.ok) cached = result.value
          return result
        })
        .finally(() => {
          inflight = null
        })
      return inflight
    },
    invalidate(token) {
      if (cached?.token === token) cached = null
    },
  }
}

/** A fixed bearer token, for the emulator in permissive mode and for the Node contract test. */
export function createStaticTokenSource(token: string): TokenSource {
  return {
    getToken: () => Promise.resolve(ok({ token, expiresAt: Number.POSITIVE_INFINITY })),
    invalidate: () => {},
  }
}
