/**
 * @module
 * What the ledger writes into the `Log` tab, and when (domain/log-tab.ts formats the rows). A Log
 * row never costs a Google call of its own: it rides, as one appendCells to the Log tab placed by
 * the header binding, the batchUpdate that a flush, a sync or a PATCH sends anyway — so it is in
 * the sheet exactly when the write it describes is. Quiet by design:
 * - a flush that wrote rows: one row (staff ids, row ids, count);
 * - a sync that assigned ids or changed `_status`es: one row (a sync with no changes writes
 *   nothing at all, so it logs nothing either); a PATCH: one row;
 * - an upstream failure episode (from the first failure of a flush or sync until the next one
 *   that works) lasting at least `logEpisodeMinMs`: a start row and an end row, with the first
 *   failure's kind only. They ride the write that ends the episode, or wait in a small queue for
 *   the next write when the episode ended with a read.
 * No Log tab (or a header that does not bind): nothing is logged and nothing fails. Log rows must
 * never hold data rows back, so after Google refuses a write that carried Log rows (400), the
 * next write carries none and the waiting rows are dropped.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { type LogEvent, logRowCells } from '../domain'
import { appendRowsRequest, encodeRow } from '../sheets'
import { dateTimeSerialInZone } from './clock'
import type { LedgerContext } from './ledger-context'
import type { Layout } from './sheet-layout'
import type { Episode, QueuedLogEntry } from './sync-state'

/** Log rows kept waiting for a write at most; older ones are dropped first. */
export const LOG_QUEUE_MAX = 50

/** A flush or sync failed with this kind: an episode starts, or the running one counts it. */
export function noteFailure(ctx: LedgerContext, kind: string): void {
  const e = ctx.state.episode
  ctx.state.episode =
    e === undefined ? { kind, since: ctx.clock.now(), failures: 1 } : { ...e, failures: e.failures + 1 }
}

const episodeEntries = (e: Episode, end: number): QueuedLogEntry[] => [
  { at: e.since, event: { kind: 'upstream_failing', failure: e.kind } },
  { at: end, event: { kind: 'upstream_recovered', failure: e.kind, failedAttempts: e.failures } },
]

const longEnough = (ctx: LedgerContext, e: Episode | undefined, now: number): e is Episode =>
  e !== undefined && now - e.since >= ctx.tuning.logEpisodeMinMs

/** Entries wait for the next write (oldest dropped past {@link LOG_QUEUE_MAX}). */
function enqueue(ctx: LedgerContext, entries: readonly QueuedLogEntry[]): void {
  if (entries.length === 0) return
  ctx.state.logQueue = [...ctx.state.logQueue, ...entries].slice(-LOG_QUEUE_MAX)
}

/**
 * A flush or sync worked without writing the episode's rows: the episode ends now; its rows wait
 * for the next write when it was long enough to be worth a line.
 */
export function noteRecovery(ctx: LedgerContext): void {
  const e = ctx.state.episode
  if (e === undefined) return
  const now = ctx.clock.now()
  ctx.state.episode = undefined
  if (longEnough(ctx, e, now)) enqueue(ctx, episodeEntries(e, now))
}

/** The Log rows one write carries, and what to forget once its outcome is known. */
export type LogPlan = {
  /** Zero or one appendCells request. */
  readonly requests: sheets_v4.Schema$Request[]
  /** Rows in the request. */
  readonly rows: number
  /** Queued entries this write settles (the first n of the queue). */
  readonly queued: number
  /** The write ends the running episode and carries its rows. */
  readonly endsEpisode: boolean
}

/**
 * The Log rows of a write about to be sent: the waiting rows, the start and end of an episode
 * this write ends (when long enough), then `own` (what this write does), all timed in the centre's
 * time zone. Call it last, just before sending, inside the lane.
 */
export function planLog(ctx: LedgerContext, layout: Layout, own: readonly LogEvent[]): LogPlan {
  const now = ctx.clock.now()
  const queue = ctx.state.logQueue
  const e = ctx.state.episode
  const endsEpisode = longEnough(ctx, e, now)
  const tab = layout.log
  if (tab === null || ctx.state.logPaused) return { requests: [], rows: 0, queued: queue.length, endsEpisode }
  const entries: QueuedLogEntry[] = [
    ...queue,
    ...(endsEpisode ? episodeEntries(e, now) : []),
    ...own.map((event) => ({ at: now, event })),
  ]
  if (entries.length === 0) return { requests: [], rows: 0, queued: 0, endsEpisode }
  const width = Math.max(0, ...tab.columns.values()) + 1
  const rows = entries.map((entry) =>
    encodeRow(
      logRowCells({ time: dateTimeSerialInZone(entry.at, ctx.timeZone), event: entry.event }),
      tab.columns,
      undefined,
      width,
    ),
  )
  return { requests: [appendRowsRequest(tab.sheetId, rows)], rows: rows.length, queued: queue.length, endsEpisode }
}

/**
 * What the write's outcome means for the Log: `applied` — its rows are in the sheet (and the
 * episode it ends is over); `refused` — Google rejected the request (400): drop the waiting rows
 * and send none with the next write; `unknown` — maybe applied: the waiting rows are not sent
 * again (at most once); `not_applied` — nothing changes, they ride the next write.
 */
export function settleLog(
  ctx: LedgerContext,
  plan: LogPlan,
  outcome: 'applied' | 'refused' | 'unknown' | 'not_applied',
): void {
  if (outcome === 'not_applied') return
  if (plan.queued > 0) ctx.state.logQueue = ctx.state.logQueue.slice(plan.queued)
  if (outcome === 'refused') {
    if (plan.rows > 0) ctx.state.logPaused = true
    return
  }
  if (outcome === 'unknown') return
  if (ctx.state.logPaused) ctx.state.logPaused = false
  if (plan.endsEpisode) ctx.state.episode = undefined
  else noteRecovery(ctx)
}
