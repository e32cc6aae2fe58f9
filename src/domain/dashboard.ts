/**
 * @module
 * The coordinator's dashboard (issue 4 item 2, issue 9 point 3, users.md "Coordinators"): the
 * figures a coordinator reads before a case conference and reports upward — goals of active cases
 * by TAS status and by TAS level, caseload per worker, the stage funnel, active cases by cluster ×
 * service, all cases by status, the plans' approval states, sessions this week, the goals behind
 * their plan, open feedback older than {@link FEEDBACK_STALE_DAYS} working days, and each goal's
 * milestone curve. ONE pure function, {@link buildDashboard}: the `Dashboard` tab, `GET
 * /api/dashboard` and the `/app/dashboard` page all read it, so every figure agrees for the same
 * as-of date. The caller passes the valid rows of a snapshot and `asOf`.
 *
 * The tab's grid ({@link dashboardGrid}) is written from A1. Its top holds three blocks at FIXED
 * rows ({@link DASHBOARD_BLOCKS}) that the template's charts read — goals by status, TAS levels,
 * caseload (bounded at {@link CASELOAD_CHART_ROWS} rows: more workers than that share a last
 * "lainnya" row) — so a chart never points at cells that shift; the sections whose length varies
 * come after them. Labels are Indonesian; order is fixed, so an unchanged sheet writes nothing.
 */
import type { Case } from './case-row'
import type { RawCell } from './cell-codecs'
import {
  APPROVAL_LABELS,
  APPROVAL_STATES,
  type ApprovalState,
  FEEDBACK_STALE_DAYS,
  type FeedbackInput,
  feedbackAge,
  goalApprovals,
  openFeedback,
} from './feedback-state'
import { addDays, type IsoDate, weekday } from './iso-date'
import { CASE_STATUSES, type CaseStatus, CLUSTERS, SERVICES, type Service, STAGES, type Stage } from './lists'
import { compareIds, dayMonthYear, type ProgressGoal, type ProgressSession } from './progress-tab'
import type { StaffMember } from './staff-row'
import {
  type CurvePoint,
  type GoalProgress,
  type GoalStatus,
  goalsProgressAndCurves,
  levelLabel,
} from './task-achievement'
import { staffKey } from './validation-context'
import { isWithdrawn } from './withdrawal'
import { type CalendarSource, calendarOf } from './working-days'

/** Cell A1 of the Dashboard tab; the template writes it too, so a fresh sheet already shows it. */
export const DASHBOARD_TITLE = 'Dasbor Sentra — ringkasan kasus'

export type DashboardCase = Pick<Case, 'case_id' | 'cluster' | 'service' | 'stage' | 'status' | 'worker'> &
  Partial<Pick<Case, 'initials'>>
export type DashboardSession = ProgressSession & { readonly worker: string }
export type DashboardStaff = Pick<StaffMember, 'staff_id' | 'email' | 'role' | 'active'>

export type DashboardInput = {
  /** Valid rows only. */
  readonly cases: readonly DashboardCase[]
  readonly goals: readonly ProgressGoal[]
  readonly sessions: readonly DashboardSession[]
  readonly staff: readonly DashboardStaff[]
  /** Valid Feedback rows (approval states, open feedback); absent = none. */
  readonly feedback?: readonly FeedbackInput[]
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}

export type ClusterServiceMatrix = {
  /** Default clusters in list order, then any other cluster code of an active case, sorted. */
  readonly clusters: readonly string[]
  readonly services: readonly Service[]
  /** counts[cluster index][service index]. */
  readonly counts: readonly (readonly number[])[]
  readonly cluster_totals: readonly number[]
  readonly service_totals: readonly number[]
  readonly total: number
}

export type CaseloadRow = {
  /** The worker's staff id when the Staff tab knows them, else the text of the worker cells. */
  readonly worker: string
  readonly active_cases: number
  readonly sessions_this_week: number
}

export type GoalCounts = { readonly [K in GoalStatus]: number } & { readonly total: number }

/** Goals of active cases at one TAS level (started goals only: a goal without sessions has no level yet). */
export type LevelCount = { readonly level: number; readonly label: string; readonly count: number }

/** A goal of an active case with a missed milestone (domain.md TAS rule 9 `behind`). */
export type GoalBehind = {
  readonly goal_id: string
  readonly case_id: string
  readonly initials: string
  readonly worker: string
  readonly title: string
  /** Milestones missed as of `as_of`. */
  readonly missed: number
  /** Tasks mastered as of `as_of`, against the goal's target. */
  readonly mastered: number
  readonly target_count: number
  readonly level: number
}

/** Open feedback older than {@link FEEDBACK_STALE_DAYS} working days (feedback-state.ts). */
export type StaleFeedback = {
  readonly feedback_id: string
  readonly case_id: string
  readonly initials: string
  readonly worker: string
  readonly target: string
  readonly kind: FeedbackInput['kind']
  readonly from: string
  readonly date: IsoDate
  /** Whole working days since it was given (feedbackAge). */
  readonly working_days: number
}

/** A goal's milestone curve (task-achievement.ts milestoneCurve). */
export type GoalCurve = {
  readonly goal_id: string
  readonly case_id: string
  readonly title: string
  readonly points: readonly CurvePoint[]
}

export type DashboardSummary = {
  readonly as_of: IsoDate
  /** ISO week of `as_of`: Monday … Sunday. */
  readonly week: { readonly start: IsoDate; readonly end: IsoDate }
  readonly active_cases: number
  readonly by_cluster_service: ClusterServiceMatrix
  /**
   * The stage funnel of active cases, in process order (domain.md "Case"): `count` at the stage
   * now, `reached` at this stage or a later one.
   */
  readonly by_stage: readonly { readonly stage: Stage; readonly count: number; readonly reached: number }[]
  /** All cases per status. */
  readonly by_status: readonly { readonly status: CaseStatus; readonly count: number }[]
  /** Every worker, by staff id. */
  readonly caseload: readonly CaseloadRow[]
  /**
   * The caseload as the sheet's chart block holds it: at most {@link CASELOAD_CHART_ROWS} rows;
   * with more workers, the busiest first rows (by active cases, then id) and a last row
   * `lainnya (n peksos)` summing the rest. Equal to `caseload` when it fits.
   */
  readonly caseload_chart: readonly CaseloadRow[]
  /** Goals of active cases by status (domain.md TAS rule 9). */
  readonly goals: GoalCounts
  /** Started goals of active cases by TAS level 0–4 (domain.md TAS rules 4–5). */
  readonly tas_levels: readonly LevelCount[]
  /** Goals of active cases by plan approval state (feedback-state.ts). */
  readonly approvals: { readonly [K in ApprovalState]: number }
  /** Sessions dated in the week (any case). */
  readonly sessions_this_week: number
  readonly goals_behind: readonly GoalBehind[]
  /** Open feedback, all cases. */
  readonly open_feedback: number
  readonly feedback_stale: readonly StaleFeedback[]
  /** One curve per goal of an active case, by case then goal id. */
  readonly curves: readonly GoalCurve[]
}

export type Dashboard = {
  /** Written from A1; each row as long as its content (a shorter row leaves the cells to its right empty). */
  readonly grid: readonly (readonly RawCell[])[]
  readonly summary: DashboardSummary
  /**
   * Each active case's goal's progress as of `asOf`, by goal id: computed here anyway, handed on
   * so the Progress tab of the same sync need not compute it again (progress-tab.ts).
   */
  readonly progress: ReadonlyMap<string, GoalProgress>
}

/**
 * The fixed blocks at the top of the Dashboard tab that the template's charts read (0-based sheet
 * rows of the data, without the block's title, header and total rows). A chart's ranges never
 * move: these rows hold the same figure whatever the sheet holds.
 */
export const CASELOAD_CHART_ROWS = 30
export const DASHBOARD_BLOCKS = {
  /** A: status label, B: goals. 4 rows (GOAL_ROWS). */
  goals: { title: 3, firstRow: 5, rows: 4, columns: 2 },
  /** A: `Level n · label`, B: goals. 5 rows (levels 0–4). */
  levels: { title: 11, firstRow: 13, rows: 5, columns: 2 },
  /** A: worker, B: active cases, C: sessions this week. {@link CASELOAD_CHART_ROWS} rows, blank below the last worker. */
  caseload: { title: 20, firstRow: 22, rows: CASELOAD_CHART_ROWS, columns: 3 },
} as const
/** The first row of the sections below the chart blocks (0-based). */
export const DASHBOARD_VARIABLE_ROW = DASHBOARD_BLOCKS.caseload.firstRow + DASHBOARD_BLOCKS.caseload.rows + 2

const WEEKDAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu']

/** The goal statuses in the order the tab lists them, with their Indonesian row labels. */
export const GOAL_ROWS: readonly (readonly [GoalStatus, string])[] = [
  ['on_track', 'Sesuai rencana'],
  ['behind', 'Tertinggal'],
  ['completed', 'Selesai'],
  ['not_started', 'Belum mulai'],
]

/** `pendekatan_awal` → `Pendekatan awal`: codes as words, for reading. */
export const displayCode = (code: string): string => {
  const words = code.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Monday and Sunday of the ISO week of a date. */
export function isoWeek(date: IsoDate): { readonly start: IsoDate; readonly end: IsoDate } {
  const start = addDays(date, -((weekday(date) + 6) % 7))
  return { start, end: addDays(start, 6) }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Resolves worker cells (staff id or email, any case) to one key per person. */
function workerResolver(staff: readonly DashboardStaff[]): (text: string) => string {
  const byKey = new Map<string, string>()
  for (const s of staff) {
    const id = s.staff_id.trim()
    if (!byKey.has(staffKey(id))) byKey.set(staffKey(id), id)
    if (s.email !== undefined && !byKey.has(staffKey(s.email))) byKey.set(staffKey(s.email), id)
  }
  return (text) => byKey.get(staffKey(text)) ?? staffKey(text)
}

function clusterServiceMatrix(active: readonly DashboardCase[]): ClusterServiceMatrix {
  const defaults: readonly string[] = CLUSTERS
  const extra = [...new Set(active.map((c) => c.cluster).filter((c) => !defaults.includes(c)))].sort(byText)
  const clusters = [...defaults, ...extra]
  const counts = clusters.map(() => SERVICES.map(() => 0))
  for (const c of active) {
    const row = counts[clusters.indexOf(c.cluster)]
    const col = SERVICES.indexOf(c.service)
    if (row !== undefined && col >= 0) row[col] = (row[col] ?? 0) + 1
  }
  const cluster_totals = counts.map((row) => row.reduce((a, b) => a + b, 0))
  const service_totals = SERVICES.map((_, j) => counts.reduce((a, row) => a + (row[j] ?? 0), 0))
  return {
    clusters,
    services: SERVICES,
    counts,
    cluster_totals,
    service_totals,
    total: cluster_totals.reduce((a, b) => a + b, 0),
  }
}

/** The caseload as the bounded chart block holds it (see {@link DashboardSummary.caseload_chart}). */
export function caseloadChart(caseload: readonly CaseloadRow[], rows = CASELOAD_CHART_ROWS): CaseloadRow[] {
  if (caseload.length <= rows) return [...caseload]
  const busiest = [...caseload].sort((a, b) => b.active_cases - a.active_cases || byText(a.worker, b.worker))
  const shown = busiest.slice(0, rows - 1).sort((a, b) => byText(a.worker, b.worker))
  const rest = busiest.slice(rows - 1)
  return [
    ...shown,
    {
      worker: `lainnya (${rest.length} peksos)`,
      active_cases: rest.reduce((n, w) => n + w.active_cases, 0),
      sessions_this_week: rest.reduce((n, w) => n + w.sessions_this_week, 0),
    },
  ]
}

/** The figures of the dashboard as of `asOf`. O(cases + goals × working days + sessions + feedback + staff). */
export function buildDashboard(input: DashboardInput): Dashboard {
  const { asOf } = input
  const calendar = calendarOf(input.holidays)
  const week = isoWeek(asOf)
  const active = input.cases.filter((c) => c.status === 'aktif')
  const activeById = new Map(active.map((c) => [c.case_id, c]))
  const caseById = new Map(input.cases.map((c) => [c.case_id, c]))
  const resolve = workerResolver(input.staff)

  // The funnel: a case at a stage has reached every earlier one.
  const atStage = STAGES.map((stage) => active.filter((c) => c.stage === stage).length)
  const by_stage = STAGES.map((stage, i) => ({
    stage,
    count: atStage[i] ?? 0,
    reached: atStage.slice(i).reduce((a, b) => a + b, 0),
  }))
  const by_status = CASE_STATUSES.map((status) => ({
    status,
    count: input.cases.filter((c) => c.status === status).length,
  }))

  // Caseload: every active staff member with the worker role (a zero shows free capacity), and
  // anyone else named on an active case or on a session of this week.
  const caseload = new Map<string, { active_cases: number; sessions_this_week: number }>()
  const entry = (worker: string) => {
    let e = caseload.get(worker)
    if (e === undefined) {
      e = { active_cases: 0, sessions_this_week: 0 }
      caseload.set(worker, e)
    }
    return e
  }
  for (const s of input.staff) if (s.active && s.role === 'worker') entry(resolve(s.staff_id))
  for (const c of active) entry(resolve(c.worker)).active_cases++
  let sessionsThisWeek = 0
  for (const s of input.sessions) {
    // A withdrawn session did not take place as logged (withdrawal.ts).
    if (s.date < week.start || s.date > week.end || isWithdrawn(s)) continue
    sessionsThisWeek++
    entry(resolve(s.worker)).sessions_this_week++
  }
  const caseloadRows = [...caseload]
    .sort(([a], [b]) => byText(a, b))
    .map(([worker, e]) => ({ worker, active_cases: e.active_cases, sessions_this_week: e.sessions_this_week }))

  // Goals of active cases: status, level, approval, behind, curve — all as of `asOf`.
  const activeGoals = input.goals
    .filter((g) => activeById.has(g.case_id))
    .sort((a, b) => compareIds(a.case_id, b.case_id) || compareIds(a.goal_id, b.goal_id))
  const { progress, curves: points } = goalsProgressAndCurves({
    goals: activeGoals,
    sessions: input.sessions,
    holidays: calendar,
    asOf,
  })
  const feedback = input.feedback ?? []
  const approvalsOf = goalApprovals(
    activeGoals.map((g) => g.goal_id),
    feedback,
    asOf,
  )
  const goalCounts: Record<GoalStatus, number> = { on_track: 0, behind: 0, completed: 0, not_started: 0 }
  const levels = [0, 0, 0, 0, 0]
  const approvals = Object.fromEntries(APPROVAL_STATES.map((s) => [s, 0])) as Record<ApprovalState, number>
  const goals_behind: GoalBehind[] = []
  progress.forEach((p, i) => {
    const goal = activeGoals[i] as ProgressGoal
    const theCase = activeById.get(goal.case_id) as DashboardCase
    goalCounts[p.status]++
    if (p.status !== 'not_started') levels[p.level] = (levels[p.level] ?? 0) + 1
    approvals[approvalsOf[i]?.state ?? 'not_reviewed']++
    if (p.status === 'behind') {
      goals_behind.push({
        goal_id: goal.goal_id,
        case_id: goal.case_id,
        initials: theCase.initials ?? '',
        worker: theCase.worker,
        title: goal.title,
        missed: p.milestones.filter((m) => m.status === 'missed').length,
        mastered: p.tasks.filter((t) => t.mastered).length,
        target_count: p.target_count,
        level: p.level,
      })
    }
  })
  const curves = points.map((goalPoints, i): GoalCurve => {
    const goal = activeGoals[i] as ProgressGoal
    return { goal_id: goal.goal_id, case_id: goal.case_id, title: goal.title, points: goalPoints }
  })

  const open = openFeedback(feedback, asOf)
  const feedback_stale: StaleFeedback[] = []
  for (const f of open) {
    const working_days = feedbackAge(f.date, asOf, calendar)
    if (working_days <= FEEDBACK_STALE_DAYS) continue
    const theCase = caseById.get(f.case_id)
    feedback_stale.push({
      feedback_id: f.feedback_id,
      case_id: f.case_id,
      initials: theCase?.initials ?? '',
      worker: theCase?.worker ?? '',
      target: f.target,
      kind: f.kind,
      from: f.from,
      date: f.date,
      working_days,
    })
  }

  const summary: DashboardSummary = {
    as_of: asOf,
    week,
    active_cases: active.length,
    by_cluster_service: clusterServiceMatrix(active),
    by_stage,
    by_status,
    caseload: caseloadRows,
    caseload_chart: caseloadChart(caseloadRows),
    goals: { ...goalCounts, total: activeGoals.length },
    tas_levels: levels.map((count, level) => ({ level, label: levelLabel(level), count })),
    approvals,
    sessions_this_week: sessionsThisWeek,
    goals_behind,
    open_feedback: open.length,
    feedback_stale,
    curves,
  }
  return {
    grid: dashboardGrid(summary),
    summary,
    progress: new Map(progress.map((p, i) => [(activeGoals[i] as ProgressGoal).goal_id, p])),
  }
}

/** A block's rows padded with empty rows to exactly `rows` (the fixed chart blocks). */
const padRows = (rows: RawCell[][], count: number): RawCell[][] => [
  ...rows,
  ...Array.from({ length: Math.max(0, count - rows.length) }, (): RawCell[] => []),
]

/** `Level 3 · Cukup Tercapai`: the category of the TAS levels chart. */
export const levelRowLabel = (l: LevelCount): string => `Level ${l.level} · ${l.label}`

/**
 * The sheet layout of a summary. Rows 1–2 the title and date; then the three chart blocks at
 * FIXED rows ({@link DASHBOARD_BLOCKS}); then, from {@link DASHBOARD_VARIABLE_ROW}, the sections
 * whose length varies, one blank row between them, the milestone curves last (two rows per goal:
 * planned, then mastered, one column per working day).
 */
export function dashboardGrid(summary: DashboardSummary): RawCell[][] {
  const m = summary.by_cluster_service
  const started = summary.tas_levels.reduce((n, l) => n + l.count, 0)
  let caseloadCases = 0
  let caseloadSessions = 0
  for (const w of summary.caseload) {
    caseloadCases += w.active_cases
    caseloadSessions += w.sessions_this_week
  }
  const maxDays = Math.max(0, ...summary.curves.map((c) => c.points.length))
  const rows: RawCell[][] = [
    [DASHBOARD_TITLE],
    [
      `Data per ${WEEKDAYS_ID[weekday(summary.as_of)]}, ${dayMonthYear(summary.as_of)}; minggu ini ${dayMonthYear(summary.week.start)} s.d. ${dayMonthYear(summary.week.end)}`,
    ],
    [],
    // Fixed block: goals by status (rows 4–10).
    ['Tujuan kasus aktif per status'],
    ['Status', 'Jumlah'],
    ...GOAL_ROWS.map(([status, label]) => [label, summary.goals[status]]),
    ['Jumlah', summary.goals.total],
    [],
    // Fixed block: TAS levels (rows 12–19).
    ['Level TAS tujuan kasus aktif (yang sudah mulai)'],
    ['Level', 'Jumlah'],
    ...summary.tas_levels.map((l) => [levelRowLabel(l), l.count]),
    ['Jumlah', started],
    [],
    // Fixed block: caseload, bounded (rows 21–53).
    [`Beban kerja per peksos (maks. ${CASELOAD_CHART_ROWS} baris)`],
    ['Peksos', 'Kasus aktif', 'Sesi minggu ini'],
    ...padRows(
      summary.caseload_chart.map((w) => [w.worker, w.active_cases, w.sessions_this_week]),
      CASELOAD_CHART_ROWS,
    ),
    ['Jumlah', caseloadCases, caseloadSessions],
    [],
    // Variable sections.
    ['Kasus aktif per klaster × jenis layanan'],
    ['Klaster', ...m.services.map(displayCode), 'Jumlah'],
    ...m.clusters.map((cluster, i) => [displayCode(cluster), ...(m.counts[i] ?? []), m.cluster_totals[i] ?? 0]),
    ['Jumlah', ...m.service_totals, m.total],
    [],
    ['Tahapan kasus aktif (corong)'],
    ['Tahapan', 'Saat ini', 'Sudah mencapai'],
    ...summary.by_stage.map((s) => [displayCode(s.stage), s.count, s.reached]),
    ['Jumlah', summary.active_cases],
    [],
    ['Semua kasus per status'],
    ['Status', 'Jumlah'],
    ...summary.by_status.map((s) => [displayCode(s.status), s.count]),
    [],
    ['Persetujuan rencana (tujuan kasus aktif)'],
    ['Status', 'Jumlah'],
    ...APPROVAL_STATES.map((state) => [displayCode(APPROVAL_LABELS[state].id), summary.approvals[state]]),
    [],
    ['Sesi minggu ini', summary.sessions_this_week],
    [],
    ['Tujuan tertinggal dari rencana'],
    [
      'ID Tujuan',
      'ID Kasus',
      'Inisial PM',
      'Peksos',
      'Tonggak terlewat',
      'Tugas dikuasai',
      'Target tugas',
      'Level TAS',
    ],
    ...summary.goals_behind.map((g) => [
      g.goal_id,
      g.case_id,
      g.initials,
      g.worker,
      g.missed,
      g.mastered,
      g.target_count,
      g.level,
    ]),
    ['Jumlah', summary.goals_behind.length],
    [],
    [`Umpan balik terbuka lebih dari ${FEEDBACK_STALE_DAYS} hari kerja`],
    ['ID Umpan Balik', 'ID Kasus', 'Inisial PM', 'Peksos', 'Tentang', 'Jenis', 'Tanggal', 'Hari kerja'],
    ...summary.feedback_stale.map((f) => [
      f.feedback_id,
      f.case_id,
      f.initials,
      f.worker,
      f.target,
      f.kind,
      dayMonthYear(f.date),
      f.working_days,
    ]),
    ['Jumlah', summary.feedback_stale.length, 'Semua terbuka', summary.open_feedback],
    [],
    ['Kurva tonggak per tujuan (rencana vs. dikuasai, per hari kerja)'],
    ['ID Tujuan', 'Baris', ...Array.from({ length: maxDays }, (_, i) => `H${i + 1}`)],
    ...summary.curves.flatMap((c) => [
      [c.goal_id, 'rencana', ...c.points.map((p) => p.planned)],
      [c.goal_id, 'dikuasai', ...c.points.map((p) => p.mastered)],
    ]),
  ]
  return rows
}
