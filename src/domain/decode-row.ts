/**
 * @module
 * Row decoders: a record of raw cells keyed by column key (a sheet row bound to its header keys,
 * or an API/form body) → the typed row, with every cell problem of the row reported at once.
 * Row and cross-row rules come after decoding (validate-row.ts).
 */
import { cellIssue, decodeCellValue, isCellFailure } from './cell-codecs'
import type { DataTabKey, ID_COLUMNS } from './ids'
import { type Issue, makeIssue } from './issues'
import { COLUMN_BY_KEY, type RowOf, STATUS_KEY, TABLES, type TabKey } from './tables'

/** Raw cells by column key. Missing keys are blank cells (the API drops trailing empties). */
export type RawRecord = Readonly<Record<string, unknown>>

/** A decode result: `row` is present exactly when no cell has an error. */
export type Decoded<T> = { readonly row?: T; readonly issues: readonly Issue[] }

/** What an API/form body may carry for a new row: the row without its system-owned id. */
export type InputOf<K extends TabKey> = K extends DataTabKey ? Omit<RowOf<K>, (typeof ID_COLUMNS)[K]> : RowOf<K>

/**
 * Decodes a sheet row. Keys that are not columns (extra columns people added) and the
 * system-owned `_status` are ignored. A blank id is reported as `required`: the ledger fills
 * blank ids ({@link formatId}) before decoding.
 */
export function decodeRow<K extends TabKey>(tab: K, record: RawRecord): Decoded<RowOf<K>> {
  const issues: Issue[] = []
  const row = decodeRowInto(tab, record, issues)
  return row === undefined ? { issues } : { row, issues }
}

/**
 * {@link decodeRow} without allocating a result: appends the row's issues to `issues` and returns
 * the row, or undefined when a cell failed. For whole-sheet loops.
 */
export function decodeRowInto<K extends TabKey>(tab: K, record: RawRecord, issues: Issue[]): RowOf<K> | undefined {
  const row: Record<string, unknown> = {}
  const before = issues.length
  for (const column of TABLES[tab].columns) {
    if (column.key === STATUS_KEY) continue
    const value = decodeCellValue(column, record[column.key])
    if (isCellFailure(value)) issues.push(cellIssue(column, value.failure))
    else if (value !== undefined) row[column.key] = value
  }
  return issues.length === before ? (row as RowOf<K>) : undefined
}

/**
 * Decodes loose API/form input for a new row (strings for numbers and dates are fine). Unknown
 * keys → `unknown_field`; a non-blank system-owned column (the id, `_status`) → `read_only_field`.
 */
export function decodeInput<K extends TabKey>(tab: K, record: RawRecord): Decoded<InputOf<K>> {
  const columns = COLUMN_BY_KEY[tab]
  const row: Record<string, unknown> = {}
  const issues: Issue[] = []
  for (const key of Object.keys(record)) {
    const column = columns.get(key)
    if (column === undefined) {
      issues.push(makeIssue(key, 'unknown_field', { label: { id: key, en: key } }))
    } else if (column.owner === 'system' && record[key] !== undefined && record[key] !== null && record[key] !== '') {
      issues.push(makeIssue(key, 'read_only_field', { label: column.label }))
    }
  }
  for (const column of TABLES[tab].columns) {
    if (column.owner === 'system') continue
    const value = decodeCellValue(column, record[column.key])
    if (isCellFailure(value)) issues.push(cellIssue(column, value.failure))
    else if (value !== undefined) row[column.key] = value
  }
  return issues.length === 0 ? { row: row as InputOf<K>, issues } : { issues }
}
