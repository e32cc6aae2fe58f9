/**
 * @module
 * PATCH of one row — a case (api.md `PATCH /api/cases/{id}`), a session or an assessment
 * (`PATCH /api/sessions/{id}`, `/api/assessments/{id}`: correct or withdraw, contract.ts
 * RowPatchRequest). `If-Match` is required and a row changed since it was read answers 412.
 * Inside the lane:
 * 1. a row still on its way to the sheet is sent first;
 * 2. a fresh read of the tab (1 read; 1 more if its columns moved) finds the row by id wherever
 *    staff sorted it, and gives its version NOW — so a PATCH racing a staff edit never overwrites
 *    it: 412 instead, and the mirror learns the new version;
 * 3. who may change it (the tab's rules below), then the merged row passes the same field and
 *    cross-row rules as a new row;
 * 4. only the changed cells, `_status`, the computed-tab cells the change moves and a Log line are
 *    written, at the row found (1 write), and checked in the same call: if a sort, insert or
 *    delete moved the rows in between, the overwritten row gets its cells back and the change goes
 *    to the row that holds the id (checked-write.ts), then the row is read again to answer with
 *    what the sheet holds. An unknown outcome is verified by reading again.
 */
import {
  type CellValue,
  columnOf,
  type DataTabKey,
  decodeRow,
  encodeCell,
  err,
  formatStatus,
  hasErrors,
  ID_COLUMNS,
  type InputOf,
  type Issue,
  issueMessage,
  isWithdrawn,
  ok,
  type RawCell,
  type RowOf,
  STATUS_KEY,
  staffKey,
  validateRow,
  type WithdrawalFields,
} from '../domain'
import { formatSheetName } from '../sheets'
import { audit } from './audit'
import { type PlacedWrite, writeChecked } from './checked-write'
import type { Actor, LedgerError, LedgerResult, NotFoundResource } from './contract'
import { rawEtag, rowEtag } from './etag'
import { computedTabWrites, type Flusher, gridsFor } from './flush'
import type { LedgerContext } from './ledger-context'
import type { MirrorEntry } from './mirror'
import { ownsCase, seesAll, visibleContext } from './reads'
import { cellWriteRequests, idOf, recordsOf, type SheetRecord } from './row-cells'
import { hasTab, headerFingerprints, headersUnchanged, type Layout, missingTabProblem, tabOf } from './sheet-layout'
import { planLog, settleLog } from './sheet-log'
import { ensureLayout, failureToError, invalidateLayout, refreshLayout } from './upstream'
import { writeOutcome } from './write-outcome'

/** Tabs whose rows are changed in place through the API (feedback: resolving it, issue 9). */
export type PatchTab = 'cases' | 'sessions' | 'assessments' | 'feedback'

export type RowPatch<K extends PatchTab = PatchTab> = {
  readonly tab: K
  readonly id: string
  /** Staff-owned fields, decoded at the edge (no blanks: the API never clears a cell). */
  readonly patch: Partial<InputOf<K>>
  readonly ifMatch: string
  readonly actor: Actor
}

export type RowPatched<K extends PatchTab = PatchTab> = { readonly row: RowOf<K>; readonly etag: string }

const RESOURCE: Readonly<Record<PatchTab, NotFoundResource>> = {
  cases: 'case',
  sessions: 'session',
  assessments: 'assessment',
  feedback: 'feedback',
}

/** `W/"abc"`, `"abc"` and `abc` name the same version. */
export const bareEtag = (etag: string): string =>
  etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')

const sameCell = (a: RawCell | undefined, b: RawCell | undefined) => (a ?? null) === (b ?? null)

const versionOf = (tab: DataTabKey, record: SheetRecord): string => {
  const decoded = decodeRow(tab, record.cells)
  return decoded.row === undefined ? rawEtag(tab, record.cells) : rowEtag(tab, decoded.row)
}

/** Reads a tab and finds the rows holding `id` (1 read; 1 more if its columns moved). */
async function readRows(
  ctx: LedgerContext,
  layout: Layout,
  tab: PatchTab,
  id: string,
): Promise<LedgerResult<{ layout: Layout; records: SheetRecord[]; matches: SheetRecord[] }>> {
  // A tab added to the template later (Feedback) may not be in this sheet yet.
  if (!hasTab(layout, tab)) return err({ kind: 'sheet_layout', problems: [missingTabProblem(layout, tab)] })
  const title = tabOf(layout, tab).title
  const read = await ctx.sheets.values.get({ spreadsheetId: ctx.spreadsheetId, range: formatSheetName(title) })
  if (!read.ok) return err(failureToError(ctx, read.error))
  const values = read.value.values ?? []
  let current = layout
  const known = ctx.state.fingerprints
  if (
    known !== undefined &&
    !headersUnchanged(
      known,
      headerFingerprints([title], () => values),
      false,
    )
  ) {
    const again = await refreshLayout(ctx)
    if (!again.ok) return err(failureToError(ctx, again.error.failure))
    current = again.value.layout
    if (!hasTab(current, tab)) return err({ kind: 'sheet_layout', problems: [missingTabProblem(current, tab)] })
  }
  const records = recordsOf(values, tabOf(current, tab))
  return ok({ layout: current, records, matches: records.filter((r) => idOf(tab, r.cells) === id) })
}

/**
 * Whether the actor may change this row at all (`not_found` otherwise: no existence oracle).
 * Coordinators and admins: any row. A worker: a case assigned to them, a session or assessment
 * they logged — the row's `worker` cell names them (staff id or email) — or feedback on a case
 * assigned to them (a Feedback row has no worker: its case's decides).
 */
function mayChange(ctx: LedgerContext, actor: Actor, cells: Readonly<Record<string, RawCell>>, tab: PatchTab): boolean {
  if (seesAll(actor)) return true
  if (tab === 'feedback') {
    const caseId = typeof cells.case_id === 'string' ? cells.case_id.trim().toUpperCase() : ''
    const theCase = ctx.mirror.get('cases', caseId)?.row
    return theCase !== undefined && theCase !== null && ownsCase(ctx.mirror, actor, theCase)
  }
  return ownsCase(ctx.mirror, actor, { worker: typeof cells.worker === 'string' ? cells.worker : '' })
}

/**
 * The field rule beyond "may change the row" (contract.ts RowPatchRequest): a worker never puts a
 * session or assessment in another's name. Undefined when allowed.
 */
function fieldProblem<K extends PatchTab>(
  req: RowPatch<K>,
  current: Readonly<Record<string, RawCell>>,
): LedgerError | undefined {
  if (req.tab === 'cases' || seesAll(req.actor)) return undefined
  const worker = (req.patch as Readonly<Record<string, unknown>>).worker
  if (typeof worker === 'string' && staffKey(worker) !== staffKey(String(current.worker ?? ''))) {
    return { kind: 'field_forbidden', tab: req.tab, fields: ['worker'], rule: 'coordinator_only' }
  }
  return undefined
}

export async function patchRow<K extends PatchTab>(
  ctx: LedgerContext,
  flusher: Flusher,
  req: RowPatch<K>,
): Promise<LedgerResult<RowPatched<K>>> {
  const { tab, id } = req
  const notFound = err<LedgerError>({ kind: 'not_found', resource: RESOURCE[tab], id })

  // 1. A row still on its way to the sheet is sent first (this caller holds the lane).
  if (ctx.mirror.get(tab, id)?.state === 'pending') {
    await flusher.stepInLane()
    if (ctx.mirror.get(tab, id)?.state === 'pending') {
      return err(
        failureToError(ctx, { kind: 'unavailable', method: 'spreadsheets.batchUpdate', status: 503, attempts: 0 }),
      )
    }
  }

  // 2. The row as the sheet holds it now.
  const layoutResult = await ensureLayout(ctx)
  if (!layoutResult.ok) return err(failureToError(ctx, layoutResult.error.failure))
  const found = await readRows(ctx, layoutResult.value.layout, tab, id)
  if (!found.ok) return found
  const { layout, records, matches } = found.value
  const record = matches[0]
  if (record === undefined || !mayChange(ctx, req.actor, record.cells, tab)) return notFound
  if (matches.length > 1) {
    const issue: Issue = {
      field: ID_COLUMNS[tab],
      code: 'duplicate_id',
      message: issueMessage('duplicate_id', { label: columnOf(tab, ID_COLUMNS[tab]).label, id }),
      severity: 'error',
    }
    return err({ kind: 'invalid_row', issues: [issue] })
  }
  const currentEtag = versionOf(tab, record)
  learnVersion(ctx, tab, id, record, currentEtag)
  if (bareEtag(req.ifMatch) !== currentEtag) return err({ kind: 'precondition_failed', currentEtag })

  // 3. The merged row, validated like a new one (cell rules and cross-row rules).
  const cells: Record<string, RawCell> = { ...record.cells }
  for (const [key, value] of Object.entries(req.patch)) {
    cells[key] = encodeCell(columnOf(tab, key), value as CellValue | undefined)
  }
  const decoded = decodeRow(tab, cells)
  if (decoded.row === undefined) return err({ kind: 'invalid_row', issues: decoded.issues })
  const merged = decoded.row as RowOf<K>
  const forbidden = fieldProblem(req, record.cells)
  if (forbidden !== undefined) return err(forbidden)
  // Judged against what the actor may see: another worker's case or goal is answered exactly like
  // one that does not exist (case_not_found / goal_not_found), as for a new row.
  const context = visibleContext(ctx.mirror, req.actor, ctx.mirror.context(ctx.today()))
  const issues = [...decoded.issues, ...validateRow(tab, merged, context)]
  if (hasErrors(issues)) return err({ kind: 'invalid_row', issues })
  const status = formatStatus(issues)
  const etag = rowEtag(tab, merged)

  const tabLayout = tabOf(layout, tab)
  const missing = Object.keys(req.patch).filter((key) => !tabLayout.columns.has(key))
  if (missing.length > 0) {
    // A column the template added later (the withdrawal columns) is not in this sheet yet.
    return err({
      kind: 'sheet_layout',
      problems: missing.map((key) => ({ tab: tabLayout.title, key, problem: 'missing_key' })),
    })
  }
  const changed = new Map<string, RawCell>()
  for (const key of Object.keys(req.patch)) {
    if (!sameCell(record.cells[key], cells[key])) changed.set(key, cells[key] ?? null)
  }
  if (tabLayout.columns.has(STATUS_KEY) && !sameCell(record.cells[STATUS_KEY], status === '' ? null : status)) {
    changed.set(STATUS_KEY, status === '' ? null : status)
  }
  // This change withdraws the row (it was not withdrawn as read): the Log says so.
  const withdrawn = isWithdrawn(merged as WithdrawalFields) && (record.cells.withdrawn_date ?? null) === null
  const remember = (sheetRow: number | null) => {
    const now = ctx.clock.now()
    ctx.store.transactionSync(() => {
      ctx.mirror.put(
        {
          tab,
          id,
          row: merged,
          etag,
          sheetRow,
          valid: true,
          status,
          origin: ctx.mirror.get(tab, id)?.origin ?? 'sheet',
          state: 'synced',
        },
        now,
      )
      audit(ctx.store, {
        at: now,
        actor: staffKey(req.actor.staffId),
        action: 'patch',
        tab,
        rowId: id,
        counts: { fields: Object.keys(req.patch).length, cells: changed.size, ...(withdrawn ? { withdrawn: 1 } : {}) },
      })
    })
  }
  if (changed.size === 0) {
    remember(record.rowIndex)
    return ok({ row: merged, etag })
  }

  // 4. One write, checked: the cells, the computed tabs they move, the Log line.
  const write: PlacedWrite = { tab, rowIndex: record.rowIndex, cells: changed, read: record.cells }
  const desired = ctx.state.grids === undefined ? undefined : gridsFor(ctx, new Set(), { tab, id, row: merged })
  const computed = desired === undefined ? undefined : computedTabWrites(ctx, layout, desired)
  const actor = staffKey(req.actor.staffId)
  const log = planLog(ctx, layout, [
    { kind: withdrawn ? 'row_withdrawn' : 'row_patched', actor, id, cells: changed.size },
  ])
  const checked = await writeChecked(ctx, {
    layout,
    requests: [...cellWriteRequests(layout.tabs, [write]), ...(computed?.requests ?? []), ...log.requests],
    writes: [write],
    before: () => records,
  })
  const outcome = writeOutcome(checked.result)
  let applied = outcome === 'applied'
  let sheetRow: number | null = record.rowIndex
  if (outcome === 'unknown' || (applied && (checked.repairedRows > 0 || checked.unresolved))) {
    // Look before answering: the row either holds the change or it does not (an unknown outcome;
    // or rows moved under the write, and the repair may have met a person's edit of this row).
    const check = await readRows(ctx, layout, tab, id)
    const now = check.ok ? check.value.matches[0] : undefined
    applied = now !== undefined && [...changed].every(([key, value]) => sameCell(now.cells[key], value))
    if (now !== undefined && !applied && outcome === 'applied') {
      settleLog(ctx, log, 'applied')
      return err({ kind: 'precondition_failed', currentEtag: versionOf(tab, now) })
    }
    sheetRow = now?.rowIndex ?? null
  }
  // The Log rows went in the same request: applied exactly when the cells were.
  settleLog(ctx, log, applied ? 'applied' : outcome === 'unknown' ? 'not_applied' : outcome)
  if (!applied) {
    if (outcome === 'refused') invalidateLayout(ctx)
    ctx.log({ msg: 'ledger.patch_failed', tab, id, kind: checked.result.ok ? 'unknown' : checked.result.error.kind })
    return err(
      failureToError(
        ctx,
        checked.result.ok
          ? { kind: 'unavailable', method: 'spreadsheets.batchUpdate', status: 503, attempts: 1 }
          : checked.result.error,
      ),
    )
  }
  remember(sheetRow)
  if (computed !== undefined && desired !== undefined) {
    ctx.state.grids = desired
    if (computed.layout !== layout) ctx.state.layout = computed.layout
  }
  ctx.log({ msg: 'ledger.patch', tab, id, cells: changed.size, computed_cells: computed?.cells ?? 0, withdrawn })
  return ok({ row: merged, etag })
}

/** A person edited the row since the last sync: the mirror learns its version now, whatever happens next. */
function learnVersion(ctx: LedgerContext, tab: PatchTab, id: string, record: SheetRecord, version: string): void {
  const known: MirrorEntry | undefined = ctx.mirror.get(tab, id)
  if (known === undefined || known.etag === version) return
  const decoded = decodeRow(tab, record.cells)
  const issues =
    decoded.row === undefined ? decoded.issues : validateRow(tab, decoded.row, ctx.mirror.context(ctx.today()))
  ctx.store.transactionSync(() => {
    ctx.mirror.put(
      {
        ...known,
        row: decoded.row ?? null,
        etag: version,
        sheetRow: record.rowIndex,
        valid: decoded.row !== undefined && !hasErrors(issues),
        status: formatStatus(issues),
        state: 'synced',
      },
      ctx.clock.now(),
    )
  })
}
