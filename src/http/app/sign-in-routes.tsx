/**
 * @module
 * Sign in with Google (issue 8): `/app/sign-in` (the page), `/app/auth/google` (start: state,
 * nonce and PKCE verifier into a sealed 10-minute cookie, then to the issuer), the redirect URI
 * `/app/auth/callback` (state, code exchange, id-token checks, then the Staff tab by email, then
 * the session cookie) and `POST /app/sign-out`. Log lines carry outcomes and staff ids, never
 * emails or tokens.
 */
import type { Context } from 'hono'
import { Hono } from 'hono/tiny'
import type { SignInConfig } from '../../config'
import type { AppDeps } from '../app-env'
import type { FieldEnv } from './field-env'
import {
  authorizationUrl,
  discover,
  exchangeCode,
  pkceChallenge,
  pkceVerifier,
  remoteKeys,
  type SignInFailure,
  verifyIdToken,
} from './google-sign-in'
import { type TextKey, tr } from './i18n'
import { page, safeBack } from './page'
import { endSession, randomId, setSignInCookie, startSession, takeSignInCookie } from './session'

/** Why the sign-in page is shown again, by query flag → message and its notice kind. */
const REASONS: readonly (readonly [string, TextKey, 'ok' | 'warn' | 'bad'])[] = [
  ['signed_out', 'signedOut', 'ok'],
  ['expired', 'sessionExpired', 'warn'],
]
const REFUSALS: Readonly<Record<string, TextKey>> = { unknown: 'signInUnknown', inactive: 'signInInactive' }

/** The redirect URI registered with the issuer: configured, or this origin's callback. */
const redirectUriOf = (c: Context, config: SignInConfig): string =>
  config.redirectUri ?? `${new URL(c.req.url).origin}/app/auth/callback`

function SignInPage(props: {
  lang: 'id' | 'en'
  back: string
  notice?: { key: TextKey; kind: 'ok' | 'warn' | 'bad' }
}) {
  const { lang } = props
  return (
    <>
      {props.notice === undefined ? null : (
        <p class={`notice ${props.notice.kind}`} role="status">
          {tr(lang, props.notice.key)}
        </p>
      )}
      <p>{tr(lang, 'signInLead')}</p>
      <p class="actions">
        <a class="button" href={`/app/auth/google?back=${encodeURIComponent(props.back)}`}>
          {tr(lang, 'signInButton')}
        </a>
      </p>
    </>
  )
}

/** The sign-in page again, after a failure: status and message by failure. */
function failed(c: Context<FieldEnv>, status: number, key: TextKey, back = '/app') {
  c.set('problem', `sign_in_${key}`)
  return page(
    c,
    status,
    tr(c.var.lang, 'signInTitle'),
    <SignInPage lang={c.var.lang} back={back} notice={{ key, kind: 'bad' }} />,
  )
}

const FAILURE_PAGE: Readonly<Record<SignInFailure['kind'], readonly [number, TextKey]>> = {
  idp_unavailable: [503, 'signInUnavailable'],
  code_rejected: [400, 'signInStale'],
  token_invalid: [400, 'signInFailed'],
  email_unverified: [403, 'signInUnverified'],
}

/** The public sign-in routes (mounted before the signed-in middleware). */
export function signInRoutes(deps: AppDeps): Hono<FieldEnv> {
  const fetcher = deps.fetch ?? ((input, init) => fetch(input, init))
  const log = deps.log ?? ((entry) => console.log(entry))
  const notConfigured = (c: Context<FieldEnv>) =>
    page(c, 503, tr(c.var.lang, 'signInTitle'), <p class="notice warn">{tr(c.var.lang, 'signInNotConfigured')}</p>)

  return new Hono<FieldEnv>()
    .get('/sign-in', (c) => {
      if (deps.config.signIn === undefined) return notConfigured(c)
      const refused = REFUSALS[c.req.query('refused') ?? '']
      const reason = REASONS.find(([flag]) => c.req.query(flag) !== undefined)
      const notice =
        refused !== undefined
          ? { key: refused, kind: 'bad' as const }
          : reason === undefined
            ? undefined
            : { key: reason[1], kind: reason[2] }
      return page(
        c,
        200,
        tr(c.var.lang, 'signInTitle'),
        <SignInPage
          lang={c.var.lang}
          back={safeBack(c.req.query('back'))}
          {...(notice === undefined ? {} : { notice })}
        />,
      )
    })
    .get('/auth/google', async (c) => {
      const config = deps.config.signIn
      if (config === undefined) return notConfigured(c)
      const now = deps.now()
      const discovery = await discover(config.issuer, fetcher, now)
      if (!discovery.ok) return failed(c, 503, 'signInUnavailable')
      const verifier = pkceVerifier()
      const state = randomId()
      const nonce = randomId()
      await setSignInCookie(c, { state, nonce, verifier, back: safeBack(c.req.query('back')) }, config, now)
      const url = authorizationUrl(discovery.value, {
        clientId: config.clientId,
        redirectUri: redirectUriOf(c, config),
        state,
        nonce,
        challenge: await pkceChallenge(verifier),
      })
      return c.redirect(url, 302)
    })
    .get('/auth/callback', async (c) => {
      const config = deps.config.signIn
      if (config === undefined) return notConfigured(c)
      const now = deps.now()
      const started = await takeSignInCookie(c, config, now)
      const outcome = (result: string, extra: Record<string, string> = {}) =>
        log({ level: 'info', msg: 'sign_in', request_id: c.var.requestId, outcome: result, ...extra })
      // No sign-in of this browser is waiting (expired, used, or never started here): start again.
      const state = c.req.query('state')
      if (started === undefined || state === undefined || state !== started.state) {
        outcome('stale')
        return failed(c, 400, 'signInStale')
      }
      const code = c.req.query('code')
      if (c.req.query('error') !== undefined || code === undefined || code === '') {
        outcome('declined')
        return failed(c, 400, 'signInFailed', started.back)
      }
      const discovery = await discover(config.issuer, fetcher, now)
      if (!discovery.ok) return failed(c, 503, 'signInUnavailable', started.back)
      const idToken = await exchangeCode(
        discovery.value,
        {
          code,
          verifier: started.verifier,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          redirectUri: redirectUriOf(c, config),
        },
        fetcher,
      )
      const account = idToken.ok
        ? await verifyIdToken(
            idToken.value,
            { config, nonce: started.nonce, keys: remoteKeys(discovery.value.jwks_uri, fetcher) },
            now,
          )
        : idToken
      if (!account.ok) {
        outcome(account.error.kind, account.error.kind === 'token_invalid' ? { check: account.error.check } : {})
        const [status, key] = FAILURE_PAGE[account.error.kind]
        return failed(c, status, key, started.back)
      }
      const who = await c.var.ledger.staffByEmail(account.value.email)
      if (!who.ok) {
        outcome(who.error.kind)
        return failed(c, 503, 'signInUnavailable', started.back)
      }
      if (who.value.status !== 'active') {
        outcome(who.value.status, who.value.status === 'inactive' ? { staff_id: who.value.staffId } : {})
        return failed(c, 403, who.value.status === 'inactive' ? 'signInInactive' : 'signInUnknown', started.back)
      }
      await startSession(c, account.value.email, config, now)
      outcome('signed_in', { staff_id: who.value.actor.staffId })
      return c.redirect(started.back, 303)
    })
}

/** `POST /app/sign-out` (signed in, CSRF-checked by the middleware before it). */
export const signOut = (c: Context<FieldEnv>): Response => {
  endSession(c)
  return c.redirect('/app/sign-in?signed_out=1', 303)
}
