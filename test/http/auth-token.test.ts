import { describe, expect, it } from 'vitest'
import { MAX_TTL_SECONDS, mintToken, verifyToken } from '../../src/http/auth-token'
import { bytesToBase64url } from '../../src/http/byte-encoding'

const SECRET = 'uji-auth-secret-0123456789abcdef-0123456789'
const NOW = Date.parse('2025-03-20T03:00:00Z')

const tamper = (token: string, change: (payload: Record<string, unknown>) => void): string => {
  const [body = '', mac = ''] = token.split('.')
  const payload = JSON.parse(atob(body.replaceAll('-', '+').replaceAll('_', '/')))
  change(payload)
  return `${bytesToBase64url(new TextEncoder().encode(JSON.stringify(payload)))}.${mac}`
}

describe('mintToken / verifyToken', () => {
  it('names the staff member and role it was minted for', async () => {
    const token = await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 3600 }, SECRET, NOW)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(await verifyToken(token, SECRET, NOW + 1000)).toEqual({
      ok: true,
      value: { staffId: 'peksos-uji', role: 'worker' },
    })
  })

  it('stores iat and exp in unix seconds', async () => {
    const token = await mintToken({ staffId: 'admin-uji', role: 'admin', ttlSeconds: 60 }, SECRET, NOW)
    const payload = JSON.parse(atob((token.split('.')[0] ?? '').replaceAll('-', '+').replaceAll('_', '/')))
    expect(payload).toEqual({ sub: 'admin-uji', role: 'admin', iat: NOW / 1000, exp: NOW / 1000 + 60 })
  })

  it('refuses a token at and after its expiry as expired', async () => {
    const token = await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 60 }, SECRET, NOW)
    expect(await verifyToken(token, SECRET, NOW + 59_999)).toMatchObject({ ok: true })
    expect(await verifyToken(token, SECRET, NOW + 60_000)).toEqual({ ok: false, error: { kind: 'token_expired' } })
  })

  it.each([
    ['signed with another secret', async (t: string) => t, 'another-secret-0123456789abcdef-0123456789'],
    ['with a raised role', async (t: string) => tamper(t, (p) => Object.assign(p, { role: 'admin' })), SECRET],
    ['with a longer expiry', async (t: string) => tamper(t, (p) => Object.assign(p, { exp: 9_999_999_999 })), SECRET],
    ['with another staff id', async (t: string) => tamper(t, (p) => Object.assign(p, { sub: 'admin-uji' })), SECRET],
    ['without its signature', async (t: string) => t.split('.')[0] ?? '', SECRET],
    ['with a third part (a JWT)', async (t: string) => `${t}.x`, SECRET],
    ['that is not base64url', async () => 'not a token!.@@@', SECRET],
    ['that is empty', async () => '', SECRET],
  ])('refuses a token %s as invalid', async (_name, make, secret) => {
    const token = await make(await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 3600 }, SECRET, NOW))
    expect(await verifyToken(token, secret, NOW)).toEqual({ ok: false, error: { kind: 'token_invalid' } })
  })

  it('refuses a token issued more than a minute in the future', async () => {
    const token = await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 3600 }, SECRET, NOW + 120_000)
    expect(await verifyToken(token, SECRET, NOW)).toEqual({ ok: false, error: { kind: 'token_invalid' } })
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
