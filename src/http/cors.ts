/**
 * @module
 * CORS for the configured origins only (config CORS_ORIGINS; none by default). A request from
 * any other origin gets no CORS header at all, so browsers keep the answer from that page; a
 * preflight from it falls through to the usual 404/405.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env'

const ALLOW_METHODS = 'GET, HEAD, POST, PATCH, OPTIONS'
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match, Accept-Language, X-Request-Id'
const EXPOSE_HEADERS = 'ETag, Location, Retry-After, Idempotency-Replayed, Content-Language, X-Request-Id'

export function corsFor(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins)
  return async (c, next) => {
    const origin = c.req.header('origin')
    if (origin === undefined || !allowed.has(origin)) {
      await next()
      if (allowed.size > 0) c.res.headers.append('Vary', 'Origin')
      return undefined
    }
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': ALLOW_METHODS,
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        },
      })
    }
    await next()
    c.res.headers.set('Access-Control-Allow-Origin', origin)
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS)
    c.res.headers.append('Vary', 'Origin')
    return undefined
  }
}
