/**
 * @module
 * Who may set which field (issue 7 point 4): ONE declarative table per writable tab, read by the
 * PATCH handler, the OpenAPI document (`x-access` on each property and the field table in each
 * operation's description) and the authorisation tests. Decided from users.md: the field worker
 * writes informed consent, moves the case through its stages and fills in the termination
 * (status, closed date, reason, referral), and keeps education and notes current; the intake
 * and identity fields and the case's assigned worker belong to the identification section and
 * its coordinator. Coordinators and admins may change every staff-owned field.
 *
 * Attribution on POST: a new row's `worker` defaults to the caller when omitted, and a `worker`
 * token may name only itself there (checked by the ledger, which knows each staff member's
 * email as well as their id: src/ledger/submit.ts). System-owned fields (ids, `_status`) are
 * nobody's to send (`read_only_field`).
 */
import { type InputOf, type RawRecord, TABLES } from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { Actor, LedgerError, Role } from '../ledger/contract'

/** `own_case`: a worker on their own case, and every coordinator and admin; `coordinator`: coordinators and admins only. */
export type FieldAccess = 'own_case' | 'coordinator'

/** Every staff-owned field of a case and who may change it (a new column does not compile until it is listed). */
export const CASE_FIELD_ACCESS = {
  initials: 'coordinator',
  sex: 'coordinator',
  birth_date: 'coordinator',
  cluster: 'coordinator',
  service: 'coordinator',
  education: 'own_case',
  referral_source: 'coordinator',
  referral_date: 'coordinator',
  worker: 'coordinator',
  stage: 'own_case',
  consent_date: 'own_case',
  status: 'own_case',
  closed_date: 'own_case',
  closure_reason: 'own_case',
  referred_to: 'own_case',
  notes: 'own_case',
} as const satisfies Record<keyof InputOf<'cases'>, FieldAccess>

/** The roles each access level admits. */
export const ROLES_OF_ACCESS: Readonly<Record<FieldAccess, readonly Role[]>> = {
  own_case: ['worker', 'coordinator', 'admin'],
  coordinator: ['coordinator', 'admin'],
}

const accessOf = (field: string): FieldAccess | undefined =>
  Object.hasOwn(CASE_FIELD_ACCESS, field) ? CASE_FIELD_ACCESS[field as keyof typeof CASE_FIELD_ACCESS] : undefined

/**
 * The fields of a case patch this actor may not change, as one `field_forbidden` failure (every
 * such field at once). Decided by role alone, before the case is looked up, so the answer is the
 * same whether the case exists or not. Unknown and system-owned fields are left to the patch
 * validator (422).
 */
export function checkCasePatchFields(actor: Actor, fields: readonly string[]): Result<true, LedgerError> {
  const refused = fields.filter((field) => {
    const access = accessOf(field)
    return access !== undefined && !ROLES_OF_ACCESS[access].includes(actor.role)
  })
  return refused.length === 0
    ? ok(true)
    : err({ kind: 'field_forbidden', tab: 'cases', fields: refused, rule: 'coordinator_only' })
}

/** The tabs whose rows name the worker who did the work. */
const ATTRIBUTED: ReadonlySet<string> = new Set(
  Object.values(TABLES)
    .filter((t) => t.columns.some((c) => c.key === 'worker'))
    .map((t) => t.key),
)

/** True when rows of `tab` name a worker (the field POST defaults and attributes). */
export const hasWorkerField = (tab: string): boolean => ATTRIBUTED.has(tab)

/** The access levels as people read them (OpenAPI and the docs page). */
export const ACCESS_TEXT: Readonly<Record<FieldAccess, { readonly id: string; readonly en: string }>> = {
  own_case: { id: 'peksos (kasus sendiri), koordinator, admin', en: 'worker (own case), coordinator, admin' },
  coordinator: { id: 'koordinator, admin', en: 'coordinator, admin' },
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

/** A new row's raw fields with `worker` defaulted to the caller when the tab has one and it was left out. */
export function withDefaultWorker(tab: string, record: RawRecord, actor: Actor): RawRecord {
  if (!hasWorkerField(tab) || !isBlank(record.worker)) return record
  return { ...record, worker: actor.staffId }
}
