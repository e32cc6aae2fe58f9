import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { err, ok, type Result } from '../domain/result'
import { type A1ParseError, parseA1Range } from './a1'

// Between the API's row arrays and keyed records. Generic over the column keys; the domain's
// cell codecs (dates as serials, enums, trimming) plug in as `decode`/`encode`.
//
// Reading (values.batchGet, UNFORMATTED_VALUE + SERIAL_NUMBER, ROWS): trailing empty cells and
// rows are omitted, interior empty cells are "" and interior empty rows [] (google-sheets-api-v4.md
// §2.3), so rows are ragged and a missing cell and "" both mean "empty" here (null).
//
// Writing (appendCells/updateCells): every value becomes userEnteredValue.stringValue,
// numberValue or boolValue — never formulaValue — so text starting with = + - @ stays text and
// can never run as a formula (architecture.md, house rule 7).

export type CellScalar = string | number | boolean
/** A cell as read: null when empty (omitted by the API, or ""). */
export type RawCell = CellScalar | null

export interface DecodedRow<K extends string, V> {
  /** 0-based sheet row (row 1 of the sheet is 0): where to write back, valid until staff sort. */
  readonly rowIndex: number
  readonly cells: { readonly [key in K]: V }
}

export interface DecodeRowsInput<K extends string, V> {
  /** ValueRange.values: rows of cells, possibly ragged or absent. */
  readonly values: readonly (readonly unknown[])[] | null | undefined
  /** Key → 0-based sheet column (a TabBinding's `columns`). */
  readonly columns: ReadonlyMap<K, number>
  /** Sheet row of values[0]. */
  readonly firstRowIndex: number
  /** Sheet column of values[i][0]; 0 when the range starts at column A. */
  readonly firstColumnIndex?: number
  /** Sheet rows above this one (the header) are skipped; default 0. */
  readonly dataStartRow?: number
  readonly decode: (key: K, cell: RawCell) => V
}

/** The cell at a 0-based position of a ragged row, null when omitted or "". */
export function readCell(row: readonly unknown[] | undefined, index: number): RawCell {
  const cell = row?.[index]
  if (cell === undefined || cell === null || cell === '') return null
  if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') return cell
  // The API only returns scalars; anything else means a caller passed the wrong array.
  throw new TypeError(`not a cell value: ${typeof cell}`)
}

/**
 * One record per non-empty row. A row whose bound cells are all empty is skipped (staff leave
 * gaps; an unbound staff column alone does not make a record).
 */
export function decodeRows<K extends string, V>(input: DecodeRowsInput<K, V>): DecodedRow<K, V>[] {
  const firstColumn = input.firstColumnIndex ?? 0
  const dataStartRow = input.dataStartRow ?? 0
  const rows: DecodedRow<K, V>[] = []
  const bound = [...input.columns]
  ;(input.values ?? []).forEach((row, offset) => {
    if (input.firstRowIndex + offset < dataStartRow) return
    const raw = bound.map(([key, column]) => [key, readCell(row, column - firstColumn)] as const)
    if (raw.every(([, cell]) => cell === null)) return
    const cells = {} as { [key in K]: V }
    for (const [key, cell] of raw) cells[key] = input.decode(key, cell)
    rows.push({ rowIndex: input.firstRowIndex + offset, cells })
  })
  return rows
}

/** Identity decoding: the raw cell per key. */
export const rawCell = <K extends string>(_key: K, cell: RawCell): RawCell => cell

/**
 * decodeRows for one ValueRange of a batchGet answer; its `range` (e.g. `Cases!A1:Z1000` for a
 * whole-tab read) gives the first row and column. `dataStartRow` 1 skips a one-row header. Only
 * ROWS-major ranges are accepted.
 */
export function decodeValueRange<K extends string, V>(
  valueRange: sheets_v4.Schema$ValueRange,
  columns: ReadonlyMap<K, number>,
  decode: (key: K, cell: RawCell) => V,
  options: { readonly dataStartRow?: number } = {},
): Result<DecodedRow<K, V>[], A1ParseError | { readonly kind: 'columns_major' }> {
  if (valueRange.majorDimension === 'COLUMNS') return err({ kind: 'columns_major' })
  const parsed = parseA1Range(valueRange.range ?? '')
  if (!parsed.ok) return parsed
  return ok(
    decodeRows({
      values: valueRange.values,
      columns,
      firstRowIndex: parsed.value.startRow ?? 0,
      firstColumnIndex: parsed.value.startColumn ?? 0,
      dataStartRow: options.dataStartRow ?? 0,
      decode,
    }),
  )
}

// ---- writing ----

/** userEnteredValue for a scalar; undefined for an empty cell. Text is always stringValue. */
export function toExtendedValue(value: RawCell | undefined): sheets_v4.Schema$ExtendedValue | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  // NaN/Infinity have no cell form; producing one is a bug upstream.
  if (!Number.isFinite(value)) throw new RangeError('cell number must be finite')
  return { numberValue: value }
}

/** CellData for appendCells/updateCells with `fields: 'userEnteredValue'`; `{}` empties the cell. */
export function toCellData(value: RawCell | undefined): sheets_v4.Schema$CellData {
  const userEnteredValue = toExtendedValue(value)
  return userEnteredValue === undefined ? {} : { userEnteredValue }
}

function checkedScalar(value: unknown): RawCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  throw new TypeError(`no cell form for a ${typeof value}; pass an encode function`)
}

/**
 * One sheet row for a record: each key's value at its bound column, `{}` in unbound columns and for
 * null/undefined values. `width` (default: last bound column + 1) pads the row so it lines up.
 */
export function encodeRow<K extends string>(
  record: Partial<Record<K, unknown>>,
  columns: ReadonlyMap<K, number>,
  encode: (key: K, value: unknown) => RawCell = (_key, value) => checkedScalar(value),
  width?: number,
): sheets_v4.Schema$RowData {
  const size = width ?? Math.max(0, ...[...columns.values()].map((column) => column + 1))
  const values: sheets_v4.Schema$CellData[] = Array.from({ length: size }, () => ({}))
  for (const [key, column] of columns) {
    if (column >= size) throw new RangeError(`column ${column} of key outside the row width ${size}`)
    values[column] = toCellData(encode(key, record[key]))
  }
  return { values }
}

/** appendCells after the last row with data; rows are written as one unit of the batch. */
export function appendRowsRequest(
  sheetId: number,
  rows: readonly sheets_v4.Schema$RowData[],
): sheets_v4.Schema$Request {
  return { appendCells: { sheetId, rows: [...rows], fields: 'userEnteredValue' } }
}

/**
 * updateCells requests writing `cells` (0-based column → value) of one row; contiguous columns
 * share a request, other cells of the row are untouched (staff-owned cells are never rewritten).
 */
export function updateRowCellsRequests(
  sheetId: number,
  rowIndex: number,
  cells: ReadonlyMap<number, RawCell>,
): sheets_v4.Schema$Request[] {
  const columns = [...cells.keys()].sort((a, b) => a - b)
  const requests: sheets_v4.Schema$Request[] = []
  let run: number[] = []
  const flush = () => {
    const [first] = run
    if (first === undefined) return
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex, columnIndex: first },
        rows: [{ values: run.map((column) => toCellData(cells.get(column))) }],
        fields: 'userEnteredValue',
      },
    })
    run = []
  }
  for (const column of columns) {
    const last = run[run.length - 1]
    if (last !== undefined && column !== last + 1) flush()
    run.push(column)
  }
  flush()
  return requests
}
