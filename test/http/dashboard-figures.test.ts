// Every figure of the coordinator's dashboard agrees between the `Dashboard` tab the sync writes
// and `GET /api/dashboard` for the same as-of date (issue 9 point 3): both come from ONE domain
// function, and this checks it end to end — a centre built through the real Worker, ledger and
// emulator, the tab read back as Google returns it and parsed on its own (the chart blocks by
// their fixed rows, the other sections by their titles), the API asked for the date the tab
// names. The page side of the comparison (/app/dashboard) is the field app's.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  APPROVAL_LABELS,
  APPROVAL_STATES,
  addDays,
  CASELOAD_CHART_ROWS,
  DASHBOARD_BLOCKS,
  type DashboardSummary,
  displayCode,
  GOAL_ROWS,
  type IsoDate,
  levelLabel,
  weekday,
} from '../../src/domain'
import { todayIn } from '../../src/ledger/clock'
import type { GoalProgressView } from '../../src/ledger/contract'
import { provisionCasebook } from '../support/casebook'
import { type Cell, tabValues } from '../support/emulator-control'
import { type Client, captureLogs, realClient } from './support/real-ledger'

const SHEET = 'http-dashboard-figures'
captureLogs()

/** The `n`-th working day (Mon–Fri; the casebook's one holiday is in 2025) before `from`. */
function workdaysBefore(from: IsoDate, n: number): IsoDate {
  let d = from
  for (let left = n; left > 0; ) {
    d = addDays(d, -1)
    if (weekday(d) !== 0 && weekday(d) !== 6) left--
  }
  return d
}

let client: Client
let grid: Cell[][]
let api: DashboardSummary
let asOf: IsoDate

/**
 * A centre with something in every section: cases of two workers in three clusters and stages,
 * one closed; goals on track, behind, completed and not started; sessions over three weeks;
 * an approved plan, a revision asked 9 working days ago (stale), a recent comment, and a
 * revision the worker resolved.
 */
async function buildCentre(c: Client, today: IsoDate): Promise<void> {
  const coordinator = await c.token('koordinator-uji', 'coordinator')
  const uji = await c.token('peksos-uji', 'worker')
  const lain = await c.token('peksos-lain', 'worker')
  const wd = (n: number) => workdaysBefore(today, n)
  const post = async (token: string, path: string, json: object) => {
    const res = await c.send(path, { token, json })
    const text = await res.text()
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`)
  }
  const kase = (initials: string, over: object) => ({
    initials,
    sex: 'P',
    birth_date: '2012-02-02',
    cluster: 'anak',
    service: 'residensial',
    worker: 'peksos-uji',
    stage: 'implementasi',
    status: 'aktif',
    consent_date: wd(30),
    ...over,
  })
  await post(coordinator, '/api/cases', kase('AB', {}))
  await post(
    coordinator,
    '/api/cases',
    kase('CD', { cluster: 'disabilitas_fisik', service: 'daycare', worker: 'peksos-lain', stage: 'asesmen' }),
  )
  await post(
    coordinator,
    '/api/cases',
    kase('EF', { cluster: 'disabilitas_fisik', service: 'daycare', stage: 'akses', consent_date: undefined }),
  )
  await post(
    coordinator,
    '/api/cases',
    kase('GH', {
      service: 'komunitas',
      worker: 'peksos-lain',
      stage: 'terminasi',
      status: 'selesai',
      closed_date: wd(5),
      closure_reason: 'tujuan tercapai',
      referred_to: 'keluarga',
    }),
  )
  const goal = (
    case_id: string,
    title: string,
    start: IsoDate,
    duration_days: number,
    target_count: number,
    milestones: string,
  ) => ({
    case_id,
    title,
    method: 'casework',
    start_date: start,
    duration_days,
    target_count,
    milestones,
  })
  await post(uji, '/api/goals', goal('K-0001', 'Memasak tiga resep', wd(12), 15, 3, '5:1, 10:2, 15:3'))
  await post(uji, '/api/goals', goal('K-0001', 'Menghitung belanja', wd(12), 15, 2, '2:1, 15:2'))
  await post(lain, '/api/goals', goal('K-0002', 'Menyapu', wd(25), 5, 1, '5:1'))
  await post(lain, '/api/goals', goal('K-0002', 'Melipat pakaian', wd(3), 10, 2, '5:1, 10:2'))
  const session = (case_id: string, goal_id: string, date: IsoDate, task: string, assistance: string) => ({
    case_id,
    goal_id,
    date,
    task,
    assistance,
  })
  await post(uji, '/api/sessions', session('K-0001', 'T-0001', wd(11), 'mencuci beras', 'mandiri'))
  await post(uji, '/api/sessions', session('K-0001', 'T-0001', wd(6), 'menggoreng telur', 'mandiri'))
  await post(uji, '/api/sessions', session('K-0001', 'T-0001', wd(1), 'membuat sup', 'penuh'))
  await post(uji, '/api/sessions', session('K-0001', 'T-0002', wd(10), 'mencatat harga', 'penuh'))
  await post(uji, '/api/sessions', session('K-0001', 'T-0002', today, 'mencatat harga', 'sebagian'))
  await post(lain, '/api/sessions', session('K-0002', 'T-0003', wd(24), 'menyapu teras', 'sebagian'))
  const feedback = (target: string, date: IsoDate, kind: string, text?: string) => ({
    case_id: target === 'T-0003' ? 'K-0002' : 'K-0001',
    target,
    date,
    kind,
    ...(text === undefined ? {} : { text }),
  })
  await post(coordinator, '/api/feedback', feedback('T-0001', wd(13), 'approve'))
  await post(coordinator, '/api/feedback', feedback('T-0002', wd(9), 'revise', 'Tonggak hari ke-2 terlalu cepat.'))
  await post(coordinator, '/api/feedback', feedback('T-0001', wd(1), 'comment', 'Catat takaran bahan.'))
  await post(coordinator, '/api/feedback', feedback('T-0003', wd(20), 'revise', 'Perjelas tugas.'))
  // peksos-lain answers the revision of their plan: resolved with a reply, guarded by If-Match.
  const read = await c.send('/api/feedback/U-0004', { token: lain })
  const resolved = await c.send('/api/feedback/U-0004', {
    method: 'PATCH',
    token: lain,
    json: { resolved_date: wd(18), reply: 'Tugas sudah diperjelas.' },
    headers: { 'If-Match': read.headers.get('etag') ?? '' },
  })
  if (resolved.status !== 200) throw new Error(`resolving U-0004: ${resolved.status} ${await resolved.text()}`)
  await post(uji, '/api/events', {
    case_id: 'K-0001',
    date: wd(14),
    kind: 'case_conference',
    participants: 'peksos, supervisor',
    summary: 'Rencana disepakati.',
  })
}

// ---- reading the tab on its own ------------------------------------------------------------

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell))

/** The rows of the section titled `title`: after its header row, up to a `Jumlah` row or a blank one. */
function section(title: string): Cell[][] {
  const at = grid.findIndex((row) => text(row[0]) === title)
  expect(at, `section ${title}`).toBeGreaterThanOrEqual(0)
  const rows: Cell[][] = []
  for (let r = at + 2; r < grid.length; r++) {
    const row = grid[r] ?? []
    if (row.length === 0 || text(row[0]) === '' || text(row[0]) === 'Jumlah') break
    rows.push(row)
  }
  return rows
}

/** The rows of a fixed chart block, by the rows the template's charts read. */
const block = (b: { firstRow: number; rows: number }): Cell[][] => grid.slice(b.firstRow, b.firstRow + b.rows)

/** `Data per Rabu, 02-12-2026; …` → 2026-12-02. */
function asOfOfTab(): IsoDate {
  const m = /(\d{2})-(\d{2})-(\d{4});/.exec(text(grid[1]?.[0]))
  expect(m).not.toBeNull()
  return `${m?.[3]}-${m?.[2]}-${m?.[1]}`
}

beforeAll(async () => {
  await provisionCasebook(SHEET)
  client = realClient(SHEET)
  await buildCentre(client, todayIn('Asia/Jakarta', Date.now()))
  const coordinator = await client.token('koordinator-uji', 'coordinator')
  // The sync writes the tab from the sheet's rows (the flushes wrote it already; this settles it).
  expect((await client.send('/api/sync', { method: 'POST', token: coordinator })).status).toBe(200)
  grid = await tabValues(SHEET, 'Dashboard')
  asOf = asOfOfTab()
  const res = await client.send(`/api/dashboard?as_of=${asOf}`, { token: coordinator })
  expect(res.status).toBe(200)
  api = await res.json()
}, 120_000)

describe('the Dashboard tab and GET /api/dashboard, same as-of date', () => {
  it('name the same day', () => {
    expect(api.as_of).toBe(asOf)
  })

  it('count goals of active cases by status (the first chart block)', () => {
    const tab = Object.fromEntries(block(DASHBOARD_BLOCKS.goals).map((r) => [text(r[0]), r[1]]))
    const fromApi = Object.fromEntries(GOAL_ROWS.map(([status, label]) => [label, api.goals[status]]))
    expect(tab).toEqual(fromApi)
    // Something in each: the centre was built so.
    expect(api.goals).toMatchObject({ on_track: 1, behind: 1, completed: 1, not_started: 1, total: 4 })
  })

  it('count started goals by TAS level (the second chart block)', () => {
    expect(block(DASHBOARD_BLOCKS.levels)).toEqual(
      api.tas_levels.map((l) => [`Level ${l.level} · ${levelLabel(l.level)}`, l.count]),
    )
    expect(api.tas_levels.reduce((n, l) => n + l.count, 0)).toBe(3)
  })

  it('give each worker the same caseload (the bounded third chart block)', () => {
    const rows = block(DASHBOARD_BLOCKS.caseload).filter((r) => r.length > 0)
    expect(rows).toEqual(api.caseload_chart.map((w) => [w.worker, w.active_cases, w.sessions_this_week]))
    expect(api.caseload_chart.length).toBeLessThanOrEqual(CASELOAD_CHART_ROWS)
    expect(api.caseload_chart).toEqual(api.caseload)
    expect(api.caseload.find((w) => w.worker === 'peksos-uji')?.active_cases).toBe(2)
  })

  it('count active cases by cluster × service', () => {
    const m = api.by_cluster_service
    expect(section('Kasus aktif per klaster × jenis layanan')).toEqual(
      m.clusters.map((cluster, i) => [displayCode(cluster), ...(m.counts[i] ?? []), m.cluster_totals[i]]),
    )
    expect(m.total).toBe(3)
  })

  it('draw the same stage funnel, and count all cases by status', () => {
    expect(section('Tahapan kasus aktif (corong)')).toEqual(
      api.by_stage.map((s) => [displayCode(s.stage), s.count, s.reached]),
    )
    expect(section('Semua kasus per status')).toEqual(api.by_status.map((s) => [displayCode(s.status), s.count]))
  })

  it('count the plans by approval state', () => {
    expect(section('Persetujuan rencana (tujuan kasus aktif)')).toEqual(
      APPROVAL_STATES.map((state) => [displayCode(APPROVAL_LABELS[state].id), api.approvals[state]]),
    )
    expect(api.approvals).toEqual({ not_reviewed: 1, revision_requested: 1, revised: 1, approved: 1 })
  })

  it('count the sessions of this week', () => {
    const row = grid.find((r) => text(r[0]) === 'Sesi minggu ini' && r.length === 2)
    expect(row?.[1]).toBe(api.sessions_this_week)
  })

  it('list the same goals behind their plan', () => {
    expect(section('Tujuan tertinggal dari rencana')).toEqual(
      api.goals_behind.map((g) => [
        g.goal_id,
        g.case_id,
        g.initials,
        g.worker,
        g.missed,
        g.mastered,
        g.target_count,
        g.level,
      ]),
    )
    expect(api.goals_behind.map((g) => g.goal_id)).toEqual(['T-0002'])
  })

  it('list the same open feedback older than 3 working days', () => {
    const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`
    expect(section('Umpan balik terbuka lebih dari 3 hari kerja')).toEqual(
      api.feedback_stale.map((f) => [
        f.feedback_id,
        f.case_id,
        f.initials,
        f.worker,
        f.target,
        f.kind,
        dmy(f.date),
        f.working_days,
      ]),
    )
    expect(api.feedback_stale.map((f) => [f.feedback_id, f.working_days])).toEqual([['U-0002', 8]])
    expect(api.open_feedback).toBe(2)
  })

  it("draw each goal's milestone curve the same, planned and mastered per working day", () => {
    const at = grid.findIndex((row) => text(row[0]).startsWith('Kurva tonggak'))
    const rows = grid.slice(at + 2).filter((r) => r.length > 1)
    const curve = (goalId: string, which: string) =>
      (rows.find((r) => r[0] === goalId && r[1] === which) ?? []).slice(2)
    for (const c of api.curves) {
      // Google drops trailing empty cells of a row: the days after as_of read back as nothing.
      const mastered = c.points.map((p) => p.mastered)
      while (mastered.length > 0 && mastered[mastered.length - 1] === null) mastered.pop()
      expect(curve(c.goal_id, 'rencana')).toEqual(c.points.map((p) => p.planned))
      expect(curve(c.goal_id, 'dikuasai').map((v) => (v === '' ? null : v))).toEqual(mastered)
    }
    expect(api.curves.map((c) => c.goal_id)).toEqual(['T-0001', 'T-0002', 'T-0003', 'T-0004'])
  })

  it('agree with the Progress tab and GET /api/progress on each plan approval', async () => {
    const progress = await tabValues(SHEET, 'Progress')
    const header = progress[0] ?? []
    const goal = header.indexOf('ID Tujuan')
    const approval = header.indexOf('Persetujuan rencana')
    const tab = progress.slice(1).map((r) => [r[goal], r[approval]])
    const res = await client.send(`/api/progress?as_of=${asOf}`, {
      token: await client.token('koordinator-uji', 'coordinator'),
    })
    const { goals } = await res.json<{ goals: GoalProgressView[] }>()
    expect(tab).toEqual(goals.map((g) => [g.goal_id, APPROVAL_LABELS[g.approval.state].id]))
    expect(tab).toContainEqual(['T-0001', 'disetujui'])
  })
})
