/**
 * @module
 * Outbox rows the sheet holds, completed in ONE transaction with everything that depends on it:
 * the outbox transition (outbox-state.ts: `applied` after a 2xx, `found` when a read shows the
 * row), the mirror entry becoming `synced`, the stored idempotency answer becoming 201, and the
 * audit entry. A client asking again with its Idempotency-Key therefore never hears "pending"
 * about a row the ledger already counts as in the sheet, nor the reverse.
 */
import { audit, SYSTEM_ACTOR } from './audit'
import { markAnswersSynced } from './idempotency'
import type { LedgerContext } from './ledger-context'
import { rowKey } from './mirror'
import { type OutboxRow, transition } from './outbox'

export function completeRows(
  ctx: LedgerContext,
  rows: readonly Pick<OutboxRow, 'seq' | 'tab' | 'id'>[],
  event: 'applied' | 'found',
  /** Where a read found each row (by rowKey), for the mirror's sheet-row hint. */
  sheetRows?: ReadonlyMap<string, number>,
): void {
  if (rows.length === 0) return
  const now = ctx.clock.now()
  ctx.store.transactionSync(() => {
    transition(
      ctx.store,
      rows.map((r) => r.seq),
      event,
    )
    if (sheetRows === undefined) ctx.mirror.setSynced(rows, now)
    else
      for (const r of rows) ctx.mirror.setState(r.tab, r.id, 'synced', sheetRows.get(rowKey(r.tab, r.id)) ?? null, now)
    markAnswersSynced(ctx.store, rows)
    const counts: Record<string, number> = { rows: rows.length }
    for (const r of rows) counts[r.tab] = (counts[r.tab] ?? 0) + 1
    audit(ctx.store, { at: now, actor: SYSTEM_ACTOR, action: event === 'applied' ? 'flush' : 'reconcile', counts })
  })
}
