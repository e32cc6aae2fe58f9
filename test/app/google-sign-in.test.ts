import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { acceptedIssuers, pkceChallenge, verifyIdToken } from '../../src/http/app/google-sign-in'
import { seal, unseal } from '../../src/http/app/sealed-cookie'
import { SIGN_IN } from './support/field-app'

// The id-token checks of Google sign-in, one claim at a time, with throwaway keys (generated per
// run, never stored) and a fixed clock.

const NOW = Date.parse('2025-03-20T03:00:00Z')
const IAT = NOW / 1000 - 30
const NONCE = 'nonce-uji-0123456789'

let keys: ReturnType<typeof createLocalJWKSet>
let privateKey: CryptoKey
let otherKey: CryptoKey

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true })
  privateKey = pair.privateKey
  otherKey = (await generateKeyPair('RS256')).privateKey
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'kunci-uji', alg: 'RS256', use: 'sig' }
  keys = createLocalJWKSet({ keys: [jwk] })
})

type Claims = Record<string, unknown>
const GOOD: Claims = {
  iss: 'https://accounts.google.com',
  aud: SIGN_IN.clientId,
  azp: SIGN_IN.clientId,
  sub: '100000000000000000042',
  email: 'peksos@uji.example',
  email_verified: true,
  nonce: NONCE,
  iat: IAT,
  exp: IAT + 3600,
}

async function token(over: Claims = {}, key: CryptoKey = privateKey, header: Record<string, unknown> = {}) {
  const claims = Object.fromEntries(Object.entries({ ...GOOD, ...over }).filter(([, v]) => v !== undefined))
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'kunci-uji', ...header }).sign(key)
}

const verify = async (idToken: string, nonce = NONCE) => verifyIdToken(idToken, { config: SIGN_IN, nonce, keys }, NOW)

describe('the id token of Google sign-in', () => {
  it('names the verified account when every check passes', async () => {
    expect(await verify(await token())).toEqual({
      ok: true,
      value: { email: 'peksos@uji.example', sub: '100000000000000000042' },
    })
  })

  it.each([
    ['the issuer without scheme (Google’s legacy tokens)', { iss: 'accounts.google.com' }],
    ['no azp', { azp: undefined }],
    ['email_verified as the text "true"', { email_verified: 'true' }],
    ['a clock 50 s behind the issuer’s', { iat: NOW / 1000 + 50 }],
  ])('accepts %s', async (_name, over) => {
    expect((await verify(await token(over))).ok).toBe(true)
  })

  it.each([
    ['another issuer', { iss: 'https://accounts.jahat.example' }, 'iss'],
    ['another audience', { aud: 'lain.apps.googleusercontent.com' }, 'aud'],
    ['another authorized party', { azp: 'lain.apps.googleusercontent.com' }, 'azp'],
    ['an expired token', { exp: NOW / 1000 - 61 }, 'exp'],
    ['a token issued in the future', { iat: NOW / 1000 + 120, exp: NOW / 1000 + 3720 }, 'iat'],
    ['a token issued more than 10 minutes ago', { iat: NOW / 1000 - 700 }, 'iat'],
    ['no iat', { iat: undefined }, 'iat'],
    ['another nonce', { nonce: 'nonce-lain' }, 'nonce'],
    ['no nonce', { nonce: undefined }, 'nonce'],
    ['no email', { email: undefined }, 'email'],
  ])('refuses %s', async (_name, over, check) => {
    expect(await verify(await token(over))).toEqual({ ok: false, error: { kind: 'token_invalid', check } })
  })

  it('refuses an unverified email on its own', async () => {
    expect(await verify(await token({ email_verified: false }))).toEqual({
      ok: false,
      error: { kind: 'email_unverified' },
    })
  })

  it('refuses a token signed by another key, or with a key id the issuer does not publish', async () => {
    expect(await verify(await token({}, otherKey))).toMatchObject({ ok: false, error: { kind: 'token_invalid' } })
    expect(await verify(await token({}, privateKey, { kid: 'kunci-lain' }))).toMatchObject({
      ok: false,
      error: { kind: 'token_invalid' },
    })
  })

  it('refuses a symmetric (HS256) token whatever its claims', async () => {
    const hs = await new SignJWT(GOOD)
      .setProtectedHeader({ alg: 'HS256', kid: 'kunci-uji' })
      .sign(new TextEncoder().encode('rahasia-yang-cukup-panjang-untuk-hs256-0123'))
    expect(await verify(hs)).toMatchObject({ ok: false, error: { kind: 'token_invalid' } })
  })

  it('accepts the legacy issuer only for Google', () => {
    expect(acceptedIssuers('https://accounts.google.com')).toEqual([
      'https://accounts.google.com',
      'accounts.google.com',
    ])
    expect(acceptedIssuers('http://127.0.0.1:8788')).toEqual(['http://127.0.0.1:8788'])
  })
})

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636’s example verifier', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })
})

describe('sealed cookies', () => {
  const SECRET = SIGN_IN.sessionSecret

  it('open with the same secret and purpose, until they expire', async () => {
    const sealed = await seal('session', { email: 'peksos@uji.example' }, NOW / 1000 + 60, SECRET)
    expect(await unseal('session', sealed, SECRET, NOW)).toEqual({
      ok: true,
      payload: { email: 'peksos@uji.example', exp: NOW / 1000 + 60 },
    })
    expect(await unseal('session', sealed, SECRET, NOW + 60_000)).toEqual({ ok: false, reason: 'expired' })
  })

  it('do not show the email in the cookie text', async () => {
    const sealed = await seal('session', { email: 'peksos@uji.example' }, NOW / 1000 + 60, SECRET)
    expect(Buffer.from(sealed.replaceAll('.', ''), 'base64url').toString('latin1')).not.toContain('peksos')
  })

  it.each([
    ['another purpose (a sign-in cookie offered as a session)', 'sign-in', SECRET, (s: string) => s],
    ['another secret', 'session', `${SECRET}-lain`, (s: string) => s],
    ['a changed byte', 'session', SECRET, (s: string) => `${s.slice(0, -2)}${s.endsWith('A') ? 'BB' : 'AA'}`],
    ['not a sealed text at all', 'session', SECRET, () => 'bukan.cookie.sah'],
  ] as const)('refuse %s', async (_name, purpose, secret, change) => {
    const sealed = await seal('session', { email: 'peksos@uji.example' }, NOW / 1000 + 60, SECRET)
    expect(await unseal(purpose, change(sealed), secret, NOW)).toEqual({ ok: false, reason: 'invalid' })
  })
})
