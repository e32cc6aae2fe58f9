/**
 * @module
 * The small documents the ledger keeps about its conversation with the sheet (the `sync_state`
 * table): the cached header binding, when it was last checked and when the sheet's structure last
 * changed, its label fingerprints, the grids last written to the computed tabs, the backoff after
 * failures, the last upstream error, an upstream failure episode in progress, Log rows waiting
 * for a write, and the last sync. Cached in memory, written through to SQLite. No cell text of
 * data tabs is stored here.
 */

import type { LogEvent } from '../domain'
import type { Grid } from './computed-tabs'
import type { SyncReport, SyncTrigger } from './contract'
import { type Layout, type LayoutJson, layoutFromJson, layoutToJson } from './sheet-layout'
import { readState, type SqlStore, writeState } from './store'

export type Backoff = {
  /** Epoch ms before which no write is attempted. */
  readonly until: number
  /** Consecutive failures (the exponent of the next delay). */
  readonly failures: number
  readonly kind: string
}

export type LastSync = { readonly at: number; readonly trigger: SyncTrigger; readonly report: SyncReport }

export type UpstreamEvent = { readonly kind: string; readonly at: number }

export type LastOutcome = { readonly ok: boolean; readonly at: number; readonly kind?: string }

/** Google (or the sheet's layout) failing since `since` (epoch ms): the first kind, failures so far. */
export type Episode = { readonly kind: string; readonly since: number; readonly failures: number }

/** A Log row waiting for the next write (`at`: epoch ms; the time cell is made at write time). */
export type QueuedLogEntry = { readonly at: number; readonly event: LogEvent }

const KEYS = {
  spreadsheetId: 'spreadsheet_id',
  layout: 'layout',
  fingerprints: 'header_fingerprints',
  grids: 'written_grids',
  backoff: 'backoff',
  upstream: 'last_upstream_error',
  outcome: 'last_google_outcome',
  lastSync: 'last_sync',
  syncDue: 'sync_due_at',
  layoutCheckedAt: 'layout_checked_at',
  structureChangedAt: 'structure_changed_at',
  episode: 'upstream_episode',
  logQueue: 'log_queue',
  logPaused: 'log_paused',
  typing: 'typing_seen',
} as const

type Cached<T> = { loaded: boolean; value: T | undefined }

export class LedgerState {
  private readonly cache = new Map<string, Cached<unknown>>()
  /** The layout with its Maps rebuilt; null = not read yet. */
  private parsedLayout: Layout | undefined | null = null

  constructor(private readonly store: SqlStore) {}

  private get<T>(key: string): T | undefined {
    let c = this.cache.get(key) as Cached<T> | undefined
    if (c === undefined) {
      c = { loaded: true, value: readState<T>(this.store, key) }
      this.cache.set(key, c)
    }
    return c.value
  }

  private set(key: string, value: unknown): void {
    writeState(this.store, key, value)
    this.cache.set(key, { loaded: true, value })
  }

  get spreadsheetId(): string | undefined {
    return this.get<string>(KEYS.spreadsheetId)
  }
  set spreadsheetId(id: string | undefined) {
    this.set(KEYS.spreadsheetId, id)
  }

  /** The cached binding, or undefined when it must be resolved. */
  get layout(): Layout | undefined {
    if (this.parsedLayout === null) {
      const json = this.get<LayoutJson>(KEYS.layout)
      this.parsedLayout = json === undefined ? undefined : layoutFromJson(json)
    }
    return this.parsedLayout
  }
  set layout(layout: Layout | undefined) {
    this.set(KEYS.layout, layout === undefined ? undefined : layoutToJson(layout))
    this.parsedLayout = layout
  }

  /** Header-label fingerprint per tab title, taken from the read that validated the binding. */
  get fingerprints(): Readonly<Record<string, string>> | undefined {
    return this.get<Record<string, string>>(KEYS.fingerprints)
  }
  set fingerprints(value: Readonly<Record<string, string>> | undefined) {
    this.set(KEYS.fingerprints, value)
  }

  /** What the computed tabs hold, as far as the ledger knows (last read or write). */
  get grids(): { readonly progress: Grid; readonly dashboard: Grid } | undefined {
    return this.get(KEYS.grids)
  }
  set grids(value: { readonly progress: Grid; readonly dashboard: Grid } | undefined) {
    this.set(KEYS.grids, value)
  }

  get backoff(): Backoff | undefined {
    return this.get<Backoff>(KEYS.backoff)
  }
  set backoff(value: Backoff | undefined) {
    this.set(KEYS.backoff, value)
  }

  get upstreamError(): UpstreamEvent | undefined {
    return this.get<UpstreamEvent>(KEYS.upstream)
  }
  set upstreamError(value: UpstreamEvent | undefined) {
    this.set(KEYS.upstream, value)
  }

  get lastOutcome(): LastOutcome | undefined {
    return this.get<LastOutcome>(KEYS.outcome)
  }
  set lastOutcome(value: LastOutcome | undefined) {
    this.set(KEYS.outcome, value)
  }

  get lastSync(): LastSync | undefined {
    return this.get<LastSync>(KEYS.lastSync)
  }
  set lastSync(value: LastSync | undefined) {
    this.set(KEYS.lastSync, value)
  }

  /** A coalesced sync waiting for its time (epoch ms). */
  get syncDueAt(): number | undefined {
    return this.get<number>(KEYS.syncDue)
  }
  set syncDueAt(value: number | undefined) {
    this.set(KEYS.syncDue, value)
  }

  /**
   * Epoch ms when the cached binding was last known to match the sheet: the start of the read
   * that resolved it, or of a full read whose header labels matched its fingerprints.
   */
  get layoutCheckedAt(): number | undefined {
    return this.get<number>(KEYS.layoutCheckedAt)
  }
  set layoutCheckedAt(value: number | undefined) {
    this.set(KEYS.layoutCheckedAt, value)
  }

  /** Epoch ms of the last structural change the sheet told us about (Apps Script onChange). */
  get structureChangedAt(): number | undefined {
    return this.get<number>(KEYS.structureChangedAt)
  }
  set structureChangedAt(value: number | undefined) {
    this.set(KEYS.structureChangedAt, value)
  }

  /** An upstream failure episode in progress (sheet-log.ts). */
  get episode(): Episode | undefined {
    return this.get<Episode>(KEYS.episode)
  }
  set episode(value: Episode | undefined) {
    this.set(KEYS.episode, value)
  }

  /** Log rows waiting for the next write, oldest first. */
  get logQueue(): readonly QueuedLogEntry[] {
    return this.get<QueuedLogEntry[]>(KEYS.logQueue) ?? []
  }
  set logQueue(value: readonly QueuedLogEntry[]) {
    this.set(KEYS.logQueue, value.length === 0 ? undefined : value)
  }

  /**
   * Rows missing a required cell, by content (`tab:fingerprint` of every cell but `_status`) →
   * epoch ms the sync first saw that content: a row is still being typed while its content is
   * new (sync-plan.ts). Only rows seen at the last sync are kept.
   */
  get typing(): Readonly<Record<string, number>> {
    return this.get<Record<string, number>>(KEYS.typing) ?? {}
  }
  set typing(value: Readonly<Record<string, number>>) {
    this.set(KEYS.typing, Object.keys(value).length === 0 ? undefined : value)
  }

  /** Google refused a write that carried Log rows: the next write carries none. */
  get logPaused(): boolean {
    return this.get<boolean>(KEYS.logPaused) === true
  }
  set logPaused(value: boolean) {
    this.set(KEYS.logPaused, value ? true : undefined)
  }
}
