/**
 * @module
 * The write path of a new row (architecture.md "Write path" 2–5): idempotency check →
 * authorisation → cross-row rules against the mirror, pending rows included → id → in ONE
 * transaction the mirror row, the outbox row, the idempotency answer and the audit entry. From
 * that commit on the row is never lost. Then the flush is kicked and the caller waits up to its
 * budget for the row to reach the sheet: 201 when it did, 202 `sync: pending` when not yet.
 */
import {
  type DataTabKey,
  formatStatus,
  hasErrors,
  ID_COLUMNS,
  type RowOf,
  STATUS_KEY,
  staffKey,
  TABLES,
  validateRow,
} from '../domain'
import { audit } from './audit'
import type { LedgerError, LedgerResult, SubmitAnswer, SubmitRequest } from './contract'
import { rowEtag } from './etag'
import type { Flusher } from './flush'
import { findAnswer, storeAnswer } from './idempotency'
import type { LedgerContext } from './ledger-context'
import { enqueue } from './outbox'
import { ownsCase, seesAll } from './reads'
import { backoffRemaining } from './upstream'

const fail = <T>(error: LedgerError): LedgerResult<T> => ({ ok: false, error })

/** The typed row in column order, with its new id. */
function rowWithId<K extends DataTabKey>(tab: K, input: Readonly<Record<string, unknown>>, id: string): RowOf<K> {
  const row: Record<string, unknown> = {}
  for (const column of TABLES[tab].columns) {
    if (column.key === STATUS_KEY) continue
    const value = column.key === ID_COLUMNS[tab] ? id : input[column.key]
    if (value !== undefined) row[column.key] = value
  }
  return row as RowOf<K>
}

export async function submitRow<K extends DataTabKey>(
  ctx: LedgerContext,
  flusher: Flusher,
  req: SubmitRequest<K>,
): Promise<LedgerResult<SubmitAnswer<K>>> {
  const now = ctx.clock.now()
  const actor = staffKey(req.actor.staffId)

  // 1. Idempotency: the same key and body answer the first answer again (with its current state).
  if (req.idempotencyKey !== undefined) {
    const stored = findAnswer(ctx.store, actor, req.idempotencyKey, now - ctx.tuning.idempotencyTtlMs)
    if (stored !== undefined) {
      if (stored.bodyHash !== req.bodyHash || stored.tab !== req.tab) return fail({ kind: 'idempotency_conflict' })
      const synced = stored.status === 201 || ctx.mirror.get(stored.tab, stored.rowId)?.state === 'synced'
      return {
        ok: true,
        value: {
          status: synced ? 201 : 202,
          row: JSON.parse(stored.rowJson) as RowOf<K>,
          sync: synced ? 'synced' : 'pending',
          replayed: true,
        },
      }
    }
  }

  // 2. Authorisation: cases are opened by coordinators; workers write to their own cases only.
  const input = req.row as Readonly<Record<string, unknown>>
  if (req.tab === 'cases') {
    if (!seesAll(req.actor)) return fail({ kind: 'forbidden', reason: 'role' })
  } else if (!seesAll(req.actor)) {
    const caseId = input.case_id
    const theCase = typeof caseId === 'string' ? ctx.mirror.context(ctx.today()).cases.get(caseId) : undefined
    if (theCase !== undefined && !ownsCase(ctx.mirror, req.actor, theCase)) {
      return fail({ kind: 'forbidden', reason: 'not_own_case' })
    }
  }

  // 3. Row and cross-row rules against the mirror (a case accepted a moment ago counts).
  const tab: DataTabKey = req.tab
  const id = ctx.counters.peek(tab)
  const row = rowWithId(tab, input, id)
  const issues = validateRow(tab, row, ctx.mirror.context(ctx.today()))
  if (hasErrors(issues)) return fail({ kind: 'invalid_row', issues })

  // 4. One transaction: nothing awaits between the checks above and this commit, so no other
  //    request can interleave (the object is single-threaded between awaits).
  const payload = JSON.stringify(row)
  ctx.store.transactionSync(() => {
    ctx.counters.take(tab)
    ctx.mirror.put(
      {
        tab,
        id,
        row,
        etag: rowEtag(tab, row),
        sheetRow: null,
        valid: true,
        status: formatStatus(issues),
        origin: 'api',
        state: 'pending',
      },
      now,
    )
    enqueue(ctx.store, { tab, id, payload, at: now, actor })
    if (req.idempotencyKey !== undefined) {
      storeAnswer(ctx.store, {
        actor,
        key: req.idempotencyKey,
        bodyHash: req.bodyHash,
        status: 202,
        tab,
        rowId: id,
        rowJson: payload,
        at: now,
      })
    }
    audit(ctx.store, { at: now, actor, action: 'submit', tab, rowId: id })
  })
  ctx.log({ msg: 'ledger.accepted', tab, id, warnings: issues.length })

  // 5. Group commit: the flush carries this row with whatever else is waiting.
  flusher.kick()
  // Backing off past the budget (Google refusing, the sheet broken): answer 202 at once.
  const budget = req.budgetMs ?? ctx.tuning.submitBudgetMs
  const synced = await flusher.waitFor(tab, id, backoffRemaining(ctx) > budget ? 0 : budget)
  return {
    ok: true,
    value: { status: synced ? 201 : 202, row: row as RowOf<K>, sync: synced ? 'synced' : 'pending', replayed: false },
  }
}
