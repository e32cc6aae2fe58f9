/**
 * @module
 * The goal form's milestone preview (issue 8 `/app/goals/new`): the calendar date of each
 * milestone — working day n of the goal (domain.md "Working days", TAS rule 8) — and of the
 * goal's last working day, before the goal is saved, so a worker sees at once that "day 10"
 * falls after the centre's anniversary week. Pure: holidays are passed in.
 */
import type { IsoDate } from './iso-date'
import { parseMilestones } from './milestones'
import { err, ok, type Result } from './result'
import { type CalendarSource, calendarOf, firstWorkingDay, lastWorkingDay, workingDayDate } from './working-days'

export type MilestonePreviewRow = {
  readonly day: number
  readonly count: number
  /** Working day `day` of the goal. */
  readonly date: IsoDate
  /** Later than the goal's duration (a row rule refuses it on save: milestones_exceed_duration). */
  readonly beyond_duration: boolean
  /** More tasks than the goal's target (refused on save: milestones_exceed_target). */
  readonly above_target: boolean
}

export type MilestonePreview = {
  /** Day 1: the start date, or the next working day. */
  readonly day1: IsoDate
  /** The last working day, when the duration is known. */
  readonly last_day: IsoDate | null
  readonly rows: readonly MilestonePreviewRow[]
}

export type MilestonePreviewInput = {
  readonly start_date: IsoDate
  readonly duration_days?: number | undefined
  readonly target_count?: number | undefined
  readonly milestones?: string | undefined
}

/** The preview, or why the milestone text cannot be read (the domain's issue codes). */
export function milestonePreview(
  input: MilestonePreviewInput,
  holidays: CalendarSource,
): Result<MilestonePreview, 'milestones_format' | 'milestones_order'> {
  const parsed = parseMilestones(input.milestones ?? '')
  if (!parsed.ok) return err(parsed.error)
  const calendar = calendarOf(holidays)
  const duration = input.duration_days
  return ok({
    day1: firstWorkingDay(input.start_date, calendar),
    last_day: duration === undefined ? null : lastWorkingDay(input.start_date, duration, calendar),
    rows: parsed.value.map((m) => ({
      day: m.day,
      count: m.count,
      date: workingDayDate(input.start_date, m.day, calendar),
      beyond_duration: duration !== undefined && m.day > duration,
      above_target: input.target_count !== undefined && m.count > input.target_count,
    })),
  })
}
