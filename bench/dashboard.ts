/**
 * Benchmark of the computed tabs with issue 9's figures (`npx tsx bench/dashboard.ts`): the one
 * dashboard function (domain buildDashboard: goals by status and level, caseload, funnel, cluster ×
 * service, approvals, goals behind, stale feedback, and every goal's milestone curve) and the
 * Progress and Dashboard grids together (ledger computeGrids, what every sync and every flush
 * computes), for 100 / 1,000 / 10,000 cases with 10 sessions, 1–2 goals and 1 feedback row per
 * goal. Valid typed rows in, as the sync hands them over. Median of several runs after warm-up,
 * wall and process CPU time, each size in a fresh process; the growth between sizes (linear = ×10).
 */
import type { Case, Feedback, Goal, Session, StaffMember } from '../src/domain/index'
import { addDays, buildDashboard } from '../src/domain/index'
import { computeGrids } from '../src/ledger/computed-tabs'
import { figuresBySize, type Timing, timeRuns } from './timing'

const AS_OF = '2025-06-30'
const HOLIDAYS = ['2025-01-01', '2025-01-27', '2025-03-31', '2025-04-01', '2025-04-18', '2025-05-01', '2025-05-12']
const TASKS = ['memilah pakaian', 'merendam', 'menyikat', 'membilas', 'menjemur', 'melipat']
const ASSISTANCE = ['penuh', 'sebagian', 'minimal', 'mandiri'] as const
const CLUSTERS = ['anak', 'disabilitas_fisik', 'disabilitas_intelektual', 'kelompok_rentan'] as const
const SERVICES = ['residensial', 'daycare', 'keluarga', 'komunitas'] as const
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}`

type Rows = {
  cases: Case[]
  goals: Goal[]
  sessions: Session[]
  feedback: Feedback[]
  staff: StaffMember[]
}

function synthetic(caseCount: number): Rows {
  const staff: StaffMember[] = [
    ...Array.from({ length: 20 }, (_, i): StaffMember => ({ staff_id: `peksos-${i}`, role: 'worker', active: true })),
    { staff_id: 'koordinator', role: 'coordinator', active: true },
  ]
  const rows: Rows = { cases: [], goals: [], sessions: [], feedback: [], staff }
  let g = 0
  let s = 0
  let f = 0
  for (let c = 1; c <= caseCount; c++) {
    const consent = addDays('2025-01-06', c % 60)
    const worker = `peksos-${c % 20}`
    rows.cases.push({
      case_id: id('K', c),
      initials: 'AB',
      sex: c % 2 === 0 ? 'L' : 'P',
      birth_date: '2012-05-01',
      cluster: CLUSTERS[c % CLUSTERS.length] as string,
      service: SERVICES[c % SERVICES.length] as Case['service'],
      worker,
      stage: 'implementasi',
      consent_date: consent,
      status: 'aktif',
    })
    const goalIds: string[] = []
    for (let k = 0; k < (c % 2 === 0 ? 2 : 1); k++) {
      g++
      goalIds.push(id('T', g))
      rows.goals.push({
        goal_id: id('T', g),
        case_id: id('K', c),
        title: 'Mencuci pakaian sendiri',
        method: 'casework',
        start_date: addDays(consent, 7),
        duration_days: 15,
        target_count: 4,
        milestones: '5:1, 10:2, 15:4',
        mastery_level: 4,
        success_level: 3,
        weight: 1,
      })
      f++
      rows.feedback.push({
        feedback_id: id('U', f),
        case_id: id('K', c),
        target: id('T', g),
        date: addDays(consent, 6),
        from: 'koordinator',
        kind: f % 3 === 0 ? 'approve' : 'revise',
        ...(f % 3 === 0 ? {} : { text: 'Perjelas target.' }),
      })
    }
    for (let k = 0; k < 10; k++) {
      s++
      rows.sessions.push({
        session_id: id('S', s),
        case_id: id('K', c),
        goal_id: goalIds[k % goalIds.length] as string,
        date: addDays(consent, 7 + k + Math.floor(k / 5) * 2),
        task: TASKS[(k >> 1) % TASKS.length] as string,
        assistance: ASSISTANCE[k % ASSISTANCE.length] as Session['assistance'],
        worker,
      })
    }
  }
  return rows
}

type Figures = { cases: number; goals: number; curvePoints: number; dashboard: Timing; grids: Timing }

function measure(size: number): Figures {
  const rows = synthetic(size)
  const runs = size >= 10_000 ? 7 : 15
  const input = { ...rows, holidays: HOLIDAYS, asOf: AS_OF }
  const { summary } = buildDashboard(input)
  if (summary.goals.total !== rows.goals.length) throw new Error('every synthetic goal should be counted')
  return {
    cases: size,
    goals: rows.goals.length,
    curvePoints: summary.curves.reduce((n, c) => n + c.points.length, 0),
    dashboard: timeRuns(runs, () => buildDashboard(input)),
    grids: timeRuns(runs, () => computeGrids(input)),
  }
}

const SIZES = [100, 1_000, 10_000]
const rows = figuresBySize(SIZES, import.meta.url, measure)
if (rows !== undefined) {
  console.log('buildDashboard (all figures, curves included) and computeGrids (Progress + Dashboard); median ms')
  console.log(
    '| cases | goals | curve points | dashboard wall | dashboard CPU | both grids wall | both grids CPU | growth (grids CPU) |',
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|')
  rows.forEach((r, i) => {
    const prev = rows[i - 1]
    const growth =
      prev === undefined ? '' : `×${(r.grids.cpu / prev.grids.cpu).toFixed(1)} for ×${r.cases / prev.cases}`
    console.log(
      `| ${r.cases} | ${r.goals} | ${r.curvePoints} | ${r.dashboard.wall.toFixed(1)} | ${r.dashboard.cpu.toFixed(1)} | ${r.grids.wall.toFixed(1)} | ${r.grids.cpu.toFixed(1)} | ${growth} |`,
    )
  })
}
