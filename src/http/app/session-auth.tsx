/**
 * @module
 * Who is asking, for the field app and for /api calls made with its cookie (issue 8). Every page
 * after sign-in goes through {@link signedInOnly}: the session cookie (session.ts), then the Staff
 * tab (ledger.staffByEmail) — the role applied is the row's role now — and, on a POST, the form
 * read once and checked against CSRF. {@link cookieActor} lets /api accept the same cookie, with
 * the CSRF check on writes (`X-CSRF-Token` and a same-origin request), so the offline queue's
 * fetches from /app pages reach the JSON API; bearer tokens keep working as before.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { err, ok, type Result } from '../../domain/result'
import type { Actor } from '../../ledger/contract'
import type { AppDeps, AppEnv } from '../app-env'
import type { HttpProblem } from '../problem'
import { FORM_TYPE, readBody } from '../request-body'
import type { FieldEnv } from './field-env'
import { tr } from './i18n'
import { here, page, problemPage } from './page'
import { formText } from './post-row'
import { csrfPasses, csrfToken, endSession, hasSessionCookie, readSession } from './session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The sign-in page with a reason, coming back here afterwards. */
const toSignIn = (c: Context, reason?: string): Response =>
  c.redirect(
    `/app/sign-in?back=${encodeURIComponent(SAFE_METHODS.has(c.req.method) ? here(c) : new URL(c.req.url).pathname)}${reason === undefined ? '' : `&${reason}`}`,
    303,
  )

/** Pages of signed-in staff only: the session, the Staff row and, on a POST, the CSRF-checked form. */
export function signedInOnly(deps: AppDeps): MiddlewareHandler<FieldEnv> {
  return async (c, next) => {
    const config = deps.config.signIn
    if (config === undefined) return page(c, 503, tr(c.var.lang, 'signInTitle'), <NotConfigured lang={c.var.lang} />)
    const read = await readSession(c, config, deps.now())
    if (read.kind === 'expired') {
      endSession(c)
      return toSignIn(c, 'expired=1')
    }
    if (read.kind !== 'active') {
      if (read.kind === 'invalid') endSession(c)
      return toSignIn(c)
    }
    const who = await c.var.ledger.staffByEmail(read.session.email)
    if (!who.ok) return problemPage(c, who.error)
    if (who.value.status !== 'active') {
      endSession(c)
      return toSignIn(c, `refused=${who.value.status}`)
    }
    c.set('actor', who.value.actor)
    c.set('signedIn', {
      email: read.session.email,
      sid: read.session.sid,
      csrf: await csrfToken(read.session.sid, config),
    })
    if (!SAFE_METHODS.has(c.req.method)) {
      const body = await readBody(c.req.raw, { accept: [FORM_TYPE] })
      // An empty post carries no token either: the CSRF answer, not "empty body".
      if (!body.ok && body.error.kind !== 'body_empty') return problemPage(c, body.error)
      const form = body.ok ? body.value : {}
      if (!(await csrfPasses(c, formText(form, '_csrf'), read.session.sid, config))) {
        c.set('problem', 'csrf_refused')
        return page(c, 403, tr(c.var.lang, 'signInFailed'), <p class="notice bad">{tr(c.var.lang, 'csrfRefused')}</p>)
      }
      c.set('form', form)
    }
    return next()
  }
}

function NotConfigured(props: { lang: 'id' | 'en' }) {
  return <p class="notice warn">{tr(props.lang, 'signInNotConfigured')}</p>
}

/**
 * The actor of an /api request that carries the field app's session cookie and no bearer token;
 * undefined when it carries no such cookie (the caller then asks for a bearer token as before).
 */
export async function cookieActor(c: Context<AppEnv>, deps: AppDeps): Promise<Result<Actor, HttpProblem> | undefined> {
  const config = deps.config.signIn
  if (config === undefined || !hasSessionCookie(c)) return undefined
  const read = await readSession(c, config, deps.now())
  if (read.kind !== 'active')
    return err({ kind: 'unauthenticated', reason: read.kind === 'expired' ? 'expired' : 'invalid' })
  if (!SAFE_METHODS.has(c.req.method) && !(await csrfPasses(c, c.req.header('x-csrf-token'), read.session.sid, config)))
    return err({ kind: 'csrf_refused' })
  const who = await c.var.ledger.staffByEmail(read.session.email)
  if (!who.ok) return err(who.error)
  if (who.value.status !== 'active')
    return err({ kind: 'staff_inactive', staffId: who.value.status === 'inactive' ? who.value.staffId : '' })
  return ok(who.value.actor)
}
