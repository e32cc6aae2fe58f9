/**
 * @module
 * A row posted from a field-app form, without JavaScript: the form's fields minus its transport
 * fields (`_csrf`, `_idem`, …) go through exactly what `POST /api/<tab>` does — the domain's
 * defaults (`worker` = the caller when left out), codecs (validateNewRow), the request hash, and
 * ledger.submit with the form's idempotency key —
 * so a double submit stores one row and the answer is the API's, as a value.
 */
import type { DataTabKey, RawRecord, RowOf } from '../../domain'
import type { Actor, LedgerApi, SyncState } from '../../ledger/contract'
import { withDefaultWorker } from '../field-rules'
import { requestHash } from '../idempotency'
import type { HttpProblem } from '../problem'
import { validateNewRow } from '../validate-input'

export type RowOutcome<K extends DataTabKey> =
  | {
      readonly ok: true
      readonly status: 201 | 202
      readonly row: RowOf<K>
      readonly sync: SyncState
      readonly replayed: boolean
    }
  | { readonly ok: false; readonly problem: HttpProblem }

/** Idempotency keys the API accepts (visible ASCII, 1–255). */
const KEY_RE = /^[\x21-\x7e]{1,255}$/

/** The row fields of a posted form: every field except the transport fields, which start with `_`. */
export function rowFields(form: RawRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(form)) if (!key.startsWith('_')) out[key] = value
  return out
}

/** A string field of a posted form ('' when absent or repeated). */
export const formText = (form: RawRecord, name: string): string => {
  const v = form[name]
  return typeof v === 'string' ? v : ''
}

export async function postRow<K extends DataTabKey>(
  ledger: LedgerApi,
  actor: Actor,
  tab: K,
  fields: RawRecord,
  idempotencyKey: string,
): Promise<RowOutcome<K>> {
  if (!KEY_RE.test(idempotencyKey)) return { ok: false, problem: { kind: 'header_invalid', header: 'Idempotency-Key' } }
  const row = validateNewRow(tab, withDefaultWorker(tab, fields, actor))
  if (!row.ok) return { ok: false, problem: row.error }
  const answer = await ledger.submit({
    tab,
    row: row.value,
    actor,
    bodyHash: await requestHash(tab, row.value),
    idempotencyKey,
  })
  if (!answer.ok) return { ok: false, problem: answer.error }
  const { status, row: stored, sync, replayed } = answer.value
  return { ok: true, status, row: stored, sync, replayed }
}
