/**
 * @module
 * `POST /api/assessments`, `POST /api/goals`, `POST /api/sessions` (any role; workers only on
 * their own cases — the ledger checks the assignment), `GET /api/goals/{goal_id}/progress`, and
 * for sessions and assessments `GET /api/{tab}/{id}` (the row and its `ETag`) and `PATCH
 * /api/{tab}/{id}` (correct or withdraw the row: `If-Match` required, the field table of
 * field-rules.ts; a worker only on their own rows — another's answers like a missing one).
 */
import type { Context } from 'hono'
import { Hono } from 'hono/tiny'
import { todayIn } from '../../ledger/clock'
import type { RowPatchTab } from '../../ledger/contract'
import type { AppDeps, AppEnv } from '../app-env'
import { requireStaff } from '../auth'
import { formatEtag } from '../etag'
import { readPatch } from '../patch-request'
import { validPathId } from '../path-id'
import { AS_OF_QUERY, validQuery } from '../query'
import { json, problem } from '../respond'
import { submitHandler } from './submit'

/** The row and its version (`ETag`), for a client about to correct or withdraw it. */
export async function getRow(c: Context<AppEnv>, tab: RowPatchTab, id: string): Promise<Response> {
  const detail = await c.var.ledger.getRow(c.var.actor, tab, id)
  if (!detail.ok) return problem(c, detail.error)
  return json(detail.value, 200, { ETag: formatEtag(detail.value.etag) })
}

/** Corrects or withdraws the row (withdrawn_date + withdrawn_reason); answers the row, its new version and whether it is withdrawn. */
export async function patchRow(c: Context<AppEnv>, tab: RowPatchTab, id: string): Promise<Response> {
  const input = await readPatch(c, tab)
  if (!input.ok) return problem(c, input.error)
  const done = await c.var.ledger.patchRow({ tab, id, ...input.value, actor: c.var.actor })
  if (!done.ok) return problem(c, done.error)
  return json(done.value, 200, { ETag: formatEtag(done.value.etag) })
}

export const assessmentsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps))
    .post('/', submitHandler('assessments'))
    .get('/:assessment_id', validPathId('assessment_id', 'assessments'), (c) =>
      getRow(c, 'assessments', c.req.valid('param').assessment_id),
    )
    .patch('/:assessment_id', validPathId('assessment_id', 'assessments'), (c) =>
      patchRow(c, 'assessments', c.req.valid('param').assessment_id),
    )

export const sessionsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps))
    .post('/', submitHandler('sessions'))
    .get('/:session_id', validPathId('session_id', 'sessions'), (c) =>
      getRow(c, 'sessions', c.req.valid('param').session_id),
    )
    .patch('/:session_id', validPathId('session_id', 'sessions'), (c) =>
      patchRow(c, 'sessions', c.req.valid('param').session_id),
    )

export const goalsRoutes = (deps: AppDeps): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .use(requireStaff(deps))
    .post('/', submitHandler('goals'))
    .get('/:goal_id/progress', validPathId('goal_id', 'goals'), validQuery(AS_OF_QUERY), async (c) => {
      const asOf = c.req.valid('query').as_of ?? todayIn(deps.config.timezone, deps.now())
      const progress = await c.var.ledger.goalProgress(c.var.actor, c.req.valid('param').goal_id, asOf)
      return progress.ok ? json(progress.value) : problem(c, progress.error)
    })
