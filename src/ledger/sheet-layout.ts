/**
 * @module
 * Where things are in the spreadsheet: each tab's sheetId, title and grid size, and each column
 * key's position, bound by the developer metadata `column = <key>` the template puts on header
 * columns (architecture.md "The sheet is the front end"), for the data and config tabs and the
 * computed tabs Progress and Log (the Dashboard is a grid from A1). Resolved with ONE
 * spreadsheets.get of the header rows and cached; a sync re-resolves it only when the header
 * labels it reads differ from the fingerprint taken when it was resolved (a column moved,
 * inserted or renamed), and any use re-resolves it first after the sheet reported a structural
 * change (upstream.ts).
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import {
  type DataTabKey,
  err,
  LATER_DATA_TABS,
  LATER_PROGRESS_KEYS,
  LOG_COLUMNS,
  LOG_TITLE,
  ok,
  PROGRESS_COLUMNS,
  type Result,
  TAB_KEYS,
  TABLES,
  type TabKey,
  WITHDRAWAL_KEYS,
} from '../domain'
import {
  type BindingProblem,
  bindHeaders,
  columnMarksFromSpreadsheet,
  formatSheetName,
  type SheetRef,
  type SheetsClient,
  type SheetsError,
  sheetRefsFromSpreadsheet,
} from '../sheets'
import { hashText } from './etag'

/** Tab titles of the computed tabs (sheets-template/build-template.ts). */
export const PROGRESS_TITLE = 'Progress'
export const DASHBOARD_TITLE_TAB = 'Dashboard'

/** The tabs the ledger reads, in batchGet order: every table of the casebook, in the domain's order. */
export const LAYOUT_TABS: readonly TabKey[] = TAB_KEYS

/**
 * Tabs a spreadsheet made from an earlier template may lack (domain LATER_DATA_TABS: Events,
 * Feedback). Bound when present and whole; otherwise left out of the binding with a warning, and
 * the rest of the sheet keeps syncing — only a write to such a tab is refused (`sheet_layout`).
 */
export type LaterTab = 'events' | 'feedback'
export type CoreTab = Exclude<TabKey, LaterTab>
const isLaterTab = (tab: TabKey): tab is LaterTab => (LATER_DATA_TABS as readonly TabKey[]).includes(tab)

/** The bound tabs: every core tab, and the later tabs the sheet has. */
export type TabLayouts = Readonly<Record<CoreTab, TabLayout>> & Partial<Readonly<Record<LaterTab, TabLayout>>>

export type TabLayout = {
  readonly sheetId: number
  readonly title: string
  /** Column key → 0-based column. */
  readonly columns: ReadonlyMap<string, number>
  readonly rowCount: number
  readonly columnCount: number
}

export type Layout = {
  readonly tabs: TabLayouts
  /** Null when the Progress tab is missing or its header does not bind (reported, not fatal). */
  readonly progress: TabLayout | null
  readonly dashboard: TabLayout | null
  /** Null when the Log tab is missing or its header does not bind: nothing is logged then. */
  readonly log: TabLayout | null
  /** Problems of the computed tabs: they stop those tabs from being written, nothing else. */
  readonly warnings: readonly BindingProblem[]
}

/**
 * Columns added to the template after sheets were made from it: bound when present, so a sheet
 * from an older template keeps syncing; only a change that needs them (a withdrawal) reports
 * them missing.
 */
const LATER_KEYS: ReadonlySet<string> = new Set(WITHDRAWAL_KEYS)

/** Keys a tab must bind; the others of its schema are bound when present. */
function requiredKeys(tab: TabKey): string[] {
  switch (tab) {
    case 'staff':
      return ['staff_id', 'role', 'active']
    case 'settings':
      return ['date']
    case 'lists':
      return ['cluster']
    default:
      return TABLES[tab].columns.map((c) => c.key).filter((key) => !LATER_KEYS.has(key))
  }
}

const headerRange = (title: string): string => `${formatSheetName(title)}!1:1`

const LAYOUT_FIELDS =
  'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),data(startColumn,columnMetadata.developerMetadata))'

export type LayoutError =
  | { readonly kind: 'sheets'; readonly error: SheetsError }
  | { readonly kind: 'layout'; readonly problems: readonly BindingProblem[] }

function gridOf(spreadsheet: sheets_v4.Schema$Spreadsheet): Map<string, { rowCount: number; columnCount: number }> {
  const out = new Map<string, { rowCount: number; columnCount: number }>()
  for (const sheet of spreadsheet.sheets ?? []) {
    const p = sheet.properties
    if (typeof p?.title !== 'string') continue
    out.set(p.title, { rowCount: p.gridProperties?.rowCount ?? 1000, columnCount: p.gridProperties?.columnCount ?? 26 })
  }
  return out
}

/** Builds the layout from a spreadsheets.get answer carrying the header rows' column metadata. */
export function layoutFromSpreadsheet(
  spreadsheet: sheets_v4.Schema$Spreadsheet,
): Result<Layout, readonly BindingProblem[]> {
  const sheets = sheetRefsFromSpreadsheet(spreadsheet)
  const marks = columnMarksFromSpreadsheet(spreadsheet)
  const grids = gridOf(spreadsheet)
  const progressKeys = PROGRESS_COLUMNS.map((c) => c.key).filter((key) => !LATER_PROGRESS_KEYS.includes(key))
  const specs = [
    ...LAYOUT_TABS.map((tab) => ({ title: TABLES[tab].title, keys: requiredKeys(tab) })),
    { title: PROGRESS_TITLE, keys: progressKeys as string[] },
    { title: LOG_TITLE, keys: LOG_COLUMNS.map((c) => c.key) as string[] },
  ]
  const bound = bindHeaders({ sheets, marks, tabs: specs })
  const problems: BindingProblem[] = []
  const tabLayout = (title: string): TabLayout | null => {
    const result = bound.get(title)
    if (result === undefined || !result.ok) return null
    const columns = new Map<string, number>(result.value.columns)
    for (const [key, column] of result.value.extra) columns.set(key, column)
    const grid = grids.get(title) ?? { rowCount: 1000, columnCount: 26 }
    return { sheetId: result.value.sheetId, title, columns, ...grid }
  }
  const tabs = {} as Record<TabKey, TabLayout>
  const warnings: BindingProblem[] = []
  for (const tab of LAYOUT_TABS) {
    const title = TABLES[tab].title
    const layout = tabLayout(title)
    const result = bound.get(title)
    const tabProblems = result !== undefined && !result.ok ? result.error : []
    if (layout !== null) tabs[tab] = layout
    // A later tab missing or broken stops writes to it, nothing else.
    else if (isLaterTab(tab)) warnings.push(...tabProblems)
    else problems.push(...tabProblems)
  }
  if (problems.length > 0) return err(problems)
  const progressResult = bound.get(PROGRESS_TITLE)
  if (progressResult !== undefined && !progressResult.ok) warnings.push(...progressResult.error)
  const logResult = bound.get(LOG_TITLE)
  if (logResult !== undefined && !logResult.ok) warnings.push(...logResult.error)
  const dashboardSheet = sheets.find((s: SheetRef) => s.title === DASHBOARD_TITLE_TAB)
  if (dashboardSheet === undefined) warnings.push({ kind: 'missing_tab', tab: DASHBOARD_TITLE_TAB })
  const dashboardGrid = grids.get(DASHBOARD_TITLE_TAB) ?? { rowCount: 200, columnCount: 8 }
  return ok({
    tabs,
    progress: tabLayout(PROGRESS_TITLE),
    dashboard:
      dashboardSheet === undefined
        ? null
        : { sheetId: dashboardSheet.sheetId, title: DASHBOARD_TITLE_TAB, columns: new Map(), ...dashboardGrid },
    log: tabLayout(LOG_TITLE),
    warnings,
  })
}

/**
 * Resolves the layout with one spreadsheets.get of every tab's header row. When a tab is missing
 * Google refuses the whole call ("Unable to parse range"), so a second, properties-only call
 * finds which tabs exist and the problem is reported by name.
 */
export async function resolveLayout(
  client: SheetsClient,
  spreadsheetId: string,
): Promise<Result<{ readonly layout: Layout; readonly calls: number }, LayoutError & { readonly calls: number }>> {
  const bound = (spreadsheet: sheets_v4.Schema$Spreadsheet, calls: number) => {
    const layout = layoutFromSpreadsheet(spreadsheet)
    return layout.ok
      ? ok({ layout: layout.value, calls })
      : err({ kind: 'layout' as const, problems: layout.error, calls })
  }
  const failed = (error: SheetsError, calls: number) => err({ kind: 'sheets' as const, error, calls })
  // With `ranges`, Google answers only the sheets those ranges touch: every tab is named.
  const titles = [...LAYOUT_TABS.map((tab) => TABLES[tab].title), PROGRESS_TITLE, DASHBOARD_TITLE_TAB, LOG_TITLE]
  const coreTitles = LAYOUT_TABS.filter((tab) => !isLaterTab(tab)).map((tab) => TABLES[tab].title)
  const first = await client.spreadsheets.get({
    spreadsheetId,
    ranges: titles.map(headerRange),
    fields: LAYOUT_FIELDS,
  })
  if (first.ok) return bound(first.value, 1)
  if (first.error.kind !== 'bad_request') return failed(first.error, 1)
  const properties = await client.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' })
  if (!properties.ok) return failed(properties.error, 2)
  const present = new Set(sheetRefsFromSpreadsheet(properties.value).map((s) => s.title))
  const missing = coreTitles.filter((title) => !present.has(title))
  if (missing.length > 0) {
    return err({ kind: 'layout', problems: missing.map((tab) => ({ kind: 'missing_tab' as const, tab })), calls: 2 })
  }
  // Every core tab exists: only a later or computed tab is missing. Bind the present ones (the
  // missing ones are reported as warnings by the binding).
  const again = await client.spreadsheets.get({
    spreadsheetId,
    ranges: titles.filter((t) => present.has(t)).map(headerRange),
    fields: LAYOUT_FIELDS,
  })
  return again.ok ? bound(again.value, 3) : failed(again.error, 3)
}

/** True when the binding has this tab (every core tab; a later tab when the sheet has it). */
export const hasTab = (layout: Layout, tab: TabKey): boolean => layout.tabs[tab as CoreTab] !== undefined

/**
 * A tab's binding. A later tab the sheet lacks has none: callers check {@link hasTab} (or know the
 * tab holds rows they read from it) first, so a missing one here is a bug.
 */
export function tabOf(layout: Layout, tab: TabKey): TabLayout {
  const t = (layout.tabs as Partial<Record<TabKey, TabLayout>>)[tab]
  if (t === undefined) throw new Error(`tab ${tab} is not bound`)
  return t
}

/** The `missing_tab` problem of a later tab the binding lacks, as the ledger reports it. */
export const missingTabProblem = (layout: Layout, tab: DataTabKey) => {
  const title = TABLES[tab].title
  const warning = layout.warnings.find((w) => 'tab' in w && w.tab === title)
  return {
    tab: title,
    problem: warning?.kind ?? 'missing_tab',
    ...(warning !== undefined && 'key' in warning && typeof warning.key === 'string' ? { key: warning.key } : {}),
  }
}

/** True when the binding lacks a later tab (a sheet from an earlier template, or a broken header). */
export const lacksLaterTab = (layout: Layout): boolean => LATER_DATA_TABS.some((tab) => !hasTab(layout, tab))

/**
 * The tabs a sync reads, in batchGet order: the data and config tabs of {@link LAYOUT_TABS} the
 * binding has, then Progress and Dashboard when the binding has them.
 */
export function readTitles(layout: Layout): string[] {
  return [
    ...LAYOUT_TABS.filter((tab) => hasTab(layout, tab)).map((tab) => tabOf(layout, tab).title),
    ...(layout.progress === null ? [] : [layout.progress.title]),
    ...(layout.dashboard === null ? [] : [layout.dashboard.title]),
  ]
}

const sameTab = (a: TabLayout | null, b: TabLayout | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.sheetId === b.sheetId &&
    a.title === b.title &&
    a.columns.size === b.columns.size &&
    [...a.columns].every(([key, column]) => b.columns.get(key) === column))

/** True when two bindings put every key of every tab in the same column (grid sizes aside). */
export function sameBinding(a: Layout, b: Layout): boolean {
  const keys = Object.keys(a.tabs) as TabKey[]
  return (
    keys.length === Object.keys(b.tabs).length &&
    keys.every((k) => sameTab(a.tabs[k as CoreTab], b.tabs[k as CoreTab] ?? null)) &&
    sameTab(a.progress, b.progress) &&
    sameTab(a.dashboard, b.dashboard) &&
    sameTab(a.log, b.log)
  )
}

/** Fingerprint of a tab's header row as read (labels in column order). */
export function headerFingerprint(header: readonly unknown[] | undefined): string {
  return hashText(JSON.stringify((header ?? []).map((cell) => (cell === '' || cell === undefined ? null : cell))))
}

/** Header fingerprint per tab title, of tabs read whole (row 0 = the header). */
export type Fingerprints = Readonly<Record<string, string>>

export function headerFingerprints(
  titles: readonly string[],
  valuesOf: (index: number) => readonly (readonly unknown[])[] | undefined,
): Fingerprints {
  const out: Record<string, string> = {}
  titles.forEach((title, i) => {
    out[title] = headerFingerprint(valuesOf(i)?.[0])
  })
  return out
}

/**
 * True when the header labels read now are the ones the binding was validated with. With a
 * subset (`read` naming fewer tabs than `known`, e.g. a PATCH reading one tab), only those tabs
 * are compared; unknown fingerprints never confirm anything.
 */
export function headersUnchanged(known: Fingerprints | undefined, read: Fingerprints, whole = true): boolean {
  if (known === undefined) return false
  const titles = Object.keys(read)
  if (whole && titles.length !== Object.keys(known).length) return false
  return titles.every((title) => known[title] === read[title])
}

// ---- (de)serialisation for sync_state ----

type TabLayoutJson = Omit<TabLayout, 'columns'> & { readonly columns: readonly (readonly [string, number])[] }
export type LayoutJson = {
  readonly tabs: Readonly<Record<string, TabLayoutJson>>
  readonly progress: TabLayoutJson | null
  readonly dashboard: TabLayoutJson | null
  /** Absent in bindings cached before the Log tab was bound: such a binding is resolved again. */
  readonly log?: TabLayoutJson | null
  readonly warnings: readonly BindingProblem[]
}

const tabToJson = (t: TabLayout): TabLayoutJson => ({ ...t, columns: [...t.columns] })
const tabFromJson = (t: TabLayoutJson): TabLayout => ({ ...t, columns: new Map(t.columns) })

export function layoutToJson(layout: Layout): LayoutJson {
  return {
    tabs: Object.fromEntries(Object.entries(layout.tabs).map(([k, t]) => [k, tabToJson(t)])),
    progress: layout.progress === null ? null : tabToJson(layout.progress),
    dashboard: layout.dashboard === null ? null : tabToJson(layout.dashboard),
    log: layout.log === null ? null : tabToJson(layout.log),
    warnings: layout.warnings,
  }
}

/** The binding stored in sync_state; undefined when it predates a field (resolve it again). */
export function layoutFromJson(json: LayoutJson): Layout | undefined {
  if (json.log === undefined) return undefined
  return {
    tabs: Object.fromEntries(Object.entries(json.tabs).map(([k, t]) => [k, tabFromJson(t)])) as TabLayouts,
    progress: json.progress === null ? null : tabFromJson(json.progress),
    dashboard: json.dashboard === null ? null : tabFromJson(json.dashboard),
    log: json.log === null ? null : tabFromJson(json.log),
    warnings: json.warnings,
  }
}

/** The same layout with one tab's grid grown (after an appendDimension was applied). */
export function withGrid(
  layout: Layout,
  which: 'progress' | 'dashboard',
  grid: { readonly rowCount: number; readonly columnCount: number },
): Layout {
  const tab = layout[which]
  return tab === null ? layout : { ...layout, [which]: { ...tab, ...grid } }
}
