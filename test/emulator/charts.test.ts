import { describe, expect, it } from 'vitest'
import { type Harness, harness } from './emulator-harness'

const ID = 'grafik'
const DASHBOARD = 7

/** A Dashboard tab (sheetId 7, 30 × 8) with goals by status in A1:B5 and caseload per worker in D1:E4. */
async function dashboard(options: Parameters<typeof harness>[0] = {}): Promise<Harness> {
  const h = harness(options)
  await h.createSpreadsheet(ID, [
    { sheetId: 0, title: 'Cases', gridProperties: { rowCount: 10, columnCount: 4 } },
    { sheetId: DASHBOARD, title: 'Dashboard', gridProperties: { rowCount: 30, columnCount: 8 } },
  ])
  await h.update(ID, 'Dashboard!A1', [
    ['status', 'goals', '', 'worker', 'cases'],
    ['tercapai', 4, '', 'peksos-a', 7],
    ['berjalan', 6, '', 'peksos-b', 3],
    ['terlambat', 2, '', '<b>x</b>', 5],
    ['belum mulai', 1],
  ])
  return h
}

const column = (startRowIndex: number, endRowIndex: number, col: number, sheetId = DASHBOARD) => ({
  sourceRange: {
    sources: [{ sheetId, startRowIndex, endRowIndex, startColumnIndex: col, endColumnIndex: col + 1 }],
  },
})

const columnChart = (title = 'Tujuan per status') => ({
  title,
  basicChart: {
    chartType: 'COLUMN',
    legendPosition: 'BOTTOM_LEGEND',
    headerCount: 1,
    axis: [{ position: 'BOTTOM_AXIS', title: 'status' }],
    domains: [{ domain: column(0, 5, 0) }],
    series: [{ series: column(0, 5, 1), targetAxis: 'LEFT_AXIS' }],
  },
})

const overlay = (rowIndex = 1, columnIndex = 6) => ({
  overlayPosition: { anchorCell: { sheetId: DASHBOARD, rowIndex, columnIndex }, widthPixels: 480, heightPixels: 300 },
})

const addChart = (h: Harness, chart: Record<string, unknown>) => h.batchUpdate(ID, [{ addChart: { chart } }])
const chartsOf = async (h: Harness) =>
  (await h.call('GET', `/v4/spreadsheets/${ID}?fields=sheets(properties.sheetId,charts)`)).json.sheets

describe('addChart, updateChartSpec and deleteEmbeddedObject', () => {
  it('stores a chart with a chartId drawn like a sheet id and lists it in sheets[].charts', async () => {
    const h = await dashboard({ random: () => 0.25 })
    const res = await addChart(h, { spec: columnChart(), position: overlay() })
    expect(res.status).toBe(200)
    const stored = {
      chartId: 536870912,
      spec: {
        title: 'Tujuan per status',
        basicChart: {
          chartType: 'COLUMN',
          legendPosition: 'BOTTOM_LEGEND',
          headerCount: 1,
          axis: [{ position: 'BOTTOM_AXIS', title: 'status' }],
          domains: [{ domain: column(0, 5, 0) }],
          series: [{ series: column(0, 5, 1), targetAxis: 'LEFT_AXIS' }],
        },
      },
      position: {
        overlayPosition: {
          anchorCell: { sheetId: DASHBOARD, rowIndex: 1, columnIndex: 6 },
          widthPixels: 480,
          heightPixels: 300,
        },
      },
    }
    expect(res.json.replies).toEqual([{ addChart: { chart: stored } }])
    expect(await chartsOf(h)).toEqual([
      { properties: { sheetId: 0 } },
      { properties: { sheetId: DASHBOARD }, charts: [stored] },
    ])
  })

  it('keeps a chartId that is given, prints sheet 0 and zero indexes as proto3 does, and sizes 600 × 371 by default', async () => {
    const h = await dashboard()
    await h.update(ID, 'Cases!A1', [['x'], [1]])
    const res = await addChart(h, {
      chartId: 42,
      spec: { pieChart: { series: column(0, 2, 0, 0), legendPosition: 'LABELED_LEGEND', pieHole: 0.5 } },
      position: { overlayPosition: { anchorCell: { sheetId: 0 } } },
    })
    expect(res.json.replies[0].addChart.chart).toEqual({
      chartId: 42,
      spec: {
        pieChart: {
          series: {
            sourceRange: { sources: [{ startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }] },
          },
          legendPosition: 'LABELED_LEGEND',
          pieHole: 0.5,
        },
      },
      position: { overlayPosition: { anchorCell: {}, widthPixels: 600, heightPixels: 371 } },
    })
  })

  it('replaces the whole spec with updateChartSpec and removes the chart with deleteEmbeddedObject', async () => {
    const h = await dashboard()
    const chartId = (await addChart(h, { spec: columnChart(), position: overlay() })).json.replies[0].addChart.chart
      .chartId
    const pie = { title: 'Beban kasus', pieChart: { domain: column(1, 4, 3), series: column(1, 4, 4) } }
    const updated = await h.batchUpdate(ID, [{ updateChartSpec: { chartId, spec: pie } }])
    expect(updated.json.replies).toEqual([{}])
    expect((await chartsOf(h))[1].charts[0].spec).toEqual(pie)
    expect((await h.batchUpdate(ID, [{ deleteEmbeddedObject: { objectId: chartId } }])).json.replies).toEqual([{}])
    expect((await chartsOf(h))[1]).toEqual({ properties: { sheetId: DASHBOARD } })
  })

  it('moves a chart’s anchor and source ranges with inserted rows, and drops its charts with its sheet', async () => {
    const h = await dashboard()
    await addChart(h, { spec: columnChart(), position: overlay(3, 6) })
    await h.batchUpdate(ID, [
      { insertDimension: { range: { sheetId: DASHBOARD, dimension: 'ROWS', startIndex: 0, endIndex: 2 } } },
    ])
    const [chart] = (await chartsOf(h))[1].charts
    expect(chart.position.overlayPosition.anchorCell).toEqual({ sheetId: DASHBOARD, rowIndex: 5, columnIndex: 6 })
    expect(chart.spec.basicChart.series[0].series).toEqual(column(2, 7, 1))
    await h.batchUpdate(ID, [{ deleteSheet: { sheetId: DASHBOARD } }])
    expect(await chartsOf(h)).toEqual([{ properties: { sheetId: 0 } }])
  })

  it('keeps charts in snapshots and answers a fields mask on them', async () => {
    const h = await dashboard()
    await addChart(h, { chartId: 9, spec: columnChart(), position: overlay() })
    const copy = harness()
    await copy.call('POST', '/_emulator/load', (await h.call('GET', '/_emulator/snapshot')).json)
    const titles = await copy.call('GET', `/v4/spreadsheets/${ID}?fields=sheets.charts(chartId,spec.title)`)
    expect(titles.json).toEqual({ sheets: [{}, { charts: [{ chartId: 9, spec: { title: 'Tujuan per status' } }] }] })
  })

  it.each([
    [{ spec: { ...columnChart(), pieChart: {} }, position: overlay() }, 'Exactly one chart type'],
    [{ spec: { title: 'x' }, position: overlay() }, 'Exactly one chart type'],
    [
      { spec: { basicChart: { ...columnChart().basicChart, chartType: 'DONUT' } }, position: overlay() },
      'Invalid basicChart.chartType: DONUT',
    ],
    [
      { spec: { basicChart: { ...columnChart().basicChart, legendPosition: 'LABELED_LEGEND' } }, position: overlay() },
      'Invalid basicChart.legendPosition',
    ],
    [{ spec: { basicChart: { ...columnChart().basicChart, series: [] } }, position: overlay() }, 'at least one series'],
    [
      {
        spec: { basicChart: { ...columnChart().basicChart, series: [{ series: column(0, 5, 1), type: 'LINE' }] } },
        position: overlay(),
      },
      'valid only in COMBO charts',
    ],
    [
      {
        spec: {
          basicChart: {
            ...columnChart().basicChart,
            series: [
              {
                series: {
                  sourceRange: {
                    sources: [
                      { sheetId: DASHBOARD, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 2 },
                    ],
                  },
                },
              },
            ],
          },
        },
        position: overlay(),
      },
      'exactly one dimension of a source range must have a length of 1',
    ],
    [
      {
        spec: {
          basicChart: {
            ...columnChart().basicChart,
            series: [
              {
                series: {
                  sourceRange: {
                    sources: [
                      { sheetId: DASHBOARD, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 5 },
                    ],
                  },
                },
              },
            ],
          },
        },
        position: overlay(),
      },
      'all sources must have the same dimension with length 1',
    ],
    [
      {
        spec: { basicChart: { ...columnChart().basicChart, series: [{ series: column(0, 50, 1) }] } },
        position: overlay(),
      },
      'outside the grid',
    ],
    [
      {
        spec: { basicChart: { ...columnChart().basicChart, series: [{ series: column(0, 5, 1, 99) }] } },
        position: overlay(),
      },
      'No grid with id: 99',
    ],
    [{ spec: columnChart(), position: { sheetId: DASHBOARD } }, 'not supported by the local Sheets emulator'],
    [{ spec: columnChart(), position: { newSheet: true } }, 'not supported by the local Sheets emulator'],
    [{ spec: columnChart() }, 'Exactly one of position.sheetId, position.overlayPosition or position.newSheet'],
    [{ spec: columnChart(), position: overlay(40) }, 'anchorCell is outside the grid'],
    [{ chartId: DASHBOARD, spec: columnChart(), position: overlay() }, 'already exists'],
    [{ spec: columnChart(), position: overlay(), colour: 'red' }, 'Unknown name "colour"'],
    [
      { spec: { pieChart: { series: column(0, 5, 1), pieHole: 2 } }, position: overlay() },
      'pieHole must be between 0 and 1',
    ],
  ])('refuses addChart %j', async (chart, message) => {
    const h = await dashboard()
    const res = await addChart(h, chart)
    expect(res.status).toBe(400)
    expect(res.json.error.message).toContain(message)
    expect((await chartsOf(h))[1].charts).toBeUndefined()
  })

  it.each([
    [
      { updateChartSpec: { chartId: 404, spec: columnChart() } },
      'Invalid requests[0].updateChartSpec: No chart with id: 404',
    ],
    [
      { deleteEmbeddedObject: { objectId: 404 } },
      'Invalid requests[0].deleteEmbeddedObject: No embedded object with id: 404',
    ],
    [{ updateChartSpec: { chartId: 1, specs: {} } }, 'Unknown name "specs"'],
  ])('refuses %j', async (request, message) => {
    const h = await dashboard()
    const res = await h.batchUpdate(ID, [request])
    expect(res.status).toBe(400)
    expect(res.json.error.message).toContain(message)
  })
})

describe('charts in the sheet view', () => {
  const page = async (h: Harness) => (await h.call('GET', `/?spreadsheet=${ID}&sheet=${DASHBOARD}`)).json as string

  it('draws a column chart over its source range, one bar per value, heights in proportion', async () => {
    const h = await dashboard()
    await addChart(h, { spec: columnChart(), position: overlay() })
    const html = await page(h)
    expect(html).toContain('<section class="charts">')
    expect(html).toContain('aria-label="Tujuan per status"')
    const bars = [
      ...html.matchAll(
        /<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="[^"]+" data-value="(\d+)"/g,
      ),
    ]
    expect(bars.map((b) => Number(b[2]))).toEqual([4, 6, 2, 1])
    const heights = bars.map((b) => Number(b[1]))
    expect((heights[1] ?? 0) / (heights[0] ?? 1)).toBeCloseTo(6 / 4, 1)
    expect(html).toContain('>tercapai</text>')
  })

  it('draws a bar chart horizontally and a pie chart with one slice per value, escaping sheet text', async () => {
    const h = await dashboard()
    await addChart(h, {
      spec: {
        ...columnChart('Per worker'),
        basicChart: {
          ...columnChart().basicChart,
          chartType: 'BAR',
          domains: [{ domain: column(0, 4, 3) }],
          series: [{ series: column(0, 4, 4) }],
        },
      },
      position: overlay(),
    })
    await addChart(h, {
      spec: { title: 'Beban', pieChart: { domain: column(1, 4, 3), series: column(1, 4, 4) } },
      position: overlay(10),
    })
    const html = await page(h)
    expect([...html.matchAll(/class="slice"/g)]).toHaveLength(3)
    expect([...html.matchAll(/<rect class="bar"/g)]).toHaveLength(3)
    expect(html).not.toContain('<b>x</b>')
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
  })

  it('names a chart kind it does not draw, and shows nothing for a tab without charts', async () => {
    const h = await dashboard()
    await addChart(h, { spec: { basicChart: { ...columnChart().basicChart, chartType: 'LINE' } }, position: overlay() })
    expect(await page(h)).toContain('LINE chart: stored, not drawn by the local emulator.')
    expect((await h.call('GET', `/?spreadsheet=${ID}&sheet=0`)).json).not.toContain('class="charts"')
  })
})
