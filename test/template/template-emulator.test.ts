import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator'
import { applyTemplate, type FetchLike } from '../../sheets-template/apply-template'
import { buildTemplate } from '../../sheets-template/build-template'
import { DEFAULT_LISTS, LIST_NAMES } from '../../src/domain/lists'
import {
  allBound,
  bindHeaders,
  columnMarksFromSearch,
  columnMarksSearchRequest,
  sheetRefsFromSpreadsheet,
} from '../../src/sheets/header-binding'

// The whole template applied to the in-process emulator, then read back the way the Worker reads
// a sheet: tabs by title, columns by developer metadata, dropdowns and protection as stored.

const BASE = 'http://emulator.test'
const template = buildTemplate()

function harness() {
  const emulator = createEmulator()
  const fetchLike: FetchLike = async (url, init) => emulator.app.fetch(new Request(url, init))
  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetchLike(`${BASE}${path}`, {
      ...init,
      headers: { authorization: 'Bearer uji', 'content-type': 'application/json', ...(init.headers ?? {}) },
    })
    const text = await response.text()
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T }
  }
  const create = async (id: string) => {
    const created = await api(`/_emulator/spreadsheets/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ properties: { title: 'Sentra Uji' } }),
    })
    expect(created.status).toBe(200)
  }
  return { emulator, fetchLike, api, create }
}

describe('the template applied to the emulator', () => {
  const h = harness()
  const id = 'casebook-uji'
  let spreadsheet: sheets_v4.Schema$Spreadsheet

  beforeAll(async () => {
    await h.create(id)
    const applied = await applyTemplate(h.fetchLike, BASE, id, { accessToken: 'uji' })
    expect(applied.ok ? applied.value.requests : applied.error).toBe(template.requests.length)
    const got = await h.api<sheets_v4.Schema$Spreadsheet>(
      `/v4/spreadsheets/${id}?fields=properties(locale,timeZone),sheets(properties,protectedRanges,conditionalFormats)`,
    )
    expect(got.status).toBe(200)
    spreadsheet = got.body
  })

  it('leaves exactly the twelve tabs, in order, with their fixed ids, sizes and frozen header', () => {
    expect(spreadsheet.sheets?.map((s) => [s.properties?.title, s.properties?.sheetId])).toEqual(
      template.tabs.map((t) => [t.title, t.sheetId]),
    )
    for (const t of template.tabs) {
      const grid = spreadsheet.sheets?.find((s) => s.properties?.sheetId === t.sheetId)?.properties?.gridProperties
      expect(grid?.rowCount, t.title).toBe(t.rowCount)
      expect(grid?.columnCount, t.title).toBe(t.columnCount)
      expect(grid?.frozenRowCount, t.title).toBe(t.columns.length > 0 ? 1 : undefined)
    }
    expect(spreadsheet.properties).toEqual({ locale: template.locale, timeZone: template.timeZone })
  })

  it('binds every tab’s columns by key through developer metadata, as the Worker reads them', async () => {
    const search = await h.api<sheets_v4.Schema$SearchDeveloperMetadataResponse>(
      `/v4/spreadsheets/${id}/developerMetadata:search`,
      { method: 'POST', body: JSON.stringify(columnMarksSearchRequest()) },
    )
    expect(search.status).toBe(200)
    const bound = allBound(
      bindHeaders({
        sheets: sheetRefsFromSpreadsheet(spreadsheet),
        marks: columnMarksFromSearch(search.body),
        tabs: template.tabs
          .filter((t) => t.columns.length > 0)
          .map((t) => ({ title: t.title, keys: t.columns.map((c) => c.key) })),
      }),
    )
    expect(bound.ok ? 'bound' : bound.error).toBe('bound')
    if (!bound.ok) return
    for (const t of template.tabs.filter((tab) => tab.columns.length > 0)) {
      const columns = bound.value.get(t.title)?.columns
      expect(
        t.columns.map((c) => columns?.get(c.key)),
        t.title,
      ).toEqual(t.columns.map((_, i) => i))
    }
  })

  it('shows the Indonesian labels in the header rows', async () => {
    const titles = template.tabs.filter((t) => t.columns.length > 0)
    const ranges = titles.map((t) => `ranges=${encodeURIComponent(`${t.title}!1:1`)}`).join('&')
    const got = await h.api<sheets_v4.Schema$BatchGetValuesResponse>(`/v4/spreadsheets/${id}/values:batchGet?${ranges}`)
    expect(got.status).toBe(200)
    expect(got.body.valueRanges?.map((r) => r.values?.[0])).toEqual(titles.map((t) => t.columns.map((c) => c.label.id)))
  })

  it('keeps the header bold with the English label in its note, and date cells formatted', async () => {
    const got = await h.api<sheets_v4.Schema$Spreadsheet>(
      `/v4/spreadsheets/${id}?ranges=${encodeURIComponent('Cases!A1:D2')}&fields=sheets.data.rowData.values(note,userEnteredFormat(textFormat.bold,numberFormat))`,
    )
    const rows = got.body.sheets?.[0]?.data?.[0]?.rowData ?? []
    const header = rows[0]?.values ?? []
    expect(header.map((c) => c.note?.split('\n')[0])).toEqual(['Case ID', 'Client initials', 'Sex', 'Birth date'])
    expect(header.every((c) => c.userEnteredFormat?.textFormat?.bold === true)).toBe(true)
    expect(rows[1]?.values?.[3]?.userEnteredFormat?.numberFormat).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' })
  })

  it('fills the Lists tab with the default lists under their names', async () => {
    const got = await h.api<sheets_v4.Schema$ValueRange>(`/v4/spreadsheets/${id}/values/Lists?majorDimension=COLUMNS`)
    expect(got.body.values).toEqual(LIST_NAMES.map((name) => [name, ...DEFAULT_LISTS[name]]))
  })

  it.each([
    ['Cases', 'E2', { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: '=Lists!$A$2:$A$200' }] }, false],
    ['Cases', 'F2', { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: '=Lists!$C$2:$C$200' }] }, true],
    ['Cases', 'D1000', { type: 'DATE_IS_VALID' }, true],
    [
      'Goals',
      'H2',
      { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '1' }, { userEnteredValue: '1000' }] },
      true,
    ],
    [
      'Sessions',
      'G10000',
      { type: 'ONE_OF_LIST', values: ['0', '1', '2', '3', '4', 'N'].map((userEnteredValue) => ({ userEnteredValue })) },
      true,
    ],
    ['Staff', 'D2', { type: 'BOOLEAN' }, true],
  ])('stores on %s!%s the rule %o, strict %s', async (title, cell, condition, strict) => {
    const got = await h.api<sheets_v4.Schema$Spreadsheet>(
      `/v4/spreadsheets/${id}?ranges=${encodeURIComponent(`${title}!${cell}`)}&fields=sheets.data.rowData.values.dataValidation`,
    )
    const rule = got.body.sheets?.[0]?.data?.[0]?.rowData?.[0]?.values?.[0]?.dataValidation
    expect(rule?.condition).toEqual(condition)
    expect(rule?.strict ?? false).toBe(strict)
    expect(rule?.showCustomUi).toBe(true)
  })

  it('protects only with warnings, and the computed tabs whole', () => {
    const all = (spreadsheet.sheets ?? []).flatMap((s) => s.protectedRanges ?? [])
    expect(all.length).toBe(template.requests.filter((r) => r.addProtectedRange !== undefined).length)
    expect(all.every((p) => p.warningOnly === true)).toBe(true)
    for (const title of ['Progress', 'Dashboard', 'Log']) {
      const sheet = spreadsheet.sheets?.find((s) => s.properties?.title === title)
      expect(sheet?.protectedRanges?.some((p) => Object.keys(p.range ?? {}).every((k) => k === 'sheetId'))).toBe(true)
    }
  })

  it('colours the Progress TAS levels with five rules', () => {
    const progress = spreadsheet.sheets?.find((s) => s.properties?.title === 'Progress')
    const levels = (progress?.conditionalFormats ?? []).filter((r) => r.booleanRule?.condition?.type === 'NUMBER_EQ')
    expect(levels.map((r) => r.booleanRule?.condition?.values?.[0]?.userEnteredValue)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ])
  })

  it('lets the service account write RAW into protected system cells (warning only)', async () => {
    const write = await h.api(`/v4/spreadsheets/${id}/values/${encodeURIComponent('Cases!R2')}?valueInputOption=RAW`, {
      method: 'PUT',
      body: JSON.stringify({ values: [['Tanggal lahir wajib diisi.']] }),
    })
    expect(write.status).toBe(200)
  })

  it('stores the three Dashboard charts over the fixed blocks, as spreadsheets.get lists them', async () => {
    const got = await h.api<sheets_v4.Schema$Spreadsheet>(
      `/v4/spreadsheets/${id}?fields=sheets(properties.title,charts)`,
    )
    const dashboard = got.body.sheets?.find((s) => s.properties?.title === 'Dashboard')
    expect(dashboard?.charts?.map((c) => [c.chartId, c.spec?.title, c.spec?.basicChart?.chartType])).toEqual([
      [9001, 'Tujuan kasus aktif per status', 'COLUMN'],
      [9002, 'Level TAS tujuan kasus aktif', 'COLUMN'],
      [9003, 'Beban kerja per peksos', 'BAR'],
    ])
    const others = got.body.sheets?.filter((s) => s.properties?.title !== 'Dashboard') ?? []
    expect(others.flatMap((s) => s.charts ?? [])).toEqual([])
  })

  it('refuses to apply itself twice', async () => {
    const again = await applyTemplate(h.fetchLike, BASE, id, { accessToken: 'uji' })
    expect(again).toEqual({ ok: false, error: { kind: 'already_provisioned' } })
  })
})

describe('applyTemplate', () => {
  it('leaves a spreadsheet that holds data untouched', async () => {
    const h = harness()
    await h.create('berisi')
    const write = await h.api(
      `/v4/spreadsheets/berisi/values/${encodeURIComponent('Sheet1!A1')}?valueInputOption=RAW`,
      {
        method: 'PUT',
        body: JSON.stringify({ values: [['catatan']] }),
      },
    )
    expect(write.status).toBe(200)
    const applied = await applyTemplate(h.fetchLike, BASE, 'berisi')
    expect(applied).toEqual({ ok: false, error: { kind: 'not_empty', titles: ['Sheet1'] } })
    const got = await h.api<sheets_v4.Schema$Spreadsheet>('/v4/spreadsheets/berisi?fields=sheets.properties.title')
    expect(got.body.sheets?.map((s) => s.properties?.title)).toEqual(['Sheet1'])
  })

  it('reports Google’s error for a spreadsheet that does not exist', async () => {
    const h = harness()
    const applied = await applyTemplate(h.fetchLike, BASE, 'tidak-ada')
    expect(applied.ok ? 'ok' : [applied.error.kind, 'status' in applied.error ? applied.error.status : 0]).toEqual([
      'http',
      404,
    ])
  })
})
