/**
 * @module
 * A PATCH from a posted form, without JavaScript (the case page; correcting or withdrawing a
 * session or assessment row): what `PATCH /api/<tab>/<id>` runs after reading its request
 * (patch-request.ts) — the version the page showed (`_etag`, as If-Match), only the fields that
 * differ from the row as it is now (a form sends every input; the API refuses blanks and never
 * clears a cell), the field table (field-rules.ts), each field's codec — then the ledger.
 */
import type { InputOf, RawRecord } from '../../domain'
import type { Actor, CorrectableTab, LedgerApi } from '../../ledger/contract'
import { checkPatchFields, type PatchTab } from '../field-rules'
import type { HttpProblem } from '../problem'
import { validatePatch } from '../validate-input'
import type { FormField } from './form-fields'
import { formText } from './post-row'

export type FormPatchAnswer =
  | { readonly kind: 'saved'; readonly etag: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly problem: HttpProblem }

/** A cell as an input shows it. */
export const shownValue = (v: unknown): string => (v === undefined || v === null ? '' : v === true ? 'TRUE' : String(v))

/** The posted fields of `fields` whose text differs from the row as it is now. */
export function changedFields(form: RawRecord, current: object, fields: readonly FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    if (!Object.hasOwn(form, f.name)) continue
    const posted = formText(form, f.name)
    if (posted.trim() !== shownValue((current as Record<string, unknown>)[f.key]).trim()) out[f.key] = posted
  }
  return out
}

export type FormPatch<K extends PatchTab> = {
  readonly tab: K
  readonly id: string
  /** The row as it is now, and its version. */
  readonly current: object
  readonly etag: string
  readonly form: RawRecord
  /** The fields the form offered (what may be changed from it). */
  readonly fields: readonly FormField[]
  readonly actor: Actor
}

export async function patchFromForm<K extends PatchTab>(ledger: LedgerApi, p: FormPatch<K>): Promise<FormPatchAnswer> {
  const ifMatch = formText(p.form, '_etag')
  if (ifMatch === '') return { kind: 'refused', problem: { kind: 'precondition_required' } }
  // The row changed since the page was shown (a staff edit in the sheet): say so, change nothing.
  if (ifMatch !== p.etag) return { kind: 'refused', problem: { kind: 'precondition_failed', currentEtag: p.etag } }
  const changed = changedFields(p.form, p.current, p.fields)
  if (Object.keys(changed).length === 0) return { kind: 'unchanged' }
  const allowed = checkPatchFields(p.tab, p.actor, Object.keys(changed))
  if (!allowed.ok) return { kind: 'refused', problem: allowed.error }
  const patch = validatePatch(p.tab, changed)
  if (!patch.ok) return { kind: 'refused', problem: patch.error }
  const done =
    p.tab === 'cases'
      ? await ledger.patchCase({
          caseId: p.id,
          patch: patch.value as Partial<InputOf<'cases'>>,
          ifMatch,
          actor: p.actor,
        })
      : await ledger.patchRow({
          tab: p.tab as CorrectableTab,
          id: p.id,
          patch: patch.value as Partial<InputOf<CorrectableTab>>,
          ifMatch,
          actor: p.actor,
        })
  return done.ok ? { kind: 'saved', etag: done.value.etag } : { kind: 'refused', problem: done.error }
}
