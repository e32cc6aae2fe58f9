// An in-memory LedgerApi for the HTTP tests: the contract's behaviour (ownership scoping,
// cross-row rules via the domain's validateRow, idempotency, etags) without a Durable Object or
// a sheet. It records every call so tests can check what the HTTP layer passed on.
import {
  type Assessment,
  assessmentCoverage,
  buildDashboard,
  buildValidationContext,
  type Case,
  type CaseEvent,
  caseTScore,
  columnOf,
  type DataTabKey,
  DEFAULT_LISTS,
  type Feedback,
  formatId,
  type Goal,
  type GoalApproval,
  type GoalProgress,
  goalApprovals,
  goalProgress,
  ID_COLUMNS,
  type InputOf,
  type IsoDate,
  isOpenFeedback,
  isWithdrawn,
  makeIssue,
  type RowOf,
  type Session,
  staffKey,
  validateRow,
  type WithdrawalFields,
} from '../../../src/domain'
import type {
  Actor,
  CaseFeedback,
  CaseProgress,
  CaseSummary,
  FieldView,
  FieldViewFilter,
  GoalProgressView,
  Health,
  LedgerApi,
  LedgerError,
  LedgerResult,
  Role,
  RowDetail,
  RowPatchAnswer,
  RowPatchRequest,
  RowPatchTab,
  StaffLookup,
  SubmitAnswer,
  SubmitRequest,
  SyncReport,
  SyncStatus,
  SyncTrigger,
} from '../../../src/ledger/contract'
import { buildFieldView, lookupStaffByEmail } from '../../../src/ledger/field-view'
import { newRowIssues } from '../../../src/ledger/submit'

export type FakeStaff = {
  readonly staff_id: string
  readonly email?: string
  readonly role: Role
  readonly active: boolean
}

const RANK: Readonly<Record<Role, number>> = { worker: 0, coordinator: 1, admin: 2 }

const ok = <T>(value: T): LedgerResult<T> => ({ ok: true, value })
const fail = <T>(error: LedgerError): LedgerResult<T> => ({ ok: false, error })

export type FakeLedgerOptions = {
  readonly staff: readonly FakeStaff[]
  /** Today for the domain's date rules. */
  readonly today: IsoDate
  readonly holidays?: readonly IsoDate[]
}

export class FakeLedger implements LedgerApi {
  readonly calls: { method: string; args: unknown[] }[] = []
  readonly staff = new Map<string, FakeStaff>()
  readonly cases = new Map<string, Case>()
  readonly goals = new Map<string, Goal>()
  readonly sessions: Session[] = []
  readonly assessments: Assessment[] = []
  readonly events: CaseEvent[] = []
  readonly feedback: Feedback[] = []
  /** When set, the ledger answers this instead of doing the work (e.g. sheet_unavailable). */
  failWith: LedgerError | undefined
  /** When true, submissions are "queued" (202 pending) instead of written (201). */
  pending = false
  /** When set, every method throws (an unexpected bug or a broken RPC). */
  throwOnCall: Error | undefined
  private readonly versions = new Map<string, number>()
  private readonly counters: Record<DataTabKey, number> = {
    cases: 0,
    assessments: 0,
    goals: 0,
    sessions: 0,
    events: 0,
    feedback: 0,
  }
  private readonly idempotency = new Map<string, { hash: string; answer: SubmitAnswer }>()
  private readonly options: FakeLedgerOptions

  constructor(options: FakeLedgerOptions) {
    this.options = options
    for (const s of options.staff) this.staff.set(staffKey(s.staff_id), s)
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args })
    if (this.throwOnCall !== undefined) throw this.throwOnCall
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args)
  }

  private owns(actor: Actor, caseId: string): boolean {
    const c = this.cases.get(caseId)
    return c !== undefined && (actor.role !== 'worker' || staffKey(c.worker) === staffKey(actor.staffId))
  }

  etagOf(caseId: string): string {
    return `v${this.versions.get(caseId) ?? 0}-${caseId}`
  }

  /** A staff member typing into the Cases tab: the row's version changes. */
  staffEdit(caseId: string, change: Partial<Case>): void {
    const c = this.cases.get(caseId)
    if (c === undefined) throw new Error(`no case ${caseId}`)
    this.cases.set(caseId, { ...c, ...change })
    this.versions.set(caseId, (this.versions.get(caseId) ?? 0) + 1)
  }

  /** The validation context, as `actor` may see it (a worker: own cases and their goals only). */
  private context(actor?: Actor) {
    const visible = (caseId: string) => actor === undefined || this.owns(actor, caseId)
    return buildValidationContext({
      today: this.options.today,
      cases: [...this.cases.values()].filter((c) => visible(c.case_id)),
      goals: [...this.goals.values()].filter((g) => visible(g.case_id)),
      staff: [...this.staff.values()].map((s) => ({
        staff_id: s.staff_id,
        role: s.role,
        active: s.active,
        ...(s.email === undefined || s.email === '' ? {} : { email: s.email }),
      })),
      holidays: this.options.holidays ?? [],
      sessions: this.sessions.filter((s) => visible(s.case_id)),
      assessments: this.assessments.filter((a) => visible(a.case_id)),
      events: this.events.filter((e) => visible(e.case_id)),
    })
  }

  /** The approval of each progress's goal as of its date (feedback-state.ts), as the real ledger answers. */
  private withApprovals(progress: readonly GoalProgress[], asOf: IsoDate): GoalProgressView[] {
    const approvals = goalApprovals(
      progress.map((p) => p.goal_id),
      this.feedback,
      asOf,
    )
    return progress.map((p, i) => ({ ...p, approval: approvals[i] as GoalApproval }))
  }

  async submit<K extends DataTabKey>(req: SubmitRequest<K>): Promise<LedgerResult<SubmitAnswer<K>>> {
    this.record('submit', req)
    if (this.failWith !== undefined) return fail(this.failWith)
    const slot = req.idempotencyKey === undefined ? undefined : `${req.actor.staffId}\u0000${req.idempotencyKey}`
    const seen = slot === undefined ? undefined : this.idempotency.get(slot)
    if (seen !== undefined) {
      if (seen.hash !== req.bodyHash) return fail({ kind: 'idempotency_conflict' })
      return ok({ ...(seen.answer as SubmitAnswer<K>), replayed: true })
    }
    if ((req.tab === 'cases' || req.tab === 'feedback') && req.actor.role === 'worker')
      return fail({ kind: 'forbidden', reason: 'role' })
    const input = req.row as Record<string, unknown>
    if (
      req.actor.role === 'worker' &&
      typeof input.worker === 'string' &&
      staffKey(input.worker) !== staffKey(req.actor.staffId)
    ) {
      return fail({ kind: 'field_forbidden', tab: req.tab, fields: ['worker'], rule: 'self_only' })
    }
    const id = formatId(req.tab, this.counters[req.tab] + 1)
    const row = { ...input, [ID_COLUMNS[req.tab]]: id } as RowOf<K>
    // As the real ledger: judged against what the actor may see, plus the API's active-case rule.
    const issues = newRowIssues(req.tab, row, this.context(req.actor))
    if (issues.some((i) => i.severity === 'error')) return fail({ kind: 'invalid_row', issues })
    this.counters[req.tab]++
    this.store(req.tab, row)
    const answer: SubmitAnswer<K> = {
      status: this.pending ? 202 : 201,
      row,
      sync: this.pending ? 'pending' : 'synced',
      replayed: false,
    }
    if (slot !== undefined) this.idempotency.set(slot, { hash: req.bodyHash, answer })
    return ok(answer)
  }

  private store<K extends DataTabKey>(tab: K, row: RowOf<K>): void {
    if (tab === 'cases') {
      const c = row as Case
      this.cases.set(c.case_id, c)
      this.versions.set(c.case_id, 1)
    } else if (tab === 'goals') {
      const g = row as Goal
      this.goals.set(g.goal_id, g)
    } else if (tab === 'sessions') this.sessions.push(row as Session)
    else if (tab === 'events') this.events.push(row as CaseEvent)
    else if (tab === 'feedback') this.feedback.push(row as Feedback)
    else this.assessments.push(row as Assessment)
  }

  /** Seeds a row directly (as if it had been typed into the sheet). */
  seed<K extends DataTabKey>(tab: K, row: InputOf<K>): RowOf<K> {
    const id = formatId(tab, ++this.counters[tab])
    const full = { ...row, [ID_COLUMNS[tab]]: id } as RowOf<K>
    this.store(tab, full)
    return full
  }

  async listCases(actor: Actor, filter: { status?: string; worker?: string; cluster?: string }) {
    this.record('listCases', actor, filter)
    const list: CaseSummary[] = []
    for (const c of this.cases.values()) {
      if (!this.owns(actor, c.case_id)) continue
      if (filter.status !== undefined && c.status !== filter.status) continue
      if (filter.worker !== undefined && staffKey(c.worker) !== staffKey(filter.worker)) continue
      if (filter.cluster !== undefined && c.cluster !== filter.cluster) continue
      list.push({ ...c, sync: 'synced', etag: this.etagOf(c.case_id) })
    }
    return ok(list as readonly CaseSummary[])
  }

  private progressOf(caseId: string, asOf: IsoDate): CaseProgress {
    const goals = [...this.goals.values()].filter((g) => g.case_id === caseId)
    const progress = goals.map((goal) =>
      goalProgress({ goal, sessions: this.sessions, holidays: this.options.holidays ?? [], asOf }),
    )
    return {
      case_id: caseId,
      as_of: asOf,
      goals: this.withApprovals(progress, asOf),
      t_score:
        goals.length === 0
          ? null
          : caseTScore(
              progress.map((p, i) => ({
                level: p.level,
                success_level: p.success_level,
                weight: goals[i]?.weight ?? 1,
              })),
            ),
    }
  }

  async getCase(actor: Actor, caseId: string, asOf: IsoDate) {
    this.record('getCase', actor, caseId, asOf)
    if (this.failWith !== undefined) return fail<never>(this.failWith)
    const c = this.cases.get(caseId)
    if (c === undefined || !this.owns(actor, caseId))
      return fail<never>({ kind: 'not_found', resource: 'case', id: caseId })
    return ok({
      case: c,
      etag: this.etagOf(caseId),
      sync: 'synced' as const,
      goals: [...this.goals.values()].filter((g) => g.case_id === caseId),
      progress: this.progressOf(caseId, asOf),
    })
  }

  async patchCase(req: { caseId: string; patch: Partial<InputOf<'cases'>>; ifMatch: string; actor: Actor }) {
    this.record('patchCase', req)
    if (this.failWith !== undefined) return fail<never>(this.failWith)
    const c = this.cases.get(req.caseId)
    if (c === undefined || !this.owns(req.actor, req.caseId)) {
      return fail<never>({ kind: 'not_found', resource: 'case', id: req.caseId })
    }
    if (req.ifMatch !== this.etagOf(req.caseId))
      return fail<never>({ kind: 'precondition_failed', currentEtag: this.etagOf(req.caseId) })
    const merged = { ...c, ...req.patch }
    const issues = validateRow('cases', merged, this.context())
    if (issues.some((i) => i.severity === 'error')) return fail<never>({ kind: 'invalid_row', issues })
    this.staffEdit(req.caseId, req.patch)
    return ok({ case: merged, etag: this.etagOf(req.caseId) })
  }

  /** The stored session, assessment or feedback row of an id, with where it sits in its list. */
  private rowOf<K extends RowPatchTab>(tab: K, id: string): { list: RowOf<K>[]; index: number } {
    const list = (
      tab === 'sessions' ? this.sessions : tab === 'feedback' ? this.feedback : this.assessments
    ) as RowOf<K>[]
    return { list, index: list.findIndex((r) => (r as Record<string, unknown>)[ID_COLUMNS[tab]] === id) }
  }

  /** A row's owner: its `worker` cell, or for feedback (no worker) its case's worker. */
  private ownsRow<K extends RowPatchTab>(actor: Actor, tab: K, row: RowOf<K>): boolean {
    if (actor.role !== 'worker') return true
    if (tab === 'feedback') return this.owns(actor, row.case_id)
    return staffKey((row as { worker: string }).worker) === staffKey(actor.staffId)
  }

  rowEtagOf(tab: RowPatchTab, id: string): string {
    return `v${this.versions.get(`${tab}:${id}`) ?? 1}-${id}`
  }

  async getRow<K extends RowPatchTab>(actor: Actor, tab: K, id: string): Promise<LedgerResult<RowDetail<K>>> {
    this.record('getRow', actor, tab, id)
    if (this.failWith !== undefined) return fail(this.failWith)
    const { list, index } = this.rowOf(tab, id)
    const row = list[index]
    const resource = tab === 'sessions' ? 'session' : tab === 'feedback' ? 'feedback' : 'assessment'
    if (row === undefined || !this.owns(actor, row.case_id)) return fail({ kind: 'not_found', resource, id })
    return ok({
      row,
      etag: this.rowEtagOf(tab, id),
      sync: 'synced',
      withdrawn: isWithdrawn(row as WithdrawalFields),
    })
  }

  /** The contract's rules (contract.ts RowPatchRequest), on the in-memory rows. */
  async patchRow<K extends RowPatchTab>(req: RowPatchRequest<K>): Promise<LedgerResult<RowPatchAnswer<K>>> {
    this.record('patchRow', req)
    if (this.failWith !== undefined) return fail(this.failWith)
    const { list, index } = this.rowOf(req.tab, req.id)
    const row = list[index]
    const resource = req.tab === 'sessions' ? 'session' : req.tab === 'feedback' ? 'feedback' : 'assessment'
    if (row === undefined || !this.ownsRow(req.actor, req.tab, row))
      return fail({ kind: 'not_found', resource, id: req.id })
    const patch = req.patch as Partial<Record<string, unknown>>
    const current = row as Record<string, unknown>
    if (
      req.actor.role === 'worker' &&
      typeof patch.worker === 'string' &&
      staffKey(patch.worker) !== staffKey(String(current.worker ?? ''))
    ) {
      return fail({ kind: 'field_forbidden', tab: req.tab, fields: ['worker'], rule: 'coordinator_only' })
    }
    const merged = { ...row, ...patch } as RowOf<K>
    // Another worker's case is judged like a missing one (contract.ts RowPatchRequest).
    if (!this.owns(req.actor, merged.case_id)) {
      const label = columnOf(req.tab, 'case_id').label
      return fail({
        kind: 'invalid_row',
        issues: [makeIssue('case_id', 'case_not_found', { label, case_id: merged.case_id })],
      })
    }
    if (req.ifMatch !== this.rowEtagOf(req.tab, req.id)) {
      return fail({ kind: 'precondition_failed', currentEtag: this.rowEtagOf(req.tab, req.id) })
    }
    const issues = validateRow(req.tab, merged, this.context())
    if (issues.some((i) => i.severity === 'error')) return fail({ kind: 'invalid_row', issues })
    list[index] = merged
    const key = `${req.tab}:${req.id}`
    this.versions.set(key, (this.versions.get(key) ?? 1) + 1)
    return ok({
      row: merged,
      etag: this.rowEtagOf(req.tab, req.id),
      withdrawn: isWithdrawn(merged as WithdrawalFields),
    })
  }

  async listAssessments(actor: Actor, caseId: string) {
    this.record('listAssessments', actor, caseId)
    if (!this.owns(actor, caseId)) return fail<never>({ kind: 'not_found', resource: 'case', id: caseId })
    const assessments = this.assessments.filter((a) => a.case_id === caseId)
    return ok({ assessments, coverage: assessmentCoverage(caseId, assessments) })
  }

  async listSessions(actor: Actor, caseId: string) {
    this.record('listSessions', actor, caseId)
    if (!this.owns(actor, caseId)) return fail<never>({ kind: 'not_found', resource: 'case', id: caseId })
    return ok(this.sessions.filter((s) => s.case_id === caseId) as readonly Session[])
  }

  async goalProgress(actor: Actor, goalId: string, asOf: IsoDate) {
    this.record('goalProgress', actor, goalId, asOf)
    const goal = this.goals.get(goalId)
    if (goal === undefined || !this.owns(actor, goal.case_id))
      return fail<never>({ kind: 'not_found', resource: 'goal', id: goalId })
    const progress = goalProgress({ goal, sessions: this.sessions, holidays: this.options.holidays ?? [], asOf })
    return ok(this.withApprovals([progress], asOf)[0] as GoalProgressView)
  }

  async caseProgress(actor: Actor, caseId: string, asOf: IsoDate) {
    this.record('caseProgress', actor, caseId, asOf)
    if (!this.owns(actor, caseId)) return fail<never>({ kind: 'not_found', resource: 'case', id: caseId })
    return ok(this.progressOf(caseId, asOf))
  }

  async allProgress(actor: Actor, asOf: IsoDate) {
    this.record('allProgress', actor, asOf)
    if (actor.role === 'worker') return fail<never>({ kind: 'forbidden', reason: 'role' })
    const active = [...this.goals.values()].filter((g) => this.cases.get(g.case_id)?.status === 'aktif')
    return ok(
      this.withApprovals(
        active.map((goal) =>
          goalProgress({ goal, sessions: this.sessions, holidays: this.options.holidays ?? [], asOf }),
        ),
        asOf,
      ),
    )
  }

  async listEvents(actor: Actor, caseId: string) {
    this.record('listEvents', actor, caseId)
    if (!this.owns(actor, caseId)) return fail<never>({ kind: 'not_found', resource: 'case', id: caseId })
    return ok(this.events.filter((e) => e.case_id === caseId) as readonly CaseEvent[])
  }

  async listFeedback(actor: Actor, caseId: string, asOf: IsoDate): Promise<LedgerResult<CaseFeedback>> {
    this.record('listFeedback', actor, caseId, asOf)
    if (!this.owns(actor, caseId)) return fail({ kind: 'not_found', resource: 'case', id: caseId })
    const rows = this.feedback.filter((f) => f.case_id === caseId)
    const goals = [...this.goals.values()].filter((g) => g.case_id === caseId).map((g) => g.goal_id)
    return ok({
      case_id: caseId,
      as_of: asOf,
      feedback: rows.map((f) => ({ ...f, open: isOpenFeedback(f, asOf) })),
      approvals: goalApprovals(goals, rows, asOf),
    })
  }

  async dashboard(actor: Actor, asOf: IsoDate) {
    this.record('dashboard', actor, asOf)
    if (actor.role === 'worker') return fail<never>({ kind: 'forbidden', reason: 'role' })
    return ok(
      buildDashboard({
        cases: [...this.cases.values()],
        goals: [...this.goals.values()],
        sessions: this.sessions,
        feedback: this.feedback,
        staff: this.staffRows(),
        holidays: this.options.holidays ?? [],
        asOf,
      }).summary,
    )
  }

  async authenticate(actor: Actor) {
    this.record('authenticate', actor)
    const row = this.staff.get(staffKey(actor.staffId))
    if (row === undefined || !row.active) return fail<Actor>({ kind: 'staff_inactive', staffId: actor.staffId })
    // A token claiming more than the Staff row grants (the row was downgraded since).
    if (RANK[actor.role] > RANK[row.role]) return fail<Actor>({ kind: 'forbidden', reason: 'role' })
    return ok(actor)
  }

  /** The Staff tab as the domain's rows (blank emails are no email). */
  private staffRows() {
    return [...this.staff.values()].map((s) => ({
      staff_id: s.staff_id,
      role: s.role,
      active: s.active,
      ...(s.email === undefined || s.email === '' ? {} : { email: s.email }),
    }))
  }

  async staffByEmail(email: string) {
    this.record('staffByEmail', email)
    if (this.failWith !== undefined) return fail<StaffLookup>(this.failWith)
    return ok(lookupStaffByEmail(this.staffRows(), email))
  }

  async fieldView(actor: Actor, asOf: IsoDate, filter: FieldViewFilter) {
    this.record('fieldView', actor, asOf, filter)
    if (this.failWith !== undefined) return fail<FieldView>(this.failWith)
    const listed = await this.listCases(actor, {
      status: 'aktif',
      ...(filter.worker !== undefined && actor.role !== 'worker' ? { worker: filter.worker } : {}),
    })
    if (!listed.ok) return listed
    return ok(
      buildFieldView({
        actor,
        asOf,
        cases: listed.value,
        goals: this.goals.values(),
        sessions: this.sessions,
        assessments: this.assessments,
        events: this.events,
        feedback: this.feedback,
        holidays: this.options.holidays ?? [],
        clusters: DEFAULT_LISTS.cluster,
        staff: this.staffRows(),
      }),
    )
  }

  readonly syncReport: SyncReport = {
    rows_read: 12,
    rows_invalid: 1,
    ids_assigned: 0,
    cells_written: 0,
    google_calls: 1,
    duration_ms: 5,
  }

  async sync(trigger: SyncTrigger, change?: string) {
    if (change === undefined) this.record('sync', trigger)
    else this.record('sync', trigger, change)
    if (this.failWith !== undefined) return fail<SyncReport>(this.failWith)
    return ok(this.syncReport)
  }

  async syncStatus(): Promise<SyncStatus> {
    this.record('syncStatus')
    return {
      last_sync_at: null,
      last_sync: null,
      last_sync_trigger: null,
      outbox: 0,
      outbox_uncertain: 0,
      next_retry_at: null,
      last_upstream_error: null,
    }
  }

  async health(): Promise<Health> {
    this.record('health')
    return { ok: true, sheet: 'reachable', outbox: 0 }
  }
}
