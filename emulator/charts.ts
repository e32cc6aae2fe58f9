/**
 * Embedded charts: addChart, updateChartSpec and deleteEmbeddedObject as Google defines them, and
 * the charts listed in `sheets[].charts` of spreadsheets.get. The request bodies have already been
 * checked against the Sheets message schema (request-shape.ts); here the rules of the discovery
 * document's descriptions are checked: exactly one chart kind, its enums, the position, and the
 * source ranges ("exactly one dimension must have a length of 1, all sources in the list must
 * have the same dimension with length 1, the domain (if it exists) & all series must have the same
 * number of source ranges").
 *
 * A chart lives on the sheet its overlay is anchored to, so it goes when that sheet is deleted;
 * its anchor and source ranges move with rows and columns inserted, deleted or moved. Only charts
 * floating over a grid (`overlayPosition`) are supported: a chart on a sheet of its own needs
 * OBJECT sheets, which the emulator does not model [strict]. Google also fills in presentation
 * defaults (fonts, a border) it never documents; the emulator prints the spec as it was given.
 */

import { newInt32 } from './ids.js'
import { boundsOfGridRange, clampToGrid } from './range-resolution.js'
import type { GridRange, SheetModel, SpreadsheetModel } from './spreadsheet-model.js'
import { findSheetById } from './spreadsheet-model.js'

type Json = Record<string, unknown>

export interface OverlayModel {
  readonly anchor: { readonly sheetId: number; readonly rowIndex: number; readonly columnIndex: number }
  readonly offsetXPixels: number
  readonly offsetYPixels: number
  readonly widthPixels: number
  readonly heightPixels: number
}

export interface ChartModel {
  readonly chartId: number
  /** The ChartSpec as given (checked), its source GridRanges stored with an explicit sheetId. */
  readonly spec: Json
  readonly overlay: OverlayModel
  readonly border?: Json
}

/** Google's default size of a new chart, in pixels [I: what the Sheets UI draws]. */
export const DEFAULT_CHART_WIDTH = 600
export const DEFAULT_CHART_HEIGHT = 371

const CHART_KINDS = [
  'basicChart',
  'pieChart',
  'bubbleChart',
  'candlestickChart',
  'orgChart',
  'histogramChart',
  'waterfallChart',
  'treemapChart',
  'scorecardChart',
] as const

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  chartType: ['BAR', 'LINE', 'AREA', 'COLUMN', 'SCATTER', 'COMBO', 'STEPPED_AREA'],
  basicLegend: ['BOTTOM_LEGEND', 'LEFT_LEGEND', 'RIGHT_LEGEND', 'TOP_LEGEND', 'NO_LEGEND'],
  pieLegend: ['BOTTOM_LEGEND', 'LEFT_LEGEND', 'RIGHT_LEGEND', 'TOP_LEGEND', 'NO_LEGEND', 'LABELED_LEGEND'],
  axis: ['BOTTOM_AXIS', 'LEFT_AXIS', 'RIGHT_AXIS'],
  seriesType: ['BAR', 'LINE', 'AREA', 'COLUMN', 'SCATTER', 'STEPPED_AREA'],
  stackedType: ['NOT_STACKED', 'STACKED', 'PERCENT_STACKED'],
  compareMode: ['DATUM', 'CATEGORY'],
  aggregate: ['AVERAGE', 'COUNT', 'MAX', 'MEDIAN', 'MIN', 'SUM'],
  hiddenDimensionStrategy: ['SKIP_HIDDEN_ROWS_AND_COLUMNS', 'SKIP_HIDDEN_ROWS', 'SKIP_HIDDEN_COLUMNS', 'SHOW_ALL'],
}

export type Fail = (detail: string) => never

function enumValue(value: unknown, allowed: string, field: string, fail: Fail): void {
  if (value === undefined) return
  const values = ENUMS[allowed] ?? []
  if (typeof value !== 'string' || !values.includes(value)) fail(`Invalid ${field}: ${String(value)}`)
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

/** A source GridRange, checked against its sheet's grid; stored with an explicit sheetId. */
function sourceRange(ss: SpreadsheetModel, raw: Json, fail: Fail): { range: GridRange; rows: number; cols: number } {
  const sheetId = isIndex(raw.sheetId) ? raw.sheetId : 0
  const sheet = findSheetById(ss, sheetId)
  if (!sheet) fail(`No grid with id: ${sheetId}`)
  const range: GridRange = {
    sheetId,
    ...(isIndex(raw.startRowIndex) ? { startRowIndex: raw.startRowIndex } : {}),
    ...(isIndex(raw.endRowIndex) ? { endRowIndex: raw.endRowIndex } : {}),
    ...(isIndex(raw.startColumnIndex) ? { startColumnIndex: raw.startColumnIndex } : {}),
    ...(isIndex(raw.endColumnIndex) ? { endColumnIndex: raw.endColumnIndex } : {}),
  }
  const b = clampToGrid(sheet, boundsOfGridRange(range))
  const grid = sheet.properties.gridProperties
  if (b.startRow < 0 || b.startCol < 0 || b.endRow > grid.rowCount || b.endCol > grid.columnCount) {
    fail(`The chart's source range is outside the grid of sheet ${sheetId}.`)
  }
  if (b.endRow <= b.startRow || b.endCol <= b.startCol) fail("The chart's source range is empty.")
  return { range, rows: b.endRow - b.startRow, cols: b.endCol - b.startCol }
}

/**
 * The sources of one ChartData: checked, normalised. Each is a row or a column (one dimension
 * of length 1) with the same orientation as every other source of the chart.
 */
function chartData(
  ss: SpreadsheetModel,
  data: unknown,
  field: string,
  orientation: { value?: 'row' | 'column' },
  fail: Fail,
): { readonly json: Json; readonly count: number } {
  const d = (data ?? {}) as Json
  if (d.columnReference !== undefined)
    fail(`${field}: data source charts are not supported by the local Sheets emulator.`)
  enumValue(d.aggregateType, 'aggregate', `${field}.aggregateType`, fail)
  const sources = ((d.sourceRange as Json | undefined)?.sources ?? []) as Json[]
  if (sources.length === 0) fail(`${field}.sourceRange must have at least one source.`)
  const checked = sources.map((raw) => {
    const s = sourceRange(ss, raw, fail)
    const shape = s.cols === 1 ? 'column' : s.rows === 1 ? 'row' : undefined
    if (shape === undefined) fail(`${field}: exactly one dimension of a source range must have a length of 1.`)
    // A single cell fits either orientation.
    if (!(s.rows === 1 && s.cols === 1)) {
      if (orientation.value !== undefined && orientation.value !== shape) {
        fail(`${field}: all sources must have the same dimension with length 1.`)
      }
      orientation.value = shape
    }
    return s.range
  })
  return { json: { ...d, sourceRange: { sources: checked } }, count: checked.length }
}

/** A ChartSpec checked as Google describes it; returns it with normalised source ranges. */
export function checkedSpec(ss: SpreadsheetModel, spec: unknown, fail: Fail): Json {
  if (spec === undefined || spec === null) fail('chart.spec is required.')
  const s = { ...(spec as Json) }
  const kinds = CHART_KINDS.filter((k) => s[k] !== undefined)
  if (kinds.length !== 1) fail('Exactly one chart type (basicChart, pieChart, …) must be set in the spec.')
  if (s.dataSourceChartProperties !== undefined)
    fail('Data source charts are not supported by the local Sheets emulator.')
  enumValue(s.hiddenDimensionStrategy, 'hiddenDimensionStrategy', 'hiddenDimensionStrategy', fail)
  const orientation: { value?: 'row' | 'column' } = {}
  if (s.basicChart !== undefined) {
    const b = { ...(s.basicChart as Json) }
    if (b.chartType === undefined) fail('basicChart.chartType is required.')
    enumValue(b.chartType, 'chartType', 'basicChart.chartType', fail)
    enumValue(b.legendPosition, 'basicLegend', 'basicChart.legendPosition', fail)
    enumValue(b.stackedType, 'stackedType', 'basicChart.stackedType', fail)
    enumValue(b.compareMode, 'compareMode', 'basicChart.compareMode', fail)
    if (b.headerCount !== undefined && (!isIndex(b.headerCount) || b.headerCount < 0))
      fail('basicChart.headerCount must be >= 0.')
    for (const [i, axis] of ((b.axis ?? []) as Json[]).entries())
      enumValue(axis.position, 'axis', `basicChart.axis[${i}].position`, fail)
    const domains = (b.domains ?? []) as Json[]
    if (domains.length > 1) fail('basicChart supports a single domain.')
    const series = (b.series ?? []) as Json[]
    if (series.length === 0) fail('basicChart needs at least one series.')
    const counts: number[] = []
    b.domains = domains.map((d, i) => {
      const data = chartData(ss, d.domain, `basicChart.domains[${i}].domain`, orientation, fail)
      counts.push(data.count)
      return { ...d, domain: data.json }
    })
    b.series = series.map((x, i) => {
      enumValue(x.targetAxis, 'axis', `basicChart.series[${i}].targetAxis`, fail)
      enumValue(x.type, 'seriesType', `basicChart.series[${i}].type`, fail)
      if (x.type !== undefined && b.chartType !== 'COMBO')
        fail(`basicChart.series[${i}].type is valid only in COMBO charts.`)
      const data = chartData(ss, x.series, `basicChart.series[${i}].series`, orientation, fail)
      counts.push(data.count)
      return { ...x, series: data.json }
    })
    if (new Set(counts).size > 1) fail('The domain and all series must have the same number of source ranges.')
    s.basicChart = b
  } else if (s.pieChart !== undefined) {
    const p = { ...(s.pieChart as Json) }
    enumValue(p.legendPosition, 'pieLegend', 'pieChart.legendPosition', fail)
    if (p.pieHole !== undefined && (typeof p.pieHole !== 'number' || p.pieHole < 0 || p.pieHole > 1))
      fail('pieChart.pieHole must be between 0 and 1.')
    if (p.series === undefined) fail('pieChart.series is required.')
    const series = chartData(ss, p.series, 'pieChart.series', orientation, fail)
    p.series = series.json
    if (p.domain !== undefined) {
      const domain = chartData(ss, p.domain, 'pieChart.domain', orientation, fail)
      if (domain.count !== series.count) fail('The domain and the series must have the same number of source ranges.')
      p.domain = domain.json
    }
    s.pieChart = p
  }
  return s
}

/** The overlay of an EmbeddedObjectPosition; other positions are refused (see the module note). */
function checkedOverlay(ss: SpreadsheetModel, position: unknown, fail: Fail): OverlayModel {
  const p = (position ?? {}) as Json
  const set = [p.sheetId, p.overlayPosition, p.newSheet === true ? true : undefined].filter((x) => x !== undefined)
  if (set.length !== 1)
    fail('Exactly one of position.sheetId, position.overlayPosition or position.newSheet must be set.')
  if (p.overlayPosition === undefined)
    fail('Charts on a sheet of their own are not supported by the local Sheets emulator; use position.overlayPosition.')
  const o = p.overlayPosition as Json
  const a = (o.anchorCell ?? {}) as Json
  const sheetId = isIndex(a.sheetId) ? a.sheetId : 0
  const sheet = findSheetById(ss, sheetId)
  if (!sheet) fail(`No grid with id: ${sheetId}`)
  const rowIndex = isIndex(a.rowIndex) ? a.rowIndex : 0
  const columnIndex = isIndex(a.columnIndex) ? a.columnIndex : 0
  const grid = sheet.properties.gridProperties
  if (rowIndex < 0 || columnIndex < 0 || rowIndex >= grid.rowCount || columnIndex >= grid.columnCount)
    fail('overlayPosition.anchorCell is outside the grid.')
  const px = (v: unknown, field: string, fallback: number): number => {
    if (v === undefined) return fallback
    if (!isIndex(v) || v < 0) fail(`overlayPosition.${field} must be >= 0.`)
    return v
  }
  return {
    anchor: { sheetId, rowIndex, columnIndex },
    offsetXPixels: px(o.offsetXPixels, 'offsetXPixels', 0),
    offsetYPixels: px(o.offsetYPixels, 'offsetYPixels', 0),
    widthPixels: px(o.widthPixels, 'widthPixels', DEFAULT_CHART_WIDTH),
    heightPixels: px(o.heightPixels, 'heightPixels', DEFAULT_CHART_HEIGHT),
  }
}

export function allCharts(ss: SpreadsheetModel): { readonly sheet: SheetModel; readonly chart: ChartModel }[] {
  return ss.sheets.flatMap((sheet) => (sheet.charts ?? []).map((chart) => ({ sheet, chart })))
}

/** addChart → `{chart}`: the chart as stored, its chartId drawn like a sheet id when not given. */
export function addChart(ss: SpreadsheetModel, body: Json, random: () => number, fail: Fail): Json {
  const c = (body.chart ?? {}) as Json
  const taken = (id: number) =>
    allCharts(ss).some((x) => x.chart.chartId === id) || ss.sheets.some((s) => s.properties.sheetId === id)
  if (c.chartId !== undefined && (!isIndex(c.chartId) || c.chartId <= 0 || taken(c.chartId))) {
    fail(`An embedded object with id ${String(c.chartId)} already exists or the id is invalid.`)
  }
  const spec = checkedSpec(ss, c.spec, fail)
  const overlay = checkedOverlay(ss, c.position, fail)
  const model: ChartModel = {
    chartId: isIndex(c.chartId) ? c.chartId : newInt32(random, taken),
    spec,
    overlay,
    ...(c.border === undefined ? {} : { border: c.border as Json }),
  }
  const sheet = findSheetById(ss, overlay.anchor.sheetId)
  if (sheet) sheet.charts = [...(sheet.charts ?? []), model]
  return { chart: chartJson(model) }
}

/** updateChartSpec: replaces the whole spec of a chart (reply `{}`). */
export function updateChartSpec(ss: SpreadsheetModel, body: Json, fail: Fail): undefined {
  const found = allCharts(ss).find((x) => x.chart.chartId === body.chartId)
  if (!found) fail(`No chart with id: ${String(body.chartId)}`)
  const spec = checkedSpec(ss, body.spec, fail)
  found.sheet.charts = (found.sheet.charts ?? []).map((c) => (c === found.chart ? { ...c, spec } : c))
  return undefined
}

/** deleteEmbeddedObject: removes a chart (reply `{}`). */
export function deleteEmbeddedObject(ss: SpreadsheetModel, body: Json, fail: Fail): undefined {
  const found = allCharts(ss).find((x) => x.chart.chartId === body.objectId)
  if (!found) fail(`No embedded object with id: ${String(body.objectId)}`)
  found.sheet.charts = (found.sheet.charts ?? []).filter((c) => c !== found.chart)
  return undefined
}

/** GridRange as printed (sheetId 0 omitted, proto3). */
function printedRange(r: GridRange): Json {
  const { sheetId, ...rest } = r
  return sheetId === 0 ? { ...rest } : { sheetId, ...rest }
}

/** Every `sourceRange.sources` list of a spec, rewritten by `map` (undefined drops a source). */
export function mapSources(spec: Json, map: (r: GridRange) => GridRange | undefined): Json {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v === null || typeof v !== 'object') return v
    const out: Json = {}
    for (const [k, x] of Object.entries(v as Json)) {
      if (k === 'sourceRange' && x !== null && typeof x === 'object') {
        const sources = ((x as Json).sources ?? []) as GridRange[]
        out[k] = { ...(x as Json), sources: sources.flatMap((r) => map(r) ?? []) }
      } else out[k] = walk(x)
    }
    return out
  }
  return walk(spec) as Json
}

/** The EmbeddedChart message as spreadsheets.get and addChart print it (proto3: zeros omitted). */
export function chartJson(c: ChartModel): Json {
  const a = c.overlay.anchor
  const anchorCell: Json = {
    ...(a.sheetId === 0 ? {} : { sheetId: a.sheetId }),
    ...(a.rowIndex === 0 ? {} : { rowIndex: a.rowIndex }),
    ...(a.columnIndex === 0 ? {} : { columnIndex: a.columnIndex }),
  }
  const o = c.overlay
  return {
    chartId: c.chartId,
    spec: mapSources(c.spec, (r) => printedRange(r) as unknown as GridRange),
    position: {
      overlayPosition: {
        anchorCell,
        ...(o.offsetXPixels === 0 ? {} : { offsetXPixels: o.offsetXPixels }),
        ...(o.offsetYPixels === 0 ? {} : { offsetYPixels: o.offsetYPixels }),
        ...(o.widthPixels === 0 ? {} : { widthPixels: o.widthPixels }),
        ...(o.heightPixels === 0 ? {} : { heightPixels: o.heightPixels }),
      },
    },
    ...(c.border === undefined ? {} : { border: c.border }),
  }
}
