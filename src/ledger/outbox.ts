/**
 * @module
 * The outbox: accepted rows waiting for the sheet, in acceptance order. A row leaves it only when
 * the sheet is known to hold it (a 2xx answer to the write, or a read that finds its id). Each
 * row has a named state (outbox-state.ts); {@link transition} moves rows between states, and the
 * caller runs it inside the transaction that changes the mirror and the idempotency answers with
 * it. A row in doubt (sent without proof either way) is not sent again before a read, after the
 * grace period, shows it missing — so a row is never appended twice by the outbox.
 */
import type { DataTabKey } from '../domain'
import { nextOutboxState, OUTBOX_STATES, type OutboxEvent, type OutboxState } from './outbox-state'
import type { SqlStore } from './store'

export type OutboxRow = {
  readonly seq: number
  readonly tab: DataTabKey
  readonly id: string
  /** The typed row as JSON text. */
  readonly payload: string
  readonly bytes: number
  readonly createdAt: number
  readonly attempts: number
  readonly state: OutboxState
  /** When the last write carrying the row left (epoch ms), null if never sent. */
  readonly sentAt: number | null
  readonly lastError: string | null
  /** Staff id that submitted the row (null for rows accepted before it was recorded). */
  readonly actor: string | null
}

type OutboxRecord = {
  seq: number
  tab: string
  id: string
  payload: string
  bytes: number
  created_at: number
  attempts: number
  state: string
  sent_at: number | null
  last_error: string | null
  actor: string | null
}

const toRow = (r: OutboxRecord): OutboxRow => ({
  seq: r.seq,
  tab: r.tab as DataTabKey,
  id: r.id,
  payload: r.payload,
  bytes: r.bytes,
  createdAt: r.created_at,
  attempts: r.attempts,
  state: (OUTBOX_STATES as readonly string[]).includes(r.state) ? (r.state as OutboxState) : 'uncertain',
  sentAt: r.sent_at,
  lastError: r.last_error,
  actor: r.actor,
})

const COLUMNS = 'seq, tab, id, payload, bytes, created_at, attempts, state, sent_at, last_error, actor'

/** Adds a row (state `queued`); returns its sequence number. */
export function enqueue(
  store: SqlStore,
  row: {
    readonly tab: DataTabKey
    readonly id: string
    readonly payload: string
    readonly at: number
    readonly actor: string
  },
): number {
  return store.sql
    .exec<{ seq: number }>(
      "INSERT INTO outbox (tab, id, op, payload, bytes, created_at, actor, state) VALUES (?, ?, 'append', ?, ?, ?, ?, 'queued') RETURNING seq",
      row.tab,
      row.id,
      row.payload,
      row.payload.length,
      row.at,
      row.actor,
    )
    .one().seq
}

/** In doubt and sent less than the grace period ago: Google may still apply it. */
const WAITING = "state <> 'queued' AND sent_at > ?"

/**
 * The oldest rows that may go now, whose payloads add up to at most `maxBytes` (always at least
 * one row, so an unusually large row still goes, alone): queued rows, and rows in doubt whose
 * grace period is over (the flush looks for those in the sheet first).
 */
export function takeBatch(store: SqlStore, maxBytes: number, now: number, graceMs: number): OutboxRow[] {
  const out: OutboxRow[] = []
  let bytes = 0
  for (const r of store.sql.exec<OutboxRecord>(
    `SELECT ${COLUMNS} FROM outbox WHERE NOT (${WAITING}) ORDER BY seq`,
    now - graceMs,
  )) {
    if (out.length > 0 && bytes + r.bytes > maxBytes) break
    out.push(toRow(r))
    bytes += r.bytes
  }
  return out
}

/** When the earliest row in doubt may be looked up and re-sent (epoch ms), if any. */
export function doubtEndsAt(store: SqlStore, now: number, graceMs: number): number | undefined {
  const r = store.sql
    .exec<{ first: number | null }>(`SELECT MIN(sent_at) AS first FROM outbox WHERE ${WAITING}`, now - graceMs)
    .one()
  return r.first === null ? undefined : r.first + graceMs
}

/** Every row in the outbox, oldest first. */
export function allPending(store: SqlStore): OutboxRow[] {
  return store.sql.exec<OutboxRecord>(`SELECT ${COLUMNS} FROM outbox ORDER BY seq`).toArray().map(toRow)
}

export function outboxDepth(store: SqlStore): { readonly pending: number; readonly uncertain: number } {
  const r = store.sql
    .exec<{ pending: number; uncertain: number | null }>(
      "SELECT COUNT(*) AS pending, SUM(state <> 'queued') AS uncertain FROM outbox",
    )
    .one()
  return { pending: r.pending, uncertain: r.uncertain ?? 0 }
}

/**
 * Sequence numbers as one bound JSON array: a batch of hundreds of rows is one statement
 * (`seq IN (SELECT value FROM json_each(?))`), not hundreds — statements cost far more than rows.
 */
const IN_SEQS = 'seq IN (SELECT value FROM json_each(?))'

/**
 * Moves the rows of `seqs` by `event` (outbox-state.ts): one statement per state the event
 * applies to; rows reaching `completed` are deleted. `send` stamps the time and counts the
 * attempt; `not_applied` and `unknown` keep `error` (a kind, never a message) for sync status.
 * Run it inside the transaction that records what the move means elsewhere.
 */
export function transition(
  store: SqlStore,
  seqs: readonly number[],
  event: OutboxEvent,
  detail: { readonly now?: number; readonly error?: string } = {},
): void {
  if (seqs.length === 0) return
  const list = JSON.stringify(seqs)
  for (const from of OUTBOX_STATES) {
    const to = nextOutboxState(from, event)
    if (to === from) continue
    if (to === 'completed') {
      store.sql.exec(`DELETE FROM outbox WHERE state = ? AND ${IN_SEQS}`, from, list)
    } else if (event === 'send') {
      store.sql.exec(
        `UPDATE outbox SET state = ?, sent_at = ?, attempts = attempts + 1 WHERE state = ? AND ${IN_SEQS}`,
        to,
        detail.now ?? null,
        from,
        list,
      )
    } else {
      store.sql.exec(
        `UPDATE outbox SET state = ?, last_error = COALESCE(?, last_error) WHERE state = ? AND ${IN_SEQS}`,
        to,
        detail.error ?? null,
        from,
        list,
      )
    }
  }
}

/**
 * Rows left `sending` by an object that restarted mid-send: nobody will hear the answer, so they
 * are in doubt (`interrupted`). Run once when the ledger opens.
 */
export function recoverInterrupted(store: SqlStore): number {
  const seqs = store.sql
    .exec<{ seq: number }>("SELECT seq FROM outbox WHERE state = 'sending'")
    .toArray()
    .map((r) => r.seq)
  transition(store, seqs, 'interrupted')
  return seqs.length
}
