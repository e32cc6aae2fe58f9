/**
 * @module
 * The mirror: the ledger's copy of the sheet's data rows (plus accepted rows still on their way),
 * and of the reference tabs (Staff, Settings holidays, Lists). Kept in memory for O(1) lookups by
 * the write path and the reads, and in SQLite so a restarted object starts warm. Every change
 * goes through {@link Mirror.put}/{@link Mirror.remove}, which write both; callers group them in
 * a `transactionSync` where they must be atomic with other tables.
 */
import {
  buildValidationContext,
  type Case,
  type CaseEvent,
  calendarOf,
  DATA_TABS,
  type DataTabKey,
  DEFAULT_LISTS,
  type FeedbackTarget,
  type FeedbackTargetTab,
  type Goal,
  type IsoDate,
  type Lists,
  type RowOf,
  type StaffMember,
  staffKey,
  type ValidationContext,
  type WorkingCalendar,
} from '../domain'
import type { SyncState } from './contract'
import { readState, type SqlStore, writeState } from './store'

export type Origin = 'sheet' | 'api'

/** One key per row of any data tab: the tab and the row's id. */
export const rowKey = (tab: string, id: string): string => `${tab}\u0000${id}`

/** What a sync's plan may read of the mirror (the Mirror class fits). */
export type MirrorView = {
  get<K extends DataTabKey>(tab: K, id: string): MirrorEntry<K> | undefined
  entries<K extends DataTabKey>(tab: K): Iterable<MirrorEntry<K>>
}

export type MirrorEntry<K extends DataTabKey = DataTabKey> = {
  readonly tab: K
  readonly id: string
  /** The typed row; null when one of its cells could not be decoded. */
  readonly row: RowOf<K> | null
  /** Version of the row's cells (etag.ts). */
  readonly etag: string
  /** 0-based sheet row where the last read found it; a hint only (staff sort and insert rows). */
  readonly sheetRow: number | null
  /** No error-level issue: the row counts in progress and reads. */
  readonly valid: boolean
  /** The `_status` text ('' when there is no issue). */
  readonly status: string
  readonly origin: Origin
  /** `pending` until the sheet is known to hold the row. */
  readonly state: SyncState
}

/** The reference tabs as the last sync read them. */
export type Reference = {
  readonly staff: readonly StaffMember[]
  readonly holidays: readonly IsoDate[]
  readonly lists: Lists
}

const REFERENCE_KEY = 'reference'

type RowRecord = {
  tab: string
  id: string
  row_json: string | null
  etag: string
  sheet_row: number | null
  valid: number
  status: string
  origin: string
  state: string
}

export class Mirror {
  private readonly byTab: Record<DataTabKey, Map<string, MirrorEntry>> = {
    cases: new Map(),
    assessments: new Map(),
    goals: new Map(),
    sessions: new Map(),
    events: new Map(),
    feedback: new Map(),
  }
  /** Decoded cases and goals by id, shared with validation contexts (no copy per request). */
  private readonly caseRows = new Map<string, Case>()
  private readonly goalRows = new Map<string, Goal>()
  /** What feedback may be about: goals, sessions, assessments and events by id (ids differ by prefix). */
  private readonly targetRows = new Map<string, FeedbackTarget>()
  /** Termination events by id → their case; and how many each case has. */
  private readonly terminationEvents = new Map<string, string>()
  private readonly terminationsByCase = new Map<string, number>()
  private readonly terminated = { has: (caseId: string): boolean => (this.terminationsByCase.get(caseId) ?? 0) > 0 }
  private referenceTabs: Reference = { staff: [], holidays: [], lists: DEFAULT_LISTS }
  private staffIndex: ReadonlyMap<string, StaffMember> = new Map()
  private calendarCache: WorkingCalendar = calendarOf([])

  constructor(private readonly store: SqlStore) {
    for (const r of store.sql
      .exec<RowRecord>('SELECT tab, id, row_json, etag, sheet_row, valid, status, origin, state FROM rows')
      .toArray()) {
      if (!(DATA_TABS as readonly string[]).includes(r.tab)) continue
      this.remember({
        tab: r.tab as DataTabKey,
        id: r.id,
        row: r.row_json === null ? null : JSON.parse(r.row_json),
        etag: r.etag,
        sheetRow: r.sheet_row,
        valid: r.valid === 1,
        status: r.status,
        origin: r.origin === 'api' ? 'api' : 'sheet',
        state: r.state === 'pending' ? 'pending' : 'synced',
      })
    }
    const ref = readState<Reference>(store, REFERENCE_KEY)
    if (ref !== undefined) this.applyReference(ref)
  }

  get<K extends DataTabKey>(tab: K, id: string): MirrorEntry<K> | undefined {
    return this.byTab[tab].get(id) as MirrorEntry<K> | undefined
  }

  entries<K extends DataTabKey>(tab: K): IterableIterator<MirrorEntry<K>> {
    return this.byTab[tab].values() as IterableIterator<MirrorEntry<K>>
  }

  size(tab: DataTabKey): number {
    return this.byTab[tab].size
  }

  /** Valid rows (plus pending ones, which were validated when accepted) of a tab. */
  *validRows<K extends DataTabKey>(tab: K, include: (entry: MirrorEntry<K>) => boolean = () => true) {
    for (const entry of this.entries(tab)) {
      if (entry.valid && entry.row !== null && include(entry)) yield entry.row
    }
  }

  /** Stores an entry in SQLite and memory. */
  put(entry: MirrorEntry, now: number): void {
    this.store.sql.exec(
      `INSERT OR REPLACE INTO rows (tab, id, row_json, etag, sheet_row, valid, status, origin, state, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      entry.tab,
      entry.id,
      entry.row === null ? null : JSON.stringify(entry.row),
      entry.etag,
      entry.sheetRow,
      entry.valid ? 1 : 0,
      entry.status,
      entry.origin,
      entry.state,
      now,
    )
    this.remember(entry)
  }

  /** Changes only the state (and sheet row hint) of an entry. */
  setState(tab: DataTabKey, id: string, state: SyncState, sheetRow: number | null, now: number): void {
    const entry = this.byTab[tab].get(id)
    if (entry === undefined) return
    this.store.sql.exec(
      'UPDATE rows SET state = ?, sheet_row = ?, updated_at = ? WHERE tab = ? AND id = ?',
      state,
      sheetRow,
      now,
      tab,
      id,
    )
    this.remember({ ...entry, state, sheetRow })
  }

  /** Marks many entries synced at once (a flushed batch: one statement per tab, no sheet row). */
  setSynced(rows: readonly { readonly tab: DataTabKey; readonly id: string }[], now: number): void {
    const byTab = new Map<DataTabKey, string[]>()
    for (const { tab, id } of rows) byTab.set(tab, [...(byTab.get(tab) ?? []), id])
    for (const [tab, ids] of byTab) {
      this.store.sql.exec(
        "UPDATE rows SET state = 'synced', sheet_row = NULL, updated_at = ? WHERE tab = ? AND id IN (SELECT value FROM json_each(?))",
        now,
        tab,
        JSON.stringify(ids),
      )
      for (const id of ids) {
        const entry = this.byTab[tab].get(id)
        if (entry !== undefined) this.remember({ ...entry, state: 'synced', sheetRow: null })
      }
    }
  }

  remove(tab: DataTabKey, id: string): void {
    this.store.sql.exec('DELETE FROM rows WHERE tab = ? AND id = ?', tab, id)
    this.byTab[tab].delete(id)
    if (tab === 'cases') this.caseRows.delete(id)
    if (tab === 'goals') this.goalRows.delete(id)
    this.forgetChild(tab, id)
  }

  setReference(reference: Reference): void {
    writeState(this.store, REFERENCE_KEY, reference)
    this.applyReference(reference)
  }

  /** The reference tabs as the last sync read them. */
  get reference(): Reference {
    return this.referenceTabs
  }

  get staff(): readonly StaffMember[] {
    return this.referenceTabs.staff
  }

  get holidays(): readonly IsoDate[] {
    return this.referenceTabs.holidays
  }

  get calendar(): WorkingCalendar {
    return this.calendarCache
  }

  /** The staff member a worker reference (staff id or email, any case) names. */
  staffMember(reference: string): StaffMember | undefined {
    return this.staffIndex.get(staffKey(reference))
  }

  /**
   * A validation context over the mirror, pending rows included (a session may name a case
   * accepted a moment ago). Built in O(1): the maps are the mirror's own.
   */
  context(today: IsoDate): ValidationContext {
    return {
      today,
      cases: this.caseRows,
      goals: this.goalRows,
      staff: this.staffIndex,
      lists: this.referenceTabs.lists,
      calendar: this.calendarCache,
      targets: this.targetRows,
      terminated: this.terminated,
    }
  }

  /** Drops what a goal, session, assessment or event row added to the feedback targets and terminations. */
  private forgetChild(tab: DataTabKey, id: string): void {
    if (tab === 'cases' || tab === 'feedback') return
    this.targetRows.delete(id)
    const caseId = this.terminationEvents.get(id)
    if (caseId === undefined) return
    this.terminationEvents.delete(id)
    const left = (this.terminationsByCase.get(caseId) ?? 1) - 1
    if (left > 0) this.terminationsByCase.set(caseId, left)
    else this.terminationsByCase.delete(caseId)
  }

  private remember(entry: MirrorEntry): void {
    this.byTab[entry.tab].set(entry.id, entry)
    this.forgetChild(entry.tab, entry.id)
    if (entry.row !== null && entry.tab !== 'cases' && entry.tab !== 'feedback') {
      const row = entry.row as { readonly case_id: string }
      this.targetRows.set(entry.id, { tab: entry.tab as FeedbackTargetTab, case_id: row.case_id })
      if (entry.tab === 'events' && (entry.row as CaseEvent).kind === 'termination') {
        this.terminationEvents.set(entry.id, row.case_id)
        this.terminationsByCase.set(row.case_id, (this.terminationsByCase.get(row.case_id) ?? 0) + 1)
      }
    }
    if (entry.tab === 'cases') {
      if (entry.row === null) this.caseRows.delete(entry.id)
      else this.caseRows.set(entry.id, entry.row as Case)
    } else if (entry.tab === 'goals') {
      if (entry.row === null) this.goalRows.delete(entry.id)
      else this.goalRows.set(entry.id, entry.row as Goal)
    }
  }

  private applyReference(reference: Reference): void {
    this.referenceTabs = reference
    const context = buildValidationContext({
      today: '1970-01-01',
      staff: reference.staff,
      lists: reference.lists,
      holidays: reference.holidays,
    })
    this.staffIndex = context.staff
    this.calendarCache = context.calendar
  }
}
