/**
 * A simple picture of a sheet's charts for the sheet view: inline SVG drawn on the server from
 * the charts' source ranges (no script, no CDN). Basic COLUMN and BAR charts (grouped series) and
 * pie charts are drawn; other kinds are named with a note that the emulator does not draw them.
 * Every piece of sheet text is escaped.
 */

import { columnLetters } from './a1-notation.js'
import { formatScalar, type ValueReader } from './cell-values.js'
import type { ChartModel } from './charts.js'
import { escapeMarkup } from './escape-markup.js'
import type { Scalar } from './formula.js'
import { boundsOfGridRange, clampToGrid } from './range-resolution.js'
import type { GridRange, SheetModel, SpreadsheetModel } from './spreadsheet-model.js'
import { findSheetById } from './spreadsheet-model.js'

type Json = Record<string, unknown>

/** Google's default series colours, in order. */
const PALETTE = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72']
const WIDTH = 480
const HEIGHT = 300
const LABEL_CHARS = 14

const short = (text: string, chars = LABEL_CHARS): string =>
  text.length > chars ? `${text.slice(0, chars - 1)}…` : text
const num = (n: number): string => String(Math.round(n * 10) / 10)

/** The cells of the sources of one ChartData, in order (a row left to right, a column top down). */
function cellsOf(ss: SpreadsheetModel, reader: ValueReader, data: unknown): { value: Scalar; text: string }[] {
  const sources = (((data as Json | undefined)?.sourceRange as Json | undefined)?.sources ?? []) as GridRange[]
  const out: { value: Scalar; text: string }[] = []
  for (const range of sources) {
    const sheet = findSheetById(ss, range.sheetId ?? 0)
    if (!sheet) continue
    const b = clampToGrid(sheet, boundsOfGridRange(range))
    for (let r = b.startRow; r < b.endRow; r++) {
      for (let c = b.startCol; c < b.endCol; c++) {
        const cell = sheet.rows[r]?.[c]
        const value = cell?.value === undefined ? undefined : reader.effective(sheet, r, c, cell)
        out.push({ value, text: formatScalar(value, cell?.format?.numberFormat, reader.locale) })
      }
    }
  }
  return out
}

function colourOf(series: Json, i: number): string {
  const rgb = ((series.colorStyle as Json | undefined)?.rgbColor ?? series.color) as Json | undefined
  if (rgb === undefined) return PALETTE[i % PALETTE.length] ?? '#4285f4'
  const ch = (x: unknown) => Math.round((typeof x === 'number' ? x : 0) * 255)
  return `rgb(${ch(rgb.red)},${ch(rgb.green)},${ch(rgb.blue)})`
}

interface Series {
  readonly name: string
  readonly values: readonly number[]
  readonly colour: string
}

function basicData(ss: SpreadsheetModel, reader: ValueReader, basic: Json): { labels: string[]; series: Series[] } {
  const headers = typeof basic.headerCount === 'number' ? basic.headerCount : 0
  const domain = ((basic.domains ?? []) as Json[])[0]?.domain
  const labels = cellsOf(ss, reader, domain)
    .slice(headers)
    .map((c) => c.text)
  const series = ((basic.series ?? []) as Json[]).map((s, i) => {
    const cells = cellsOf(ss, reader, s.series)
    const name = cells
      .slice(0, headers)
      .map((c) => c.text)
      .join(' ')
    return {
      name: name === '' ? `Series ${i + 1}` : name,
      values: cells.slice(headers).map((c) => (typeof c.value === 'number' ? c.value : 0)),
      colour: colourOf(s, i),
    }
  })
  return { labels, series }
}

function legend(items: readonly { name: string; colour: string }[], y: number): string {
  return items
    .map(
      (item, i) =>
        `<g transform="translate(${12 + (i % 3) * 155},${y + Math.floor(i / 3) * 16})"><rect width="10" height="10" fill="${item.colour}"/><text x="14" y="9" font-size="11">${escapeMarkup(short(item.name))}</text></g>`,
    )
    .join('')
}

/** Grouped bars: vertical for COLUMN, horizontal for BAR. */
function barsSvg(labels: readonly string[], series: readonly Series[], horizontal: boolean): string {
  const count = Math.max(labels.length, ...series.map((s) => s.values.length), 0)
  if (count === 0 || series.length === 0)
    return '<text x="12" y="60" font-size="12">No data in the source ranges.</text>'
  const values = series.flatMap((s) => s.values)
  const max = Math.max(0, ...values)
  const min = Math.min(0, ...values)
  const span = max - min || 1
  const top = 36
  const bottom = HEIGHT - 56
  const left = horizontal ? 110 : 40
  const right = WIDTH - 12
  const along = horizontal ? bottom - top : right - left
  const across = horizontal ? right - left : bottom - top
  const slot = along / count
  const bar = Math.max(1, (slot * 0.8) / series.length)
  const zero = horizontal ? left + ((0 - min) / span) * across : bottom - ((0 - min) / span) * across
  let out = ''
  for (let i = 0; i < count; i++) {
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0
      const length = (Math.abs(v) / span) * across
      const offset = slot * i + slot * 0.1 + bar * k
      const title = `<title>${escapeMarkup(`${labels[i] ?? ''} · ${s.name}: ${num(v)}`)}</title>`
      out += horizontal
        ? `<rect class="bar" x="${num(v >= 0 ? zero : zero - length)}" y="${num(top + offset)}" width="${num(length)}" height="${num(bar)}" fill="${s.colour}" data-value="${v}">${title}</rect>`
        : `<rect class="bar" x="${num(left + offset)}" y="${num(v >= 0 ? zero - length : zero)}" width="${num(bar)}" height="${num(length)}" fill="${s.colour}" data-value="${v}">${title}</rect>`
    })
    const label = escapeMarkup(short(labels[i] ?? ''))
    out += horizontal
      ? `<text x="${left - 4}" y="${num(top + slot * i + slot / 2 + 4)}" font-size="11" text-anchor="end">${label}</text>`
      : `<text x="${num(left + slot * i + slot / 2)}" y="${bottom + 14}" font-size="11" text-anchor="middle">${label}</text>`
  }
  out += horizontal
    ? `<line x1="${num(zero)}" y1="${top}" x2="${num(zero)}" y2="${bottom}" stroke="#5f6368"/><text x="${right}" y="${bottom + 14}" font-size="10" text-anchor="end">${escapeMarkup(num(max))}</text>`
    : `<line x1="${left}" y1="${num(zero)}" x2="${right}" y2="${num(zero)}" stroke="#5f6368"/><text x="${left - 4}" y="${top + 4}" font-size="10" text-anchor="end">${escapeMarkup(num(max))}</text>`
  return out + legend(series, HEIGHT - 32)
}

function pieSvg(ss: SpreadsheetModel, reader: ValueReader, pie: Json): string {
  const labels = cellsOf(ss, reader, pie.domain).map((c) => c.text)
  const values = cellsOf(ss, reader, pie.series).map((c) => (typeof c.value === 'number' && c.value > 0 ? c.value : 0))
  const total = values.reduce((a, b) => a + b, 0)
  if (total === 0) return '<text x="12" y="60" font-size="12">No data in the source ranges.</text>'
  const cx = 130
  const cy = 155
  const r = 105
  let angle = -Math.PI / 2
  let out = ''
  values.forEach((v, i) => {
    if (v === 0) return
    const colour = PALETTE[i % PALETTE.length] ?? '#4285f4'
    const title = `<title>${escapeMarkup(`${labels[i] ?? ''}: ${num(v)} (${num((100 * v) / total)} %)`)}</title>`
    if (v === total) {
      out += `<circle class="slice" cx="${cx}" cy="${cy}" r="${r}" fill="${colour}" data-value="${v}">${title}</circle>`
      return
    }
    const end = angle + (2 * Math.PI * v) / total
    const large = end - angle > Math.PI ? 1 : 0
    out += `<path class="slice" d="M${cx},${cy} L${num(cx + r * Math.cos(angle))},${num(cy + r * Math.sin(angle))} A${r},${r} 0 ${large} 1 ${num(cx + r * Math.cos(end))},${num(cy + r * Math.sin(end))} Z" fill="${colour}" data-value="${v}">${title}</path>`
    angle = end
  })
  const hole = typeof pie.pieHole === 'number' ? pie.pieHole : 0
  if (hole > 0) out += `<circle cx="${cx}" cy="${cy}" r="${num(r * hole)}" fill="#fff"/>`
  values.forEach((v, i) => {
    const label = `${short(labels[i] ?? '', 22)} ${num((100 * v) / total)} %`
    out += `<g transform="translate(260,${60 + i * 18})"><rect width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="14" y="9" font-size="11">${escapeMarkup(label)}</text></g>`
  })
  return out
}

function chartSvg(ss: SpreadsheetModel, reader: ValueReader, chart: ChartModel): string {
  const spec = chart.spec
  const title = typeof spec.title === 'string' ? spec.title : ''
  let body: string
  const basic = spec.basicChart as Json | undefined
  if (basic !== undefined && (basic.chartType === 'COLUMN' || basic.chartType === 'BAR')) {
    const { labels, series } = basicData(ss, reader, basic)
    body = barsSvg(labels, series, basic.chartType === 'BAR')
  } else if (spec.pieChart !== undefined) {
    body = pieSvg(ss, reader, spec.pieChart as Json)
  } else {
    const kind =
      basic !== undefined
        ? `${String(basic.chartType)} chart`
        : (Object.keys(spec).find((k) => k.endsWith('Chart')) ?? 'chart')
    body = `<text x="12" y="60" font-size="12">${escapeMarkup(kind)}: stored, not drawn by the local emulator.</text>`
  }
  const label = title === '' ? `Chart ${chart.chartId}` : title
  const width = Math.min(chart.overlay.widthPixels || WIDTH, WIDTH)
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeMarkup(label)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${width}" height="${Math.round((width * HEIGHT) / WIDTH)}"><title>${escapeMarkup(label)}</title><rect width="${WIDTH}" height="${HEIGHT}" fill="#fff" stroke="#dadce0"/><text x="12" y="22" font-size="14" font-weight="600">${escapeMarkup(title)}</text>${body}</svg>`
}

/** The charts anchored to `sheet`, each drawn in a figure that names its anchor cell; '' without charts. */
export function renderCharts(ss: SpreadsheetModel, sheet: SheetModel, reader: ValueReader): string {
  const charts = sheet.charts ?? []
  if (charts.length === 0) return ''
  const figures = charts
    .map((chart) => {
      const a = chart.overlay.anchor
      return `<figure class="chart" data-chart-id="${chart.chartId}">${chartSvg(ss, reader, chart)}<figcaption>chart ${chart.chartId}, over ${columnLetters(a.columnIndex)}${a.rowIndex + 1}</figcaption></figure>`
    })
    .join('')
  return `<section class="charts"><h2>Charts</h2>${figures}</section>`
}
