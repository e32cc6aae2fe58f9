/**
 * @module
 * What cross-row rules look rows up in: cases and goals by id, staff by id or email, the lists in
 * force, the holiday calendar and today. Built once (maps), so validating a whole sheet is
 * O(rows). The ledger builds one from its mirror for a single incoming row.
 */
import type { Case } from './case-row'
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
}

export type ValidationContextInput = {
  readonly today: IsoDate
  readonly cases?: Iterable<Case>
  readonly goals?: Iterable<Goal>
  readonly staff?: Iterable<StaffMember>
  readonly lists?: Lists
  /** Holiday dates or a prepared calendar. */
  readonly holidays?: CalendarSource
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
  return {
    today: input.today,
    cases,
    goals,
    staff,
    lists: input.lists ?? DEFAULT_LISTS,
    calendar: calendarOf(input.holidays ?? []),
  }
}
