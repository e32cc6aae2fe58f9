/**
 * @module
 * The Apps Script webhook's signature (architecture.md "Reliability and security"): headers
 * `X-Timestamp: <unix seconds>` and `X-Signature: <lower-case hex HMAC-SHA256(WEBHOOK_SECRET,
 * "<ts>.<raw body>")>`. A request older or newer than the replay window is refused, so a captured
 * request cannot be replayed later; the MAC is compared in constant time.
 */
import { err, ok, type Result } from '../domain/result'
import { hexToBytes } from './byte-encoding'
import { hmacVerify } from './hmac'

/** ±5 minutes (in seconds) between the signer's clock and ours. */
export const REPLAY_WINDOW_S = 300

export type SignatureError = { readonly reason: 'missing' | 'invalid' | 'stale' | 'disabled' }

/** Verifies a webhook request's signature over its raw body; `now` is epoch milliseconds. */
export async function verifyWebhookSignature(input: {
  readonly secret: string | undefined
  readonly timestamp: string | undefined
  readonly signature: string | undefined
  readonly rawBody: string
  readonly now: number
}): Promise<Result<true, SignatureError>> {
  if (input.secret === undefined) return err({ reason: 'disabled' })
  if (input.timestamp === undefined || input.signature === undefined) return err({ reason: 'missing' })
  const ts = input.timestamp.trim()
  if (!/^\d{1,12}$/.test(ts)) return err({ reason: 'invalid' })
  const mac = hexToBytes(input.signature.trim())
  if (mac === undefined || mac.byteLength !== 32) return err({ reason: 'invalid' })
  if (Math.abs(Math.floor(input.now / 1000) - Number(ts)) > REPLAY_WINDOW_S) return err({ reason: 'stale' })
  return (await hmacVerify(input.secret, `${ts}.${input.rawBody}`, mac)) ? ok(true) : err({ reason: 'invalid' })
}
