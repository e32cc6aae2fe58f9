/**
 * @module
 * The OpenID Connect client of the field app's "Sign in with Google" (issue 8): the authorization
 * code flow with PKCE (S256), `state` and `nonce`, scopes `openid email` only. Endpoints come
 * from the issuer's discovery document (cached per isolate for an hour); the id token is verified
 * with `jose` against the issuer's JWKS, whose keys jose caches by `kid` (an unknown `kid` fetches
 * the set again, at most every 30 s). Checked: signature (RS256), `iss` (Google's legacy
 * `accounts.google.com` without scheme too), `aud` = our client id, `azp` when present, `exp`,
 * `iat` (not in the future, at most 10 minutes old), `nonce`, and `email_verified`. The adapter
 * takes fetch and the clock as parameters (house style); expected failures are values.
 */
import { createRemoteJWKSet, customFetch, errors, type JWTVerifyGetKey, jwtVerify } from 'jose'
import type { SignInConfig } from '../../config'
import { err, ok, type Result } from '../../domain/result'
import { bytesToBase64url } from './base64url'

export type Discovery = {
  readonly issuer: string
  readonly authorization_endpoint: string
  readonly token_endpoint: string
  readonly jwks_uri: string
}

export type SignInFailure =
  /** The issuer (discovery, token endpoint, JWKS) did not answer usably. */
  | { readonly kind: 'idp_unavailable' }
  /** The token endpoint refused the code (used already, expired, wrong verifier or client). */
  | { readonly kind: 'code_rejected' }
  /** The id token failed a check; `check` names which (for the log, never shown). */
  | { readonly kind: 'token_invalid'; readonly check: string }
  | { readonly kind: 'email_unverified' }

export type VerifiedAccount = { readonly email: string; readonly sub: string }

const DISCOVERY_TTL_MS = 3600_000
const MAX_TOKEN_AGE_S = 600
const CLOCK_TOLERANCE_S = 60
const GOOGLE_ISSUER = 'https://accounts.google.com'

const discoveries = new Map<string, { readonly at: number; readonly value: Discovery }>()
const keySets = new Map<string, JWTVerifyGetKey>()

const isUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false
  try {
    const url = new URL(v)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** The issuer's discovery document (`<issuer>/.well-known/openid-configuration`), cached. */
export async function discover(
  issuer: string,
  fetcher: typeof fetch,
  now: number,
): Promise<Result<Discovery, SignInFailure>> {
  const hit = discoveries.get(issuer)
  if (hit !== undefined && now - hit.at < DISCOVERY_TTL_MS) return ok(hit.value)
  let doc: Record<string, unknown>
  try {
    const res = await fetcher(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } })
    if (!res.ok) return err({ kind: 'idp_unavailable' })
    doc = (await res.json()) as Record<string, unknown>
  } catch {
    return err({ kind: 'idp_unavailable' })
  }
  const { authorization_endpoint, token_endpoint, jwks_uri } = doc
  if (
    typeof doc !== 'object' ||
    doc === null ||
    String(doc.issuer).replace(/\/+$/, '') !== issuer ||
    !isUrl(authorization_endpoint) ||
    !isUrl(token_endpoint) ||
    !isUrl(jwks_uri)
  ) {
    return err({ kind: 'idp_unavailable' })
  }
  const value: Discovery = { issuer, authorization_endpoint, token_endpoint, jwks_uri }
  discoveries.set(issuer, { at: now, value })
  return ok(value)
}

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return bytesToBase64url(new Uint8Array(digest))
}

/** A PKCE code verifier: 32 random bytes, base64url (43 characters, RFC 7636 §4.1). */
export const pkceVerifier = (): string => bytesToBase64url(crypto.getRandomValues(new Uint8Array(32)))

/** Where to send the browser: the authorization endpoint with our request. */
export function authorizationUrl(
  discovery: Discovery,
  request: {
    readonly clientId: string
    readonly redirectUri: string
    readonly state: string
    readonly nonce: string
    readonly challenge: string
  },
): string {
  const url = new URL(discovery.authorization_endpoint)
  url.searchParams.set('client_id', request.clientId)
  url.searchParams.set('redirect_uri', request.redirectUri)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('scope', 'openid email')
  url.searchParams.set('state', request.state)
  url.searchParams.set('nonce', request.nonce)
  url.searchParams.set('code_challenge', request.challenge)
  url.searchParams.set('code_challenge_method', 'S256')
  // Google otherwise signs in silently with the browser's current account; staff often share phones.
  url.searchParams.set('prompt', 'select_account')
  return url.href
}

/** Exchanges the authorization code (with the PKCE verifier) for the id token. */
export async function exchangeCode(
  discovery: Discovery,
  request: {
    readonly code: string
    readonly verifier: string
    readonly clientId: string
    readonly clientSecret: string
    readonly redirectUri: string
  },
  fetcher: typeof fetch,
): Promise<Result<string, SignInFailure>> {
  let res: Response
  try {
    res = await fetcher(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: request.code,
        code_verifier: request.verifier,
        client_id: request.clientId,
        client_secret: request.clientSecret,
        redirect_uri: request.redirectUri,
      }),
    })
  } catch {
    return err({ kind: 'idp_unavailable' })
  }
  if (res.status >= 400 && res.status < 500) return err({ kind: 'code_rejected' })
  if (!res.ok) return err({ kind: 'idp_unavailable' })
  try {
    const body = (await res.json()) as { id_token?: unknown }
    return typeof body.id_token === 'string' ? ok(body.id_token) : err({ kind: 'idp_unavailable' })
  } catch {
    return err({ kind: 'idp_unavailable' })
  }
}

/** The issuer's key set, by JWKS URL, kept for the isolate's life (jose caches keys by kid). */
export function remoteKeys(jwksUri: string, fetcher: typeof fetch): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri)
  if (keys === undefined) {
    keys = createRemoteJWKSet(new URL(jwksUri), {
      cacheMaxAge: 3600_000,
      [customFetch]: (url, options) => fetcher(url, options),
    })
    keySets.set(jwksUri, keys)
  }
  return keys
}

/** The issuers an id token may name: Google's legacy tokens say `accounts.google.com`. */
export const acceptedIssuers = (issuer: string): string[] =>
  issuer === GOOGLE_ISSUER ? [GOOGLE_ISSUER, 'accounts.google.com'] : [issuer]

/** Verifies an id token (`now` in epoch milliseconds) and names the verified account. */
export async function verifyIdToken(
  idToken: string,
  expect: { readonly config: SignInConfig; readonly nonce: string; readonly keys: JWTVerifyGetKey },
  now: number,
): Promise<Result<VerifiedAccount, SignInFailure>> {
  let payload: Record<string, unknown>
  try {
    const verified = await jwtVerify(idToken, expect.keys, {
      issuer: acceptedIssuers(expect.config.issuer),
      audience: expect.config.clientId,
      algorithms: ['RS256'],
      currentDate: new Date(now),
      clockTolerance: CLOCK_TOLERANCE_S,
      maxTokenAge: MAX_TOKEN_AGE_S,
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
    })
    payload = verified.payload
  } catch (e) {
    // The key set could not be fetched (timeout, network, not 200): the issuer's fault, not the token's.
    const code = e instanceof errors.JOSEError ? e.code : undefined
    if (code === undefined || code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC')
      return err({ kind: 'idp_unavailable' })
    // Claim failures (JWTClaimValidationFailed, JWTExpired) name their claim; others their code.
    const claim = (e as { claim?: unknown }).claim
    const check = typeof claim === 'string' ? claim : code
    return err({ kind: 'token_invalid', check })
  }
  if (payload.azp !== undefined && payload.azp !== expect.config.clientId)
    return err({ kind: 'token_invalid', check: 'azp' })
  if (payload.nonce !== expect.nonce) return err({ kind: 'token_invalid', check: 'nonce' })
  if (typeof payload.email !== 'string' || payload.email === '') return err({ kind: 'token_invalid', check: 'email' })
  // Google sends a boolean; some legacy tokens carried the text "true".
  if (payload.email_verified !== true && payload.email_verified !== 'true') return err({ kind: 'email_unverified' })
  return ok({ email: payload.email, sub: String(payload.sub) })
}
