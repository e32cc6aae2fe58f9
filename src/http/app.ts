/**
 * @module
 * The HTTP API of api.md as a Hono app. Everything it needs is injected ({@link AppDeps}: config,
 * ledger stub factory, clock), so tests run it against an in-memory ledger and production wires
 * the Durable Object in src/index.ts. Routes are thin: read → validate with the domain → one
 * ledger call → answer; every failure goes through problem.ts.
 */
import { Hono } from 'hono'
import { methodNotAllowed } from 'hono/method-not-allowed'
import { fieldAppRoutes } from './app/field-app'
import type { AppDeps, AppEnv } from './app-env'
import { corsFor } from './cors'
import { requestContext } from './request-context'
import { problem } from './respond'
import { casesRoutes } from './routes/cases'
import { docsRoutes } from './routes/docs'
import { healthRoutes } from './routes/health'
import { progressRoutes } from './routes/progress'
import { assessmentsRoutes, goalsRoutes, sessionsRoutes } from './routes/rows'
import { syncRoutes } from './routes/sync'

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

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const log = deps.log ?? ((entry) => console.log(entry))
  const app = new Hono<AppEnv>()
  app.use(requestContext(deps))
  app.use(corsFor(deps.config.corsOrigins))
  app.use(
    methodNotAllowed({ app, onMethodNotAllowed: (c, allow) => problem(c, { kind: 'method_not_allowed', allow }) }),
  )
  app.route('/api/health', healthRoutes())
  app.route('/api/cases', casesRoutes(deps))
  app.route('/api/assessments', assessmentsRoutes(deps))
  app.route('/api/goals', goalsRoutes(deps))
  app.route('/api/sessions', sessionsRoutes(deps))
  app.route('/api/progress', progressRoutes(deps))
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
