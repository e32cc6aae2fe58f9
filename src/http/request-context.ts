/**
 * @module
 * The middleware after the request id (hono/request-id, app.ts): the answer language, this
 * request's ledger stub, the `X-Request-Id` answer header (set on the final answer, which routes
 * build as plain Responses), and one JSON log line when the answer is ready — method, route
 * pattern, status, duration, request id, staff id and problem kind. Never a body, a query
 * string, a note or a cell value.
 */
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppDeps, AppEnv, LogEntry } from './app-env'
import { preferredLanguage } from './language'

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const log = deps.log ?? ((entry: LogEntry) => console.log(entry))
  return async (c, next) => {
    const started = deps.now()
    const requestId = c.var.requestId
    c.set('lang', preferredLanguage(c.req.header('accept-language')))
    c.set('ledger', deps.ledger())
    await next()
    c.res.headers.set('X-Request-Id', requestId)
    const route = routePath(c, -1)
    log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      request_id: requestId,
      method: c.req.method,
      route: route === '/*' ? '(unmatched)' : route,
      status: c.res.status,
      duration_ms: deps.now() - started,
      staff_id: c.get('actor')?.staffId,
      problem: c.get('problem'),
    })
  }
}
