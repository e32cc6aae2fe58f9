/**
 * The Spreadsheet resource as spreadsheets.get / create / batchUpdate print it (§2.1, §2.2):
 * properties, sheets with their ranges and metadata, optional grid data trimmed like values,
 * and `fields` masks applied with Google's empty-object rules (§1.4).
 */
import type { ClosedBounds } from './a1-notation.js'
import { formatScalar, type ValueReader } from './cell-values.js'
import { chartJson } from './charts.js'
import { metadataByIndex, metadataJson } from './developer-metadata.js'
import { dimensionGroupsJson } from './dimension-groups.js'
import { applyMask, type MaskTree } from './field-mask.js'
import { errorType, isError, type Scalar } from './formula.js'
import { fail, type Outcome, ok } from './google-errors.js'
import { canEdit } from './protection.js'
import { clampToGrid, resolveRange, withinGrid } from './range-resolution.js'
import {
  type Cell,
  DEFAULT_COLUMN_PIXELS,
  DEFAULT_ROW_PIXELS,
  type GridRange,
  type NamedRangeModel,
  type ProtectedRangeModel,
  type SheetModel,
  type SpreadsheetModel,
} from './spreadsheet-model.js'

/** What Google prints for a new spreadsheet's defaultFormat (recorded, §2.1). */
export const DEFAULT_FORMAT = {
  backgroundColor: { red: 1, green: 1, blue: 1 },
  padding: { top: 2, right: 3, bottom: 2, left: 3 },
  verticalAlignment: 'BOTTOM',
  wrapStrategy: 'OVERFLOW_CELL',
  textFormat: {
    foregroundColor: {},
    fontFamily: 'arial,sans,sans-serif',
    fontSize: 10,
    bold: false,
    italic: false,
    strikethrough: false,
    underline: false,
    foregroundColorStyle: { rgbColor: {} },
  },
  backgroundColorStyle: { rgbColor: { red: 1, green: 1, blue: 1 } },
} as const

export const DEFAULT_THEME = {
  primaryFontFamily: 'Arial',
  themeColors: [
    { colorType: 'TEXT', color: { rgbColor: {} } },
    { colorType: 'BACKGROUND', color: { rgbColor: { red: 1, green: 1, blue: 1 } } },
    { colorType: 'ACCENT1', color: { rgbColor: { red: 0.25882354, green: 0.52156866, blue: 0.95686275 } } },
    { colorType: 'ACCENT2', color: { rgbColor: { red: 0.91764706, green: 0.2627451, blue: 0.20784314 } } },
    { colorType: 'ACCENT3', color: { rgbColor: { red: 0.9843137, green: 0.7372549, blue: 0.015686275 } } },
    { colorType: 'ACCENT4', color: { rgbColor: { red: 0.20392157, green: 0.65882355, blue: 0.3254902 } } },
    { colorType: 'ACCENT5', color: { rgbColor: { red: 1, green: 0.42745098, blue: 0.003921569 } } },
    { colorType: 'ACCENT6', color: { rgbColor: { red: 0.27450982, green: 0.7411765, blue: 0.7764706 } } },
    { colorType: 'LINK', color: { rgbColor: { red: 0.06666667, green: 0.33333334, blue: 0.8 } } },
  ],
} as const

type Json = Record<string, unknown>

/** GridRange as printed: sheetId 0 omitted (proto3 default), indexes kept (they track presence). */
export function gridRangeJson(r: GridRange): Json {
  const { sheetId, ...rest } = r
  return sheetId === 0 ? { ...rest } : { sheetId, ...rest }
}

export function namedRangeJson(n: NamedRangeModel): Json {
  return { namedRangeId: n.namedRangeId, name: n.name, range: gridRangeJson(n.range) }
}

/** As a reply to addProtectedRange: editors exactly as requested (recorded: `{}`). */
export function protectedRangeReplyJson(ss: SpreadsheetModel, p: ProtectedRangeModel, caller: string): Json {
  return protectedRangeJson(ss, p, caller, false)
}

/**
 * As read back with spreadsheets.get: the owner and the principal that added the range are listed
 * as editors (recorded: `"editors":{"users":["<service account>"]}`).
 */
export function protectedRangeJson(ss: SpreadsheetModel, p: ProtectedRangeModel, caller: string, stored = true): Json {
  const users = stored ? [...new Set([ss.owner, p.createdBy, ...p.editors.users])] : [...p.editors.users]
  const editors: Json = {
    ...(users.length > 0 ? { users } : {}),
    ...(p.editors.groups.length > 0 ? { groups: [...p.editors.groups] } : {}),
    ...(p.editors.domainUsersCanEdit ? { domainUsersCanEdit: true } : {}),
  }
  return {
    protectedRangeId: p.protectedRangeId,
    ...(p.range ? { range: gridRangeJson(p.range) } : {}),
    ...(p.namedRangeId === undefined ? {} : { namedRangeId: p.namedRangeId }),
    ...(p.description ? { description: p.description } : {}),
    ...(p.warningOnly ? { warningOnly: true } : {}),
    requestingUserCanEdit: canEdit(ss, p, caller),
    ...(p.unprotectedRanges && p.unprotectedRanges.length > 0
      ? { unprotectedRanges: p.unprotectedRanges.map(gridRangeJson) }
      : {}),
    editors,
  }
}

export function sheetPropertiesJson(sheet: SheetModel, index: number): Json {
  const p = sheet.properties
  const g = p.gridProperties
  return {
    sheetId: p.sheetId,
    title: p.title,
    index,
    sheetType: p.sheetType,
    gridProperties: {
      rowCount: g.rowCount,
      columnCount: g.columnCount,
      ...(g.frozenRowCount ? { frozenRowCount: g.frozenRowCount } : {}),
      ...(g.frozenColumnCount ? { frozenColumnCount: g.frozenColumnCount } : {}),
      ...(g.hideGridlines ? { hideGridlines: true } : {}),
      ...(g.rowGroupControlAfter ? { rowGroupControlAfter: true } : {}),
      ...(g.columnGroupControlAfter ? { columnGroupControlAfter: true } : {}),
    },
    ...(p.hidden ? { hidden: true } : {}),
    ...(p.tabColor ? { tabColor: p.tabColor } : {}),
    ...(p.tabColorStyle ? { tabColorStyle: p.tabColorStyle } : {}),
    ...(p.rightToLeft ? { rightToLeft: true } : {}),
  }
}

function extendedValue(v: Scalar): Json | undefined {
  if (v === undefined) return undefined
  if (typeof v === 'number') return { numberValue: v }
  if (typeof v === 'boolean') return { boolValue: v }
  if (isError(v)) return { errorValue: { type: errorType(v), message: v.message } }
  return { stringValue: v }
}

function mergeDeep(base: Json, over: Json): Json {
  const out: Json = { ...base }
  for (const [k, v] of Object.entries(over)) {
    const b = out[k]
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeDeep(b as Json, v as Json)
        : v
  }
  return out
}

const effectiveFormats = new WeakMap<object, Json>()
const plainEffectiveFormat: Json = mergeDeep(DEFAULT_FORMAT, {})

/** The default format merged with the cell's own, shared per format object (grids share formats). */
function effectiveFormat(format: object | undefined): Json {
  if (!format) return plainEffectiveFormat
  let merged = effectiveFormats.get(format)
  if (!merged) {
    merged = mergeDeep(DEFAULT_FORMAT, format as Json)
    effectiveFormats.set(format, merged)
  }
  return merged
}

export function cellJson(
  reader: ValueReader,
  sheet: SheetModel,
  row: number,
  col: number,
  cell: Cell | undefined,
): Json {
  if (!cell) return {}
  const out: Json = {}
  if (cell.value !== undefined && !('stringValue' in cell.value && cell.value.stringValue === '')) {
    out.userEnteredValue = { ...cell.value }
    const eff = reader.effective(sheet, row, col, cell)
    const ev = extendedValue(eff)
    if (ev) {
      out.effectiveValue = ev
      out.formattedValue = formatScalar(eff, cell.format?.numberFormat, reader.locale)
    }
  }
  if (cell.format) out.userEnteredFormat = cell.format
  if (cell.value !== undefined || cell.format) out.effectiveFormat = effectiveFormat(cell.format)
  if (cell.note !== undefined) out.note = cell.note
  if (cell.validation) out.dataValidation = cell.validation
  if (cell.hyperlink !== undefined) out.hyperlink = cell.hyperlink
  return out
}

function gridDataJson(ss: SpreadsheetModel, reader: ValueReader, sheet: SheetModel, b: ClosedBounds): Json {
  const rowData: Json[] = []
  const lastRow = Math.min(b.endRow, sheet.rows.length)
  for (let r = b.startRow; r < lastRow; r++) {
    const row = sheet.rows[r]
    const values: Json[] = []
    const lastCol = Math.min(b.endCol, row?.length ?? 0)
    for (let c = b.startCol; c < lastCol; c++) values.push(cellJson(reader, sheet, r, c, row?.[c]))
    rowData.push(values.length > 0 ? { values } : {})
  }
  const rowMeta = metadataByIndex(ss, sheet.properties.sheetId, 'ROWS')
  const colMeta = metadataByIndex(ss, sheet.properties.sheetId, 'COLUMNS')
  const dimJson = (
    size: number | undefined,
    hidden: boolean | undefined,
    meta: readonly unknown[] | undefined,
  ): Json => ({
    pixelSize: size,
    ...(hidden ? { hiddenByUser: true } : {}),
    ...(meta && meta.length > 0 ? { developerMetadata: meta } : {}),
  })
  const rowMetadata: Json[] = []
  for (let r = b.startRow; r < b.endRow; r++) {
    const p = sheet.rowProps[r]
    rowMetadata.push(dimJson(p?.pixelSize ?? DEFAULT_ROW_PIXELS, p?.hiddenByUser, rowMeta.get(r)?.map(metadataJson)))
  }
  const columnMetadata: Json[] = []
  for (let c = b.startCol; c < b.endCol; c++) {
    const p = sheet.colProps[c]
    columnMetadata.push(
      dimJson(p?.pixelSize ?? DEFAULT_COLUMN_PIXELS, p?.hiddenByUser, colMeta.get(c)?.map(metadataJson)),
    )
  }
  const data: Json = {
    ...(b.startRow > 0 ? { startRow: b.startRow } : {}),
    ...(b.startCol > 0 ? { startColumn: b.startCol } : {}),
    rowData,
    rowMetadata,
    columnMetadata,
  }
  trimGridData(data)
  return data
}

const isEmptyObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0

/** Trailing empty cells and rows disappear after masking; interior ones stay as {} (§1.4). */
function trimGridData(data: Json): void {
  const rows = data.rowData
  if (!Array.isArray(rows)) return
  for (const row of rows as Json[]) {
    const values = row.values
    if (!Array.isArray(values)) continue
    while (values.length > 0 && isEmptyObject(values[values.length - 1])) values.pop()
    if (values.length === 0) delete row.values
  }
  while (rows.length > 0 && isEmptyObject(rows[rows.length - 1])) rows.pop()
  if (rows.length === 0) delete data.rowData
}

export interface ViewOptions {
  readonly ranges: readonly string[]
  readonly includeGridData: boolean
  readonly mask: MaskTree | undefined
  readonly caller: string
}

function maskWantsGridData(mask: MaskTree): boolean {
  if (mask.get('*') === true) return true
  const sheets = mask.get('sheets')
  if (sheets === undefined) return false
  if (sheets === true) return true
  return sheets.has('data') || sheets.get('*') === true
}

export function spreadsheetJson(ss: SpreadsheetModel, reader: ValueReader, opts: ViewOptions): Outcome<Json> {
  const wantGrid = opts.mask ? maskWantsGridData(opts.mask) : opts.includeGridData
  const areas = new Map<number, ClosedBounds[]>()
  for (const range of opts.ranges) {
    const r = resolveRange(ss, range)
    if (!r.ok) return r
    const b = withinGrid(r.value)
    if (!b.ok) return fail(b.error)
    const id = r.value.sheet.properties.sheetId
    areas.set(id, [...(areas.get(id) ?? []), b.value])
  }
  const sheets: Json[] = []
  ss.sheets.forEach((sheet, index) => {
    const id = sheet.properties.sheetId
    if (opts.ranges.length > 0 && !areas.has(id)) return
    const sheetMeta = ss.developerMetadata.filter(
      (m) => m.location.locationType === 'SHEET' && m.location.sheetId === id,
    )
    const json: Json = { properties: sheetPropertiesJson(sheet, index) }
    if (wantGrid) {
      const bounds = areas.get(id) ?? [clampToGrid(sheet, {})]
      json.data = bounds.map((b) => gridDataJson(ss, reader, sheet, b))
    }
    if (sheet.protectedRanges.length > 0) {
      json.protectedRanges = sheet.protectedRanges.map((p) => protectedRangeJson(ss, p, opts.caller))
    }
    if (sheet.conditionalFormats.length > 0) json.conditionalFormats = sheet.conditionalFormats
    if (sheet.merges && sheet.merges.length > 0) json.merges = sheet.merges.map(gridRangeJson)
    if (sheet.basicFilter)
      json.basicFilter = { range: gridRangeJson(sheet.basicFilter.range), ...sheet.basicFilter.rest }
    if (sheet.charts && sheet.charts.length > 0) json.charts = sheet.charts.map(chartJson)
    Object.assign(json, dimensionGroupsJson(sheet))
    if (sheetMeta.length > 0) json.developerMetadata = sheetMeta.map(metadataJson)
    sheets.push(json)
  })
  const ssMeta = ss.developerMetadata.filter((m) => m.location.locationType === 'SPREADSHEET')
  const full: Json = {
    spreadsheetId: ss.spreadsheetId,
    properties: {
      ...ss.properties,
      defaultFormat: DEFAULT_FORMAT,
      spreadsheetTheme: DEFAULT_THEME,
    },
    sheets,
    ...(ss.namedRanges.length > 0 ? { namedRanges: ss.namedRanges.map(namedRangeJson) } : {}),
    ...(ssMeta.length > 0 ? { developerMetadata: ssMeta.map(metadataJson) } : {}),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.spreadsheetId}/edit`,
  }
  if (!opts.mask) return ok(full)
  const masked = applyMask(full, opts.mask) as Json
  const maskedSheets = masked.sheets
  if (Array.isArray(maskedSheets)) {
    for (const s of maskedSheets as Json[]) {
      const data = s.data
      if (Array.isArray(data)) for (const d of data as Json[]) trimGridData(d)
    }
  }
  return ok(masked)
}
