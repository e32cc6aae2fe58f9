/**
 * @module
 * `/api/cases`: list (workers see their own cases), create (coordinator/admin), read with its
 * goals, progress and `ETag`, its events and feedback (issue 9), and PATCH guarded by `If-Match` (428 without it, 412 when the row
 * changed — a PATCH never overwrites a staff edit it has not seen) and by the field table of
 * field-rules.ts (403 with a pointer per field the role may not change).
 */
import { Hono } from 'hono/tiny'
import { todayIn } from '../../ledger/clock'
import type { AppDeps, AppEnv } from '../app-env'
import { requireRole, requireStaff, STAFF_WIDE } from '../auth'
import { formatEtag } from '../etag'
import { readPatch } from '../patch-request'
import { validPathId } from '../path-id'
import { AS_OF_QUERY, CASE_LIST_QUERY, validQuery } from '../query'
import { json, problem } from '../respond'
import { submitHandler } from './submit'

export function casesRoutes(deps: AppDeps): Hono<AppEnv> {
  const today = () => todayIn(deps.config.timezone, deps.now())
  return (
    new Hono<AppEnv>()
      .use(requireStaff(deps))
      .get('/', validQuery(CASE_LIST_QUERY), async (c) => {
        const { status, worker, cluster } = c.req.valid('query')
        const filter = {
          ...(status === undefined ? {} : { status }),
          ...(worker === undefined ? {} : { worker }),
          ...(cluster === undefined ? {} : { cluster }),
        }
        const cases = await c.var.ledger.listCases(c.var.actor, filter)
        return cases.ok ? json({ cases: cases.value }) : problem(c, cases.error)
      })
      .post('/', requireRole(...STAFF_WIDE), submitHandler('cases'))
      .get('/:case_id', validPathId('case_id', 'cases'), validQuery(AS_OF_QUERY), async (c) => {
        const asOf = c.req.valid('query').as_of ?? today()
        const detail = await c.var.ledger.getCase(c.var.actor, c.req.valid('param').case_id, asOf)
        if (!detail.ok) return problem(c, detail.error)
        return json(detail.value, 200, { ETag: formatEtag(detail.value.etag) })
      })
      .patch('/:case_id', validPathId('case_id', 'cases'), async (c) => {
        const input = await readPatch(c, 'cases')
        if (!input.ok) return problem(c, input.error)
        const done = await c.var.ledger.patchCase({
          caseId: c.req.valid('param').case_id,
          patch: input.value.patch,
          ifMatch: input.value.ifMatch,
          actor: c.var.actor,
        })
        if (!done.ok) return problem(c, done.error)
        return json(done.value, 200, { ETag: formatEtag(done.value.etag) })
      })
      .get('/:case_id/assessments', validPathId('case_id', 'cases'), async (c) => {
        const list = await c.var.ledger.listAssessments(c.var.actor, c.req.valid('param').case_id)
        return list.ok ? json(list.value) : problem(c, list.error)
      })
      .get('/:case_id/sessions', validPathId('case_id', 'cases'), async (c) => {
        const list = await c.var.ledger.listSessions(c.var.actor, c.req.valid('param').case_id)
        return list.ok ? json({ sessions: list.value }) : problem(c, list.error)
      })
      .get('/:case_id/progress', validPathId('case_id', 'cases'), validQuery(AS_OF_QUERY), async (c) => {
        const asOf = c.req.valid('query').as_of ?? today()
        const progress = await c.var.ledger.caseProgress(c.var.actor, c.req.valid('param').case_id, asOf)
        return progress.ok ? json(progress.value) : problem(c, progress.error)
      })
      // Issue 9: the case's events and its supervisor feedback (with its goals' approval states).
      .get('/:case_id/events', validPathId('case_id', 'cases'), async (c) => {
        const list = await c.var.ledger.listEvents(c.var.actor, c.req.valid('param').case_id)
        return list.ok ? json({ events: list.value }) : problem(c, list.error)
      })
      .get('/:case_id/feedback', validPathId('case_id', 'cases'), validQuery(AS_OF_QUERY), async (c) => {
        const asOf = c.req.valid('query').as_of ?? today()
        const list = await c.var.ledger.listFeedback(c.var.actor, c.req.valid('param').case_id, asOf)
        return list.ok ? json(list.value) : problem(c, list.error)
      })
  )
}
