/**
 * @module
 * The sync (architecture.md "Read path"): ONE values.batchGet of every tab the ledger reads →
 * decode every row by key → validate the whole snapshot (rows and cross-row rules) → ONE
 * spreadsheets.batchUpdate of only the cells whose value changes: ids for new staff-typed rows,
 * `_status` texts, the Progress and Dashboard tabs, and a Log line when ids or statuses changed
 * (sheet-log.ts). A sync with no changes writes nothing. The header binding is re-resolved (1
 * more read) only when the header labels changed or the sheet reported a structural change;
 * labels that match confirm the binding (a flush relies on that). Afterwards the mirror is the
 * sheet plus the rows still on their way to it.
 *
 * Runs inside the lane: it never interleaves with a flush or a PATCH.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import {
  DATA_TABS,
  type DataTabKey,
  ID_COLUMNS,
  listsFromRows,
  type RawCell,
  type RawRecord,
  type RowOf,
  type RowReport,
  STATUS_KEY,
  validateSnapshot,
} from '../domain'
import { formatSheetName, type SheetsError, updateRowCellsRequests } from '../sheets'
import { audit, SYSTEM_ACTOR } from './audit'
import { type ComputedGrids, computeGrids, dashboardGridFromValues, progressGridFromValues } from './computed-tabs'
import type { SyncReport, SyncTrigger } from './contract'
import { rawEtag, rowEtag } from './etag'
import { completeRows, gridWrites } from './flush'
import type { LedgerContext } from './ledger-context'
import type { MirrorEntry, Reference } from './mirror'
import { allPending } from './outbox'
import { cellsOfRow, hasStaffCells, idOf, recordsOf, type SheetRecord } from './row-cells'
import { headerFingerprint, LAYOUT_TABS, type Layout } from './sheet-layout'
import { noteFailure, noteRecovery, planLog, settleLog } from './sheet-log'
import { ensureLayout, invalidateLayout, refreshLayout, type UpstreamFailure } from './upstream'

export type SyncOutcome =
  | { readonly ok: true; readonly report: SyncReport }
  /** `bootstrapped`: the read succeeded and the mirror was refreshed even though the write failed. */
  | {
      readonly ok: false
      readonly failure: UpstreamFailure
      readonly bootstrapped: boolean
      readonly report: SyncReport
    }

const keyOf = (tab: string, id: string) => `${tab}\u0000${id}`

type TabRead = {
  readonly tab: DataTabKey
  /** Rows with at least one staff-owned cell filled (cells writable: assigned ids go in). */
  readonly records: { readonly rowIndex: number; readonly cells: Record<string, RawCell> }[]
  /** Rows holding only system cells (an id or a stale `_status`): their status is cleared. */
  readonly blanks: SheetRecord[]
  /** Id per record: present in the sheet, assigned now, or undefined (a blank row). */
  readonly ids: (string | undefined)[]
  /** Records whose id this sync assigns. */
  readonly assigned: Set<number>
}

/** Reads the whole sheet; re-resolves the binding when the header labels moved. */
async function readSheet(ctx: LedgerContext): Promise<
  | {
      ok: true
      layout: Layout
      valueRanges: readonly sheets_v4.Schema$ValueRange[]
      titles: readonly string[]
      calls: number
    }
  | { ok: false; failure: UpstreamFailure; calls: number }
> {
  let calls = 0
  const first = await ensureLayout(ctx)
  calls += first.calls
  if (!first.ok) return { ok: false, failure: first.failure, calls }
  let layout = first.layout
  let resolvedNow = first.calls > 0
  const titles = [
    ...LAYOUT_TABS.map((tab) => layout.tabs[tab].title),
    ...(layout.progress === null ? [] : [layout.progress.title]),
    ...(layout.dashboard === null ? [] : [layout.dashboard.title]),
  ]
  const readStarted = ctx.clock.now()
  const read = await ctx.sheets.values.batchGet({
    spreadsheetId: ctx.spreadsheetId,
    ranges: titles.map(formatSheetName),
  })
  calls++
  if (!read.ok) return { ok: false, failure: read.error, calls }
  const valueRanges = read.value.valueRanges ?? []
  const fingerprints: Record<string, string> = {}
  titles.forEach((title, i) => {
    fingerprints[title] = headerFingerprint(valueRanges[i]?.values?.[0])
  })
  const cached = ctx.state.fingerprints
  const same =
    cached !== undefined &&
    Object.keys(fingerprints).length === Object.keys(cached).length &&
    Object.entries(fingerprints).every(([title, fp]) => cached[title] === fp)
  if (!same && !resolvedNow) {
    // A column moved, was inserted or renamed since the binding was taken: bind again (1 read).
    const again = await refreshLayout(ctx)
    calls += again.calls
    if (!again.ok) return { ok: false, failure: again.failure, calls }
    resolvedNow = true
    const before = titles.join('\n')
    layout = again.layout
    const after = [
      ...LAYOUT_TABS.map((tab) => layout.tabs[tab].title),
      ...(layout.progress === null ? [] : [layout.progress.title]),
      ...(layout.dashboard === null ? [] : [layout.dashboard.title]),
    ]
    if (after.join('\n') !== before) {
      // The set of tabs changed (a computed tab appeared or vanished): read again with the new set.
      return readSheetWith(ctx, layout, after, calls)
    }
  }
  // The labels are the ones the binding was taken with: it still holds as of this read.
  if (same && !resolvedNow) ctx.state.layoutCheckedAt = readStarted
  ctx.state.fingerprints = fingerprints
  return { ok: true, layout, valueRanges, titles, calls }
}

async function readSheetWith(ctx: LedgerContext, layout: Layout, titles: readonly string[], callsSoFar: number) {
  const read = await ctx.sheets.values.batchGet({
    spreadsheetId: ctx.spreadsheetId,
    ranges: titles.map(formatSheetName),
  })
  const calls = callsSoFar + 1
  if (!read.ok) return { ok: false as const, failure: read.error as UpstreamFailure, calls }
  const valueRanges = read.value.valueRanges ?? []
  const fingerprints: Record<string, string> = {}
  titles.forEach((title, i) => {
    fingerprints[title] = headerFingerprint(valueRanges[i]?.values?.[0])
  })
  ctx.state.fingerprints = fingerprints
  return { ok: true as const, layout, valueRanges, titles, calls }
}

/** Runs one sync. The caller holds the lane. */
export async function runSync(ctx: LedgerContext, trigger: SyncTrigger): Promise<SyncOutcome> {
  const started = ctx.clock.now()
  const today = ctx.today()
  const read = await readSheet(ctx)
  const emptyReport = (calls: number): SyncReport => ({
    rows_read: 0,
    rows_invalid: 0,
    ids_assigned: 0,
    cells_written: 0,
    google_calls: calls,
    duration_ms: ctx.clock.now() - started,
  })
  if (!read.ok) {
    // A request error is most often a tab renamed or deleted since the binding: resolve it again.
    if (read.failure.kind === 'bad_request') invalidateLayout(ctx)
    noteFailure(ctx, read.failure.kind)
    ctx.log({ msg: 'ledger.sync_failed', trigger, kind: read.failure.kind, calls: read.calls })
    return { ok: false, failure: read.failure, bootstrapped: false, report: emptyReport(read.calls) }
  }
  let { layout } = read
  let calls = read.calls
  const values = (i: number) => read.valueRanges[i]?.values ?? []

  // 1. Data tabs: records by key; ids for typed rows without one (counter above every id seen).
  const tabReads: TabRead[] = DATA_TABS.map((tab) => {
    const all = recordsOf(values(LAYOUT_TABS.indexOf(tab)), layout.tabs[tab])
    const records = all
      .filter((r) => hasStaffCells(tab, r.cells))
      .map((r) => ({ rowIndex: r.rowIndex, cells: { ...r.cells } as Record<string, RawCell> }))
    const blanks = all.filter((r) => !hasStaffCells(tab, r.cells))
    const ids = records.map((r) => idOf(tab, r.cells))
    for (const id of ids) if (id !== undefined) ctx.counters.observe(tab, id)
    return { tab, records, blanks, ids, assigned: new Set<number>() }
  })
  for (const t of tabReads) {
    t.records.forEach((record, i) => {
      const rawId = record.cells[ID_COLUMNS[t.tab]]
      if (rawId === null || rawId === undefined) {
        const id = ctx.counters.take(t.tab)
        t.ids[i] = id
        t.assigned.add(i)
        record.cells[ID_COLUMNS[t.tab]] = id
      }
    })
  }

  // 2. Rows accepted but not yet confirmed: those whose id the sheet now holds are confirmed
  //    (a write with an unknown outcome did land); the rest join the snapshot so sheet rows that
  //    name them validate.
  const inSheet = new Map<string, number>()
  for (const t of tabReads) {
    t.records.forEach((record, i) => {
      const id = t.ids[i]
      if (id !== undefined && !inSheet.has(keyOf(t.tab, id))) inSheet.set(keyOf(t.tab, id), record.rowIndex)
    })
  }
  const pending = allPending(ctx.store)
  const landed = pending.filter((r) => inSheet.has(keyOf(r.tab, r.id)) && r.uncertain)
  completeRows(ctx, landed, 'reconcile', inSheet)
  const landedSeqs = new Set(landed.map((r) => r.seq))
  const stillPending = pending.filter((r) => !landedSeqs.has(r.seq) && !inSheet.has(keyOf(r.tab, r.id)))
  // An id in the sheet that a row still in the outbox also carries (typed by hand): the mirror
  // keeps the outbox row as it is; both rows get a duplicate-id status once it lands.
  const outboxKeys = new Set(pending.filter((r) => !landedSeqs.has(r.seq)).map((r) => keyOf(r.tab, r.id)))

  // 3. Validate the snapshot: sheet rows first (report index = record index), then pending rows.
  const snapshot: Record<string, RawRecord[]> = {}
  for (const t of tabReads) snapshot[t.tab] = t.records.map((r) => r.cells)
  for (const p of stillPending) snapshot[p.tab]?.push(cellsOfRow(p.tab, JSON.parse(p.payload)))
  const reference = {
    staff: recordsOf(values(LAYOUT_TABS.indexOf('staff')), layout.tabs.staff),
    settings: recordsOf(values(LAYOUT_TABS.indexOf('settings')), layout.tabs.settings),
    lists: recordsOf(values(LAYOUT_TABS.indexOf('lists')), layout.tabs.lists),
  }
  const report = validateSnapshot(
    {
      cases: snapshot.cases ?? [],
      assessments: snapshot.assessments ?? [],
      goals: snapshot.goals ?? [],
      sessions: snapshot.sessions ?? [],
      staff: reference.staff.map((r) => r.cells),
      settings: reference.settings.map((r) => r.cells),
      lists: reference.lists.map((r) => r.cells),
    },
    { today },
  )
  const reportsOf = (tab: DataTabKey) => report[tab] as readonly RowReport<RowOf<DataTabKey>>[]

  // 4. The cells that change: ids, `_status`, computed tabs.
  const requests: sheets_v4.Schema$Request[] = []
  let cellsWritten = 0
  let idsAssigned = 0
  // For the Log line: rows whose `_status` changed, rows touched, and the ids of those rows.
  let statusesChanged = 0
  let rowsTouched = 0
  const touchedIds: string[] = []
  for (const t of tabReads) {
    const tl = layout.tabs[t.tab]
    const idColumn = tl.columns.get(ID_COLUMNS[t.tab]) as number
    const statusColumn = tl.columns.get(STATUS_KEY) as number
    t.records.forEach((record, i) => {
      const cells = new Map<number, RawCell>()
      if (t.assigned.has(i)) {
        cells.set(idColumn, t.ids[i] ?? null)
        idsAssigned++
      }
      const wanted = reportsOf(t.tab)[i]?.status ?? ''
      const current = record.cells[STATUS_KEY]
      if ((current ?? '') !== wanted) {
        cells.set(statusColumn, wanted === '' ? null : wanted)
        statusesChanged++
      }
      if (cells.size > 0) {
        requests.push(...updateRowCellsRequests(tl.sheetId, record.rowIndex, cells))
        cellsWritten += cells.size
        rowsTouched++
        const id = t.ids[i]
        if (id !== undefined) touchedIds.push(id)
      }
    })
    for (const blank of t.blanks) {
      if (blank.cells[STATUS_KEY] === null || blank.cells[STATUS_KEY] === undefined) continue
      requests.push(...updateRowCellsRequests(tl.sheetId, blank.rowIndex, new Map([[statusColumn, null]])))
      cellsWritten++
      statusesChanged++
      rowsTouched++
      const id = idOf(t.tab, blank.cells)
      if (id !== undefined) touchedIds.push(id)
    }
  }
  const valid = <K extends DataTabKey>(tab: K): RowOf<K>[] => {
    const out: RowOf<K>[] = []
    const reports = report[tab] as readonly RowReport<RowOf<K>>[]
    const sheetCount = tabReads[DATA_TABS.indexOf(tab)]?.records.length ?? 0
    for (let i = 0; i < sheetCount; i++) {
      const r = reports[i]
      if (r?.valid === true && r.row !== undefined) out.push(r.row)
    }
    return out
  }
  const staffRows = report.staff.flatMap((r) => (r.valid && r.row !== undefined ? [r.row] : []))
  const holidays = report.settings.flatMap((r) => (r.valid && r.row !== undefined ? [r.row.date] : []))
  const desired: ComputedGrids = computeGrids({
    cases: valid('cases'),
    goals: valid('goals'),
    sessions: valid('sessions'),
    staff: staffRows,
    holidays,
    asOf: today,
  })
  const progressIndex = layout.progress === null ? -1 : LAYOUT_TABS.length
  const dashboardIndex = layout.dashboard === null ? -1 : LAYOUT_TABS.length + (layout.progress === null ? 0 : 1)
  const currentGrids: ComputedGrids = {
    progress: layout.progress === null ? [] : progressGridFromValues(values(progressIndex), layout.progress),
    dashboard: layout.dashboard === null ? [] : dashboardGridFromValues(values(dashboardIndex)),
  }
  const computed = gridWrites(layout, currentGrids, desired)
  requests.push(...computed.requests)
  cellsWritten += computed.cells
  const grown = computed.layout

  let writeError: SheetsError | undefined
  if (requests.length > 0) {
    // Only a sync that writes anyway carries Log rows; ids or statuses changing earn one of its own.
    const log = planLog(
      ctx,
      layout,
      rowsTouched > 0 ? [{ kind: 'sync', idsAssigned, statusesChanged, rows: rowsTouched, ids: touchedIds }] : [],
    )
    const written = await ctx.sheets.spreadsheets.batchUpdate({
      spreadsheetId: ctx.spreadsheetId,
      requestBody: { requests: [...requests, ...log.requests] },
    })
    calls++
    if (written.ok) {
      settleLog(ctx, log, 'applied')
      ctx.state.grids = desired
      if (grown !== layout) {
        ctx.state.layout = grown
        layout = grown
      }
    } else {
      writeError = written.error
      const kind = written.error.kind
      settleLog(
        ctx,
        log,
        kind === 'bad_request'
          ? 'refused'
          : kind === 'outcome_unknown' || kind === 'invalid_response'
            ? 'unknown'
            : 'not_applied',
      )
      if (kind === 'bad_request') invalidateLayout(ctx)
      noteFailure(ctx, kind)
      ctx.state.grids = currentGrids
    }
  } else {
    noteRecovery(ctx)
    ctx.state.grids = currentGrids
  }

  // 5. The mirror becomes the sheet (plus still-pending rows). Only changed rows are written.
  const counts = updateMirror(ctx, tabReads, reportsOf, writeError === undefined, outboxKeys)
  const newReference: Reference = {
    staff: staffRows,
    holidays,
    lists: listsFromRows(report.lists.flatMap((r) => (r.valid && r.row !== undefined ? [r.row] : []))),
  }
  if (JSON.stringify(newReference) !== JSON.stringify(referenceOf(ctx))) ctx.mirror.setReference(newReference)

  let rowsRead = report.staff.length + report.settings.length + report.lists.length
  let rowsInvalid = 0
  for (const rows of [report.staff, report.settings, report.lists]) for (const r of rows) if (!r.valid) rowsInvalid++
  for (const t of tabReads) {
    rowsRead += t.records.length
    for (let i = 0; i < t.records.length; i++) if (reportsOf(t.tab)[i]?.valid !== true) rowsInvalid++
  }
  const syncReport: SyncReport = {
    rows_read: rowsRead,
    rows_invalid: rowsInvalid,
    ids_assigned: writeError === undefined ? idsAssigned : 0,
    cells_written: writeError === undefined ? cellsWritten : 0,
    google_calls: calls,
    duration_ms: ctx.clock.now() - started,
  }
  ctx.store.transactionSync(() => {
    audit(ctx.store, {
      at: ctx.clock.now(),
      actor: SYSTEM_ACTOR,
      action: 'sync',
      counts: {
        rows_read: syncReport.rows_read,
        rows_invalid: syncReport.rows_invalid,
        ids_assigned: syncReport.ids_assigned,
        cells_written: syncReport.cells_written,
        google_calls: calls,
        edited_in_sheet: counts.edited,
        deleted_in_sheet: counts.deleted,
      },
    })
  })
  ctx.state.lastSync = { at: ctx.clock.now(), trigger, report: syncReport }
  ctx.log({ msg: 'ledger.sync', trigger, ...syncReport, edited: counts.edited, deleted: counts.deleted })
  if (writeError !== undefined) return { ok: false, failure: writeError, bootstrapped: true, report: syncReport }
  return { ok: true, report: syncReport }
}

function referenceOf(ctx: LedgerContext): Reference {
  return { staff: ctx.mirror.staff, holidays: ctx.mirror.holidays, lists: ctx.mirror.context('1970-01-01').lists }
}

/** Makes the mirror equal to the sheet's rows (by id); rows still pending stay. */
function updateMirror(
  ctx: LedgerContext,
  tabReads: readonly TabRead[],
  reportsOf: (tab: DataTabKey) => readonly RowReport<RowOf<DataTabKey>>[],
  idsWritten: boolean,
  outboxKeys: ReadonlySet<string>,
): { edited: number; deleted: number } {
  const now = ctx.clock.now()
  let edited = 0
  let deleted = 0
  ctx.store.transactionSync(() => {
    for (const t of tabReads) {
      const seen = new Set<string>()
      const reports = reportsOf(t.tab)
      t.records.forEach((record, i) => {
        const id = t.ids[i]
        // A row whose new id did not reach the sheet gets it again from the next sync.
        if (id === undefined || (t.assigned.has(i) && !idsWritten)) return
        if (seen.has(id) || outboxKeys.has(keyOf(t.tab, id))) return
        seen.add(id)
        const r = reports[i]
        const row = r?.row ?? null
        const entry: MirrorEntry = {
          tab: t.tab,
          id,
          row,
          etag: row === null ? rawEtag(t.tab, record.cells) : rowEtag(t.tab, row),
          sheetRow: record.rowIndex,
          valid: r?.valid === true,
          status: r?.status ?? '',
          origin: ctx.mirror.get(t.tab, id)?.origin ?? 'sheet',
          state: 'synced',
        }
        const before = ctx.mirror.get(t.tab, id)
        if (
          before === undefined ||
          before.etag !== entry.etag ||
          before.valid !== entry.valid ||
          before.status !== entry.status ||
          before.sheetRow !== entry.sheetRow ||
          before.state !== entry.state
        ) {
          if (before !== undefined && before.state === 'synced' && before.etag !== entry.etag) edited++
          ctx.mirror.put(entry, now)
        }
      })
      const gone: string[] = []
      for (const entry of ctx.mirror.entries(t.tab)) {
        if (!seen.has(entry.id) && entry.state === 'synced') gone.push(entry.id)
      }
      for (const id of gone) ctx.mirror.remove(t.tab, id)
      deleted += gone.length
    }
  })
  return { edited, deleted }
}
