import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { describe, expect, it } from 'vitest'
import { checkMessage } from '../../emulator/request-shape'
import {
  buildTemplate,
  COLUMN_METADATA_KEY,
  DASHBOARD_CHARTS,
  LEVEL_COLORS,
  LIST_ROWS,
  listRangeFormula,
  type TemplateTab,
} from '../../sheets-template/build-template'
import { csvField, templateFiles } from '../../sheets-template/template-files'
import type { ColumnSpec } from '../../src/domain/columns'
import { buildDashboard, DASHBOARD_BLOCKS } from '../../src/domain/dashboard'
import { DEFAULT_LISTS, EXTENSIBLE_LISTS, LIST_NAMES } from '../../src/domain/lists'
import { PROGRESS_COLUMNS } from '../../src/domain/progress-tab'
import { TABLES } from '../../src/domain/tables'
import { COLUMN_METADATA_KEY as BINDING_KEY } from '../../src/sheets/header-binding'

type Request = sheets_v4.Schema$Request

const template = buildTemplate()
const requests = template.requests
const root = join(import.meta.dirname, '..', '..')

const tab = (title: string): TemplateTab => {
  const found = template.tabs.find((t) => t.title === title)
  if (found === undefined) throw new Error(`no tab ${title}`)
  return found
}
const ofKind = <K extends keyof Request>(kind: K): NonNullable<Request[K]>[] =>
  requests.flatMap((r) => (r[kind] === undefined || r[kind] === null ? [] : [r[kind] as NonNullable<Request[K]>]))

/** The request of a kind whose range is exactly column `column` of a sheet (rows below the header). */
const onColumn = (ranges: readonly (sheets_v4.Schema$GridRange | undefined)[], sheetId: number, column: number) =>
  ranges.findIndex(
    (r) =>
      r?.sheetId === sheetId &&
      r.startColumnIndex === column &&
      r.endColumnIndex === column + 1 &&
      (r.startRowIndex ?? 0) <= 1,
  )

const validations = ofKind('setDataValidation')
const validationAt = (sheetId: number, column: number) =>
  validations[
    onColumn(
      validations.map((v) => v.range ?? undefined),
      sheetId,
      column,
    )
  ]?.rule

const DATA_AND_CONFIG = [
  'cases',
  'assessments',
  'goals',
  'sessions',
  'events',
  'feedback',
  'staff',
  'settings',
] as const
const columnCases = DATA_AND_CONFIG.flatMap((key) =>
  TABLES[key].columns.map((column, index) => [TABLES[key].title, column.key, index, column] as const),
)

describe('the committed template files', () => {
  it.each(templateFiles(template).map((f) => [f.path, f.content]))(
    '%s is what the schemas generate (run `npm run template`)',
    (path, content) => {
      expect(readFileSync(join(root, path), 'utf8')).toBe(content)
    },
  )
})

describe('buildTemplate', () => {
  it('gives the same requests every time', () => {
    expect(JSON.stringify(buildTemplate())).toBe(JSON.stringify(template))
  })

  it('uses only fields of the Sheets v4 Request messages, one kind per request', () => {
    for (const [i, request] of requests.entries()) {
      expect(Object.keys(request), `requests[${i}]`).toHaveLength(1)
      const checked = checkMessage(JSON.parse(JSON.stringify(request)), 'Request', `requests[${i}]`)
      expect(checked.ok ? 'ok' : checked.error.message, `requests[${i}]`).toBe('ok')
    }
  })

  it('adds the twelve tabs in order with fixed sheet ids (Events and Feedback new in v2), then deletes the default sheet', () => {
    const added = ofKind('addSheet').map((a) => a.properties)
    expect(added.map((p) => p?.title)).toEqual([
      'Cases',
      'Assessments',
      'Goals',
      'Sessions',
      'Events',
      'Feedback',
      'Progress',
      'Dashboard',
      'Staff',
      'Lists',
      'Settings',
      'Log',
    ])
    expect(added.map((p) => p?.sheetId)).toEqual([1, 2, 3, 4, 11, 12, 5, 6, 7, 8, 9, 10])
    const lastAdd = requests.findLastIndex((r) => r.addSheet !== undefined)
    const deleteAt = requests.findIndex((r) => r.deleteSheet !== undefined)
    expect(requests[deleteAt]?.deleteSheet).toEqual({ sheetId: 0 })
    expect(deleteAt).toBe(lastAdd + 1)
    expect(ofKind('deleteSheet')).toHaveLength(1)
  })

  it.each(template.tabs.map((t) => [t.title, t] as const))(
    'gives %s a grid wide enough for its columns and a frozen header',
    (_title, t) => {
      const props = ofKind('addSheet').find((a) => a.properties?.sheetId === t.sheetId)?.properties
      expect(props?.gridProperties?.columnCount).toBe(t.columnCount)
      expect(t.columnCount).toBeGreaterThanOrEqual(t.columns.length)
      expect(props?.gridProperties?.rowCount).toBe(t.rowCount)
      expect(props?.gridProperties?.frozenRowCount).toBe(t.columns.length > 0 ? 1 : undefined)
    },
  )

  it.each(template.tabs.filter((t) => t.columns.length > 0).map((t) => [t.title, t] as const))(
    'writes the Indonesian labels of %s in the header, English in the note, bold',
    (_title, t) => {
      const header = ofKind('updateCells').find((u) => u.range?.sheetId === t.sheetId && u.range.startRowIndex === 0)
      const cells = header?.rows?.[0]?.values ?? []
      expect(cells.map((c) => c.userEnteredValue?.stringValue)).toEqual(t.columns.map((c) => c.label.id))
      expect(cells.map((c) => c.note?.split('\n')[0])).toEqual(t.columns.map((c) => c.label.en))
      expect(cells.every((c) => c.userEnteredFormat?.textFormat?.bold === true)).toBe(true)
    },
  )

  it.each(template.tabs.filter((t) => t.columns.length > 0).map((t) => [t.title, t] as const))(
    'binds every header column of %s to its key with DOCUMENT developer metadata',
    (_title, t) => {
      expect(COLUMN_METADATA_KEY).toBe(BINDING_KEY)
      const marks = ofKind('createDeveloperMetadata')
        .map((c) => c.developerMetadata)
        .filter((m) => m?.location?.dimensionRange?.sheetId === t.sheetId)
      expect(marks).toEqual(
        t.columns.map((c, i) => ({
          metadataKey: 'column',
          metadataValue: c.key,
          location: { dimensionRange: { sheetId: t.sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 } },
          visibility: 'DOCUMENT',
        })),
      )
    },
  )

  it('takes every data and config column, in schema order, from the row schemas', () => {
    for (const key of [...DATA_AND_CONFIG, 'lists'] as const) {
      expect(tab(TABLES[key].title).columns.map((c) => c.key)).toEqual(TABLES[key].columns.map((c) => c.key))
    }
    expect(tab('Progress').columns.map((c) => c.key)).toEqual(PROGRESS_COLUMNS.map((c) => c.key))
  })
})

describe('the validation of each column', () => {
  const expected = (column: ColumnSpec): sheets_v4.Schema$DataValidationRule | undefined => {
    const help = column.help === undefined ? {} : { inputMessage: column.help.id }
    switch (column.kind) {
      case 'enum':
      case 'list':
      case 'code':
        return column.list === undefined
          ? undefined
          : {
              condition: { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: listRangeFormula(column.list) }] },
              ...help,
              strict: column.kind === 'enum' && !EXTENSIBLE_LISTS.includes(column.list),
              showCustomUi: true,
            }
      case 'date':
        return { condition: { type: 'DATE_IS_VALID' }, ...help, strict: true, showCustomUi: true }
      case 'int':
      case 'number':
        return {
          condition: {
            type: 'NUMBER_BETWEEN',
            values: [{ userEnteredValue: String(column.min) }, { userEnteredValue: String(column.max) }],
          },
          ...help,
          strict: true,
          showCustomUi: true,
        }
      case 'rating':
        return {
          condition: {
            type: 'ONE_OF_LIST',
            values: ['0', '1', '2', '3', '4', 'N'].map((v) => ({ userEnteredValue: v })),
          },
          ...help,
          strict: true,
          showCustomUi: true,
        }
      case 'boolean':
        return { condition: { type: 'BOOLEAN' }, ...help, strict: true, showCustomUi: true }
      default:
        return undefined
    }
  }

  it.each(columnCases)('%s column %s (%i) gets the rule of its kind', (title, _key, index, column) => {
    expect(validationAt(tab(title).sheetId, index)).toEqual(expected(column))
  })

  it('keeps the cluster dropdown open for new values and the fixed ones strict', () => {
    const cases = tab('Cases')
    const col = (key: string) => cases.columns.findIndex((c) => c.key === key)
    expect(validationAt(cases.sheetId, col('cluster'))?.strict).toBe(false)
    expect(validationAt(cases.sheetId, col('service'))?.strict).toBe(true)
    expect(validationAt(cases.sheetId, col('cluster'))?.condition?.values?.[0]?.userEnteredValue).toBe(
      `=Lists!$A$2:$A$${LIST_ROWS}`,
    )
  })

  it('formats every date column yyyy-mm-dd', () => {
    const formats = ofKind('repeatCell')
    for (const [title, , index, column] of columnCases) {
      const at = onColumn(
        formats.map((f) => f.range ?? undefined),
        tab(title).sheetId,
        index,
      )
      if (column.kind === 'date') {
        expect(formats[at]?.cell?.userEnteredFormat?.numberFormat, `${title}.${column.key}`).toEqual({
          type: 'DATE',
          pattern: 'yyyy-mm-dd',
        })
      } else {
        expect(at, `${title}.${column.key}`).toBe(-1)
      }
    }
  })
})

describe('the Lists tab', () => {
  const lists = tab('Lists')
  const values = ofKind('updateCells').find((u) => u.range?.sheetId === lists.sheetId && u.range.startRowIndex === 1)

  it('holds one column per list, header = list name, default values below', () => {
    expect(lists.columns.map((c) => c.label.id)).toEqual([...LIST_NAMES])
    LIST_NAMES.forEach((name, column) => {
      const written = (values?.rows ?? []).map((row) => row.values?.[column]?.userEnteredValue?.stringValue)
      expect(written.filter((v) => v !== undefined)).toEqual([...DEFAULT_LISTS[name]])
    })
  })

  it('points each dropdown formula at the column of its list', () => {
    LIST_NAMES.forEach((name, column) => {
      const letter = String.fromCharCode(65 + column)
      expect(listRangeFormula(name)).toBe(`=Lists!$${letter}$2:$${letter}$${LIST_ROWS}`)
    })
    expect(lists.rowCount).toBe(LIST_ROWS)
  })

  it('protects the fixed lists but not the extensible ones', () => {
    const ranges = ofKind('addProtectedRange')
      .map((p) => p.protectedRange?.range)
      .filter((r) => r?.sheetId === lists.sheetId)
    const covered = (column: number) =>
      ranges.some(
        (r) => (r?.startColumnIndex ?? 0) <= column && column < (r?.endColumnIndex ?? Number.POSITIVE_INFINITY),
      )
    LIST_NAMES.forEach((name, column) => {
      expect(covered(column), name).toBe(!EXTENSIBLE_LISTS.includes(name))
    })
  })
})

describe('protection', () => {
  const protectedRanges = ofKind('addProtectedRange').map((p) => p.protectedRange)

  it('only ever warns (the service account and staff are never blocked)', () => {
    expect(protectedRanges.length).toBeGreaterThan(0)
    expect(protectedRanges.every((p) => p?.warningOnly === true && p.editors === undefined)).toBe(true)
  })

  it.each(['Progress', 'Dashboard', 'Log'])('covers the whole computed tab %s', (title) => {
    expect(
      protectedRanges.some((p) => JSON.stringify(p?.range) === JSON.stringify({ sheetId: tab(title).sheetId })),
    ).toBe(true)
  })

  it.each(columnCases.filter(([, , , c]) => c.owner === 'system'))(
    'covers the system-owned column %s %s (%i)',
    (title, _key, index) => {
      const t = tab(title)
      expect(
        protectedRanges.some(
          (p) =>
            p?.range?.sheetId === t.sheetId &&
            p.range.startColumnIndex === index &&
            p.range.endColumnIndex === index + 1 &&
            p.range.startRowIndex === 0,
        ),
      ).toBe(true)
    },
  )

  it('leaves staff-owned columns of the data tabs unprotected', () => {
    for (const [title, , index, column] of columnCases) {
      if (column.owner === 'system') continue
      const t = tab(title)
      const hit = protectedRanges.some(
        (p) =>
          p?.range?.sheetId === t.sheetId &&
          (p.range.startColumnIndex ?? 0) <= index &&
          index < (p.range.endColumnIndex ?? Number.POSITIVE_INFINITY),
      )
      expect(hit, `${title}.${column.key}`).toBe(false)
    }
  })
})

describe('the Progress tab', () => {
  const progress = tab('Progress')
  const level = PROGRESS_COLUMNS.findIndex((c) => c.key === 'level')
  const rules = ofKind('addConditionalFormatRule')
    .map((a) => a.rule)
    .filter((r) => r?.ranges?.[0]?.sheetId === progress.sheetId && r.ranges[0].startColumnIndex === level)

  it('colours the TAS level 0–4 red to green, one NUMBER_EQ rule per level', () => {
    expect(rules.map((r) => r?.booleanRule?.condition)).toEqual(
      [0, 1, 2, 3, 4].map((n) => ({ type: 'NUMBER_EQ', values: [{ userEnteredValue: String(n) }] })),
    )
    expect(rules.map((r) => r?.booleanRule?.format?.backgroundColorStyle?.rgbColor)).toEqual(LEVEL_COLORS)
    const redness = LEVEL_COLORS.map((c) => (c.red ?? 0) - (c.green ?? 0))
    expect([...redness].sort((a, b) => b - a)).toEqual(redness)
  })

  it.each(PROGRESS_COLUMNS.flatMap((c, i) => (c.kind === 'date' ? [[c.key, i] as const] : [])))(
    'formats the date column %s yyyy-mm-dd',
    (_key, index) => {
      const format = ofKind('repeatCell').find(
        (f) => f.range?.sheetId === progress.sheetId && f.range.startColumnIndex === index,
      )
      expect(format?.cell?.userEnteredFormat?.numberFormat).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' })
    },
  )
})

describe('csvField', () => {
  it.each([
    ['ID Kasus', 'ID Kasus'],
    ['a,b', '"a,b"'],
    ['kata "kutip"', '"kata ""kutip"""'],
    ['dua\nbaris', '"dua\nbaris"'],
  ])('writes %j as %j', (text, field) => {
    expect(csvField(text)).toBe(field)
  })
})

describe('the Dashboard charts', () => {
  const charts = ofKind('addChart').map((c) => c.chart ?? {})
  const dashboard = tab('Dashboard')
  /** The A1 rows (1-based) of a chart source: its header row and the block's data rows. */
  const rows = (range: sheets_v4.Schema$GridRange | undefined) =>
    `${(range?.startRowIndex ?? 0) + 1}:${range?.endRowIndex ?? 0} col ${range?.startColumnIndex}`

  it('adds three charts with fixed ids on the Dashboard tab, beside its blocks', () => {
    expect(charts.map((c) => c.chartId)).toEqual([
      DASHBOARD_CHARTS.goals,
      DASHBOARD_CHARTS.levels,
      DASHBOARD_CHARTS.caseload,
    ])
    expect(charts.map((c) => c.spec?.title)).toEqual([
      'Tujuan kasus aktif per status',
      'Level TAS tujuan kasus aktif',
      'Beban kerja per peksos',
    ])
    for (const c of charts) {
      expect(c.position?.overlayPosition?.anchorCell).toMatchObject({ sheetId: dashboard.sheetId, columnIndex: 4 })
    }
    // Every chart comes after the Dashboard tab exists, in the same batch.
    const addDashboard = requests.findIndex((r) => r.addSheet?.properties?.sheetId === dashboard.sheetId)
    expect(requests.findIndex((r) => r.addChart !== undefined)).toBeGreaterThan(addDashboard)
  })

  it.each([
    ['goals by status', 0, DASHBOARD_BLOCKS.goals, [1]],
    ['TAS levels', 1, DASHBOARD_BLOCKS.levels, [1]],
    ['caseload per worker', 2, DASHBOARD_BLOCKS.caseload, [1, 2]],
  ] as const)('reads %s from the fixed block the sync writes (header row included)', (_name, i, block, columns) => {
    const spec = charts[i]?.spec?.basicChart
    expect(spec?.headerCount).toBe(1)
    const domain = spec?.domains?.[0]?.domain?.sourceRange?.sources?.[0]
    expect(rows(domain)).toBe(`${block.firstRow}:${block.firstRow + block.rows} col 0`)
    expect(spec?.series?.map((s) => rows(s.series?.sourceRange?.sources?.[0]))).toEqual(
      columns.map((c) => `${block.firstRow}:${block.firstRow + block.rows} col ${c}`),
    )
  })

  it('points each chart at the rows dashboardGrid fills with that figure', () => {
    const { grid } = buildDashboard({
      cases: [],
      goals: [],
      sessions: [],
      staff: [{ staff_id: 'peksos-uji', role: 'worker', active: true }],
      holidays: [],
      asOf: '2025-03-13',
    })
    const cell = (row: number, column: number) => grid[row]?.[column]
    expect(cell(DASHBOARD_BLOCKS.goals.firstRow - 1, 1)).toBe('Jumlah')
    expect(cell(DASHBOARD_BLOCKS.levels.firstRow, 0)).toBe('Level 0 · Tidak Tercapai')
    expect(cell(DASHBOARD_BLOCKS.levels.firstRow + 4, 0)).toBe('Level 4 · Sangat Tercapai')
    expect(cell(DASHBOARD_BLOCKS.caseload.firstRow - 1, 2)).toBe('Sesi minggu ini')
    expect(cell(DASHBOARD_BLOCKS.caseload.firstRow, 0)).toBe('peksos-uji')
  })
})
