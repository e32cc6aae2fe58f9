/**
 * @module
 * The field app under `/app` (issue 8): server-rendered pages and forms for field workers and
 * coordinators, Google sign-in, and the client assets. Mounted by src/http/app.ts; everything
 * it needs comes in {@link AppDeps}, like the API's routes.
 */
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { problem } from '../respond'
import { serviceWorker, staticAsset } from './client-assets'

export function fieldAppRoutes(_deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/static/:file', (c) => staticAsset(c.req.param('file')) ?? problem(c, { kind: 'route_not_found' }))
    .get('/sw.js', () => serviceWorker())
}
