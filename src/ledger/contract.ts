/**
 * @module
 * The ledger's RPC contract: what the HTTP layer may ask the per-spreadsheet Durable Object and
 * what it answers. Types only. Every expected failure is a {@link LedgerError} value; the HTTP
 * edge maps each kind to problem+json in one exhaustive switch (src/http/problem.ts). Values
 * crossing the RPC boundary are plain structured-clone data (no classes, no functions).
 */
import type {
  Assessment,
  AssessmentCoverage,
  Case,
  CaseEvent,
  DashboardSummary,
  DataTabKey,
  Feedback,
  Goal,
  GoalApproval,
  GoalProgress,
  InputOf,
  IsoDate,
  Issue,
  Result,
  RowOf,
  Session,
} from '../domain'
import type { DueItem } from '../domain/due-tasks'

export type Role = 'worker' | 'coordinator' | 'admin'

/** Who is asking: the staff id and role named by a verified bearer token. */
export type Actor = { readonly staffId: string; readonly role: Role }

/** How a client's row reached (or will reach) the sheet. */
export type SyncState = 'synced' | 'pending'

export type LedgerError =
  /** The row breaks a row or cross-row rule of domain.md (422); every issue of the row at once. */
  | { readonly kind: 'invalid_row'; readonly issues: readonly Issue[] }
  /**
   * No such row (404) — also answered for rows a worker may not see or change (another worker's
   * case, session or assessment), so ids don't leak.
   */
  | { readonly kind: 'not_found'; readonly resource: NotFoundResource; readonly id: string }
  /**
   * The role may not do this at all (403). (Another worker's case is never `forbidden`: it is
   * answered like one that does not exist, `not_found` or `case_not_found`.)
   */
  | { readonly kind: 'forbidden'; readonly reason: 'role' }
  /**
   * The actor may not set these fields (403, one pointer each; the column keys): `coordinator_only`
   * fields are the identification section's and the coordinator's (the field tables of
   * src/http/field-rules.ts; a session's or assessment's `worker` in patchRow); `self_only`: a
   * worker records new work in their own name only (the row's `worker` must name the caller).
   */
  | {
      readonly kind: 'field_forbidden'
      readonly tab: DataTabKey
      readonly fields: readonly string[]
      readonly rule: 'coordinator_only' | 'self_only'
    }
  /** The token names a staff id that is unknown or inactive in the Staff tab (401). */
  | { readonly kind: 'staff_inactive'; readonly staffId: string }
  /** Same Idempotency-Key, different body (409). */
  | { readonly kind: 'idempotency_conflict' }
  /** If-Match does not name the row's current version: someone edited it (412). */
  | { readonly kind: 'precondition_failed'; readonly currentEtag: string }
  /**
   * Google could not be reached within the request's budget and nothing was accepted (503 with
   * Retry-After). Only for operations that cannot be queued (PATCH, first sync of a new ledger).
   */
  | { readonly kind: 'sheet_unavailable'; readonly retryAfterS: number }
  /**
   * The spreadsheet is not set up as the template defines it: a tab or a required column key is
   * missing or duplicated (503; a coordinator must fix the sheet). Never guessed.
   */
  | {
      readonly kind: 'sheet_layout'
      readonly problems: readonly { readonly tab: string; readonly key?: string; readonly problem: string }[]
    }

export type NotFoundResource = 'case' | 'goal' | 'session' | 'assessment' | 'event' | 'feedback'

/** The one Result shape of the codebase (domain/result.ts), failing with a {@link LedgerError}. */
export type LedgerResult<T> = Result<T, LedgerError>

/** A POST of a new row (cases, assessments, goals, sessions). */
export type SubmitRequest<K extends DataTabKey = DataTabKey> = {
  readonly tab: K
  /** Shape-checked by the HTTP layer (decodeInput); cross-row rules are the ledger's. */
  readonly row: InputOf<K>
  readonly actor: Actor
  /** Client-chosen key; the same key with the same body answers the first answer again. */
  readonly idempotencyKey?: string
  /** SHA-256 hex of the canonical request body (to tell "same body" from "different body"). */
  readonly bodyHash: string
  /** How long the caller waits for the sheet write before answering 202 pending (ms). */
  readonly budgetMs?: number
}

export type SubmitAnswer<K extends DataTabKey = DataTabKey> = {
  /** 201 when the row is in the sheet, 202 when it is durably queued and will be synced. */
  readonly status: 201 | 202
  readonly row: RowOf<K>
  readonly sync: SyncState
  /** True when this answer is the stored answer of an earlier request with the same key. */
  readonly replayed: boolean
}

export type CaseFilter = {
  readonly status?: Case['status']
  readonly worker?: string
  readonly cluster?: string
}

export type CaseSummary = Case & { readonly sync: SyncState; readonly etag: string }

export type CaseDetail = {
  readonly case: Case
  /** Version of the case row: a hash of its cells; changes with any edit, by API or in the sheet. */
  readonly etag: string
  readonly sync: SyncState
  readonly goals: readonly Goal[]
  /** Each goal's progress and plan approval as of `as_of` (index for index with `goals`). */
  readonly progress: CaseProgress
}

/**
 * A goal's progress (api.md "Goal progress object") with its plan's approval state as of the same
 * date (issue 9 point 2: derived from the Feedback rows alone, domain feedback-state.ts).
 */
export type GoalProgressView = GoalProgress & { readonly approval: GoalApproval }

export type CaseProgress = {
  readonly case_id: string
  readonly as_of: IsoDate
  readonly goals: readonly GoalProgressView[]
  /** Goal Attainment T-score of the case's goals (domain.md "Case outcome"); null without goals. */
  readonly t_score: number | null
}

export type PatchRequest = {
  readonly caseId: string
  /** Staff-owned fields only (the HTTP layer rejects unknown and system-owned ones). */
  readonly patch: Partial<InputOf<'cases'>>
  readonly ifMatch: string
  readonly actor: Actor
}

/** Tabs whose rows are corrected or withdrawn through the API (api.md `PATCH /api/sessions/{id}`, …). */
export type CorrectableTab = 'sessions' | 'assessments'

/**
 * Tabs whose rows are changed in place through {@link LedgerApi.patchRow}: the correctable ones,
 * and feedback, which is resolved (issue 9: the worker of the feedback's case sets
 * `resolved_date` and `reply`; coordinators and admins may change any of its fields). A feedback
 * row is never withdrawn (`withdrawn` is always false).
 */
export type RowPatchTab = CorrectableTab | 'feedback'

/**
 * A correction or withdrawal of a session or assessment row (issue 8 "Correcting a mistake").
 * The rules, enforced by the ledger:
 * - a `worker` changes only rows whose `worker` cell names them (staff id or email); any other
 *   row — and a row of a case they may not see — is `not_found` (no existence oracle);
 *   coordinators and admins change any row;
 * - a `worker` may not change the `worker` field (`field_forbidden`, fields `['worker']`, rule
 *   `coordinator_only`); a case or goal that is not theirs is judged like one that does not
 *   exist (`invalid_row` with case_not_found / goal_not_found);
 * - the merged row must pass the same field and cross-row rules as a new row (`invalid_row`);
 *   a withdrawn row only the withdrawal rules (date and reason together, date not in the future);
 * - `ifMatch` must name the row's version as the sheet holds it NOW (a fresh read): a staff edit
 *   in between answers `precondition_failed` with the current version, never an overwrite;
 * - withdrawing = setting `withdrawn_date` and `withdrawn_reason`: the row stays in the sheet and
 *   leaves TAS progress, coverage, triangulation and the Dashboard. Nothing is ever deleted.
 * One Log line per change. Like a case PATCH, it cannot be queued: Google unreachable answers
 * `sheet_unavailable`.
 */
export type RowPatchRequest<K extends RowPatchTab = RowPatchTab> = {
  readonly tab: K
  /** The row's id (`session_id` / `assessment_id`), canonical (upper-case). */
  readonly id: string
  /**
   * Staff-owned fields to change, each decoded by its column's codec at the HTTP edge (as for a
   * case PATCH: no blanks — the API never clears a cell; unknown and system-owned keys refused).
   */
  readonly patch: Partial<InputOf<K>>
  /** The version the client read (`ETag` of a GET, or of an earlier answer); quotes and W/ ignored. */
  readonly ifMatch: string
  readonly actor: Actor
}

/** The row after the change, its new version (`ETag`), and whether it is now withdrawn. */
export type RowPatchAnswer<K extends RowPatchTab = RowPatchTab> = {
  readonly row: RowOf<K>
  readonly etag: string
  readonly withdrawn: boolean
}

/** One session or assessment row with its version, for `GET /api/sessions/{id}` and the case page. */
export type RowDetail<K extends RowPatchTab = RowPatchTab> = {
  readonly row: RowOf<K>
  readonly etag: string
  readonly sync: SyncState
  readonly withdrawn: boolean
}

/** A case's supervisor feedback (`GET /api/cases/{id}/feedback`), as of a date. */
export type CaseFeedback = {
  readonly case_id: string
  readonly as_of: IsoDate
  /** Every feedback row of the case, oldest first; `open`: waits for the worker as of `as_of`. */
  readonly feedback: readonly (Feedback & { readonly open: boolean })[]
  /** Each goal of the case with its approval state as of `as_of`, by goal id. */
  readonly approvals: readonly GoalApproval[]
}

export type SyncTrigger = 'cron' | 'api' | 'webhook' | 'startup'

/** api.md "Sync report". */
export type SyncReport = {
  readonly rows_read: number
  readonly rows_invalid: number
  readonly ids_assigned: number
  readonly cells_written: number
  readonly google_calls: number
  readonly duration_ms: number
}

/**
 * Google refuses the service account (403) and a person must act: share the spreadsheet with
 * `service_account` as Editor, enable the Sheets API in its project, or fix the token's scopes.
 * Shown by health and sync status until a call to the sheet succeeds again. No secret in it: the
 * client_email is the address a person shares the sheet with.
 */
export type SheetAccessProblem = {
  readonly code: 'sheet_not_shared' | 'sheets_api_disabled' | 'token_scopes'
  readonly spreadsheet_id: string
  /** The service account's client_email; null when the configured key has none. */
  readonly service_account: string | null
}

export type SyncStatus = {
  readonly last_sync_at: string | null
  readonly last_sync: SyncReport | null
  readonly last_sync_trigger: SyncTrigger | null
  readonly outbox: number
  /** Rows whose last send had an unknown outcome and will be checked before re-sending. */
  readonly outbox_uncertain: number
  readonly next_retry_at: string | null
  /** Kind and time of the last upstream failure (no message text from the sheet). */
  readonly last_upstream_error: { readonly kind: string; readonly at: string } | null
  /** Present while Google refuses the service account. */
  readonly problem?: SheetAccessProblem
  /**
   * Tabs or columns the binding lacks without stopping the sync (a later tab such as Events or
   * Feedback in a sheet made from an earlier template, a computed tab's header): writes to them
   * are refused until a person adds them (`scripts/provision.ts --upgrade`). Absent when none.
   */
  readonly layout_warnings?: readonly { readonly tab: string; readonly key?: string; readonly problem: string }[]
}

/**
 * Who a verified Google account is, by its email in the Staff tab (case-insensitive): Google
 * sign-in to the field app, and every request of a signed-in session after it (issue 8).
 */
export type StaffLookup =
  | { readonly status: 'active'; readonly actor: Actor }
  | { readonly status: 'inactive'; readonly staffId: string }
  | { readonly status: 'unknown' }

export type FieldViewFilter = {
  /** Coordinators and admins: only this worker's cases (staff id or email). Ignored for workers. */
  readonly worker?: string
}

/**
 * What the field app shows one staff member (issue 8): the active cases they may see (a worker's
 * own; every case, or one worker's, for coordinators) with their goals, progress, earlier tasks
 * and what is due — one RPC for the home page, the forms' pickers and the offline lists.
 */
export type FieldView = {
  readonly as_of: IsoDate
  readonly cases: readonly CaseSummary[]
  readonly goals: readonly Goal[]
  /** Each goal's progress as of `as_of`, index for index with `goals`. */
  readonly progress: readonly GoalProgress[]
  /** Each goal's earlier task names (as first written), most recently worked on first. */
  readonly tasks: Readonly<Record<string, readonly string[]>>
  readonly due: readonly DueItem[]
  /** Each goal's plan approval as of `as_of`, index for index with `goals` (issue 9). */
  readonly approvals: readonly GoalApproval[]
  /** The Settings tab's holidays (the goal form's milestone preview). */
  readonly holidays: readonly IsoDate[]
  /** The cluster list in force (the case form). */
  readonly clusters: readonly string[]
  /** Active staff who can be named as a worker: everyone for coordinators, a worker only themselves. */
  readonly staff: readonly { readonly staff_id: string; readonly role: Role }[]
}

export type Health = {
  readonly ok: true
  readonly sheet: 'reachable' | 'unreachable'
  readonly outbox: number
  /** Present while Google refuses the service account (the sheet is then `unreachable`). */
  readonly problem?: SheetAccessProblem
}

/** What the HTTP layer calls on the ledger stub (`env.LEDGER.getByName(spreadsheetId)`). */
export interface LedgerApi {
  submit<K extends DataTabKey>(req: SubmitRequest<K>): Promise<LedgerResult<SubmitAnswer<K>>>
  listCases(actor: Actor, filter: CaseFilter): Promise<LedgerResult<readonly CaseSummary[]>>
  getCase(actor: Actor, caseId: string, asOf: IsoDate): Promise<LedgerResult<CaseDetail>>
  patchCase(req: PatchRequest): Promise<LedgerResult<{ readonly case: Case; readonly etag: string }>>
  /** Correct or withdraw a session or assessment row (rules at {@link RowPatchRequest}). */
  patchRow<K extends RowPatchTab>(req: RowPatchRequest<K>): Promise<LedgerResult<RowPatchAnswer<K>>>
  /**
   * A session or assessment row with its version, from the mirror. Visible to whoever sees its
   * case (a worker: own cases); otherwise `not_found`. Withdrawn rows are answered too.
   */
  getRow<K extends RowPatchTab>(actor: Actor, tab: K, id: string): Promise<LedgerResult<RowDetail<K>>>
  listAssessments(
    actor: Actor,
    caseId: string,
  ): Promise<
    LedgerResult<{
      /** Withdrawn ones included (they carry `withdrawn_date`); the coverage leaves them out. */
      readonly assessments: readonly Assessment[]
      readonly coverage: AssessmentCoverage
    }>
  >
  /** The case's sessions, withdrawn ones included (they carry `withdrawn_date`). */
  listSessions(actor: Actor, caseId: string): Promise<LedgerResult<readonly Session[]>>
  goalProgress(actor: Actor, goalId: string, asOf: IsoDate): Promise<LedgerResult<GoalProgressView>>
  caseProgress(actor: Actor, caseId: string, asOf: IsoDate): Promise<LedgerResult<CaseProgress>>
  /** Every active goal's progress, as the Progress tab shows it (coordinator/admin). */
  allProgress(actor: Actor, asOf: IsoDate): Promise<LedgerResult<readonly GoalProgressView[]>>
  /** The case's events (conference, contract, termination, …), by date then id. Whoever sees the case. */
  listEvents(actor: Actor, caseId: string): Promise<LedgerResult<readonly CaseEvent[]>>
  /** The case's supervisor feedback and its goals' approval states as of `asOf`. Whoever sees the case. */
  listFeedback(actor: Actor, caseId: string, asOf: IsoDate): Promise<LedgerResult<CaseFeedback>>
  /**
   * The coordinator's dashboard as of `asOf` (coordinator/admin; domain buildDashboard, the same
   * function the Dashboard tab is written from), over the valid rows the ledger holds — those
   * accepted and on their way to the sheet included, as every read.
   */
  dashboard(actor: Actor, asOf: IsoDate): Promise<LedgerResult<DashboardSummary>>
  /** Checks a token's staff id against the Staff tab mirror (active, role not above the row's). */
  authenticate(actor: Actor): Promise<LedgerResult<Actor>>
  /** The Staff row of a verified email (case-insensitive) and the role it grants now. */
  staffByEmail(email: string): Promise<LedgerResult<StaffLookup>>
  /** The field app's view for `actor` as of `asOf` (see {@link FieldView}). */
  fieldView(actor: Actor, asOf: IsoDate, filter: FieldViewFilter): Promise<LedgerResult<FieldView>>
  /**
   * Pull the sheet now (coalesced for webhooks). `change` is the Apps Script onChange
   * `changeType` of a webhook call (`INSERT_COLUMN`, `OTHER`, …), absent for onEdit and the other
   * triggers: a structural one makes the next write re-check the header binding first.
   */
  sync(trigger: SyncTrigger, change?: string): Promise<LedgerResult<SyncReport>>
  syncStatus(): Promise<SyncStatus>
  health(): Promise<Health>
}
