/**
 * OAuth for the emulator (§7). The token endpoint takes the service-account JWT-bearer grant;
 * API calls carry a bearer token. Permissive mode accepts any credential; strict mode verifies
 * RS256 signatures with WebCrypto against registered public keys, checks aud/iat/exp/scope,
 * issues short-lived tokens and enforces the scopes of each method. WebCrypto keeps this module
 * runtime-agnostic (Node, workerd).
 */
import {
  type ApiError,
  apiKeyInvalid,
  insufficientScopes,
  missingCredential,
  unauthenticated,
} from './google-errors.js'

export type AuthMode = 'permissive' | 'strict'

export interface ServiceAccountKey {
  readonly client_email: string
  readonly public_key_pem: string
}

export interface Principal {
  /** E-mail of the caller (service account), or the configured default principal. */
  readonly email: string
  /** Quota subject: who the per-user quota counts against. */
  readonly subject: string
  /** undefined = not restricted (permissive mode). */
  readonly scopes: ReadonlySet<string> | undefined
}

const SCOPE_PREFIX = 'https://www.googleapis.com/auth/'
export const SCOPES = {
  spreadsheets: `${SCOPE_PREFIX}spreadsheets`,
  spreadsheetsReadonly: `${SCOPE_PREFIX}spreadsheets.readonly`,
  drive: `${SCOPE_PREFIX}drive`,
  driveFile: `${SCOPE_PREFIX}drive.file`,
  driveReadonly: `${SCOPE_PREFIX}drive.readonly`,
  driveMetadataReadonly: `${SCOPE_PREFIX}drive.metadata.readonly`,
  cloudPlatform: `${SCOPE_PREFIX}cloud-platform`,
} as const
const KNOWN_SCOPES = new Set<string>(Object.values(SCOPES))

/** Audiences a token-endpoint assertion may name (Google's two token URLs). */
export const TOKEN_AUDIENCES = ['https://oauth2.googleapis.com/token', 'https://www.googleapis.com/oauth2/v4/token']
/** Self-signed JWTs used directly as bearer tokens name the API as audience (§7.1). */
const API_AUDIENCES = ['https://sheets.googleapis.com/', 'https://sheets.googleapis.com']

const ACCESS_TOKEN_SECONDS = 3600
/** Clock skew tolerated on iat, in seconds. */
const SKEW_SECONDS = 300

interface IssuedToken {
  readonly email: string
  readonly scopes: ReadonlySet<string>
  /** Epoch seconds. */
  readonly exp: number
}

export interface TokenAnswer {
  readonly status: number
  readonly body: Record<string, unknown>
}

const b64urlToBytes = (s: string): Uint8Array<ArrayBuffer> => {
  const b64 = s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(s.length / 4) * 4, '=')
  const bin = atob(b64)
  const out = new Uint8Array(new ArrayBuffer(bin.length))
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

const bytesToB64url = (bytes: Uint8Array): string => {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

interface DecodedJwt {
  readonly header: Record<string, unknown>
  readonly claims: Record<string, unknown>
  readonly signingInput: string
  readonly signature: Uint8Array<ArrayBuffer>
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [h = '', p = '', s = ''] = parts
  try {
    const header = JSON.parse(new TextDecoder().decode(b64urlToBytes(h))) as unknown
    const claims = JSON.parse(new TextDecoder().decode(b64urlToBytes(p))) as unknown
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) return undefined
    return {
      header: header as Record<string, unknown>,
      claims: claims as Record<string, unknown>,
      signingInput: `${h}.${p}`,
      signature: b64urlToBytes(s),
    }
  } catch {
    return undefined
  }
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> | undefined {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem.replace(/\\n/g, '\n'))
  if (!m?.[1]) return undefined
  const bin = atob(m[1].replace(/\s+/g, ''))
  const out = new Uint8Array(new ArrayBuffer(bin.length))
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

const grantError = (error: string, description: string, status = 400): TokenAnswer => ({
  status,
  body: { error, error_description: description },
})

export class AuthService {
  private readonly keys = new Map<string, Promise<CryptoKey | undefined>>()
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(
    public mode: AuthMode,
    private readonly defaultPrincipal: string,
    private readonly nowMs: () => number,
  ) {}

  registerServiceAccount(sa: ServiceAccountKey): void {
    const der = pemToDer(sa.public_key_pem)
    this.keys.set(
      sa.client_email,
      der === undefined
        ? Promise.resolve(undefined)
        : crypto.subtle
            .importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])
            .catch(() => undefined),
    )
  }

  hasServiceAccount(email: string): boolean {
    return this.keys.has(email)
  }

  /** The e-mail addresses of the registered service accounts. */
  serviceAccountEmails(): string[] {
    return [...this.keys.keys()]
  }

  private now(): number {
    return Math.floor(this.nowMs() / 1000)
  }

  private async verifySignature(jwt: DecodedJwt): Promise<'ok' | 'unknown-account' | 'bad-signature'> {
    const iss = jwt.claims.iss
    const key = typeof iss === 'string' ? await this.keys.get(iss) : undefined
    if (typeof iss !== 'string' || !this.keys.has(iss)) return 'unknown-account'
    if (!key || jwt.header.alg !== 'RS256') return 'bad-signature'
    const valid = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      key,
      jwt.signature,
      new TextEncoder().encode(jwt.signingInput),
    )
    return valid ? 'ok' : 'bad-signature'
  }

  private timeOk(claims: Record<string, unknown>): boolean {
    const { iat, exp } = claims
    const now = this.now()
    return (
      typeof iat === 'number' &&
      typeof exp === 'number' &&
      iat <= now + SKEW_SECONDS &&
      exp > now &&
      exp > iat &&
      exp - iat <= ACCESS_TOKEN_SECONDS
    )
  }

  /** Mints an access token directly (control endpoint for tests): no JWT involved. */
  mintToken(email: string, scopes: readonly string[], seconds = ACCESS_TOKEN_SECONDS): TokenAnswer {
    const bytes = new Uint8Array(32)
    crypto.getRandomValues(bytes)
    const token = `ya29.emulator-${bytesToB64url(bytes)}`
    this.tokens.set(token, { email, scopes: new Set(scopes), exp: this.now() + seconds })
    return { status: 200, body: { access_token: token, expires_in: seconds - 1, token_type: 'Bearer' } }
  }

  /** POST /token with the jwt-bearer grant (form-encoded body). */
  async exchange(form: URLSearchParams, audiences: readonly string[]): Promise<TokenAnswer> {
    const grant = form.get('grant_type')
    if (grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return grantError('unsupported_grant_type', `Invalid grant_type: ${grant ?? ''}`)
    }
    const jwt = decodeJwt(form.get('assertion') ?? '')
    if (!jwt) return grantError('invalid_grant', 'Invalid JWT: Malformed assertion.')
    const claims = jwt.claims
    const scope = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : []
    const email = typeof claims.iss === 'string' ? claims.iss : this.defaultPrincipal
    if (this.mode === 'strict') {
      const verdict = await this.verifySignature(jwt)
      if (verdict === 'unknown-account') return grantError('invalid_grant', 'Invalid grant: account not found')
      if (verdict === 'bad-signature') return grantError('invalid_grant', 'Invalid JWT Signature.')
      if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud)) {
        return grantError('invalid_grant', 'Invalid JWT: Failed audience check.')
      }
      if (!this.timeOk(claims)) {
        return grantError(
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
        )
      }
      if (claims.sub !== undefined && claims.sub !== claims.iss) {
        return grantError(
          'unauthorized_client',
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
          401,
        )
      }
      if (scope.length === 0 || scope.some((s) => !KNOWN_SCOPES.has(s))) {
        return grantError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.')
      }
    }
    return this.mintToken(email, scope)
  }

  /** Who is calling, from the bearer token, access_token/oauth_token or key parameters. */
  async authenticate(
    headers: Headers,
    query: URLSearchParams,
  ): Promise<{ ok: true; principal: Principal } | { ok: false; error: ApiError }> {
    const header = headers.get('authorization') ?? ''
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? query.get('access_token') ?? query.get('oauth_token')
    const key = query.get('key')
    if (!bearer) {
      if (key === null) return { ok: false, error: missingCredential() }
      if (this.mode === 'strict') return { ok: false, error: apiKeyInvalid() }
      return { ok: true, principal: { email: this.defaultPrincipal, subject: `key:${key}`, scopes: undefined } }
    }
    const issued = this.tokens.get(bearer)
    if (issued) {
      if (issued.exp <= this.now()) {
        this.tokens.delete(bearer)
        if (this.mode === 'strict') return { ok: false, error: unauthenticated() }
      } else {
        return {
          ok: true,
          principal: {
            email: issued.email,
            subject: issued.email,
            scopes: this.mode === 'strict' ? issued.scopes : undefined,
          },
        }
      }
    }
    const jwt = decodeJwt(bearer)
    if (this.mode === 'permissive') {
      const iss = jwt?.claims.iss
      const email = typeof iss === 'string' ? iss : this.defaultPrincipal
      return { ok: true, principal: { email, subject: typeof iss === 'string' ? iss : bearer, scopes: undefined } }
    }
    // Strict: a self-signed service-account JWT is the only other accepted credential.
    if (!jwt || (await this.verifySignature(jwt)) !== 'ok' || !this.timeOk(jwt.claims)) {
      return { ok: false, error: unauthenticated() }
    }
    const claims = jwt.claims
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : []
    const aud = claims.aud
    if (scopes.length === 0 && !(typeof aud === 'string' && API_AUDIENCES.includes(aud))) {
      return { ok: false, error: unauthenticated() }
    }
    const email = String(claims.iss)
    // An audience-only JWT is scoped to the API it names: full Sheets access.
    const granted = scopes.length > 0 ? new Set(scopes) : new Set<string>([SCOPES.spreadsheets])
    return { ok: true, principal: { email, subject: email, scopes: granted } }
  }

  /** 403 when none of the method's scopes was granted. */
  checkScopes(principal: Principal, allowed: readonly string[]): ApiError | undefined {
    if (principal.scopes === undefined) return undefined
    if (principal.scopes.has(SCOPES.cloudPlatform)) return undefined
    return allowed.some((s) => principal.scopes?.has(s)) ? undefined : insufficientScopes()
  }

  reset(): void {
    this.tokens.clear()
  }
}
