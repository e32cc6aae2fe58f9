/**
 * @module
 * Data-tab rows as sheet cells, by column key: reading a tab's values into keyed records and
 * writing typed rows as appendCells rows through the header binding. Text goes out as
 * stringValue (never a formula), dates as day serials; columns staff added are left blank.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import {
  type CellValue,
  COLUMN_BY_KEY,
  columnOf,
  type DataTabKey,
  decodeCell,
  encodeCell,
  ID_COLUMNS,
  type RawCell,
  STATUS_KEY,
  TABLES,
  type TabKey,
} from '../domain'
import { type DecodedRow, decodeRows, encodeRow, rawCell, updateRowCellsRequests } from '../sheets'
import type { TabLayout, TabLayouts } from './sheet-layout'

export type SheetRecord = DecodedRow<string, RawCell>

/** The rows of a tab read whole from A1 (row 0 = header), as records keyed by column key. */
export function recordsOf(values: readonly (readonly unknown[])[] | undefined, layout: TabLayout): SheetRecord[] {
  return decodeRows({ values: (values ?? []).slice(1), columns: layout.columns, firstRowIndex: 1, decode: rawCell })
}

/** The canonical id in a record's id cell, undefined when blank or not an id of the tab. */
export function idOf(tab: DataTabKey, cells: Readonly<Record<string, RawCell>>): string | undefined {
  const key = ID_COLUMNS[tab]
  const raw = cells[key]
  if (raw === null || raw === undefined) return undefined
  const decoded = decodeCell(columnOf(tab, key), raw)
  return decoded.ok && typeof decoded.value === 'string' ? decoded.value : undefined
}

/** True when no staff-owned cell of the record holds anything (a row only the system wrote to). */
export function hasStaffCells(tab: TabKey, cells: Readonly<Record<string, RawCell>>): boolean {
  for (const column of TABLES[tab].columns) {
    if (column.owner === 'system') continue
    const v = cells[column.key]
    if (v !== null && v !== undefined) return true
  }
  return false
}

/** A typed row as raw cells by key (what reading it back from the sheet would give). */
export function cellsOfRow(tab: TabKey, row: Readonly<Record<string, unknown>>): Record<string, RawCell> {
  const out: Record<string, RawCell> = {}
  for (const column of TABLES[tab].columns) {
    if (column.key === STATUS_KEY) continue
    out[column.key] = encodeCell(column, row[column.key] as CellValue | undefined)
  }
  return out
}

/** One appendCells row for a typed row, placed by the binding; `status` fills `_status`. */
export function appendRowData(
  tab: DataTabKey,
  layout: TabLayout,
  row: Readonly<Record<string, unknown>>,
  status: string,
): sheets_v4.Schema$RowData {
  const specs = COLUMN_BY_KEY[tab]
  const width = Math.max(0, ...layout.columns.values()) + 1
  return encodeRow(
    row as Partial<Record<string, unknown>>,
    layout.columns,
    (key, value) => {
      if (key === STATUS_KEY) return status === '' ? null : status
      const spec = specs.get(key)
      return spec === undefined ? null : encodeCell(spec, value as CellValue | undefined)
    },
    width,
  )
}

/** Cells of one data row to write in place, by column key (sync-plan.ts RowWrite fits). */
export type CellWrite = {
  readonly tab: DataTabKey
  readonly rowIndex: number
  readonly cells: ReadonlyMap<string, RawCell>
}

/**
 * updateCells requests for in-place row writes, placed by the binding; keys the binding does not
 * know are skipped (never guessed). Other cells of the rows are untouched.
 */
export function cellWriteRequests(tabs: TabLayouts, writes: readonly CellWrite[]): sheets_v4.Schema$Request[] {
  const requests: sheets_v4.Schema$Request[] = []
  for (const w of writes) {
    // A write is only ever planned for a row read from its tab, so the tab is bound.
    const tab = (tabs as Partial<Record<DataTabKey, TabLayout>>)[w.tab]
    if (tab === undefined) throw new Error(`tab ${w.tab} is not bound`)
    const cells = new Map<number, RawCell>()
    for (const [key, value] of w.cells) {
      const column = tab.columns.get(key)
      if (column !== undefined) cells.set(column, value)
    }
    requests.push(...updateRowCellsRequests(tab.sheetId, w.rowIndex, cells))
  }
  return requests
}
