/**
 * Benchmark of the pure domain (`npx tsx bench/domain.ts`): decode + validate every row of a
 * synthetic sheet and compute every goal's progress, for 100 / 1,000 / 10,000 cases with
 * 10 sessions each and 1–2 goals per case. Prints the median over several runs after warm-up,
 * wall time and process CPU time, and the growth ratio between sizes (linear = ×10).
 * Target (architecture.md): 1,000 cases / 10,000 sessions ≤ 100 ms on a 2-core machine, judged on
 * CPU time: wall time also counts waiting for the CPU when other processes load the machine.
 */
import type { Goal, Session } from '../src/domain/index'
import { isoToSerial } from '../src/domain/iso-date'
import { goalsProgress } from '../src/domain/task-achievement'
import { type RawSnapshot, validateSnapshot } from '../src/domain/validate-snapshot'
import { figuresBySize, timeRuns } from './timing'

const TODAY = '2025-12-31'
const AS_OF = '2025-06-30'
const HOLIDAYS = ['2025-01-01', '2025-01-27', '2025-03-31', '2025-04-01', '2025-04-18', '2025-05-01', '2025-05-12']
const TASKS = ['memilah pakaian', 'merendam', 'menyikat', 'membilas', 'menjemur', 'melipat']
const ASSISTANCE = ['penuh', 'sebagian', 'minimal', 'mandiri', 'Mandiri ']
const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}`

/** A snapshot as the Sheets API returns it: dates as serials, numbers as numbers, some text loose. */
function synthetic(caseCount: number): RawSnapshot {
  const staff = Array.from({ length: 20 }, (_, i) => ({ staff_id: `peksos-${i}`, role: 'worker', active: true }))
  const cases: Record<string, unknown>[] = []
  const goals: Record<string, unknown>[] = []
  const sessions: Record<string, unknown>[] = []
  const assessments: Record<string, unknown>[] = []
  const base = isoToSerial('2025-01-06')
  let g = 0
  let s = 0
  let a = 0
  for (let c = 1; c <= caseCount; c++) {
    const consent = base + (c % 60)
    const worker = `peksos-${c % 20}`
    cases.push({
      case_id: id('K', c),
      initials: c % 3 === 0 ? 'A.B' : 'CD',
      sex: c % 2 === 0 ? 'L' : 'P',
      birth_date: isoToSerial('2012-05-01') + (c % 2000),
      cluster: c % 4 === 0 ? 'Disabilitas Fisik' : 'anak',
      service: 'residensial',
      worker,
      stage: 'implementasi',
      consent_date: consent,
      status: 'aktif',
    })
    for (let k = 0; k < 2; k++) {
      a++
      assessments.push({
        assessment_id: id('A', a),
        case_id: id('K', c),
        date: consent + 1 + k,
        tool: 'bpss',
        domain: k === 0 ? 'psikologis' : 'sosial',
        score: 3,
        source: k === 0 ? 'klien' : 'keluarga',
        method: 'wawancara',
        worker,
      })
    }
    const goalCount = c % 2 === 0 ? 2 : 1
    const goalIds: string[] = []
    for (let k = 0; k < goalCount; k++) {
      g++
      goalIds.push(id('T', g))
      goals.push({
        goal_id: id('T', g),
        case_id: id('K', c),
        title: 'Mencuci pakaian sendiri',
        method: 'casework',
        start_date: consent + 7,
        duration_days: 15,
        target_count: 4,
        milestones: '5:1, 10:2, 15:4',
        mastery_level: '',
        weight: 1,
      })
    }
    for (let k = 0; k < 10; k++) {
      s++
      sessions.push({
        session_id: id('S', s),
        case_id: id('K', c),
        goal_id: goalIds[k % goalIds.length],
        date: consent + 7 + k + Math.floor(k / 5) * 2,
        task: TASKS[(k >> 1) % TASKS.length],
        assistance: ASSISTANCE[k % ASSISTANCE.length],
        rating: k === 7 ? 'N' : k === 8 ? '3' : '',
        worker,
        duration_min: 45,
      })
    }
  }
  return {
    cases,
    assessments,
    goals,
    sessions,
    staff,
    settings: HOLIDAYS.map((date) => ({ date, description: 'libur' })),
    lists: [],
  }
}

function runOnce(snapshot: RawSnapshot): { goals: number; invalid: number } {
  const report = validateSnapshot(snapshot, { today: TODAY })
  const goals: Goal[] = []
  for (const r of report.goals) if (r.valid && r.row !== undefined) goals.push(r.row)
  const sessions: Session[] = []
  for (const r of report.sessions) if (r.valid && r.row !== undefined) sessions.push(r.row)
  const progress = goalsProgress({ goals, sessions, holidays: report.context.calendar, asOf: AS_OF })
  return { goals: progress.length, invalid: report.rowsInvalid }
}

type Figures = { cases: number; sessions: number; goals: number; wall: number; cpu: number }

/** One size, measured in this process: warm-up, then the median of several runs. */
function measure(size: number): Figures {
  const snapshot = synthetic(size)
  const runs = size >= 10_000 ? 7 : 15
  let result = { goals: 0, invalid: 0 }
  const { wall, cpu } = timeRuns(runs, () => {
    result = runOnce(snapshot)
  })
  if (result.invalid !== 0) throw new Error(`synthetic data should be valid, ${result.invalid} rows were not`)
  return { cases: size, sessions: snapshot.sessions?.length ?? 0, goals: result.goals, wall, cpu }
}

const SIZES = [100, 1_000, 10_000]
const rows = figuresBySize(SIZES, import.meta.url, measure)
if (rows !== undefined) {
  console.log('decode + validate every row + progress of every goal; median ms (process CPU includes GC threads)')
  console.log('| cases | sessions | goals | wall ms | CPU ms | growth (CPU) |')
  console.log('|---:|---:|---:|---:|---:|---:|')
  rows.forEach((r, i) => {
    const prev = rows[i - 1]
    const growth = prev === undefined ? '' : `×${(r.cpu / prev.cpu).toFixed(1)} for ×${r.cases / prev.cases}`
    console.log(`| ${r.cases} | ${r.sessions} | ${r.goals} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${growth} |`)
  })
  const target = rows.find((r) => r.cases === 1_000)
  if (target !== undefined) {
    const verdict = target.cpu <= 100 ? 'met' : 'NOT met'
    console.log(
      `target 1,000 cases / 10,000 sessions ≤ 100 ms: ${verdict} (wall ${target.wall.toFixed(1)} ms, CPU ${target.cpu.toFixed(1)} ms)`,
    )
  }
}
