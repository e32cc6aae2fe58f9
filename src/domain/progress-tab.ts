/**
 * @module
 * The `Progress` tab and `GET /api/progress` (architecture.md "Read path", issue 4 item 2): one row
 * per goal of an `aktif` case, computed by the Task Achievement Scale engine (domain.md "Task
 * Achievement Scale"). Pure: the caller passes the valid rows of a snapshot and `asOf`. The typed
 * row ({@link ProgressRow}) is what the API returns; {@link progressRowCells} turns it into the
 * cells the sheet shows (Indonesian texts, dates as day serials), keyed by the column keys the
 * template binds to the header with developer metadata.
 */
import type { Case } from './case-row'
import type { RawCell } from './cell-codecs'
import { APPROVAL_LABELS, type ApprovalState, type FeedbackInput, goalApprovals } from './feedback-state'
import type { Goal } from './goal-row'
import { type IsoDate, isoToSerial } from './iso-date'
import type { Bilingual } from './issues'
import {
  type GoalProgress,
  type GoalStatus,
  goalsProgress,
  type MilestoneProgress,
  type MilestoneStatus,
} from './task-achievement'
import type { CalendarSource } from './working-days'

/** How the template formats a Progress column (date: yyyy-mm-dd; level: TAS colours 0–4). */
export type ProgressColumnKind = 'id' | 'text' | 'int' | 'number' | 'percent' | 'date' | 'level'

export type ProgressColumn = {
  readonly key: string
  readonly label: Bilingual
  readonly kind: ProgressColumnKind
}

/** The columns of the `Progress` tab, in order. Keys are bound to the header like the data tabs. */
export const PROGRESS_COLUMNS = [
  { key: 'case_id', label: { id: 'ID Kasus', en: 'Case ID' }, kind: 'id' },
  { key: 'initials', label: { id: 'Inisial PM', en: 'Client initials' }, kind: 'text' },
  { key: 'worker', label: { id: 'Peksos', en: 'Social worker' }, kind: 'text' },
  { key: 'goal_id', label: { id: 'ID Tujuan', en: 'Goal ID' }, kind: 'id' },
  { key: 'title', label: { id: 'Tujuan', en: 'Goal' }, kind: 'text' },
  { key: 'target_count', label: { id: 'Target tugas', en: 'Target tasks' }, kind: 'int' },
  { key: 'mastered', label: { id: 'Tugas dikuasai', en: 'Tasks mastered' }, kind: 'int' },
  { key: 'rating_sum', label: { id: 'Jumlah nilai TAS', en: 'TAS rating sum' }, kind: 'int' },
  { key: 'mean', label: { id: 'Rata-rata TAS', en: 'TAS mean' }, kind: 'number' },
  { key: 'level', label: { id: 'Level TAS', en: 'TAS level' }, kind: 'level' },
  { key: 'label', label: { id: 'Capaian', en: 'Achievement' }, kind: 'text' },
  { key: 'percent', label: { id: 'Persentase (%)', en: 'Percent (%)' }, kind: 'percent' },
  { key: 'next_milestone', label: { id: 'Tonggak berikutnya', en: 'Next milestone' }, kind: 'text' },
  { key: 'milestone_status', label: { id: 'Status tonggak', en: 'Milestone status' }, kind: 'text' },
  { key: 'goal_status', label: { id: 'Status tujuan', en: 'Goal status' }, kind: 'text' },
  { key: 'last_session', label: { id: 'Sesi terakhir', en: 'Last session' }, kind: 'date' },
  { key: 'days_since', label: { id: 'Hari sejak sesi terakhir', en: 'Days since last session' }, kind: 'int' },
  // Issue 9 point 2: the plan's approval state, from the Feedback tab (feedback-state.ts).
  { key: 'approval', label: { id: 'Persetujuan rencana', en: 'Plan approval' }, kind: 'text' },
] as const satisfies readonly ProgressColumn[]

export type ProgressColumnKey = (typeof PROGRESS_COLUMNS)[number]['key']

/**
 * Progress columns added to the template after sheets were made from it: bound when present,
 * so the Progress tab of an earlier sheet keeps being written (without them) until
 * `scripts/provision.ts --upgrade` adds them.
 */
export const LATER_PROGRESS_KEYS: readonly ProgressColumnKey[] = ['approval']

/** Milestone status words shown in the sheet (domain.md TAS rule 8). */
export const MILESTONE_STATUS_LABELS: Readonly<Record<MilestoneStatus, Bilingual>> = {
  met: { id: 'tercapai', en: 'met' },
  missed: { id: 'tertinggal', en: 'missed' },
  pending: { id: 'menunggu', en: 'pending' },
}

/** Goal status words shown in the sheet (domain.md TAS rule 9). */
export const GOAL_STATUS_LABELS: Readonly<Record<GoalStatus, Bilingual>> = {
  not_started: { id: 'belum mulai', en: 'not started' },
  on_track: { id: 'sesuai rencana', en: 'on track' },
  behind: { id: 'tertinggal', en: 'behind' },
  completed: { id: 'selesai', en: 'completed' },
}

/** One row of the Progress tab, typed (the JSON of `GET /api/progress`). */
export type ProgressRow = {
  readonly case_id: string
  readonly initials: string
  readonly worker: string
  readonly goal_id: string
  readonly title: string
  readonly target_count: number
  /** Tasks whose rating as of `as_of` reaches the goal's mastery level. */
  readonly mastered: number
  readonly rating_sum: number
  readonly mean: number
  readonly level: number
  /** Indonesian label of the level. */
  readonly label: string
  readonly percent: number
  readonly success: boolean
  /** See {@link nextMilestone}; null when the goal has no milestones. */
  readonly next_milestone: MilestoneProgress | null
  readonly status: GoalStatus
  readonly last_session: IsoDate | null
  /** Calendar days from the last session to `as_of`; null without sessions. */
  readonly days_since: number | null
  /** The plan's approval as of `as_of` (feedback-state.ts). */
  readonly approval: ApprovalState
}

/** The case fields a Progress row shows; a decoded `Case` row fits. */
export type ProgressCase = Pick<Case, 'case_id' | 'initials' | 'worker' | 'status'>

/** The goal fields the projection reads; a decoded `Goal` row fits. */
export type ProgressGoal = Pick<
  Goal,
  'goal_id' | 'case_id' | 'title' | 'start_date' | 'duration_days' | 'target_count'
> &
  Partial<Pick<Goal, 'milestones' | 'mastery_level' | 'success_level' | 'weight'>>

/** The session fields the projection reads; a decoded `Session` row fits. */
export type ProgressSession = {
  readonly goal_id: string
  readonly date: IsoDate
  readonly task: string
  readonly assistance?: string | undefined
  readonly rating?: number | string | undefined
  /** Withdrawn sessions are not counted (task-achievement.ts). */
  readonly withdrawn_date?: string | undefined
}

export type ProgressInput = {
  /** Valid rows only (the caller drops rows with errors, domain.md: invalid rows are skipped). */
  readonly cases: readonly ProgressCase[]
  readonly goals: readonly ProgressGoal[]
  readonly sessions: readonly ProgressSession[]
  /** Valid Feedback rows (the approval column); none = every goal `not_reviewed`. */
  readonly feedback?: readonly FeedbackInput[]
  /**
   * The goals' progress as of `asOf` when the caller has it already (the dashboard of the same
   * sync computes it), by goal id; goals not in it are computed here.
   */
  readonly progress?: ReadonlyMap<string, GoalProgress>
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}

/**
 * The milestone a coordinator looks at next: the earliest one dated on or after `as_of` (still
 * ahead, or due today), or the last one when every date has passed (its final `met`/`missed`).
 * A milestone missed earlier stays missed for good (it is judged on its own date), so pointing at
 * it forever would hide what comes next; the goal status already says `behind`.
 */
export function nextMilestone(milestones: readonly MilestoneProgress[], asOf: IsoDate): MilestoneProgress | null {
  for (const m of milestones) if (m.date >= asOf) return m
  return milestones[milestones.length - 1] ?? null
}

/** `2025-03-19` → `19-03-2025`, the way dates are written in Indonesia. */
export const dayMonthYear = (date: IsoDate): string => `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`

/** Short Indonesian text of a milestone: `Hari 10 (19-03-2025): 4 tugas`. */
export const milestoneText = (m: Pick<MilestoneProgress, 'day' | 'date' | 'target'>): string =>
  `Hari ${m.day} (${dayMonthYear(m.date)}): ${m.target} tugas`

/**
 * Orders ids like `K-0009` < `K-0010` < `K-12345` (number, not text: ids past 9999 get more
 * digits); ids without a number fall back to text order.
 */
export function compareIds(a: string, b: string): number {
  const ma = /^(.*?)(\d+)$/.exec(a)
  const mb = /^(.*?)(\d+)$/.exec(b)
  if (ma !== null && mb !== null && ma[1] === mb[1]) {
    const d = Number(ma[2]) - Number(mb[2])
    if (d !== 0) return d
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The Progress rows as of `asOf`: one per goal whose case is `aktif`, sorted by case id then goal
 * id. Goals of unknown or closed cases are left out. O(goals + sessions).
 */
export function buildProgressRows(input: ProgressInput): ProgressRow[] {
  const activeCases = new Map<string, ProgressCase>()
  for (const c of input.cases) if (c.status === 'aktif' && !activeCases.has(c.case_id)) activeCases.set(c.case_id, c)
  const goals = input.goals.filter((g) => activeCases.has(g.case_id))
  const known = input.progress
  const missing = known === undefined ? goals : goals.filter((g) => !known.has(g.goal_id))
  const computed =
    missing.length === 0
      ? []
      : goalsProgress({ goals: missing, sessions: input.sessions, holidays: input.holidays, asOf: input.asOf })
  const fresh = new Map(computed.map((p, i) => [(missing[i] as ProgressGoal).goal_id, p]))
  const progress = goals.map((g) => known?.get(g.goal_id) ?? fresh.get(g.goal_id))
  const approvals = goalApprovals(
    goals.map((g) => g.goal_id),
    input.feedback ?? [],
    input.asOf,
  )
  const asOfSerial = isoToSerial(input.asOf)
  const rows = goals.map((goal, i): ProgressRow => {
    const p = progress[i]
    const theCase = activeCases.get(goal.case_id)
    const approval = approvals[i]
    if (p === undefined || theCase === undefined || approval === undefined)
      throw new Error('goalsProgress must answer every goal')
    return {
      case_id: goal.case_id,
      initials: theCase.initials,
      worker: theCase.worker,
      goal_id: goal.goal_id,
      title: goal.title,
      target_count: p.target_count,
      mastered: p.tasks.filter((t) => t.mastered).length,
      rating_sum: p.rating_sum,
      mean: p.mean,
      level: p.level,
      label: p.label,
      percent: p.percent,
      success: p.success,
      next_milestone: nextMilestone(p.milestones, input.asOf),
      status: p.status,
      last_session: p.last_session,
      days_since: p.last_session === null ? null : asOfSerial - isoToSerial(p.last_session),
      approval: approval.state,
    }
  })
  return rows.sort((a, b) => compareIds(a.case_id, b.case_id) || compareIds(a.goal_id, b.goal_id))
}

/**
 * The sheet cells of a Progress row, by column key: Indonesian texts, dates as day serials (the
 * template formats the column `yyyy-mm-dd`), empty cells as null. Written RAW.
 */
export function progressRowCells(row: ProgressRow): Readonly<Record<ProgressColumnKey, RawCell>> {
  const m = row.next_milestone
  return {
    case_id: row.case_id,
    initials: row.initials,
    worker: row.worker,
    goal_id: row.goal_id,
    title: row.title,
    target_count: row.target_count,
    mastered: row.mastered,
    rating_sum: row.rating_sum,
    mean: row.mean,
    level: row.level,
    label: row.label,
    percent: row.percent,
    next_milestone: m === null ? null : milestoneText(m),
    milestone_status: m === null ? null : MILESTONE_STATUS_LABELS[m.status].id,
    goal_status: GOAL_STATUS_LABELS[row.status].id,
    last_session: row.last_session === null ? null : isoToSerial(row.last_session),
    days_since: row.days_since,
    approval: APPROVAL_LABELS[row.approval].id,
  }
}

/** The cells of a Progress row in {@link PROGRESS_COLUMNS} order (a fresh tab, or CSV). */
export const progressRowValues = (row: ProgressRow): RawCell[] => {
  const cells = progressRowCells(row)
  return PROGRESS_COLUMNS.map((c) => cells[c.key])
}
