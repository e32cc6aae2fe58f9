/**
 * @module
 * The casebook spreadsheet, generated from the row schemas of src/domain (house rule 3): the
 * ordered `spreadsheets.batchUpdate` requests that turn a fresh spreadsheet (one empty default
 * sheet, sheetId 0) into the twelve tabs staff use. Pure and deterministic: the same schemas give
 * the same requests, byte for byte (`npm run template` writes them to template.json and a test
 * fails when the committed file drifts).
 *
 * What the requests set up, and why:
 * - tabs with fixed small sheetIds (1–12; Events and Feedback, added in template v2, are 11 and
 *   12), in the order staff read them, with a frozen header row;
 * - header row: the Indonesian label, the English label and help in the cell note; every header
 *   column carries developer metadata `column = <key>` at the COLUMN location, which Google moves
 *   with the column, so the Worker finds columns by key (src/sheets/header-binding.ts) however
 *   staff reorder, insert or rename them;
 * - dropdowns: every enum/list/code column validates ONE_OF_RANGE against its column of the
 *   `Lists` tab (rows 2…{@link LIST_ROWS}, room for staff to add values). `strict` is true for the
 *   fixed lists (the rules of domain.md reject anything else anyway, so the sheet says so at once)
 *   and false for the lists staff may extend (`cluster`) and for suggestion lists (`domain`, free
 *   for genogram/ecomap/lainnya): a new value is kept and flagged — the cell's warning triangle and
 *   the row's `_status` — instead of being thrown away mid-intake; adding it to `Lists` clears both;
 * - dates DATE_IS_VALID + `yyyy-mm-dd`, numbers NUMBER_BETWEEN the schema bounds, ratings 0–4/N,
 *   the Staff `active` column a checkbox;
 * - system-owned columns (ids, `_status`) and the computed tabs (Progress, Dashboard, Log) are
 *   protected warning-only: staff are warned, never blocked, and the service account (the owner
 *   of every write) is never refused;
 * - Progress: TAS level colours 0–4 (red → green); the spreadsheet locale Indonesian (`in_ID`),
 *   so a date typed `19/03/2025` means 19 March, as staff mean it;
 * - Dashboard: three charts (goals by status, TAS levels, caseload per worker) over the FIXED
 *   blocks at the top of the tab (domain dashboard.ts DASHBOARD_BLOCKS), which the sync keeps
 *   current: a chart never points at cells that shift.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import type { ColumnSpec } from '../src/domain/columns'
import { DASHBOARD_BLOCKS, DASHBOARD_TITLE } from '../src/domain/dashboard'
import type { Bilingual } from '../src/domain/issues'
import { DEFAULT_LISTS, isExtensibleList, LIST_NAMES, type ListName } from '../src/domain/lists'
import { LOG_COLUMNS, LOG_TITLE } from '../src/domain/log-tab'
import { PROGRESS_COLUMNS, type ProgressColumnKind } from '../src/domain/progress-tab'
import { TABLES, type TabKey } from '../src/domain/tables'
import { columnToLetters, formatSheetName } from '../src/sheets/a1'

type Request = sheets_v4.Schema$Request
type Color = sheets_v4.Schema$Color

/**
 * Bumped when a change to the template needs existing sheets to be migrated. v2 (issue 9): the
 * Events and Feedback tabs, the Progress `approval` column, three Lists columns (event_kind,
 * feedback_kind, participant_role) and the Dashboard charts — `scripts/provision.ts --upgrade`
 * adds them to a v1 sheet (sheets-template/upgrade-template.ts).
 */
export const TEMPLATE_VERSION = '2'

/** Spreadsheet-level developer metadata naming the template version (provisioning checks it). */
export const TEMPLATE_METADATA_KEY = 'sentra_template'

/** Developer-metadata key on every bound header column (same as src/sheets/header-binding.ts). */
export const COLUMN_METADATA_KEY = 'column'

export type TemplateTabKey = TabKey | 'progress' | 'dashboard' | 'log'

/** data: staff and the API write rows; computed: only the system writes; config: staff settings. */
export type TabRole = 'data' | 'computed' | 'config'

export type TemplateColumn = {
  readonly key: string
  readonly label: Bilingual
  /** Who fills it: `system` columns are protected warning-only. */
  readonly owner: 'staff' | 'system'
}

export type TemplateTab = {
  readonly key: TemplateTabKey
  readonly title: string
  readonly label: Bilingual
  readonly sheetId: number
  readonly role: TabRole
  readonly rowCount: number
  readonly columnCount: number
  /** Header columns bound by developer metadata, in order (none on the Dashboard). */
  readonly columns: readonly TemplateColumn[]
}

export type Template = {
  readonly title: string
  readonly version: string
  readonly locale: string
  readonly timeZone: string
  readonly tabs: readonly TemplateTab[]
  readonly requests: readonly Request[]
}

/** Rows of the `Lists` tab; dropdowns read rows 2…LIST_ROWS, so staff may add values below. */
export const LIST_ROWS = 200

/** Tab layout: order, fixed sheetId and size. Sizes leave room for a centre's years of rows. */
const TAB_LAYOUT: readonly {
  readonly key: TemplateTabKey
  readonly sheetId: number
  readonly role: TabRole
  readonly rowCount: number
}[] = [
  { key: 'cases', sheetId: 1, role: 'data', rowCount: 1000 },
  { key: 'assessments', sheetId: 2, role: 'data', rowCount: 3000 },
  { key: 'goals', sheetId: 3, role: 'data', rowCount: 2000 },
  { key: 'sessions', sheetId: 4, role: 'data', rowCount: 10000 },
  { key: 'events', sheetId: 11, role: 'data', rowCount: 2000 },
  { key: 'feedback', sheetId: 12, role: 'data', rowCount: 2000 },
  { key: 'progress', sheetId: 5, role: 'computed', rowCount: 2000 },
  { key: 'dashboard', sheetId: 6, role: 'computed', rowCount: 200 },
  { key: 'staff', sheetId: 7, role: 'config', rowCount: 200 },
  { key: 'lists', sheetId: 8, role: 'config', rowCount: LIST_ROWS },
  { key: 'settings', sheetId: 9, role: 'config', rowCount: 200 },
  { key: 'log', sheetId: 10, role: 'computed', rowCount: 1000 },
]

const COMPUTED_LABELS: Readonly<Record<'progress' | 'dashboard' | 'log', { title: string; label: Bilingual }>> = {
  progress: { title: 'Progress', label: { id: 'Kemajuan (TAS)', en: 'Progress (TAS)' } },
  dashboard: { title: 'Dashboard', label: { id: 'Dasbor', en: 'Dashboard' } },
  log: { title: LOG_TITLE, label: { id: 'Catatan sistem', en: 'System log' } },
}

const DASHBOARD_COLUMNS = 8

/** Fixed chart ids (above every sheet id), so a template's charts can be found and updated by id. */
export const DASHBOARD_CHARTS = {
  goals: 9001,
  levels: 9002,
  caseload: 9003,
} as const

// ---- colours (0–1 fractions; Google stores them as float32) ----

const rgb = (hex: string): Color => {
  const n = Number.parseInt(hex.slice(1), 16)
  const c = (shift: number) => Math.round((((n >> shift) & 255) / 255) * 1000) / 1000
  return { red: c(16), green: c(8), blue: c(0) }
}

const TAB_COLORS: Readonly<Record<TabRole, Color>> = {
  data: rgb('#4285f4'),
  computed: rgb('#34a853'),
  config: rgb('#9e9e9e'),
}
const HEADER_STAFF = rgb('#d9e8fb')
const HEADER_SYSTEM = rgb('#e6e6e6')
/** TAS levels 0–4, red → green (index = level). */
export const LEVEL_COLORS: readonly Color[] = ['#e67c73', '#f6b26b', '#ffd666', '#b7e1a1', '#57bb8a'].map(rgb)
const BEHIND_TEXT = rgb('#c5221f')

// ---- column widths, in pixels ----

function dataColumnWidth(c: ColumnSpec): number {
  switch (c.kind) {
    case 'id':
    case 'ref':
      return 100
    case 'initials':
    case 'int':
    case 'number':
    case 'rating':
      return 90
    case 'boolean':
      return 70
    case 'date':
      return 110
    case 'enum':
    case 'list':
    case 'code':
    case 'milestones':
      return 150
    case 'email':
      return 200
    case 'status':
      return 320
    case 'text':
      return c.maxLength !== undefined && c.maxLength > 200 ? 300 : 180
  }
}

export const PROGRESS_WIDTHS: Readonly<Record<ProgressColumnKind, number>> = {
  id: 100,
  text: 160,
  int: 90,
  number: 90,
  percent: 100,
  date: 110,
  level: 80,
}
export const WIDE_PROGRESS: Readonly<Record<string, number>> = { title: 240, next_milestone: 220, approval: 200 }

// ---- request builders ----

const columnRange = (sheetId: number, column: number, rowCount: number, firstRow = 1): sheets_v4.Schema$GridRange => ({
  sheetId,
  startRowIndex: firstRow,
  endRowIndex: rowCount,
  startColumnIndex: column,
  endColumnIndex: column + 1,
})

/** The addSheet request of a template tab (its fixed sheetId, size, frozen header and colour). */
export const addSheet = (tab: TemplateTab): Request => ({
  addSheet: {
    properties: {
      sheetId: tab.sheetId,
      title: tab.title,
      gridProperties: {
        rowCount: tab.rowCount,
        columnCount: tab.columnCount,
        ...(tab.columns.length > 0 ? { frozenRowCount: 1 } : {}),
      },
      tabColorStyle: { rgbColor: TAB_COLORS[tab.role] },
    },
  },
})

/** The header note: English label, then the help in both languages (people share sheets). */
const headerNote = (label: Bilingual, help: Bilingual | undefined): string =>
  help === undefined ? label.en : `${label.en}\n\n${help.id}\n${help.en}`

/** Header cells from column `startColumn` (0 for a whole header row; later for columns added by an upgrade). */
export const headerRow = (
  sheetId: number,
  cells: readonly { label: Bilingual; help?: Bilingual | undefined; owner: 'staff' | 'system' }[],
  startColumn = 0,
): Request => ({
  updateCells: {
    range: {
      sheetId,
      startRowIndex: 0,
      endRowIndex: 1,
      startColumnIndex: startColumn,
      endColumnIndex: startColumn + cells.length,
    },
    rows: [
      {
        values: cells.map((c) => ({
          userEnteredValue: { stringValue: c.label.id },
          note: headerNote(c.label, c.help),
          userEnteredFormat: {
            backgroundColorStyle: { rgbColor: c.owner === 'system' ? HEADER_SYSTEM : HEADER_STAFF },
            textFormat: { bold: true },
            wrapStrategy: 'WRAP',
            verticalAlignment: 'MIDDLE',
          },
        })),
      },
    ],
    // Flat paths: the plainest FieldMask form, accepted everywhere.
    fields: [
      'userEnteredValue',
      'note',
      'userEnteredFormat.backgroundColorStyle',
      'userEnteredFormat.textFormat.bold',
      'userEnteredFormat.wrapStrategy',
      'userEnteredFormat.verticalAlignment',
    ].join(','),
  },
})

export const columnMetadata = (sheetId: number, column: number, key: string): Request => ({
  createDeveloperMetadata: {
    developerMetadata: {
      metadataKey: COLUMN_METADATA_KEY,
      metadataValue: key,
      location: { dimensionRange: { sheetId, dimension: 'COLUMNS', startIndex: column, endIndex: column + 1 } },
      visibility: 'DOCUMENT',
    },
  },
})

/** One updateDimensionProperties per run of equal widths (fewer requests, same result). */
export function columnWidths(sheetId: number, widths: readonly number[], offset = 0): Request[] {
  const out: Request[] = []
  let start = 0
  for (let i = 1; i <= widths.length; i++) {
    if (i === widths.length || widths[i] !== widths[start]) {
      out.push({
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: offset + start, endIndex: offset + i },
          properties: { pixelSize: widths[start] ?? 100 },
          fields: 'pixelSize',
        },
      })
      start = i
    }
  }
  return out
}

const numberFormat = (range: sheets_v4.Schema$GridRange, type: string, pattern: string): Request => ({
  repeatCell: {
    range,
    cell: { userEnteredFormat: { numberFormat: { type, pattern } } },
    fields: 'userEnteredFormat.numberFormat',
  },
})

const validation = (
  range: sheets_v4.Schema$GridRange,
  condition: sheets_v4.Schema$BooleanCondition,
  strict: boolean,
  inputMessage: string | undefined,
): Request => ({
  setDataValidation: {
    range,
    rule: {
      condition,
      ...(inputMessage === undefined ? {} : { inputMessage }),
      strict,
      showCustomUi: true,
    },
  },
})

export const protect = (range: sheets_v4.Schema$GridRange, description: string): Request => ({
  addProtectedRange: { protectedRange: { range, description, warningOnly: true } },
})

/**
 * The A1 reference of a list's values in the `Lists` tab, absolute so copies keep pointing at it.
 * `column`: where the list is in a sheet whose Lists tab differs from the template's (an upgrade).
 */
export function listRangeFormula(list: ListName, column = LIST_NAMES.indexOf(list)): string {
  const letters = columnToLetters(column)
  return `=${formatSheetName(TABLES.lists.title)}!$${letters}$2:$${letters}$${LIST_ROWS}`
}

/** The validation of one data-tab column, or undefined when the column takes free text. */
function columnValidation(c: ColumnSpec, range: sheets_v4.Schema$GridRange): Request | undefined {
  const message = c.help?.id
  switch (c.kind) {
    case 'enum':
    case 'list':
    case 'code': {
      if (c.list === undefined) return undefined
      // Fixed enums are strict; extensible and suggestion lists keep what was typed (see module doc).
      const strict = c.kind === 'enum' && !isExtensibleList(c.list)
      return validation(
        range,
        { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: listRangeFormula(c.list) }] },
        strict,
        message,
      )
    }
    case 'date':
      return validation(range, { type: 'DATE_IS_VALID' }, true, message)
    case 'int':
    case 'number':
      if (c.min === undefined || c.max === undefined) return undefined
      return validation(
        range,
        { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: String(c.min) }, { userEnteredValue: String(c.max) }] },
        true,
        message,
      )
    case 'rating':
      return validation(
        range,
        { type: 'ONE_OF_LIST', values: ['0', '1', '2', '3', '4', 'N'].map((v) => ({ userEnteredValue: v })) },
        true,
        message,
      )
    case 'boolean':
      return validation(range, { type: 'BOOLEAN' }, true, message)
    default:
      return undefined
  }
}

export const SYSTEM_COLUMN_NOTE: Readonly<Record<string, string>> = {
  id: 'Diisi sistem: ID baris. Biarkan kosong pada baris baru; jangan diubah.',
  status: 'Diisi sistem: hasil validasi baris. Perbaiki baris, bukan kolom ini.',
}
export const COMPUTED_NOTE = 'Dihitung sistem dari tab data pada setiap sinkronisasi; perubahan di sini akan ditimpa.'
export const FIXED_LISTS_NOTE =
  'Daftar tetap sesuai aturan; hanya daftar klaster dan peran peserta yang boleh ditambah.'

/** Requests of a tab whose columns come from a row schema (data and config tabs). */
function schemaTabRequests(tab: TemplateTab, columns: readonly ColumnSpec[]): Request[] {
  const { sheetId, rowCount } = tab
  const out: Request[] = [headerRow(sheetId, columns)]
  out.push(...columnWidths(sheetId, columns.map(dataColumnWidth)))
  columns.forEach((c, i) => {
    out.push(columnMetadata(sheetId, i, c.key))
  })
  columns.forEach((c, i) => {
    const range = columnRange(sheetId, i, rowCount)
    if (c.kind === 'date') out.push(numberFormat(range, 'DATE', 'yyyy-mm-dd'))
    // The Lists tab's own columns are the lists: no dropdown on them.
    const rule = tab.key === 'lists' ? undefined : columnValidation(c, range)
    if (rule !== undefined) out.push(rule)
  })
  columns.forEach((c, i) => {
    if (c.owner !== 'system') return
    const note = SYSTEM_COLUMN_NOTE[c.kind] ?? SYSTEM_COLUMN_NOTE.id ?? ''
    out.push(protect(columnRange(sheetId, i, rowCount, 0), note))
  })
  return out
}

/** The `Lists` tab: default values under each header, fixed lists protected (warning only). */
function listsRequests(tab: TemplateTab): Request[] {
  const depth = Math.max(...LIST_NAMES.map((name) => DEFAULT_LISTS[name].length))
  const rows: sheets_v4.Schema$RowData[] = []
  for (let r = 0; r < depth; r++) {
    rows.push({
      values: LIST_NAMES.map((name) => {
        const value = DEFAULT_LISTS[name][r]
        return value === undefined ? {} : { userEnteredValue: { stringValue: value } }
      }),
    })
  }
  const out: Request[] = [
    {
      updateCells: {
        range: {
          sheetId: tab.sheetId,
          startRowIndex: 1,
          endRowIndex: 1 + depth,
          startColumnIndex: 0,
          endColumnIndex: LIST_NAMES.length,
        },
        rows,
        fields: 'userEnteredValue',
      },
    },
  ]
  // One protected range per run of fixed lists.
  let start = -1
  LIST_NAMES.forEach((name, i) => {
    const fixed = !isExtensibleList(name)
    if (fixed && start < 0) start = i
    const last = i === LIST_NAMES.length - 1
    if (start >= 0 && (!fixed || last)) {
      const end = fixed ? i + 1 : i
      out.push(
        protect(
          {
            sheetId: tab.sheetId,
            startRowIndex: 0,
            endRowIndex: tab.rowCount,
            startColumnIndex: start,
            endColumnIndex: end,
          },
          FIXED_LISTS_NOTE,
        ),
      )
      start = -1
    }
  })
  return out
}

function progressRequests(tab: TemplateTab): Request[] {
  const { sheetId, rowCount } = tab
  const out: Request[] = [
    headerRow(
      sheetId,
      PROGRESS_COLUMNS.map((c) => ({ label: c.label, owner: 'system' as const })),
    ),
    ...columnWidths(
      sheetId,
      PROGRESS_COLUMNS.map((c) => WIDE_PROGRESS[c.key] ?? PROGRESS_WIDTHS[c.kind]),
    ),
  ]
  PROGRESS_COLUMNS.forEach((c, i) => {
    out.push(columnMetadata(sheetId, i, c.key))
  })
  PROGRESS_COLUMNS.forEach((c, i) => {
    const range = columnRange(sheetId, i, rowCount)
    if (c.kind === 'date') out.push(numberFormat(range, 'DATE', 'yyyy-mm-dd'))
    if (c.kind === 'number') out.push(numberFormat(range, 'NUMBER', '0.00'))
    if (c.kind === 'percent') out.push(numberFormat(range, 'NUMBER', '0.0'))
  })
  const levelColumn = PROGRESS_COLUMNS.findIndex((c) => c.kind === 'level')
  LEVEL_COLORS.forEach((color, level) => {
    out.push({
      addConditionalFormatRule: {
        index: level,
        rule: {
          ranges: [columnRange(sheetId, levelColumn, rowCount)],
          booleanRule: {
            condition: { type: 'NUMBER_EQ', values: [{ userEnteredValue: String(level) }] },
            format: { backgroundColorStyle: { rgbColor: color } },
          },
        },
      },
    })
  })
  // "Who is behind" at a glance: the goal status word in red.
  const statusColumn = PROGRESS_COLUMNS.findIndex((c) => c.key === 'goal_status')
  out.push({
    addConditionalFormatRule: {
      index: LEVEL_COLORS.length,
      rule: {
        ranges: [columnRange(sheetId, statusColumn, rowCount)],
        booleanRule: {
          condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: 'tertinggal' }] },
          format: { textFormat: { bold: true, foregroundColorStyle: { rgbColor: BEHIND_TEXT } } },
        },
      },
    },
  })
  out.push(protect({ sheetId }, COMPUTED_NOTE))
  return out
}

function dashboardRequests(tab: TemplateTab): Request[] {
  return [
    {
      updateCells: {
        range: { sheetId: tab.sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
        rows: [
          {
            values: [
              {
                userEnteredValue: { stringValue: DASHBOARD_TITLE },
                userEnteredFormat: { textFormat: { bold: true, fontSize: 14 } },
              },
            ],
          },
        ],
        fields: 'userEnteredValue,userEnteredFormat.textFormat',
      },
    },
    ...columnWidths(tab.sheetId, [260, ...Array<number>(DASHBOARD_COLUMNS - 1).fill(110)]),
    protect({ sheetId: tab.sheetId }, COMPUTED_NOTE),
  ]
}

/**
 * A column of a fixed Dashboard block as a chart source: its header row (the series name; the
 * charts' headerCount is 1) and its data rows.
 */
const blockColumn = (sheetId: number, block: { firstRow: number; rows: number }, column: number) => ({
  sourceRange: {
    sources: [
      {
        sheetId,
        startRowIndex: block.firstRow - 1,
        endRowIndex: block.firstRow + block.rows,
        startColumnIndex: column,
        endColumnIndex: column + 1,
      },
    ],
  },
})

/**
 * The Dashboard's charts (issue 9 point 4), over the fixed blocks of DASHBOARD_BLOCKS: goals of
 * active cases by status and by TAS level (columns), caseload per worker (bars: active cases and
 * sessions this week). Anchored at column E, beside the blocks, one under the other.
 */
export function dashboardChartRequests(sheetId: number): Request[] {
  const { goals, levels, caseload } = DASHBOARD_BLOCKS
  const chart = (
    chartId: number,
    title: string,
    chartType: 'COLUMN' | 'BAR',
    block: { firstRow: number; rows: number },
    series: readonly { column: number }[],
    axes: { readonly domain: string; readonly value: string },
    anchorRow: number,
    heightPixels: number,
  ): Request => ({
    addChart: {
      chart: {
        chartId,
        spec: {
          title,
          basicChart: {
            chartType,
            legendPosition: series.length > 1 ? 'BOTTOM_LEGEND' : 'NO_LEGEND',
            axis:
              chartType === 'BAR'
                ? [
                    { position: 'LEFT_AXIS', title: axes.domain },
                    { position: 'BOTTOM_AXIS', title: axes.value },
                  ]
                : [
                    { position: 'BOTTOM_AXIS', title: axes.domain },
                    { position: 'LEFT_AXIS', title: axes.value },
                  ],
            domains: [{ domain: blockColumn(sheetId, block, 0) }],
            series: series.map((s) => ({
              series: blockColumn(sheetId, block, s.column),
              targetAxis: chartType === 'BAR' ? 'BOTTOM_AXIS' : 'LEFT_AXIS',
            })),
            headerCount: 1,
          },
        },
        position: {
          overlayPosition: {
            anchorCell: { sheetId, rowIndex: anchorRow, columnIndex: 4 },
            widthPixels: 520,
            heightPixels,
          },
        },
      },
    },
  })
  return [
    chart(
      DASHBOARD_CHARTS.goals,
      'Tujuan kasus aktif per status',
      'COLUMN',
      goals,
      [{ column: 1 }],
      {
        domain: 'Status',
        value: 'Jumlah tujuan',
      },
      goals.title,
      260,
    ),
    chart(
      DASHBOARD_CHARTS.levels,
      'Level TAS tujuan kasus aktif',
      'COLUMN',
      levels,
      [{ column: 1 }],
      {
        domain: 'Level',
        value: 'Jumlah tujuan',
      },
      goals.title + 13,
      260,
    ),
    chart(
      DASHBOARD_CHARTS.caseload,
      'Beban kerja per peksos',
      'BAR',
      caseload,
      [{ column: 1 }, { column: 2 }],
      { domain: 'Peksos', value: 'Kasus aktif · sesi minggu ini' },
      goals.title + 26,
      520,
    ),
  ]
}

function logRequests(tab: TemplateTab): Request[] {
  const { sheetId, rowCount } = tab
  const out: Request[] = [
    headerRow(
      sheetId,
      LOG_COLUMNS.map((c) => ({ label: c.label, owner: 'system' as const })),
    ),
    ...columnWidths(sheetId, [170, 220, 160, 320, 90]),
  ]
  LOG_COLUMNS.forEach((c, i) => {
    out.push(columnMetadata(sheetId, i, c.key))
    if (c.kind === 'datetime')
      out.push(numberFormat(columnRange(sheetId, i, rowCount), 'DATE_TIME', 'yyyy-mm-dd hh:mm:ss'))
  })
  out.push(protect({ sheetId }, COMPUTED_NOTE))
  return out
}

/** Everything a template tab holds after its addSheet: header, bindings, formats, rules, protection, charts. */
export function tabRequests(tab: TemplateTab): Request[] {
  switch (tab.key) {
    case 'progress':
      return progressRequests(tab)
    case 'dashboard':
      return [...dashboardRequests(tab), ...dashboardChartRequests(tab.sheetId)]
    case 'log':
      return logRequests(tab)
    case 'lists':
      return [...schemaTabRequests(tab, TABLES.lists.columns), ...listsRequests(tab)]
    default:
      return schemaTabRequests(tab, TABLES[tab.key].columns)
  }
}

/** The tabs of the template, in order, with their bound columns. */
export function templateTabs(): TemplateTab[] {
  return TAB_LAYOUT.map(({ key, sheetId, role, rowCount }): TemplateTab => {
    if (key === 'progress' || key === 'dashboard' || key === 'log') {
      const columns: TemplateColumn[] =
        key === 'progress'
          ? PROGRESS_COLUMNS.map((c) => ({ key: c.key, label: c.label, owner: 'system' }))
          : key === 'log'
            ? LOG_COLUMNS.map((c) => ({ key: c.key, label: c.label, owner: 'system' }))
            : []
      return {
        key,
        ...COMPUTED_LABELS[key],
        sheetId,
        role,
        rowCount,
        columnCount: columns.length > 0 ? columns.length : DASHBOARD_COLUMNS,
        columns,
      }
    }
    const table = TABLES[key]
    return {
      key,
      title: table.title,
      label: table.label,
      sheetId,
      role,
      rowCount,
      columnCount: table.columns.length,
      columns: table.columns.map((c) => ({ key: c.key, label: c.label, owner: c.owner })),
    }
  })
}

/** The whole template: tabs and the batchUpdate requests that build them, in order. */
export function buildTemplate(): Template {
  const tabs = templateTabs()
  // Google names Indonesian with the legacy Java code `in` (it reads back `in_ID`, not `id_ID`).
  const locale = 'in_ID'
  const timeZone = 'Asia/Jakarta'
  const requests: Request[] = [
    { updateSpreadsheetProperties: { properties: { locale, timeZone }, fields: 'locale,timeZone' } },
    ...tabs.map(addSheet),
    // The fresh spreadsheet's own `Sheet1`; a spreadsheet must keep one sheet, so it goes last.
    { deleteSheet: { sheetId: 0 } },
  ]
  for (const tab of tabs) requests.push(...tabRequests(tab))
  requests.push({
    createDeveloperMetadata: {
      developerMetadata: {
        metadataKey: TEMPLATE_METADATA_KEY,
        metadataValue: TEMPLATE_VERSION,
        location: { spreadsheet: true },
        visibility: 'DOCUMENT',
      },
    },
  })
  return { title: 'Sentra Casebook', version: TEMPLATE_VERSION, locale, timeZone, tabs, requests }
}
