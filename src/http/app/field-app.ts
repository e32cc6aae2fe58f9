/**
 * @module
 * The field app under `/app` (issue 8): server-rendered pages and forms for field workers and
 * coordinators (hono/jsx, Indonesian first), Google sign-in, and the client assets. Mounted by
 * src/http/app.ts; everything it needs comes in {@link AppDeps}, like the API's routes.
 * Public: the language switch and sign-in (the client assets are static files, public/app/). Everything else needs a signed-in staff
 * member (session-auth.tsx), and every POST its CSRF token.
 */
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { Hono } from 'hono/tiny'
import type { AppDeps, AppEnv } from '../app-env'
import { problem } from '../respond'
import { pageSecurity } from '../security-headers'
import type { FieldEnv } from './field-env'
import { tr } from './i18n'
import { listsData } from './lists-data'
import { LANG_COOKIE, page, pageLang, safeBack } from './page'
import { assessmentFormPage } from './pages/assessment-form'
import { caseFormPage } from './pages/case-form'
import { casePage } from './pages/case-page'
import { caseReportPage } from './pages/case-report'
import { dashboardPage } from './pages/dashboard'
import { eventFormPage } from './pages/event-form'
import { feedbackPage, giveFeedbackPage } from './pages/feedback'
import { goalFormPage } from './pages/goal-form'
import { groupSessionPage } from './pages/group-session'
import { homePage } from './pages/home'
import { rowEditPage } from './pages/row-edit'
import { sessionFormPage } from './pages/session-form'
import { tasksPage } from './pages/tasks'
import { isSecureOrigin } from './session'
import { signedInOnly } from './session-auth'
import { signInRoutes, signOut } from './sign-in-routes'

/** Pages answer in the language of the `lang` cookie (Indonesian by default), problems too. */
const pageLanguage: MiddlewareHandler<FieldEnv> = async (c, next) => {
  c.set('lang', pageLang(getCookie(c, LANG_COOKIE)))
  return next()
}

export function fieldAppRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<FieldEnv>()
  app.use(pageLanguage)
  // The strict page CSP (same origin only, no inline script or style) on every /app answer.
  app.use(pageSecurity() as unknown as MiddlewareHandler<FieldEnv>)
  // The client assets and the service worker are files in public/, served by Workers Static Assets
  // before the Worker sees the request (scripts/static-assets.ts). A request that reaches here names
  // no such file (another hash, say): a 404, not the sign-in redirect below.
  app.get('/static/*', (c) => problem(c as never, { kind: 'route_not_found' }))
  app.get('/sw.js', (c) => problem(c as never, { kind: 'route_not_found' }))
  // The language switch is a preference, not data: a plain link that sets a cookie for a year.
  app.get('/lang/:lang{id|en}', (c) => {
    setCookie(c, LANG_COOKIE, c.req.param('lang'), {
      path: '/app',
      sameSite: 'Lax',
      secure: isSecureOrigin(c.req.url),
      maxAge: 366 * 24 * 3600,
    })
    return c.redirect(safeBack(c.req.query('back')), 303)
  })
  app.route('/', signInRoutes(deps))

  app.use(signedInOnly(deps))
  app.post('/sign-out', (c) => signOut(c))
  app.get('/', (c) => homePage(c, deps))
  app.get('/tasks', (c) => tasksPage(c, deps))
  app.get('/data/lists.json', (c) => listsData(c, deps))
  app.on(['GET', 'POST'], '/sessions/new', (c) => sessionFormPage(c, deps))
  app.on(['GET', 'POST'], '/sessions/group', (c) => groupSessionPage(c, deps))
  app.on(['GET', 'POST'], '/assessments/new', (c) => assessmentFormPage(c, deps))
  app.on(['GET', 'POST'], '/goals/new', (c) => goalFormPage(c, deps))
  app.on(['GET', 'POST'], '/sessions/:id/edit', (c) => rowEditPage(c, deps, 'sessions'))
  app.on(['GET', 'POST'], '/assessments/:id/edit', (c) => rowEditPage(c, deps, 'assessments'))
  app.on(['GET', 'POST'], '/cases/new', (c) => caseFormPage(c, deps))
  app.on(['GET', 'POST'], '/cases/:id', (c) => casePage(c, deps))
  // Issue 9's supervision pages (the case report, the dashboard, events and feedback).
  app.get('/cases/:id/report', (c) => caseReportPage(c, deps))
  app.get('/dashboard', (c) => dashboardPage(c, deps))
  app.on(['GET', 'POST'], '/events/new', (c) => eventFormPage(c, deps))
  app.on(['GET', 'POST'], '/feedback/new', (c) => giveFeedbackPage(c, deps))
  app.on(['GET', 'POST'], '/feedback/:id', (c) => feedbackPage(c, deps))
  app.notFound((c) => page(c, 404, tr(c.var.lang, 'notFoundTitle'), null))
  return app as unknown as Hono<AppEnv>
}
