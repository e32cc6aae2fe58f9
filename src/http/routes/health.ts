/**
 * @module
 * `GET /api/health` (public): `{ ok, sheet: reachable|unreachable, outbox }`. The ledger answers
 * from what it last saw; a health check never spends Google quota.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { json } from '../respond'

export const healthRoutes = (): Hono<AppEnv> =>
  new Hono<AppEnv>().get('/', async (c) => json(await c.var.ledger.health()))
