/**
 * @module
 * A goal's milestone curve (issue 9: the dashboard and the case report draw it): for each working
 * day of the goal, the count of tasks the plan says must be mastered by then, and the count
 * actually mastered as of that day. Pure: rows, holidays and `as_of` come in.
 * - Day n and its date: domain.md "Working days" (day 1 = start_date or the next working day).
 * - Planned count on day n: the count of the latest milestone whose day is ≤ n, 0 before the first
 *   (domain.md "Goal": `5:2` = "by working day 5, 2 tasks mastered").
 * - Mastered count on day n: tasks mastered as of that date (domain.md TAS rules 1–2, by the TAS
 *   engine itself, so the curve meets each milestone's `mastered` on its day); null for days
 *   after `as_of`, which have not happened yet as of then.
 * The curve spans max(duration_days, last milestone day) working days.
 */
import type { IsoDate } from './iso-date'
import { parseMilestones } from './milestones'
import { type GoalInput, type GoalProgress, goalProgress, type SessionInput } from './task-achievement'
import { type CalendarSource, calendarOf, workingDayDate } from './working-days'

export type MilestoneCurveDay = {
  readonly day: number
  readonly date: IsoDate
  readonly planned: number
  /** Tasks mastered as of `date`; null when `date` is after as_of. */
  readonly mastered: number | null
}

/** The longest curve drawn (a year of working days); a longer duration is cut there. */
export const MAX_CURVE_DAYS = 260

/** The curve of one goal as of `asOf` (see the module comment for each rule). O(days × sessions). */
export function milestoneCurve(input: {
  readonly goal: GoalInput
  readonly sessions: readonly SessionInput[]
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}): MilestoneCurveDay[] {
  const cal = calendarOf(input.holidays)
  const parsed = parseMilestones(input.goal.milestones ?? '')
  const milestones = parsed.ok ? parsed.value : []
  const lastMilestone = milestones.reduce((max, m) => Math.max(max, m.day), 0)
  const span = Math.min(MAX_CURVE_DAYS, Math.max(1, Math.trunc(input.goal.duration_days ?? 1), lastMilestone))
  const goalId = input.goal.goal_id.trim().toUpperCase()
  const own = input.sessions.filter((s) => typeof s.goal_id === 'string' && s.goal_id.trim().toUpperCase() === goalId)
  const days: MilestoneCurveDay[] = []
  let planned = 0
  let m = 0
  for (let day = 1; day <= span; day++) {
    while (m < milestones.length && (milestones[m]?.day ?? Number.POSITIVE_INFINITY) <= day) {
      planned = milestones[m]?.count ?? planned
      m++
    }
    const date = workingDayDate(input.goal.start_date, day, cal)
    let mastered: number | null = null
    if (date <= input.asOf) {
      const p: GoalProgress = goalProgress({ goal: input.goal, sessions: own, holidays: cal, asOf: date })
      mastered = p.tasks.filter((t) => t.mastered).length
    }
    days.push({ day, date, planned, mastered })
  }
  return days
}
