/**
 * Google sign-in, locally: an OpenID Connect provider shaped like accounts.google.com (the facts
 * in shared/reference/google-sign-in.md), so the field app signs in through the same code path
 * with no Google account. The issuer is the emulator's own origin, as the request names it.
 *
 * - `GET /.well-known/openid-configuration`: the discovery document.
 * - `GET /o/oauth2/v2/auth`: the account chooser — every `Staff` tab email of the emulator's
 *   spreadsheets (oidc-accounts.ts), each with its staff id, plus "use another account".
 * - `POST /o/oauth2/v2/auth`: the choice → 302 to redirect_uri with `code` and `state`.
 * - `POST /oidc/token`: authorization code + PKCE verifier → `id_token` (RS256, `kid`), once
 *   per code (a replayed code is `invalid_grant`, as at Google), within 5 minutes.
 * - `GET /oidc/certs`: the JWKS.
 *
 * The signing key is generated when the emulator first signs (never stored or committed). Any
 * client id is accepted, as long as its secret is sent; the code remembers the client id,
 * redirect URI, nonce and PKCE challenge and the token request must match them.
 */

import { Hono } from 'hono'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import type { EmulatorStore } from './emulator-store.js'
import { escapeMarkup } from './escape-markup.js'
import { type StaffAccount, staffAccounts } from './oidc-accounts.js'

export type OidcProviderOptions = {
  readonly store: EmulatorStore
  /** Epoch milliseconds. */
  readonly now: () => number
}

const AUTH_PATH = '/o/oauth2/v2/auth'
const TOKEN_PATH = '/oidc/token'
const CERTS_PATH = '/oidc/certs'
const CODE_TTL_MS = 5 * 60_000
const ID_TOKEN_TTL_S = 3600

type Grant = {
  readonly clientId: string
  readonly redirectUri: string
  readonly scope: string
  readonly nonce: string | undefined
  readonly challenge: string | undefined
  readonly method: 'S256' | 'plain'
  readonly email: string
  readonly expiresAt: number
}

type AuthParams = {
  readonly client_id: string
  readonly redirect_uri: string
  readonly response_type: string
  readonly scope: string
  readonly state: string | undefined
  readonly nonce: string | undefined
  readonly code_challenge: string | undefined
  readonly code_challenge_method: string | undefined
}

const PARAM_NAMES = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
] as const

const encoder = new TextEncoder()
const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')
const randomToken = (bytes = 32): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)))
const sha256 = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))

/** A stable numeric `sub` per email, like Google's 21-digit account ids. */
async function subjectOf(email: string): Promise<string> {
  const digest = await sha256(`emulator-account:${email.toLowerCase()}`)
  let n = 0n
  for (const byte of digest.slice(0, 9)) n = (n << 8n) | BigInt(byte)
  return `1${n.toString().padStart(20, '0').slice(0, 20)}`
}

function readParams(source: (name: string) => string | undefined): AuthParams {
  const get = (name: string) => {
    const v = source(name)
    return v === undefined || v === '' ? undefined : v
  }
  return {
    client_id: get('client_id') ?? '',
    redirect_uri: get('redirect_uri') ?? '',
    response_type: get('response_type') ?? '',
    scope: get('scope') ?? '',
    state: get('state'),
    nonce: get('nonce'),
    code_challenge: get('code_challenge'),
    code_challenge_method: get('code_challenge_method'),
  }
}

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === ''
  } catch {
    return false
  }
}

/** Problems Google shows on its own page (it cannot trust redirect_uri with them). */
function pageError(p: AuthParams): string | undefined {
  if (p.client_id === '') return 'Missing required parameter: client_id'
  if (!isHttpUrl(p.redirect_uri)) return 'Invalid parameter value for redirect_uri'
  return undefined
}

/** Problems Google sends back to the client's redirect_uri as `error=`. */
function redirectError(p: AuthParams): string | undefined {
  if (p.response_type !== 'code') return 'unsupported_response_type'
  if (!p.scope.split(/\s+/).includes('openid')) return 'invalid_scope'
  if (p.code_challenge_method !== undefined && !['S256', 'plain'].includes(p.code_challenge_method))
    return 'invalid_request'
  return undefined
}

function redirectTo(uri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(uri)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v)
  return new Response(null, { status: 302, headers: { location: url.href, 'cache-control': 'no-store' } })
}

const STYLE = `body{font:16px/1.45 system-ui,sans-serif;margin:0;background:#f0f4f9;color:#1f1f1f}
main{max-width:28rem;margin:2rem auto;background:#fff;border-radius:16px;padding:1.5rem}
h1{font-size:1.5rem;font-weight:400;margin:0 0 .25rem}p{margin:.25rem 0 1rem;color:#444}
ul{list-style:none;padding:0;margin:0}li{border-top:1px solid #e0e0e0}
button{all:unset;box-sizing:border-box;display:block;width:100%;padding:.75rem .5rem;cursor:pointer;min-height:48px}
button:hover,button:focus-visible{background:#e8f0fe;outline:3px solid #0b57d0}
.email{font-weight:600}.meta{font-size:.875rem;color:#555}.off{color:#a4161a}
label{display:block;margin:1rem 0 .25rem;font-weight:600}input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;min-height:48px}
.go{all:unset;background:#0b57d0;color:#fff;border-radius:20px;padding:.5rem 1.25rem;margin-top:.75rem;cursor:pointer}
.note{font-size:.8125rem;color:#666;margin-top:1.5rem}`

function hiddenFields(p: AuthParams): string {
  return PARAM_NAMES.map((name) => {
    const v = p[name]
    return v === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeMarkup(v)}">`
  }).join('')
}

function accountButton(p: AuthParams, a: StaffAccount): string {
  const meta = [
    `ID staf / staff id: ${escapeMarkup(a.staffId || '—')}`,
    a.role === '' ? '' : escapeMarkup(a.role),
    escapeMarkup(a.spreadsheet),
  ]
    .filter((s) => s !== '')
    .join(' · ')
  const off = a.active ? '' : ' <span class="off">(tidak aktif / inactive)</span>'
  return `<li><form method="post" action="${AUTH_PATH}">${hiddenFields(p)}<input type="hidden" name="login_email" value="${escapeMarkup(a.email)}"><button type="submit"><span class="email">${escapeMarkup(a.email)}</span>${off}<br><span class="meta">${meta}</span></button></form></li>`
}

function chooserPage(p: AuthParams, accounts: readonly StaffAccount[]): string {
  const list =
    accounts.length === 0
      ? '<p>Belum ada email di tab Staff. / No email in any Staff tab yet.</p>'
      : `<ul>${accounts.map((a) => accountButton(p, a)).join('')}</ul>`
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Masuk dengan Google (emulator)</title><style>${STYLE}</style></head><body><main>
<h1>Pilih akun <span lang="en">· Choose an account</span></h1>
<p>untuk melanjutkan ke <strong>${escapeMarkup(p.client_id)}</strong> <span lang="en">· to continue to it</span></p>
${list}
<form method="post" action="${AUTH_PATH}">${hiddenFields(p)}<label for="other">Gunakan akun lain <span lang="en">· Use another account</span></label><input id="other" name="login_email" type="email" required autocomplete="email"><button class="go" type="submit">Lanjut · Next</button></form>
<p class="note">Emulator lokal Google: tidak ada kata sandi; akun diambil dari tab Staff. <span lang="en">Local Google emulator: no password; accounts come from the Staff tabs.</span></p>
</main></body></html>`
}

function errorPage(message: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error 400 (emulator)</title><style>${STYLE}</style></head><body><main><h1>Error 400: invalid_request</h1><p>${escapeMarkup(message)}</p></main></body></html>`
  return new Response(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' } })
}

const tokenError = (status: number, error: string, description: string): Response =>
  new Response(JSON.stringify({ error, error_description: description }, null, 2), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })

export function createOidcProvider(options: OidcProviderOptions): Hono {
  const grants = new Map<string, Grant>()
  let signingKey: Promise<{ kid: string; privateKey: CryptoKey; jwk: JWK }> | undefined
  const key = () => {
    signingKey ??= (async () => {
      const pair = await generateKeyPair('RS256', { extractable: true })
      const kid = randomToken(12)
      const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' }
      return { kid, privateKey: pair.privateKey, jwk }
    })()
    return signingKey
  }
  const purge = (now: number) => {
    for (const [code, grant] of grants) if (grant.expiresAt <= now) grants.delete(code)
  }

  const app = new Hono()

  app.get('/.well-known/openid-configuration', (c) => {
    const origin = new URL(c.req.url).origin
    return c.json(
      {
        issuer: origin,
        authorization_endpoint: `${origin}${AUTH_PATH}`,
        token_endpoint: `${origin}${TOKEN_PATH}`,
        jwks_uri: `${origin}${CERTS_PATH}`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'email', 'profile'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        claims_supported: ['aud', 'email', 'email_verified', 'exp', 'iat', 'iss', 'sub', 'nonce', 'azp'],
        code_challenge_methods_supported: ['plain', 'S256'],
        grant_types_supported: ['authorization_code'],
      },
      200,
      { 'cache-control': 'public, max-age=3600' },
    )
  })

  app.get(AUTH_PATH, (c) => {
    const p = readParams((name) => c.req.query(name))
    const bad = pageError(p)
    if (bad !== undefined) return errorPage(bad)
    const error = redirectError(p)
    if (error !== undefined) return redirectTo(p.redirect_uri, { error, state: p.state })
    return c.html(chooserPage(p, staffAccounts(options.store)), 200, { 'cache-control': 'no-store' })
  })

  app.post(AUTH_PATH, async (c) => {
    const form = await c.req.parseBody()
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined)
    const p = readParams(field)
    const bad = pageError(p)
    if (bad !== undefined) return errorPage(bad)
    const error = redirectError(p)
    if (error !== undefined) return redirectTo(p.redirect_uri, { error, state: p.state })
    const email = (field('login_email') ?? '').trim()
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return errorPage('Enter an email address.')
    const now = options.now()
    purge(now)
    const code = `4/${randomToken()}`
    grants.set(code, {
      clientId: p.client_id,
      redirectUri: p.redirect_uri,
      scope: p.scope,
      nonce: p.nonce,
      challenge: p.code_challenge,
      method: p.code_challenge_method === 'S256' ? 'S256' : 'plain',
      email,
      expiresAt: now + CODE_TTL_MS,
    })
    return redirectTo(p.redirect_uri, { code, scope: p.scope, state: p.state })
  })

  app.post(TOKEN_PATH, async (c) => {
    const form = new URLSearchParams(await c.req.text())
    let clientId = form.get('client_id') ?? ''
    let clientSecret = form.get('client_secret') ?? ''
    const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
    if (basic?.[1] !== undefined) {
      const [id = '', secret = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':')
      clientId = decodeURIComponent(id)
      clientSecret = decodeURIComponent(secret)
    }
    if (form.get('grant_type') !== 'authorization_code') {
      return tokenError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`)
    }
    if (clientId === '' || clientSecret === '') return tokenError(401, 'invalid_client', 'Unauthorized')
    const now = options.now()
    purge(now)
    const code = form.get('code') ?? ''
    const grant = grants.get(code)
    // A code is good once: delete it before any other check, so a replay always fails.
    grants.delete(code)
    if (grant === undefined) return tokenError(400, 'invalid_grant', 'Bad Request')
    if (grant.clientId !== clientId) return tokenError(401, 'invalid_client', 'Unauthorized')
    if (grant.redirectUri !== (form.get('redirect_uri') ?? ''))
      return tokenError(400, 'redirect_uri_mismatch', 'Bad Request')
    if (grant.challenge !== undefined) {
      const verifier = form.get('code_verifier') ?? ''
      const expected = grant.method === 'S256' ? base64url(await sha256(verifier)) : verifier
      if (verifier === '' || expected !== grant.challenge)
        return tokenError(400, 'invalid_grant', 'Invalid code verifier.')
    }
    const { kid, privateKey } = await key()
    const iat = Math.floor(now / 1000)
    const issuer = new URL(c.req.url).origin
    const idToken = await new SignJWT({
      azp: clientId,
      email: grant.email,
      email_verified: true,
      ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(await subjectOf(grant.email))
      .setIssuedAt(iat)
      .setExpirationTime(iat + ID_TOKEN_TTL_S)
      .sign(privateKey)
    return c.json(
      {
        access_token: `ya29.${randomToken()}`,
        expires_in: ID_TOKEN_TTL_S - 1,
        scope: grant.scope,
        token_type: 'Bearer',
        id_token: idToken,
      },
      200,
      { 'cache-control': 'no-store' },
    )
  })

  app.get(CERTS_PATH, async (c) =>
    c.json({ keys: [(await key()).jwk] }, 200, { 'cache-control': 'public, max-age=3600' }),
  )

  return app
}
