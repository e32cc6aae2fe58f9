import { describe, expect, it } from 'vitest'
import {
  buildDashboard,
  DASHBOARD_TITLE,
  type DashboardCase,
  type DashboardInput,
  type DashboardSession,
  type DashboardStaff,
  displayCode,
  isoWeek,
} from '../../src/domain/dashboard'
import type { ProgressGoal } from '../../src/domain/progress-tab'

const kase = (case_id: string, over: Partial<DashboardCase> = {}): DashboardCase => ({
  case_id,
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
const INPUT: DashboardInput = {
  cases: CASES,
  goals: GOALS,
  sessions: SESSIONS,
  staff: STAFF,
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

  it('counts active cases by stage in process order, and all cases by status', () => {
    expect(summary.by_stage).toEqual([
      { stage: 'akses', count: 2 },
      { stage: 'pendekatan_awal', count: 0 },
      { stage: 'asesmen', count: 1 },
      { stage: 'perencanaan', count: 0 },
      { stage: 'implementasi', count: 1 },
      { stage: 'supervisi', count: 0 },
      { stage: 'monev', count: 0 },
      { stage: 'terminasi', count: 0 },
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

  it('lays the figures out as a rectangular grid under the title', () => {
    expect(grid[0]?.[0]).toBe(DASHBOARD_TITLE)
    expect(grid[1]?.[0]).toBe('Data per Kamis, 13-03-2025; minggu ini 10-03-2025 s.d. 16-03-2025')
    const width = grid[0]?.length
    expect(grid.every((row) => row.length === width)).toBe(true)
    const rowOf = (label: string) => grid.find((row) => row[0] === label)
    expect(rowOf('Klaster')).toEqual(['Klaster', 'Residensial', 'Daycare', 'Keluarga', 'Komunitas', 'Jumlah'])
    expect(rowOf('Disabilitas fisik')).toEqual(['Disabilitas fisik', 0, 2, 0, 0, 2])
    expect(rowOf('Pendekatan awal')?.slice(0, 2)).toEqual(['Pendekatan awal', 0])
    expect(rowOf('peksos-uji')?.slice(0, 3)).toEqual(['peksos-uji', 3, 2])
    expect(rowOf('Tertinggal')?.slice(0, 2)).toEqual(['Tertinggal', 1])
    expect(rowOf('Sesi minggu ini')?.slice(0, 2)).toEqual(['Sesi minggu ini', 4])
  })

  it('does not depend on the order of the input rows', () => {
    const shuffled: DashboardInput = {
      ...INPUT,
      cases: [...CASES].reverse(),
      goals: [...GOALS].reverse(),
      sessions: [...SESSIONS].reverse(),
      staff: [...STAFF].reverse(),
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
