import { createSign, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { harness } from './emulator-harness'

const EMAIL = 'casebook-sync@test-project.iam.gserviceaccount.com'
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets'
const READONLY = 'https://www.googleapis.com/auth/spreadsheets.readonly'
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})
const stranger = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url')
function jwt(claims: Record<string, unknown>, privateKey = keys.privateKey): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`
}

const NOW_S = 1_767_600_000
function strict() {
  let now = NOW_S * 1000
  const h = harness({
    authMode: 'strict',
    now: () => now,
    serviceAccounts: [{ client_email: EMAIL, public_key_pem: keys.publicKey }],
  })
  return { h, advance: (s: number) => (now += s * 1000) }
}

const claims = (over: Record<string, unknown> = {}) => ({
  iss: EMAIL,
  scope: SPREADSHEETS,
  aud: 'https://oauth2.googleapis.com/token',
  iat: NOW_S,
  exp: NOW_S + 3600,
  ...over,
})

async function exchange(
  h: ReturnType<typeof strict>['h'],
  assertion: string,
  grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer',
) {
  return h.call('POST', '/token', new URLSearchParams({ grant_type: grant, assertion }).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  })
}

describe('the token endpoint in strict mode (§7.1)', () => {
  it('issues a bearer token for a correctly signed assertion', async () => {
    const { h } = strict()
    const res = await exchange(h, jwt(claims()))
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' })
  })

  it.each([
    [
      'a foreign signature',
      jwt(claims(), stranger.privateKey),
      400,
      { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    ],
    [
      'an unknown account',
      jwt(claims({ iss: 'nobody@x.iam.gserviceaccount.com' })),
      400,
      { error: 'invalid_grant', error_description: 'Invalid grant: account not found' },
    ],
    [
      'a wrong audience',
      jwt(claims({ aud: 'https://example.com/token' })),
      400,
      { error: 'invalid_grant', error_description: 'Invalid JWT: Failed audience check.' },
    ],
    [
      'a token longer than an hour',
      jwt(claims({ exp: NOW_S + 7200 })),
      400,
      {
        error: 'invalid_grant',
        error_description:
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      },
    ],
    ['an expired assertion', jwt(claims({ iat: NOW_S - 7200, exp: NOW_S - 3600 })), 400, { error: 'invalid_grant' }],
    [
      'no scope',
      jwt(claims({ scope: undefined })),
      400,
      { error: 'invalid_scope', error_description: 'Invalid OAuth scope or ID token audience provided.' },
    ],
    ['domain-wide delegation', jwt(claims({ sub: 'someone@example.org' })), 401, { error: 'unauthorized_client' }],
  ])('refuses %s', async (_label, assertion, status, body) => {
    const { h } = strict()
    const res = await exchange(h, assertion)
    expect(res.status).toBe(status)
    expect(res.json).toMatchObject(body)
  })

  it('refuses other grant types', async () => {
    const { h } = strict()
    const res = await exchange(h, jwt(claims()), 'client_credentials')
    expect(res.json).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'Invalid grant_type: client_credentials',
    })
  })
})

describe('API authentication and scopes (§7)', () => {
  async function withToken(scope = SPREADSHEETS) {
    const s = strict()
    await s.h.createSpreadsheet('ss')
    const token = (await exchange(s.h, jwt(claims({ scope })))).json.access_token as string
    return { ...s, auth: { authorization: `Bearer ${token}` } }
  }

  it('accepts an issued token until it expires, then answers 401', async () => {
    const { h, advance, auth } = await withToken()
    expect((await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, auth)).status).toBe(200)
    advance(3601)
    const res = await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, auth)
    expect(res.status).toBe(401)
    expect(res.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' })
  })

  it('lets a readonly token read but not write', async () => {
    const { h, auth } = await withToken(READONLY)
    expect((await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, auth)).status).toBe(200)
    const write = await h.call('PUT', '/v4/spreadsheets/ss/values/A1?valueInputOption=RAW', { values: [['x']] }, auth)
    expect(write.status).toBe(403)
    expect(write.json.error).toMatchObject({
      status: 'PERMISSION_DENIED',
      message: 'Request had insufficient authentication scopes.',
    })
  })

  it('accepts a self-signed service-account JWT as bearer (no token endpoint)', async () => {
    const { h } = strict()
    await h.createSpreadsheet('ss')
    const bearer = jwt({ iss: EMAIL, sub: EMAIL, aud: 'https://sheets.googleapis.com/', iat: NOW_S, exp: NOW_S + 3600 })
    expect(
      (await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, { authorization: `Bearer ${bearer}` })).status,
    ).toBe(200)
    const forged = jwt(
      { iss: EMAIL, aud: 'https://sheets.googleapis.com/', iat: NOW_S, exp: NOW_S + 3600 },
      stranger.privateKey,
    )
    expect(
      (await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, { authorization: `Bearer ${forged}` })).status,
    ).toBe(401)
  })

  it.each([
    [{}, 403, 'The request is missing a valid API key.'],
    [{ authorization: 'Bearer ya29.made-up' }, 401, undefined],
  ])('answers a call with %j with %i', async (headers, status, message) => {
    const { h } = strict()
    await h.createSpreadsheet('ss')
    const res = await h.emulator.app.fetch(new Request('http://e/v4/spreadsheets/ss/values/A1', { headers }))
    expect(res.status).toBe(status)
    if (message) expect(((await res.json()) as { error: { message: string } }).error.message).toBe(message)
  })

  it('accepts any credential in permissive mode but still requires one', async () => {
    const h = harness()
    await h.createSpreadsheet('ss')
    expect(
      (await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, { authorization: 'Bearer anything' })).status,
    ).toBe(200)
    expect((await h.emulator.app.fetch(new Request('http://e/v4/spreadsheets/ss/values/A1?key=abc'))).status).toBe(200)
    const none = await h.emulator.app.fetch(new Request('http://e/v4/spreadsheets/ss/values/A1'))
    expect(none.status).toBe(403)
  })
})
