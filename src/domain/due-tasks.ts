/**
 * @module
 * What is due (issue 8 point 3, the field app's `/app/tasks`): from the rows a staff member may
 * see, the list of things to do, each naming the case (and goal) it is about so the app can link
 * to the form that resolves it. Pure: `asOf` and the holidays are passed in; the caller scopes
 * the rows (a worker's own cases, or every case for a coordinator).
 *
 * Counting rule used throughout: "n working days without X" counts whole working days that have
 * passed — from the day after the last X (or from the day the clock started) up to the day
 * before `asOf` — because today is not over: a session logged this afternoon still counts.
 */
import { type AssessmentCoverage, assessmentCoverage } from './assessment-coverage'
import type { Assessment } from './assessment-row'
import type { Case } from './case-row'
import type { Goal } from './goal-row'
import { addDays, type IsoDate, weekday } from './iso-date'
import { compareIds } from './progress-tab'
import type { Session } from './session-row'
import { type GoalProgress, goalsProgress } from './task-achievement'
import { isWithdrawn, type WithdrawalFields } from './withdrawal'
import { type CalendarSource, calendarOf, countWorkingDays, firstWorkingDay, lastWorkingDay } from './working-days'

/** Working days without a session after which an ongoing goal is due for one (issue 8). */
export const IDLE_GOAL_DAYS = 3
/** Working days after consent by which a case should have its first assessment (issue 8). */
export const ASSESSMENT_DUE_DAYS = 5

/** The closure fields a case at `terminasi` needs (domain.md "Case": required when not `aktif`). */
export const CLOSURE_FIELDS = ['closed_date', 'closure_reason', 'referred_to'] as const
export type ClosureField = (typeof CLOSURE_FIELDS)[number]

type MilestoneRef = { readonly day: number; readonly date: IsoDate; readonly target: number; readonly mastered: number }
type DomainRef = { readonly tool: 'bpss' | 'ils'; readonly domain: string }

/** One thing to do. `worker` is the case's worker cell, for filtering and for coordinators. */
export type DueItem =
  /** A pending milestone whose date falls in the week of `asOf` (Monday–Sunday), today included. */
  | ({ readonly kind: 'milestone_due'; readonly case_id: string; readonly goal_id: string } & DueCommon & MilestoneRef)
  /** A goal still running with missed milestones (domain.md TAS rule 8): behind its plan. */
  | ({
      readonly kind: 'goal_behind'
      readonly case_id: string
      readonly goal_id: string
      readonly missed: readonly MilestoneRef[]
      readonly level: number
    } & DueCommon)
  /** A running goal with no session for ≥ IDLE_GOAL_DAYS working days (or none since day 1). */
  | ({
      readonly kind: 'goal_idle'
      readonly case_id: string
      readonly goal_id: string
      readonly last_session: IsoDate | null
      readonly working_days: number
    } & DueCommon)
  /** Consent given ≥ ASSESSMENT_DUE_DAYS working days ago and no assessment yet. */
  | ({
      readonly kind: 'assessment_missing'
      readonly case_id: string
      readonly consent_date: IsoDate
      readonly working_days: number
    } & DueCommon)
  /** Assessed, but some BPSS/ILS domain is not covered or not backed by two sources. */
  | ({
      readonly kind: 'coverage_incomplete'
      readonly case_id: string
      readonly missing: readonly DomainRef[]
      readonly untriangulated: readonly DomainRef[]
    } & DueCommon)
  /** At stage `terminasi` without every closure field. */
  | ({
      readonly kind: 'closure_missing'
      readonly case_id: string
      readonly fields: readonly ClosureField[]
    } & DueCommon)

type DueCommon = { readonly worker: string; readonly initials: string }

export type DueKind = DueItem['kind']

/** Order of the list: what is late first, then what is due soon, then the paperwork. */
export const DUE_KINDS: readonly DueKind[] = [
  'goal_behind',
  'milestone_due',
  'goal_idle',
  'assessment_missing',
  'coverage_incomplete',
  'closure_missing',
]

export type DueInput = {
  readonly asOf: IsoDate
  readonly cases: readonly Case[]
  readonly goals: readonly Goal[]
  readonly sessions: readonly Pick<Session, 'goal_id' | 'date' | 'task' | 'assistance' | 'rating'>[]
  /** Withdrawn rows (withdrawal.ts) do not count as assessed. */
  readonly assessments: readonly (Pick<Assessment, 'case_id' | 'tool' | 'domain' | 'source'> & WithdrawalFields)[]
  readonly holidays: CalendarSource
  /** The goals' progress as of `asOf` when the caller has it already (index i = goals[i]). */
  readonly progress?: readonly GoalProgress[]
}

/** Sunday of the ISO week (Monday–Sunday) that holds `date`. */
export const endOfWeek = (date: IsoDate): IsoDate => addDays(date, (7 - weekday(date)) % 7)

/** Whole working days from `from` to the day before `asOf` (0 when `from` ≥ `asOf`). */
const elapsed = (from: IsoDate, asOf: IsoDate, holidays: CalendarSource): number =>
  from >= asOf ? 0 : countWorkingDays(from, addDays(asOf, -1), holidays)

const domainsWhere = (
  coverage: AssessmentCoverage,
  test: (d: { covered: boolean; triangulated: boolean }) => boolean,
) => [
  ...coverage.bpss.filter(test).map((d): DomainRef => ({ tool: 'bpss', domain: d.domain })),
  ...coverage.ils.filter(test).map((d): DomainRef => ({ tool: 'ils', domain: d.domain })),
]

/** Everything due as of `asOf` for the given rows, in {@link DUE_KINDS} order, then by date and id. */
export function dueTasks(input: DueInput): DueItem[] {
  const { asOf } = input
  const calendar = calendarOf(input.holidays)
  const active = input.cases.filter((c) => c.status === 'aktif')
  const activeIds = new Map(active.map((c) => [c.case_id, c]))
  const goals: { readonly goal: Goal; readonly progress: GoalProgress | undefined }[] = []
  input.goals.forEach((goal, i) => {
    if (activeIds.has(goal.case_id)) goals.push({ goal, progress: input.progress?.[i] })
  })
  if (goals.some((g) => g.progress === undefined)) {
    const computed = goalsProgress({
      goals: goals.map((g) => g.goal),
      sessions: input.sessions,
      holidays: calendar,
      asOf,
    })
    goals.forEach((g, i) => {
      goals[i] = { goal: g.goal, progress: computed[i] }
    })
  }
  const weekEnd = endOfWeek(asOf)
  const items: DueItem[] = []

  for (const { goal, progress: p } of goals) {
    const theCase = activeIds.get(goal.case_id) as Case
    const common = { case_id: goal.case_id, goal_id: goal.goal_id, worker: theCase.worker, initials: theCase.initials }
    if (p === undefined) continue
    const day1 = firstWorkingDay(goal.start_date, calendar)
    const last = lastWorkingDay(goal.start_date, goal.duration_days, calendar)
    // A goal runs from its day 1 to its last working day; before or after, nothing is due on it.
    if (asOf < day1 || asOf > last) continue
    const ref = (m: GoalProgress['milestones'][number]): MilestoneRef => ({
      day: m.day,
      date: m.date,
      target: m.target,
      mastered: m.mastered,
    })
    const missed = p.milestones.filter((m) => m.status === 'missed').map(ref)
    if (missed.length > 0) items.push({ kind: 'goal_behind', ...common, missed, level: p.level })
    for (const m of p.milestones) {
      if (m.status === 'pending' && m.date >= asOf && m.date <= weekEnd) {
        items.push({ kind: 'milestone_due', ...common, ...ref(m) })
      }
    }
    const since = p.last_session === null ? day1 : addDays(p.last_session, 1)
    const idle = elapsed(since, asOf, calendar)
    if (idle >= IDLE_GOAL_DAYS) {
      items.push({ kind: 'goal_idle', ...common, last_session: p.last_session, working_days: idle })
    }
  }

  const assessed = new Map<string, Pick<Assessment, 'case_id' | 'tool' | 'domain' | 'source'>[]>()
  for (const a of input.assessments) {
    if (!activeIds.has(a.case_id) || isWithdrawn(a)) continue
    const list = assessed.get(a.case_id)
    if (list === undefined) assessed.set(a.case_id, [a])
    else list.push(a)
  }
  for (const c of active) {
    const common = { case_id: c.case_id, worker: c.worker, initials: c.initials }
    const rows = assessed.get(c.case_id)
    if (rows === undefined) {
      if (c.consent_date !== undefined) {
        const days = elapsed(addDays(c.consent_date, 1), asOf, calendar)
        if (days >= ASSESSMENT_DUE_DAYS) {
          items.push({ kind: 'assessment_missing', ...common, consent_date: c.consent_date, working_days: days })
        }
      }
    } else {
      const coverage = assessmentCoverage(c.case_id, rows)
      if (!coverage.complete || !coverage.triangulated) {
        items.push({
          kind: 'coverage_incomplete',
          ...common,
          missing: domainsWhere(coverage, (d) => !d.covered),
          untriangulated: domainsWhere(coverage, (d) => d.covered && !d.triangulated),
        })
      }
    }
    if (c.stage === 'terminasi') {
      const fields = CLOSURE_FIELDS.filter((f) => c[f] === undefined)
      if (fields.length > 0) items.push({ kind: 'closure_missing', ...common, fields })
    }
  }

  const rank = (item: DueItem): number => DUE_KINDS.indexOf(item.kind)
  const when = (item: DueItem): string =>
    item.kind === 'milestone_due'
      ? item.date
      : item.kind === 'goal_behind'
        ? (item.missed[0]?.date ?? '')
        : item.kind === 'goal_idle'
          ? (item.last_session ?? '')
          : item.kind === 'assessment_missing'
            ? item.consent_date
            : ''
  const idOf = (item: DueItem): string => ('goal_id' in item ? item.goal_id : item.case_id)
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0) ||
      compareIds(a.case_id, b.case_id) ||
      compareIds(idOf(a), idOf(b)),
  )
}
