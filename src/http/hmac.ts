/**
 * @module
 * HMAC-SHA256 with WebCrypto: signing, and verifying in constant time (crypto.subtle.verify
 * compares the MACs itself, so no byte-by-byte `===` can leak timing). Keys are imported once per
 * secret and cached; a secret never appears in a log or an error.
 */
import { bytesToHex } from './byte-encoding'

const encoder = new TextEncoder()
const KEYS = new Map<string, Promise<CryptoKey>>()

/** The HMAC-SHA256 key of `secret` (sign and verify), imported once per secret. */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = KEYS.get(secret)
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    KEYS.set(secret, key)
  }
  return key
}

export async function hmacSign(secret: string, message: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message)))
}

export async function hmacVerify(secret: string, message: string, mac: Uint8Array<ArrayBuffer>): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await hmacKey(secret), mac, encoder.encode(message))
}

/** SHA-256 of UTF-8 text, as lower-case hex. */
export async function sha256Hex(text: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))))
}
