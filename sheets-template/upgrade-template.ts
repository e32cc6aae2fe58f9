/**
 * @module
 * Bringing a spreadsheet made from an earlier template up to this one, without touching a cell
 * staff typed (issue 9 point 4: "decide how a spreadsheet provisioned before this change gets
 * the new tabs and charts"). The Worker keeps syncing such a sheet — it binds the tabs it finds
 * and reports the missing ones (src/ledger/sheet-layout.ts) — and refuses only writes to a tab
 * it lacks; `scripts/provision.ts --upgrade` (or {@link applyUpgrade}, which `npm run dev` runs
 * on the emulator's saved sheet) adds what is missing, in ONE batchUpdate:
 *
 * - template tabs the sheet lacks (v2: Events, Feedback), each with everything the template gives
 *   it, placed after Sessions; a fixed sheetId another tab already uses is replaced by a free one;
 * - bound columns the sheet lacks at the end of their tab (v2: Progress `approval`; Lists
 *   `event_kind`, `feedback_kind`, `participant_role` with their default values, the fixed ones
 *   protected warning-only), and the new tabs' dropdowns pointing at where those lists really are;
 * - the Dashboard charts whose ids the sheet lacks (the grid grown first if it is too small);
 * - the spreadsheet's `sentra_template` version.
 *
 * Nothing is deleted, moved or overwritten: a column staff renamed stays bound by its key, and
 * an upgrade run twice finds nothing to do. The plan is pure ({@link planUpgrade}); what it reads
 * is one spreadsheets.get and one developerMetadata.search.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { DEFAULT_LISTS, isExtensibleList, LIST_NAMES, type ListName } from '../src/domain/lists'
import { PROGRESS_COLUMNS } from '../src/domain/progress-tab'
import { err, ok, type Result } from '../src/domain/result'
import { type ColumnMark, columnMarksFromSearch, columnMarksSearchRequest } from '../src/sheets/header-binding'
import { type ApplyHttpError, call, type FetchLike } from './apply-template'
import {
  addSheet,
  buildTemplate,
  columnMetadata,
  columnWidths,
  dashboardChartRequests,
  FIXED_LISTS_NOTE,
  headerRow,
  listRangeFormula,
  PROGRESS_WIDTHS,
  protect,
  TEMPLATE_METADATA_KEY,
  TEMPLATE_VERSION,
  type Template,
  type TemplateTab,
  tabRequests,
  WIDE_PROGRESS,
} from './build-template'

type Request = sheets_v4.Schema$Request

/** Tabs every casebook had from the first template: without them this is not a casebook. */
const V1_TABS = ['cases', 'assessments', 'goals', 'sessions', 'progress', 'dashboard', 'staff', 'lists', 'settings']

/** One tab of the spreadsheet as the plan needs it. */
export type ExistingTab = {
  readonly sheetId: number
  readonly title: string
  readonly index: number
  readonly rowCount: number
  readonly columnCount: number
  readonly chartIds: readonly number[]
}

export type UpgradeInput = {
  readonly tabs: readonly ExistingTab[]
  /** The `column = <key>` marks of every tab (developerMetadata.search). */
  readonly marks: readonly ColumnMark[]
  /** The spreadsheet's `sentra_template` value, undefined when it has none. */
  readonly version: string | undefined
}

/** What the upgrade adds, for people (counts and names, no cell values). */
export type UpgradeSummary = {
  readonly tabs: readonly string[]
  readonly columns: readonly string[]
  readonly charts: number
  readonly from: string | undefined
  readonly to: string
}

export type UpgradePlan = { readonly requests: readonly Request[]; readonly summary: UpgradeSummary }

export type UpgradeError =
  /** Not a casebook: a tab of the first template is missing (an empty sheet takes the plain provision). */
  { readonly kind: 'not_a_casebook'; readonly missing: readonly string[] }

/** Replaces every `sheetId: from` inside the requests of one tab (its own id is its only one). */
function withSheetId(requests: readonly Request[], from: number, to: number): Request[] {
  if (from === to) return [...requests]
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap)
    if (typeof node !== 'object' || node === null) return node
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'sheetId' && v === from ? to : swap(v)]))
  }
  return requests.map((r) => swap(r) as Request)
}

/**
 * The requests that bring a spreadsheet up to `template` (see the module note); an empty list
 * when it is up to date.
 */
export function planUpgrade(
  input: UpgradeInput,
  template: Template = buildTemplate(),
): Result<UpgradePlan, UpgradeError> {
  const byTitle = new Map(input.tabs.map((t) => [t.title.toLowerCase(), t]))
  const present = (tab: TemplateTab) => byTitle.get(tab.title.toLowerCase())
  const missingV1 = template.tabs.filter((t) => V1_TABS.includes(t.key) && present(t) === undefined)
  if (missingV1.length > 0) return err({ kind: 'not_a_casebook', missing: missingV1.map((t) => t.title) })
  const keysOf = (sheetId: number) =>
    new Map(input.marks.filter((m) => m.sheetId === sheetId).map((m) => [m.key, m.column]))

  const requests: Request[] = []
  const addedTabs: string[] = []
  const addedColumns: string[] = []
  const usedIds = new Set(input.tabs.map((t) => t.sheetId))
  let nextFree = Math.max(12, ...usedIds) + 1

  // 1. Lists first: the new tabs' dropdowns point at the list columns, wherever they end up.
  const lists = present(template.tabs.find((t) => t.key === 'lists') as TemplateTab) as ExistingTab
  const listKeys = keysOf(lists.sheetId)
  const listColumn = new Map<ListName, number>()
  const listsWidth = Math.max(lists.columnCount, ...[...listKeys.values()].map((c) => c + 1))
  const newLists = LIST_NAMES.filter((name) => !listKeys.has(name))
  for (const name of LIST_NAMES) {
    const at = listKeys.get(name)
    if (at !== undefined) listColumn.set(name, at)
  }
  if (newLists.length > 0) {
    const first = listsWidth
    const need = first + newLists.length - lists.columnCount
    if (need > 0) requests.push({ appendDimension: { sheetId: lists.sheetId, dimension: 'COLUMNS', length: need } })
    newLists.forEach((name, i) => {
      const column = first + i
      listColumn.set(name, column)
      addedColumns.push(`${lists.title}.${name}`)
      const values = DEFAULT_LISTS[name]
      requests.push(
        headerRow(lists.sheetId, [{ label: { id: name, en: name }, owner: 'staff' }], column),
        columnMetadata(lists.sheetId, column, name),
        {
          updateCells: {
            range: {
              sheetId: lists.sheetId,
              startRowIndex: 1,
              endRowIndex: 1 + values.length,
              startColumnIndex: column,
              endColumnIndex: column + 1,
            },
            rows: values.map((v) => ({ values: [{ userEnteredValue: { stringValue: v } }] })),
            fields: 'userEnteredValue',
          },
        },
      )
      if (!isExtensibleList(name)) {
        requests.push(
          protect(
            {
              sheetId: lists.sheetId,
              startRowIndex: 0,
              endRowIndex: lists.rowCount,
              startColumnIndex: column,
              endColumnIndex: column + 1,
            },
            FIXED_LISTS_NOTE,
          ),
        )
      }
    })
  }
  // The template's dropdowns name each list's column in the template's Lists tab; here, its real one.
  const formulaFix = new Map<string, string>()
  for (const name of LIST_NAMES) {
    const column = listColumn.get(name)
    if (column !== undefined) formulaFix.set(listRangeFormula(name), listRangeFormula(name, column))
  }
  const fixFormulas = (r: Request): Request => {
    const rule = r.setDataValidation?.rule
    const value = rule?.condition?.values?.[0]?.userEnteredValue
    if (rule?.condition?.type !== 'ONE_OF_RANGE' || typeof value !== 'string') return r
    const fixed = formulaFix.get(value)
    if (fixed === undefined || fixed === value) return r
    return {
      setDataValidation: {
        ...r.setDataValidation,
        rule: { ...rule, condition: { ...rule.condition, values: [{ userEnteredValue: fixed }] } },
      },
    }
  }

  // 2. Template tabs the sheet lacks, after Sessions.
  const sessions = present(template.tabs.find((t) => t.key === 'sessions') as TemplateTab) as ExistingTab
  let index = sessions.index + 1
  for (const tab of template.tabs) {
    if (present(tab) !== undefined) continue
    let sheetId = tab.sheetId
    if (usedIds.has(sheetId)) sheetId = nextFree++
    usedIds.add(sheetId)
    const add = addSheet(tab)
    requests.push(
      { addSheet: { properties: { ...add.addSheet?.properties, sheetId, index: index++ } } },
      ...withSheetId(tabRequests(tab), tab.sheetId, sheetId).map(fixFormulas),
    )
    addedTabs.push(tab.title)
  }

  // 3. Progress columns the sheet lacks, at its end (the whole tab is already protected).
  const progress = present(template.tabs.find((t) => t.key === 'progress') as TemplateTab) as ExistingTab
  const progressKeys = keysOf(progress.sheetId)
  const newProgress = PROGRESS_COLUMNS.filter((c) => !progressKeys.has(c.key))
  if (newProgress.length > 0) {
    const first = Math.max(progress.columnCount, ...[...progressKeys.values()].map((c) => c + 1))
    const need = first + newProgress.length - progress.columnCount
    if (need > 0) requests.push({ appendDimension: { sheetId: progress.sheetId, dimension: 'COLUMNS', length: need } })
    requests.push(
      headerRow(
        progress.sheetId,
        newProgress.map((c) => ({ label: c.label, owner: 'system' as const })),
        first,
      ),
      ...newProgress.map((c, i) => columnMetadata(progress.sheetId, first + i, c.key)),
      ...columnWidths(
        progress.sheetId,
        newProgress.map((c) => WIDE_PROGRESS[c.key] ?? PROGRESS_WIDTHS[c.kind]),
        first,
      ),
    )
    for (const c of newProgress) addedColumns.push(`${progress.title}.${c.key}`)
  }

  // 4. Dashboard charts the sheet lacks, over the fixed blocks (grid grown if it is too small).
  const dashboard = present(template.tabs.find((t) => t.key === 'dashboard') as TemplateTab)
  let charts = 0
  if (dashboard !== undefined) {
    const wanted = dashboardChartRequests(dashboard.sheetId)
    const missing = wanted.filter((r) => !dashboard.chartIds.includes(r.addChart?.chart?.chartId ?? -1))
    if (missing.length > 0) {
      const rows = Math.max(
        ...missing.flatMap((r) =>
          (r.addChart?.chart?.spec?.basicChart?.domains ?? []).map(
            (d) => d.domain?.sourceRange?.sources?.[0]?.endRowIndex ?? 0,
          ),
        ),
      )
      if (rows > dashboard.rowCount) {
        requests.push({
          appendDimension: { sheetId: dashboard.sheetId, dimension: 'ROWS', length: rows - dashboard.rowCount },
        })
      }
      if (dashboard.columnCount < 5) {
        requests.push({
          appendDimension: { sheetId: dashboard.sheetId, dimension: 'COLUMNS', length: 5 - dashboard.columnCount },
        })
      }
      requests.push(...missing)
      charts = missing.length
    }
    // A Dashboard added by step 2 has its charts already (tabRequests).
  }

  if (requests.length === 0 && input.version === template.version) {
    return ok({
      requests: [],
      summary: { tabs: [], columns: [], charts: 0, from: input.version, to: template.version },
    })
  }
  // 5. The version the spreadsheet now has.
  requests.push(
    input.version === undefined
      ? {
          createDeveloperMetadata: {
            developerMetadata: {
              metadataKey: TEMPLATE_METADATA_KEY,
              metadataValue: TEMPLATE_VERSION,
              location: { spreadsheet: true },
              visibility: 'DOCUMENT',
            },
          },
        }
      : {
          updateDeveloperMetadata: {
            dataFilters: [
              { developerMetadataLookup: { metadataKey: TEMPLATE_METADATA_KEY, locationType: 'SPREADSHEET' } },
            ],
            developerMetadata: { metadataValue: template.version },
            fields: 'metadataValue',
          },
        },
  )
  return ok({
    requests,
    summary: { tabs: addedTabs, columns: addedColumns, charts, from: input.version, to: template.version },
  })
}

/** The fields of the one spreadsheets.get the plan reads. */
export const UPGRADE_FIELDS =
  'developerMetadata(metadataKey,metadataValue),sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),charts(chartId))'

/** The plan's input from a spreadsheets.get (UPGRADE_FIELDS) and a developerMetadata.search answer. */
export function upgradeInput(
  spreadsheet: sheets_v4.Schema$Spreadsheet,
  search: sheets_v4.Schema$SearchDeveloperMetadataResponse,
): UpgradeInput {
  const tabs = (spreadsheet.sheets ?? []).flatMap((s): ExistingTab[] => {
    const p = s.properties
    if (typeof p?.title !== 'string') return []
    return [
      {
        sheetId: p.sheetId ?? 0,
        title: p.title,
        index: p.index ?? 0,
        rowCount: p.gridProperties?.rowCount ?? 1000,
        columnCount: p.gridProperties?.columnCount ?? 26,
        chartIds: (s.charts ?? []).flatMap((c) => (typeof c.chartId === 'number' ? [c.chartId] : [])),
      },
    ]
  })
  const version = (spreadsheet.developerMetadata ?? []).find((m) => m.metadataKey === TEMPLATE_METADATA_KEY)
  return {
    tabs,
    marks: columnMarksFromSearch(search),
    version: typeof version?.metadataValue === 'string' ? version.metadataValue : undefined,
  }
}

/** The search body that finds every column mark (header-binding.ts). */
export const upgradeSearchRequest = columnMarksSearchRequest

/** One line for people (Indonesian, then English): what the upgrade added. */
export function describeUpgrade(summary: UpgradeSummary): string {
  if (summary.tabs.length === 0 && summary.columns.length === 0 && summary.charts === 0) {
    return `Spreadsheet sudah memakai templat v${summary.to}; tidak ada yang ditambahkan. / Already on template v${summary.to}; nothing added.`
  }
  const parts = [
    summary.tabs.length > 0 ? `tab ${summary.tabs.join(', ')}` : '',
    summary.columns.length > 0 ? `kolom/columns ${summary.columns.join(', ')}` : '',
    summary.charts > 0 ? `${summary.charts} grafik/charts` : '',
  ].filter((p) => p !== '')
  return `Templat v${summary.from ?? '?'} → v${summary.to}: ditambahkan / added ${parts.join('; ')}.`
}

export const describeUpgradeError = (error: UpgradeError): string =>
  `Bukan buku kasus: tab ${error.missing.join(', ')} tidak ada; spreadsheet kosong memakai provisi biasa (tanpa --upgrade). / Not a casebook: tabs ${error.missing.join(', ')} are missing; an empty spreadsheet takes the plain provision (without --upgrade).`

/**
 * Upgrades a spreadsheet in place with a plain `fetch` (the dev script's emulator, tests): one
 * spreadsheets.get, one developerMetadata.search, and one batchUpdate when there is anything to
 * add. `baseUrl` as for applyTemplate.
 */
export async function applyUpgrade(
  fetchLike: FetchLike,
  baseUrl: string,
  spreadsheetId: string,
  options: { readonly accessToken?: string; readonly template?: Template } = {},
): Promise<Result<UpgradeSummary, UpgradeError | ApplyHttpError>> {
  const root = `${baseUrl.replace(/\/+$/, '')}/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}`
  const headers = { authorization: `Bearer ${options.accessToken ?? 'local-dev'}`, 'content-type': 'application/json' }
  const got = await call(fetchLike, `${root}?fields=${encodeURIComponent(UPGRADE_FIELDS)}`, { headers }, 'get')
  if (!got.ok) return got
  const search = await call(
    fetchLike,
    `${root}/developerMetadata:search`,
    { method: 'POST', headers, body: JSON.stringify(upgradeSearchRequest()) },
    'values',
  )
  if (!search.ok) return search
  const plan = planUpgrade(
    upgradeInput(
      got.value as sheets_v4.Schema$Spreadsheet,
      search.value as sheets_v4.Schema$SearchDeveloperMetadataResponse,
    ),
    options.template,
  )
  if (!plan.ok) return plan
  if (plan.value.requests.length > 0) {
    const body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest = { requests: [...plan.value.requests] }
    const done = await call(
      fetchLike,
      `${root}:batchUpdate`,
      { method: 'POST', headers, body: JSON.stringify(body) },
      'batchUpdate',
    )
    if (!done.ok) return done
  }
  return ok(plan.value.summary)
}
