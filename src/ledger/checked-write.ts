/**
 * @module
 * Writes into data rows placed by row number, checked and repaired (issue 7.3). Sheets has no
 * conditional write: the sync puts new ids and `_status` texts, and a PATCH its cells, at the row
 * numbers of a read made a moment earlier. A person who sorts, inserts or deletes rows in that
 * moment moves the rows under the write, which then lands on other rows.
 *
 * Verify: the write asks Google for the rows it wrote, after writing them, in the same call
 * (`includeSpreadsheetInResponse` + `responseRanges`, only cell values through a `fields` mask):
 * each written row must hold exactly what was read there plus what was written. In the normal
 * case that is all — no extra Google call, the same 1 read + ≤ 1 write.
 *
 * Repair, only when a row differs: read the tabs again (1 read) and find every row by what the
 * write did not touch — its other cells, which moved with it. Each row read the first time has
 * the cells it should hold now: its own as read, plus what was written to it. A row whose written
 * cells are not those gets them back (1 write): the cells the write overwrote on a row that moved
 * there are put back as they were read, and the new ids, statuses or PATCHed cells go to the row
 * they were meant for, wherever it is now. Rows a person edited in between (no longer found by
 * their other cells) and rows added meanwhile are left alone. Rows identical in everything the
 * write did not touch are interchangeable, so they are matched as a group. The repair write is
 * checked the same way; at most {@link MAX_REPAIR_ROUNDS} rounds, each logged in the Log tab.
 *
 * This holds whatever Google does with row identities in a sort (it moves cell values; developer
 * metadata may or may not follow — google-sheets-api-v4.md §5.8), and it places the id of a row
 * that had none, which no metadata could. What it cannot do is make the moment disappear: until
 * the repair write lands (about one round trip), another row shows the overwritten cells.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import type { DataTabKey, LogEvent, RawCell } from '../domain'
import { formatSheetName, rowsRange } from '../sheets'
import type { DuplicateRemoval } from './duplicate-rows'
import type { LedgerContext } from './ledger-context'
import { type CellWrite, cellWriteRequests, idOf, recordsOf, type SheetRecord } from './row-cells'
import { type Layout, tabOf } from './sheet-layout'
import { planLog, settleLog } from './sheet-log'
import { writeOutcome } from './write-outcome'

/** Repair rounds after a write found moved rows: each is 1 read + at most 1 write. */
export const MAX_REPAIR_ROUNDS = 3

/** Cells written in place into one row, and the row's bound cells as the write's read saw them. */
export type PlacedWrite = CellWrite & { readonly read: Readonly<Record<string, RawCell>> }

/** A row a write must leave holding exactly `cells` (bound keys) at `rowIndex`. */
export type Expectation = {
  readonly tab: DataTabKey
  readonly rowIndex: number
  readonly cells: Readonly<Record<string, RawCell>>
}

/** What the row of a placed write should hold afterwards: what was read, then what was written. */
const afterWrite = (w: PlacedWrite): Record<string, RawCell> => {
  const out: Record<string, RawCell> = { ...w.read }
  for (const [key, value] of w.cells) out[key] = value
  return out
}

/**
 * The rows the write must leave as expected, where they will be after the batch (a duplicate
 * removal in the same batch moves the rows below a removed copy up by one).
 */
export function expectationsOf(writes: readonly PlacedWrite[], removals: readonly DuplicateRemoval[]): Expectation[] {
  return writes.map((w) => {
    const removal = removals.find((r) => r.tab === w.tab)
    const above = removal === undefined ? 0 : removal.rows.filter((r) => r < w.rowIndex).length
    return { tab: w.tab, rowIndex: w.rowIndex - above, cells: afterWrite(w) }
  })
}

/**
 * The part of a batchUpdate body and its `fields` mask that returns the expected rows after the
 * write: whole rows, consecutive ones as one range, cell values only.
 */
export function verification(
  layout: Layout,
  expectations: readonly Expectation[],
): { readonly body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest; readonly fields: string } {
  const ranges: string[] = []
  const byTab = new Map<DataTabKey, number[]>()
  for (const e of expectations) byTab.set(e.tab, [...(byTab.get(e.tab) ?? []), e.rowIndex])
  for (const [tab, rows] of byTab) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b)
    let start = sorted[0] ?? 0
    for (let i = 1; i <= sorted.length; i++) {
      const row = sorted[i]
      const previous = sorted[i - 1] ?? start
      if (row === previous + 1) continue
      ranges.push(rowsRange(tabOf(layout, tab).title, start, previous + 1))
      if (row !== undefined) start = row
    }
  }
  return {
    body: { includeSpreadsheetInResponse: true, responseRanges: ranges, responseIncludeGridData: true },
    fields:
      'spreadsheetId,replies,updatedSpreadsheet(sheets(properties(sheetId),data(startRow,startColumn,rowData(values(effectiveValue)))))',
  }
}

/** A cell of the answer's grid data as a values read gives it (UNFORMATTED_VALUE). */
function cellOf(data: sheets_v4.Schema$CellData | undefined): RawCell {
  const v = data?.effectiveValue
  if (v === undefined || v === null) return null
  if (typeof v.numberValue === 'number') return v.numberValue
  if (typeof v.boolValue === 'boolean') return v.boolValue
  if (typeof v.stringValue === 'string') return v.stringValue === '' ? null : v.stringValue
  if (v.errorValue !== undefined && v.errorValue !== null) return `#${v.errorValue.type ?? 'ERROR'}`
  return null
}

/** The expected rows that the answer shows differently (all of them when it shows none). */
export function unmet(
  layout: Layout,
  expectations: readonly Expectation[],
  answer: sheets_v4.Schema$BatchUpdateSpreadsheetResponse,
): Expectation[] {
  // sheetId → row → cells by column, from every GridData of the answer.
  const grid = new Map<number, Map<number, RawCell[]>>()
  for (const sheet of answer.updatedSpreadsheet?.sheets ?? []) {
    const sheetId = sheet.properties?.sheetId ?? 0
    const rows = grid.get(sheetId) ?? new Map<number, RawCell[]>()
    for (const data of sheet.data ?? []) {
      const startRow = data.startRow ?? 0
      const startColumn = data.startColumn ?? 0
      ;(data.rowData ?? []).forEach((row, offset) => {
        const cells: RawCell[] = []
        ;(row.values ?? []).forEach((value, c) => {
          cells[startColumn + c] = cellOf(value)
        })
        rows.set(startRow + offset, cells)
      })
    }
    grid.set(sheetId, rows)
  }
  if (grid.size === 0) return [...expectations]
  return expectations.filter((e) => {
    const tab = tabOf(layout, e.tab)
    const row = grid.get(tab.sheetId)?.get(e.rowIndex) ?? []
    for (const [key, column] of tab.columns) {
      if ((row[column] ?? null) !== (e.cells[key] ?? null)) return true
    }
    return false
  })
}

const text = (cells: Readonly<Record<string, RawCell>>, keys: readonly string[]) =>
  JSON.stringify(keys.map((k) => cells[k] ?? null))

/**
 * The cells that put a tab right after its rows moved under a write (pure). `before`: every row of
 * the tab as the write's read saw it; `writes`: what was written where; `now`: the tab read again.
 * Rows are found by the cells no write touched; see the module comment.
 */
export function planRepair(
  tab: DataTabKey,
  keys: readonly string[],
  before: readonly SheetRecord[],
  writes: readonly PlacedWrite[],
  now: readonly SheetRecord[],
): PlacedWrite[] {
  const written = [...new Set(writes.flatMap((w) => [...w.cells.keys()]))]
  const unwritten = keys.filter((k) => !written.includes(k))
  const writeAt = new Map(writes.map((w) => [w.rowIndex, w]))
  // Identity (the untouched cells) → the written cells the rows with it should hold.
  const owed = new Map<string, string[]>()
  const values = new Map<string, Readonly<Record<string, RawCell>>>()
  for (const record of before) {
    const w = writeAt.get(record.rowIndex)
    const should = w === undefined ? record.cells : afterWrite(w)
    const identity = text(record.cells, unwritten)
    const value = text(should, written)
    owed.set(identity, [...(owed.get(identity) ?? []), value])
    values.set(value, should)
  }
  const wrong: { record: SheetRecord; identity: string }[] = []
  const repairs: PlacedWrite[] = []
  for (const record of now) {
    const identity = text(record.cells, unwritten)
    const list = owed.get(identity)
    if (list === undefined) {
      // A row empty in everything the write did not touch (the write landed on a row that was
      // emptied or inserted meanwhile): it keeps nothing the write put there.
      if (unwritten.every((k) => (record.cells[k] ?? null) === null)) {
        const cells = new Map(written.filter((k) => (record.cells[k] ?? null) !== null).map((k) => [k, null]))
        if (cells.size > 0) repairs.push({ tab, rowIndex: record.rowIndex, cells, read: record.cells })
      }
      continue
    }
    const at = list.indexOf(text(record.cells, written))
    if (at >= 0) list.splice(at, 1)
    else wrong.push({ record, identity })
  }
  for (const { record, identity } of wrong) {
    const value = owed.get(identity)?.shift()
    const should = value === undefined ? undefined : values.get(value)
    if (should === undefined) continue
    const cells = new Map<string, RawCell>()
    for (const key of written)
      if ((record.cells[key] ?? null) !== (should[key] ?? null)) cells.set(key, should[key] ?? null)
    if (cells.size > 0) repairs.push({ tab, rowIndex: record.rowIndex, cells, read: record.cells })
  }
  return repairs
}

export type CheckedWrite = {
  /** The answer to the first write (its outcome is the write's outcome). */
  readonly result: Awaited<ReturnType<LedgerContext['sheets']['spreadsheets']['batchUpdate']>>
  /** Google calls made, the first write included. */
  readonly calls: number
  /** Rows put right by repair writes. */
  readonly repairedRows: number
  /** True when a row still differs after the last round (a later sync or PATCH will see it). */
  readonly unresolved: boolean
}

/**
 * Sends `requests` (which place `writes` by row number, maybe remove `removals`) as ONE
 * batchUpdate that also returns the written rows; repairs moved rows if any (module comment).
 * `before(tab)`: the tab's rows as the write's read saw them (asked only when a repair is needed).
 */
export async function writeChecked(
  ctx: LedgerContext,
  input: {
    readonly layout: Layout
    readonly requests: sheets_v4.Schema$Request[]
    readonly writes: readonly PlacedWrite[]
    readonly removals?: readonly DuplicateRemoval[]
    readonly before: (tab: DataTabKey) => readonly SheetRecord[]
  },
): Promise<CheckedWrite> {
  const { layout, writes } = input
  let expectations = expectationsOf(writes, input.removals ?? [])
  const check = expectations.length === 0 ? undefined : verification(layout, expectations)
  const result = await ctx.sheets.spreadsheets.batchUpdate({
    spreadsheetId: ctx.spreadsheetId,
    requestBody: { requests: input.requests, ...check?.body },
    ...(check === undefined ? {} : { fields: check.fields }),
  })
  let calls = 1
  if (!result.ok || check === undefined) return { result, calls, repairedRows: 0, unresolved: false }
  let bad = unmet(layout, expectations, result.value)
  let repairedRows = 0
  for (let round = 1; bad.length > 0 && round <= MAX_REPAIR_ROUNDS; round++) {
    const tabs = [...new Set(writes.map((w) => w.tab))]
    ctx.log({ msg: 'ledger.rows_moved', round, rows: bad.length, tabs: tabs.length })
    const read = await ctx.sheets.values.batchGet({
      spreadsheetId: ctx.spreadsheetId,
      ranges: tabs.map((tab) => formatSheetName(tabOf(layout, tab).title)),
    })
    calls++
    if (!read.ok) break
    const repairs = tabs.flatMap((tab, i) =>
      planRepair(
        tab,
        [...tabOf(layout, tab).columns.keys()],
        input.before(tab),
        writes.filter((w) => w.tab === tab),
        recordsOf(read.value.valueRanges?.[i]?.values ?? [], tabOf(layout, tab)),
      ),
    )
    if (repairs.length === 0) {
      bad = []
      break
    }
    const cells = repairs.reduce((n, r) => n + r.cells.size, 0)
    const ids = repairs.flatMap((r) => {
      const id = idOf(r.tab, afterWrite(r))
      return id === undefined ? [] : [id]
    })
    const event: LogEvent = { kind: 'write_repaired', rows: repairs.length, cells, ids }
    const log = planLog(ctx, layout, [event])
    expectations = expectationsOf(repairs, [])
    const recheck = verification(layout, expectations)
    const repaired = await ctx.sheets.spreadsheets.batchUpdate({
      spreadsheetId: ctx.spreadsheetId,
      requestBody: { requests: [...cellWriteRequests(layout.tabs, repairs), ...log.requests], ...recheck.body },
      fields: recheck.fields,
    })
    calls++
    settleLog(ctx, log, writeOutcome(repaired))
    if (!repaired.ok) break
    repairedRows += repairs.length
    ctx.log({ msg: 'ledger.rows_repaired', round, rows: repairs.length, cells })
    bad = unmet(layout, expectations, repaired.value)
  }
  if (bad.length > 0) ctx.log({ msg: 'ledger.repair_failed', rows: bad.length })
  return { result, calls, repairedRows, unresolved: bad.length > 0 }
}
