/**
 * @module
 * Answering with a page: the shell around the content, the page headers (never cached; the
 * strict page CSP comes from security-headers.ts's pageSecurity, mounted on every /app route),
 * the language of the request (the `lang` cookie; Indonesian by default), and the small helpers
 * every page uses.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { Lang } from '../../domain'
import type { HttpProblem } from '../problem'
import { renderProblem } from '../problem'
import type { FieldEnv } from './field-env'
import { tr } from './i18n'
import { Layout, type ShellUser } from './layout'

/** Pages carry case data: never cached by the browser or a proxy (the service worker keeps its own copies). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store' }

export const LANG_COOKIE = 'lang'

/** The page language: the `lang` cookie, else Indonesian (users.md: Indonesian first). */
export const pageLang = (cookie: string | undefined): Lang => (cookie === 'en' ? 'en' : 'id')

/** The path and query of this request (for "back" links and the language switch). */
export const here = (c: Context): string => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/** A path under /app the app may send the browser back to; anything else is `/app`. */
export function safeBack(text: string | undefined): string {
  if (text === undefined || !/^\/app(?:[/?#][^\s\\]*)?$/.test(text) || text.includes('//')) return '/app'
  return text
}

/** The signed-in user as the shell shows them (undefined on public pages). */
export function shellUser(c: Context<FieldEnv>): ShellUser | undefined {
  const signedIn = c.get('signedIn')
  const actor = c.get('actor')
  return signedIn === undefined || actor === undefined
    ? undefined
    : { staffId: actor.staffId, role: actor.role, csrf: signedIn.csrf }
}

/** A whole page: `body` inside the shell, with the page headers. */
export function page(c: Context<FieldEnv>, status: number, title: string, body: Child): Response | Promise<Response> {
  return c.html(
    <Layout lang={c.var.lang} title={title} here={here(c)} user={shellUser(c)}>
      <h1>{title}</h1>
      {body}
    </Layout>,
    status as 200,
    PAGE_HEADERS,
  )
}

/** A problem as a page (a ledger refusal or outage on a page load): its title, detail and request id. */
export function problemPage(c: Context<FieldEnv>, problem: HttpProblem): Response | Promise<Response> {
  c.set('problem', problem.kind)
  const { body, status, headers } = renderProblem(problem, c.var.lang, c.var.requestId)
  const retry = headers['Retry-After']
  const res = page(
    c,
    status,
    body.title,
    <>
      <p class="notice bad">{body.detail}</p>
      <p class="muted">request_id: {body.request_id}</p>
      <p>
        <a href="/app">{tr(c.var.lang, 'home')}</a>
      </p>
    </>,
  )
  if (retry === undefined) return res
  return Promise.resolve(res).then((r) => {
    r.headers.set('Retry-After', retry)
    return r
  })
}

/** A fresh idempotency key for a rendered form. */
export const newIdem = (): string => crypto.randomUUID()
