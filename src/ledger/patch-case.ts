/**
 * @module
 * PATCH of a case (api.md: `If-Match` required, 412 when the row changed): the row PATCH of
 * row-patch.ts on the Cases tab, answered in the shape of api.md (`{ case, etag }`).
 */
import type { Case } from '../domain'
import type { LedgerResult, PatchRequest } from './contract'
import type { Flusher } from './flush'
import type { LedgerContext } from './ledger-context'
import { patchRow } from './row-patch'

export async function patchCase(
  ctx: LedgerContext,
  flusher: Flusher,
  req: PatchRequest,
): Promise<LedgerResult<{ readonly case: Case; readonly etag: string }>> {
  const done = await patchRow(ctx, flusher, {
    tab: 'cases',
    id: req.caseId,
    patch: req.patch,
    ifMatch: req.ifMatch,
    actor: req.actor,
  })
  return done.ok ? { ok: true, value: { case: done.value.row, etag: done.value.etag } } : done
}
