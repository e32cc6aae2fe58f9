/**
 * @module
 * `Idempotency-Key` on POSTs (architecture.md "Write path" 5): the key the client chose, and a
 * SHA-256 of the canonical request so the ledger can tell "the same request again" (answer the
 * first answer) from "a different request with a reused key" (409). The hash covers the target
 * tab and the decoded row with sorted keys, so `{"a":1,"b":2}` and `{"b":2,"a":1}`, or a JSON body
 * and the same row posted as a form, are the same request.
 */
import { err, ok, type Result } from '../domain/result'
import { sha256Hex } from './hmac'
import type { HttpFailure } from './problem'

/** Visible ASCII, 1–255 characters (UUIDs, ULIDs, form nonces). */
const KEY_RE = /^[\x21-\x7e]{1,255}$/

/** The header's key, `undefined` when absent, or a `header_invalid` failure. */
export function parseIdempotencyKey(header: string | undefined): Result<string | undefined, HttpFailure> {
  if (header === undefined) return ok(undefined)
  const key = header.trim()
  return KEY_RE.test(key) ? ok(key) : err({ kind: 'header_invalid', header: 'Idempotency-Key' })
}

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** SHA-256 hex of the canonical `{ tab, row }`. */
export const requestHash = (tab: string, row: unknown): Promise<string> => sha256Hex(canonicalJson({ tab, row }))
