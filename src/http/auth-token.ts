/**
 * @module
 * API bearer tokens (architecture.md "Reliability and security"): standard JWTs (RFC 7519),
 * HS256 over `AUTH_SECRET`, signed and checked with `jose` (the JWT library the Google sign-in
 * already uses: one JWT implementation in the Worker, not two — bench/worker-bundle.ts). Header
 * `{"alg":"HS256","typ":"JWT"}`; claims `{ sub: staff id, role, iat, exp }` (unix seconds),
 * nothing else. `jose` checks the header (only HS256: `none` and every other algorithm are
 * refused) and the signature, in constant time (WebCrypto's verify). The claims and the times are
 * checked here against the
 * injected clock: a token may be issued at most 60 s in the future (clocks differ by seconds),
 * may live at most 366 days, and is expired from `exp` on. Whether the staff member is still
 * active with that role is the ledger's question (`authenticate`), asked on every request.
 */
import { errors, jwtVerify, SignJWT } from 'jose'
import * as z from 'zod'
import { StaffSchema } from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { Actor, Role } from '../ledger/contract'
import { hmacKey } from './hmac'

/** A token issued a little in the future is accepted (clocks differ by seconds). */
export const CLOCK_SKEW_S = 60
/** The longest lifetime (exp − iat) a token may have: 366 days, in seconds. */
export const MAX_TTL_SECONDS = 366 * 24 * 3600
/** Longer "tokens" are refused before any parsing. */
const MAX_TOKEN_LENGTH = 2048

const buildClaimsSchema = () =>
  z.strictObject({
    sub: StaffSchema.shape.staff_id,
    role: StaffSchema.shape.role,
    iat: z.int().nonnegative(),
    exp: z.int().positive(),
  })

let claimsSchema: ReturnType<typeof buildClaimsSchema> | undefined
/** Built on first use, so the schema costs nothing at Worker startup. */
const tokenClaimsSchema = (): ReturnType<typeof buildClaimsSchema> => {
  claimsSchema ??= buildClaimsSchema()
  return claimsSchema
}

export type TokenClaims = z.output<ReturnType<typeof buildClaimsSchema>>

export type TokenError = { readonly kind: 'token_invalid' } | { readonly kind: 'token_expired' }

/**
 * Mints a token for `staffId` with `role`, valid from `now` for `ttlSeconds` (1 s … 366 days).
 * `now` is epoch milliseconds (`Date.now()`); `iat`/`exp` are whole seconds. A bad staff id or
 * lifetime is a caller's bug (the CLI checks its arguments first): it throws.
 */
export async function mintToken(
  claims: { readonly staffId: string; readonly role: Role; readonly ttlSeconds: number },
  secret: string,
  now: number,
): Promise<string> {
  if (!Number.isInteger(claims.ttlSeconds) || claims.ttlSeconds < 1 || claims.ttlSeconds > MAX_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be a whole number from 1 to ${MAX_TTL_SECONDS}`)
  }
  const iat = Math.floor(now / 1000)
  const payload = tokenClaimsSchema().parse({
    sub: claims.staffId,
    role: claims.role,
    iat,
    exp: iat + claims.ttlSeconds,
  })
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(await hmacKey(secret))
}

/** Verifies header, signature, claims, lifetime and expiry (`now` in epoch milliseconds) and names the actor. */
export async function verifyToken(token: string, secret: string, now: number): Promise<Result<Actor, TokenError>> {
  const invalid = err({ kind: 'token_invalid' } as const)
  if (token.length > MAX_TOKEN_LENGTH) return invalid
  let payload: unknown
  try {
    payload = (await jwtVerify(token, await hmacKey(secret), { algorithms: ['HS256'], currentDate: new Date(now) }))
      .payload
  } catch (e) {
    // jose throws for every malformed or mis-signed token: the expected failure becomes a value
    // here. It also checks `exp` (the same rule: expired from `exp` on), after the signature; the
    // claims of such a token still go through the checks below, which decide between
    // `token_invalid` and `token_expired`.
    if (!(e instanceof errors.JWTExpired)) return invalid
    payload = e.payload
  }
  const claims = tokenClaimsSchema().safeParse(payload)
  if (!claims.success) return invalid
  const { sub, role, iat, exp } = claims.data
  const nowS = Math.floor(now / 1000)
  if (iat > nowS + CLOCK_SKEW_S || exp <= iat || exp - iat > MAX_TTL_SECONDS) return invalid
  if (exp <= nowS) return err({ kind: 'token_expired' })
  return ok({ staffId: sub, role })
}
