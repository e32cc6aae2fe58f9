/**
 * @module
 * The field app's sign-in session (issue 8): after Google sign-in, a sealed cookie naming the
 * verified email and a random session id; lifetime SESSION_HOURS (12 h: a field day). The email
 * is looked up in the Staff tab on every request (ledger.staffByEmail), so unticking _Aktif_ or
 * changing a role takes effect at the next sync, as for bearer tokens. Cookies are `HttpOnly`,
 * `SameSite=Lax`, `Path=/`, and `Secure` with the `__Host-` prefix everywhere but on loopback
 * (http://127.0.0.1 in `npm run dev`). The CSRF token of a session is an HMAC of its id: forms
 * carry it in `_csrf`, the client's /api fetches in `X-CSRF-Token`.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import type { SignInConfig } from '../../config'
import { hmacSign } from '../hmac'
import { bytesToBase64url } from './base64url'
import { type CookiePurpose, seal, unseal } from './sealed-cookie'

const NAMES: Readonly<Record<CookiePurpose, string>> = { session: 'casebook_session', 'sign-in': 'casebook_signin' }
/** How long a started sign-in may take at Google (choose an account, consent). */
export const SIGN_IN_SECONDS = 10 * 60

/** A signed-in session as its cookie holds it. */
export type SessionCookie = { readonly email: string; readonly sid: string; readonly iat: number }

/** A sign-in on its way to Google and back. */
export type SignInCookie = {
  readonly state: string
  readonly nonce: string
  readonly verifier: string
  /** Where to go after signing in (a path under /app). */
  readonly back: string
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** `Secure` (and the `__Host-` prefix) unless the app is served on a loopback address. */
export const isSecureOrigin = (url: string): boolean => {
  const { hostname } = new URL(url)
  return !(LOOPBACK.has(hostname) || hostname.endsWith('.localhost'))
}

function cookieOptions(c: Context, maxAge: number): CookieOptions {
  const secure = isSecureOrigin(c.req.url)
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge, ...(secure ? { prefix: 'host' } : {}) }
}

const read = (c: Context, purpose: CookiePurpose): string | undefined =>
  isSecureOrigin(c.req.url) ? getCookie(c, NAMES[purpose], 'host') : getCookie(c, NAMES[purpose])

function clear(c: Context, purpose: CookiePurpose): void {
  const secure = isSecureOrigin(c.req.url)
  deleteCookie(c, NAMES[purpose], { path: '/', secure, ...(secure ? { prefix: 'host' } : {}) })
}

/** A random identifier: 16 bytes, base64url. */
export const randomId = (): string => bytesToBase64url(crypto.getRandomValues(new Uint8Array(16)))

export async function setSignInCookie(c: Context, value: SignInCookie, config: SignInConfig, now: number) {
  const exp = Math.floor(now / 1000) + SIGN_IN_SECONDS
  setCookie(
    c,
    NAMES['sign-in'],
    await seal('sign-in', value, exp, config.sessionSecret),
    cookieOptions(c, SIGN_IN_SECONDS),
  )
}

/** The sign-in this browser started, or undefined (none, expired, forged); always cleared. */
export async function takeSignInCookie(
  c: Context,
  config: SignInConfig,
  now: number,
): Promise<SignInCookie | undefined> {
  const text = read(c, 'sign-in')
  clear(c, 'sign-in')
  if (text === undefined) return undefined
  const opened = await unseal('sign-in', text, config.sessionSecret, now)
  if (!opened.ok) return undefined
  const { state, nonce, verifier, back } = opened.payload
  if (
    typeof state !== 'string' ||
    typeof nonce !== 'string' ||
    typeof verifier !== 'string' ||
    typeof back !== 'string'
  )
    return undefined
  return { state, nonce, verifier, back }
}

export async function startSession(c: Context, email: string, config: SignInConfig, now: number): Promise<void> {
  const iat = Math.floor(now / 1000)
  const value: SessionCookie = { email, sid: randomId(), iat }
  const sealed = await seal('session', value, iat + config.sessionSeconds, config.sessionSecret)
  setCookie(c, NAMES.session, sealed, cookieOptions(c, config.sessionSeconds))
}

export type SessionRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'active'; readonly session: SessionCookie }

/** The session this request carries. */
export async function readSession(c: Context, config: SignInConfig, now: number): Promise<SessionRead> {
  const text = read(c, 'session')
  if (text === undefined || text === '') return { kind: 'none' }
  const opened = await unseal('session', text, config.sessionSecret, now)
  if (!opened.ok) return { kind: opened.reason }
  const { email, sid, iat } = opened.payload
  if (typeof email !== 'string' || typeof sid !== 'string' || typeof iat !== 'number') return { kind: 'invalid' }
  return { kind: 'active', session: { email, sid, iat } }
}

export const endSession = (c: Context): void => clear(c, 'session')

/** True when the request carries a session cookie at all (valid or not). */
export const hasSessionCookie = (c: Context): boolean => read(c, 'session') !== undefined

/** The session's CSRF token: HMAC-SHA256 of its id under the session secret, base64url. */
export const csrfToken = async (sid: string, config: SignInConfig): Promise<string> =>
  bytesToBase64url(await hmacSign(config.sessionSecret, `csrf\u0000${sid}`))

/**
 * Where a request comes from, by the browser's own headers: `Sec-Fetch-Site` when sent, else
 * `Origin` compared with this request's origin. Neither header (old browsers, curl) is "unknown";
 * the CSRF token decides then.
 */
export function requestSite(c: Context): 'same-origin' | 'cross-site' | 'unknown' {
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined) return site === 'same-origin' ? 'same-origin' : 'cross-site'
  const origin = c.req.header('origin')
  if (origin === undefined) return 'unknown'
  return origin === new URL(c.req.url).origin ? 'same-origin' : 'cross-site'
}

/** CSRF check of an unsafe request: same origin (or unknown) and the session's token. */
export async function csrfPasses(
  c: Context,
  token: string | undefined,
  sid: string,
  config: SignInConfig,
): Promise<boolean> {
  if (requestSite(c) === 'cross-site' || token === undefined || token === '') return false
  const expected = await csrfToken(sid, config)
  // Compare HMACs of both, so the comparison's time says nothing about the token.
  const [a, b] = await Promise.all([hmacSign(config.sessionSecret, token), hmacSign(config.sessionSecret, expected)])
  return bytesToBase64url(a) === bytesToBase64url(b)
}
