/**
 * @module
 * Cookies the browser keeps but cannot read or forge: a small JSON payload sealed with AES-256-GCM
 * (WebCrypto; the key is SHA-256 of SESSION_SECRET and a version label), the cookie's purpose bound
 * in as additional data — a sign-in cookie can never pass for a session cookie — and an expiry
 * inside the sealed payload, so an old cookie a browser failed to drop is refused all the same.
 * Text form: `<base64url iv>.<base64url ciphertext+tag>`.
 */
import { base64urlToBytes, bytesToBase64url } from './base64url'

export type CookiePurpose = 'session' | 'sign-in'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const KEYS = new Map<string, Promise<CryptoKey>>()
/** Longest sealed text accepted (browsers keep cookies up to 4 KiB). */
const MAX_SEALED_LENGTH = 4000

function aesKey(secret: string): Promise<CryptoKey> {
  let key = KEYS.get(secret)
  if (key === undefined) {
    key = crypto.subtle
      .digest('SHA-256', encoder.encode(`casebook-cookie-v1\u0000${secret}`))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']))
    KEYS.set(secret, key)
  }
  return key
}

/** Seals `payload` (plain JSON data) with its expiry `exp` (epoch seconds). */
export async function seal(
  purpose: CookiePurpose,
  payload: Readonly<Record<string, unknown>>,
  exp: number,
  secret: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const plain = encoder.encode(JSON.stringify({ ...payload, exp }))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(purpose) },
    await aesKey(secret),
    plain,
  )
  return `${bytesToBase64url(iv)}.${bytesToBase64url(new Uint8Array(sealed))}`
}

export type Unsealed =
  | { readonly ok: true; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' }

/** Opens a sealed text of `purpose`; `now` in epoch milliseconds. */
export async function unseal(purpose: CookiePurpose, text: string, secret: string, now: number): Promise<Unsealed> {
  const invalid = { ok: false, reason: 'invalid' } as const
  if (text.length > MAX_SEALED_LENGTH) return invalid
  const [ivText = '', dataText = '', extra] = text.split('.')
  const iv = base64urlToBytes(ivText)
  const data = base64urlToBytes(dataText)
  if (extra !== undefined || iv === undefined || iv.byteLength !== 12 || data === undefined || data.byteLength < 17)
    return invalid
  let payload: unknown
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(purpose) },
      await aesKey(secret),
      data,
    )
    payload = JSON.parse(decoder.decode(plain))
  } catch {
    return invalid
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return invalid
  const record = payload as Record<string, unknown>
  if (typeof record.exp !== 'number') return invalid
  if (record.exp * 1000 <= now) return { ok: false, reason: 'expired' }
  return { ok: true, payload: record }
}
