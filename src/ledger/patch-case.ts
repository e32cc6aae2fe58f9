/**
 * @module
 * PATCH of a case (api.md: `If-Match` required, 412 when the row changed). Inside the lane: a
 * fresh read of the Cases tab (1 read) finds the row by id wherever staff sorted it; its version
 * is compared with If-Match, so a PATCH racing a staff edit never overwrites it; the merged row is
 * validated; then only the changed cells (plus `_status` and the computed-tab cells the change
 * moves) are written at the row found (1 write). An unknown outcome is verified by reading again.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import {
  type Case,
  type CellValue,
  columnOf,
  decodeRow,
  encodeCell,
  formatStatus,
  hasErrors,
  type Issue,
  issueMessage,
  type RawCell,
  STATUS_KEY,
  validateRow,
} from '../domain'
import { formatSheetName, updateRowCellsRequests } from '../sheets'
import { audit } from './audit'
import type { LedgerError, LedgerResult, PatchRequest } from './contract'
import { rawEtag, rowEtag } from './etag'
import { computedTabWrites, type Flusher, gridsFor } from './flush'
import type { LedgerContext } from './ledger-context'
import { ownsCase, seesAll } from './reads'
import { idOf, recordsOf, type SheetRecord } from './row-cells'
import { headerFingerprints, headersUnchanged, type Layout } from './sheet-layout'
import { planLog, settleLog } from './sheet-log'
import { ensureLayout, failureToError, invalidateLayout, refreshLayout } from './upstream'
import { writeOutcome } from './write-outcome'

type PatchAnswer = { readonly case: Case; readonly etag: string }

const fail = <T>(error: LedgerError): LedgerResult<T> => ({ ok: false, error })

/** `W/"abc"`, `"abc"` and `abc` name the same version. */
export const bareEtag = (etag: string): string =>
  etag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')

const sameCell = (a: RawCell | undefined, b: RawCell | undefined) => (a ?? null) === (b ?? null)

/** Reads the Cases tab and finds the row of `caseId` (1 read; 1 more if the columns moved). */
async function readCaseRow(
  ctx: LedgerContext,
  layout: Layout,
  caseId: string,
): Promise<{ ok: true; layout: Layout; matches: SheetRecord[] } | { ok: false; error: LedgerError }> {
  const title = layout.tabs.cases.title
  const read = await ctx.sheets.values.get({ spreadsheetId: ctx.spreadsheetId, range: formatSheetName(title) })
  if (!read.ok) return { ok: false, error: failureToError(ctx, read.error) }
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
    if (!again.ok) return { ok: false, error: failureToError(ctx, again.error.failure) }
    current = again.value.layout
  }
  const matches = recordsOf(values, current.tabs.cases).filter((r) => idOf('cases', r.cells) === caseId)
  return { ok: true, layout: current, matches }
}

export async function patchCase(
  ctx: LedgerContext,
  flusher: Flusher,
  req: PatchRequest,
): Promise<LedgerResult<PatchAnswer>> {
  const { caseId } = req
  const notFound = fail<PatchAnswer>({ kind: 'not_found', resource: 'case', id: caseId })

  // A case still on its way to the sheet is sent first (this caller holds the lane).
  if (ctx.mirror.get('cases', caseId)?.state === 'pending') {
    await flusher.stepInLane()
    if (ctx.mirror.get('cases', caseId)?.state === 'pending') {
      return fail(
        failureToError(ctx, { kind: 'unavailable', method: 'spreadsheets.batchUpdate', status: 503, attempts: 0 }),
      )
    }
  }

  const layoutResult = await ensureLayout(ctx)
  if (!layoutResult.ok) return fail(failureToError(ctx, layoutResult.error.failure))
  const found = await readCaseRow(ctx, layoutResult.value.layout, caseId)
  if (!found.ok) return fail(found.error)
  const { layout, matches } = found
  const record = matches[0]
  if (record === undefined) return notFound

  // The row as the sheet holds it now: its version, and who may see it.
  const decoded = decodeRow('cases', record.cells)
  const currentEtag = decoded.row === undefined ? rawEtag('cases', record.cells) : rowEtag('cases', decoded.row)
  const worker = decoded.row?.worker ?? (typeof record.cells.worker === 'string' ? record.cells.worker : '')
  if (!seesAll(req.actor) && !ownsCase(ctx.mirror, req.actor, { worker })) return notFound
  if (matches.length > 1) {
    const label = columnOf('cases', 'case_id').label
    const issue: Issue = {
      field: 'case_id',
      code: 'duplicate_id',
      message: issueMessage('duplicate_id', { label, id: caseId }),
      severity: 'error',
    }
    return fail({ kind: 'invalid_row', issues: [issue] })
  }
  const known = ctx.mirror.get('cases', caseId)
  if (known !== undefined && known.etag !== currentEtag) {
    // A person edited the row since the last sync: the mirror learns it now, whatever happens next.
    const issues =
      decoded.row === undefined ? decoded.issues : validateRow('cases', decoded.row, ctx.mirror.context(ctx.today()))
    ctx.store.transactionSync(() => {
      ctx.mirror.put(
        {
          ...known,
          row: decoded.row ?? null,
          etag: currentEtag,
          sheetRow: record.rowIndex,
          valid: decoded.row !== undefined && !hasErrors(issues),
          status: formatStatus(issues),
          state: 'synced',
        },
        ctx.clock.now(),
      )
    })
  }
  if (bareEtag(req.ifMatch) !== currentEtag) return fail({ kind: 'precondition_failed', currentEtag })

  // The merged row, validated like a new one (cell rules and cross-row rules).
  const cells: Record<string, RawCell> = { ...record.cells }
  for (const [key, value] of Object.entries(req.patch)) {
    cells[key] = encodeCell(columnOf('cases', key), value as CellValue | undefined)
  }
  const merged = decodeRow('cases', cells)
  if (merged.row === undefined) return fail({ kind: 'invalid_row', issues: merged.issues })
  const issues = [...merged.issues, ...validateRow('cases', merged.row, ctx.mirror.context(ctx.today()))]
  if (hasErrors(issues)) return fail({ kind: 'invalid_row', issues })
  const row = merged.row
  const status = formatStatus(issues)
  const etag = rowEtag('cases', row)

  const tab = layout.tabs.cases
  const changed = new Map<number, RawCell>()
  for (const key of Object.keys(req.patch)) {
    const column = tab.columns.get(key)
    if (column !== undefined && !sameCell(record.cells[key], cells[key])) changed.set(column, cells[key] ?? null)
  }
  const statusColumn = tab.columns.get(STATUS_KEY)
  if (statusColumn !== undefined && !sameCell(record.cells[STATUS_KEY], status === '' ? null : status)) {
    changed.set(statusColumn, status === '' ? null : status)
  }
  const remember = () => {
    const now = ctx.clock.now()
    ctx.store.transactionSync(() => {
      ctx.mirror.put(
        {
          tab: 'cases',
          id: caseId,
          row,
          etag,
          sheetRow: record.rowIndex,
          valid: true,
          status,
          origin: ctx.mirror.get('cases', caseId)?.origin ?? 'sheet',
          state: 'synced',
        },
        now,
      )
      audit(ctx.store, {
        at: now,
        actor: req.actor.staffId.toLowerCase(),
        action: 'patch',
        tab: 'cases',
        rowId: caseId,
        counts: { fields: Object.keys(req.patch).length, cells: changed.size },
      })
    })
  }
  if (changed.size === 0) {
    remember()
    return { ok: true, value: { case: row, etag } }
  }

  const requests: sheets_v4.Schema$Request[] = updateRowCellsRequests(tab.sheetId, record.rowIndex, changed)
  const desired = ctx.state.grids === undefined ? undefined : gridsFor(ctx, new Set(), row)
  const computed = desired === undefined ? undefined : computedTabWrites(ctx, layout, desired)
  if (computed !== undefined) requests.push(...computed.requests)
  const log = planLog(ctx, layout, [
    { kind: 'row_patched', actor: req.actor.staffId.toLowerCase(), id: caseId, cells: changed.size },
  ])
  requests.push(...log.requests)

  const written = await ctx.sheets.spreadsheets.batchUpdate({
    spreadsheetId: ctx.spreadsheetId,
    requestBody: { requests },
  })
  const outcome = writeOutcome(written)
  let applied = outcome === 'applied'
  if (outcome === 'unknown') {
    // Look before answering: the cells either hold the new values or the write did not happen.
    const check = await readCaseRow(ctx, layout, caseId)
    const now = check.ok ? check.matches[0] : undefined
    applied =
      now !== undefined && [...changed].every(([column, value]) => sameCell(cellAt(now, tab.columns, column), value))
  }
  // The Log rows went in the same request: applied exactly when the cells were.
  settleLog(ctx, log, applied ? 'applied' : outcome === 'unknown' ? 'not_applied' : outcome)
  if (!applied) {
    if (outcome === 'refused') invalidateLayout(ctx)
    ctx.log({ msg: 'ledger.patch_failed', id: caseId, kind: written.ok ? 'unknown' : written.error.kind })
    return fail(
      failureToError(
        ctx,
        written.ok
          ? { kind: 'unavailable', method: 'spreadsheets.batchUpdate', status: 503, attempts: 1 }
          : written.error,
      ),
    )
  }
  remember()
  if (computed !== undefined && desired !== undefined) {
    ctx.state.grids = desired
    if (computed.layout !== layout) ctx.state.layout = computed.layout
  }
  ctx.log({ msg: 'ledger.patch', id: caseId, cells: changed.size, computed_cells: computed?.cells ?? 0 })
  return { ok: true, value: { case: row, etag } }
}

/** The cell of a record at a sheet column (records are keyed by column key). */
function cellAt(record: SheetRecord, columns: ReadonlyMap<string, number>, column: number): RawCell {
  for (const [key, at] of columns) if (at === column) return record.cells[key] ?? null
  return null
}
