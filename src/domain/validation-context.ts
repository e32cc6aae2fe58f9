/**
 * @module
 * What cross-row rules look rows up in: cases and goals by id, staff by id or email, the lists in
 * force, the holiday calendar and today; for the Events and Feedback tabs (issue 9) every row a
 * feedback may be about, and the cases that have a termination event. Built once (maps), so validating a whole sheet is
 * O(rows). The ledger builds one from its mirror for a single incoming row.
 */
import type { Case } from './case-row'
import type { CaseEvent } from './event-row'
import type { FeedbackTargetTab } from './feedback-row'
import type { Goal } from './goal-row'
import type { IsoDate } from './iso-date'
import { DEFAULT_LISTS, type Lists } from './lists'
import type { StaffMember } from './staff-row'
import { type CalendarSource, calendarOf, type WorkingCalendar } from './working-days'

export type ValidationContext = {
  /** Today in the centre's time zone (passed in: the domain has no clock). */
  readonly today: IsoDate
  readonly cases: ReadonlyMap<string, Case>
  readonly goals: ReadonlyMap<string, Goal>
  /**
   * Staff by lower-case staff_id and by lower-case email. When empty, worker checks are skipped:
   * a fresh sheet whose Staff tab is not filled in yet should not flag every row.
   */
  readonly staff: ReadonlyMap<string, StaffMember>
  readonly lists: Lists
  readonly calendar: WorkingCalendar
  /**
   * What a feedback row may be about: the id of every goal, session, assessment and event, with
   * its tab and case (validate-row.ts, feedback targets).
   */
  readonly targets: ReadonlyMap<string, FeedbackTarget>
  /** Cases with at least one `termination` event (a case at stage `terminasi` without one is flagged). */
  readonly terminated: Pick<ReadonlySet<string>, 'has'>
}

/** A row feedback may be about: its tab and its case. */
export type FeedbackTarget = { readonly tab: FeedbackTargetTab; readonly case_id: string }

export type ValidationContextInput = {
  readonly today: IsoDate
  readonly cases?: Iterable<Case>
  readonly goals?: Iterable<Goal>
  readonly staff?: Iterable<StaffMember>
  readonly lists?: Lists
  /** Holiday dates or a prepared calendar. */
  readonly holidays?: CalendarSource
  /** Sessions, assessments and events by id (feedback targets); goals come from `goals`. */
  readonly sessions?: Iterable<{ readonly session_id: string; readonly case_id: string }>
  readonly assessments?: Iterable<{ readonly assessment_id: string; readonly case_id: string }>
  readonly events?: Iterable<Pick<CaseEvent, 'event_id' | 'case_id' | 'kind'>>
}

/** Key of a worker reference or staff id/email: trimmed, lower-case. */
export const staffKey = (text: string): string => text.trim().toLowerCase()

/** Builds a context; on duplicate ids the first row wins (duplicates are reported separately). */
export function buildValidationContext(input: ValidationContextInput): ValidationContext {
  const cases = new Map<string, Case>()
  for (const c of input.cases ?? []) if (!cases.has(c.case_id)) cases.set(c.case_id, c)
  const goals = new Map<string, Goal>()
  for (const g of input.goals ?? []) if (!goals.has(g.goal_id)) goals.set(g.goal_id, g)
  const staff = new Map<string, StaffMember>()
  for (const s of input.staff ?? []) {
    const id = staffKey(s.staff_id)
    if (!staff.has(id)) staff.set(id, s)
    if (s.email !== undefined && !staff.has(staffKey(s.email))) staff.set(staffKey(s.email), s)
  }
  const targets = new Map<string, FeedbackTarget>()
  const target = (id: string, tab: FeedbackTargetTab, case_id: string) => {
    if (!targets.has(id)) targets.set(id, { tab, case_id })
  }
  for (const g of goals.values()) target(g.goal_id, 'goals', g.case_id)
  for (const s of input.sessions ?? []) target(s.session_id, 'sessions', s.case_id)
  for (const a of input.assessments ?? []) target(a.assessment_id, 'assessments', a.case_id)
  const terminated = new Set<string>()
  for (const e of input.events ?? []) {
    target(e.event_id, 'events', e.case_id)
    if (e.kind === 'termination') terminated.add(e.case_id)
  }
  return {
    today: input.today,
    cases,
    goals,
    staff,
    lists: input.lists ?? DEFAULT_LISTS,
    calendar: calendarOf(input.holidays ?? []),
    targets,
    terminated,
  }
}
