import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { err, ok, type Result } from '../domain/result'

// Columns are found by key, never by position or label (architecture.md "The sheet is the front
// end"): the template puts developer metadata `column = <key>` on each header column. Google
// moves that metadata with its column (insert, delete, move), so staff may reorder columns, add
// their own, or rename the Indonesian labels without breaking the binding. A missing or
// duplicated key is reported, never guessed.

/** Developer-metadata key the template puts on every bound column. */
export const COLUMN_METADATA_KEY = 'column'

export interface SheetRef {
  readonly sheetId: number
  readonly title: string
}

/** One `column = key` mark at a 0-based column of a sheet. */
export interface ColumnMark {
  readonly sheetId: number
  readonly column: number
  readonly key: string
}

/** A tab the caller expects and the keys it must find there (all of them are required). */
export interface TabSpec<K extends string = string> {
  readonly title: string
  readonly keys: readonly K[]
}

export interface TabBinding<K extends string = string> {
  readonly sheetId: number
  readonly title: string
  /** Required key → 0-based column index. */
  readonly columns: ReadonlyMap<K, number>
  /** Keys marked in the sheet that the spec does not list (an older or newer template). */
  readonly extra: ReadonlyMap<string, number>
}

export type BindingProblem =
  | { readonly kind: 'missing_tab'; readonly tab: string }
  | { readonly kind: 'missing_key'; readonly tab: string; readonly key: string }
  | { readonly kind: 'duplicate_key'; readonly tab: string; readonly key: string; readonly columns: readonly number[] }
  | {
      readonly kind: 'column_has_two_keys'
      readonly tab: string
      readonly column: number
      readonly keys: readonly string[]
    }

/** The one developerMetadata.search body that finds every column mark of the spreadsheet. */
export function columnMarksSearchRequest(): sheets_v4.Schema$SearchDeveloperMetadataRequest {
  return { dataFilters: [{ developerMetadataLookup: { metadataKey: COLUMN_METADATA_KEY, locationType: 'COLUMN' } }] }
}

/** Sheet ids and titles from a spreadsheets.get answer (`fields=sheets.properties(sheetId,title)` suffices). */
export function sheetRefsFromSpreadsheet(spreadsheet: sheets_v4.Schema$Spreadsheet): SheetRef[] {
  const refs: SheetRef[] = []
  for (const sheet of spreadsheet.sheets ?? []) {
    const title = sheet.properties?.title
    // proto3 JSON omits sheetId 0 in some masks; a titled sheet without an id is sheet 0.
    if (typeof title === 'string') refs.push({ sheetId: sheet.properties?.sheetId ?? 0, title })
  }
  return refs
}

function markFromMetadata(metadata: sheets_v4.Schema$DeveloperMetadata | undefined): ColumnMark | null {
  if (metadata?.metadataKey !== COLUMN_METADATA_KEY || typeof metadata.metadataValue !== 'string') return null
  const range = metadata.location?.dimensionRange
  if (range?.dimension !== 'COLUMNS' || typeof range.startIndex !== 'number') return null
  // A mark spanning several columns names no single column: skipped, so its key shows up missing.
  if (range.endIndex !== range.startIndex + 1) return null
  return { sheetId: range.sheetId ?? 0, column: range.startIndex, key: metadata.metadataValue }
}

/** Column marks from a developerMetadata.search answer; other metadata is ignored. */
export function columnMarksFromSearch(response: sheets_v4.Schema$SearchDeveloperMetadataResponse): ColumnMark[] {
  const marks: ColumnMark[] = []
  for (const match of response.matchedDeveloperMetadata ?? []) {
    const mark = markFromMetadata(match.developerMetadata ?? undefined)
    if (mark !== null) marks.push(mark)
  }
  return marks
}

/**
 * Column marks from a spreadsheets.get answer with grid column metadata, e.g.
 * `ranges=Cases!1:1&fields=sheets(properties(sheetId,title),data(startColumn,columnMetadata.developerMetadata))`.
 * The column comes from the metadata's own location when present, else from its position.
 */
export function columnMarksFromSpreadsheet(spreadsheet: sheets_v4.Schema$Spreadsheet): ColumnMark[] {
  const marks: ColumnMark[] = []
  for (const sheet of spreadsheet.sheets ?? []) {
    const sheetId = sheet.properties?.sheetId ?? 0
    for (const grid of sheet.data ?? []) {
      const startColumn = grid.startColumn ?? 0
      ;(grid.columnMetadata ?? []).forEach((dimension, offset) => {
        for (const metadata of dimension.developerMetadata ?? []) {
          if (metadata.metadataKey !== COLUMN_METADATA_KEY || typeof metadata.metadataValue !== 'string') continue
          const located = markFromMetadata(metadata)
          marks.push(located ?? { sheetId, column: startColumn + offset, key: metadata.metadataValue })
        }
      })
    }
  }
  return marks
}

function bindTab<K extends string>(
  spec: TabSpec<K>,
  sheet: SheetRef,
  marks: readonly ColumnMark[],
): Result<TabBinding<K>, readonly BindingProblem[]> {
  const keysByColumn = new Map<number, Set<string>>()
  for (const mark of marks) {
    if (mark.sheetId !== sheet.sheetId) continue
    const keys = keysByColumn.get(mark.column) ?? new Set<string>()
    keys.add(mark.key)
    keysByColumn.set(mark.column, keys)
  }
  const problems: BindingProblem[] = []
  const columnsByKey = new Map<string, number[]>()
  for (const [column, keys] of [...keysByColumn].sort(([a], [b]) => a - b)) {
    if (keys.size > 1) {
      problems.push({ kind: 'column_has_two_keys', tab: spec.title, column, keys: [...keys].sort() })
      continue
    }
    for (const key of keys) columnsByKey.set(key, [...(columnsByKey.get(key) ?? []), column])
  }
  const columns = new Map<K, number>()
  const extra = new Map<string, number>()
  const required = new Set<string>(spec.keys)
  for (const [key, found] of columnsByKey) {
    const [column] = found
    if (found.length > 1 || column === undefined) {
      problems.push({ kind: 'duplicate_key', tab: spec.title, key, columns: found })
    } else if (!required.has(key)) {
      extra.set(key, column)
    }
  }
  for (const key of spec.keys) {
    const found = columnsByKey.get(key)
    if (found === undefined) problems.push({ kind: 'missing_key', tab: spec.title, key })
    else if (found.length === 1 && found[0] !== undefined) columns.set(key, found[0])
  }
  if (problems.length > 0) return err(problems)
  return ok({ sheetId: sheet.sheetId, title: sheet.title, columns, extra })
}

/**
 * Bind every expected tab on its own, so one broken tab does not stop the others from syncing.
 * Tabs are found by title; within a tab, each required key must mark exactly one column and each
 * column may carry one key.
 */
export function bindHeaders<K extends string>(input: {
  readonly sheets: readonly SheetRef[]
  readonly marks: readonly ColumnMark[]
  readonly tabs: readonly TabSpec<K>[]
}): ReadonlyMap<string, Result<TabBinding<K>, readonly BindingProblem[]>> {
  const results = new Map<string, Result<TabBinding<K>, readonly BindingProblem[]>>()
  for (const spec of input.tabs) {
    const sheet = input.sheets.find((candidate) => candidate.title === spec.title)
    results.set(
      spec.title,
      sheet === undefined ? err([{ kind: 'missing_tab', tab: spec.title }]) : bindTab(spec, sheet, input.marks),
    )
  }
  return results
}

/** All tabs bound, or every problem of every tab. */
export function allBound<K extends string>(
  results: ReadonlyMap<string, Result<TabBinding<K>, readonly BindingProblem[]>>,
): Result<ReadonlyMap<string, TabBinding<K>>, readonly BindingProblem[]> {
  const bound = new Map<string, TabBinding<K>>()
  const problems: BindingProblem[] = []
  for (const [title, result] of results) {
    if (result.ok) bound.set(title, result.value)
    else problems.push(...result.error)
  }
  return problems.length > 0 ? err(problems) : ok(bound)
}

// ---- Label fallback: for reports only, never for writing ----

export interface KeyLabels<K extends string = string> {
  readonly key: K
  /** Every accepted header text for the key (Indonesian label first, English, the key itself). */
  readonly labels: readonly string[]
}

export interface LabelReport<K extends string = string> {
  /** Keys whose label appears on exactly one column. */
  readonly columns: ReadonlyMap<K, number>
  readonly missing: readonly K[]
  readonly duplicates: readonly { readonly key: K; readonly columns: readonly number[] }[]
  /** Non-empty header cells that match no known label (staff-added columns, renamed labels). */
  readonly unknown: readonly { readonly column: number; readonly label: string }[]
}

/** Case-, width- and whitespace-insensitive comparison form of a header label. */
export function normalizeLabel(label: string): string {
  return label.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('id')
}

/**
 * Which columns the header row's labels point at. Used to explain a broken binding ("the column
 * labelled 'Tanggal' carries no key") and to spot renamed labels; its answer is never used to
 * write, because a label is staff-editable text and may lie.
 */
export function bindByLabels<K extends string>(
  headerRow: readonly unknown[],
  keyLabels: readonly KeyLabels<K>[],
): LabelReport<K> {
  const keyByLabel = new Map<string, K>()
  for (const { key, labels } of keyLabels) {
    for (const label of labels) keyByLabel.set(normalizeLabel(label), key)
  }
  const found = new Map<K, number[]>()
  const unknown: { column: number; label: string }[] = []
  headerRow.forEach((cell, column) => {
    if (cell === null || cell === undefined || cell === '') return
    const label = String(cell)
    const key = keyByLabel.get(normalizeLabel(label))
    if (key === undefined) unknown.push({ column, label })
    else found.set(key, [...(found.get(key) ?? []), column])
  })
  const columns = new Map<K, number>()
  const duplicates: { key: K; columns: number[] }[] = []
  const missing: K[] = []
  for (const { key } of keyLabels) {
    const at = found.get(key)
    if (at === undefined) missing.push(key)
    else if (at.length > 1) duplicates.push({ key, columns: at })
    else if (at[0] !== undefined) columns.set(key, at[0])
  }
  return { columns, missing, duplicates, unknown }
}

export interface LabelDrift<K extends string = string> {
  readonly key: K
  /** Where the metadata binds the key (the truth for writing). */
  readonly column: number
  /** Where the header label points, null when no label matches (renamed). */
  readonly labelColumn: number | null
}

/** Keys whose header label no longer sits on the column the metadata binds: worth a note to staff. */
export function labelDrift<K extends string>(binding: TabBinding<K>, labels: LabelReport<K>): LabelDrift<K>[] {
  const drift: LabelDrift<K>[] = []
  for (const [key, column] of binding.columns) {
    const labelColumn = labels.columns.get(key) ?? null
    if (labelColumn !== column) drift.push({ key, column, labelColumn })
  }
  return drift
}
