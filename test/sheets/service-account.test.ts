import { beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createServiceAccountTokenSource,
  parseServiceAccount,
  pemToPkcs8,
  type ServiceAccount,
  SPREADSHEETS_SCOPE,
} from '../../src/sheets/service-account'
import { pkcs8Pem } from '../support/pem'

import {
  generateServiceAccount,
  json,
  manualClock,
  scriptedFetch,
  type ThrowawayServiceAccount,
  verifyJwt,
} from './fakes'

const TOKEN_URL = 'https://oauth2.googleapis.com/token'
const tokenReply = (token: string, expiresIn = 3599) =>
  json({ access_token: token, expires_in: expiresIn, token_type: 'Bearer' })

let account: ThrowawayServiceAccount
let serviceAccount: ServiceAccount

beforeAll(async () => {
  account = await generateServiceAccount()
  const parsed = parseServiceAccount(account.json)
  if (!parsed.ok) throw new Error('fixture service account does not parse')
  serviceAccount = parsed.value
})

describe('parseServiceAccount', () => {
  it('reads the key file JSON Google issues', () => {
    const parsed = parseServiceAccount(account.json)
    expect(parsed.ok && parsed.value.client_email).toBe(account.clientEmail)
    expect(parsed.ok && parsed.value.private_key).toBe(account.privateKeyPem)
  })

  it('turns literal \\n sequences of an env-file key back into newlines', () => {
    const escaped = { ...JSON.parse(account.json), private_key: account.privateKeyPem.replace(/\n/g, '\\n') }
    const parsed = parseServiceAccount(escaped)
    expect(parsed.ok && parsed.value.private_key).toBe(account.privateKeyPem)
  })

  it.each([
    ['not JSON', '{"client_email":', ['(not JSON)']],
    ['no private key', JSON.stringify({ client_email: 'a@b' }), ['private_key']],
    ['no email', JSON.stringify({ private_key: 'x' }), ['client_email']],
    ['an array', '[]', ['(root)']],
  ])('rejects %s, naming fields but never echoing the input', (_case, input, issues) => {
    const parsed = parseServiceAccount(input)
    expect(parsed).toEqual({ ok: false, error: { kind: 'invalid_service_account', issues } })
  })

  it('never puts key material in its error', () => {
    const parsed = parseServiceAccount({ client_email: 42, private_key: account.privateKeyPem })
    expect(parsed.ok).toBe(false)
    expect(JSON.stringify(parsed)).not.toContain('PRIVATE KEY')
  })
})

describe('pemToPkcs8', () => {
  it('refuses a PKCS#1 key, which WebCrypto cannot import as pkcs8', () => {
    const pkcs1 = account.privateKeyPem.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY')
    expect(pemToPkcs8(pkcs1)).toEqual({ ok: false, error: { kind: 'invalid_private_key', reason: 'not_pkcs8' } })
  })
})

describe('createServiceAccountTokenSource', () => {
  it('exchanges an RS256 JWT with the claims Google requires at the token URL', async () => {
    const clock = manualClock()
    const fake = scriptedFetch([tokenReply('ya29.uji-1')])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: clock.now })

    const token = await source.getToken()

    expect(token).toEqual({ ok: true, value: { token: 'ya29.uji-1', expiresAt: clock.now() + 3_599_000 } })
    const [request] = fake.requests
    expect(request?.url).toBe(TOKEN_URL)
    expect(request?.method).toBe('POST')
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(request?.body)
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer')
    const jwt = await verifyJwt(form.get('assertion') ?? '', account.publicKey)
    expect(jwt.signatureValid).toBe(true)
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-uji' })
    const iat = Math.floor(clock.now() / 1000)
    expect(jwt.claims).toEqual({
      iss: account.clientEmail,
      scope: SPREADSHEETS_SCOPE,
      aud: TOKEN_URL,
      iat,
      exp: iat + 3600,
    })
  })

  it('uses a configured token URL as the endpoint and the audience', async () => {
    const fake = scriptedFetch([tokenReply('t')])
    const tokenUrl = 'http://127.0.0.1:8788/token'
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: Date.now, tokenUrl })
    await source.getToken()
    const jwt = await verifyJwt(new URLSearchParams(fake.requests[0]?.body).get('assertion') ?? '', account.publicKey)
    expect(fake.requests[0]?.url).toBe(tokenUrl)
    expect(jwt.claims.aud).toBe(tokenUrl)
  })

  it('caps the assertion lifetime at one hour', async () => {
    const fake = scriptedFetch([tokenReply('t')])
    const source = createServiceAccountTokenSource({
      serviceAccount,
      fetch: fake.fetch,
      now: Date.now,
      lifetimeS: 7200,
    })
    await source.getToken()
    const { claims } = await verifyJwt(
      new URLSearchParams(fake.requests[0]?.body).get('assertion') ?? '',
      account.publicKey,
    )
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600)
  })

  it('makes one token request for many calls while the token is fresh', async () => {
    const clock = manualClock()
    const fake = scriptedFetch([tokenReply('ya29.once')])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: clock.now })
    for (let i = 0; i < 20; i++) {
      expect((await source.getToken()).ok).toBe(true)
      clock.advance(60_000)
    }
    expect(fake.requests).toHaveLength(1)
  })

  it('refreshes 60 s before expiry, not earlier', async () => {
    const clock = manualClock()
    const fake = scriptedFetch([tokenReply('first', 3600), tokenReply('second', 3600)])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: clock.now })
    await source.getToken()
    clock.advance(3_600_000 - 60_000 - 1)
    expect(await source.getToken()).toMatchObject({ ok: true, value: { token: 'first' } })
    clock.advance(1)
    expect(await source.getToken()).toMatchObject({ ok: true, value: { token: 'second' } })
    expect(fake.requests).toHaveLength(2)
  })

  it('shares one token request among concurrent callers (single flight)', async () => {
    const fake = scriptedFetch([tokenReply('shared')])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: Date.now })
    const tokens = await Promise.all(Array.from({ length: 10 }, () => source.getToken()))
    expect(tokens.map((t) => t.ok && t.value.token)).toEqual(Array(10).fill('shared'))
    expect(fake.requests).toHaveLength(1)
  })

  it('imports the private key once for all token requests', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    try {
      const clock = manualClock()
      const fake = scriptedFetch([tokenReply('a', 100), tokenReply('b', 100), tokenReply('c', 100)])
      const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: clock.now, skewMs: 0 })
      for (let i = 0; i < 3; i++) {
        await source.getToken()
        clock.advance(100_000)
      }
      expect(fake.requests).toHaveLength(3)
      expect(importKey).toHaveBeenCalledTimes(1)
    } finally {
      importKey.mockRestore()
    }
  })

  it('drops a token Google refused (invalidate) but keeps a newer one', async () => {
    const fake = scriptedFetch([tokenReply('old'), tokenReply('new')])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: Date.now })
    await source.getToken()
    source.invalidate('old')
    expect(await source.getToken()).toMatchObject({ ok: true, value: { token: 'new' } })
    source.invalidate('old')
    expect(await source.getToken()).toMatchObject({ ok: true, value: { token: 'new' } })
    expect(fake.requests).toHaveLength(2)
  })

  it.each([
    [
      'invalid_grant with its description',
      json({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }, 400),
      { kind: 'token_rejected', status: 400, error: 'invalid_grant', description: 'Invalid JWT Signature.' },
    ],
    [
      'a 401 without a body',
      new Response('', { status: 401 }),
      { kind: 'token_rejected', status: 401, error: 'unknown_error', description: null },
    ],
    ['a 503', new Response('down', { status: 503 }), { kind: 'token_unavailable', status: 503, cause: 'http' }],
    ['a 429', new Response('slow down', { status: 429 }), { kind: 'token_unavailable', status: 429, cause: 'http' }],
    ['a 200 without access_token', json({ token_type: 'Bearer' }), { kind: 'invalid_token_response', status: 200 }],
  ])('reports %s as a typed error', async (_case, reply, error) => {
    const fake = scriptedFetch([reply])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: Date.now })
    expect(await source.getToken()).toEqual({ ok: false, error })
  })

  it('reports a dropped connection and a hung endpoint as token_unavailable', async () => {
    const fake = scriptedFetch(['network-error', 'hang'])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: Date.now, timeoutMs: 20 })
    expect(await source.getToken()).toEqual({
      ok: false,
      error: { kind: 'token_unavailable', status: null, cause: 'network' },
    })
    expect(await source.getToken()).toEqual({
      ok: false,
      error: { kind: 'token_unavailable', status: null, cause: 'timeout' },
    })
  })

  it('does not cache a failure: the next call asks again', async () => {
    const fake = scriptedFetch([new Response('', { status: 503 }), tokenReply('after-outage')])
    const source = createServiceAccountTokenSource({ serviceAccount, fetch: fake.fetch, now: Date.now })
    expect((await source.getToken()).ok).toBe(false)
    expect(await source.getToken()).toMatchObject({ ok: true, value: { token: 'after-outage' } })
  })

  it('reports a key WebCrypto cannot import without calling the token endpoint', async () => {
    const fake = scriptedFetch([])
    const broken = { ...serviceAccount, private_key: pkcs8Pem('AAAA') }
    const source = createServiceAccountTokenSource({ serviceAccount: broken, fetch: fake.fetch, now: Date.now })
    expect(await source.getToken()).toEqual({
      ok: false,
      error: { kind: 'invalid_private_key', reason: 'import_failed' },
    })
    expect(fake.requests).toHaveLength(0)
  })
})
