/**
 * spreadsheets.values.*: reads with Google's trimming (§2.3), writes with its counting rules
 * (§2.4), append with table detection (§2.6) and clear (§2.7). All functions work on a
 * transaction copy of the spreadsheet; the caller commits or drops it.
 */
import { type ClosedBounds, columnLetters, formatArea } from './a1-notation.js'
import {
  type DateTimeRenderOption,
  type InputValue,
  parseInput,
  renderCell,
  type ValueInputOption,
  type ValueReader,
  type ValueRenderOption,
  writeInput,
} from './cell-values.js'
import { type ApiError, fail, invalidArgument, type Outcome, ok } from './google-errors.js'
import { assertEditable } from './protection.js'
import {
  clampedForClear,
  clampToGrid,
  gridLimitError,
  rangeText,
  resolveRange,
  withinGrid,
} from './range-resolution.js'
import { type LocaleConventions, localeConventions } from './spreadsheet-locale.js'
import {
  CELL_LIMIT,
  type Cell,
  insertDimension,
  isEmptyCell,
  type SheetModel,
  type SpreadsheetModel,
  setRow,
  totalCells,
  updateRow,
  valueRuns,
} from './spreadsheet-model.js'

export type MajorDimension = 'ROWS' | 'COLUMNS'

export interface ReadOptions {
  readonly majorDimension: MajorDimension
  readonly render: ValueRenderOption
  readonly dates: DateTimeRenderOption
}

export interface ValueRangeJson {
  range: string
  majorDimension: MajorDimension
  values?: (string | number | boolean)[][]
}

/** Renders a closed area with the trimming rules: trailing empties dropped, interior "" and []. */
export function readArea(
  reader: ValueReader,
  sheet: SheetModel,
  b: ClosedBounds,
  opts: ReadOptions,
): (string | number | boolean)[][] {
  const cellAt = (r: number, c: number): string | number | boolean | undefined =>
    renderCell(reader, sheet, r, c, sheet.rows[r]?.[c], opts.render, opts.dates)
  const lines: (string | number | boolean)[][] = []
  const outerEnd = opts.majorDimension === 'ROWS' ? b.endRow : b.endCol
  const outerStart = opts.majorDimension === 'ROWS' ? b.startRow : b.startCol
  const innerStart = opts.majorDimension === 'ROWS' ? b.startCol : b.startRow
  let innerEnd = opts.majorDimension === 'ROWS' ? b.endCol : b.endRow
  // Nothing lies past the stored rows/columns, so the loops stop there (10,000-row tabs stay fast).
  const storedRows = sheet.rows.length
  let lastNonEmpty = -1
  let outerLimit = outerEnd
  if (opts.majorDimension === 'ROWS') outerLimit = Math.min(outerEnd, storedRows)
  else innerEnd = Math.min(innerEnd, storedRows)
  for (let o = outerStart; o < outerLimit; o++) {
    const line: (string | number | boolean)[] = []
    let last = -1
    const limit = opts.majorDimension === 'ROWS' ? Math.min(innerEnd, sheet.rows[o]?.length ?? 0) : innerEnd
    for (let i = innerStart; i < limit; i++) {
      const v = opts.majorDimension === 'ROWS' ? cellAt(o, i) : cellAt(i, o)
      if (v === undefined || v === '') {
        line.push('')
        continue
      }
      line.push(v)
      last = line.length - 1
    }
    line.length = last + 1
    lines.push(line)
    if (last >= 0) lastNonEmpty = lines.length - 1
  }
  lines.length = lastNonEmpty + 1
  return lines
}

export function valueRange(reader: ValueReader, sheet: SheetModel, b: ClosedBounds, opts: ReadOptions): ValueRangeJson {
  const values = readArea(reader, sheet, b, opts)
  return {
    range: rangeText(sheet, b),
    majorDimension: opts.majorDimension,
    ...(values.length > 0 ? { values } : {}),
  }
}

export function readValues(
  ss: SpreadsheetModel,
  reader: ValueReader,
  input: string,
  opts: ReadOptions,
): Outcome<ValueRangeJson> {
  const resolved = resolveRange(ss, input)
  if (!resolved.ok) return resolved
  const bounds = withinGrid(resolved.value)
  if (!bounds.ok) return bounds
  return ok(valueRange(reader, resolved.value.sheet, bounds.value, opts))
}

/** The input array oriented as rows (COLUMNS input transposed). */
function asRows(values: readonly (readonly InputValue[])[], major: MajorDimension): readonly (readonly InputValue[])[] {
  if (major === 'ROWS') return values
  const width = values.reduce((m, col) => Math.max(m, col.length), 0)
  const rows: InputValue[][] = []
  for (let r = 0; r < width; r++) rows.push(values.map((col) => (r < col.length ? (col[r] ?? null) : null)))
  return rows
}

export interface WriteCounts {
  updatedRange: string
  updatedRows: number
  updatedColumns: number
  updatedCells: number
  /** For batch totals: distinct rows/columns touched, as "sheetId:index". */
  readonly touchedRows: ReadonlySet<string>
  readonly touchedCols: ReadonlySet<string>
  readonly sheetId: number
  readonly written: ClosedBounds
}

/** Validates the shape Google accepts inside ListValues: scalars and null only. */
function checkCells(rows: readonly (readonly unknown[])[], major: MajorDimension): ApiError | undefined {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? []
    for (let j = 0; j < row.length; j++) {
      const v = row[j]
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        if (typeof v === 'string' && v.length > 50_000) {
          return invalidArgument('Your input contains more than the maximum of 50000 characters in a single cell.')
        }
        continue
      }
      const [r, c] = major === 'ROWS' ? [i, j] : [j, i]
      const kind = Array.isArray(v) ? 'list_value' : 'struct_value'
      return invalidArgument(`Invalid values[${r}][${c}]: ${kind} {\n}`)
    }
  }
  return undefined
}

/** One input cell applied to a stored cell; undefined when the result holds nothing. */
function writeCell(
  cell: Cell | undefined,
  input: string | number | boolean,
  option: ValueInputOption,
  locale: LocaleConventions,
): Cell | undefined {
  // Fast path for the common RAW text/number write into a plain cell (10,000-row tabs).
  if (option === 'RAW' || typeof input !== 'string') {
    const value =
      typeof input === 'string'
        ? input === ''
          ? undefined
          : { stringValue: input }
        : typeof input === 'number'
          ? { numberValue: input }
          : { boolValue: input }
    if (cell === undefined) return value === undefined ? undefined : { value }
    const next = writeInput(cell, { value })
    return isEmptyCell(next) ? undefined : next
  }
  const next = writeInput(cell, parseInput(input, option, locale))
  return isEmptyCell(next) ? undefined : next
}

/**
 * Writes a rows-oriented array at (row, col); null leaves a cell unchanged and is not counted.
 * USER_ENTERED text is parsed in the spreadsheet's locale (§4.1).
 */
function writeBlock(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  col: number,
  rows: readonly (readonly InputValue[])[],
  option: ValueInputOption,
): Omit<WriteCounts, 'updatedRange'> {
  const locale = localeConventions(ss.properties.locale)
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0)
  const touchedRows = new Set<string>()
  const touchedCols = new Set<string>()
  const id = sheet.properties.sheetId
  let cells = 0
  for (let i = 0; i < rows.length; i++) {
    const line = rows[i] ?? []
    const current = sheet.rows[row + i]
    let next: (Cell | undefined)[] | undefined
    for (let j = 0; j < line.length; j++) {
      const input = line[j]
      if (input === null || input === undefined) continue
      next ??= current ? current.slice() : []
      const c = col + j
      const written = writeCell(next[c], input, option, locale)
      if (written !== undefined || c < next.length) next[c] = written
      cells++
      touchedCols.add(`${id}:${c}`)
    }
    if (next === undefined) continue
    touchedRows.add(`${id}:${row + i}`)
    setRow(sheet, row + i, next)
  }
  return {
    updatedRows: touchedRows.size,
    updatedColumns: touchedCols.size,
    updatedCells: cells,
    touchedRows,
    touchedCols,
    sheetId: id,
    written: { startRow: row, endRow: row + Math.max(rows.length, 1), startCol: col, endCol: col + Math.max(width, 1) },
  }
}

export interface WriteRequest {
  readonly range: string
  readonly values: readonly (readonly InputValue[])[]
  readonly majorDimension: MajorDimension
  readonly option: ValueInputOption
  readonly caller: string
}

/** values.update semantics (§2.4): anchor expansion, no grid growth, exact counting. */
export function updateValues(
  ss: SpreadsheetModel,
  req: WriteRequest,
): Outcome<WriteCounts & { requested: ClosedBounds }> {
  const resolved = resolveRange(ss, req.range)
  if (!resolved.ok) return resolved
  const { sheet, bounds } = resolved.value
  const inGrid = withinGrid(resolved.value)
  if (!inGrid.ok) return inGrid
  const shapeError = checkCells(req.values, req.majorDimension)
  if (shapeError) return fail(shapeError)
  const rows = asRows(req.values, req.majorDimension)
  const height = rows.length
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0)
  const target = inGrid.value
  const singleCell =
    bounds.startRow !== undefined &&
    bounds.endRow === bounds.startRow + 1 &&
    bounds.startCol !== undefined &&
    bounds.endCol === bounds.startCol + 1
  const limit = singleCell ? clampToGrid(sheet, {}) : target
  const endRow = target.startRow + height
  const endCol = target.startCol + width
  if (singleCell && (endRow > limit.endRow || endCol > limit.endCol)) {
    // Whether Google grows the grid here is unverified; the stricter answer is an error (§2.4).
    return fail(
      gridLimitError(sheet, formatArea({ startRow: target.startRow, endRow, startCol: target.startCol, endCol })),
    )
  }
  if (!singleCell && endRow > limit.endRow) {
    return fail(
      invalidArgument(
        `Requested writing within range [${rangeText(sheet, target)}], but tried writing to row [${limit.endRow + 1}]`,
      ),
    )
  }
  if (!singleCell && endCol > limit.endCol) {
    return fail(
      invalidArgument(
        `Requested writing within range [${rangeText(sheet, target)}], but tried writing to column [${columnLetters(limit.endCol)}]`,
      ),
    )
  }
  const area = {
    startRow: target.startRow,
    endRow: target.startRow + Math.max(height, 1),
    startCol: target.startCol,
    endCol: target.startCol + Math.max(width, 1),
  }
  const locked = assertEditable(ss, sheet, area, req.caller)
  if (locked) return fail(locked)
  const counts = writeBlock(ss, sheet, target.startRow, target.startCol, rows, req.option)
  return ok({ ...counts, updatedRange: rangeText(sheet, counts.written), requested: target })
}

interface Table {
  top: number
  bottom: number
  left: number
  right: number
  hitsRange: boolean
}

/**
 * The tables of §2.6: 4-connected blocks of cells holding values, found with union-find over the
 * cached per-row runs, so a 10,000-row tab costs one pass over its rows, not over its cells.
 * Runs live in flat number arrays to keep the pass allocation-light.
 */
export function findTables(sheet: SheetModel, area: ClosedBounds): Table[] {
  const runRow: number[] = []
  const runStart: number[] = []
  const runEnd: number[] = []
  const parent: number[] = []
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root] as number
    while (parent[i] !== root) {
      const next = parent[i] as number
      parent[i] = root
      i = next
    }
    return root
  }
  let prevFrom = 0
  let prevTo = 0
  const rows = sheet.rows
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    const from = runRow.length
    if (row !== undefined) {
      const runs = valueRuns(row)
      for (let k = 0; k < runs.length; k += 2) {
        parent.push(runRow.length)
        runRow.push(r)
        runStart.push(runs[k] as number)
        runEnd.push(runs[k + 1] as number)
      }
    }
    const to = runRow.length
    // Join with overlapping runs of the row above (both lists are sorted by column).
    if (prevTo > prevFrom) {
      let p = prevFrom
      for (let k = from; k < to; k++) {
        const s = runStart[k] as number
        const e = runEnd[k] as number
        while (p < prevTo && (runEnd[p] as number) <= s) p++
        for (let q = p; q < prevTo && (runStart[q] as number) < e; q++) {
          const a = find(q)
          const b = find(k)
          // The smaller index stays root, so a root is always the earliest run of its set.
          if (a < b) parent[b] = a
          else if (b < a) parent[a] = b
        }
      }
    }
    prevFrom = from
    prevTo = to
  }
  const n = runRow.length
  const top: number[] = new Array(n)
  const bottom: number[] = new Array(n)
  const left: number[] = new Array(n)
  const right: number[] = new Array(n)
  const hits: boolean[] = new Array(n)
  const roots: number[] = []
  for (let k = 0; k < n; k++) {
    const root = find(k)
    const r = runRow[k] as number
    const s = runStart[k] as number
    const e = (runEnd[k] as number) - 1
    const hit = r >= area.startRow && r < area.endRow && s < area.endCol && e + 1 > area.startCol
    if (root === k) {
      roots.push(k)
      top[k] = r
      bottom[k] = r
      left[k] = s
      right[k] = e
      hits[k] = hit
      continue
    }
    // Runs are visited top-down and each root is the earliest run of its set: initialised first.
    if (r > (bottom[root] as number)) bottom[root] = r
    if (s < (left[root] as number)) left[root] = s
    if (e > (right[root] as number)) right[root] = e
    if (hit) hits[root] = true
  }
  return roots.map((k) => ({
    top: top[k] as number,
    bottom: bottom[k] as number,
    left: left[k] as number,
    right: right[k] as number,
    hitsRange: hits[k] === true,
  }))
}

export interface AppendResult {
  readonly tableRange?: string
  readonly counts: WriteCounts
}

export function appendValues(
  ss: SpreadsheetModel,
  req: WriteRequest & { readonly insertDataOption: 'OVERWRITE' | 'INSERT_ROWS' },
): Outcome<AppendResult> {
  const resolved = resolveRange(ss, req.range)
  if (!resolved.ok) return resolved
  const { sheet } = resolved.value
  const inGrid = withinGrid(resolved.value)
  if (!inGrid.ok) return inGrid
  const shapeError = checkCells(req.values, req.majorDimension)
  if (shapeError) return fail(shapeError)
  const rows = asRows(req.values, req.majorDimension)
  const height = rows.length
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0)
  const area = inGrid.value
  let table: Table | undefined
  for (const t of findTables(sheet, area)) {
    if (!t.hitsRange) continue
    if (!table || t.bottom > table.bottom || (t.bottom === table.bottom && t.right > table.right)) table = t
  }
  const targetRow = table ? table.bottom + 1 : area.startRow
  const targetCol = table ? table.left : area.startCol
  const grid = sheet.properties.gridProperties
  const before = totalCells(ss)
  if (req.insertDataOption === 'INSERT_ROWS' && height > 0) {
    insertDimension(ss, sheet, 'ROWS', Math.min(targetRow, grid.rowCount), height, 'none')
  } else if (targetRow + height > grid.rowCount) {
    grid.rowCount = targetRow + height
  }
  if (targetCol + width > grid.columnCount) grid.columnCount = targetCol + width
  if (totalCells(ss) > CELL_LIMIT && totalCells(ss) > before) {
    return fail(
      invalidArgument(
        'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
      ),
    )
  }
  const writeArea = {
    startRow: targetRow,
    endRow: targetRow + Math.max(height, 1),
    startCol: targetCol,
    endCol: targetCol + Math.max(width, 1),
  }
  const locked = assertEditable(ss, sheet, writeArea, req.caller)
  if (locked) return fail(locked)
  const counts = writeBlock(ss, sheet, targetRow, targetCol, rows, req.option)
  return ok({
    ...(table
      ? {
          tableRange: rangeText(sheet, {
            startRow: table.top,
            endRow: table.bottom + 1,
            startCol: table.left,
            endCol: table.right + 1,
          }),
        }
      : {}),
    counts: { ...counts, updatedRange: rangeText(sheet, counts.written) },
  })
}

/** values.clear: only values go; formats, notes, validation and metadata stay (§2.7). */
export function clearValues(ss: SpreadsheetModel, range: string, caller: string): Outcome<string> {
  const resolved = resolveRange(ss, range)
  if (!resolved.ok) return resolved
  const bounds = clampedForClear(resolved.value)
  if (!bounds.ok) return bounds
  const sheet = resolved.value.sheet
  const b = bounds.value
  const locked = assertEditable(ss, sheet, b, caller)
  if (locked) return fail(locked)
  const last = Math.min(b.endRow, sheet.rows.length)
  for (let r = b.startRow; r < last; r++) {
    const row = sheet.rows[r]
    if (!row) continue
    updateRow(sheet, r, b.startCol, Math.min(b.endCol, row.length), (cell) => {
      if (cell?.value === undefined) return cell
      const { value: _dropped, ...rest } = cell
      return rest
    })
  }
  return ok(rangeText(sheet, b))
}
