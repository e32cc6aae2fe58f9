/**
 * @module
 * The write path of a new row (architecture.md "Write path" 2–5): idempotency check →
 * authorisation and attribution → cross-row rules against the mirror as the actor may see it,
 * pending rows included, plus the API's own rule (an `aktif` case) → id → in ONE
 * transaction the mirror row, the outbox row, the idempotency answer and the audit entry. From
 * that commit on the row is never lost. Then the flush is kicked and the caller waits up to its
 * budget for the row to reach the sheet: 201 when it did, 202 `sync: pending` when not yet.
 */
import {
  columnOf,
  type DataTabKey,
  formatStatus,
  hasErrors,
  ID_COLUMNS,
  type Issue,
  makeIssue,
  type RowOf,
  STATUS_KEY,
  staffKey,
  TABLES,
  type ValidationContext,
  validateRow,
} from '../domain'
import { audit } from './audit'
import type { LedgerError, LedgerResult, SubmitAnswer, SubmitRequest } from './contract'
import { rowEtag } from './etag'
import type { Flusher } from './flush'
import { findAnswer, storeAnswer } from './idempotency'
import type { LedgerContext } from './ledger-context'
import { enqueue } from './outbox'
import { ownsCase, seesAll, visibleContext } from './reads'
import { hasTab, missingTabProblem } from './sheet-layout'
import { backoffRemaining, markStructureChanged } from './upstream'

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

/** Tabs whose new rows need an `aktif` case when they come through the API. */
const ACTIVE_CASE_TABS: ReadonlySet<DataTabKey> = new Set(['assessments', 'goals', 'sessions'])

/**
 * The rules a row submitted through the API must meet: every rule a sheet row meets, and one
 * more — new assessments, goals and sessions need an `aktif` case. (A row typed into the sheet
 * keeps the closed-date rule of domain.md "Session": work logged up to the closed date counts,
 * so closing a case never wipes its progress.) Events and feedback keep only the sheet's rules
 * (issue 9): a termination or referral is often recorded once the case is closed, a follow-up
 * comes after closure, and a coordinator reviews a closed case's report.
 */
export function newRowIssues(tab: DataTabKey, row: RowOf<DataTabKey>, context: ValidationContext): Issue[] {
  const issues = validateRow(tab, row, context)
  const caseId = ACTIVE_CASE_TABS.has(tab) ? (row as { readonly case_id?: unknown }).case_id : undefined
  const theCase = typeof caseId === 'string' ? context.cases.get(caseId) : undefined
  if (caseId === undefined || theCase === undefined || theCase.status === 'aktif') return issues
  return [
    ...issues.filter((i) => i.code !== 'case_not_active'),
    makeIssue('case_id', 'case_closed', { label: columnOf(tab, 'case_id').label, case_id: String(caseId) }),
  ]
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

  // 2. Authorisation: cases are opened and feedback is given by coordinators and admins; a worker
  //    records work in their own name. Decided before any case is looked up, so it says nothing
  //    about which cases exist.
  const input = req.row as Readonly<Record<string, unknown>>
  if ((req.tab === 'cases' || req.tab === 'feedback') && !seesAll(req.actor)) {
    return fail({ kind: 'forbidden', reason: 'role' })
  }
  // A tab added to the template later (Events, Feedback) that this sheet lacks: nothing is
  // accepted that could not be written. The binding is checked again at the next sync (someone
  // may be adding the tab: scripts/provision.ts --upgrade).
  const layout = ctx.state.layout
  if (layout !== undefined && !hasTab(layout, req.tab)) {
    markStructureChanged(ctx)
    return fail({ kind: 'sheet_layout', problems: [missingTabProblem(layout, req.tab)] })
  }
  const worker = input.worker
  if (!seesAll(req.actor) && typeof worker === 'string' && !ownsCase(ctx.mirror, req.actor, { worker })) {
    return fail({ kind: 'field_forbidden', tab: req.tab, fields: ['worker'], rule: 'self_only' })
  }

  // 3. Row and cross-row rules against the mirror (a case accepted a moment ago counts), as the
  //    actor may see it: another worker's case is judged like a case that does not exist.
  const tab: DataTabKey = req.tab
  const id = ctx.counters.peek(tab)
  const row = rowWithId(tab, input, id)
  const context = visibleContext(ctx.mirror, req.actor, ctx.mirror.context(ctx.today()))
  const issues = newRowIssues(tab, row, context)
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
