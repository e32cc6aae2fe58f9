// The API's bearer tokens: standard HS256 JWTs (signed and checked with jose; hono/jwt here plays
// "any other HS256 library"), checked against the injected clock.
import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { CLOCK_SKEW_S, MAX_TTL_SECONDS, mintToken, verifyToken } from '../../src/http/auth-token'

const SECRET = 'uji-auth-secret-0123456789abcdef-0123456789'
const NOW = Date.parse('2025-03-20T03:00:00Z')
const NOW_S = NOW / 1000
const DAY_S = 86_400

const b64url = (value: unknown): string =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
const parts = (token: string) => {
  const [header = '', payload = ''] = token.split('.')
  const decode = (part: string) => JSON.parse(atob(part.replaceAll('-', '+').replaceAll('_', '/')))
  return { header: decode(header), payload: decode(payload) }
}
/** The token with its payload replaced, keeping header and signature (a forgery). */
const tamper = (token: string, change: (payload: Record<string, unknown>) => void): string => {
  const [header = '', , mac = ''] = token.split('.')
  const payload = parts(token).payload
  change(payload)
  return `${header}.${b64url(payload)}.${mac}`
}
const claims = (over: Record<string, unknown> = {}) => ({
  sub: 'peksos-uji',
  role: 'worker',
  iat: NOW_S,
  exp: NOW_S + 3600,
  ...over,
})

describe('mintToken / verifyToken', () => {
  it('mints a standard HS256 JWT naming the staff member and role', async () => {
    const token = await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 3600 }, SECRET, NOW)
    expect(token).toMatch(/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(parts(token)).toEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'peksos-uji', role: 'worker', iat: NOW_S, exp: NOW_S + 3600 },
    })
    expect(await verifyToken(token, SECRET, NOW + 1000)).toEqual({
      ok: true,
      value: { staffId: 'peksos-uji', role: 'worker' },
    })
  })

  it('accepts a JWT any HS256 library signs with the same claims and secret', async () => {
    const token = await sign(claims({ role: 'coordinator', sub: 'koordinator-uji' }), SECRET, 'HS256')
    expect(await verifyToken(token, SECRET, NOW)).toEqual({
      ok: true,
      value: { staffId: 'koordinator-uji', role: 'coordinator' },
    })
  })

  it('refuses a token at and after its expiry as expired', async () => {
    const token = await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 60 }, SECRET, NOW)
    expect(await verifyToken(token, SECRET, NOW + 59_999)).toMatchObject({ ok: true })
    expect(await verifyToken(token, SECRET, NOW + 60_000)).toEqual({ ok: false, error: { kind: 'token_expired' } })
  })

  it(`accepts a token issued up to ${CLOCK_SKEW_S} s in the future (clock skew), not later`, async () => {
    const at = (skewS: number) => sign(claims({ iat: NOW_S + skewS, exp: NOW_S + skewS + 3600 }), SECRET, 'HS256')
    expect(await verifyToken(await at(CLOCK_SKEW_S), SECRET, NOW)).toMatchObject({ ok: true })
    expect(await verifyToken(await at(CLOCK_SKEW_S + 1), SECRET, NOW)).toEqual({
      ok: false,
      error: { kind: 'token_invalid' },
    })
  })

  it('accepts a lifetime of 366 days and refuses a longer one', async () => {
    const living = (days: number, extraS = 0) => sign(claims({ exp: NOW_S + days * DAY_S + extraS }), SECRET, 'HS256')
    expect(await verifyToken(await living(366), SECRET, NOW)).toMatchObject({ ok: true })
    expect(await verifyToken(await living(366, 1), SECRET, NOW)).toEqual({
      ok: false,
      error: { kind: 'token_invalid' },
    })
  })

  it.each([
    ['signed with another secret', () => sign(claims(), 'another-secret-0123456789abcdef-0123456789', 'HS256')],
    ['signed with HS512', () => sign(claims(), SECRET, 'HS512')],
    ['with alg "none" and no signature', async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`],
    [
      'with a raised role',
      async () => tamper(await sign(claims(), SECRET, 'HS256'), (p) => Object.assign(p, { role: 'admin' })),
    ],
    [
      'with a longer expiry',
      async () => tamper(await sign(claims(), SECRET, 'HS256'), (p) => Object.assign(p, { exp: 9_999_999_999 })),
    ],
    [
      'with another staff id',
      async () => tamper(await sign(claims(), SECRET, 'HS256'), (p) => Object.assign(p, { sub: 'admin-uji' })),
    ],
    ['with a claim it does not know', () => sign(claims({ aud: 'orang-lain' }), SECRET, 'HS256')],
    ['without a role', () => sign(claims({ role: undefined }), SECRET, 'HS256')],
    ['with a role it does not know', () => sign(claims({ role: 'kepala' }), SECRET, 'HS256')],
    ['with iat as text', () => sign(claims({ iat: String(NOW_S) }), SECRET, 'HS256')],
    ['that expires before it was issued', () => sign(claims({ exp: NOW_S - 1 }), SECRET, 'HS256')],
    ['without its signature', async () => (await sign(claims(), SECRET, 'HS256')).split('.').slice(0, 2).join('.')],
    ['of the old two-part format', async () => `${b64url(claims())}.${'A'.repeat(43)}`],
    ['that is not base64url', async () => 'not a token!.@@@.###'],
    ['that is empty', async () => ''],
    ['longer than 2 KiB', async () => `${await sign(claims(), SECRET, 'HS256')}${'A'.repeat(2048)}`],
  ])('refuses a token %s as invalid', async (_name, make) => {
    expect(await verifyToken(await make(), SECRET, NOW)).toEqual({ ok: false, error: { kind: 'token_invalid' } })
  })

  it.each([0, -1, 1.5, MAX_TTL_SECONDS + 1])('refuses to mint a token with ttlSeconds %s', async (ttlSeconds) => {
    await expect(mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds }, SECRET, NOW)).rejects.toThrow(
      RangeError,
    )
  })

  it('refuses to mint a token for a malformed staff id', async () => {
    await expect(mintToken({ staffId: 'bad id!', role: 'worker', ttlSeconds: 60 }, SECRET, NOW)).rejects.toThrow()
  })
})
