// A casebook made from the first template brought up to this one (sheets-template/upgrade-template.ts)
// in the in-process emulator, then read back the way the Worker reads a sheet: the new tabs in
// place and bound by key, the new columns bound, dropdowns pointing at the real Lists columns,
// the Dashboard charts, the version — and every cell staff typed as it was.
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator'
import type { FetchLike } from '../../sheets-template/apply-template'
import { buildTemplate, DASHBOARD_CHARTS, listRangeFormula } from '../../sheets-template/build-template'
import { applyUpgrade, planUpgrade } from '../../sheets-template/upgrade-template'
import { LIST_NAMES } from '../../src/domain/lists'
import { PROGRESS_COLUMNS } from '../../src/domain/progress-tab'
import { TABLES } from '../../src/domain/tables'
import {
  allBound,
  bindHeaders,
  columnMarksFromSearch,
  columnMarksSearchRequest,
  sheetRefsFromSpreadsheet,
} from '../../src/sheets/header-binding'
import { TO_V1, V1_LISTS, V1_TEMPLATE_REQUESTS } from '../support/earlier-template'

const BASE = 'http://emulator.test'
const template = buildTemplate()

function harness() {
  const emulator = createEmulator()
  const fetchLike: FetchLike = async (url, init) => emulator.app.fetch(new Request(url, init))
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetchLike(`${BASE}${path}`, {
      ...init,
      headers: { authorization: 'Bearer uji', 'content-type': 'application/json', ...(init.headers ?? {}) },
    })
    const text = await response.text()
    expect(response.status, `${path}: ${text.slice(0, 300)}`).toBe(200)
    return (text === '' ? {} : JSON.parse(text)) as T
  }
  const batch = (id: string, requests: readonly sheets_v4.Schema$Request[]) =>
    api(`/v4/spreadsheets/${id}:batchUpdate`, { method: 'POST', body: JSON.stringify({ requests }) })
  const values = async (id: string, range: string) =>
    (
      await api<sheets_v4.Schema$ValueRange>(
        `/v4/spreadsheets/${id}/values/${encodeURIComponent(range)}?valueRenderOption=UNFORMATTED_VALUE`,
      )
    ).values ?? []
  /** A v1 casebook with one case typed in, and whatever else a test does to it first. */
  const v1 = async (id: string, before: readonly sheets_v4.Schema$Request[] = []) => {
    await api(`/_emulator/spreadsheets/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ properties: { title: 'Uji' } }),
    })
    await batch(id, [...V1_TEMPLATE_REQUESTS, ...before])
    await api(`/v4/spreadsheets/${id}/values/${encodeURIComponent('Cases!B2:C2')}?valueInputOption=RAW`, {
      method: 'PUT',
      body: JSON.stringify({ values: [['AB', 'L']] }),
    })
  }
  const upgrade = (id: string) => applyUpgrade(fetchLike, BASE, id, { accessToken: 'uji' })
  const spreadsheet = (id: string) =>
    api<sheets_v4.Schema$Spreadsheet>(
      `/v4/spreadsheets/${id}?fields=developerMetadata,sheets(properties(sheetId,title,index),charts(chartId,spec.title))`,
    )
  const marks = async (id: string) =>
    columnMarksFromSearch(
      await api<sheets_v4.Schema$SearchDeveloperMetadataResponse>(`/v4/spreadsheets/${id}/developerMetadata:search`, {
        method: 'POST',
        body: JSON.stringify(columnMarksSearchRequest()),
      }),
    )
  return { api, batch, values, v1, upgrade, spreadsheet, marks }
}

describe('upgrading a v1 casebook', () => {
  it('adds the Events and Feedback tabs after Sessions, the new columns, the charts and the version', async () => {
    const h = harness()
    await h.v1('naik-1')
    const result = await h.upgrade('naik-1')
    expect(result.ok ? result.value : result.error).toEqual({
      tabs: ['Events', 'Feedback'],
      columns: ['Lists.event_kind', 'Lists.feedback_kind', 'Lists.participant_role', 'Progress.approval'],
      charts: 3,
      from: '1',
      to: template.version,
    })
    const after = await h.spreadsheet('naik-1')
    expect(after.sheets?.map((s) => s.properties?.title)).toEqual(template.tabs.map((t) => t.title))
    const dashboard = after.sheets?.find((s) => s.properties?.title === 'Dashboard')
    expect(dashboard?.charts?.map((c) => c.chartId)).toEqual(Object.values(DASHBOARD_CHARTS))
    expect(after.developerMetadata?.find((m) => m.metadataKey === 'sentra_template')?.metadataValue).toBe('2')
  })

  it('leaves every tab bound by key exactly as a freshly built casebook', async () => {
    const h = harness()
    await h.v1('naik-2')
    await h.upgrade('naik-2')
    const sheets = sheetRefsFromSpreadsheet(await h.spreadsheet('naik-2'))
    const bound = bindHeaders({
      sheets,
      marks: await h.marks('naik-2'),
      tabs: template.tabs
        .filter((t) => t.columns.length > 0)
        .map((t) => ({ title: t.title, keys: t.columns.map((c) => c.key) })),
    })
    expect(allBound(bound).ok).toBe(true)
    const progress = bound.get('Progress')
    expect(progress?.ok && progress.value.columns.get('approval')).toBe(PROGRESS_COLUMNS.length - 1)
    expect((await h.values('naik-2', 'Progress!1:1'))[0]?.at(-1)).toBe('Persetujuan rencana')
    expect((await h.values('naik-2', 'Lists!M1:O4')).map((r) => r.slice(0, 3))).toEqual([
      ['event_kind', 'feedback_kind', 'participant_role'],
      ['case_conference', 'approve', 'klien'],
      ['contract', 'revise', 'peksos'],
      ['home_visit', 'comment', 'supervisor'],
    ])
  })

  it('changes no cell staff typed', async () => {
    const h = harness()
    await h.v1('naik-3')
    const before = await h.values('naik-3', 'Cases')
    await h.upgrade('naik-3')
    expect(await h.values('naik-3', 'Cases')).toEqual(before)
    expect(before[1]?.slice(1, 3)).toEqual(['AB', 'L'])
  })

  it('points the new dropdowns at the lists where this sheet has them (a column staff added to Lists before them)', async () => {
    const h = harness()
    await h.v1('naik-4', [
      {
        insertDimension: {
          range: { sheetId: 8, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 },
          inheritFromBefore: false,
        },
      },
    ])
    await h.upgrade('naik-4')
    const kindColumn = TABLES.events.columns.findIndex((c) => c.key === 'kind')
    const cell = `Events!${String.fromCharCode(65 + kindColumn)}2`
    const got = await h.api<sheets_v4.Schema$Spreadsheet>(
      `/v4/spreadsheets/naik-4?ranges=${encodeURIComponent(cell)}&fields=sheets.data.rowData.values.dataValidation`,
    )
    const rule = got.sheets?.[0]?.data?.[0]?.rowData?.[0]?.values?.[0]?.dataValidation
    // v1's 12 lists moved one right by the inserted column: event_kind is the 14th column, N.
    const at = V1_LISTS.length + 1
    expect(rule?.condition?.values?.[0]?.userEnteredValue).toBe(listRangeFormula('event_kind', at))
    expect(listRangeFormula('event_kind', at)).toBe('=Lists!$N$2:$N$200')
    expect((await h.values('naik-4', 'Lists!N1:N3')).map((r) => r[0])).toEqual([
      'event_kind',
      'case_conference',
      'contract',
    ])
  })

  it('gives a new tab a free sheet id when the template id is taken by a tab of the centre', async () => {
    const h = harness()
    await h.v1('naik-5', [{ addSheet: { properties: { sheetId: 11, title: 'Catatan Sentra' } } }])
    await h.upgrade('naik-5')
    const after = await h.spreadsheet('naik-5')
    const ids = new Map(after.sheets?.map((s) => [s.properties?.title, s.properties?.sheetId]))
    expect(ids.get('Catatan Sentra')).toBe(11)
    expect(ids.get('Events')).toBe(13)
    expect(ids.get('Feedback')).toBe(12)
    const sheets = sheetRefsFromSpreadsheet(after)
    const bound = bindHeaders({
      sheets,
      marks: await h.marks('naik-5'),
      tabs: [{ title: 'Events', keys: TABLES.events.columns.map((c) => c.key) }],
    })
    expect(bound.get('Events')?.ok).toBe(true)
  })

  it('finds nothing to do the second time, and sends no write', async () => {
    const h = harness()
    await h.v1('naik-6')
    await h.upgrade('naik-6')
    const again = await h.upgrade('naik-6')
    expect(again.ok ? again.value : again.error).toEqual({ tabs: [], columns: [], charts: 0, from: '2', to: '2' })
  })

  it('adds only the charts when the tabs and columns are there already', async () => {
    const h = harness()
    await h.v1('naik-7')
    await h.upgrade('naik-7')
    await h.batch('naik-7', [{ deleteEmbeddedObject: { objectId: DASHBOARD_CHARTS.levels } }])
    const again = await h.upgrade('naik-7')
    expect(again.ok && again.value).toMatchObject({ tabs: [], columns: [], charts: 1 })
  })

  it('refuses a spreadsheet that is not a casebook', () => {
    const plan = planUpgrade({
      tabs: [{ sheetId: 0, title: 'Sheet1', index: 0, rowCount: 1000, columnCount: 26, chartIds: [] }],
      marks: [],
      version: undefined,
    })
    expect(plan.ok ? 'ok' : plan.error.kind).toBe('not_a_casebook')
  })
})

describe('the v1 casebook of these tests', () => {
  it('is the template without what v2 added', () => {
    expect(TO_V1.length).toBeGreaterThan(0)
    expect(LIST_NAMES.slice(V1_LISTS.length)).toEqual(['event_kind', 'feedback_kind', 'participant_role'])
  })
})
