/**
 * @module
 * `GET /api/health` (public): `{ ok, sheet: reachable|unreachable, outbox }`, plus `problem` —
 * which spreadsheet, and what a person must do, in words — while Google refuses the service
 * account (most often: the spreadsheet is not shared with it as Editor). The ledger answers from
 * what it last saw; a health check never spends Google quota.
 */
import { Hono } from 'hono/tiny'
import type { AppEnv } from '../app-env'
import { json } from '../respond'
import { withSheetAccessMessage } from '../sheet-access'

export const healthRoutes = (): Hono<AppEnv> =>
  new Hono<AppEnv>().get('/', async (c) => json(withSheetAccessMessage(await c.var.ledger.health(), c.var.lang)))
