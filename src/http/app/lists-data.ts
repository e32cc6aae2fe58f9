/**
 * @module
 * `GET /app/data/lists.json` (layout.tsx (iv)): the last-seen lists the service worker keeps for
 * offline use — the signed-in staff member's active cases, their goals with TAS level and next
 * milestone, each goal's earlier task names, and what is due — as of today:
 *
 *     { as_of, staff_id, role,
 *       cases: [{ case_id, initials, stage, consent_date|null, worker }],
 *       goals: [{ goal_id, case_id, title, level, label, percent, status,
 *                 next_milestone: { day, date, target, mastered, status } | null }],
 *       tasks: { <goal_id>: [task, …] },
 *       due: [DueItem…] }   (src/domain/due-tasks.ts)
 *
 * `Cache-Control: private, no-cache`: the browser may keep it, must revalidate when online.
 */
import type { Context } from 'hono'
import { levelLabel } from '../../domain'
import { nextMilestone } from '../../domain/progress-tab'
import { todayIn } from '../../ledger/clock'
import type { AppDeps, AppEnv } from '../app-env'
import { problem } from '../respond'
import type { FieldEnv } from './field-env'

export async function listsData(c: Context<FieldEnv>, deps: AppDeps): Promise<Response> {
  const actor = c.var.actor
  const view = await c.var.ledger.fieldView(actor, todayIn(deps.config.timezone, deps.now()), {})
  if (!view.ok) return problem(c as unknown as Context<AppEnv>, view.error)
  const v = view.value
  return c.json(
    {
      as_of: v.as_of,
      staff_id: actor.staffId,
      role: actor.role,
      cases: v.cases.map((k) => ({
        case_id: k.case_id,
        initials: k.initials,
        stage: k.stage,
        consent_date: k.consent_date ?? null,
        worker: k.worker,
      })),
      goals: v.goals.map((g, i) => {
        const p = v.progress[i]
        return {
          goal_id: g.goal_id,
          case_id: g.case_id,
          title: g.title,
          level: p?.level ?? null,
          label: p === undefined ? null : levelLabel(p.level, c.var.lang),
          percent: p?.percent ?? null,
          status: p?.status ?? null,
          next_milestone: p === undefined ? null : nextMilestone(p.milestones, p.as_of),
        }
      }),
      tasks: v.tasks,
      due: v.due,
    },
    200,
    { 'Cache-Control': 'private, no-cache' },
  )
}
