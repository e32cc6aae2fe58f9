/**
 * @module
 * `/` → `/docs`. The docs page (`GET /docs`) and the OpenAPI document (`GET /openapi.json`) are
 * files in public/, built from the zod schemas by `npm run assets` (scripts/static-assets.ts) and
 * served by Workers Static Assets before the Worker sees the request: the document builder and
 * z.toJSONSchema stay out of the Worker's bundle.
 */
import { Hono } from 'hono/tiny'
import type { AppEnv } from '../app-env'

export const docsRoutes = (): Hono<AppEnv> => new Hono<AppEnv>().get('/', (c) => c.redirect('/docs', 302))
