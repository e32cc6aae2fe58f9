/**
 * @module
 * Who may set which field (issue 7 point 4): ONE declarative table, {@link FIELD_ACCESS}, per tab
 * a PATCH can change — read by the PATCH handlers, the OpenAPI document (`x-access` on each
 * property and the field table in each PATCH operation's description) and the authorisation
 * tests. Decided from users.md: the field worker writes informed consent, moves the case through
 * its stages and fills in the termination (status, closed date, reason, referral), and keeps
 * education and notes current; the intake and identity fields and the case's assigned worker
 * belong to the identification section and its coordinator. On their own session and assessment
 * rows a worker corrects everything and may withdraw the row, but never moves it into another
 * staff member's name. Coordinators and admins may change every staff-owned field.
 *
 * Attribution on POST: a new row's `worker` defaults to the caller when omitted, and a `worker`
 * token may name only itself there (checked by the ledger, which knows each staff member's
 * email as well as their id: src/ledger/submit.ts). System-owned fields (ids, `_status`) are
 * nobody's to send (`read_only_field`).
 */
import { type InputOf, type RawRecord, TABLES } from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { Actor, LedgerError, Role } from '../ledger/contract'

/**
 * `own`: a worker on their own case (or their own session/assessment row), and every
 * coordinator and admin; `coordinator`: coordinators and admins only.
 */
export type FieldAccess = 'own' | 'coordinator'

/** The tabs a PATCH changes. */
export type PatchTab = 'cases' | 'sessions' | 'assessments' | 'feedback'

/** Every staff-owned field of each tab and who may change it (a new column does not compile until it is listed). */
export const FIELD_ACCESS = {
  cases: {
    initials: 'coordinator',
    sex: 'coordinator',
    birth_date: 'coordinator',
    cluster: 'coordinator',
    service: 'coordinator',
    education: 'own',
    referral_source: 'coordinator',
    referral_date: 'coordinator',
    worker: 'coordinator',
    stage: 'own',
    consent_date: 'own',
    status: 'own',
    closed_date: 'own',
    closure_reason: 'own',
    referred_to: 'own',
    notes: 'own',
  },
  sessions: {
    case_id: 'own',
    goal_id: 'own',
    date: 'own',
    task: 'own',
    assistance: 'own',
    rating: 'own',
    techniques: 'own',
    participants: 'own',
    worker: 'coordinator',
    duration_min: 'own',
    notes: 'own',
    withdrawn_date: 'own',
    withdrawn_reason: 'own',
  },
  assessments: {
    case_id: 'own',
    date: 'own',
    tool: 'own',
    domain: 'own',
    score: 'own',
    source: 'own',
    method: 'own',
    finding: 'own',
    worker: 'coordinator',
    withdrawn_date: 'own',
    withdrawn_reason: 'own',
  },
  // Issue 9: feedback is the coordinator's; the worker of its case answers it (a reply) and marks
  // it resolved — `own` here means a worker on a case of theirs.
  feedback: {
    case_id: 'coordinator',
    target: 'coordinator',
    date: 'coordinator',
    from: 'coordinator',
    kind: 'coordinator',
    text: 'coordinator',
    resolved_date: 'own',
    reply: 'own',
  },
} as const satisfies { readonly [T in PatchTab]: Record<keyof InputOf<T>, FieldAccess> }

/** The roles each access level admits. */
export const ROLES_OF_ACCESS: Readonly<Record<FieldAccess, readonly Role[]>> = {
  own: ['worker', 'coordinator', 'admin'],
  coordinator: ['coordinator', 'admin'],
}

/** The access levels as people read them (OpenAPI and the docs page). */
export const ACCESS_TEXT: Readonly<Record<FieldAccess, { readonly id: string; readonly en: string }>> = {
  own: { id: 'peksos (kasus/baris sendiri), koordinator, admin', en: 'worker (own case/row), coordinator, admin' },
  coordinator: { id: 'koordinator, admin', en: 'coordinator, admin' },
}

/** Who may change `field` of `tab`, or undefined for a field that is not staff-owned. */
export function accessOf(tab: PatchTab, field: string): FieldAccess | undefined {
  const table: Readonly<Record<string, FieldAccess>> = FIELD_ACCESS[tab]
  return Object.hasOwn(table, field) ? table[field] : undefined
}

/**
 * The fields of a patch this actor may not change, as one `field_forbidden` failure (every such
 * field at once). Decided by role alone, before the row is looked up, so the answer is the same
 * whether the row exists or not. Unknown and system-owned fields are left to the patch validator
 * (422).
 */
export function checkPatchFields(tab: PatchTab, actor: Actor, fields: readonly string[]): Result<true, LedgerError> {
  const refused = fields.filter((field) => {
    const access = accessOf(tab, field)
    return access !== undefined && !ROLES_OF_ACCESS[access].includes(actor.role)
  })
  return refused.length === 0
    ? ok(true)
    : err({ kind: 'field_forbidden', tab, fields: refused, rule: 'coordinator_only' })
}

/** The tabs whose rows name the worker who did the work. */
const ATTRIBUTED: ReadonlySet<string> = new Set(
  Object.values(TABLES)
    .filter((t) => t.columns.some((c) => c.key === 'worker'))
    .map((t) => t.key),
)

/** True when rows of `tab` name a worker (the field POST defaults and attributes). */
export const hasWorkerField = (tab: string): boolean => ATTRIBUTED.has(tab)

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

/**
 * A new row's raw fields with its author defaulted to the caller when left out: `worker` on the
 * tabs that have one, `from` on feedback (issue 9: a coordinator gives feedback in their own name
 * unless they name another coordinator; the row rule checks whoever is named).
 */
export function withDefaultWorker(tab: string, record: RawRecord, actor: Actor): RawRecord {
  if (tab === 'feedback') return isBlank(record.from) ? { ...record, from: actor.staffId } : record
  if (!hasWorkerField(tab) || !isBlank(record.worker)) return record
  return { ...record, worker: actor.staffId }
}
