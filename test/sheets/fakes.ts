// Test doubles for the Sheets client unit tests: a throwaway service account generated per run
// (never a committed key), a scripted fetch, and a manual clock. WebCrypto only, so they run in
// workerd like the code under test.

import { pkcs8Pem } from '../support/pem'

export interface ThrowawayServiceAccount {
  readonly json: string
  readonly clientEmail: string
  readonly privateKeyPem: string
  readonly publicKey: CryptoKey
}

const toBase64 = (buffer: ArrayBuffer): string => {
  let binary = ''
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export async function generateServiceAccount(clientEmail = 'casebook-test@uji.iam.gserviceaccount.com') {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair
  const der = (await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer
  const privateKeyPem = pkcs8Pem(toBase64(der))
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'sentra-uji',
    private_key_id: 'kid-uji',
    private_key: privateKeyPem,
    client_email: clientEmail,
    token_uri: 'https://oauth2.googleapis.com/token',
  })
  return { json, clientEmail, privateKeyPem, publicKey: pair.publicKey } satisfies ThrowawayServiceAccount
}

const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export interface DecodedJwt {
  readonly header: Record<string, unknown>
  readonly claims: Record<string, unknown>
  readonly signatureValid: boolean
}

export async function verifyJwt(jwt: string, publicKey: CryptoKey): Promise<DecodedJwt> {
  const [header = '', claims = '', signature = ''] = jwt.split('.')
  const decoder = new TextDecoder()
  const signatureValid = await crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    publicKey,
    fromBase64Url(signature),
    new TextEncoder().encode(`${header}.${claims}`),
  )
  return {
    header: JSON.parse(decoder.decode(fromBase64Url(header))),
    claims: JSON.parse(decoder.decode(fromBase64Url(claims))),
    signatureValid,
  }
}

export interface RecordedRequest {
  readonly url: string
  readonly method: string
  readonly headers: Headers
  readonly body: string
}

export type Reply = Response | 'hang' | 'network-error' | ((request: RecordedRequest) => Response | Promise<Response>)

/**
 * fetch that answers from a script, in order, and records every request. `hang` never answers
 * (until aborted); `network-error` rejects like a dropped connection.
 */
export function scriptedFetch(replies: Reply[]) {
  const requests: RecordedRequest[] = []
  const queue = [...replies]
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const recorded = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: new TextDecoder().decode(await request.arrayBuffer()),
    }
    requests.push(recorded)
    const reply = queue.shift()
    if (reply === undefined) throw new Error(`unscripted request ${recorded.method} ${recorded.url}`)
    if (reply === 'network-error') throw new TypeError('Network connection lost.')
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })
    }
    return typeof reply === 'function' ? reply(recorded) : reply
  }) as typeof fetch
  return { fetch: fetchFn, requests, remaining: () => queue.length }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

export const googleError = (code: number, status: string, message: string, headers: Record<string, string> = {}) =>
  json({ error: { code, message, status } }, code, headers)

/** A clock the test moves by hand; `sleep` advances it instead of waiting. */
export function manualClock(start = Date.UTC(2025, 2, 5, 8, 0, 0)) {
  let now = start
  const sleeps: number[] = []
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
    },
    sleeps,
  }
}
