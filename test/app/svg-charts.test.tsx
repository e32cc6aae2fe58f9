import { describe, expect, it } from 'vitest'
import { milestoneCurve } from '../../src/domain'
import {
  BarChart,
  barGeometry,
  CHART_WIDTH,
  CURVE_BOX,
  curveGeometry,
  curveMarkers,
  describeCurve,
  MilestoneCurve,
} from '../../src/http/app/svg-charts'
import { WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../support/worked-example'

const render = async (node: unknown): Promise<string> => String(await (node as Promise<string> | string))

const G1 = { goal_id: 'T-0001', case_id: 'K-0001', ...WORKED_GOAL }
const G1_SESSIONS = WORKED_SESSIONS.map((s) => ({ ...s, goal_id: 'T-0001' }))
const G1_MILESTONES = [
  { day: 5, date: '2025-03-12', target: 2, mastered: 2, status: 'met' as const },
  { day: 10, date: '2025-03-19', target: 4, mastered: 2, status: 'pending' as const },
]
const g1Curve = (asOf: string) => ({
  days: milestoneCurve({ goal: G1, sessions: G1_SESSIONS, holidays: WORKED_HOLIDAYS, asOf }),
  milestones: G1_MILESTONES,
  target: 4,
})

describe('barGeometry', () => {
  it.each([
    ['the largest value spans the width less the room for its figure', [4, 2, 1], [284, 142, 71]],
    ['a zero gets no bar', [3, 0], [284, 0]],
    ['all zero: rows without bars', [0, 0], [0, 0]],
    ['negative values draw nothing', [-2, 2], [0, 284]],
  ])('bars: %s', (_name, values, widths) => {
    const g = barGeometry(values)
    expect(g.bars.map((b) => b.barWidth)).toEqual(widths)
    expect(g.bars.every((b) => b.barX === 0)).toBe(true)
    expect(g.height).toBe(values.length * 30 + 2)
  })

  it('stacks rows 30 units apart, the label above its bar and the figure just after the bar', () => {
    const [first, second] = barGeometry([2, 1]).bars
    expect(first).toEqual({ labelY: 11, barX: 0, barY: 14, barWidth: 284, valueX: 288 })
    expect(second).toEqual({ labelY: 41, barX: 0, barY: 44, barWidth: 142, valueX: 146 })
  })

  it('centres funnel bars on the full width', () => {
    const g = barGeometry([8, 4, 1], 'funnel')
    expect(g.bars.map((b) => [b.barX, b.barWidth])).toEqual([
      [0, CHART_WIDTH],
      [80, 160],
      [140, 40],
    ])
  })
})

describe('BarChart', () => {
  const rows = [
    { label: 'Sesuai rencana', value: 3, tone: 'on_track' },
    { label: 'Tertinggal', value: 1, tone: 'behind' },
  ]

  it('is an image named by its title and described by its figures, with the same figures as a table', async () => {
    const html = await render(
      <BarChart id="goals" title="Tujuan per status" labelHeader="Status" rows={rows} lang="id" />,
    )
    expect(html).toContain(
      '<svg class="chart-svg" viewBox="0 0 320 62" role="img" aria-labelledby="goals-title goals-desc">',
    )
    expect(html).toContain('<title id="goals-title">Tujuan per status</title>')
    expect(html).toContain('<desc id="goals-desc">Sesuai rencana: 3; Tertinggal: 1</desc>')
    expect(html).toContain('<g class="bar on_track"><text x="0" y="11" class="label">Sesuai rencana</text>')
    expect(html).toContain('<rect x="0" y="44" width="94.7" height="12" rx="2"></rect>')
    expect(html).toContain('<summary>Tabel data grafik</summary>')
    expect(html).toContain('<th scope="row">Tertinggal</th><td class="num">1</td>')
    expect(html).not.toMatch(/\sstyle=/)
  })

  it('tables more figures per row when asked (sessions this week beside active cases)', async () => {
    const html = await render(
      <BarChart
        id="load"
        title="Beban kasus"
        labelHeader="Peksos"
        valueHeader="Kasus aktif"
        rows={[{ label: 'peksos-uji', value: 2 }]}
        extraColumns={[{ header: 'Sesi minggu ini', values: [5] }]}
        lang="id"
      />,
    )
    expect(html).toContain(
      '<th scope="col" class="num">Kasus aktif</th><th scope="col" class="num">Sesi minggu ini</th>',
    )
    expect(html).toContain('<th scope="row">peksos-uji</th><td class="num">2</td><td class="num">5</td>')
  })

  it('says when there is nothing to draw', async () => {
    const html = await render(<BarChart id="x" title="t" labelHeader="l" rows={[]} lang="en" empty="No goals yet." />)
    expect(html).toBe('<p class="muted">No goals yet.</p>')
  })

  it('writes label and figure together on a funnel bar, and escapes what it is given', async () => {
    const html = await render(
      <BarChart
        id="f"
        title="<Tahap>"
        labelHeader="Tahap"
        rows={[{ label: 'A & B', value: 2 }]}
        lang="en"
        variant="funnel"
      />,
    )
    expect(html).toContain('<text x="160" y="11" class="label">A &amp; B · 2</text>')
    expect(html).toContain('<title id="f-title">&lt;Tahap&gt;</title>')
    expect(html).toContain('<summary>Chart data as a table</summary>')
  })
})

describe('curveGeometry on G1 of domain.md', () => {
  it('puts day 1 on the left edge and day 10 on the right, 0 at the bottom and the target at the top', () => {
    const g = curveGeometry(g1Curve('2025-03-13'))
    expect([g.x(1), g.x(10)]).toEqual([CURVE_BOX.left, CURVE_BOX.right])
    expect([g.y(0), g.y(4)]).toEqual([CURVE_BOX.bottom, CURVE_BOX.top])
    expect(g.yTicks).toEqual([0, 1, 2, 3, 4])
    expect(g.xTicks).toEqual([1, 5, 10])
  })

  it('draws the plan as steps rising on the milestone days and the mastered line up to the as-of day only', () => {
    const g = curveGeometry(g1Curve('2025-03-13'))
    const [x, y] = [g.x, g.y]
    expect(g.plannedPath).toBe(
      `M${x(1)} ${y(0)} H${x(2)} H${x(3)} H${x(4)} H${x(5)} V${y(2)} H${x(6)} H${x(7)} H${x(8)} H${x(9)} H${x(10)} V${y(4)}`,
    )
    expect(g.masteredPoints).toBe(
      [
        [1, 0],
        [2, 0],
        [3, 1],
        [4, 1],
        [5, 2],
        [6, 2],
      ]
        .map(([d, m]) => `${x(d as number)},${y(m as number)}`)
        .join(' '),
    )
  })

  it('uses about five count ticks for a large target', () => {
    expect(
      curveGeometry({ days: [{ day: 1, date: '2025-03-05', planned: 0, mastered: 0 }], milestones: [], target: 20 })
        .yTicks,
    ).toEqual([0, 4, 8, 12, 16, 20])
  })
})

describe('MilestoneCurve', () => {
  it('says the plan and the latest mastered count in words, in both languages', () => {
    expect(describeCurve(g1Curve('2025-03-13'), 'id')).toBe(
      'Rencana: hari kerja 5 (Rab 12 Mar 2025): 2, hari kerja 10 (Rab 19 Mar 2025): 4. Dikuasai per hari kerja 6 (Kam 13 Mar 2025): 2 tugas.',
    )
    expect(describeCurve(g1Curve('2025-03-19'), 'en')).toBe(
      'Planned: working day 5 (Wed 12 Mar 2025): 2, working day 10 (Wed 19 Mar 2025): 4. Mastered as of working day 10 (Wed 19 Mar 2025): 3 tasks.',
    )
  })

  it('draws the milestones by status and lists every working day in its table', async () => {
    const html = await render(
      <MilestoneCurve id="c-T-0001" title="Kurva tonggak T-0001" curve={g1Curve('2025-03-13')} lang="id" />,
    )
    expect(html).toContain('aria-labelledby="c-T-0001-title c-T-0001-desc"')
    expect(html).toContain('<circle class="ms met"')
    expect(html).toContain('<circle class="ms pending"')
    expect(html).toContain('<polyline class="mastered"')
    expect(html).toContain('<th scope="row">7</th><td>Jum 14 Mar 2025</td><td class="num">2</td><td class="num">–</td>')
    expect(html.match(/<th scope="row">/g)).toHaveLength(10)
    expect(html).not.toMatch(/\sstyle=/)
  })

  it('marks each day the plan rises when no milestone statuses are given, in a plain dot', async () => {
    const { milestones: _statuses, ...plain } = g1Curve('2025-03-13')
    expect(curveMarkers(plain)).toEqual([
      { day: 5, target: 2 },
      { day: 10, target: 4 },
    ])
    const html = await render(<MilestoneCurve id="c" title="t" curve={plain} lang="id" />)
    expect(html.match(/<circle class="ms" /g)).toHaveLength(2)
  })

  it('draws nothing for a curve without days', async () => {
    expect(
      await render(<MilestoneCurve id="c" title="t" curve={{ days: [], milestones: [], target: 1 }} lang="id" />),
    ).toBe('')
  })
})
