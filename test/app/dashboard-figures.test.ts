import { beforeAll, describe, expect, it } from 'vitest'
import { APPROVAL_STATES, type DashboardSummary } from '../../src/domain'
import { type Client, captureLogs, realClient, seedCentre } from '../http/support/real-ledger'
import { provisionCasebook } from '../support/casebook'
import { tabValues } from '../support/emulator-control'
import { WORKED_SESSIONS } from '../support/worked-example'
import type { Browser } from './support/browser'
import { chooseAccount } from './support/field-app'
import { dashboardSection, tableRows, textOfHtml } from './support/supervision'
import { wholeSystemBrowser, wholeSystemVars } from './support/whole-system'

// The figures-agree test of issue 9 point 3, the page's half: on the whole system (the Worker
// entry, the ledger Durable Object, the casebook in the emulator), every figure the
// /app/dashboard page shows equals `GET /api/dashboard`'s for the same as-of date, and — as of
// today, the date the sheet's Dashboard tab is written for — the tab's. (The tab-vs-API half is
// wt/super's, in the ledger tests.)

const SHEET = 'app-dashboard-figures'
const VARS = wholeSystemVars(SHEET)

captureLogs()

let client: Client
let coordinator: Browser

const browser = (): Browser => wholeSystemBrowser(VARS)

async function post(path: string, json: unknown): Promise<void> {
  const token = await client.token('koordinator-uji', 'coordinator')
  const res = await client.send(path, { token, json })
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`)
}

beforeAll(async () => {
  await provisionCasebook(SHEET)
  client = realClient(SHEET, VARS)
  await seedCentre(client)
  // G1 of the worked example on K-0001; two sessions of T-0002 on K-0002 (another worker).
  for (const s of WORKED_SESSIONS)
    await post('/api/sessions', { ...s, case_id: 'K-0001', goal_id: 'T-0001', worker: 'peksos-uji' })
  for (const s of WORKED_SESSIONS.slice(0, 2)) {
    await post('/api/sessions', { ...s, case_id: 'K-0002', goal_id: 'T-0002', worker: 'peksos-lain' })
  }
  // A revision asked on G1 (4 working days old on 03-13: stale), an approval of T-0002, a comment answered.
  await post('/api/feedback', {
    case_id: 'K-0001',
    target: 'T-0001',
    date: '2025-03-05',
    kind: 'revise',
    text: 'Perjelas indikator (uji)',
  })
  await post('/api/feedback', { case_id: 'K-0002', target: 'T-0002', date: '2025-03-10', kind: 'approve' })
  await post('/api/feedback', {
    case_id: 'K-0002',
    target: 'T-0002',
    date: '2025-03-11',
    kind: 'comment',
    text: 'Catat bahan yang dipakai (uji)',
    resolved_date: '2025-03-12',
    reply: 'Sudah dicatat (uji)',
  })
  coordinator = browser()
  const start = await coordinator.send('/app/auth/google')
  const landed = await coordinator.go(
    await chooseAccount(coordinator, start.headers.get('location') ?? '', 'koordinator@uji.example'),
  )
  if (landed.status !== 200) throw new Error(`sign-in ended on ${landed.status}`)
}, 60_000)

/** What the page shows, section by section, in the shape `expected` builds from the API. */
async function pageFigures(asOf: string | undefined) {
  const query = asOf === undefined ? '' : `?as_of=${asOf}`
  const first = await coordinator.go(`/app/dashboard${query}`)
  expect(first.status).toBe(200)
  const html = first.html
  const rows = (id: string) => tableRows(dashboardSection(html, id)).filter((r) => r.length > 0 && r[0] !== '')
  const body = (id: string) =>
    rows(id).filter((r) => !/^(Jumlah|Status|Tahapan|Peksos|Level|Klaster|Tanggal|Tujuan)$/.test(r[0] ?? ''))
  const headline = [...html.matchAll(/<dt>[^<]*<\/dt><dd>(\d+)<\/dd>/g)].slice(0, 3).map((m) => Number(m[1]))
  // Every page of curves: each goal's (planned, mastered) per working day.
  const curves: Record<string, (number | null)[][]> = {}
  let page: string | undefined = html
  for (let n = 2; page !== undefined; n++) {
    for (const m of page.matchAll(/<div id="curve-(T-\d{4})" class="curve">([\s\S]*?)<\/figure>/g)) {
      curves[m[1] as string] = tableRows(m[2] as string)
        .slice(1)
        .map((r) => [Number(r[2]), r[3] === '–' ? null : Number(r[3])])
    }
    page = page.includes(`page=${n}#curves`)
      ? (await coordinator.go(`/app/dashboard?${asOf === undefined ? '' : `as_of=${asOf}&`}page=${n}`)).html
      : undefined
  }
  return {
    as_of: /Per tanggal: ([^·]+) ·/.exec(textOfHtml(html))?.[1]?.trim(),
    headline,
    goals: body('goals-by-status').map((r) => Number(r[1])),
    levels: body('tas-levels').map((r) => Number(r[1])),
    approvals: body('approvals').map((r) => Number(r[1])),
    caseload: body('caseload').map((r) => [r[0], Number(r[1]), Number(r[2])]),
    funnel: body('stage-funnel').map((r) => [Number(r[1]), Number(r[2])]),
    cluster: rows('cluster-service')
      .slice(1)
      .map((r) => r.slice(1).map(Number)),
    by_status: body('by-status').map((r) => Number(r[1])),
    behind: body('goals-behind').map((r) => /\((T-\d{4})\)/.exec(r[0] ?? '')?.[1]),
    stale: body('stale-feedback').map((r) => [Number(r[1]), r[2]?.slice(0, 6)]),
    curves,
  }
}

/** The same shape from the API's summary. */
function expected(s: DashboardSummary) {
  const m = s.by_cluster_service
  return {
    headline: [s.active_cases, s.sessions_this_week, s.open_feedback],
    goals: [s.goals.on_track, s.goals.behind, s.goals.completed, s.goals.not_started],
    levels: s.tas_levels.map((l) => l.count),
    approvals: APPROVAL_STATES.map((state) => s.approvals[state]),
    caseload: s.caseload.map((w) => [w.worker, w.active_cases, w.sessions_this_week]),
    funnel: s.by_stage.map((x) => [x.reached, x.count]),
    cluster: [...m.counts.map((row, i) => [...row, m.cluster_totals[i]]), [...m.service_totals, m.total]],
    by_status: s.by_status.map((x) => x.count),
    behind: s.goals_behind.map((g) => g.goal_id),
    stale: s.feedback_stale.map((f) => [f.working_days, f.case_id]),
    curves: Object.fromEntries(s.curves.map((c) => [c.goal_id, c.points.map((p) => [p.planned, p.mastered])])),
  }
}

async function apiSummary(asOf: string | undefined): Promise<DashboardSummary> {
  const token = await client.token('koordinator-uji', 'coordinator')
  const res = await client.send(`/api/dashboard${asOf === undefined ? '' : `?as_of=${asOf}`}`, { token })
  expect(res.status).toBe(200)
  return (await res.json()) as DashboardSummary
}

describe('the dashboard page’s figures', () => {
  it.each(['2025-03-06', '2025-03-13', '2025-03-19', '2025-03-21'])(
    'equal GET /api/dashboard’s as of %s',
    async (asOf) => {
      const api = await apiSummary(asOf)
      const { as_of: _shown, ...page } = await pageFigures(asOf)
      expect(page).toEqual(expected(api))
    },
  )

  it('are not all zero: the worked example shows where it should (as of 03-13)', async () => {
    const page = await pageFigures('2025-03-13')
    expect(page.levels).toEqual([0, 1, 1, 0, 0])
    expect(page.approvals).toEqual([0, 1, 0, 1])
    expect(page.caseload).toEqual([
      ['peksos-lain', 1, 0],
      ['peksos-uji', 2, 4],
    ])
    expect(page.stale).toEqual([[4, 'K-0001']])
    expect(page.curves['T-0001']?.slice(0, 6)).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
      [0, 1],
      [2, 2],
      [2, 2],
    ])
  })

  it('equal the API’s and the Dashboard tab’s as of today (the date the tab is written for)', async () => {
    const api = await apiSummary(undefined)
    const { as_of: _shown, ...page } = await pageFigures(undefined)
    expect(page).toEqual(expected(api))
    // The tab, read back from the sheet: its goals and levels blocks and the cluster × service table.
    const grid = await tabValues(SHEET, 'Dashboard')
    const rowsUnder = (title: string, count: number) => {
      const at = grid.findIndex((row) => row[0] === title)
      if (at < 0) throw new Error(`no "${title}" in the Dashboard tab`)
      return grid.slice(at + 2, at + 2 + count)
    }
    expect(rowsUnder('Tujuan kasus aktif per status', 4).map((r) => r[1])).toEqual(page.goals)
    expect(rowsUnder('Level TAS tujuan kasus aktif (yang sudah mulai)', 5).map((r) => r[1])).toEqual(page.levels)
    expect(rowsUnder('Kasus aktif per klaster × jenis layanan', page.cluster.length).map((r) => r.slice(1))).toEqual(
      page.cluster,
    )
  })
})
