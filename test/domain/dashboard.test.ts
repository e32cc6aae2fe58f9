import { describe, expect, it } from 'vitest'
import {
  buildDashboard,
  CASELOAD_CHART_ROWS,
  caseloadChart,
  DASHBOARD_BLOCKS,
  DASHBOARD_TITLE,
  DASHBOARD_VARIABLE_ROW,
  type DashboardCase,
  type DashboardInput,
  type DashboardSession,
  type DashboardStaff,
  displayCode,
  isoWeek,
} from '../../src/domain/dashboard'
import type { FeedbackInput } from '../../src/domain/feedback-state'
import type { ProgressGoal } from '../../src/domain/progress-tab'

const kase = (case_id: string, over: Partial<DashboardCase> = {}): DashboardCase => ({
  case_id,
  initials: 'AB',
  cluster: 'anak',
  service: 'residensial',
  stage: 'implementasi',
  status: 'aktif',
  worker: 'peksos-uji',
  ...over,
})
const goal = (goal_id: string, case_id: string, over: Partial<ProgressGoal> = {}): ProgressGoal => ({
  goal_id,
  case_id,
  title: 'Tujuan uji',
  start_date: '2025-03-05',
  duration_days: 10,
  target_count: 4,
  milestones: '5:2, 10:4',
  ...over,
})
const sess = (goal_id: string, date: string, worker = 'peksos-uji', assistance = 'mandiri'): DashboardSession => ({
  goal_id,
  date,
  task: `tugas ${date}`,
  assistance,
  worker,
})
const STAFF: DashboardStaff[] = [
  { staff_id: 'peksos-uji', email: 'uji@sentra.test', role: 'worker', active: true },
  { staff_id: 'peksos-baru', role: 'worker', active: true },
  { staff_id: 'peksos-lama', role: 'worker', active: false },
  { staff_id: 'koordinator-uji', role: 'coordinator', active: true },
]

const CASES: DashboardCase[] = [
  kase('K-0001'),
  kase('K-0002', { cluster: 'disabilitas_fisik', service: 'daycare', stage: 'asesmen', worker: 'UJI@sentra.test' }),
  kase('K-0003', { cluster: 'disabilitas_fisik', service: 'daycare', stage: 'akses', worker: 'peksos-lain' }),
  kase('K-0004', { cluster: 'lansia', service: 'komunitas', stage: 'akses' }),
  kase('K-0005', { status: 'selesai', stage: 'terminasi' }),
  kase('K-0006', { status: 'dirujuk', stage: 'terminasi', worker: 'peksos-lama' }),
]
const GOALS: ProgressGoal[] = [
  goal('T-0001', 'K-0001'), // sessions below: on track as of 2025-03-13
  goal('T-0002', 'K-0002'), // no sessions: not started
  goal('T-0003', 'K-0003', { start_date: '2025-02-03' }), // ended before 2025-03-13: completed
  goal('T-0004', 'K-0004', { milestones: '1:1' }), // day 1 passed without mastery: behind
  goal('T-0005', 'K-0005'), // closed case: not counted
]
const SESSIONS: DashboardSession[] = [
  sess('T-0001', '2025-03-05'),
  sess('T-0001', '2025-03-06'),
  sess('T-0001', '2025-03-09'), // Sunday before the week of 2025-03-13
  sess('T-0001', '2025-03-10', 'uji@sentra.test'), // Monday: this week
  sess('T-0001', '2025-03-12'),
  sess('T-0003', '2025-02-03', 'peksos-lain'),
  sess('T-0004', '2025-03-05', 'peksos-uji', 'penuh'),
  sess('T-0004', '2025-03-13', 'peksos-baru', 'penuh'),
  sess('T-0005', '2025-03-16', 'peksos-lama'), // Sunday: this week
  sess('T-0001', '2025-03-17'), // next Monday: not this week
]
const fb = (feedback_id: string, target: string, over: Partial<FeedbackInput> = {}): FeedbackInput => ({
  feedback_id,
  case_id: `K-${target.slice(2)}`,
  target,
  date: '2025-03-10',
  from: 'koordinator-uji',
  kind: 'comment',
  text: 'catatan uji',
  ...over,
})
const FEEDBACK: FeedbackInput[] = [
  fb('U-0001', 'T-0001', { kind: 'approve', text: undefined }), // approved
  fb('U-0002', 'T-0004', { kind: 'revise', date: '2025-03-05' }), // open since 4 working days: stale
  fb('U-0003', 'T-0001', { date: '2025-03-11' }), // open, 1 working day: not stale
  fb('U-0004', 'T-0002', { kind: 'revise', date: '2025-03-03', resolved_date: '2025-03-04', reply: 'sudah' }), // revised
]
const INPUT: DashboardInput = {
  cases: CASES,
  goals: GOALS,
  sessions: SESSIONS,
  staff: STAFF,
  feedback: FEEDBACK,
  holidays: ['2025-03-07'],
  asOf: '2025-03-13',
}

describe('buildDashboard', () => {
  const { summary, grid } = buildDashboard(INPUT)

  it('counts active cases by cluster × service, extra clusters after the default list', () => {
    const m = summary.by_cluster_service
    expect(m.clusters.slice(-2)).toEqual(['kelompok_rentan', 'lansia'])
    expect(m.services).toEqual(['residensial', 'daycare', 'keluarga', 'komunitas'])
    const at = (cluster: string) => m.counts[m.clusters.indexOf(cluster)]
    expect(at('anak')).toEqual([1, 0, 0, 0])
    expect(at('disabilitas_fisik')).toEqual([0, 2, 0, 0])
    expect(at('lansia')).toEqual([0, 0, 0, 1])
    expect(at('disabilitas_ganda')).toEqual([0, 0, 0, 0])
    expect(m.service_totals).toEqual([1, 2, 0, 1])
    expect(m.total).toBe(4)
    expect(summary.active_cases).toBe(4)
  })

  it('counts active cases by stage in process order as a funnel (at the stage, and at it or later), and all cases by status', () => {
    expect(summary.by_stage).toEqual([
      { stage: 'akses', count: 2, reached: 4 },
      { stage: 'pendekatan_awal', count: 0, reached: 2 },
      { stage: 'asesmen', count: 1, reached: 2 },
      { stage: 'perencanaan', count: 0, reached: 1 },
      { stage: 'implementasi', count: 1, reached: 1 },
      { stage: 'supervisi', count: 0, reached: 0 },
      { stage: 'monev', count: 0, reached: 0 },
      { stage: 'terminasi', count: 0, reached: 0 },
    ])
    expect(summary.by_status).toEqual([
      { status: 'aktif', count: 4 },
      { status: 'selesai', count: 1 },
      { status: 'dirujuk', count: 1 },
    ])
  })

  it('gives each worker their active cases and sessions this week, emails resolved to staff ids', () => {
    expect(summary.caseload).toEqual([
      { worker: 'peksos-baru', active_cases: 0, sessions_this_week: 1 },
      { worker: 'peksos-lain', active_cases: 1, sessions_this_week: 0 },
      { worker: 'peksos-lama', active_cases: 0, sessions_this_week: 1 },
      { worker: 'peksos-uji', active_cases: 3, sessions_this_week: 2 },
    ])
  })

  it('counts goals of active cases by TAS status', () => {
    expect(summary.goals).toEqual({ on_track: 1, behind: 1, completed: 1, not_started: 1, total: 4 })
  })

  it('counts the sessions of the ISO week (Monday to Sunday) of the as-of date', () => {
    expect(summary.week).toEqual({ start: '2025-03-10', end: '2025-03-16' })
    expect(summary.sessions_this_week).toBe(4)
  })

  it('counts started goals of active cases by TAS level (a goal without sessions has no level yet)', () => {
    expect(summary.tas_levels.map((l) => [l.level, l.label, l.count])).toEqual([
      [0, 'Tidak Tercapai', 0],
      [1, 'Kurang Tercapai', 2],
      [2, 'Sebagian Tercapai', 0],
      [3, 'Cukup Tercapai', 0],
      [4, 'Sangat Tercapai', 1],
    ])
  })

  it('counts the plans of active cases by approval state, from the feedback rows alone', () => {
    expect(summary.approvals).toEqual({ not_reviewed: 1, revision_requested: 1, revised: 1, approved: 1 })
  })

  it('lists the goals behind their plan', () => {
    expect(summary.goals_behind).toEqual([
      {
        goal_id: 'T-0004',
        case_id: 'K-0004',
        initials: 'AB',
        worker: 'peksos-uji',
        title: 'Tujuan uji',
        missed: 1,
        mastered: 0,
        target_count: 4,
        level: 1,
      },
    ])
  })

  it('counts open feedback and lists what is open longer than 3 working days (holidays do not count)', () => {
    expect(summary.open_feedback).toBe(2)
    expect(summary.feedback_stale).toEqual([
      {
        feedback_id: 'U-0002',
        case_id: 'K-0004',
        initials: 'AB',
        worker: 'peksos-uji',
        target: 'T-0004',
        kind: 'revise',
        from: 'koordinator-uji',
        date: '2025-03-05',
        working_days: 4,
      },
    ])
  })

  it('draws each goal of an active case as planned vs mastered per working day, nothing after the as-of date', () => {
    expect(summary.curves.map((c) => c.goal_id)).toEqual(['T-0001', 'T-0002', 'T-0003', 'T-0004'])
    const t1 = summary.curves[0]?.points ?? []
    expect(t1.map((p) => p.date)).toEqual([
      '2025-03-05',
      '2025-03-06',
      '2025-03-10',
      '2025-03-11',
      '2025-03-12',
      '2025-03-13',
      '2025-03-14',
      '2025-03-17',
      '2025-03-18',
      '2025-03-19',
    ])
    expect(t1.map((p) => p.planned)).toEqual([0, 0, 0, 0, 2, 2, 2, 2, 2, 4])
    expect(t1.map((p) => p.mastered)).toEqual([1, 2, 4, 4, 5, 5, null, null, null, null])
  })

  it('puts the three chart blocks at their fixed rows, and the other sections below them', () => {
    const at = (row: number) => grid[row] ?? []
    expect(at(DASHBOARD_BLOCKS.goals.title)[0]).toBe('Tujuan kasus aktif per status')
    expect(grid.slice(DASHBOARD_BLOCKS.goals.firstRow, DASHBOARD_BLOCKS.goals.firstRow + 4)).toEqual([
      ['Sesuai rencana', 1],
      ['Tertinggal', 1],
      ['Selesai', 1],
      ['Belum mulai', 1],
    ])
    expect(at(DASHBOARD_BLOCKS.levels.title)[0]).toMatch(/^Level TAS/)
    expect(grid.slice(DASHBOARD_BLOCKS.levels.firstRow, DASHBOARD_BLOCKS.levels.firstRow + 5)).toEqual([
      ['Level 0 · Tidak Tercapai', 0],
      ['Level 1 · Kurang Tercapai', 2],
      ['Level 2 · Sebagian Tercapai', 0],
      ['Level 3 · Cukup Tercapai', 0],
      ['Level 4 · Sangat Tercapai', 1],
    ])
    expect(at(DASHBOARD_BLOCKS.caseload.title)[0]).toMatch(/^Beban kerja per peksos/)
    const caseload = grid.slice(
      DASHBOARD_BLOCKS.caseload.firstRow,
      DASHBOARD_BLOCKS.caseload.firstRow + CASELOAD_CHART_ROWS,
    )
    expect(caseload.slice(0, 4)).toEqual([
      ['peksos-baru', 0, 1],
      ['peksos-lain', 1, 0],
      ['peksos-lama', 0, 1],
      ['peksos-uji', 3, 2],
    ])
    expect(caseload.slice(4).every((row) => row.length === 0)).toBe(true)
    expect(at(DASHBOARD_BLOCKS.caseload.firstRow + CASELOAD_CHART_ROWS)).toEqual(['Jumlah', 4, 4])
    expect(at(DASHBOARD_VARIABLE_ROW)[0]).toBe('Kasus aktif per klaster × jenis layanan')
  })

  it('lays the figures out under the title, each section by its label', () => {
    expect(grid[0]?.[0]).toBe(DASHBOARD_TITLE)
    expect(grid[1]?.[0]).toBe('Data per Kamis, 13-03-2025; minggu ini 10-03-2025 s.d. 16-03-2025')
    const rowOf = (label: string) => grid.find((row) => row[0] === label)
    expect(rowOf('Klaster')).toEqual(['Klaster', 'Residensial', 'Daycare', 'Keluarga', 'Komunitas', 'Jumlah'])
    expect(rowOf('Disabilitas fisik')).toEqual(['Disabilitas fisik', 0, 2, 0, 0, 2])
    expect(rowOf('Pendekatan awal')).toEqual(['Pendekatan awal', 0, 2])
    expect(rowOf('Sesi minggu ini')).toEqual(['Sesi minggu ini', 4])
    expect(rowOf('Perlu revisi')).toEqual(['Perlu revisi', 1])
    expect(rowOf('T-0004')).toEqual(['T-0004', 'K-0004', 'AB', 'peksos-uji', 1, 0, 4, 1])
    expect(rowOf('U-0002')).toEqual(['U-0002', 'K-0004', 'AB', 'peksos-uji', 'T-0004', 'revise', '05-03-2025', 4])
    const curve = grid.filter((row) => row[0] === 'T-0001' && (row[1] === 'rencana' || row[1] === 'dikuasai'))
    expect(curve).toEqual([
      ['T-0001', 'rencana', 0, 0, 0, 0, 2, 2, 2, 2, 2, 4],
      ['T-0001', 'dikuasai', 1, 2, 4, 4, 5, 5, null, null, null, null],
    ])
  })

  it('does not depend on the order of the input rows', () => {
    const shuffled: DashboardInput = {
      ...INPUT,
      cases: [...CASES].reverse(),
      goals: [...GOALS].reverse(),
      sessions: [...SESSIONS].reverse(),
      staff: [...STAFF].reverse(),
      feedback: [...FEEDBACK].reverse(),
    }
    expect(buildDashboard(shuffled)).toEqual(buildDashboard(INPUT))
  })

  it('shows every default cluster and active worker with zeros on an empty sheet', () => {
    const empty = buildDashboard({ ...INPUT, cases: [], goals: [], sessions: [] })
    expect(empty.summary.by_cluster_service.clusters).toHaveLength(7)
    expect(empty.summary.by_cluster_service.total).toBe(0)
    expect(empty.summary.caseload.map((w) => w.worker)).toEqual(['peksos-baru', 'peksos-uji'])
    expect(empty.summary.goals.total).toBe(0)
  })
})

describe('caseloadChart', () => {
  const worker = (n: number, active_cases: number) => ({
    worker: `peksos-${String(n).padStart(2, '0')}`,
    active_cases,
    sessions_this_week: 1,
  })

  it('keeps every worker, in id order, when they fit the block', () => {
    const all = Array.from({ length: CASELOAD_CHART_ROWS }, (_, i) => worker(i, i % 3))
    expect(caseloadChart(all)).toEqual(all)
  })

  it('keeps the busiest workers and sums the rest into a last row when they do not fit', () => {
    const all = Array.from({ length: 5 }, (_, i) => worker(i, i))
    expect(caseloadChart(all, 3)).toEqual([
      worker(3, 3),
      worker(4, 4),
      { worker: 'lainnya (3 peksos)', active_cases: 0 + 1 + 2, sessions_this_week: 3 },
    ])
  })

  it('never grows the sheet block past its bound', () => {
    const all = Array.from({ length: 100 }, (_, i) => worker(i, 1))
    const chart = caseloadChart(all)
    expect(chart).toHaveLength(CASELOAD_CHART_ROWS)
    expect(chart.reduce((n, w) => n + w.active_cases, 0)).toBe(100)
  })
})

describe('isoWeek', () => {
  it.each([
    ['2025-03-13', '2025-03-10', '2025-03-16'],
    ['2025-03-10', '2025-03-10', '2025-03-16'],
    ['2025-03-16', '2025-03-10', '2025-03-16'],
    ['2025-03-17', '2025-03-17', '2025-03-23'],
    ['2025-01-01', '2024-12-30', '2025-01-05'],
  ])('puts %s in the week %s … %s', (date, start, end) => {
    expect(isoWeek(date)).toEqual({ start, end })
  })
})

describe('displayCode', () => {
  it.each([
    ['pendekatan_awal', 'Pendekatan awal'],
    ['anak', 'Anak'],
    ['disabilitas_ganda', 'Disabilitas ganda'],
  ])('shows %s as %s', (code, text) => {
    expect(displayCode(code)).toBe(text)
  })
})
