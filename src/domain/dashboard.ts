/**
 * @module
 * The `Dashboard` tab (issue 4 item 2, users.md "Coordinators"): the counts a coordinator reads
 * before a case conference and reports upward — active cases by cluster × service, active cases
 * by stage, all cases by status, caseload per worker, goals by TAS status, sessions this week.
 * Pure: the caller passes the valid rows of a snapshot and `asOf`. {@link buildDashboard} returns
 * the typed summary (for JSON) and the same figures as a rectangular grid of sheet cells written
 * from A1; labels are Indonesian, order is fixed so an unchanged sheet writes nothing.
 */
import type { Case } from './case-row'
import type { RawCell } from './cell-codecs'
import { addDays, type IsoDate, weekday } from './iso-date'
import { CASE_STATUSES, type CaseStatus, CLUSTERS, SERVICES, type Service, STAGES, type Stage } from './lists'
import { dayMonthYear, type ProgressGoal, type ProgressSession } from './progress-tab'
import type { StaffMember } from './staff-row'
import { type GoalStatus, goalsProgress } from './task-achievement'
import { staffKey } from './validation-context'
import { isWithdrawn } from './withdrawal'
import type { CalendarSource } from './working-days'

/** Cell A1 of the Dashboard tab; the template writes it too, so a fresh sheet already shows it. */
export const DASHBOARD_TITLE = 'Dasbor Sentra — ringkasan kasus'

export type DashboardCase = Pick<Case, 'case_id' | 'cluster' | 'service' | 'stage' | 'status' | 'worker'>
export type DashboardSession = ProgressSession & { readonly worker: string }
export type DashboardStaff = Pick<StaffMember, 'staff_id' | 'email' | 'role' | 'active'>

export type DashboardInput = {
  /** Valid rows only. */
  readonly cases: readonly DashboardCase[]
  readonly goals: readonly ProgressGoal[]
  readonly sessions: readonly DashboardSession[]
  readonly staff: readonly DashboardStaff[]
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

export type DashboardSummary = {
  readonly as_of: IsoDate
  /** ISO week of `as_of`: Monday … Sunday. */
  readonly week: { readonly start: IsoDate; readonly end: IsoDate }
  readonly active_cases: number
  readonly by_cluster_service: ClusterServiceMatrix
  /** Active cases per stage, in process order (domain.md "Case"). */
  readonly by_stage: readonly { readonly stage: Stage; readonly count: number }[]
  /** All cases per status. */
  readonly by_status: readonly { readonly status: CaseStatus; readonly count: number }[]
  readonly caseload: readonly CaseloadRow[]
  /** Goals of active cases by status (domain.md TAS rule 9). */
  readonly goals: GoalCounts
  /** Sessions dated in the week (any case). */
  readonly sessions_this_week: number
}

export type Dashboard = {
  /** Rectangular (every row as wide as the widest, padded with null), written from A1. */
  readonly grid: readonly (readonly RawCell[])[]
  readonly summary: DashboardSummary
}

const WEEKDAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu']

/** The goal statuses in the order the tab lists them, with their Indonesian row labels. */
const GOAL_ROWS: readonly (readonly [GoalStatus, string])[] = [
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

/** The figures of the Dashboard tab as of `asOf`. O(cases + goals + sessions + staff). */
export function buildDashboard(input: DashboardInput): Dashboard {
  const { asOf } = input
  const week = isoWeek(asOf)
  const active = input.cases.filter((c) => c.status === 'aktif')
  const activeIds = new Set(active.map((c) => c.case_id))
  const resolve = workerResolver(input.staff)

  const by_stage = STAGES.map((stage) => ({ stage, count: active.filter((c) => c.stage === stage).length }))
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

  const goalCounts: Record<GoalStatus, number> = { on_track: 0, behind: 0, completed: 0, not_started: 0 }
  const activeGoals = input.goals.filter((g) => activeIds.has(g.case_id))
  for (const p of goalsProgress({ goals: activeGoals, sessions: input.sessions, holidays: input.holidays, asOf })) {
    goalCounts[p.status]++
  }

  const summary: DashboardSummary = {
    as_of: asOf,
    week,
    active_cases: active.length,
    by_cluster_service: clusterServiceMatrix(active),
    by_stage,
    by_status,
    caseload: [...caseload]
      .sort(([a], [b]) => byText(a, b))
      .map(([worker, e]) => ({ worker, active_cases: e.active_cases, sessions_this_week: e.sessions_this_week })),
    goals: { ...goalCounts, total: activeGoals.length },
    sessions_this_week: sessionsThisWeek,
  }
  return { grid: dashboardGrid(summary), summary }
}

/** The sheet layout of a summary: sections top to bottom, one blank row between them. */
export function dashboardGrid(summary: DashboardSummary): RawCell[][] {
  const m = summary.by_cluster_service
  const rows: RawCell[][] = [
    [DASHBOARD_TITLE],
    [
      `Data per ${WEEKDAYS_ID[weekday(summary.as_of)]}, ${dayMonthYear(summary.as_of)}; minggu ini ${dayMonthYear(summary.week.start)} s.d. ${dayMonthYear(summary.week.end)}`,
    ],
    [],
    ['Kasus aktif per klaster × jenis layanan'],
    ['Klaster', ...m.services.map(displayCode), 'Jumlah'],
    ...m.clusters.map((cluster, i) => [displayCode(cluster), ...(m.counts[i] ?? []), m.cluster_totals[i] ?? 0]),
    ['Jumlah', ...m.service_totals, m.total],
    [],
    ['Kasus aktif per tahapan'],
    ['Tahapan', 'Jumlah'],
    ...summary.by_stage.map((s) => [displayCode(s.stage), s.count]),
    ['Jumlah', summary.active_cases],
    [],
    ['Semua kasus per status'],
    ['Status', 'Jumlah'],
    ...summary.by_status.map((s) => [displayCode(s.status), s.count]),
    [],
    ['Beban kerja per peksos'],
    ['Peksos', 'Kasus aktif', 'Sesi minggu ini'],
    ...summary.caseload.map((w) => [w.worker, w.active_cases, w.sessions_this_week]),
    [],
    ['Tujuan kasus aktif per status'],
    ['Status', 'Jumlah'],
    ...GOAL_ROWS.map(([status, label]) => [label, summary.goals[status]]),
    ['Jumlah', summary.goals.total],
    [],
    ['Sesi minggu ini', summary.sessions_this_week],
  ]
  const width = Math.max(...rows.map((r) => r.length))
  return rows.map((r) => [...r, ...Array<RawCell>(width - r.length).fill(null)])
}
