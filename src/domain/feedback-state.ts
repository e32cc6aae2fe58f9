/**
 * @module
 * What the `Feedback` rows say, as of a date (issue 9 point 2) — pure functions of the rows:
 *
 * - A goal's **approval state** (the plan's approval): the goal's latest `approve` or `revise`
 *   feedback dated on or before `as_of` decides (same date: the higher feedback id, the later
 *   row). None → `not_reviewed`; `approve` → `approved`; `revise` not yet resolved as of `as_of` →
 *   `revision_requested`; `revise` resolved by the worker → `revised` (revised, awaiting
 *   approval: the coordinator approves or asks again). Comments never change the state.
 * - **Open** feedback: a `revise` or `comment` dated on or before `as_of` and not resolved as of
 *   then. An approval needs no answer and is never open.
 * - Its **age** in whole working days, counted as in the due list (due-tasks.ts): from the day
 *   after the feedback's date to the day before `as_of`; open feedback older than
 *   {@link FEEDBACK_STALE_DAYS} working days is *stale* (the dashboard's list).
 */
import type { Feedback } from './feedback-row'
import { addDays, type IsoDate } from './iso-date'
import type { Bilingual } from './issues'
import { compareIds } from './progress-tab'
import { type CalendarSource, countWorkingDays } from './working-days'

/** The states of a goal's approval, in the order a plan goes through them. */
export const APPROVAL_STATES = ['not_reviewed', 'revision_requested', 'revised', 'approved'] as const
export type ApprovalState = (typeof APPROVAL_STATES)[number]

/** The words the Progress tab and the pages show (Indonesian first). */
export const APPROVAL_LABELS: Readonly<Record<ApprovalState, Bilingual>> = {
  not_reviewed: { id: 'belum ditinjau', en: 'not reviewed' },
  revision_requested: { id: 'perlu revisi', en: 'revision requested' },
  revised: { id: 'sudah direvisi, menunggu persetujuan', en: 'revised, awaiting approval' },
  approved: { id: 'disetujui', en: 'approved' },
}

/** Open feedback older than this many whole working days is stale (issue 9 point 3). */
export const FEEDBACK_STALE_DAYS = 3

/** The feedback fields these functions read; a decoded `Feedback` row fits. */
export type FeedbackInput = Pick<Feedback, 'feedback_id' | 'case_id' | 'target' | 'date' | 'from' | 'kind'> &
  Partial<Pick<Feedback, 'text' | 'resolved_date' | 'reply'>>

/** A goal's approval as of a date, and the feedback row that decided it (null when none). */
export type GoalApproval = {
  readonly goal_id: string
  readonly state: ApprovalState
  readonly feedback_id: string | null
  readonly date: IsoDate | null
  readonly from: string | null
}

/** Resolved on or before `asOf`. */
const resolvedBy = (f: Pick<FeedbackInput, 'resolved_date'>, asOf: IsoDate): boolean =>
  f.resolved_date !== undefined && f.resolved_date <= asOf

/** True when the feedback waits for the worker as of `asOf` (see the module note). */
export const isOpenFeedback = (f: FeedbackInput, asOf: IsoDate): boolean =>
  f.kind !== 'approve' && f.date <= asOf && !resolvedBy(f, asOf)

/** Later first: date, then id (same date: the later row). */
const later = (a: FeedbackInput, b: FeedbackInput): number =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : -compareIds(a.feedback_id, b.feedback_id)

/**
 * The approval of each goal (index for index with `goalIds`) as of `asOf`. The feedback rows are
 * the valid ones (a row whose target is not a goal of its case never counts). O(goals + feedback).
 */
export function goalApprovals(
  goalIds: readonly string[],
  feedback: readonly FeedbackInput[],
  asOf: IsoDate,
): GoalApproval[] {
  const deciding = new Map<string, FeedbackInput>()
  for (const f of feedback) {
    if ((f.kind !== 'approve' && f.kind !== 'revise') || f.date > asOf) continue
    const seen = deciding.get(f.target)
    if (seen === undefined || later(f, seen) < 0) deciding.set(f.target, f)
  }
  return goalIds.map((goal_id): GoalApproval => {
    const f = deciding.get(goal_id)
    if (f === undefined) return { goal_id, state: 'not_reviewed', feedback_id: null, date: null, from: null }
    const state: ApprovalState =
      f.kind === 'approve' ? 'approved' : resolvedBy(f, asOf) ? 'revised' : 'revision_requested'
    return { goal_id, state, feedback_id: f.feedback_id, date: f.date, from: f.from }
  })
}

/** One goal's approval as of `asOf`. */
export const goalApproval = (goalId: string, feedback: readonly FeedbackInput[], asOf: IsoDate): GoalApproval =>
  goalApprovals([goalId], feedback, asOf)[0] as GoalApproval

/** Whole working days since the feedback was given, as of `asOf` (0 on its own date). */
export function feedbackAge(date: IsoDate, asOf: IsoDate, holidays: CalendarSource): number {
  const from = addDays(date, 1)
  return from >= asOf ? 0 : countWorkingDays(from, addDays(asOf, -1), holidays)
}

/** Open feedback as of `asOf`, oldest first (then by id). */
export function openFeedback<F extends FeedbackInput>(feedback: readonly F[], asOf: IsoDate): F[] {
  return feedback
    .filter((f) => isOpenFeedback(f, asOf))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : compareIds(a.feedback_id, b.feedback_id)))
}
