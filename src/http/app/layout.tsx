/**
 * @module
 * The page shell of the field app (`/app`, issue 8) and the markup contract between the server
 * pages and the client code (src/http/app/client/). The offline work builds on exactly this:
 *
 * (i) Client assets. Plain files in src/http/app/client/ (app.css, app.js, sw.js; text files
 *     only). `npm run assets` (scripts/static-assets.ts) minifies them into public/ and writes
 *     their 10-hex content hashes to client-assets.generated.ts (a drift test fails when either is
 *     stale; `npm run dev` regenerates on change). Served by Workers Static Assets, before the
 *     Worker, at `/app/static/<name>.<hash>.<ext>` (`Cache-Control: public, max-age=31536000,
 *     immutable`; another hash reaches the Worker, a 404). The service worker is `/app/sw.js`
 *     (`Cache-Control: no-cache`, `Service-Worker-Allowed: /app/`, register it with scope
 *     `/app/`); it starts with one generated line, `self.CASEBOOK_SHELL = { version, assets }`,
 *     the hashed URLs of every other asset, so the file changes whenever an asset does.
 *
 * (ii) The shell ({@link Layout}): `<html lang="id|en">`, `<meta name="csrf-token">` (signed-in
 *     pages; send it as `X-CSRF-Token` on every unsafe /api fetch made with the session cookie),
 *     the stylesheet, `<script type="module" src=app.js>`, `<main id="main">`, and the queue
 *     state `<p id="queue-state" class="queue-state" role="status" aria-live="polite" hidden>`
 *     (the client fills it, e.g. "Menunggu dikirim (2)", and unhides it). No inline script or
 *     style anywhere (strict CSP); classes only; inline SVG is fine.
 *
 * (iii) Forms. Every data form is `<form method="post" action="/app/…" data-api="/api/…">`
 *     (`data-method="PATCH"` when the API call is a PATCH). Inputs are named by their column key
 *     and carry exactly what the API takes (strings; a blank input means "absent"). Transport
 *     fields start with `_` and never go into the JSON body: `_csrf` (→ `X-CSRF-Token`),
 *     `_idem` (→ `Idempotency-Key`, fresh per rendered form, so a double submit stores one row),
 *     `_etag` (→ `If-Match`), `_action` (which button: `preview` is not a save). Input `id="f-<name>"`,
 *     its error slot `<p class="field-error" id="err-<name>">` (empty when fine; map a
 *     problem+json pointer `/<key>` to `err-<key>`), one status slot per form
 *     `<div class="notice" id="status-<data-form>" role="status" aria-live="polite">`.
 *     PATCH forms (the case page) send only the fields whose value differs from the rendered one
 *     (`defaultValue` / `defaultSelected`): the API refuses blanks, it never clears a cell.
 *     Group forms (`data-rows="<n>"`, the group session) name row fields `<i>.<key>` (i = 1…n);
 *     un-prefixed fields are shared by every row; each row is its own POST with Idempotency-Key
 *     `<_idem>.<i>`, and row i's status slot is `status-<data-form>-<i>` (blank rows, with no
 *     `<i>.case_id`, are skipped).
 *
 * (iv) Last-seen lists: `GET /app/data/lists.json` (signed in; `Cache-Control: private,
 *     no-cache`) → own cases, their goals with TAS level and next milestone, each goal's earlier
 *     task names, and what is due (src/http/app/lists-data.ts documents the shape).
 */
import type { Child } from 'hono/jsx'
import type { Lang } from '../../domain'
import type { Role } from '../../ledger/contract'
import { type AssetName, assetUrl } from './client-assets'
import { tr } from './i18n'
import { st } from './supervision-text'

/** Who is signed in, as the shell shows it. */
export type ShellUser = { readonly staffId: string; readonly role: Role; readonly csrf: string }

export type LayoutProps = {
  readonly lang: Lang
  readonly title: string
  /** The page's own path and query, for the language switch to come back to. */
  readonly here: string
  readonly user?: ShellUser | undefined
  /** Stylesheets a page needs beyond app.css (the supervision pages' charts and print rules). */
  readonly stylesheets?: readonly AssetName[] | undefined
  readonly children?: Child
}

const NAV_LINKS = [
  ['/app', 'home'],
  ['/app/tasks', 'tasks'],
  ['/app/sessions/new', 'newSession'],
  ['/app/sessions/group', 'groupSession'],
  ['/app/assessments/new', 'newAssessment'],
  ['/app/goals/new', 'newGoal'],
] as const

/** The language switch: a plain link (a preference, not data), back to the same page. */
const langHref = (lang: Lang, here: string): string =>
  `/app/lang/${lang === 'id' ? 'en' : 'id'}?back=${encodeURIComponent(here)}`

export function Layout(props: LayoutProps) {
  const { lang, title, user } = props
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${tr(lang, 'appName')}`}</title>
        {user === undefined ? null : <meta name="csrf-token" content={user.csrf} />}
        <link rel="stylesheet" href={assetUrl('app.css')} />
        {props.stylesheets?.map((name) => (
          <link rel="stylesheet" href={assetUrl(name)} />
        ))}
        {/* The offline work's scripts (outbox, then the page enhancement), before app.js. */}
        <script defer src={assetUrl('outbox.js')} />
        <script defer src={assetUrl('offline.js')} />
        <script type="module" src={assetUrl('app.js')} />
      </head>
      <body data-staff={user?.staffId}>
        <a class="skip" href="#main">
          {tr(lang, 'skip')}
        </a>
        <header class="top">
          <a class="brand" href="/app">
            {tr(lang, 'appName')}
          </a>
          {user === undefined ? null : (
            <span class="who">
              {user.staffId} · {tr(lang, `role_${user.role}`)}
            </span>
          )}
          <a class="lang" href={langHref(lang, props.here)} lang={lang === 'id' ? 'en' : 'id'}>
            {tr(lang, 'switchLang')}
          </a>
          {user === undefined ? null : (
            <form method="post" action="/app/sign-out">
              <input type="hidden" name="_csrf" value={user.csrf} />
              <button type="submit" class="link">
                {tr(lang, 'signOut')}
              </button>
            </form>
          )}
        </header>
        <p id="queue-state" class="queue-state" role="status" aria-live="polite" hidden />
        <main id="main">{props.children}</main>
        {user === undefined ? null : (
          <nav class="foot" aria-label={tr(lang, 'home')}>
            <ul class="nav-list">
              {NAV_LINKS.map(([href, key]) => (
                <li>
                  <a href={href}>{tr(lang, key)}</a>
                </li>
              ))}
              {user.role === 'worker' ? null : (
                <li>
                  <a href="/app/cases/new">{tr(lang, 'newCase')}</a>
                </li>
              )}
              {user.role === 'worker' ? null : (
                <li>
                  <a href="/app/dashboard">{st(lang, 'dashboard')}</a>
                </li>
              )}
            </ul>
          </nav>
        )}
      </body>
    </html>
  )
}
