/**
 * @module
 * The read side of the ledger RPC: answered from the mirror (valid rows, plus accepted rows on
 * their way to the sheet), never from Google. Workers see only their own cases; a case (or a
 * goal of a case) a worker may not see is `not_found`, so ids do not leak.
 */
import {
  type Assessment,
  assessmentCoverage,
  buildDashboard,
  type Case,
  type CaseEvent,
  caseTScore,
  type DashboardSummary,
  type Feedback,
  type Goal,
  type GoalApproval,
  type GoalProgress,
  goalApprovals,
  goalProgress,
  goalsProgress,
  type IsoDate,
  isOpenFeedback,
  type Session,
  staffKey,
  type ValidationContext,
} from '../domain'
import { normalizeCode } from '../domain/normalize'
import { compareIds } from '../domain/progress-tab'
import type {
  Actor,
  CaseDetail,
  CaseFeedback,
  CaseFilter,
  CaseProgress,
  CaseSummary,
  GoalProgressView,
  LedgerError,
  LedgerResult,
} from './contract'
import type { Mirror } from './mirror'

const ok = <T>(value: T): LedgerResult<T> => ({ ok: true, value })
const fail = <T>(error: LedgerError): LedgerResult<T> => ({ ok: false, error })

/** Coordinators and admins see every case. */
export const seesAll = (actor: Actor): boolean => actor.role !== 'worker'

/** A case is a worker's own when its worker cell names the worker's staff id or email. */
export function ownsCase(mirror: Mirror, actor: Actor, theCase: Pick<Case, 'worker'>): boolean {
  const worker = staffKey(theCase.worker)
  if (worker === staffKey(actor.staffId)) return true
  const member = mirror.staffMember(actor.staffId)
  return member?.email !== undefined && staffKey(member.email) === worker
}

const mayRead = (mirror: Mirror, actor: Actor, theCase: Case): boolean =>
  seesAll(actor) || ownsCase(mirror, actor, theCase)

/** A read-only view of `map` holding only the values `keep` admits: lookups stay O(1), nothing is copied. */
class FilteredMap<V> implements ReadonlyMap<string, V> {
  readonly #map: ReadonlyMap<string, V>
  readonly #keep: (value: V) => boolean
  constructor(map: ReadonlyMap<string, V>, keep: (value: V) => boolean) {
    this.#map = map
    this.#keep = keep
  }
  get(key: string): V | undefined {
    const value = this.#map.get(key)
    return value !== undefined && this.#keep(value) ? value : undefined
  }
  has(key: string): boolean {
    return this.get(key) !== undefined
  }
  get size(): number {
    let n = 0
    for (const _ of this.entries()) n++
    return n
  }
  *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.#map) if (this.#keep(value)) yield [key, value]
  }
  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key
  }
  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries()
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this)
  }
}

/**
 * The validation context as this actor may see it: everything for coordinators and admins; for
 * a worker only their own cases and those cases' goals, so that another worker's case or goal
 * is judged exactly like one that does not exist (the same `case_not_found`/`goal_not_found`
 * answer: no existence oracle).
 */
export function visibleContext(mirror: Mirror, actor: Actor, context: ValidationContext): ValidationContext {
  if (seesAll(actor)) return context
  const own = (c: Case): boolean => ownsCase(mirror, actor, c)
  const cases = new FilteredMap(context.cases, own)
  return { ...context, cases, goals: new FilteredMap(context.goals, (g: Goal) => cases.has(g.case_id)) }
}

/** The case if it exists, is valid and the actor may see it. */
function visibleCase(mirror: Mirror, actor: Actor, caseId: string) {
  const entry = mirror.get('cases', caseId)
  if (entry === undefined || !entry.valid || entry.row === null || !mayRead(mirror, actor, entry.row)) return undefined
  return entry
}

const byId =
  <T>(idOf: (row: T) => string) =>
  (a: T, b: T): number =>
    compareIds(idOf(a), idOf(b))

function goalsOf(mirror: Mirror, caseId: string): Goal[] {
  return [...mirror.validRows('goals')].filter((g) => g.case_id === caseId).sort(byId((g: Goal) => g.goal_id))
}

/** The valid feedback rows about any of `goalIds` (the approval states of those goals). */
function feedbackOnGoals(mirror: Mirror, goalIds: ReadonlySet<string>): Feedback[] {
  const out: Feedback[] = []
  for (const f of mirror.validRows('feedback')) if (goalIds.has(f.target)) out.push(f)
  return out
}

/** Each goal's progress with its plan approval as of the same date (issue 9 point 2). */
function withApprovals(mirror: Mirror, progress: readonly GoalProgress[], asOf: IsoDate): GoalProgressView[] {
  const ids = progress.map((p) => p.goal_id)
  const approvals = goalApprovals(ids, feedbackOnGoals(mirror, new Set(ids)), asOf)
  return progress.map((p, i) => ({ ...p, approval: approvals[i] as GoalApproval }))
}

function sessionsOf(mirror: Mirror, predicate: (s: Session) => boolean): Session[] {
  const out: Session[] = []
  for (const s of mirror.validRows('sessions')) if (predicate(s)) out.push(s)
  return out
}

export function listCases(mirror: Mirror, actor: Actor, filter: CaseFilter): LedgerResult<readonly CaseSummary[]> {
  const out: CaseSummary[] = []
  const worker = filter.worker === undefined ? undefined : staffKey(filter.worker)
  const cluster = filter.cluster === undefined ? undefined : normalizeCode(filter.cluster)
  for (const entry of mirror.entries('cases')) {
    const row = entry.row
    if (!entry.valid || row === null || !mayRead(mirror, actor, row)) continue
    if (filter.status !== undefined && row.status !== filter.status) continue
    if (worker !== undefined && staffKey(row.worker) !== worker) continue
    if (cluster !== undefined && row.cluster !== cluster) continue
    out.push({ ...row, sync: entry.state, etag: entry.etag })
  }
  return ok(out.sort(byId((c: CaseSummary) => c.case_id)))
}

export function caseProgress(mirror: Mirror, actor: Actor, caseId: string, asOf: IsoDate): LedgerResult<CaseProgress> {
  if (visibleCase(mirror, actor, caseId) === undefined) return fail({ kind: 'not_found', resource: 'case', id: caseId })
  return ok(progressOfCase(mirror, caseId, asOf))
}

function progressOfCase(mirror: Mirror, caseId: string, asOf: IsoDate): CaseProgress {
  const goals = goalsOf(mirror, caseId)
  const goalIds = new Set(goals.map((g) => g.goal_id))
  const progress = goalsProgress({
    goals,
    sessions: sessionsOf(mirror, (s) => goalIds.has(s.goal_id)),
    holidays: mirror.calendar,
    asOf,
  })
  // domain.md "Case outcome": each goal weighs its `weight` (default 1).
  const t_score =
    goals.length === 0
      ? null
      : caseTScore(
          progress.map((p, i) => ({ level: p.level, success_level: p.success_level, weight: goals[i]?.weight ?? 1 })),
        )
  return { case_id: caseId, as_of: asOf, goals: withApprovals(mirror, progress, asOf), t_score }
}

export function getCase(mirror: Mirror, actor: Actor, caseId: string, asOf: IsoDate): LedgerResult<CaseDetail> {
  const entry = visibleCase(mirror, actor, caseId)
  if (entry === undefined || entry.row === null) return fail({ kind: 'not_found', resource: 'case', id: caseId })
  return ok({
    case: entry.row,
    etag: entry.etag,
    sync: entry.state,
    goals: goalsOf(mirror, caseId),
    progress: progressOfCase(mirror, caseId, asOf),
  })
}

export function listAssessments(
  mirror: Mirror,
  actor: Actor,
  caseId: string,
): LedgerResult<{
  readonly assessments: readonly Assessment[]
  readonly coverage: ReturnType<typeof assessmentCoverage>
}> {
  if (visibleCase(mirror, actor, caseId) === undefined) return fail({ kind: 'not_found', resource: 'case', id: caseId })
  const assessments = [...mirror.validRows('assessments')]
    .filter((a) => a.case_id === caseId)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : compareIds(a.assessment_id, b.assessment_id)))
  return ok({ assessments, coverage: assessmentCoverage(caseId, assessments) })
}

export function listSessions(mirror: Mirror, actor: Actor, caseId: string): LedgerResult<readonly Session[]> {
  if (visibleCase(mirror, actor, caseId) === undefined) return fail({ kind: 'not_found', resource: 'case', id: caseId })
  const sessions = sessionsOf(mirror, (s) => s.case_id === caseId).sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : compareIds(a.session_id, b.session_id),
  )
  return ok(sessions)
}

export function progressOfGoal(
  mirror: Mirror,
  actor: Actor,
  goalId: string,
  asOf: IsoDate,
): LedgerResult<GoalProgressView> {
  const entry = mirror.get('goals', goalId)
  const goal = entry?.valid === true ? entry.row : null
  if (goal === null || goal === undefined || visibleCase(mirror, actor, goal.case_id) === undefined) {
    return fail({ kind: 'not_found', resource: 'goal', id: goalId })
  }
  const progress = goalProgress({
    goal,
    sessions: sessionsOf(mirror, (s) => s.goal_id === goalId),
    holidays: mirror.calendar,
    asOf,
  })
  return ok(withApprovals(mirror, [progress], asOf)[0] as GoalProgressView)
}

/** Every goal of an `aktif` case, as the Progress tab lists them (coordinators and admins). */
export function allProgress(mirror: Mirror, actor: Actor, asOf: IsoDate): LedgerResult<readonly GoalProgressView[]> {
  if (!seesAll(actor)) return fail({ kind: 'forbidden', reason: 'role' })
  const active = new Set<string>()
  for (const c of mirror.validRows('cases')) if (c.status === 'aktif') active.add(c.case_id)
  const goals = [...mirror.validRows('goals')]
    .filter((g) => active.has(g.case_id))
    .sort((a, b) => compareIds(a.case_id, b.case_id) || compareIds(a.goal_id, b.goal_id))
  const progress = goalsProgress({
    goals,
    sessions: [...mirror.validRows('sessions')],
    holidays: mirror.calendar,
    asOf,
  })
  return ok(withApprovals(mirror, progress, asOf))
}

const byDateThenId =
  <T extends { readonly date: string }>(idOf: (row: T) => string) =>
  (a: T, b: T): number =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : compareIds(idOf(a), idOf(b))

/** The case's events by date, then id (issue 9 point 1). */
export function listEvents(mirror: Mirror, actor: Actor, caseId: string): LedgerResult<readonly CaseEvent[]> {
  if (visibleCase(mirror, actor, caseId) === undefined) return fail({ kind: 'not_found', resource: 'case', id: caseId })
  const events = [...mirror.validRows('events')].filter((e) => e.case_id === caseId)
  return ok(events.sort(byDateThenId((e: CaseEvent) => e.event_id)))
}

/** The case's feedback (each marked open or not as of `asOf`) and its goals' approval states (issue 9 point 2). */
export function listFeedback(mirror: Mirror, actor: Actor, caseId: string, asOf: IsoDate): LedgerResult<CaseFeedback> {
  if (visibleCase(mirror, actor, caseId) === undefined) return fail({ kind: 'not_found', resource: 'case', id: caseId })
  const rows = [...mirror.validRows('feedback')]
    .filter((f) => f.case_id === caseId)
    .sort(byDateThenId((f: Feedback) => f.feedback_id))
  const goals = goalsOf(mirror, caseId).map((g) => g.goal_id)
  return ok({
    case_id: caseId,
    as_of: asOf,
    feedback: rows.map((f) => ({ ...f, open: isOpenFeedback(f, asOf) })),
    approvals: goalApprovals(goals, rows, asOf),
  })
}

/**
 * The coordinator's dashboard as of `asOf` (issue 9 point 3): domain buildDashboard — the function
 * the Dashboard tab is written from — over the mirror's valid rows (coordinators and admins).
 */
export function dashboard(mirror: Mirror, actor: Actor, asOf: IsoDate): LedgerResult<DashboardSummary> {
  if (!seesAll(actor)) return fail({ kind: 'forbidden', reason: 'role' })
  const { summary } = buildDashboard({
    cases: [...mirror.validRows('cases')],
    goals: [...mirror.validRows('goals')],
    sessions: [...mirror.validRows('sessions')],
    feedback: [...mirror.validRows('feedback')],
    staff: mirror.staff,
    holidays: mirror.calendar,
    asOf,
  })
  return ok(summary)
}
