import { describe, expect, it } from 'vitest'
import {
  CURVES_PER_PAGE,
  curvePageHref,
  type DashboardFigures,
  DashboardView,
  orderedCurves,
} from '../../src/http/app/pages/dashboard'
import { textOfHtml } from './support/supervision'

// The dashboard page's body as a pure function of the dashboard figures (issue 9 point 3): each
// section draws exactly the figures it is given. Figures here are made up; the page against the
// domain's own function is test/app/dashboard.test.ts.

const render = async (node: unknown): Promise<string> => String(await (node as Promise<string> | string))

const curve = (goal_id: string, case_id: string) => ({
  goal_id,
  case_id,
  title: `Tujuan ${goal_id}`,
  points: [
    { day: 1, date: '2025-03-05', planned: 0, mastered: 0 },
    { day: 2, date: '2025-03-06', planned: 1, mastered: 1 },
    { day: 3, date: '2025-03-10', planned: 2, mastered: null },
  ],
})

const FIGURES: DashboardFigures = {
  as_of: '2025-03-20',
  week: { start: '2025-03-17', end: '2025-03-23' },
  active_cases: 3,
  sessions_this_week: 7,
  open_feedback: 2,
  goals: { on_track: 3, behind: 1, completed: 0, not_started: 2, total: 6 },
  tas_levels: [0, 1, 2, 3, 4].map((level) => ({ level, count: level === 2 ? 3 : level === 4 ? 1 : 0 })),
  approvals: { not_reviewed: 3, revision_requested: 1, revised: 0, approved: 2 },
  caseload: [
    { worker: 'peksos-lain', active_cases: 1, sessions_this_week: 2 },
    { worker: 'peksos-uji', active_cases: 2, sessions_this_week: 5 },
  ],
  by_stage: [
    { stage: 'akses', count: 1, reached: 3 },
    { stage: 'asesmen', count: 0, reached: 2 },
    { stage: 'implementasi', count: 2, reached: 2 },
  ],
  by_cluster_service: {
    clusters: ['anak', 'disabilitas_fisik'],
    services: ['residensial', 'daycare', 'keluarga', 'komunitas'],
    counts: [
      [2, 0, 0, 0],
      [0, 0, 1, 0],
    ],
    cluster_totals: [2, 1],
    service_totals: [2, 0, 1, 0],
    total: 3,
  },
  by_status: [
    { status: 'aktif', count: 3 },
    { status: 'selesai', count: 1 },
    { status: 'dirujuk', count: 0 },
  ],
  goals_behind: [
    {
      goal_id: 'T-0009',
      case_id: 'K-0002',
      initials: 'CD',
      worker: 'peksos-lain',
      title: 'Memasak nasi',
      missed: 1,
      mastered: 1,
      target_count: 4,
      level: 1,
    },
  ],
  feedback_stale: [
    {
      feedback_id: 'U-0001',
      case_id: 'K-0001',
      initials: 'AB',
      worker: 'peksos-uji',
      target: 'T-0001',
      kind: 'revise',
      from: 'koordinator-uji',
      date: '2025-03-12',
      working_days: 5,
    },
  ],
  curves: [
    ...Array.from({ length: CURVES_PER_PAGE + 1 }, (_, i) => curve(`T-${String(i + 1).padStart(4, '0')}`, 'K-0001')),
    curve('T-0009', 'K-0002'),
  ].filter((c, i, all) => all.findIndex((d) => d.goal_id === c.goal_id) === i),
}

const view = (page = 1, lang: 'id' | 'en' = 'id', asOfInUrl = false) =>
  render(<DashboardView f={FIGURES} page={page} asOfInUrl={asOfInUrl} lang={lang} />)

/** The `<th scope="row">label</th><td class="num">n</td>…` rows of one section's tables, as text. */
const rowsOf = (html: string, sectionId: string): string[] => {
  const start = html.indexOf(`<section class="card`, html.indexOf(`id="${sectionId}"`) - 40)
  const section = html.slice(start, html.indexOf('</section>', html.indexOf('<table', start)))
  return [...section.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => textOfHtml(`<x>${m[1]}`))
}

describe('the dashboard view', () => {
  it('draws goals by status and TAS levels as bar charts, each with its table of the same figures', async () => {
    const html = await view()
    expect(rowsOf(html, 'goals-by-status')).toEqual(['sesuai rencana 3', 'tertinggal 1', 'selesai 0', 'belum mulai 2'])
    expect(html).toContain('<title id="chart-goals-title">Tujuan kasus aktif per status (6)</title>')
    expect(rowsOf(html, 'tas-levels')).toEqual([
      'Level 0 · Tidak Tercapai 0',
      'Level 1 · Kurang Tercapai 0',
      'Level 2 · Sebagian Tercapai 3',
      'Level 3 · Cukup Tercapai 0',
      'Level 4 · Sangat Tercapai 1',
    ])
    expect(html).toContain('<g class="bar lv2">')
  })

  it('draws the caseload with sessions this week in its table, and the stage funnel with the count at each stage', async () => {
    const html = await view()
    expect(rowsOf(html, 'caseload')).toEqual(['peksos-lain 1 2', 'peksos-uji 2 5'])
    expect(rowsOf(html, 'stage-funnel')).toEqual(['Akses 3 1', 'Asesmen 2 0', 'Implementasi 2 2'])
    expect(html).toContain('<g class="bars funnel">')
  })

  it('draws the plans’ approval states', async () => {
    expect(rowsOf(await view(), 'approvals')).toEqual([
      'belum ditinjau 3',
      'perlu revisi 1',
      'sudah direvisi, menunggu persetujuan 0',
      'disetujui 2',
    ])
  })

  it('tables active cases by cluster × service with row and column totals (the monthly report)', async () => {
    const html = await view()
    expect(rowsOf(html, 'cluster-service')).toEqual([
      'Anak 2 0 0 0 2',
      'Disabilitas fisik 0 0 1 0 1',
      'Jumlah 2 0 1 0 3',
    ])
  })

  it('lists goals behind plan and stale open feedback, each linked to its case', async () => {
    const html = await view()
    const behind = textOfHtml(html.slice(html.indexOf('id="goals-behind"'), html.indexOf('id="stale-feedback"')))
    expect(behind).toContain('Tujuan tertinggal dari rencana (1)')
    expect(behind).toContain('Memasak nasi (T-0009) K-0002 · CD peksos-lain 1 1 / 4 1')
    expect(html).toContain('<a href="/app/cases/K-0002">K-0002 · CD</a>')
    const stale = textOfHtml(html.slice(html.indexOf('id="stale-feedback"'), html.indexOf('id="curves"')))
    expect(stale).toContain('Rab 12 Mar 2025 5 K-0001 · AB peksos-uji T-0001 Revise koordinator-uji')
  })

  it('draws the curves a page at a time, goals behind plan first, with a pager', async () => {
    expect(orderedCurves(FIGURES)[0]?.goal_id).toBe('T-0009')
    const first = await view()
    expect(first.match(/<div id="curve-T-\d{4}" class="curve">/g)).toHaveLength(CURVES_PER_PAGE)
    expect(first).toContain('id="curve-T-0009"')
    expect(first).toContain('<a href="/app/dashboard?page=2#curves">Berikutnya</a>')
    const second = await view(2)
    expect(second.match(/<div id="curve-T-\d{4}" class="curve">/g)).toHaveLength(1)
    expect(second).toContain(`id="curve-T-${String(CURVES_PER_PAGE).padStart(4, '0')}"`)
    expect(second).toContain('<a href="/app/dashboard#curves">Sebelumnya</a>')
    // A page past the last shows the last.
    expect(await view(99)).toBe(second)
  })

  it('links a goal behind plan to the page of its curve, keeping the as-of date when the URL had one', () => {
    expect(curvePageHref(FIGURES, 'T-0009', false)).toBe('/app/dashboard#curve-T-0009')
    const last = `T-${String(CURVES_PER_PAGE).padStart(4, '0')}`
    expect(curvePageHref(FIGURES, last, true)).toBe(`/app/dashboard?as_of=2025-03-20&page=2#curve-${last}`)
  })

  it('speaks English with the English labels', async () => {
    const html = await view(1, 'en')
    expect(rowsOf(html, 'goals-by-status')[0]).toBe('on track 3')
    expect(rowsOf(html, 'tas-levels')[4]).toBe('Level 4 · fully achieved 1')
    expect(html).toContain('Active cases by cluster × service (the monthly report)')
  })
})
