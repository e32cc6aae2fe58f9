import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator'
import { applyTemplate } from '../../sheets-template/apply-template'

// The emulator as Google's sign-in (issue 8): discovery, the account chooser listing the Staff
// tab's emails, the authorization code with PKCE, the id token and its JWKS.

const ORIGIN = 'http://idp.test'
const CLIENT = { id: 'casebook-uji.apps.googleusercontent.com', secret: 'rahasia-klien-uji' }
const REDIRECT = 'http://casebook.uji/app/auth/callback'

const emulator = createEmulator()
const call = (path: string, init?: RequestInit) => emulator.app.fetch(new Request(`${ORIGIN}${path}`, init))

const base64url = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(bytes)).toString('base64url')
const challengeOf = async (verifier: string) =>
  base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))

const VERIFIER = 'pkce-verifier-uji-0123456789-0123456789-0123456789'

async function authParams(over: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid email',
    state: 'state-uji',
    nonce: 'nonce-uji',
    code_challenge: await challengeOf(VERIFIER),
    code_challenge_method: 'S256',
    ...over,
  })
}

/** Chooses `email` on the account page: the redirect to the client, with code and state. */
async function choose(email: string, over: Record<string, string> = {}) {
  const form = await authParams(over)
  form.set('login_email', email)
  const res = await call('/o/oauth2/v2/auth', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location') ?? '')
}

const exchange = (fields: Record<string, string>) =>
  call('/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      code_verifier: VERIFIER,
      ...fields,
    }),
  })

beforeAll(async () => {
  const created = await call('/_emulator/spreadsheets/sentra-uji', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { title: 'Sentra Uji' } }),
  })
  expect(created.status).toBe(200)
  const fetchLike = async (url: string, init?: RequestInit) => emulator.app.fetch(new Request(url, init))
  const applied = await applyTemplate(fetchLike, ORIGIN, 'sentra-uji', { accessToken: 'uji' })
  expect(applied.ok).toBe(true)
  await emulator.edit({
    spreadsheetId: 'sentra-uji',
    range: 'Staff!A2:D4',
    values: [
      ['peksos-uji', 'peksos@uji.example', 'worker', true],
      ['koordinator-uji', 'koordinator@uji.example', 'coordinator', true],
      ['peksos-cuti', 'cuti@uji.example', 'worker', false],
    ],
  })
})

describe('the discovery document', () => {
  it("names the emulator's own origin as issuer and its endpoints, S256 PKCE and RS256", async () => {
    const res = await call('/.well-known/openid-configuration')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: `${ORIGIN}/o/oauth2/v2/auth`,
      token_endpoint: `${ORIGIN}/oidc/token`,
      jwks_uri: `${ORIGIN}/oidc/certs`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: expect.arrayContaining(['S256']),
    })
  })
})

describe('the account chooser', () => {
  it('lists every Staff-tab email with its staff id, marks the inactive one, in Indonesian and English', async () => {
    const res = await call(`/o/oauth2/v2/auth?${await authParams()}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const [email, id] of [
      ['peksos@uji.example', 'peksos-uji'],
      ['koordinator@uji.example', 'koordinator-uji'],
      ['cuti@uji.example', 'peksos-cuti'],
    ]) {
      expect(html).toContain(`value="${email}"`)
      expect(html).toContain(`ID staf / staff id: ${id}`)
    }
    expect(html).toContain('(tidak aktif / inactive)')
    expect(html).toContain('Pilih akun')
    expect(html).toContain('Choose an account')
    expect(html).toContain('Gunakan akun lain')
  })

  it.each([
    ['without a client id', { client_id: '' }],
    ['with a redirect URI that is not a URL', { redirect_uri: 'kembali' }],
  ])('shows its own error page %s', async (_name, over) => {
    const res = await call(`/o/oauth2/v2/auth?${await authParams(over)}`)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Error 400')
  })

  it.each([
    ['an implicit-flow request', { response_type: 'token' }, 'unsupported_response_type'],
    ['a request without the openid scope', { scope: 'email' }, 'invalid_scope'],
  ])('sends %s back to the client with an error and the state', async (_name, over, error) => {
    const res = await call(`/o/oauth2/v2/auth?${await authParams(over)}`)
    expect(res.status).toBe(302)
    const back = new URL(res.headers.get('location') ?? '')
    expect([back.origin + back.pathname, back.searchParams.get('error'), back.searchParams.get('state')]).toEqual([
      REDIRECT,
      error,
      'state-uji',
    ])
  })
})

describe('the code and the id token', () => {
  it('redirects with a code and the state, and exchanges the code for an RS256 id token its JWKS verifies', async () => {
    const back = await choose('Peksos@Uji.Example')
    expect(back.searchParams.get('state')).toBe('state-uji')
    const res = await exchange({ code: back.searchParams.get('code') ?? '' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { id_token: string; token_type: string }
    expect(body.token_type).toBe('Bearer')
    const jwks = (await (await call('/oidc/certs')).json()) as { keys: { kid: string }[] }
    expect(decodeProtectedHeader(body.id_token)).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]?.kid })
    const { payload } = await jwtVerify(body.id_token, createLocalJWKSet(jwks as never), {
      issuer: ORIGIN,
      audience: CLIENT.id,
    })
    expect(payload).toMatchObject({
      email: 'Peksos@Uji.Example',
      email_verified: true,
      nonce: 'nonce-uji',
      azp: CLIENT.id,
    })
    expect(payload.sub).toMatch(/^1\d{20}$/)
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600)
  })

  it('gives the same account the same subject every time', async () => {
    const subjects = []
    for (const email of ['koordinator@uji.example', 'KOORDINATOR@uji.example']) {
      const code = (await choose(email)).searchParams.get('code') ?? ''
      const { id_token } = (await (await exchange({ code })).json()) as { id_token: string }
      subjects.push(JSON.parse(Buffer.from(id_token.split('.')[1] ?? '', 'base64url').toString()).sub)
    }
    expect(subjects[0]).toBe(subjects[1])
  })

  it('refuses a code used twice (invalid_grant), as Google does', async () => {
    const code = (await choose('peksos@uji.example')).searchParams.get('code') ?? ''
    expect((await exchange({ code })).status).toBe(200)
    const again = await exchange({ code })
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' })
  })

  it.each([
    ['a wrong PKCE verifier', { code_verifier: 'another-verifier-0123456789-0123456789-012345' }, 400, 'invalid_grant'],
    ['no PKCE verifier', { code_verifier: '' }, 400, 'invalid_grant'],
    ['another redirect URI', { redirect_uri: 'http://casebook.uji/lain' }, 400, 'redirect_uri_mismatch'],
    ['another client id', { client_id: 'lain.apps.googleusercontent.com' }, 401, 'invalid_client'],
    ['no client secret', { client_secret: '' }, 401, 'invalid_client'],
    ['an unknown code', { code: '4/tidak-ada' }, 400, 'invalid_grant'],
  ])('refuses %s', async (_name, over, status, error) => {
    const code = (await choose('peksos@uji.example')).searchParams.get('code') ?? ''
    const res = await exchange({ code, ...over })
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: string }).error).toBe(error)
  })

  it('accepts the client credentials as HTTP Basic too', async () => {
    const code = (await choose('peksos@uji.example')).searchParams.get('code') ?? ''
    const res = await call('/oidc/token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: VERIFIER,
      }),
    })
    expect(res.status).toBe(200)
  })
})
