/**
 * @module
 * The field app's reads (issue 8): who a signed-in email is, and one view per staff member —
 * visible active cases, their goals and progress, earlier task names, what is due, holidays,
 * clusters and assignable staff. {@link buildFieldView} is the pure part (plain rows in, the
 * view out), shared with the HTTP tests' in-memory ledger; {@link fieldView} feeds it from the
 * mirror. Scoping follows reads.ts: a worker sees only their own cases.
 */
import {
  type Assessment,
  type Case,
  type Goal,
  goalsProgress,
  type IsoDate,
  isWithdrawn,
  type Session,
  type StaffMember,
  staffKey,
} from '../domain'
import { dueTasks } from '../domain/due-tasks'
import { compareIds } from '../domain/progress-tab'
import type { Actor, CaseSummary, FieldView, FieldViewFilter, LedgerResult, StaffLookup } from './contract'
import type { Mirror } from './mirror'
import { listCases, seesAll } from './reads'

/** The Staff row whose email is `email` (trimmed, case-insensitive), never a staff id. */
export function lookupStaffByEmail(staff: readonly StaffMember[], email: string): StaffLookup {
  const key = staffKey(email)
  if (key === '' || !key.includes('@')) return { status: 'unknown' }
  const member = staff.find((s) => s.email !== undefined && staffKey(s.email) === key)
  if (member === undefined) return { status: 'unknown' }
  return member.active
    ? { status: 'active', actor: { staffId: member.staff_id, role: member.role } }
    : { status: 'inactive', staffId: member.staff_id }
}

export type FieldViewInput = {
  readonly actor: Actor
  readonly asOf: IsoDate
  /** The active cases the actor may see, already scoped and filtered, in id order. */
  readonly cases: readonly CaseSummary[]
  /** Every valid goal, session and assessment; only those of `cases` are used. */
  readonly goals: Iterable<Goal>
  readonly sessions: Iterable<Session>
  readonly assessments: Iterable<Assessment>
  readonly holidays: readonly IsoDate[]
  readonly clusters: readonly string[]
  readonly staff: readonly StaffMember[]
}

/** Distinct task names (case-insensitive, as first written), most recently worked on first. */
function earlierTasks(sessions: readonly Session[]): string[] {
  const latest = new Map<string, { name: string; date: IsoDate }>()
  for (const s of sessions) {
    if (isWithdrawn(s)) continue
    const key = s.task.trim().toLowerCase()
    const seen = latest.get(key)
    if (seen === undefined) latest.set(key, { name: s.task.trim(), date: s.date })
    else if (s.date > seen.date) latest.set(key, { name: seen.name, date: s.date })
  }
  return [...latest.values()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).map((t) => t.name)
}

export function buildFieldView(input: FieldViewInput): FieldView {
  const caseIds = new Set(input.cases.map((c) => c.case_id))
  const goals = [...input.goals]
    .filter((g) => caseIds.has(g.case_id))
    .sort((a, b) => compareIds(a.case_id, b.case_id) || compareIds(a.goal_id, b.goal_id))
  const goalIds = new Set(goals.map((g) => g.goal_id))
  const byGoal = new Map<string, Session[]>()
  for (const s of input.sessions) {
    if (!goalIds.has(s.goal_id)) continue
    const list = byGoal.get(s.goal_id)
    if (list === undefined) byGoal.set(s.goal_id, [s])
    else list.push(s)
  }
  const sessions = [...byGoal.values()].flat()
  const progress = goalsProgress({ goals, sessions, holidays: input.holidays, asOf: input.asOf })
  const assessments = [...input.assessments].filter((a) => caseIds.has(a.case_id))
  const tasks: Record<string, readonly string[]> = {}
  for (const g of goals) tasks[g.goal_id] = earlierTasks(byGoal.get(g.goal_id) ?? [])
  const staff = seesAll(input.actor)
    ? input.staff.filter((s) => s.active).map((s) => ({ staff_id: s.staff_id, role: s.role }))
    : [{ staff_id: input.actor.staffId, role: input.actor.role }]
  return {
    as_of: input.asOf,
    cases: input.cases,
    goals,
    progress,
    tasks,
    due: dueTasks({
      asOf: input.asOf,
      cases: input.cases as readonly Case[],
      goals,
      sessions,
      assessments,
      holidays: input.holidays,
      progress,
    }),
    holidays: input.holidays,
    clusters: input.clusters,
    staff,
  }
}

/** The view from the mirror: {@link listCases} scoping, active cases only. */
export function fieldView(
  mirror: Mirror,
  actor: Actor,
  asOf: IsoDate,
  filter: FieldViewFilter,
): LedgerResult<FieldView> {
  const listed = listCases(mirror, actor, {
    status: 'aktif',
    ...(filter.worker !== undefined && seesAll(actor) ? { worker: filter.worker } : {}),
  })
  if (!listed.ok) return listed
  return {
    ok: true,
    value: buildFieldView({
      actor,
      asOf,
      cases: listed.value,
      goals: mirror.validRows('goals'),
      sessions: mirror.validRows('sessions'),
      assessments: mirror.validRows('assessments'),
      holidays: mirror.holidays,
      clusters: mirror.context(asOf).lists.cluster,
      staff: mirror.staff,
    }),
  }
}
