/**
 * @module
 * The sync (architecture.md "Read path"): ONE read of every tab (sheet-read.ts) → the plan, a pure
 * function of what was read and what the ledger knows (sync-plan.ts) → ONE
 * spreadsheets.batchUpdate of only the cells whose value changes (ids for new staff-typed rows,
 * `_status` texts, the Progress and Dashboard tabs, a Log line when ids or statuses changed) →
 * the plan's transitions applied in one SQLite transaction: outbox rows found in the sheet
 * complete, the mirror becomes the sheet plus the rows still on their way, counters, reference
 * and audit. A sync with no changes writes nothing: 1 read + 0 writes; with changes, 1 + 1.
 *
 * Runs inside the lane: it never interleaves with a flush or a PATCH.
 */
import { err, type LogEvent, ok, type Result } from '../domain'
import { audit, SYSTEM_ACTOR } from './audit'
import { writeChecked } from './checked-write'
import { completeRows } from './complete-rows'
import type { SyncReport, SyncTrigger } from './contract'
import { removalRequest } from './duplicate-rows'
import type { LedgerContext } from './ledger-context'
import { allPending } from './outbox'
import { cellWriteRequests, recordsOf } from './row-cells'
import { tabOf } from './sheet-layout'
import { noteFailure, noteRecovery, planLog, settleLog } from './sheet-log'
import { readSheet } from './sheet-read'
import { planSync, type SyncPlan } from './sync-plan'
import { invalidateLayout, type UpstreamFailure } from './upstream'
import { writeOutcome } from './write-outcome'

/** A sync that failed; `bootstrapped`: the read worked and the mirror was refreshed anyway. */
export type SyncFailure = {
  readonly failure: UpstreamFailure
  readonly bootstrapped: boolean
  readonly report: SyncReport
}

/** Runs one sync. The caller holds the lane. */
export async function runSync(ctx: LedgerContext, trigger: SyncTrigger): Promise<Result<SyncReport, SyncFailure>> {
  const started = ctx.clock.now()
  const today = ctx.today()
  const read = await readSheet(ctx)
  if (!read.ok) {
    const { failure, calls } = read.error
    // A request error is most often a tab renamed or deleted since the binding: resolve it again.
    if (failure.kind === 'bad_request') invalidateLayout(ctx)
    noteFailure(ctx, failure.kind)
    ctx.log({ msg: 'ledger.sync_failed', trigger, kind: failure.kind, calls })
    return err({ failure, bootstrapped: false, report: reportOf(undefined, calls, started, ctx.clock.now(), false) })
  }
  const { layout, titles, valueRanges } = read.value
  let calls = read.value.calls

  const values = (title: string) => valueRanges[titles.indexOf(title)]?.values ?? []
  const plan = planSync({
    layout,
    values,
    pending: allPending(ctx.store),
    mirror: ctx.mirror,
    reference: ctx.mirror.reference,
    lastIds: ctx.counters.snapshot(),
    today,
    now: started,
    typing: ctx.state.typing,
    typingDelayMs: ctx.tuning.typingDelayMs,
  })
  // Found in the sheet: their unknown write did land (before the write, whatever it brings).
  completeRows(ctx, plan.landed, 'found', plan.landedRows)

  // Copies go last among the data-tab requests: the cell writes before them are placed by the rows
  // as read, and a removal moves the rows below a copy up.
  const requests = [
    ...cellWriteRequests(layout.tabs, plan.rowWrites),
    ...plan.duplicates.removals.map((r) => removalRequest(tabOf(layout, r.tab), r)),
    ...plan.computed.writes.requests,
  ]
  let written = true
  let failure: UpstreamFailure | undefined
  if (requests.length > 0) {
    // Only a sync that writes anyway carries Log rows; ids or statuses changing earn one of its own.
    const log = planLog(ctx, layout, syncLogEvents(plan))
    // Ids and statuses go by row number: the write returns those rows, and rows a person moved in
    // the meantime are put right (checked-write.ts). Normally no extra call.
    const checked = await writeChecked(ctx, {
      layout,
      requests: [...requests, ...log.requests],
      writes: plan.rowWrites,
      removals: plan.duplicates.removals,
      before: (tab) => recordsOf(values(tabOf(layout, tab).title), tabOf(layout, tab)),
    })
    const { result } = checked
    calls += checked.calls
    const outcome = writeOutcome(result)
    settleLog(ctx, log, outcome)
    if (result.ok) {
      ctx.state.grids = plan.computed.desired
      if (plan.computed.writes.layout !== layout) ctx.state.layout = plan.computed.writes.layout
    } else {
      written = false
      failure = result.error
      if (outcome === 'refused') invalidateLayout(ctx)
      noteFailure(ctx, result.error.kind)
      ctx.state.grids = plan.computed.current
    }
  } else {
    noteRecovery(ctx)
    ctx.state.grids = plan.computed.current
  }

  const report = reportOf(plan, calls, started, ctx.clock.now(), written)
  applySync(ctx, plan, written, report)
  // Rows still being typed are judged once their delay is over: a sync is due then (the alarm).
  ctx.state.typing = plan.typing.seen
  const recheck = plan.typing.recheckAt
  if (recheck !== undefined) ctx.state.syncDueAt = Math.min(ctx.state.syncDueAt ?? recheck, recheck)
  ctx.state.lastSync = { at: ctx.clock.now(), trigger, report }
  ctx.log({ msg: 'ledger.sync', trigger, ...report, edited: plan.mirror.edited, deleted: plan.mirror.deleted })
  return failure === undefined ? ok(report) : err({ failure, bootstrapped: true, report })
}

/** The Log lines of a sync that writes: ids or statuses it changed, and duplicates it repaired. */
function syncLogEvents(plan: SyncPlan): LogEvent[] {
  const { counts, duplicates } = plan
  const events: LogEvent[] = []
  if (counts.rowsTouched > 0) {
    events.push({
      kind: 'sync',
      idsAssigned: counts.idsAssigned,
      statusesChanged: counts.statusesChanged,
      rows: counts.rowsTouched,
      ids: counts.touchedIds,
    })
  }
  const removed = duplicates.removals.reduce((n, r) => n + r.rows.length, 0)
  if (removed > 0 || duplicates.flagged.length > 0) {
    events.push({
      kind: 'duplicates',
      removed,
      flagged: duplicates.flagged.length,
      ids: [...duplicates.removals.flatMap((r) => r.ids), ...duplicates.flagged],
    })
  }
  return events
}

/**
 * The plan's changes, in one transaction: counters, the mirror (rows whose new id did not reach
 * the sheet are left out: they get an id again from the next sync), the reference and the audit.
 */
function applySync(ctx: LedgerContext, plan: SyncPlan, written: boolean, report: SyncReport): void {
  const now = ctx.clock.now()
  ctx.store.transactionSync(() => {
    ctx.counters.raise(plan.lastIds)
    for (const { entry, assigned } of plan.mirror.puts) if (written || !assigned) ctx.mirror.put(entry, now)
    for (const { tab, id } of plan.mirror.removes) ctx.mirror.remove(tab, id)
    if (plan.reference !== undefined) ctx.mirror.setReference(plan.reference)
    audit(ctx.store, {
      at: now,
      actor: SYSTEM_ACTOR,
      action: 'sync',
      counts: {
        rows_read: report.rows_read,
        rows_invalid: report.rows_invalid,
        ids_assigned: report.ids_assigned,
        cells_written: report.cells_written,
        google_calls: report.google_calls,
        edited_in_sheet: plan.mirror.edited,
        deleted_in_sheet: plan.mirror.deleted,
      },
    })
  })
}

/** api.md "Sync report"; ids and cells count only when the write went through. */
function reportOf(
  plan: SyncPlan | undefined,
  calls: number,
  started: number,
  now: number,
  written: boolean,
): SyncReport {
  const cells =
    plan === undefined ? 0 : plan.computed.writes.cells + plan.rowWrites.reduce((n, w) => n + w.cells.size, 0)
  return {
    rows_read: plan?.counts.rowsRead ?? 0,
    rows_invalid: plan?.counts.rowsInvalid ?? 0,
    ids_assigned: written ? (plan?.counts.idsAssigned ?? 0) : 0,
    cells_written: written ? cells : 0,
    google_calls: calls,
    duration_ms: now - started,
  }
}
