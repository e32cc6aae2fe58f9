/**
 * @module
 * `GET /api/progress?as_of=` (coordinator/admin): every active goal's progress, as the Progress
 * tab shows it.
 */
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { requireRole, requireStaff, STAFF_WIDE } from '../auth'
import { parseAsOf } from '../query'
import { json, problem } from '../respond'
import { todayIn } from '../today'

export const progressRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>().use(requireStaff(deps), requireRole(...STAFF_WIDE)).get('/', async (c) => {
    const asOf = parseAsOf(c.req.query('as_of'), todayIn(deps.config.timezone, deps.now()))
    if (!asOf.ok) return problem(c, asOf.error)
    const goals = await c.var.ledger.allProgress(c.var.actor, asOf.value)
    return goals.ok ? json({ as_of: asOf.value, goals: goals.value }) : problem(c, goals.error)
  })
