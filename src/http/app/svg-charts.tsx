/**
 * @module
 * The charts of the supervision pages (issue 9: the dashboard and the case report), drawn on the
 * server as inline SVG — no chart CDN, no client chart library, nothing for the strict CSP to
 * refuse (classes only, no style attributes). Each chart is a pure function of its figures:
 * the geometry functions ({@link barGeometry}, {@link curveGeometry}) compute coordinates, the
 * components draw them. Every chart is an image with a title and a description that says its
 * figures in words (`role="img"`, `aria-labelledby`), followed by the same figures as a table
 * (`<details>`), so nothing is only visual. Coordinates are in a 320-unit-wide viewBox (a phone's
 * width) scaled to the column; a tenth of a unit is finer than any screen's pixel.
 */
import type { Child } from 'hono/jsx'
import type { Lang, MilestoneStatus } from '../../domain'
import { shortDate } from './i18n'
import { TableHead } from './supervision-page'
import { st } from './supervision-text'

/** Width of every chart's viewBox. */
export const CHART_WIDTH = 320

const round1 = (n: number): number => Math.round(n * 10) / 10

// ---------------------------------------------------------------------------------------------
// Bars: one row per figure, the label above its bar (long worker ids and stage names fit a phone).

/** One bar: what it counts, how many, and an optional tone (a CSS class: `lv2`, `behind`, …). */
export type BarDatum = { readonly label: string; readonly value: number; readonly tone?: string }

export type BarShape = {
  /** Baseline of the label text. */
  readonly labelY: number
  readonly barX: number
  readonly barY: number
  readonly barWidth: number
  /** Where the value is written: after the bar (bars), or after the label (funnel). */
  readonly valueX: number
}

/** Vertical pitch of one bar row, the bar's thickness, and the room kept for the value text. */
const ROW = 30
const BAR_H = 12
const VALUE_ROOM = 36

/**
 * Where each bar goes. `bars`: left-aligned, the largest value spanning the width less the room
 * for its value text. `funnel`: centred bars of the same scale, the largest spanning the width.
 * Zero and negative values get no bar (width 0); an all-zero chart still has its rows.
 */
export function barGeometry(
  values: readonly number[],
  variant: 'bars' | 'funnel' = 'bars',
): { readonly height: number; readonly bars: readonly BarShape[] } {
  const max = Math.max(0, ...values)
  const span = variant === 'bars' ? CHART_WIDTH - VALUE_ROOM : CHART_WIDTH
  const bars = values.map((v, i) => {
    const width = max <= 0 || v <= 0 ? 0 : round1((span * v) / max)
    const top = i * ROW
    const barX = variant === 'bars' ? 0 : round1((CHART_WIDTH - width) / 2)
    return {
      labelY: top + 11,
      barX,
      barY: top + 14,
      barWidth: width,
      valueX: variant === 'bars' ? round1(width + 4) : CHART_WIDTH,
    }
  })
  return { height: values.length * ROW + 2, bars }
}

export type ChartText = {
  /** Unique on the page: the prefix of the title and description ids. */
  readonly id: string
  readonly title: string
  /** What the figures say, in words; defaults to `label: value` for each bar. */
  readonly desc?: string
}

export type BarChartProps = ChartText & {
  readonly rows: readonly BarDatum[]
  /** Header of the table's first column (what each row is: worker, stage, level, …). */
  readonly labelHeader: string
  readonly lang: Lang
  readonly variant?: 'bars' | 'funnel'
  /** Shown instead of the chart when there are no rows. */
  readonly empty?: string
  /** More figures per row for the table (e.g. sessions this week beside active cases). */
  readonly extraColumns?: readonly { readonly header: string; readonly values: readonly (string | number)[] }[]
  /** Header of the drawn figure's column (default: "Jumlah"). */
  readonly valueHeader?: string
}

/** The figures as words, for the chart's description: `Sesuai rencana: 3; Tertinggal: 1`. */
export const describeBars = (rows: readonly BarDatum[]): string => rows.map((r) => `${r.label}: ${r.value}`).join('; ')

/** The accessible frame every chart shares: the image with its title and description, then the table. */
function ChartFrame(props: ChartText & { height: number; desc: string; table: Child; lang: Lang; children: Child }) {
  const titleId = `${props.id}-title`
  const descId = `${props.id}-desc`
  return (
    <figure class="chart">
      <svg
        class="chart-svg"
        viewBox={`0 0 ${CHART_WIDTH} ${props.height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.desc}</desc>
        {props.children}
      </svg>
      <details class="chart-data">
        <summary>{st(props.lang, 'chartTable')}</summary>
        {props.table}
      </details>
    </figure>
  )
}

/** A bar chart (or a funnel) with its table alternative. */
export function BarChart(props: BarChartProps) {
  const { rows, lang } = props
  if (rows.length === 0) return <p class="muted">{props.empty ?? '–'}</p>
  const variant = props.variant ?? 'bars'
  const geometry = barGeometry(
    rows.map((r) => r.value),
    variant,
  )
  const table = (
    <table class="chart-table">
      <TableHead
        columns={[
          props.labelHeader,
          { num: props.valueHeader ?? st(lang, 'count') },
          ...(props.extraColumns ?? []).map((c) => ({ num: c.header })),
        ]}
      />
      <tbody>
        {rows.map((r, i) => (
          <tr>
            <th scope="row">{r.label}</th>
            <td class="num">{r.value}</td>
            {(props.extraColumns ?? []).map((c) => (
              <td class="num">{c.values[i] ?? ''}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
  return (
    <ChartFrame
      id={props.id}
      title={props.title}
      desc={props.desc ?? describeBars(rows)}
      height={geometry.height}
      table={table}
      lang={lang}
    >
      <g class={`bars ${variant}`}>
        {rows.map((r, i) => {
          const bar = geometry.bars[i] as BarShape
          return (
            <g class={r.tone === undefined ? 'bar' : `bar ${r.tone}`}>
              <text x={variant === 'bars' ? 0 : CHART_WIDTH / 2} y={bar.labelY} class="label">
                {variant === 'bars' ? r.label : `${r.label} · ${r.value}`}
              </text>
              {bar.barWidth > 0 ? (
                <rect x={bar.barX} y={bar.barY} width={bar.barWidth} height={BAR_H} rx="2" />
              ) : (
                <line class="zero" x1={bar.barX} y1={bar.barY} x2={bar.barX} y2={bar.barY + BAR_H} />
              )}
              {variant === 'bars' ? (
                <text x={bar.valueX} y={bar.barY + BAR_H - 2} class="value">
                  {String(r.value)}
                </text>
              ) : null}
            </g>
          )
        })}
      </g>
    </ChartFrame>
  )
}

// ---------------------------------------------------------------------------------------------
// The milestone curve of a goal: planned count by working day (a step line) against the count
// actually mastered by each working day up to the as-of date.

/** One working day of a goal: its date, the count planned by then, and the count mastered (null: after as_of). */
export type CurveDay = {
  /** 1 = the goal's first working day (domain.md "Working days"). */
  readonly day: number
  readonly date: string
  readonly planned: number
  readonly mastered: number | null
}

export type CurveMilestone = {
  readonly day: number
  readonly date: string
  readonly target: number
  readonly mastered: number
  readonly status: MilestoneStatus
}

export type CurveInput = {
  readonly days: readonly CurveDay[]
  /**
   * The goal's milestones with their status (TAS rule 8), drawn as coloured dots; without them,
   * a plain dot marks each day the plan rises.
   */
  readonly milestones?: readonly CurveMilestone[]
  /** The goal's target_count (the y axis reaches at least this). */
  readonly target: number
}

/** The plot area inside the viewBox: room on the left for count ticks, below for day ticks. */
export const CURVE_BOX = { left: 26, right: CHART_WIDTH - 16, top: 10, bottom: 150, height: 190 } as const

export type CurveGeometry = {
  readonly x: (day: number) => number
  readonly y: (count: number) => number
  /** The step line of the plan: flat through each day, rising where a milestone raises it. */
  readonly plannedPath: string
  /** The mastered counts of the days up to as_of, as polyline points ('' before the first day). */
  readonly masteredPoints: string
  readonly yTicks: readonly number[]
  readonly xTicks: readonly number[]
  readonly maxY: number
}

/** Count ticks: every integer up to 8, else about five even steps. */
function countTicks(maxY: number): number[] {
  const step = maxY <= 8 ? 1 : Math.ceil(maxY / 5)
  const ticks: number[] = []
  for (let v = 0; v <= maxY; v += step) ticks.push(v)
  return ticks
}

/** The milestone markers: the given milestones, or each day the planned count rises (no status). */
export function curveMarkers(
  input: CurveInput,
): readonly { readonly day: number; readonly target: number; readonly status?: MilestoneStatus }[] {
  if (input.milestones !== undefined) return input.milestones
  return input.days
    .filter((d, i) => d.planned > (i === 0 ? 0 : (input.days[i - 1] as CurveDay).planned))
    .map((d) => ({ day: d.day, target: d.planned }))
}

/** Day ticks: day 1, every milestone day and the last day (a long goal would crowd every day). */
function dayTicks(days: readonly CurveDay[], markerDays: readonly number[]): number[] {
  const last = days.length === 0 ? 1 : (days[days.length - 1] as CurveDay).day
  return [...new Set([1, ...markerDays, last])].filter((d) => d >= 1 && d <= last).sort((a, b) => a - b)
}

/** The coordinates of a milestone curve. */
export function curveGeometry(input: CurveInput): CurveGeometry {
  const { days } = input
  const lastDay = days.length === 0 ? 1 : Math.max(1, (days[days.length - 1] as CurveDay).day)
  const markers = curveMarkers(input)
  const maxY = Math.max(
    1,
    input.target,
    ...days.map((d) => Math.max(d.planned, d.mastered ?? 0)),
    ...markers.map((m) => m.target),
  )
  const { left, right, top, bottom } = CURVE_BOX
  // Day 1 sits at the left edge and the last day at the right; a one-day goal is a point on the left.
  const x = (day: number): number => round1(left + ((right - left) * (day - 1)) / Math.max(1, lastDay - 1))
  const y = (count: number): number => round1(bottom - ((bottom - top) * count) / maxY)
  let plannedPath = ''
  days.forEach((d, i) => {
    if (i === 0) plannedPath = `M${x(d.day)} ${y(d.planned)}`
    else {
      const prev = days[i - 1] as CurveDay
      // The plan holds until the day a milestone raises it: flat to this day, then up.
      plannedPath += ` H${x(d.day)}`
      if (d.planned !== prev.planned) plannedPath += ` V${y(d.planned)}`
    }
  })
  const masteredPoints = days
    .filter((d) => d.mastered !== null)
    .map((d) => `${x(d.day)},${y(d.mastered as number)}`)
    .join(' ')
  return {
    x,
    y,
    plannedPath,
    masteredPoints,
    yTicks: countTicks(maxY),
    xTicks: dayTicks(
      days,
      markers.map((m) => m.day),
    ),
    maxY,
  }
}

/** The curve in words: the plan's milestones and the latest mastered count. */
export function describeCurve(input: CurveInput, lang: Lang): string {
  const plan = curveMarkers(input)
    .map((m) => {
      const date = input.days.find((d) => d.day === m.day)?.date
      return `${st(lang, 'workingDay').toLowerCase()} ${m.day}${date === undefined ? '' : ` (${shortDate(date, lang)})`}: ${m.target}`
    })
    .join(', ')
  const seen = input.days.filter((d) => d.mastered !== null)
  const latest = seen[seen.length - 1]
  const actual =
    latest === undefined
      ? st(lang, 'curveNoData')
      : `${st(lang, 'masteredCount')} ${st(lang, 'curveAsOf')} ${st(lang, 'workingDay').toLowerCase()} ${latest.day} (${shortDate(latest.date, lang)}): ${latest.mastered} ${st(lang, 'tasksUnit')}`
  return `${st(lang, 'planned')}: ${plan === '' ? '–' : plan}. ${actual}.`
}

export type MilestoneCurveProps = ChartText & { readonly curve: CurveInput; readonly lang: Lang }

/** A goal's milestone curve with its table alternative (one row per working day). */
export function MilestoneCurve(props: MilestoneCurveProps) {
  const { curve, lang } = props
  if (curve.days.length === 0) return null
  const g = curveGeometry(curve)
  const { left, right, bottom } = CURVE_BOX
  const table = (
    <table class="chart-table">
      <TableHead
        columns={[
          st(lang, 'workingDay'),
          st(lang, 'date'),
          { num: st(lang, 'planned') },
          { num: st(lang, 'masteredCount') },
        ]}
      />
      <tbody>
        {curve.days.map((d) => (
          <tr>
            <th scope="row">{d.day}</th>
            <td>{shortDate(d.date, lang)}</td>
            <td class="num">{d.planned}</td>
            <td class="num">{d.mastered === null ? '–' : d.mastered}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
  return (
    <ChartFrame
      id={props.id}
      title={props.title}
      desc={props.desc ?? describeCurve(curve, lang)}
      height={CURVE_BOX.height}
      table={table}
      lang={lang}
    >
      <g class="grid">
        {g.yTicks.map((v) => (
          <>
            <line x1={left} y1={g.y(v)} x2={right} y2={g.y(v)} />
            <text x={left - 4} y={g.y(v) + 3.5} class="tick end">
              {String(v)}
            </text>
          </>
        ))}
        {g.xTicks.map((d) => (
          <text x={g.x(d)} y={bottom + 14} class="tick mid">{`H${d}`}</text>
        ))}
      </g>
      <path class="planned" d={g.plannedPath} />
      {g.masteredPoints === '' ? null : <polyline class="mastered" points={g.masteredPoints} />}
      {curveMarkers(curve).map((m) => (
        <circle class={m.status === undefined ? 'ms' : `ms ${m.status}`} cx={g.x(m.day)} cy={g.y(m.target)} r="4.5" />
      ))}
      <g class="legend">
        <line class="planned" x1={left} y1={bottom + 32} x2={left + 18} y2={bottom + 32} />
        <text x={left + 22} y={bottom + 35.5}>
          {st(lang, 'planned')}
        </text>
        <line class="mastered" x1={left + 100} y1={bottom + 32} x2={left + 118} y2={bottom + 32} />
        <text x={left + 122} y={bottom + 35.5}>
          {st(lang, 'masteredCount')}
        </text>
      </g>
    </ChartFrame>
  )
}
