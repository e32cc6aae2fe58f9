/**
 * @module
 * CORS for the configured origins only (config CORS_ORIGINS; none by default), with Hono's own
 * `cors` middleware (hono/cors). Without configured origins nothing is mounted: no CORS header at
 * all, and a preflight falls through to the usual 404/405. With origins, a listed origin gets
 * `Access-Control-Allow-Origin` (and the preflight its 204 with the allowed methods and headers);
 * any other origin gets no allow-origin header, so browsers keep the answer from that page.
 */
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { AppEnv } from './app-env'

const ALLOW_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'OPTIONS']
const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'Accept-Language',
  'X-Request-Id',
]
const EXPOSE_HEADERS = ['ETag', 'Location', 'Retry-After', 'Idempotency-Replayed', 'Content-Language', 'X-Request-Id']

/** The CORS middleware for `origins`, or undefined when there are none (mount nothing). */
export function corsFor(origins: readonly string[]): MiddlewareHandler<AppEnv> | undefined {
  if (origins.length === 0) return undefined
  const allowed = new Set(origins)
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ALLOW_METHODS,
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
  })
}
