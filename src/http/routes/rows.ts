/**
 * @module
 * `POST /api/assessments`, `POST /api/goals`, `POST /api/sessions` (any role; workers only on
 * their own cases — the ledger checks the assignment) and `GET /api/goals/{goal_id}/progress`.
 */
import { Hono } from 'hono'
import { todayIn } from '../../ledger/clock'
import type { AppDeps, AppEnv } from '../app-env'
import { requireStaff } from '../auth'
import { validPathId } from '../path-id'
import { AS_OF_QUERY, validQuery } from '../query'
import { json, problem } from '../respond'
import { submitHandler } from './submit'

export const assessmentsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>().use(requireStaff(deps)).post('/', submitHandler('assessments'))

export const sessionsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>().use(requireStaff(deps)).post('/', submitHandler('sessions'))

export const goalsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps))
    .post('/', submitHandler('goals'))
    .get('/:goal_id/progress', validPathId('goal_id', 'goals'), validQuery(AS_OF_QUERY), async (c) => {
      const asOf = c.req.valid('query').as_of ?? todayIn(deps.config.timezone, deps.now())
      const progress = await c.var.ledger.goalProgress(c.var.actor, c.req.valid('param').goal_id, asOf)
      return progress.ok ? json(progress.value) : problem(c, progress.error)
    })
