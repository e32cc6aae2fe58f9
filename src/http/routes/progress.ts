/**
 * @module
 * `GET /api/progress?as_of=` (coordinator/admin): every active goal's progress, as the Progress
 * tab shows it.
 */
import { Hono } from 'hono/tiny'
import { todayIn } from '../../ledger/clock'
import type { AppDeps, AppEnv } from '../app-env'
import { requireRole, requireStaff, STAFF_WIDE } from '../auth'
import { AS_OF_QUERY, validQuery } from '../query'
import { json, problem } from '../respond'

export const progressRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps), requireRole(...STAFF_WIDE))
    .get('/', validQuery(AS_OF_QUERY), async (c) => {
      const asOf = c.req.valid('query').as_of ?? todayIn(deps.config.timezone, deps.now())
      const goals = await c.var.ledger.allProgress(c.var.actor, asOf)
      return goals.ok ? json({ as_of: asOf, goals: goals.value }) : problem(c, goals.error)
    })
