/**
 * @module
 * The outbox: accepted rows waiting for the sheet, in acceptance order. A row leaves it only when
 * the sheet is known to hold it (a successful write, or a reconcile read that finds its id).
 * Before a write is sent its rows are marked `uncertain`; if the outcome of that write is never
 * learned (timeout, 5xx, the object restarted), the flag makes the next flush look before it
 * re-sends, so a row is never appended twice.
 */
import type { DataTabKey } from '../domain'
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
  readonly uncertain: boolean
  /** When the last write carrying the row left (epoch ms), null if never sent. */
  readonly sentAt: number | null
  /** The last write got an answer, so a read of the sheet shows its final effect. */
  readonly settled: boolean
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
  uncertain: number
  sent_at: number | null
  settled: number
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
  uncertain: r.uncertain === 1,
  sentAt: r.sent_at,
  settled: r.settled === 1,
  lastError: r.last_error,
  actor: r.actor,
})

/** Adds a row; returns its sequence number. */
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
      "INSERT INTO outbox (tab, id, op, payload, bytes, created_at, actor) VALUES (?, ?, 'append', ?, ?, ?, ?) RETURNING seq",
      row.tab,
      row.id,
      row.payload,
      row.payload.length,
      row.at,
      row.actor,
    )
    .one().seq
}

/**
 * The oldest pending rows whose payloads add up to at most `maxBytes` (always at least one row,
 * so an unusually large row still goes, alone). Rows in doubt — sent without an answer less than
 * `graceMs` ago, so Google may still apply them — are left for later.
 */
export function takeBatch(store: SqlStore, maxBytes: number, now: number, graceMs: number): OutboxRow[] {
  const out: OutboxRow[] = []
  let bytes = 0
  for (const r of store.sql.exec<OutboxRecord>(
    'SELECT * FROM outbox WHERE NOT (uncertain = 1 AND settled = 0 AND sent_at > ?) ORDER BY seq',
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
    .exec<{ first: number | null }>(
      'SELECT MIN(sent_at) AS first FROM outbox WHERE uncertain = 1 AND settled = 0 AND sent_at > ?',
      now - graceMs,
    )
    .one()
  return r.first === null ? undefined : r.first + graceMs
}

/** Every pending row (tests, reconcile of a whole outbox). */
export function allPending(store: SqlStore): OutboxRow[] {
  return store.sql.exec<OutboxRecord>('SELECT * FROM outbox ORDER BY seq').toArray().map(toRow)
}

export function outboxDepth(store: SqlStore): { readonly pending: number; readonly uncertain: number } {
  const r = store.sql
    .exec<{ pending: number; uncertain: number | null }>(
      'SELECT COUNT(*) AS pending, SUM(uncertain) AS uncertain FROM outbox',
    )
    .one()
  return { pending: r.pending, uncertain: r.uncertain ?? 0 }
}

/**
 * Sequence numbers as one bound JSON array: a batch of hundreds of rows is one statement
 * (`seq IN (SELECT value FROM json_each(?))`), not hundreds — statements cost far more than rows.
 */
const seqList = (seqs: readonly number[]): string => JSON.stringify(seqs)
const IN_SEQS = 'seq IN (SELECT value FROM json_each(?))'

/** Before sending: the write's outcome is unknown until an answer says otherwise. */
export function markSending(store: SqlStore, seqs: readonly number[], now: number): void {
  store.sql.exec(
    `UPDATE outbox SET uncertain = 1, settled = 0, sent_at = ?, attempts = attempts + 1 WHERE ${IN_SEQS}`,
    now,
    seqList(seqs),
  )
}

/** A definitive "not applied" answer (429, 400, 403…): the rows are certainly not in the sheet. */
export function markNotSent(store: SqlStore, seqs: readonly number[], errorKind: string): void {
  store.sql.exec(`UPDATE outbox SET uncertain = 0, last_error = ? WHERE ${IN_SEQS}`, errorKind, seqList(seqs))
}

/**
 * An ambiguous failure: the rows stay uncertain and are looked up before the next send.
 * `settled`: Google answered (5xx), so the sheet already shows whatever happened.
 */
export function markUnknown(store: SqlStore, seqs: readonly number[], errorKind: string, settled: boolean): void {
  store.sql.exec(
    `UPDATE outbox SET uncertain = 1, settled = ?, last_error = ? WHERE ${IN_SEQS}`,
    settled ? 1 : 0,
    errorKind,
    seqList(seqs),
  )
}

/** The sheet holds these rows: they leave the outbox. */
export function complete(store: SqlStore, seqs: readonly number[]): void {
  store.sql.exec(`DELETE FROM outbox WHERE ${IN_SEQS}`, seqList(seqs))
}
