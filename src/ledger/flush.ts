/**
 * @module
 * The flush: drains the outbox into the sheet, single-flight, one batch at a time through the
 * lane (architecture.md "Write path" 3–4). Each batch is ONE spreadsheets.batchUpdate: appendCells
 * per tab for every pending row that fits, plus the Progress/Dashboard cells those rows change.
 * Rows arriving while a batch is in flight ride the next one (group commit).
 *
 * Never lose, never duplicate: each row moves through named states (outbox-state.ts) in SQLite
 * before and after the write, and a watchdog alarm is armed. An answer that does not prove "not
 * applied" (write-outcome.ts) leaves the rows in doubt: nothing is re-sent for the grace period,
 * then the id columns are read and only rows the sheet does not hold go again.
 *
 * Never under the wrong header: the binding a batch is placed by is resolved again first (1 read)
 * when the sheet reported a structural change since it was checked, or when no sync has checked
 * it for `layoutMaxAgeMs` (upstream.ts).
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { type DataTabKey, err, ID_COLUMNS, ok, type Result, type RowOf } from '../domain'
import { appendRowsRequest, columnsRange, type SheetsError } from '../sheets'
import { completeRows } from './complete-rows'
import { type ComputedGrids, computedWrites, computeGrids } from './computed-tabs'
import type { LedgerContext } from './ledger-context'
import { type MirrorEntry, rowKey } from './mirror'
import { doubtEndsAt, type OutboxRow, outboxDepth, takeBatch, transition } from './outbox'
import { inDoubt } from './outbox-state'
import { appendRowData } from './row-cells'
import { hasTab, type Layout, missingTabProblem, tabOf } from './sheet-layout'
import { planLog, settleLog } from './sheet-log'
import { backOff, backoffRemaining, clearBackoff, ensureLayout, invalidateLayout } from './upstream'
import { writeOutcome } from './write-outcome'

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

/** A row about to be written in place (a PATCH): it stands in for the mirror's row of its id. */
export type Replacement = { readonly tab: DataTabKey; readonly id: string; readonly row: RowOf<DataTabKey> }

/**
 * The computed grids over the rows the sheet holds (or will hold once `extra` lands): valid
 * mirror rows that are synced, plus the rows of `extra` (by rowKey); `replace` stands in for the
 * row with its id.
 */
export function gridsFor(ctx: LedgerContext, extra: ReadonlySet<string>, replace?: Replacement): ComputedGrids {
  const include = (entry: MirrorEntry) =>
    (entry.state === 'synced' || extra.has(rowKey(entry.tab, entry.id))) &&
    !(replace !== undefined && entry.tab === replace.tab && entry.id === replace.id)
  const rows = <K extends DataTabKey>(tab: K): RowOf<K>[] => [
    ...ctx.mirror.validRows(tab, include),
    ...(replace?.tab === tab ? [replace.row as RowOf<K>] : []),
  ]
  return computeGrids({
    cases: rows('cases'),
    goals: rows('goals'),
    sessions: rows('sessions'),
    feedback: rows('feedback'),
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
): ReturnType<typeof computedWrites> {
  const known = ctx.state.grids
  if (known === undefined) return { requests: [], cells: 0, layout }
  return computedWrites(layout, known, desired)
}

/** Reads the id columns of the tabs of rows in doubt; answers where each id is in the sheet. */
async function readIds(
  ctx: LedgerContext,
  layout: Layout,
  rows: readonly OutboxRow[],
): Promise<Result<Map<string, number>, SheetsError>> {
  const tabs = [...new Set(rows.map((r) => r.tab))]
  const ranges = tabs.map((tab) => {
    const t = tabOf(layout, tab)
    const column = t.columns.get(ID_COLUMNS[tab]) as number
    return columnsRange(t.title, column)
  })
  const read = await ctx.sheets.values.batchGet({ spreadsheetId: ctx.spreadsheetId, ranges })
  if (!read.ok) return err(read.error)
  const sheetRows = new Map<string, number>()
  tabs.forEach((tab, i) => {
    const values = read.value.valueRanges?.[i]?.values ?? []
    values.forEach((row, rowIndex) => {
      const cell = row[0]
      if (typeof cell === 'string' && cell.trim() !== '')
        sheetRows.set(rowKey(tab, cell.trim().toUpperCase()), rowIndex)
    })
  })
  return ok(sheetRows)
}

export function createFlusher(ctx: LedgerContext, hooks: FlusherHooks): Flusher {
  const waiters = new Map<string, Set<(synced: boolean) => void>>()
  let running: Promise<void> | null = null
  let again = false
  let inflight: number | null = null

  const resolveWaiters = (rows: readonly Pick<OutboxRow, 'tab' | 'id'>[]) => {
    for (const r of rows) {
      const set = waiters.get(rowKey(r.tab, r.id))
      if (set === undefined) continue
      waiters.delete(rowKey(r.tab, r.id))
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
      backOff(ctx, layoutResult.error.failure)
      return 'blocked'
    }
    let layout = layoutResult.value.layout
    // A row of a tab the sheet no longer has (a later tab deleted after the row was accepted):
    // nothing of the batch is sent until a person restores the tab; nothing accepted is dropped.
    const unbound = [...new Set(batch.filter((r) => !hasTab(layout, r.tab)).map((r) => r.tab))]
    if (unbound.length > 0) {
      const problems = unbound.map((tab) => missingTabProblem(layout, tab))
      backOff(ctx, { kind: 'layout', problems: problems.map((p) => ({ kind: 'missing_tab' as const, tab: p.tab })) })
      return 'blocked'
    }

    // Rows in doubt whose grace period is over: a read decides — in the sheet (found), or safe
    // to send again (missing).
    const doubtful = batch.filter((r) => inDoubt(r.state))
    if (doubtful.length > 0) {
      const ids = await readIds(ctx, layout, doubtful)
      if (!ids.ok) {
        backOff(ctx, ids.error)
        return 'blocked'
      }
      const found = doubtful.filter((r) => ids.value.has(rowKey(r.tab, r.id)))
      const missing = doubtful.filter((r) => !ids.value.has(rowKey(r.tab, r.id)))
      completeRows(ctx, found, 'found', ids.value)
      ctx.store.transactionSync(() =>
        transition(
          ctx.store,
          missing.map((r) => r.seq),
          'missing',
        ),
      )
      resolveWaiters(found)
      ctx.log({ msg: 'ledger.reconcile', uncertain: doubtful.length, found: found.length })
      const done = new Set(found.map((r) => r.seq))
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
      rows.push(appendRowData(r.tab, tabOf(layout, r.tab), row, entry?.status ?? ''))
      byTab.set(r.tab, rows)
      inBatch.add(rowKey(r.tab, r.id))
    }
    const requests: sheets_v4.Schema$Request[] = []
    for (const [tab, rows] of byTab) requests.push(appendRowsRequest(tabOf(layout, tab).sheetId, rows))
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
    ctx.store.transactionSync(() => transition(ctx.store, seqs, 'send', { now: ctx.clock.now() }))
    inflight = ctx.clock.now()
    await hooks.rearm()
    const result = await ctx.sheets.spreadsheets.batchUpdate({
      spreadsheetId: ctx.spreadsheetId,
      requestBody: { requests },
    })
    inflight = null
    const outcome = writeOutcome(result)
    settleLog(ctx, log, outcome)

    if (result.ok) {
      completeRows(ctx, batch, 'applied')
      if (computed !== undefined && desired !== undefined) {
        ctx.state.grids = desired
        layout = computed.layout
        if (layout !== layoutResult.value.layout) ctx.state.layout = layout
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
    const detail = error.kind === 'outcome_unknown' ? `${error.kind}:${error.cause}` : error.kind
    // Unknown: left alone for the grace period, then looked up before any resend. Otherwise the
    // answer proved nothing was applied: the rows go again after the backoff.
    ctx.store.transactionSync(() =>
      transition(ctx.store, seqs, outcome === 'unknown' ? 'unknown' : 'not_applied', { error: detail }),
    )
    // A request error is most often a stale binding or a computed-tab cell outside the grid:
    // resolve again and send the rows alone next time. Accepted rows are never dropped.
    if (outcome === 'refused') invalidateLayout(ctx)
    backOff(ctx, error)
    ctx.log({
      msg: 'ledger.flush_failed',
      rows: batch.length,
      kind: error.kind,
      outcome,
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
        const k = rowKey(tab, id)
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
