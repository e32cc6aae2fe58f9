/**
 * @module
 * The life of an outbox row as named states and the events that move it (pure: a table). The
 * outbox (outbox.ts) applies a transition to many rows in one statement, inside the transaction
 * that also changes the mirror, the idempotency answers and the audit log, so what the ledger
 * believes about a row and what it promised the client never disagree.
 *
 * ```
 *   queued ──send──▶ sending ──applied──────────────▶ completed (the row leaves the outbox)
 *     ▲                │  └──unknown──▶ uncertain ──found──▶ completed
 *     │                │                  │  ▲
 *     └──not_applied───┘                  │  └──interrupted── sending (the object restarted mid-send)
 *     └───────────────────────missing─────┘   (after the grace period, a read does not show it)
 * ```
 * - `applied`: Google answered 2xx — the row is in the sheet.
 * - `not_applied`: an answer that proves nothing was applied (429, 400, 401, 403, 404, no token).
 * - `unknown`: any other answer (408, 5xx, timeout, dropped connection, an unparsable 2xx): Google
 *   may apply the write later, so the row is left alone for the grace period before a read
 *   decides (write-outcome.ts).
 * - `found`: a read shows the row's id in the sheet (a reconcile read, or a sync).
 * - `missing`: a read after the grace period does not show it: sending it again is safe.
 * - `interrupted`: the object restarted while the row was being sent; nothing was answered.
 */

/** A row's state while it is in the outbox; `completed` means it has left it. */
export type OutboxState = 'queued' | 'sending' | 'uncertain'
export type OutboxEvent = 'send' | 'applied' | 'not_applied' | 'unknown' | 'found' | 'missing' | 'interrupted'
export type OutboxTarget = OutboxState | 'completed'

export const OUTBOX_STATES: readonly OutboxState[] = ['queued', 'sending', 'uncertain']

/** Every allowed move; an event from a state not listed leaves the row where it is. */
export const OUTBOX_TRANSITIONS: Readonly<Record<OutboxEvent, Readonly<Partial<Record<OutboxState, OutboxTarget>>>>> = {
  send: { queued: 'sending' },
  applied: { sending: 'completed' },
  not_applied: { sending: 'queued' },
  unknown: { sending: 'uncertain' },
  found: { sending: 'completed', uncertain: 'completed' },
  missing: { sending: 'queued', uncertain: 'queued' },
  interrupted: { sending: 'uncertain' },
}

/** Where `event` takes a row in `state` (the state itself when the event does not apply). */
export function nextOutboxState(state: OutboxState, event: OutboxEvent): OutboxTarget {
  return OUTBOX_TRANSITIONS[event][state] ?? state
}

/** A row whose last send got no proof either way: it may be in the sheet, or land there later. */
export const inDoubt = (state: OutboxState): boolean => state !== 'queued'
