/**
 * @module
 * The flush: drains the outbox into the sheet, single-flight, one batch at a time through the
 * lane (architecture.md "Write path" 3–4). Each batch is ONE spreadsheets.batchUpdate: appendCells
 * per tab for every pending row that fits, plus the Progress/Dashboard cells those rows change.
 * Rows arriving while a batch is in flight ride the next one (group commit).
 *
 * Never lose, never duplicate: rows are marked uncertain in SQLite before the write leaves, and a
 * watchdog alarm is armed; after an unknown outcome (5xx, timeout, a restart of the object) the
 * next batch first reads the id columns and takes rows already in the sheet off the outbox.
 *
 * Never under the wrong header: the binding a batch is placed by is resolved again first (1 read)
 * when the sheet reported a structural change since it was checked, or when no sync has checked
 * it for `layoutMaxAgeMs` (upstream.ts).
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { type Case, type DataTabKey, ID_COLUMNS, type RowOf } from '../domain'
import { appendRowsRequest, columnsRange, type SheetsError } from '../sheets'
import { audit, SYSTEM_ACTOR } from './audit'
import { type ComputedGrids, computeGrids, dashboardWrites, progressWrites } from './computed-tabs'
import { markAnswersSynced } from './idempotency'
import type { LedgerContext } from './ledger-context'
import type { MirrorEntry } from './mirror'
import {
  complete,
  doubtEndsAt,
  markNotSent,
  markSending,
  markUnknown,
  type OutboxRow,
  outboxDepth,
  takeBatch,
} from './outbox'
import { appendRowData } from './row-cells'
import { type Layout, withGrid } from './sheet-layout'
import { planLog, settleLog } from './sheet-log'
import { backOff, backoffRemaining, clearBackoff, ensureLayout, invalidateLayout } from './upstream'

/** What one step of the drain did. */
export type FlushStep = 'sent' | 'empty' | 'blocked'

export type Flusher = {
  /** Starts a drain if none is running (or asks the running one to look again). */
  kick(): void
  /** Kicks and waits until the drain stops (outbox empty or backing off). */
  drain(): Promise<void>
  /** Resolves true once the row is in the sheet, false when `budgetMs` passes first. */
  waitFor(tab: DataTabKey, id: string, budgetMs: number): Promise<boolean>
  /** One batch, for a caller that already holds the lane (PATCH of a pending case). */
  stepInLane(): Promise<FlushStep>
  /** Epoch ms a write has been in flight since, or null. */
  inflightSince(): number | null
}

export type FlusherHooks = {
  /** Re-arms the alarm after the flush state changed. */
  readonly rearm: () => Promise<void>
  /** A timer to retry after a backoff without waiting for the alarm (in-memory, best effort). */
  readonly schedule: (at: number) => void
}

const key = (tab: string, id: string) => `${tab}\u0000${id}`

/** Rows completed by a write or found by a reconcile read: out of the outbox, synced, 201. */
export function completeRows(
  ctx: LedgerContext,
  rows: readonly Pick<OutboxRow, 'seq' | 'tab' | 'id'>[],
  action: 'flush' | 'reconcile',
  sheetRows?: ReadonlyMap<string, number>,
): void {
  if (rows.length === 0) return
  const now = ctx.clock.now()
  ctx.store.transactionSync(() => {
    complete(
      ctx.store,
      rows.map((r) => r.seq),
    )
    if (sheetRows === undefined) ctx.mirror.setSynced(rows, now)
    else for (const r of rows) ctx.mirror.setState(r.tab, r.id, 'synced', sheetRows.get(key(r.tab, r.id)) ?? null, now)
    markAnswersSynced(ctx.store, rows)
    const counts: Record<string, number> = { rows: rows.length }
    for (const r of rows) counts[r.tab] = (counts[r.tab] ?? 0) + 1
    audit(ctx.store, { at: now, actor: SYSTEM_ACTOR, action, counts })
  })
}

/**
 * The computed grids over the rows the sheet holds (or will hold once `extra` lands): valid
 * mirror rows that are synced, plus the rows of `extra`; `replaceCase` stands in for the case
 * with its id (a PATCH about to be written).
 */
export function gridsFor(ctx: LedgerContext, extra: ReadonlySet<string>, replaceCase?: Case): ComputedGrids {
  const include = (entry: MirrorEntry) => entry.state === 'synced' || extra.has(key(entry.tab, entry.id))
  let cases = [...ctx.mirror.validRows('cases', include)]
  if (replaceCase !== undefined) {
    cases = [...cases.filter((c) => c.case_id !== replaceCase.case_id), replaceCase]
  }
  return computeGrids({
    cases,
    goals: [...ctx.mirror.validRows('goals', include)],
    sessions: [...ctx.mirror.validRows('sessions', include)],
    staff: ctx.mirror.staff,
    holidays: ctx.mirror.holidays,
    asOf: ctx.today(),
  })
}

/**
 * The computed-tab writes that bring the sheet from the last known grids to `desired`; empty
 * when the ledger does not know what the tabs hold (before the first sync).
 */
export function computedTabWrites(
  ctx: LedgerContext,
  layout: Layout,
  desired: ComputedGrids,
): { requests: sheets_v4.Schema$Request[]; cells: number; layout: Layout } {
  const known = ctx.state.grids
  if (known === undefined) return { requests: [], cells: 0, layout }
  return gridWrites(layout, known, desired)
}

/**
 * The Progress/Dashboard writes that turn `known` (what the tabs hold) into `desired`, and the
 * layout with the grids grown to fit. Shared by the flush/PATCH (known = last written) and the sync
 * (known = just read).
 */
export function gridWrites(
  layout: Layout,
  known: ComputedGrids,
  desired: ComputedGrids,
): { requests: sheets_v4.Schema$Request[]; cells: number; layout: Layout } {
  const requests: sheets_v4.Schema$Request[] = []
  let cells = 0
  let next = layout
  if (layout.progress !== null) {
    const w = progressWrites(layout.progress, known.progress, desired.progress)
    requests.push(...w.requests)
    cells += w.cells
    next = withGrid(next, 'progress', w)
  }
  if (layout.dashboard !== null) {
    const w = dashboardWrites(layout.dashboard, known.dashboard, desired.dashboard)
    requests.push(...w.requests)
    cells += w.cells
    next = withGrid(next, 'dashboard', w)
  }
  return { requests, cells, layout: next }
}

/** Reads the id columns of the tabs of uncertain rows; returns the rows found (with sheet rows). */
async function reconcile(
  ctx: LedgerContext,
  layout: Layout,
  uncertain: readonly OutboxRow[],
): Promise<{ ok: true; found: OutboxRow[]; sheetRows: Map<string, number> } | { ok: false; error: SheetsError }> {
  const tabs = [...new Set(uncertain.map((r) => r.tab))]
  const ranges = tabs.map((tab) => {
    const t = layout.tabs[tab]
    const column = t.columns.get(ID_COLUMNS[tab]) as number
    return columnsRange(t.title, column)
  })
  const read = await ctx.sheets.values.batchGet({ spreadsheetId: ctx.spreadsheetId, ranges })
  if (!read.ok) return read
  const sheetRows = new Map<string, number>()
  tabs.forEach((tab, i) => {
    const values = read.value.valueRanges?.[i]?.values ?? []
    values.forEach((row, rowIndex) => {
      const cell = row[0]
      if (typeof cell === 'string' && cell.trim() !== '') sheetRows.set(key(tab, cell.trim().toUpperCase()), rowIndex)
    })
  })
  const found = uncertain.filter((r) => sheetRows.has(key(r.tab, r.id)))
  return { ok: true, found, sheetRows }
}

export function createFlusher(ctx: LedgerContext, hooks: FlusherHooks): Flusher {
  const waiters = new Map<string, Set<(synced: boolean) => void>>()
  let running: Promise<void> | null = null
  let again = false
  let inflight: number | null = null

  const resolveWaiters = (rows: readonly Pick<OutboxRow, 'tab' | 'id'>[]) => {
    for (const r of rows) {
      const set = waiters.get(key(r.tab, r.id))
      if (set === undefined) continue
      waiters.delete(key(r.tab, r.id))
      for (const resolve of set) resolve(true)
    }
  }

  async function step(): Promise<FlushStep> {
    if (backoffRemaining(ctx) > 0) return 'blocked'
    if (outboxDepth(ctx.store).pending === 0) return 'empty'
    await ctx.gateway.writeReady()
    let batch = takeBatch(ctx.store, ctx.tuning.flushMaxBytes, ctx.clock.now(), ctx.tuning.uncertainGraceMs)
    if (batch.length === 0) return 'empty'
    const started = ctx.clock.now()

    const layoutResult = await ensureLayout(ctx, { maxAgeMs: ctx.tuning.layoutMaxAgeMs })
    if (!layoutResult.ok) {
      backOff(ctx, layoutResult.failure)
      return 'blocked'
    }
    let layout = layoutResult.layout

    const uncertain = batch.filter((r) => r.uncertain)
    if (uncertain.length > 0) {
      const found = await reconcile(ctx, layout, uncertain)
      if (!found.ok) {
        backOff(ctx, found.error)
        return 'blocked'
      }
      completeRows(ctx, found.found, 'reconcile', found.sheetRows)
      resolveWaiters(found.found)
      ctx.log({ msg: 'ledger.reconcile', uncertain: uncertain.length, found: found.found.length })
      const done = new Set(found.found.map((r) => r.seq))
      batch = batch.filter((r) => !done.has(r.seq))
      if (batch.length === 0) return 'sent'
    }

    // appendCells per tab, rows in acceptance order.
    const byTab = new Map<DataTabKey, sheets_v4.Schema$RowData[]>()
    const inBatch = new Set<string>()
    for (const r of batch) {
      const entry = ctx.mirror.get(r.tab, r.id)
      const row = JSON.parse(r.payload) as RowOf<DataTabKey>
      const rows = byTab.get(r.tab) ?? []
      rows.push(appendRowData(r.tab, layout.tabs[r.tab], row, entry?.status ?? ''))
      byTab.set(r.tab, rows)
      inBatch.add(key(r.tab, r.id))
    }
    const requests: sheets_v4.Schema$Request[] = []
    for (const [tab, rows] of byTab) requests.push(appendRowsRequest(layout.tabs[tab].sheetId, rows))
    const desired = ctx.state.grids === undefined ? undefined : gridsFor(ctx, inBatch)
    const computed = desired === undefined ? undefined : computedTabWrites(ctx, layout, desired)
    if (computed !== undefined) requests.push(...computed.requests)
    const log = planLog(ctx, layout, [
      {
        kind: 'rows_saved',
        actors: batch.flatMap((r) => (r.actor === null ? [] : [r.actor])),
        ids: batch.map((r) => r.id),
      },
    ])
    requests.push(...log.requests)

    const seqs = batch.map((r) => r.seq)
    ctx.store.transactionSync(() => markSending(ctx.store, seqs, ctx.clock.now()))
    inflight = ctx.clock.now()
    await hooks.rearm()
    const result = await ctx.sheets.spreadsheets.batchUpdate({
      spreadsheetId: ctx.spreadsheetId,
      requestBody: { requests },
    })
    inflight = null

    if (result.ok) {
      completeRows(ctx, batch, 'flush')
      settleLog(ctx, log, 'applied')
      if (computed !== undefined && desired !== undefined) {
        ctx.state.grids = desired
        layout = computed.layout
        if (layout !== layoutResult.layout) ctx.state.layout = layout
      }
      clearBackoff(ctx)
      resolveWaiters(batch)
      ctx.log({
        msg: 'ledger.flush',
        rows: batch.length,
        tabs: byTab.size,
        computed_cells: computed?.cells ?? 0,
        log_rows: log.rows,
        ms: ctx.clock.now() - started,
      })
      return 'sent'
    }

    const error = result.error
    settleLog(
      ctx,
      log,
      error.kind === 'bad_request'
        ? 'refused'
        : error.kind === 'outcome_unknown' || error.kind === 'invalid_response'
          ? 'unknown'
          : 'not_applied',
    )
    ctx.store.transactionSync(() => {
      if (error.kind === 'outcome_unknown') {
        markUnknown(ctx.store, seqs, `${error.kind}:${error.cause}`, error.cause === 'server_error')
      } else if (error.kind === 'invalid_response') {
        // A 2xx whose body did not parse: most likely applied; the next batch looks first.
        markUnknown(ctx.store, seqs, error.kind, true)
      } else {
        markNotSent(ctx.store, seqs, error.kind)
      }
    })
    // A request error is most often a stale binding or a computed-tab cell outside the grid:
    // resolve again and send the rows alone next time. Accepted rows are never dropped.
    if (error.kind === 'bad_request') invalidateLayout(ctx)
    backOff(ctx, error)
    ctx.log({
      msg: 'ledger.flush_failed',
      rows: batch.length,
      kind: error.kind,
      ...(error.kind === 'outcome_unknown' ? { cause: error.cause, status: error.status } : {}),
      ms: ctx.clock.now() - started,
    })
    return 'blocked'
  }

  async function loop(): Promise<void> {
    for (;;) {
      again = false
      const outcome = await ctx.lane.run(step)
      if (outcome === 'sent') continue
      if (outcome === 'blocked') {
        const b = ctx.state.backoff
        if (b !== undefined) hooks.schedule(b.until)
      } else {
        const doubt = doubtEndsAt(ctx.store, ctx.clock.now(), ctx.tuning.uncertainGraceMs)
        if (doubt !== undefined) hooks.schedule(doubt)
      }
      await hooks.rearm()
      // A kick that came in while this pass ran may have enqueued rows after it looked.
      if (!again) return
    }
  }

  const flusher: Flusher = {
    kick() {
      if (running !== null) {
        again = true
        return
      }
      running = loop()
        .catch((error: unknown) => {
          ctx.log({ msg: 'ledger.flush_crashed', error: error instanceof Error ? error.name : 'unknown' })
        })
        .finally(() => {
          running = null
          if (again) flusher.kick()
        })
    },
    async drain() {
      flusher.kick()
      while (running !== null) await running
    },
    waitFor(tab, id, budgetMs) {
      if (ctx.mirror.get(tab, id)?.state === 'synced') return Promise.resolve(true)
      return new Promise<boolean>((resolve) => {
        const k = key(tab, id)
        const set = waiters.get(k) ?? new Set()
        let settled = false
        const done = (synced: boolean) => {
          if (settled) return
          settled = true
          set.delete(done)
          if (set.size === 0 && waiters.get(k) === set) waiters.delete(k)
          resolve(synced)
        }
        set.add(done)
        waiters.set(k, set)
        if (budgetMs <= 0) done(false)
        else void ctx.clock.sleep(budgetMs).then(() => done(false))
      })
    },
    stepInLane: step,
    inflightSince: () => inflight,
  }
  return flusher
}
