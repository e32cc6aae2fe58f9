/**
 * @module
 * The HTTP API of api.md as a Hono app. Everything it needs is injected ({@link AppDeps}: config,
 * ledger stub factory, clock), so tests run it against an in-memory ledger and production wires
 * the Durable Object in src/index.ts. Routes are thin: read → validate with the domain → one
 * ledger call → answer; every failure goes through problem.ts.
 */

import { bodyLimit } from 'hono/body-limit'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { requestId } from 'hono/request-id'
import { Hono } from 'hono/tiny'
import { fieldAppRoutes } from './app/field-app'
import type { AppDeps, AppEnv } from './app-env'
import { corsFor } from './cors'
import { preferredLanguage } from './language'
import type { HttpProblem } from './problem'
import { requestContext } from './request-context'
import { problem } from './respond'
import { casesRoutes } from './routes/cases'
import { docsRoutes } from './routes/docs'
import { healthRoutes } from './routes/health'
import { progressRoutes } from './routes/progress'
import { assessmentsRoutes, goalsRoutes, sessionsRoutes } from './routes/rows'
import { dashboardRoutes, eventsRoutes, feedbackRoutes } from './routes/supervision'
import { syncRoutes } from './routes/sync'
import { securityHeaders } from './security-headers'

export type { AppDeps, AppEnv, LogEntry } from './app-env'

/** Names only: a stack frame list without the first line, which carries the error's message. */
const stackFrames = (e: unknown): string | undefined =>
  e instanceof Error && e.stack !== undefined
    ? e.stack
        .split('\n')
        .filter((line) => line.trimStart().startsWith('at '))
        .slice(0, 8)
        .join(' | ')
    : undefined

/** Request ids through Hono's middleware: the caller's `X-Request-Id` when it is a plain token (≤ 128 characters), else a fresh one. */
const requestIds = (newRequestId: (() => string) | undefined) =>
  requestId({ limitLength: 128, generator: newRequestId ?? (() => crypto.randomUUID()) })

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const log = deps.log ?? ((entry) => console.log(entry))
  const app = new Hono<AppEnv>()
  // Hono's own middleware where one fits: request id, security headers, CORS (configured
  // origins only), body limit; ours for the language, the ledger stub and the log line.
  app.use(requestIds(deps.newRequestId))
  app.use(requestContext(deps))
  app.use(securityHeaders())
  const cors = corsFor(deps.config.corsOrigins)
  if (cors !== undefined) app.use(cors)
  // Every body, of every route, is refused past the limit before anything reads it (413).
  app.use(
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: (c) => problem(c, { kind: 'body_too_large', limitBytes: deps.config.maxBodyBytes }),
    }),
  )
  app.use(
    methodNotAllowed({ app, onMethodNotAllowed: (c, allow) => problem(c, { kind: 'method_not_allowed', allow }) }),
  )
  app.route('/api/health', healthRoutes())
  app.route('/api/cases', casesRoutes(deps))
  app.route('/api/assessments', assessmentsRoutes(deps))
  app.route('/api/goals', goalsRoutes(deps))
  app.route('/api/sessions', sessionsRoutes(deps))
  app.route('/api/progress', progressRoutes(deps))
  app.route('/api/events', eventsRoutes(deps))
  app.route('/api/feedback', feedbackRoutes(deps))
  app.route('/api/dashboard', dashboardRoutes(deps))
  app.route('/api/sync', syncRoutes(deps))
  app.route('/app', fieldAppRoutes(deps))
  app.route('/', docsRoutes())
  app.notFound((c) => problem(c, { kind: 'route_not_found' }))
  app.onError((e, c) => {
    // The message may quote data; the log gets the error's class and code locations only.
    log({
      level: 'error',
      msg: 'unhandled',
      request_id: c.var.requestId,
      error: e instanceof Error ? e.name : typeof e,
      frames: stackFrames(e),
    })
    return problem(c, { kind: 'internal' })
  })
  return app
}

/**
 * The app of a Worker that cannot serve (its configuration is invalid): every request gets the
 * one problem, with a request id, the caller's language and the same security headers as any
 * other answer.
 */
export function createProblemApp(p: HttpProblem, newRequestId?: () => string): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use(requestIds(newRequestId))
  app.use(async (c, next) => {
    c.set('lang', preferredLanguage(c.req.header('accept-language')))
    await next()
    c.res.headers.set('X-Request-Id', c.var.requestId)
  })
  app.use(securityHeaders())
  app.all('*', (c) => problem(c, p))
  return app
}
