/**
 * @module
 * Supervision (issue 9): `POST /api/events` (any role; a worker on their own cases, in their own
 * name — the ledger checks), `POST /api/feedback` (coordinators and admins), `GET` and `PATCH
 * /api/feedback/{id}` (resolving: the row PATCH of rows.ts — `If-Match`, the field table of
 * field-rules.ts: a worker sets only `resolved_date` and `reply`, on their own cases' feedback),
 * and `GET /api/dashboard?as_of=` (coordinators and admins: the figures of the Dashboard tab).
 * The case-scoped lists are in cases.ts (`/api/cases/{id}/events`, `/feedback`).
 */
import { Hono } from 'hono/tiny'
import { todayIn } from '../../ledger/clock'
import type { AppDeps, AppEnv } from '../app-env'
import { requireRole, requireStaff, STAFF_WIDE } from '../auth'
import { validPathId } from '../path-id'
import { AS_OF_QUERY, validQuery } from '../query'
import { json, problem } from '../respond'
import { getRow, patchRow } from './rows'
import { submitHandler } from './submit'

export const eventsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>().use(requireStaff(deps)).post('/', submitHandler('events'))

export const feedbackRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps))
    .post('/', requireRole(...STAFF_WIDE), submitHandler('feedback'))
    .get('/:feedback_id', validPathId('feedback_id', 'feedback'), (c) =>
      getRow(c, 'feedback', c.req.valid('param').feedback_id),
    )
    .patch('/:feedback_id', validPathId('feedback_id', 'feedback'), (c) =>
      patchRow(c, 'feedback', c.req.valid('param').feedback_id),
    )

export const dashboardRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps), requireRole(...STAFF_WIDE))
    .get('/', validQuery(AS_OF_QUERY), async (c) => {
      const asOf = c.req.valid('query').as_of ?? todayIn(deps.config.timezone, deps.now())
      const summary = await c.var.ledger.dashboard(c.var.actor, asOf)
      return summary.ok ? json(summary.value) : problem(c, summary.error)
    })
