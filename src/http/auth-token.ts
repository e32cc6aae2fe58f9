/**
 * @module
 * API bearer tokens signed by the Worker (architecture.md "Reliability and security"):
 * `<base64url(payload JSON)>.<base64url(HMAC-SHA256(AUTH_SECRET, first part))>` with payload
 * `{ sub: staff id, role, iat, exp }` (unix seconds). Deliberately smaller than a JWT: one
 * algorithm, no header to negotiate, nothing to confuse. The signature is checked in constant
 * time before the payload is even parsed; whether the staff member is still active is the
 * ledger's question (`authenticate`), asked on every request.
 */
import * as z from 'zod'
import { StaffSchema } from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { Actor, Role } from '../ledger/contract'
import { base64urlToBytes, bytesToBase64url } from './byte-encoding'
import { hmacSign, hmacVerify } from './hmac'

/** A token issued a little in the future is accepted (clocks differ by seconds). */
const CLOCK_SKEW_S = 60
/** The longest lifetime a token may claim: one year. */
export const MAX_TTL_SECONDS = 366 * 24 * 3600

const buildPayloadSchema = () =>
  z.strictObject({
    sub: StaffSchema.shape.staff_id,
    role: StaffSchema.shape.role,
    iat: z.int().nonnegative(),
    exp: z.int().positive(),
  })

let payloadSchema: ReturnType<typeof buildPayloadSchema> | undefined
/** Built on first use, so the schema costs nothing at Worker startup. */
const tokenPayloadSchema = (): ReturnType<typeof buildPayloadSchema> => {
  payloadSchema ??= buildPayloadSchema()
  return payloadSchema
}

export type TokenPayload = z.output<ReturnType<typeof buildPayloadSchema>>

export type TokenError = { readonly kind: 'token_invalid' } | { readonly kind: 'token_expired' }

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Mints a token for `staffId` with `role`, valid from `now` for `ttlSeconds`.
 * `now` is epoch milliseconds (`Date.now()`); `iat`/`exp` are stored in whole seconds.
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
  const payload = tokenPayloadSchema().parse({
    sub: claims.staffId,
    role: claims.role,
    iat,
    exp: iat + claims.ttlSeconds,
  })
  const body = bytesToBase64url(encoder.encode(JSON.stringify(payload)))
  return `${body}.${bytesToBase64url(await hmacSign(secret, body))}`
}

/** Verifies signature, shape and expiry (`now` in epoch milliseconds) and names the actor. */
export async function verifyToken(token: string, secret: string, now: number): Promise<Result<Actor, TokenError>> {
  const invalid = err({ kind: 'token_invalid' } as const)
  if (token.length > 2048) return invalid
  const [body, signature, extra] = token.split('.')
  if (body === undefined || signature === undefined || extra !== undefined) return invalid
  const mac = base64urlToBytes(signature)
  if (mac === undefined || mac.byteLength !== 32) return invalid
  if (!(await hmacVerify(secret, body, mac))) return invalid
  const bytes = base64urlToBytes(body)
  if (bytes === undefined) return invalid
  let json: unknown
  try {
    json = JSON.parse(decoder.decode(bytes))
  } catch {
    return invalid
  }
  const payload = tokenPayloadSchema().safeParse(json)
  if (!payload.success) return invalid
  const nowS = Math.floor(now / 1000)
  if (payload.data.iat > nowS + CLOCK_SKEW_S || payload.data.exp <= payload.data.iat) return invalid
  if (payload.data.exp <= nowS) return err({ kind: 'token_expired' })
  return ok({ staffId: payload.data.sub, role: payload.data.role })
}
