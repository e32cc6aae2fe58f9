/**
 * @module
 * What a sync does, decided without doing it: a pure function from what was read (the sheet's
 * values), what the ledger knows (mirror, outbox, id counters, reference) and the date, to the
 * writes to send and the changes to record. sync.ts reads, calls {@link planSync}, writes, and
 * applies the plan's transitions; tests call the plan directly.
 *
 * The plan (architecture.md "Read path"): records by column key → ids for typed rows without one
 * (counters above every id seen) → outbox rows in doubt whose id the sheet shows have landed →
 * the whole snapshot validated (sheet rows, then rows still on their way, so sheet rows naming
 * them validate) → the cells that change: ids, `_status`, the Progress and Dashboard tabs → the
 * mirror made equal to the sheet (plus pending rows), changed entries only.
 */
import {
  DATA_TABS,
  type DataTabKey,
  formatId,
  ID_COLUMNS,
  type IsoDate,
  listsFromRows,
  missingRequired,
  parseIdNumber,
  type RawCell,
  type RawRecord,
  type RowOf,
  type RowReport,
  STATUS_KEY,
  typingVerdict,
  validateSnapshot,
} from '../domain'
import {
  type ComputedGrids,
  computedWrites,
  computeGrids,
  dashboardGridFromValues,
  progressGridFromValues,
} from './computed-tabs'
import { type DuplicateRemoval, findDuplicates } from './duplicate-rows'
import { rawEtag, rowEtag } from './etag'
import { type MirrorEntry, type MirrorView, type Reference, rowKey } from './mirror'
import type { OutboxRow } from './outbox'
import { inDoubt } from './outbox-state'
import { cellsOfRow, hasStaffCells, idOf, recordsOf, type SheetRecord } from './row-cells'
import { hasTab, type LAYOUT_TABS, type Layout, tabOf } from './sheet-layout'

export type SyncInput = {
  readonly layout: Layout
  /** Values of each tab read (row 0 = the header), by title. */
  readonly values: (title: string) => readonly (readonly unknown[])[]
  /** Every row in the outbox, oldest first. */
  readonly pending: readonly OutboxRow[]
  readonly mirror: MirrorView
  /** The reference tabs as the mirror holds them now. */
  readonly reference: Reference
  /** Highest id number assigned or seen per tab. */
  readonly lastIds: Readonly<Record<DataTabKey, number>>
  /** Today in the centre's time zone: "not in the future" rules and progress are judged on it. */
  readonly today: IsoDate
  /** Epoch ms of this sync. */
  readonly now: number
  /** Contents of incomplete rows seen at the last sync → when first seen (sync-state.ts `typing`). */
  readonly typing: Readonly<Record<string, number>>
  /** How long an incomplete row that changed is left alone (domain/typing-delay.ts). */
  readonly typingDelayMs: number
}

/** Cells one write puts into one data-tab row, by column key, and the row as it was read. */
export type RowWrite = {
  readonly tab: DataTabKey
  /** 0-based sheet row where the read found the row. */
  readonly rowIndex: number
  /** Column key → new value (null clears the cell). */
  readonly cells: ReadonlyMap<string, RawCell>
  /** The row's bound cells as read (what the write is checked against afterwards). */
  readonly read: Readonly<Record<string, RawCell>>
  /** The row's id after the write (undefined for a row left without one). */
  readonly id: string | undefined
}

/** A mirror entry to store; `assigned`: its id is new in this sync (stored only if the write lands). */
export type MirrorPut = { readonly entry: MirrorEntry; readonly assigned: boolean }

export type SyncPlan = {
  readonly rowWrites: readonly RowWrite[]
  /** What the computed tabs hold (as read) and should hold, and the writes between them. */
  readonly computed: {
    readonly current: ComputedGrids
    readonly desired: ComputedGrids
    readonly writes: ReturnType<typeof computedWrites>
  }
  /** Id counters after this sync (ids seen in the sheet and ids assigned). */
  readonly lastIds: Readonly<Record<DataTabKey, number>>
  /** Outbox rows in doubt that the sheet holds: their write did land (event `found`). */
  readonly landed: readonly OutboxRow[]
  /** Where the sheet shows each landed row (0-based rows). */
  readonly landedRows: ReadonlyMap<string, number>
  /**
   * Ids on several rows (duplicate-rows.ts): identical later copies to remove (their rows are left
   * out of everything else in this plan), and ids whose differing copies are flagged — `flagged`
   * lists those whose `_status` this sync writes, so each is logged once.
   */
  readonly duplicates: { readonly removals: readonly DuplicateRemoval[]; readonly flagged: readonly string[] }
  readonly mirror: {
    readonly puts: readonly MirrorPut[]
    readonly removes: readonly { readonly tab: DataTabKey; readonly id: string }[]
    /** Synced rows whose content a person changed in the sheet. */
    readonly edited: number
    /** Synced rows no longer in the sheet. */
    readonly deleted: number
  }
  /** The reference tabs as read, when they differ from what the mirror holds. */
  readonly reference: Reference | undefined
  /**
   * Rows still being typed (incomplete, changed within the delay): their contents with first-seen
   * times for the next sync, and when the first of them is judged anyway — the sync to schedule.
   */
  readonly typing: { readonly seen: Readonly<Record<string, number>>; readonly recheckAt: number | undefined }
  readonly counts: {
    readonly idsAssigned: number
    readonly statusesChanged: number
    readonly rowsTouched: number
    /** Ids of the rows whose id or `_status` this sync writes (the Log line). */
    readonly touchedIds: readonly string[]
    readonly rowsRead: number
    readonly rowsInvalid: number
  }
}

/** A data tab's rows as read, and the id of each after this sync's assignments. */
type TabRead = {
  readonly tab: DataTabKey
  /** Rows with at least one staff-owned cell filled (assigned ids go into `cells`). */
  readonly records: { readonly rowIndex: number; readonly read: SheetRecord['cells']; cells: Record<string, RawCell> }[]
  /** Rows holding only system cells (an id or a stale `_status`). */
  readonly blanks: SheetRecord[]
  /** Id per record: present in the sheet, assigned now, or undefined. */
  readonly ids: (string | undefined)[]
  /** Records whose id this sync assigns. */
  readonly assigned: Set<number>
  /** Records still being typed: they get neither an id nor a `_status` now. */
  readonly held: Set<number>
}

export function planSync(input: SyncInput): SyncPlan {
  const { layout, today } = input
  const valuesOf = (title: string | undefined) => (title === undefined ? [] : input.values(title))
  // A later tab the sheet lacks (hasTab) reads as empty: it has no rows and gets no writes.
  const tabValues = (tab: (typeof LAYOUT_TABS)[number]) =>
    hasTab(layout, tab) ? valuesOf(tabOf(layout, tab).title) : []

  // 1. Data tabs: records by key; later identical copies of an id left out (they are removed);
  //    ids for typed rows without one, above every id seen.
  const lastIds = { ...input.lastIds }
  const removals: DuplicateRemoval[] = []
  const flagged = new Set<string>()
  // "Changed" without row ids: a row's content (every cell but `_status`) first seen at this sync
  // is new; the same content seen at an earlier sync has been there since then.
  const typingSeen: Record<string, number> = {}
  let recheckAt: number | undefined
  const tabReads: TabRead[] = DATA_TABS.map((tab) => {
    if (!hasTab(layout, tab)) {
      return { tab, records: [], blanks: [], ids: [], assigned: new Set(), held: new Set() }
    }
    const all = recordsOf(tabValues(tab), tabOf(layout, tab))
    const typed = all.filter((r) => hasStaffCells(tab, r.cells))
    const copies = new Map<string, number[]>()
    for (const r of typed) {
      const id = idOf(tab, r.cells)
      if (id !== undefined) copies.set(id, [...(copies.get(id) ?? []), r.rowIndex])
    }
    const found = findDuplicates(tab, tabOf(layout, tab), tabValues(tab), copies)
    if (found.removal !== undefined) removals.push(found.removal)
    for (const id of found.flagged) flagged.add(id)
    const records = typed
      .filter((r) => !found.removed.has(r.rowIndex))
      .map((r) => ({ rowIndex: r.rowIndex, read: r.cells, cells: { ...r.cells } }))
    const ids = records.map((r) => idOf(tab, r.cells))
    for (const id of ids) {
      const n = id === undefined ? undefined : parseIdNumber(tab, id)
      if (n !== undefined && n > lastIds[tab]) lastIds[tab] = n
    }
    const held = new Set<number>()
    records.forEach((record, i) => {
      if (missingRequired(tab, record.cells).length === 0) return
      const content = `${tab}:${rawEtag(tab, record.cells)}`
      const changedAt = input.typing[content] ?? input.now
      typingSeen[content] = changedAt
      const verdict = typingVerdict({ complete: false, changedAt, now: input.now, delayMs: input.typingDelayMs })
      if (verdict.kind === 'judge') return
      held.add(i)
      recheckAt = Math.min(recheckAt ?? verdict.until, verdict.until)
    })
    return { tab, records, blanks: all.filter((r) => !hasStaffCells(tab, r.cells)), ids, assigned: new Set(), held }
  })
  for (const t of tabReads) {
    t.records.forEach((record, i) => {
      const raw = record.cells[ID_COLUMNS[t.tab]]
      if (raw !== null && raw !== undefined) return
      if (t.held.has(i)) return
      lastIds[t.tab]++
      const id = formatId(t.tab, lastIds[t.tab])
      t.ids[i] = id
      t.assigned.add(i)
      record.cells[ID_COLUMNS[t.tab]] = id
    })
  }

  // 2. Rows accepted but not confirmed: an in-doubt row whose id the sheet holds did land; the
  //    rest join the snapshot so sheet rows that name them validate.
  const inSheet = new Map<string, number>()
  for (const t of tabReads) {
    t.records.forEach((record, i) => {
      const id = t.ids[i]
      if (id !== undefined && !inSheet.has(rowKey(t.tab, id))) inSheet.set(rowKey(t.tab, id), record.rowIndex)
    })
  }
  const landed = input.pending.filter((r) => inDoubt(r.state) && inSheet.has(rowKey(r.tab, r.id)))
  const landedSeqs = new Set(landed.map((r) => r.seq))
  const stillPending = input.pending.filter((r) => !landedSeqs.has(r.seq) && !inSheet.has(rowKey(r.tab, r.id)))
  // An id in the sheet that a row still in the outbox also carries (typed by hand): the mirror
  // keeps the outbox row as it is; both rows get a duplicate-id status once it lands.
  const outboxKeys = new Set(input.pending.filter((r) => !landedSeqs.has(r.seq)).map((r) => rowKey(r.tab, r.id)))

  // 3. The snapshot validated: sheet rows first (report index = record index), then pending rows.
  const snapshot: Record<DataTabKey, RawRecord[]> = {
    cases: [],
    assessments: [],
    goals: [],
    sessions: [],
    events: [],
    feedback: [],
  }
  for (const t of tabReads) snapshot[t.tab] = t.records.map((r) => r.cells)
  for (const p of stillPending) snapshot[p.tab].push(cellsOfRow(p.tab, JSON.parse(p.payload)))
  const reference = {
    staff: recordsOf(tabValues('staff'), layout.tabs.staff),
    settings: recordsOf(tabValues('settings'), layout.tabs.settings),
    lists: recordsOf(tabValues('lists'), layout.tabs.lists),
  }
  const report = validateSnapshot(
    {
      ...snapshot,
      staff: reference.staff.map((r) => r.cells),
      settings: reference.settings.map((r) => r.cells),
      lists: reference.lists.map((r) => r.cells),
    },
    { today },
  )
  const reportsOf = (tab: DataTabKey) => report[tab] as readonly RowReport<RowOf<DataTabKey>>[]

  // 4. The cells that change: ids and `_status` of data rows (none for a row still being typed); a
  //    row emptied again keeps neither its status nor the id it was given.
  const rowWrites: RowWrite[] = []
  let idsAssigned = 0
  let statusesChanged = 0
  const touchedIds: string[] = []
  const flaggedNow = new Set<string>()
  for (const t of tabReads) {
    t.records.forEach((record, i) => {
      const cells = new Map<string, RawCell>()
      if (t.assigned.has(i)) {
        cells.set(ID_COLUMNS[t.tab], t.ids[i] ?? null)
        idsAssigned++
      }
      const wanted = reportsOf(t.tab)[i]?.status ?? ''
      if (!t.held.has(i) && (record.cells[STATUS_KEY] ?? '') !== wanted) {
        cells.set(STATUS_KEY, wanted === '' ? null : wanted)
        statusesChanged++
        const id = t.ids[i]
        if (id !== undefined && flagged.has(id)) flaggedNow.add(id)
      }
      if (cells.size === 0) return
      rowWrites.push({ tab: t.tab, rowIndex: record.rowIndex, cells, read: record.read, id: t.ids[i] })
      const id = t.ids[i]
      if (id !== undefined) touchedIds.push(id)
    })
    for (const blank of t.blanks) {
      const cells = new Map<string, RawCell>()
      if ((blank.cells[STATUS_KEY] ?? null) !== null) {
        cells.set(STATUS_KEY, null)
        statusesChanged++
      }
      if ((blank.cells[ID_COLUMNS[t.tab]] ?? null) !== null) cells.set(ID_COLUMNS[t.tab], null)
      if (cells.size === 0) continue
      const id = idOf(t.tab, blank.cells)
      rowWrites.push({ tab: t.tab, rowIndex: blank.rowIndex, cells, read: blank.cells, id: undefined })
      if (id !== undefined) touchedIds.push(id)
    }
  }

  // 5. The computed tabs from the valid sheet rows (pending rows are not in the sheet yet).
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
  const staff = report.staff.flatMap((r) => (r.valid && r.row !== undefined ? [r.row] : []))
  const holidays = report.settings.flatMap((r) => (r.valid && r.row !== undefined ? [r.row.date] : []))
  const desired = computeGrids({
    cases: valid('cases'),
    goals: valid('goals'),
    sessions: valid('sessions'),
    feedback: valid('feedback'),
    staff,
    holidays,
    asOf: today,
  })
  const current: ComputedGrids = {
    progress: layout.progress === null ? [] : progressGridFromValues(valuesOf(layout.progress.title), layout.progress),
    dashboard: layout.dashboard === null ? [] : dashboardGridFromValues(valuesOf(layout.dashboard.title)),
  }

  // 6. The mirror: the sheet's rows by id (changed entries only), pending rows kept.
  const mirror = mirrorChanges(input.mirror, tabReads, reportsOf, outboxKeys)
  const nextReference: Reference = {
    staff,
    holidays,
    lists: listsFromRows(report.lists.flatMap((r) => (r.valid && r.row !== undefined ? [r.row] : []))),
  }

  let rowsRead = report.staff.length + report.settings.length + report.lists.length
  let rowsInvalid = 0
  for (const rows of [report.staff, report.settings, report.lists]) for (const r of rows) if (!r.valid) rowsInvalid++
  for (const t of tabReads) {
    rowsRead += t.records.length
    for (let i = 0; i < t.records.length; i++) if (reportsOf(t.tab)[i]?.valid !== true) rowsInvalid++
  }

  return {
    rowWrites,
    computed: { current, desired, writes: computedWrites(layout, current, desired) },
    lastIds,
    landed,
    landedRows: inSheet,
    duplicates: { removals, flagged: [...flaggedNow] },
    mirror,
    reference: JSON.stringify(nextReference) === JSON.stringify(input.reference) ? undefined : nextReference,
    typing: { seen: typingSeen, recheckAt },
    counts: { idsAssigned, statusesChanged, rowsTouched: rowWrites.length, touchedIds, rowsRead, rowsInvalid },
  }
}

/** The mirror entries that change so the mirror equals the sheet's rows (by id); rows still pending stay. */
function mirrorChanges(
  view: MirrorView,
  tabReads: readonly TabRead[],
  reportsOf: (tab: DataTabKey) => readonly RowReport<RowOf<DataTabKey>>[],
  outboxKeys: ReadonlySet<string>,
): SyncPlan['mirror'] {
  const puts: MirrorPut[] = []
  const removes: { tab: DataTabKey; id: string }[] = []
  let edited = 0
  for (const t of tabReads) {
    const seen = new Set<string>()
    const reports = reportsOf(t.tab)
    t.records.forEach((record, i) => {
      const id = t.ids[i]
      if (id === undefined || seen.has(id) || outboxKeys.has(rowKey(t.tab, id))) return
      seen.add(id)
      const r = reports[i]
      const row = r?.row ?? null
      const before = view.get(t.tab, id)
      const entry: MirrorEntry = {
        tab: t.tab,
        id,
        row,
        etag: row === null ? rawEtag(t.tab, record.cells) : rowEtag(t.tab, row),
        sheetRow: record.rowIndex,
        valid: r?.valid === true,
        status: r?.status ?? '',
        origin: before?.origin ?? 'sheet',
        state: 'synced',
      }
      if (
        before !== undefined &&
        before.etag === entry.etag &&
        before.valid === entry.valid &&
        before.status === entry.status &&
        before.sheetRow === entry.sheetRow &&
        before.state === entry.state
      ) {
        return
      }
      if (before !== undefined && before.state === 'synced' && before.etag !== entry.etag) edited++
      puts.push({ entry, assigned: t.assigned.has(i) })
    })
    for (const entry of view.entries(t.tab)) {
      if (!seen.has(entry.id) && entry.state === 'synced') removes.push({ tab: t.tab, id: entry.id })
    }
  }
  return { puts, removes, edited, deleted: removes.length }
}
