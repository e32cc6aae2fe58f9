/**
 * @module
 * One session or assessment row with its version, from the mirror (never from Google): what a
 * client needs before it corrects or withdraws the row (`If-Match`). Visible to whoever sees the
 * row's case; otherwise `not_found`, so ids of other workers' rows do not leak.
 */
import { err, isWithdrawn, ok, type RowOf, type WithdrawalFields } from '../domain'
import type { Actor, LedgerResult, NotFoundResource, RowDetail, RowPatchTab } from './contract'
import type { Mirror } from './mirror'
import { ownsCase, seesAll } from './reads'

/** The `not_found` resource naming a row of a correctable tab. */
export const RESOURCE_OF: Readonly<Record<RowPatchTab, NotFoundResource>> = {
  sessions: 'session',
  assessments: 'assessment',
  feedback: 'feedback',
}

export function rowDetail<K extends RowPatchTab>(
  mirror: Mirror,
  actor: Actor,
  tab: K,
  id: string,
): LedgerResult<RowDetail<K>> {
  const entry = mirror.get(tab, id)
  const row = entry?.row as RowOf<K> | null | undefined
  const theCase = row === null || row === undefined ? undefined : mirror.get('cases', row.case_id)?.row
  if (
    entry === undefined ||
    row === null ||
    row === undefined ||
    (!seesAll(actor) && (theCase === undefined || theCase === null || !ownsCase(mirror, actor, theCase)))
  ) {
    return err({ kind: 'not_found', resource: RESOURCE_OF[tab], id })
  }
  return ok({ row, etag: entry.etag, sync: entry.state, withdrawn: isWithdrawn(row as WithdrawalFields) })
}
