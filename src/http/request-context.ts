/**
 * @module
 * The first middleware of every request: a request id (the caller's `X-Request-Id` when it is a
 * plain token, else a fresh UUID), the answer language, this request's ledger stub, and one JSON
 * log line when the answer is ready — method, route pattern, status, duration, request id, staff
 * id and problem kind. Never a body, a query string, a note or a cell value.
 */
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppDeps, AppEnv, LogEntry } from './app-env'
import { preferredLanguage } from './language'

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,128}$/

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const newId = deps.newRequestId ?? (() => crypto.randomUUID())
  const log = deps.log ?? ((entry: LogEntry) => console.log(entry))
  return async (c, next) => {
    const started = deps.now()
    const incoming = c.req.header('x-request-id')
    const requestId = incoming !== undefined && REQUEST_ID_RE.test(incoming) ? incoming : newId()
    c.set('requestId', requestId)
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
