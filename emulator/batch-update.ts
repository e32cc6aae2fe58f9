/**
 * spreadsheets.batchUpdate (§5): requests applied in order on a transaction copy, replies mirror
 * the requests ({} when a kind has no reply), and the first invalid request aborts everything
 * with `Invalid requests[i].<kind>: <detail>`.
 */
import type { ClosedBounds } from './a1-notation.js'
import { columnLetters } from './a1-notation.js'
import { formatScalar, ValueReader } from './cell-values.js'
import { addChart, deleteEmbeddedObject, updateChartSpec } from './charts.js'
import { normalizeColor, normalizeFormatColors, normalizeStyle } from './colors.js'
import { type DataFilterInput, matchFilter, metadataJson, parseLocation } from './developer-metadata.js'
import { groupsJson } from './dimension-groups.js'
import { maskPaths, parseFieldMask, setPath } from './field-mask.js'
import { errorType, type Scalar } from './formula.js'
import { type ApiError, ApiFailure, badRequest, invalidArgument } from './google-errors.js'
import { newInt32 } from './ids.js'
import { assertEditable } from './protection.js'
import { boundsOfGridRange, clampToGrid } from './range-resolution.js'
import {
  CELL_LIMIT,
  type Cell,
  type CellFormat,
  type ConditionalFormatRule,
  DEFAULT_COLUMN_PIXELS,
  DEFAULT_ROW_PIXELS,
  type DeveloperMetadataModel,
  type Dimension,
  deleteDimension,
  type EnteredValue,
  findSheetById,
  type GridRange,
  hasValue,
  insertDimension,
  isEmptyCell,
  moveDimension,
  newSheet,
  type ProtectedRangeModel,
  removeSheet,
  resizeGrid,
  type SheetModel,
  type SheetProperties,
  type SpreadsheetModel,
  totalCells,
  updateRow,
} from './spreadsheet-model.js'
import { gridRangeJson, namedRangeJson, protectedRangeReplyJson, sheetPropertiesJson } from './spreadsheet-view.js'

type Json = Record<string, unknown>

export interface BatchContext {
  readonly ss: SpreadsheetModel
  readonly caller: string
  readonly random: () => number
}

interface Step {
  readonly ctx: BatchContext
  readonly index: number
  readonly kind: string
}

/** Request kinds the emulator implements; other valid kinds are rejected loudly (strict). */
const HANDLERS: Readonly<Record<string, (step: Step, body: Json) => Json | undefined>> = {
  addSheet,
  deleteSheet,
  updateSheetProperties,
  updateSpreadsheetProperties,
  insertDimension: insertDimensionRequest,
  deleteDimension: deleteDimensionRequest,
  appendDimension,
  moveDimension: moveDimensionRequest,
  updateDimensionProperties,
  appendCells,
  updateCells,
  repeatCell,
  setDataValidation,
  addProtectedRange,
  updateProtectedRange,
  deleteProtectedRange,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
  createDeveloperMetadata,
  updateDeveloperMetadata,
  deleteDeveloperMetadata,
  addNamedRange,
  updateNamedRange,
  deleteNamedRange,
  autoResizeDimensions,
  sortRange,
  deleteDuplicates,
  mergeCells,
  unmergeCells,
  setBasicFilter,
  clearBasicFilter,
  addDimensionGroup,
  deleteDimensionGroup,
  copyPaste,
  cutPaste,
  addChart: (step, body) => addChart(step.ctx.ss, body, step.ctx.random, (detail) => bad(step, detail)),
  updateChartSpec: (step, body) => updateChartSpec(step.ctx.ss, body, (detail) => bad(step, detail)),
  deleteEmbeddedObject: (step, body) => deleteEmbeddedObject(step.ctx.ss, body, (detail) => bad(step, detail)),
}

function bad(step: Step, detail: string): never {
  throw new ApiFailure(badRequest(step.index, step.kind, detail))
}

/** Applies all requests to ctx.ss (a transaction copy); throws ApiFailure on the first invalid one. */
export function applyRequests(ctx: BatchContext, requests: readonly Json[]): Json[] {
  return requests.map((request, index) => {
    const kinds = Object.keys(request)
    if (kinds.length === 0) throw new ApiFailure(invalidArgument(`Invalid requests[${index}]: No request specified.`))
    if (kinds.length > 1) {
      throw new ApiFailure(
        invalidArgument(`Invalid JSON payload received. Oneof field 'kind' is already set. Cannot set '${kinds[1]}'`),
      )
    }
    const kind = kinds[0] ?? ''
    const handler = HANDLERS[kind]
    const step: Step = { ctx, index, kind }
    if (!handler) bad(step, 'This request kind is not supported by the local Sheets emulator.')
    const reply = handler(step, (request[kind] ?? {}) as Json)
    return reply === undefined ? {} : { [kind]: reply }
  })
}

// ---- helpers ---------------------------------------------------------------------------------

function sheetOf(step: Step, sheetId: unknown): SheetModel {
  const id = typeof sheetId === 'number' ? sheetId : 0
  const sheet = findSheetById(step.ctx.ss, id)
  if (!sheet) bad(step, `No grid with id: ${id}`)
  return sheet
}

function fieldPaths(step: Step, fields: unknown): string[] {
  if (typeof fields !== 'string' || fields.trim() === '')
    bad(step, "At least one field must be updated, but 'fields' is empty.")
  const tree = parseFieldMask(fields)
  if (!tree) bad(step, `Invalid field mask: ${fields}`)
  return maskPaths(tree)
}

function dimensionOf(step: Step, value: unknown): Dimension {
  if (value === 'ROWS' || value === 'COLUMNS') return value
  bad(step, `Invalid dimension: ${String(value ?? 'DIMENSION_UNSPECIFIED')}`)
}

function dimensionSize(sheet: SheetModel, dim: Dimension): number {
  return dim === 'ROWS' ? sheet.properties.gridProperties.rowCount : sheet.properties.gridProperties.columnCount
}

function checkCellLimit(step: Step): void {
  if (totalCells(step.ctx.ss) > CELL_LIMIT) {
    bad(step, 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.')
  }
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v)
}

/** A GridRange from a request, checked against the grid, with open sides clamped. */
function gridBounds(step: Step, range: unknown): { sheet: SheetModel; bounds: ClosedBounds; range: GridRange } {
  const r = (range ?? {}) as Json
  const sheet = sheetOf(step, r.sheetId)
  const g: GridRange = {
    sheetId: sheet.properties.sheetId,
    ...(isIndex(r.startRowIndex) ? { startRowIndex: r.startRowIndex } : {}),
    ...(isIndex(r.endRowIndex) ? { endRowIndex: r.endRowIndex } : {}),
    ...(isIndex(r.startColumnIndex) ? { startColumnIndex: r.startColumnIndex } : {}),
    ...(isIndex(r.endColumnIndex) ? { endColumnIndex: r.endColumnIndex } : {}),
  }
  const b = clampToGrid(sheet, boundsOfGridRange(g))
  const grid = sheet.properties.gridProperties
  if (b.startRow < 0 || b.startCol < 0) bad(step, 'GridRange indexes must be >= 0')
  if (b.endRow > grid.rowCount || b.endCol > grid.columnCount) {
    bad(
      step,
      `Range ('${sheet.properties.title}'!${columnLetters(b.startCol)}${b.startRow + 1}:${columnLetters(Math.max(b.endCol - 1, 0))}${b.endRow}) exceeds grid limits. Max rows: ${grid.rowCount}, max columns: ${grid.columnCount}`,
    )
  }
  if (b.endRow < b.startRow || b.endCol < b.startCol) bad(step, 'GridRange start index must be <= end index')
  return { sheet, bounds: b, range: g }
}

function dimensionRange(step: Step, value: unknown, requireBounded: boolean) {
  const r = (value ?? {}) as Json
  const sheet = sheetOf(step, r.sheetId)
  const dim = dimensionOf(step, r.dimension)
  const size = dimensionSize(sheet, dim)
  if (requireBounded && (!isIndex(r.startIndex) || !isIndex(r.endIndex))) {
    bad(step, 'range.startIndex and range.endIndex must both be set.')
  }
  const start = isIndex(r.startIndex) ? r.startIndex : 0
  const end = isIndex(r.endIndex) ? r.endIndex : size
  if (start < 0 || end < 0) bad(step, 'DimensionRange indexes must be >= 0')
  if (end <= start) bad(step, 'range.endIndex must be greater than range.startIndex.')
  return { sheet, dim, start, end, size }
}

function writableOrFail(step: Step, sheet: SheetModel, bounds: ClosedBounds): void {
  const err: ApiError | undefined = assertEditable(step.ctx.ss, sheet, bounds, step.ctx.caller)
  if (err) bad(step, err.message)
}

// ---- cells -------------------------------------------------------------------------------------

const CELL_FIELDS = ['userEnteredValue', 'userEnteredFormat', 'note', 'dataValidation', 'hyperlink'] as const
const READ_ONLY_CELL_FIELDS = new Set(['effectiveValue', 'formattedValue', 'effectiveFormat', 'hyperlink'])

function enteredValue(step: Step, v: unknown): EnteredValue | undefined {
  if (v === undefined) return undefined
  const o = v as Json
  const keys = Object.keys(o)
  if (keys.length === 0) return undefined
  if (keys.length > 1) bad(step, 'Only one value type may be set in userEnteredValue.')
  if (typeof o.numberValue === 'number') return { numberValue: o.numberValue }
  if (typeof o.stringValue === 'string') return { stringValue: o.stringValue }
  if (typeof o.boolValue === 'boolean') return { boolValue: o.boolValue }
  if (typeof o.formulaValue === 'string') {
    if (!o.formulaValue.startsWith('=')) bad(step, `Formulas must begin with '=': ${o.formulaValue}`)
    return { formulaValue: o.formulaValue }
  }
  bad(step, 'errorValue is read-only and cannot be written.')
}

/** The masked paths of a CellData write, validated against the fields the emulator stores. */
function cellPaths(step: Step, fields: unknown): string[] {
  const paths = fieldPaths(step, fields)
  const out: string[] = []
  for (const p of paths) {
    if (p === '*') {
      out.push('userEnteredValue', 'userEnteredFormat', 'note', 'dataValidation')
      continue
    }
    const head = p.split('.')[0] ?? ''
    if (READ_ONLY_CELL_FIELDS.has(head)) continue
    if (!(CELL_FIELDS as readonly string[]).includes(head)) {
      bad(step, `The field '${head}' of CellData is not supported by the local Sheets emulator.`)
    }
    out.push(p)
  }
  return out
}

type CellPatch = (cell: Cell | undefined) => Cell | undefined

/**
 * Compiles the masked write of one CellData: the value, note and validation are decided once, and
 * the new format is memoised per old format object, so repeatCell over a 10,000-row tab stays cheap.
 */
function compilePatch(step: Step, data: Json | undefined, paths: readonly string[]): CellPatch {
  const src = data ?? {}
  const heads = new Set(paths.map((p) => p.split('.')[0] ?? ''))
  const valuePatch = heads.has('userEnteredValue')
  const value = valuePatch ? enteredValue(step, src.userEnteredValue) : undefined
  const notePatch = heads.has('note')
  const note = typeof src.note === 'string' && src.note !== '' ? src.note : undefined
  const validationPatch = heads.has('dataValidation')
  const rule = src.dataValidation as Json | undefined
  const validation = validationPatch && rule && Object.keys(rule).length > 0 ? checkedRule(step, rule) : undefined
  const formatPaths = paths.filter((p) => p === 'userEnteredFormat' || p.startsWith('userEnteredFormat.'))
  const formats = new Map<unknown, CellFormat | undefined>()
  const newFormat = (old: CellFormat | undefined): CellFormat | undefined => {
    if (formats.has(old)) return formats.get(old)
    const json: Json = old ? { userEnteredFormat: old } : {}
    for (const p of formatPaths) setPath(json, p, src)
    const raw = json.userEnteredFormat as Json | undefined
    const out = raw && Object.keys(raw).length > 0 ? normalizeFormatColors(raw) : undefined
    formats.set(old, out)
    return out
  }
  return (cell) => {
    const next: { -readonly [K in keyof Cell]: Cell[K] } = { ...(cell ?? {}) }
    if (valuePatch) {
      if (value === undefined) delete next.value
      else next.value = value
    }
    if (formatPaths.length > 0) {
      const f = newFormat(cell?.format)
      if (f === undefined) delete next.format
      else next.format = f
    }
    if (notePatch) {
      if (note === undefined) delete next.note
      else next.note = note
    }
    if (validationPatch) {
      if (validation === undefined) delete next.validation
      else next.validation = validation
    }
    return isEmptyCell(next) ? undefined : next
  }
}

function applyCellData(
  step: Step,
  cell: Cell | undefined,
  data: Json | undefined,
  paths: readonly string[],
): Cell | undefined {
  return compilePatch(step, data, paths)(cell)
}

function writeRows(
  step: Step,
  sheet: SheetModel,
  startRow: number,
  startCol: number,
  rows: readonly Json[],
  paths: readonly string[],
  area?: ClosedBounds,
): void {
  rows.forEach((rowData, i) => {
    const values = (rowData.values ?? []) as (Json | null)[]
    const r = startRow + i
    const last = area ? area.endCol : startCol + values.length
    updateRow(sheet, r, startCol, Math.max(last, startCol + values.length), (cell, c) => {
      const data = values[c - startCol]
      return applyCellData(step, cell, data ?? {}, paths)
    })
  })
}

function checkRowsFit(
  step: Step,
  sheet: SheetModel,
  startRow: number,
  startCol: number,
  rows: readonly Json[],
  limit?: ClosedBounds,
): void {
  const grid = sheet.properties.gridProperties
  const maxCol = limit ? limit.endCol : grid.columnCount
  const maxRow = limit ? limit.endRow : grid.rowCount
  rows.forEach((rowData, i) => {
    const width = ((rowData.values ?? []) as unknown[]).length
    if (startCol + width > maxCol) {
      bad(
        step,
        `Attempting to write column: ${startCol + width - 1}, beyond the last requested column of: ${maxCol - 1}`,
      )
    }
    if (startRow + i >= maxRow && width > 0) {
      bad(step, `Attempting to write row: ${startRow + i}, beyond the last requested row of: ${maxRow - 1}`)
    }
  })
}

function appendCells(step: Step, body: Json): undefined {
  const sheet = sheetOf(step, body.sheetId)
  const rows = (body.rows ?? []) as Json[]
  const paths = cellPaths(step, body.fields)
  let lastRow = sheet.rows.length - 1
  while (lastRow >= 0 && !(sheet.rows[lastRow] ?? []).some((c) => hasValue(c))) lastRow--
  const start = lastRow + 1
  const grid = sheet.properties.gridProperties
  checkRowsFit(step, sheet, start, 0, rows, {
    startRow: start,
    endRow: Number.MAX_SAFE_INTEGER,
    startCol: 0,
    endCol: grid.columnCount,
  })
  if (start + rows.length > grid.rowCount) {
    grid.rowCount = start + rows.length
    checkCellLimit(step)
  }
  writableOrFail(step, sheet, {
    startRow: start,
    endRow: start + Math.max(rows.length, 1),
    startCol: 0,
    endCol: grid.columnCount,
  })
  writeRows(step, sheet, start, 0, rows, paths)
  return undefined
}

function updateCells(step: Step, body: Json): undefined {
  const rows = (body.rows ?? []) as Json[]
  const paths = cellPaths(step, body.fields)
  if ((body.range === undefined) === (body.start === undefined)) bad(step, 'Exactly one of range or start must be set.')
  if (body.start !== undefined) {
    const s = body.start as Json
    const sheet = sheetOf(step, s.sheetId)
    const r0 = isIndex(s.rowIndex) ? s.rowIndex : 0
    const c0 = isIndex(s.columnIndex) ? s.columnIndex : 0
    checkRowsFit(step, sheet, r0, c0, rows)
    const width = rows.reduce((m, r) => Math.max(m, ((r.values ?? []) as unknown[]).length), 0)
    writableOrFail(step, sheet, {
      startRow: r0,
      endRow: r0 + Math.max(rows.length, 1),
      startCol: c0,
      endCol: c0 + Math.max(width, 1),
    })
    writeRows(step, sheet, r0, c0, rows, paths)
    return undefined
  }
  const { sheet, bounds } = gridBounds(step, body.range)
  checkRowsFit(step, sheet, bounds.startRow, bounds.startCol, rows, bounds)
  writableOrFail(step, sheet, bounds)
  // Rows/cells of the range not covered by `rows` get the masked fields cleared (§5.4).
  const covered: Json[] = []
  for (let r = bounds.startRow; r < bounds.endRow; r++) covered.push(rows[r - bounds.startRow] ?? { values: [] })
  writeRows(step, sheet, bounds.startRow, bounds.startCol, covered, paths, bounds)
  return undefined
}

function repeatCell(step: Step, body: Json): undefined {
  const { sheet, bounds } = gridBounds(step, body.range)
  const paths = cellPaths(step, body.fields)
  writableOrFail(step, sheet, bounds)
  const patch = compilePatch(step, (body.cell ?? {}) as Json, paths)
  const sample = patch(undefined)
  for (let r = bounds.startRow; r < bounds.endRow; r++) {
    if (sample === undefined && sheet.rows[r] === undefined) continue
    updateRow(sheet, r, bounds.startCol, bounds.endCol, patch)
  }
  return undefined
}

const CONDITION_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  NUMBER_GREATER: [1, 1],
  NUMBER_GREATER_THAN_EQ: [1, 1],
  NUMBER_LESS: [1, 1],
  NUMBER_LESS_THAN_EQ: [1, 1],
  NUMBER_EQ: [1, 1],
  NUMBER_NOT_EQ: [1, 1],
  NUMBER_BETWEEN: [2, 2],
  NUMBER_NOT_BETWEEN: [2, 2],
  TEXT_CONTAINS: [1, 1],
  TEXT_NOT_CONTAINS: [1, 1],
  TEXT_STARTS_WITH: [1, 1],
  TEXT_ENDS_WITH: [1, 1],
  TEXT_EQ: [1, 1],
  TEXT_IS_EMAIL: [0, 0],
  TEXT_IS_URL: [0, 0],
  DATE_EQ: [1, 1],
  DATE_BEFORE: [1, 1],
  DATE_AFTER: [1, 1],
  DATE_ON_OR_BEFORE: [1, 1],
  DATE_ON_OR_AFTER: [1, 1],
  DATE_BETWEEN: [2, 2],
  DATE_NOT_BETWEEN: [2, 2],
  DATE_IS_VALID: [0, 0],
  ONE_OF_RANGE: [1, 1],
  ONE_OF_LIST: [1, 500],
  BLANK: [0, 0],
  NOT_BLANK: [0, 0],
  CUSTOM_FORMULA: [1, 1],
  BOOLEAN: [0, 2],
  TEXT_NOT_EQ: [1, 1],
}

function checkedCondition(step: Step, condition: unknown, context: string): Json {
  const c = (condition ?? {}) as Json
  const type = String(c.type ?? 'CONDITION_TYPE_UNSPECIFIED')
  const arity = CONDITION_ARITY[type]
  if (!arity) bad(step, `Invalid ${context} condition type: ${type}`)
  const values = (c.values ?? []) as Json[]
  if (values.length < arity[0] || values.length > arity[1]) {
    bad(
      step,
      `Invalid ${context}: condition ${type} expects ${arity[0] === arity[1] ? arity[0] : `${arity[0]}-${arity[1]}`} values, got ${values.length}.`,
    )
  }
  for (const v of values) {
    if (v.relativeDate !== undefined && context === 'DataValidation')
      bad(step, 'Relative dates are not supported in data validation.')
  }
  if (
    (type === 'ONE_OF_RANGE' || type === 'CUSTOM_FORMULA') &&
    !String(values[0]?.userEnteredValue ?? '').startsWith('=')
  ) {
    bad(step, `Invalid ${context}: ${type} requires a formula value starting with '='.`)
  }
  return c
}

/** A validation rule as stored: proto3 drops false and "" scalars of this message (no presence). */
function checkedRule(step: Step, rule: Json): Json {
  checkedCondition(step, rule.condition, 'DataValidation')
  const out: Json = {}
  for (const [k, v] of Object.entries(rule)) if (v !== false && v !== '') out[k] = v
  return out
}

function setDataValidation(step: Step, body: Json): undefined {
  const { sheet, bounds } = gridBounds(step, body.range)
  const rule = body.rule as Json | undefined
  const validation = rule && Object.keys(rule).length > 0 ? checkedRule(step, rule) : undefined
  for (let r = bounds.startRow; r < bounds.endRow; r++) {
    if (!validation && sheet.rows[r] === undefined) continue
    updateRow(sheet, r, bounds.startCol, bounds.endCol, (cell) => {
      const { validation: _old, ...rest } = cell ?? {}
      return validation ? { ...rest, validation } : rest
    })
  }
  return undefined
}

// ---- sheets ------------------------------------------------------------------------------------

function titleTaken(ss: SpreadsheetModel, title: string, except?: number): boolean {
  const t = title.toLowerCase()
  return ss.sheets.some((s) => s.properties.title.toLowerCase() === t && s.properties.sheetId !== except)
}

function checkTitle(step: Step, title: string, except?: number): void {
  if (title.trim() === '') bad(step, 'Sheet title must not be empty.')
  if (title.length > 100) bad(step, 'Sheet title must be at most 100 characters.')
  if (titleTaken(step.ctx.ss, title, except)) {
    bad(step, `A sheet with the name "${title}" already exists. Please enter another name.`)
  }
}

function checkGrid(step: Step, props: SheetProperties): void {
  const g = props.gridProperties
  if (!Number.isInteger(g.rowCount) || g.rowCount < 1) bad(step, 'gridProperties.rowCount must be at least 1.')
  if (!Number.isInteger(g.columnCount) || g.columnCount < 1) bad(step, 'gridProperties.columnCount must be at least 1.')
  if (g.columnCount > 18278) bad(step, 'gridProperties.columnCount must be at most 18278.')
  if ((g.frozenRowCount ?? 0) < 0 || (g.frozenColumnCount ?? 0) < 0) bad(step, 'Frozen counts must be >= 0.')
  if ((g.frozenRowCount ?? 0) >= g.rowCount) bad(step, "You can't freeze all visible rows on the sheet.")
  if ((g.frozenColumnCount ?? 0) >= g.columnCount) bad(step, "You can't freeze all visible columns on the sheet.")
}

function sheetPropsFrom(step: Step, p: Json, fallbackTitle: string, sheetId: number): SheetProperties {
  const g = (p.gridProperties ?? {}) as Json
  const props: SheetProperties = {
    sheetId,
    title: typeof p.title === 'string' ? p.title : fallbackTitle,
    sheetType: typeof p.sheetType === 'string' ? p.sheetType : 'GRID',
    gridProperties: {
      rowCount: typeof g.rowCount === 'number' ? g.rowCount : 1000,
      columnCount: typeof g.columnCount === 'number' ? g.columnCount : 26,
      ...(typeof g.frozenRowCount === 'number' && g.frozenRowCount > 0 ? { frozenRowCount: g.frozenRowCount } : {}),
      ...(typeof g.frozenColumnCount === 'number' && g.frozenColumnCount > 0
        ? { frozenColumnCount: g.frozenColumnCount }
        : {}),
      ...(g.hideGridlines === true ? { hideGridlines: true } : {}),
    },
    ...(p.hidden === true ? { hidden: true } : {}),
    ...(p.rightToLeft === true ? { rightToLeft: true } : {}),
  }
  if (props.sheetType !== 'GRID')
    bad(step, `Only GRID sheets are supported by the local Sheets emulator, not ${props.sheetType}.`)
  applyTabColor(props, p)
  return props
}

/**
 * Sets the tab colour from whichever of tabColorStyle / tabColor the request names (`only`), the
 * other being derived from it, so clearing one clears both (recorded: rgbColor null → {}).
 */
function applyTabColor(props: SheetProperties, p: Json, only?: 'tabColor' | 'tabColorStyle'): void {
  const legacy = p.tabColor as Json | undefined
  const style = p.tabColorStyle as Json | undefined
  delete props.tabColor
  delete props.tabColorStyle
  const styleSet = style !== undefined && Object.keys(normalizeStyle(style)).length > 0
  const legacySet = legacy !== undefined && Object.keys(legacy).length > 0
  if (only !== 'tabColor' && styleSet) props.tabColorStyle = normalizeStyle(style)
  else if (only !== 'tabColorStyle' && legacySet) props.tabColorStyle = { rgbColor: normalizeColor(legacy) }
  if (props.tabColorStyle?.rgbColor) props.tabColor = props.tabColorStyle.rgbColor
}

/** Adds a sheet at `index` (end when absent): shared by addSheet and spreadsheets.create. */
export function addSheetTo(ctx: BatchContext, p: Json, onError: (detail: string) => never): SheetModel {
  const step: Step = { ctx, index: 0, kind: 'addSheet' }
  const ss = ctx.ss
  const taken = (id: number) => ss.sheets.some((s) => s.properties.sheetId === id)
  if (typeof p.sheetId === 'number' && (taken(p.sheetId) || p.sheetId < 0)) {
    onError(`Sheet with id ${p.sheetId} already exists or is invalid.`)
  }
  const sheetId = typeof p.sheetId === 'number' ? p.sheetId : newInt32(ctx.random, taken)
  let n = ss.sheets.length + 1
  while (titleTaken(ss, `Sheet${n}`)) n++
  const props = sheetPropsFrom(step, p, `Sheet${n}`, sheetId)
  const sheet = newSheet(props)
  const index = typeof p.index === 'number' ? Math.max(0, Math.min(p.index, ss.sheets.length)) : ss.sheets.length
  ss.sheets.splice(index, 0, sheet)
  if (props.hidden && ss.sheets.every((s) => s.properties.hidden))
    onError("You can't hide all the sheets in a document.")
  return sheet
}

function addSheet(step: Step, body: Json): Json {
  const p = (body.properties ?? {}) as Json
  const fail = (detail: string): never => bad(step, detail)
  const sheet = addSheetTo({ ...step.ctx }, p, fail)
  checkTitle(step, sheet.properties.title, sheet.properties.sheetId)
  checkGrid(step, sheet.properties)
  checkCellLimit(step)
  const index = step.ctx.ss.sheets.indexOf(sheet)
  return { properties: sheetPropertiesJson(sheet, index) }
}

function deleteSheet(step: Step, body: Json): undefined {
  const sheet = sheetOf(step, body.sheetId)
  const ss = step.ctx.ss
  if (ss.sheets.length === 1) bad(step, "You can't remove all the sheets in a document.")
  const visibleLeft = ss.sheets.filter((s) => s !== sheet && !s.properties.hidden).length
  if (visibleLeft === 0) bad(step, "You can't remove all the visible sheets in a document.")
  removeSheet(ss, sheet.properties.sheetId)
  return undefined
}

function updateSheetProperties(step: Step, body: Json): undefined {
  const p = (body.properties ?? {}) as Json
  const sheet = sheetOf(step, p.sheetId)
  const ss = step.ctx.ss
  const paths = fieldPaths(step, body.fields)
  const current = ss.sheets.indexOf(sheet)
  const before = { ...sheetPropertiesJson(sheet, current) } as Json
  const after = structuredClone(before)
  for (const path of paths) {
    if (path === '*') {
      for (const key of ['title', 'index', 'gridProperties', 'hidden', 'tabColor', 'tabColorStyle', 'rightToLeft']) {
        setPath(after, key, p)
      }
      continue
    }
    const head = path.split('.')[0] ?? ''
    if (head === 'sheetId' || head === 'sheetType') {
      if (p[head] !== undefined && p[head] !== before[head]) bad(step, `${head} cannot be changed.`)
      continue
    }
    if (!['title', 'index', 'gridProperties', 'hidden', 'tabColor', 'tabColorStyle', 'rightToLeft'].includes(head)) {
      bad(step, `Invalid field mask path: ${path}`)
    }
    setPath(after, path, p)
  }
  const grid = (after.gridProperties ?? {}) as Json
  const rows = typeof grid.rowCount === 'number' ? grid.rowCount : 0
  const cols = typeof grid.columnCount === 'number' ? grid.columnCount : 0
  const title = typeof after.title === 'string' ? after.title : ''
  checkTitle(step, title, sheet.properties.sheetId)
  const next: SheetProperties = {
    sheetId: sheet.properties.sheetId,
    title,
    sheetType: sheet.properties.sheetType,
    gridProperties: {
      rowCount: rows,
      columnCount: cols,
      ...(typeof grid.frozenRowCount === 'number' && grid.frozenRowCount > 0
        ? { frozenRowCount: grid.frozenRowCount }
        : {}),
      ...(typeof grid.frozenColumnCount === 'number' && grid.frozenColumnCount > 0
        ? { frozenColumnCount: grid.frozenColumnCount }
        : {}),
      ...(grid.hideGridlines === true ? { hideGridlines: true } : {}),
      ...(grid.rowGroupControlAfter === true ? { rowGroupControlAfter: true } : {}),
      ...(grid.columnGroupControlAfter === true ? { columnGroupControlAfter: true } : {}),
    },
    ...(after.hidden === true ? { hidden: true } : {}),
    ...(after.rightToLeft === true ? { rightToLeft: true } : {}),
  }
  const heads = new Set(paths.map((p) => (p === '*' ? 'tabColorStyle' : (p.split('.')[0] ?? ''))))
  applyTabColor(
    next,
    after,
    heads.has('tabColorStyle') ? 'tabColorStyle' : heads.has('tabColor') ? 'tabColor' : undefined,
  )
  checkGrid(step, next)
  // Rows are applied first and the cell limit checked afterwards, as Google does (§5.2).
  resizeGrid(ss, sheet, next.gridProperties.rowCount, next.gridProperties.columnCount)
  checkCellLimit(step)
  sheet.properties = next
  if (next.hidden && ss.sheets.every((s) => s.properties.hidden))
    bad(step, "You can't hide all the sheets in a document.")
  if (typeof after.index === 'number' && after.index !== current) {
    // Indexes are "before the move" coordinates: moving S1 ahead of S3 in (S1,S2,S3) takes index 2.
    const target = Math.max(0, Math.min(after.index, ss.sheets.length))
    ss.sheets.splice(current, 1)
    ss.sheets.splice(target > current ? target - 1 : target, 0, sheet)
  }
  return undefined
}

function updateSpreadsheetProperties(step: Step, body: Json): undefined {
  const p = (body.properties ?? {}) as Json
  const ss = step.ctx.ss
  const allowed = [
    'title',
    'locale',
    'autoRecalc',
    'timeZone',
    'iterativeCalculationSettings',
    'defaultFormat',
    'spreadsheetTheme',
  ]
  const props = ss.properties as unknown as Json
  for (const path of fieldPaths(step, body.fields)) {
    const head = path.split('.')[0] ?? ''
    const keys = path === '*' ? allowed : [path]
    if (path !== '*' && !allowed.includes(head)) bad(step, `Invalid field mask path: ${path}`)
    for (const key of keys) {
      // defaultFormat and the theme are printed as Google's defaults; they are accepted and not kept.
      if (key.startsWith('defaultFormat') || key.startsWith('spreadsheetTheme')) continue
      setPath(props, key, p)
    }
  }
  if (typeof props.title !== 'string' || props.title === '') props.title = 'Untitled spreadsheet'
  if (typeof props.locale !== 'string') props.locale = 'en_US'
  if (typeof props.timeZone !== 'string') props.timeZone = 'Etc/GMT'
  if (typeof props.autoRecalc !== 'string') props.autoRecalc = 'ON_CHANGE'
  if (!['ON_CHANGE', 'MINUTE', 'HOUR'].includes(String(props.autoRecalc)))
    bad(step, `Invalid autoRecalc: ${String(props.autoRecalc)}`)
  return undefined
}

// ---- dimensions ----------------------------------------------------------------------------------

function insertDimensionRequest(step: Step, body: Json): undefined {
  const { sheet, dim, start, end, size } = dimensionRange(step, body.range, true)
  const inherit = body.inheritFromBefore === true
  if (start > size) bad(step, `range.startIndex must be less than or equal to the grid size (${size}).`)
  if (!inherit && start >= size) {
    bad(step, `range.startIndex must be less than the grid size (${size}) if inheritFromBefore is false.`)
  }
  if (inherit && start === 0) bad(step, 'range.startIndex must be greater than 0 if inheritFromBefore is true.')
  insertDimension(step.ctx.ss, sheet, dim, start, end - start, inherit ? 'before' : 'after')
  checkCellLimit(step)
  return undefined
}

function deleteDimensionRequest(step: Step, body: Json): undefined {
  const { sheet, dim, start, end, size } = dimensionRange(step, body.range, false)
  const noun = dim === 'ROWS' ? 'row' : 'column'
  if (end > size) {
    bad(
      step,
      `Cannot delete a ${noun} that doesn't exist. Tried to delete ${noun} index ${end - 1} but there are only ${size} ${noun}s.`,
    )
  }
  if (start === 0 && end === size) bad(step, `You can't delete all the ${noun}s on the sheet.`)
  writableOrFail(
    step,
    sheet,
    dim === 'ROWS'
      ? { startRow: start, endRow: end, startCol: 0, endCol: sheet.properties.gridProperties.columnCount }
      : { startRow: 0, endRow: sheet.properties.gridProperties.rowCount, startCol: start, endCol: end },
  )
  deleteDimension(step.ctx.ss, sheet, dim, start, end)
  return undefined
}

function appendDimension(step: Step, body: Json): undefined {
  const sheet = sheetOf(step, body.sheetId)
  const dim = dimensionOf(step, body.dimension)
  const length = body.length
  if (!isIndex(length) || length < 1) bad(step, 'length must be greater than 0.')
  const g = sheet.properties.gridProperties
  if (dim === 'ROWS') g.rowCount += length
  else g.columnCount += length
  if (g.columnCount > 18278) bad(step, 'The sheet would have more than 18278 columns.')
  checkCellLimit(step)
  return undefined
}

function moveDimensionRequest(step: Step, body: Json): undefined {
  const { sheet, dim, start, end, size } = dimensionRange(step, body.source, true)
  const dest = body.destinationIndex
  if (end > size) bad(step, `source.endIndex (${end}) is beyond the grid size (${size}).`)
  if (!isIndex(dest) || dest < 0 || dest > size) bad(step, `destinationIndex must be between 0 and ${size}.`)
  if (dest > start && dest < end) bad(step, 'destinationIndex must not be inside the source range.')
  moveDimension(step.ctx.ss, sheet, dim, start, end, dest)
  return undefined
}

function updateDimensionProperties(step: Step, body: Json): undefined {
  if (body.dataSourceSheetRange !== undefined)
    bad(step, 'Data source sheets are not supported by the local Sheets emulator.')
  const { sheet, dim, start, end, size } = dimensionRange(step, body.range, false)
  if (end > size) bad(step, `range.endIndex (${end}) is beyond the grid size (${size}).`)
  const props = (body.properties ?? {}) as Json
  const paths = fieldPaths(step, body.fields)
  const list = dim === 'ROWS' ? sheet.rowProps : sheet.colProps
  for (let i = start; i < end; i++) {
    const current = { ...(list[i] ?? {}) } as Json
    for (const path of paths) {
      const keys = path === '*' ? ['pixelSize', 'hiddenByUser'] : [path]
      for (const key of keys) {
        if (key !== 'pixelSize' && key !== 'hiddenByUser') bad(step, `Invalid field mask path: ${key}`)
        setPath(current, key, props)
      }
    }
    if (current.pixelSize !== undefined && (!isIndex(current.pixelSize) || current.pixelSize < 0)) {
      bad(step, 'pixelSize must be >= 0.')
    }
    if (current.hiddenByUser === false) delete current.hiddenByUser
    list[i] = Object.keys(current).length === 0 ? undefined : current
  }
  return undefined
}

function autoResizeDimensions(step: Step, body: Json): undefined {
  const { sheet, dim, start, end, size } = dimensionRange(step, body.dimensions, false)
  if (end > size) bad(step, `dimensions.endIndex (${end}) is beyond the grid size (${size}).`)
  const reader = new ValueReader(step.ctx.ss)
  const list = dim === 'ROWS' ? sheet.rowProps : sheet.colProps
  for (let i = start; i < end; i++) {
    let px = dim === 'ROWS' ? DEFAULT_ROW_PIXELS : 0
    if (dim === 'COLUMNS') {
      // A rough text-width estimate: 7 px per character of the widest displayed value plus padding.
      let widest = 0
      sheet.rows.forEach((row, r) => {
        const cell = row?.[i]
        if (!hasValue(cell)) return
        const text = formatScalar(reader.effective(sheet, r, i, cell), cell?.format?.numberFormat, reader.locale)
        widest = Math.max(widest, ...text.split('\n').map((l) => l.length))
      })
      px = widest === 0 ? DEFAULT_COLUMN_PIXELS : Math.max(21, widest * 7 + 10)
    }
    list[i] = { ...(list[i] ?? {}), pixelSize: px }
  }
  return undefined
}

// ---- sorting -------------------------------------------------------------------------------------

function sortRange(step: Step, body: Json): undefined {
  const { sheet, bounds } = gridBounds(step, body.range)
  writableOrFail(step, sheet, bounds)
  const specs = (body.sortSpecs ?? []) as Json[]
  if (specs.length === 0) bad(step, 'At least one sortSpec is required.')
  const reader = new ValueReader(step.ctx.ss)
  const keys = specs.map((s) => {
    if (s.dataSourceColumnReference !== undefined) bad(step, 'Data source sorting is not supported.')
    const col = s.dimensionIndex
    if (!isIndex(col) || col < bounds.startCol || col >= bounds.endCol)
      bad(step, 'sortSpec.dimensionIndex must be inside the range.')
    return { col, desc: s.sortOrder === 'DESCENDING' }
  })
  const rank = (v: unknown): number =>
    typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3
  // Sorting moves cell contents within the range; row-located metadata stays where it is (§5.8).
  const blocks = []
  for (let r = bounds.startRow; r < bounds.endRow; r++) {
    const row = sheet.rows[r]
    const cells = []
    for (let c = bounds.startCol; c < bounds.endCol; c++) cells.push(row?.[c])
    const values = keys.map((k) => reader.effective(sheet, r, k.col))
    blocks.push({ cells, values })
  }
  blocks.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i]
      const y = b.values[i]
      const k = keys[i]
      if (x === undefined && y === undefined) continue
      if (x === undefined) return 1
      if (y === undefined) return -1
      let d = rank(x) - rank(y)
      if (d === 0) {
        if (typeof x === 'string' && typeof y === 'string') d = x.toLowerCase().localeCompare(y.toLowerCase())
        else if (typeof x === 'number' && typeof y === 'number') d = x - y
        else if (typeof x === 'boolean' && typeof y === 'boolean') d = Number(x) - Number(y)
      }
      if (d !== 0) return k?.desc ? -d : d
    }
    return 0
  })
  blocks.forEach((block, i) => {
    updateRow(
      sheet,
      bounds.startRow + i,
      bounds.startCol,
      bounds.endCol,
      (_cell, c) => block.cells[c - bounds.startCol],
    )
  })
  return undefined
}

/**
 * What makes two cells "the same" for deleteDuplicates: the effective value, with letter case
 * ignored (Google: "identical values but different letter cases, formatting, or formulas are
 * considered to be duplicates"). Types stay apart: the number 1 and the text "1" differ.
 */
function duplicateKey(v: Scalar): string {
  if (v === undefined) return ''
  if (typeof v === 'number') return `n${v}`
  if (typeof v === 'boolean') return `b${v}`
  if (typeof v === 'string') return v === '' ? '' : `s${v.toLowerCase()}`
  return `e${errorType(v)}`
}

/**
 * deleteDuplicates: removes each row of the range whose compared values duplicate an EARLIER row
 * of the range (the first one, scanning down, is kept). Content outside the range is not touched:
 * the kept rows move up inside the range and the range's last rows are left empty, so rows below
 * it stay where they are. Over the full width of the sheet a removed row is a removed row — its
 * properties and ROW developer metadata go with it, and those of kept rows move up with them;
 * over part of the width only the range's cells move. Rows empty in every compared column are
 * never counted as duplicates [I: Google leaves blank rows alone as far as is known].
 */
function deleteDuplicates(step: Step, body: Json): Json {
  if (body.range === undefined) bad(step, 'range is required.')
  const { sheet, bounds } = gridBounds(step, body.range)
  writableOrFail(step, sheet, bounds)
  const sheetId = sheet.properties.sheetId
  const columns: number[] = []
  for (const c of (body.comparisonColumns ?? []) as Json[]) {
    if ((typeof c.sheetId === 'number' ? c.sheetId : 0) !== sheetId)
      bad(step, 'comparisonColumns must be on the sheet of the range.')
    if (c.dimension !== 'COLUMNS') bad(step, 'comparisonColumns must have dimension COLUMNS.')
    const start = isIndex(c.startIndex) ? c.startIndex : bounds.startCol
    const end = isIndex(c.endIndex) ? c.endIndex : bounds.endCol
    if (start < bounds.startCol || end > bounds.endCol || end <= start)
      bad(step, 'comparisonColumns must be non-empty and inside the range.')
    for (let col = start; col < end; col++) if (!columns.includes(col)) columns.push(col)
  }
  if (columns.length === 0) for (let col = bounds.startCol; col < bounds.endCol; col++) columns.push(col)

  const reader = new ValueReader(step.ctx.ss)
  const seen = new Set<string>()
  const kept: number[] = []
  let removed = 0
  for (let r = bounds.startRow; r < bounds.endRow; r++) {
    const parts = columns.map((col) => duplicateKey(reader.effective(sheet, r, col)))
    const key = JSON.stringify(parts)
    if (parts.every((p) => p === '') || !seen.has(key)) {
      seen.add(key)
      kept.push(r)
    } else removed++
  }
  if (removed === 0) return {}

  const fullWidth = bounds.startCol === 0 && bounds.endCol === sheet.properties.gridProperties.columnCount
  const moved = new Map(kept.map((r, i) => [r, bounds.startRow + i]))
  if (fullWidth) {
    const rows = kept.map((r) => sheet.rows[r])
    const props = kept.map((r) => sheet.rowProps[r])
    for (let r = bounds.startRow; r < bounds.endRow; r++) {
      const i = r - bounds.startRow
      if (r < sheet.rows.length || rows[i] !== undefined) sheet.rows[r] = rows[i]
      if (r < sheet.rowProps.length || props[i] !== undefined) sheet.rowProps[r] = props[i]
    }
    trimRowList(sheet)
    const ss = step.ctx.ss
    ss.developerMetadata = ss.developerMetadata.flatMap((m) => {
      const loc = m.location
      if (loc.locationType !== 'ROW' || loc.sheetId !== sheetId) return [m]
      if (loc.index < bounds.startRow || loc.index >= bounds.endRow) return [m]
      const index = moved.get(loc.index)
      if (index === undefined) return []
      return index === loc.index ? [m] : [{ ...m, location: { ...loc, index } }]
    })
  } else {
    const blocks = kept.map((r) => {
      const row = sheet.rows[r]
      return Array.from({ length: bounds.endCol - bounds.startCol }, (_, i) => row?.[bounds.startCol + i])
    })
    for (let r = bounds.startRow; r < bounds.endRow; r++) {
      const block = blocks[r - bounds.startRow]
      if (block === undefined && sheet.rows[r] === undefined) continue
      updateRow(sheet, r, bounds.startCol, bounds.endCol, (_cell, c) => block?.[c - bounds.startCol])
    }
  }
  return { duplicatesRemovedCount: removed }
}

/** Drops trailing empty rows and row properties (the model never stores them). */
function trimRowList(sheet: SheetModel): void {
  while (sheet.rows.length > 0 && sheet.rows[sheet.rows.length - 1] === undefined) sheet.rows.length--
  while (sheet.rowProps.length > 0 && sheet.rowProps[sheet.rowProps.length - 1] === undefined) sheet.rowProps.length--
}

// ---- merges, filters, groups, copy/cut -----------------------------------------------------------

const MERGE_CONFLICT = 'You must select all cells in a merged range to merge or unmerge them.'

function inside(inner: ClosedBounds, outer: ClosedBounds): boolean {
  return (
    inner.startRow >= outer.startRow &&
    inner.endRow <= outer.endRow &&
    inner.startCol >= outer.startCol &&
    inner.endCol <= outer.endCol
  )
}

function overlapsBounds(a: ClosedBounds, b: ClosedBounds): boolean {
  return a.startRow < b.endRow && b.startRow < a.endRow && a.startCol < b.endCol && b.startCol < a.endCol
}

const closed = (g: GridRange): ClosedBounds => ({
  startRow: g.startRowIndex ?? 0,
  endRow: g.endRowIndex ?? 0,
  startCol: g.startColumnIndex ?? 0,
  endCol: g.endColumnIndex ?? 0,
})

const gridOf = (sheetId: number, b: ClosedBounds): GridRange => ({
  sheetId,
  startRowIndex: b.startRow,
  endRowIndex: b.endRow,
  startColumnIndex: b.startCol,
  endColumnIndex: b.endCol,
})

/** Merging keeps the top-left value of each merge and clears the others, as Sheets does. */
function mergeCells(step: Step, body: Json): undefined {
  const { sheet, bounds } = gridBounds(step, body.range)
  writableOrFail(step, sheet, bounds)
  const type = body.mergeType ?? 'MERGE_ALL'
  const parts: ClosedBounds[] = []
  if (type === 'MERGE_ALL') parts.push(bounds)
  else if (type === 'MERGE_COLUMNS') {
    for (let c = bounds.startCol; c < bounds.endCol; c++) parts.push({ ...bounds, startCol: c, endCol: c + 1 })
  } else if (type === 'MERGE_ROWS') {
    for (let r = bounds.startRow; r < bounds.endRow; r++) parts.push({ ...bounds, startRow: r, endRow: r + 1 })
  } else bad(step, `Invalid mergeType: ${String(type)}`)
  const merges = sheet.merges ?? []
  for (const m of merges) {
    const mb = closed(m)
    if (overlapsBounds(mb, bounds) && !inside(mb, bounds)) bad(step, MERGE_CONFLICT)
  }
  const kept = merges.filter((m) => !inside(closed(m), bounds))
  const added = parts.filter((p) => (p.endRow - p.startRow) * (p.endCol - p.startCol) > 1)
  if (added.length === 0) bad(step, 'Must merge at least two cells.')
  for (const p of added) {
    for (let r = p.startRow; r < Math.min(p.endRow, sheet.rows.length); r++) {
      updateRow(sheet, r, p.startCol, p.endCol, (cell, c) => {
        if (r === p.startRow && c === p.startCol) return cell
        if (cell?.value === undefined) return cell
        const { value: _dropped, ...rest } = cell
        return rest
      })
    }
  }
  sheet.merges = [...kept, ...added.map((p) => gridOf(sheet.properties.sheetId, p))]
  return undefined
}

function unmergeCells(step: Step, body: Json): undefined {
  const { sheet, bounds } = gridBounds(step, body.range)
  const merges = sheet.merges ?? []
  for (const m of merges) {
    const mb = closed(m)
    if (overlapsBounds(mb, bounds) && !inside(mb, bounds)) bad(step, MERGE_CONFLICT)
  }
  sheet.merges = merges.filter((m) => !inside(closed(m), bounds))
  return undefined
}

function setBasicFilter(step: Step, body: Json): undefined {
  const filter = (body.filter ?? {}) as Json
  if (filter.tableId !== undefined) bad(step, 'Tables are not supported by the local Sheets emulator.')
  const { sheet, bounds } = gridBounds(step, filter.range)
  const { range: _range, ...rest } = filter
  sheet.basicFilter = { range: gridOf(sheet.properties.sheetId, bounds), rest }
  return undefined
}

function clearBasicFilter(step: Step, body: Json): undefined {
  const sheet = sheetOf(step, body.sheetId)
  delete sheet.basicFilter
  return undefined
}

function addDimensionGroup(step: Step, body: Json): Json {
  const { sheet, dim, start, end, size } = dimensionRange(step, body.range, true)
  if (end > size) bad(step, `range.endIndex (${end}) is beyond the grid size (${size}).`)
  const key = dim === 'ROWS' ? 'rowGroups' : 'columnGroups'
  const groups = sheet[key] ?? []
  if (groups.some((g) => g.start === start && g.end === end)) bad(step, 'A group with the same range already exists.')
  if (
    groups.some(
      (g) =>
        g.start < end && start < g.end && !(g.start <= start && g.end >= end) && !(start <= g.start && end >= g.end),
    )
  ) {
    bad(step, 'Groups must not partially overlap.')
  }
  sheet[key] = [...groups, { start, end }]
  // Sheets turns the group control on ("after") once a sheet has groups.
  const grid = sheet.properties.gridProperties
  if (dim === 'ROWS') grid.rowGroupControlAfter ??= true
  else grid.columnGroupControlAfter ??= true
  return { dimensionGroups: groupsJson(sheet, dim) }
}

function deleteDimensionGroup(step: Step, body: Json): Json {
  const { sheet, dim, start, end } = dimensionRange(step, body.range, true)
  const key = dim === 'ROWS' ? 'rowGroups' : 'columnGroups'
  const groups = sheet[key] ?? []
  const index = groups.findIndex((g) => g.start === start && g.end === end)
  if (index < 0) bad(step, 'No group matches the given range.')
  sheet[key] = groups.filter((_, i) => i !== index)
  const remaining = groupsJson(sheet, dim)
  return remaining.length > 0 ? { dimensionGroups: remaining } : {}
}

const PASTE_TYPES = new Set([
  'PASTE_NORMAL',
  'PASTE_VALUES',
  'PASTE_FORMAT',
  'PASTE_NO_BORDERS',
  'PASTE_FORMULA',
  'PASTE_DATA_VALIDATION',
  'PASTE_CONDITIONAL_FORMATTING',
])

/** The part of a source cell a paste type carries over. */
function pastedCell(source: Cell | undefined, target: Cell | undefined, pasteType: string): Cell | undefined {
  const next: { -readonly [K in keyof Cell]: Cell[K] } = { ...(target ?? {}) }
  const put = <K extends keyof Cell>(key: K) => {
    const v = source?.[key]
    if (v === undefined) delete next[key]
    else next[key] = v
  }
  switch (pasteType) {
    case 'PASTE_VALUES':
    case 'PASTE_FORMULA':
      put('value')
      break
    case 'PASTE_FORMAT':
    case 'PASTE_CONDITIONAL_FORMATTING':
      put('format')
      break
    case 'PASTE_DATA_VALIDATION':
      put('validation')
      break
    default:
      return source
  }
  return isEmptyCell(next) ? undefined : next
}

function pasteBlock(
  step: Step,
  sheet: SheetModel,
  block: readonly (readonly (Cell | undefined)[])[],
  dest: ClosedBounds,
  pasteType: string,
): void {
  const h = block.length
  const w = block[0]?.length ?? 0
  if (h === 0 || w === 0) return
  // Whole multiples of the source tile the destination; otherwise the source is pasted once.
  const rows =
    (dest.endRow - dest.startRow) % h === 0 && dest.endRow - dest.startRow >= h ? dest.endRow - dest.startRow : h
  const cols =
    (dest.endCol - dest.startCol) % w === 0 && dest.endCol - dest.startCol >= w ? dest.endCol - dest.startCol : w
  const grid = sheet.properties.gridProperties
  if (dest.startRow + rows > grid.rowCount || dest.startCol + cols > grid.columnCount) {
    bad(step, `The paste would go beyond the grid (Max rows: ${grid.rowCount}, max columns: ${grid.columnCount}).`)
  }
  writableOrFail(step, sheet, {
    startRow: dest.startRow,
    endRow: dest.startRow + rows,
    startCol: dest.startCol,
    endCol: dest.startCol + cols,
  })
  for (let r = 0; r < rows; r++) {
    updateRow(sheet, dest.startRow + r, dest.startCol, dest.startCol + cols, (cell, c) =>
      pastedCell(block[r % h]?.[(c - dest.startCol) % w], cell, pasteType),
    )
  }
}

function copyBlock(sheet: SheetModel, b: ClosedBounds, transpose: boolean): (Cell | undefined)[][] {
  const block: (Cell | undefined)[][] = []
  for (let r = b.startRow; r < b.endRow; r++) {
    const line: (Cell | undefined)[] = []
    for (let c = b.startCol; c < b.endCol; c++) line.push(sheet.rows[r]?.[c])
    block.push(line)
  }
  if (!transpose) return block
  return Array.from({ length: b.endCol - b.startCol }, (_, c) => block.map((line) => line[c]))
}

function copyPaste(step: Step, body: Json): undefined {
  const source = gridBounds(step, body.source)
  const dest = gridBounds(step, body.destination)
  const pasteType = String(body.pasteType ?? 'PASTE_NORMAL')
  if (!PASTE_TYPES.has(pasteType)) bad(step, `Invalid pasteType: ${pasteType}`)
  const orientation = body.pasteOrientation ?? 'NORMAL'
  if (orientation !== 'NORMAL' && orientation !== 'TRANSPOSE')
    bad(step, `Invalid pasteOrientation: ${String(orientation)}`)
  const block = copyBlock(source.sheet, source.bounds, orientation === 'TRANSPOSE')
  pasteBlock(step, dest.sheet, block, dest.bounds, pasteType)
  return undefined
}

function cutPaste(step: Step, body: Json): undefined {
  const source = gridBounds(step, body.source)
  const d = (body.destination ?? {}) as Json
  const destSheet = sheetOf(step, d.sheetId)
  const pasteType = String(body.pasteType ?? 'PASTE_NORMAL')
  if (!PASTE_TYPES.has(pasteType)) bad(step, `Invalid pasteType: ${pasteType}`)
  const block = copyBlock(source.sheet, source.bounds, false)
  writableOrFail(step, source.sheet, source.bounds)
  for (let r = source.bounds.startRow; r < Math.min(source.bounds.endRow, source.sheet.rows.length); r++) {
    updateRow(source.sheet, r, source.bounds.startCol, source.bounds.endCol, () => undefined)
  }
  const row = isIndex(d.rowIndex) ? d.rowIndex : 0
  const col = isIndex(d.columnIndex) ? d.columnIndex : 0
  const h = block.length
  const w = block[0]?.length ?? 0
  pasteBlock(step, destSheet, block, { startRow: row, endRow: row + h, startCol: col, endCol: col + w }, pasteType)
  return undefined
}

// ---- protected ranges ----------------------------------------------------------------------------

function protectedFrom(
  step: Step,
  p: Json,
  id: number,
  createdBy: string,
): { model: ProtectedRangeModel; sheet: SheetModel } {
  const targets = [p.range, p.namedRangeId, p.tableId].filter((x) => x !== undefined).length
  if (targets !== 1) bad(step, 'Exactly one of range, namedRangeId or tableId must be set.')
  if (p.tableId !== undefined) bad(step, 'Tables are not supported by the local Sheets emulator.')
  const editors = (p.editors ?? {}) as Json
  const users = (editors.users ?? []) as string[]
  const groups = (editors.groups ?? []) as string[]
  if (p.warningOnly === true && (users.length > 0 || groups.length > 0 || editors.domainUsersCanEdit === true)) {
    bad(step, 'Editors are not supported with warning_only protection.')
  }
  let sheet: SheetModel
  let range: GridRange | undefined
  if (p.range !== undefined) {
    const g = gridBounds(step, p.range)
    sheet = g.sheet
    range = g.range
  } else {
    const named = step.ctx.ss.namedRanges.find((n) => n.namedRangeId === p.namedRangeId)
    if (!named) bad(step, `No named range with id: ${String(p.namedRangeId)}`)
    sheet = sheetOf(step, named.range.sheetId)
  }
  const unprotected = ((p.unprotectedRanges ?? []) as Json[]).map((u) => gridBounds(step, u).range)
  if (
    unprotected.length > 0 &&
    range &&
    (range.startRowIndex !== undefined ||
      range.startColumnIndex !== undefined ||
      range.endRowIndex !== undefined ||
      range.endColumnIndex !== undefined)
  ) {
    bad(step, 'unprotectedRanges are only supported on protected sheets.')
  }
  const model: ProtectedRangeModel = {
    protectedRangeId: id,
    ...(range ? { range } : {}),
    ...(typeof p.namedRangeId === 'string' ? { namedRangeId: p.namedRangeId } : {}),
    ...(typeof p.description === 'string' && p.description !== '' ? { description: p.description } : {}),
    ...(p.warningOnly === true ? { warningOnly: true } : {}),
    editors: { users, groups, ...(editors.domainUsersCanEdit === true ? { domainUsersCanEdit: true } : {}) },
    ...(unprotected.length > 0 ? { unprotectedRanges: unprotected } : {}),
    createdBy,
  }
  return { model, sheet }
}

function allProtected(ss: SpreadsheetModel): ProtectedRangeModel[] {
  return ss.sheets.flatMap((s) => s.protectedRanges)
}

function addProtectedRange(step: Step, body: Json): Json {
  const p = (body.protectedRange ?? {}) as Json
  const ss = step.ctx.ss
  const taken = (id: number) => allProtected(ss).some((x) => x.protectedRangeId === id)
  if (typeof p.protectedRangeId === 'number' && taken(p.protectedRangeId)) {
    bad(step, `A protected range with id ${p.protectedRangeId} already exists.`)
  }
  const id = typeof p.protectedRangeId === 'number' ? p.protectedRangeId : newInt32(step.ctx.random, taken)
  const { model, sheet } = protectedFrom(step, p, id, step.ctx.caller)
  sheet.protectedRanges.push(model)
  return { protectedRange: protectedRangeReplyJson(ss, model, step.ctx.caller) }
}

function findProtected(step: Step, id: unknown): { sheet: SheetModel; index: number } {
  for (const sheet of step.ctx.ss.sheets) {
    const index = sheet.protectedRanges.findIndex((p) => p.protectedRangeId === id)
    if (index >= 0) return { sheet, index }
  }
  bad(step, `No protected range with id: ${String(id)}`)
}

function updateProtectedRange(step: Step, body: Json): undefined {
  const p = (body.protectedRange ?? {}) as Json
  const { sheet, index } = findProtected(step, p.protectedRangeId)
  const current = sheet.protectedRanges[index]
  if (!current) bad(step, `No protected range with id: ${String(p.protectedRangeId)}`)
  const json: Json = {
    ...(current.range ? { range: gridRangeJson(current.range) } : {}),
    ...(current.namedRangeId === undefined ? {} : { namedRangeId: current.namedRangeId }),
    ...(current.description === undefined ? {} : { description: current.description }),
    ...(current.warningOnly ? { warningOnly: true } : {}),
    editors: { users: [...current.editors.users], groups: [...current.editors.groups] },
    ...(current.unprotectedRanges ? { unprotectedRanges: current.unprotectedRanges.map(gridRangeJson) } : {}),
  }
  if (json.range) (json.range as Json).sheetId = current.range?.sheetId
  for (const path of fieldPaths(step, body.fields)) {
    const keys =
      path === '*' ? ['range', 'namedRangeId', 'description', 'warningOnly', 'editors', 'unprotectedRanges'] : [path]
    for (const key of keys) setPath(json, key, p)
  }
  const { model, sheet: target } = protectedFrom(step, json, current.protectedRangeId, current.createdBy)
  sheet.protectedRanges.splice(index, 1)
  target.protectedRanges.push(model)
  return undefined
}

function deleteProtectedRange(step: Step, body: Json): undefined {
  const { sheet, index } = findProtected(step, body.protectedRangeId)
  sheet.protectedRanges.splice(index, 1)
  return undefined
}

// ---- conditional formats -----------------------------------------------------------------------

function addConditionalFormatRule(step: Step, body: Json): undefined {
  const rule = (body.rule ?? {}) as Json
  const ranges = (rule.ranges ?? []) as Json[]
  if (ranges.length === 0) bad(step, 'At least one range is required.')
  const resolved = ranges.map((r) => gridBounds(step, r))
  const sheet = resolved[0]?.sheet
  if (!sheet || resolved.some((r) => r.sheet !== sheet)) bad(step, 'All ranges of a rule must be on the same sheet.')
  const boolean = rule.booleanRule as Json | undefined
  const gradient = rule.gradientRule as Json | undefined
  if ((boolean === undefined) === (gradient === undefined))
    bad(step, 'Exactly one of booleanRule or gradientRule must be set.')
  let stored: ConditionalFormatRule
  if (boolean) {
    checkedCondition(step, boolean.condition, 'ConditionalFormatRule')
    const format = (boolean.format ?? {}) as Json
    const allowed = new Set(['backgroundColor', 'backgroundColorStyle', 'textFormat'])
    for (const key of Object.keys(format)) {
      if (!allowed.has(key))
        bad(
          step,
          `Conditional formats can only set bold, italic, strikethrough, foreground and background colours; not ${key}.`,
        )
    }
    const text = (format.textFormat ?? {}) as Json
    for (const key of Object.keys(text)) {
      if (!['bold', 'italic', 'strikethrough', 'underline', 'foregroundColor', 'foregroundColorStyle'].includes(key)) {
        bad(step, `Conditional formats cannot set textFormat.${key}.`)
      }
    }
    stored = {
      ranges: resolved.map((r) => gridRangeJson(r.range)),
      booleanRule: { ...boolean, format: normalizeFormatColors(format) },
    }
  } else {
    stored = { ranges: resolved.map((r) => gridRangeJson(r.range)), gradientRule: gradient ?? {} }
  }
  const index = isIndex(body.index) ? body.index : 0
  if (index < 0 || index > sheet.conditionalFormats.length)
    bad(step, `index must be between 0 and ${sheet.conditionalFormats.length}.`)
  sheet.conditionalFormats.splice(index, 0, stored)
  return undefined
}

function deleteConditionalFormatRule(step: Step, body: Json): Json {
  const sheet = sheetOf(step, body.sheetId)
  const index = body.index
  if (!isIndex(index) || index < 0 || index >= sheet.conditionalFormats.length)
    bad(step, `No conditional format on sheet ${sheet.properties.sheetId} at index ${String(index)}`)
  const [rule] = sheet.conditionalFormats.splice(index, 1)
  return { rule }
}

// ---- developer metadata ----------------------------------------------------------------------------

function createDeveloperMetadata(step: Step, body: Json): Json {
  const d = (body.developerMetadata ?? {}) as Json
  const ss = step.ctx.ss
  if (typeof d.metadataKey !== 'string' || d.metadataKey === '') bad(step, 'developerMetadata.metadataKey is required.')
  if (d.visibility !== 'DOCUMENT' && d.visibility !== 'PROJECT')
    bad(step, 'developerMetadata.visibility must be DOCUMENT or PROJECT.')
  const taken = (id: number) => metadataIds(step.ctx).has(id)
  if (
    typeof d.metadataId === 'number' &&
    (d.metadataId <= 0 || ss.developerMetadata.some((m) => m.metadataId === d.metadataId))
  ) {
    bad(step, `Developer metadata with id ${d.metadataId} already exists or is invalid.`)
  }
  const location = parseLocation(ss, d.location as Json | undefined)
  if (typeof location === 'string') bad(step, location)
  const model: DeveloperMetadataModel = {
    metadataId: typeof d.metadataId === 'number' ? d.metadataId : newInt32(step.ctx.random, taken),
    metadataKey: d.metadataKey,
    ...(typeof d.metadataValue === 'string' ? { metadataValue: d.metadataValue } : {}),
    visibility: d.visibility,
    location,
  }
  ss.developerMetadata.push(model)
  metadataIds(step.ctx).add(model.metadataId)
  return { developerMetadata: metadataJson(model) }
}

const idCache = new WeakMap<BatchContext, Set<number>>()

/** Ids ever used in this batch (deleted ones included: they are only avoided for new random ids). */
function metadataIds(ctx: BatchContext): Set<number> {
  let ids = idCache.get(ctx)
  if (!ids) {
    ids = new Set(ctx.ss.developerMetadata.map((m) => m.metadataId))
    idCache.set(ctx, ids)
  }
  return ids
}

function selectMetadata(step: Step, filters: readonly Json[]): DeveloperMetadataModel[] {
  const out = new Map<number, DeveloperMetadataModel>()
  for (const f of filters) {
    const matched = matchFilter(step.ctx.ss, f as DataFilterInput)
    if ('code' in matched) bad(step, matched.message)
    for (const m of matched) out.set(m.metadataId, m)
  }
  return [...out.values()]
}

function updateDeveloperMetadata(step: Step, body: Json): Json {
  const filters = (body.dataFilters ?? []) as Json[]
  if (filters.length === 0) bad(step, 'At least one dataFilter is required.')
  const targets = selectMetadata(step, filters)
  const d = (body.developerMetadata ?? {}) as Json
  const paths = fieldPaths(step, body.fields)
  const ss = step.ctx.ss
  const updated: DeveloperMetadataModel[] = []
  for (const m of targets) {
    const json = { metadataKey: m.metadataKey, metadataValue: m.metadataValue, visibility: m.visibility } as Json
    let location = m.location
    for (const path of paths) {
      const keys = path === '*' ? ['metadataKey', 'metadataValue', 'visibility', 'location'] : [path]
      for (const key of keys) {
        if (key === 'metadataId') bad(step, 'metadataId cannot be updated.')
        if (key.startsWith('location')) {
          const parsed = parseLocation(ss, d.location as Json | undefined)
          if (typeof parsed === 'string') bad(step, parsed)
          location = parsed
          continue
        }
        if (!['metadataKey', 'metadataValue', 'visibility'].includes(key)) bad(step, `Invalid field mask path: ${key}`)
        setPath(json, key, d)
      }
    }
    if (typeof json.metadataKey !== 'string' || json.metadataKey === '') bad(step, 'metadataKey is required.')
    if (json.visibility !== 'DOCUMENT' && json.visibility !== 'PROJECT')
      bad(step, 'visibility must be DOCUMENT or PROJECT.')
    const next: DeveloperMetadataModel = {
      metadataId: m.metadataId,
      metadataKey: json.metadataKey,
      ...(typeof json.metadataValue === 'string' ? { metadataValue: json.metadataValue } : {}),
      visibility: json.visibility,
      location,
    }
    ss.developerMetadata = ss.developerMetadata.map((x) => (x.metadataId === m.metadataId ? next : x))
    updated.push(next)
  }
  return { developerMetadata: updated.map(metadataJson) }
}

function deleteDeveloperMetadata(step: Step, body: Json): Json {
  const filter = body.dataFilter as Json | undefined
  if (!filter) bad(step, 'dataFilter is required.')
  const targets = selectMetadata(step, [filter])
  const ids = new Set(targets.map((m) => m.metadataId))
  step.ctx.ss.developerMetadata = step.ctx.ss.developerMetadata.filter((m) => !ids.has(m.metadataId))
  return targets.length > 0 ? { deletedDeveloperMetadata: targets.map(metadataJson) } : {}
}

// ---- named ranges ----------------------------------------------------------------------------------

function checkName(step: Step, name: unknown, exceptId?: string): string {
  if (typeof name !== 'string' || name === '') bad(step, 'namedRange.name is required.')
  const looksLikeRef = /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr][0-9]*[Cc][0-9]*$/.test(name)
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || looksLikeRef || /^(true|false)$/i.test(name) || name.length > 250) {
    bad(step, `The name "${name}" is not a valid name for a named range.`)
  }
  const lower = name.toLowerCase()
  if (step.ctx.ss.namedRanges.some((n) => n.name.toLowerCase() === lower && n.namedRangeId !== exceptId)) {
    bad(step, `Named range "${name}" already exists.`)
  }
  return name
}

function addNamedRange(step: Step, body: Json): Json {
  const n = (body.namedRange ?? {}) as Json
  const ss = step.ctx.ss
  const name = checkName(step, n.name)
  const { range } = gridBounds(step, n.range)
  const taken = (id: number) => ss.namedRanges.some((x) => x.namedRangeId === String(id))
  if (typeof n.namedRangeId === 'string' && ss.namedRanges.some((x) => x.namedRangeId === n.namedRangeId)) {
    bad(step, `A named range with id ${n.namedRangeId} already exists.`)
  }
  const id =
    typeof n.namedRangeId === 'string' && n.namedRangeId !== ''
      ? n.namedRangeId
      : String(newInt32(step.ctx.random, taken))
  const model = { namedRangeId: id, name, range }
  ss.namedRanges.push(model)
  return { namedRange: namedRangeJson(model) }
}

function updateNamedRange(step: Step, body: Json): undefined {
  const n = (body.namedRange ?? {}) as Json
  const ss = step.ctx.ss
  const index = ss.namedRanges.findIndex((x) => x.namedRangeId === n.namedRangeId)
  const current = ss.namedRanges[index]
  if (!current) bad(step, `No named range with id: ${String(n.namedRangeId)}`)
  const json: Json = { name: current.name, range: { ...current.range } }
  for (const path of fieldPaths(step, body.fields)) {
    const keys = path === '*' ? ['name', 'range'] : [path]
    for (const key of keys) {
      if (!key.startsWith('name') && !key.startsWith('range')) bad(step, `Invalid field mask path: ${key}`)
      setPath(json, key, n)
    }
  }
  const name = checkName(step, json.name, current.namedRangeId)
  const { range } = gridBounds(step, json.range)
  ss.namedRanges[index] = { namedRangeId: current.namedRangeId, name, range }
  return undefined
}

function deleteNamedRange(step: Step, body: Json): undefined {
  const ss = step.ctx.ss
  const before = ss.namedRanges.length
  ss.namedRanges = ss.namedRanges.filter((n) => n.namedRangeId !== body.namedRangeId)
  if (ss.namedRanges.length === before) bad(step, `No named range with id: ${String(body.namedRangeId)}`)
  return undefined
}
