/**
 * Protected ranges on API writes. Google rejects a non-editor's write into a protected range
 * (warning-only ranges never block API writes, §5.5). The owner, the principal that added the
 * range and its listed editors may edit. Status and text follow what gspread users report.
 */
import type { ClosedBounds } from './a1-notation.js'
import { type ApiError, invalidArgument } from './google-errors.js'
import type { GridRange, ProtectedRangeModel, SheetModel, SpreadsheetModel } from './spreadsheet-model.js'

export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.'

function overlaps(r: GridRange, b: ClosedBounds): boolean {
  return (
    (r.startRowIndex ?? 0) < b.endRow &&
    (r.endRowIndex ?? Number.POSITIVE_INFINITY) > b.startRow &&
    (r.startColumnIndex ?? 0) < b.endCol &&
    (r.endColumnIndex ?? Number.POSITIVE_INFINITY) > b.startCol
  )
}

export function canEdit(ss: SpreadsheetModel, p: ProtectedRangeModel, caller: string): boolean {
  return p.warningOnly === true || caller === ss.owner || caller === p.createdBy || p.editors.users.includes(caller)
}

function protectedGridRange(ss: SpreadsheetModel, p: ProtectedRangeModel): GridRange | undefined {
  if (p.range) return p.range
  if (p.namedRangeId !== undefined) return ss.namedRanges.find((n) => n.namedRangeId === p.namedRangeId)?.range
  return undefined
}

/** An error when `caller` may not write into `bounds` of `sheet`; undefined when allowed. */
export function assertEditable(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  bounds: ClosedBounds,
  caller: string,
): ApiError | undefined {
  for (const p of sheet.protectedRanges) {
    if (canEdit(ss, p, caller)) continue
    const range = protectedGridRange(ss, p)
    if (!range || !overlaps(range, bounds)) continue
    const carvedOut = (p.unprotectedRanges ?? []).some(
      (u) =>
        (u.startRowIndex ?? 0) <= bounds.startRow &&
        (u.endRowIndex ?? Number.POSITIVE_INFINITY) >= bounds.endRow &&
        (u.startColumnIndex ?? 0) <= bounds.startCol &&
        (u.endColumnIndex ?? Number.POSITIVE_INFINITY) >= bounds.endCol,
    )
    if (!carvedOut) return invalidArgument(PROTECTED_MESSAGE)
  }
  return undefined
}
