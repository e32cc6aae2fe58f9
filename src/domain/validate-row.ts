/**
 * @module
 * Row rules and cross-row rules of domain.md "Records", applied to one decoded row. Cell-level
 * problems were already reported by the decoder; uniqueness of ids needs the whole sheet and is
 * checked by validate-snapshot.ts. Every rule adds an issue and the row's issues are returned
 * together.
 */
import type { Assessment } from './assessment-row'
import type { Case } from './case-row'
import type { CaseEvent } from './event-row'
import type { Feedback } from './feedback-row'
import type { Goal } from './goal-row'
import type { IsoDate } from './iso-date'
import { isoToSerial, serialToIso } from './iso-date'
import { type Issue, type IssueCode, type IssueParams, makeIssue, type Severity } from './issues'
import { TOOL_DOMAINS } from './lists'
import { parseMilestones } from './milestones'
import { normalizeCode } from './normalize'
import type { Session } from './session-row'
import type { StaffMember } from './staff-row'
import { columnOf, type RowOf, type TabKey } from './tables'
import { staffKey, type ValidationContext } from './validation-context'
import { isWithdrawn, type WithdrawalFields } from './withdrawal'
import { lastWorkingSerial } from './working-days'

type Add = (field: string, code: IssueCode, extra?: Omit<IssueParams, 'label'>, severity?: Severity) => void

/** An issue collector bound to a tab (messages use the column's label). */
function collector(tab: TabKey, issues: Issue[]): Add {
  return (field, code, extra, severity) =>
    issues.push(makeIssue(field, code, { label: columnOf(tab, field).label, ...extra }, severity))
}

/** One collector per tab and output array, reused across rows of a whole-sheet loop. */
const COLLECTORS = new WeakMap<Issue[], Map<TabKey, Add>>()
function collectorFor(tab: TabKey, issues: Issue[]): Add {
  let byTab = COLLECTORS.get(issues)
  if (byTab === undefined) {
    byTab = new Map()
    COLLECTORS.set(issues, byTab)
  }
  let add = byTab.get(tab)
  if (add === undefined) {
    add = collector(tab, issues)
    byTab.set(tab, add)
  }
  return add
}

/** A date after today: an error for facts (birth, consent, closure), a warning for logged work. */
function notInFuture(add: Add, field: string, date: IsoDate | undefined, today: IsoDate, severity: Severity): void {
  if (date !== undefined && date > today) add(field, 'date_in_future', {}, severity)
}

/** Worker columns name a known staff member; an inactive one is worth a warning on open cases only. */
function checkWorker(add: Add, worker: string, ctx: ValidationContext, warnInactive: boolean): void {
  if (ctx.staff.size === 0) return
  const member = ctx.staff.get(staffKey(worker))
  if (member === undefined) add('worker', 'worker_unknown')
  else if (!member.active && warnInactive) add('worker', 'worker_inactive')
}

/**
 * The consent gate (domain.md "Case": consent required before any assessment, goal or session is
 * accepted): the case exists, has a consent date, and `date` is not before it. Returns the case.
 */
function checkCaseAndConsent(
  add: Add,
  caseId: string,
  dateField: string,
  date: IsoDate,
  ctx: ValidationContext,
): Case | undefined {
  const theCase = ctx.cases.get(caseId)
  if (theCase === undefined) {
    add('case_id', 'case_not_found', { case_id: caseId })
    return undefined
  }
  if (theCase.consent_date === undefined) add(dateField, 'consent_missing', { case_id: caseId })
  else if (date < theCase.consent_date) add(dateField, 'before_consent', { case_id: caseId })
  return theCase
}

function validateCase(row: Case, ctx: ValidationContext, add: Add): void {
  notInFuture(add, 'birth_date', row.birth_date, ctx.today, 'error')
  notInFuture(add, 'referral_date', row.referral_date, ctx.today, 'error')
  notInFuture(add, 'consent_date', row.consent_date, ctx.today, 'error')
  notInFuture(add, 'closed_date', row.closed_date, ctx.today, 'error')
  if (row.status !== 'aktif') {
    for (const field of ['closed_date', 'closure_reason', 'referred_to'] as const) {
      if (row[field] === undefined) add(field, 'closure_required')
    }
  }
  if (!ctx.lists.cluster.includes(row.cluster)) add('cluster', 'not_in_list', { list: 'cluster' })
  checkWorker(add, row.worker, ctx, row.status === 'aktif')
  // Issue 9 point 1: a termination event sets nothing by itself, but a case at `terminasi` without
  // one is flagged (a warning: the case still counts), here and in the due list (due-tasks.ts).
  if (row.stage === 'terminasi' && !ctx.terminated.has(row.case_id)) {
    add('stage', 'termination_event_missing', { case_id: row.case_id })
  }
}

/**
 * A withdrawal (withdrawal.ts) takes a date and a reason; the date is a fact, not in the future.
 * Returns true when the row is withdrawn: it counts in nothing any more, so the cross-row rules
 * (case, consent, goal, worker) are not applied — a message asking to fix a row that was taken
 * back would be noise. Its own cells and row rules are still checked.
 */
function checkWithdrawal(add: Add, row: WithdrawalFields, today: IsoDate): boolean {
  const date = row.withdrawn_date ?? undefined
  const reason = row.withdrawn_reason ?? undefined
  if (date !== undefined && reason === undefined) add('withdrawn_reason', 'withdrawal_incomplete')
  if (date === undefined && reason !== undefined) add('withdrawn_date', 'withdrawal_incomplete')
  notInFuture(add, 'withdrawn_date', date, today, 'error')
  return isWithdrawn(row)
}

function validateAssessment(row: Assessment, ctx: ValidationContext, add: Add): void {
  notInFuture(add, 'date', row.date, ctx.today, 'warning')
  const allowed = TOOL_DOMAINS[row.tool]
  if (allowed !== null) {
    if (row.domain === undefined) add('domain', 'domain_required', { tool: row.tool })
    else if (!allowed.includes(row.domain)) add('domain', 'domain_not_allowed', { tool: row.tool, options: allowed })
  }
  if (checkWithdrawal(add, row, ctx.today)) return
  checkCaseAndConsent(add, row.case_id, 'date', row.date, ctx)
  checkWorker(add, row.worker, ctx, false)
}

function validateGoal(row: Goal, ctx: ValidationContext, add: Add): void {
  if (row.milestones !== undefined) {
    const parsed = parseMilestones(row.milestones)
    const last = parsed.ok ? parsed.value[parsed.value.length - 1] : undefined
    if (last !== undefined && last.count > row.target_count) add('milestones', 'milestones_exceed_target')
    if (last !== undefined && last.day > row.duration_days) add('milestones', 'milestones_exceed_duration')
  }
  checkCaseAndConsent(add, row.case_id, 'start_date', row.start_date, ctx)
}

/** Last working day of each goal per context, computed once per goal rather than per session. */
const GOAL_ENDS = new WeakMap<ValidationContext, Map<Goal, number>>()
function goalEnd(goal: Goal, ctx: ValidationContext): number {
  let ends = GOAL_ENDS.get(ctx)
  if (ends === undefined) {
    ends = new Map()
    GOAL_ENDS.set(ctx, ends)
  }
  let end = ends.get(goal)
  if (end === undefined) {
    end = lastWorkingSerial(ctx.calendar, isoToSerial(goal.start_date), goal.duration_days)
    ends.set(goal, end)
  }
  return end
}

function validateSession(row: Session, ctx: ValidationContext, add: Add): void {
  if (row.rating === undefined && row.assistance === undefined) add('assistance', 'assistance_required')
  notInFuture(add, 'date', row.date, ctx.today, 'warning')
  if (checkWithdrawal(add, row, ctx.today)) return
  const theCase = checkCaseAndConsent(add, row.case_id, 'date', row.date, ctx)
  // A closed case keeps the sessions logged while it was open (up to its closed date); only new
  // work after closure is refused, so closing a case never wipes its progress.
  if (
    theCase !== undefined &&
    theCase.status !== 'aktif' &&
    (theCase.closed_date === undefined || row.date > theCase.closed_date)
  ) {
    add('case_id', 'case_not_active', { case_id: row.case_id })
  }
  const goal = ctx.goals.get(row.goal_id)
  if (goal === undefined) {
    add('goal_id', 'goal_not_found', { goal_id: row.goal_id })
  } else {
    if (goal.case_id !== row.case_id)
      add('goal_id', 'goal_case_mismatch', { goal_id: row.goal_id, case_id: row.case_id })
    if (row.date < goal.start_date) add('date', 'before_goal_start', { goal_id: row.goal_id })
    else {
      const end = goalEnd(goal, ctx)
      if (isoToSerial(row.date) > end) add('date', 'after_goal_end', { goal_id: row.goal_id, date: serialToIso(end) })
    }
  }
  checkWorker(add, row.worker, ctx, false)
}

/** Kinds of case event that need informed consent first (issue 9 point 1). */
const CONSENT_EVENTS: ReadonlySet<CaseEvent['kind']> = new Set(['contract', 'case_conference'])

/** The items of a participants cell: comma- or semicolon-separated, normalised like codes. */
export const participantRoles = (text: string): string[] =>
  text
    .split(/[,;]/)
    .map((item) => normalizeCode(item))
    .filter((item) => item !== '')

/**
 * Case events (issue 9 point 1). A contract or case conference only after consent (the consent
 * gate of domain.md "Case"); other kinds (a home visit during engagement, a referral) need only
 * the case. After a case is closed only a `follow_up` may be recorded: other kinds keep the
 * closed-date rule of sessions (domain.md "Session": on or before the closed date). A referral
 * names where. Participants are roles from the `participant_role` list, never names.
 */
function validateEvent(row: CaseEvent, ctx: ValidationContext, add: Add): void {
  notInFuture(add, 'date', row.date, ctx.today, 'warning')
  if (row.next_date !== undefined && row.next_date < row.date) add('next_date', 'next_date_before_date')
  if (row.kind === 'referral' && row.referred_to === undefined) add('referred_to', 'referral_target_required')
  if (row.participants !== undefined) {
    const allowed = ctx.lists.participant_role
    if (participantRoles(row.participants).some((role) => !allowed.includes(role))) {
      add('participants', 'participant_not_role', { options: allowed.slice(0, 6) })
    }
  }
  const theCase = CONSENT_EVENTS.has(row.kind)
    ? checkCaseAndConsent(add, row.case_id, 'date', row.date, ctx)
    : ctx.cases.get(row.case_id)
  if (theCase === undefined) {
    if (!CONSENT_EVENTS.has(row.kind)) add('case_id', 'case_not_found', { case_id: row.case_id })
  } else if (
    row.kind !== 'follow_up' &&
    theCase.status !== 'aktif' &&
    (theCase.closed_date === undefined || row.date > theCase.closed_date)
  ) {
    add('date', 'event_after_closure', { case_id: row.case_id })
  }
  checkWorker(add, row.worker, ctx, false)
}

/**
 * Supervisor feedback (issue 9 point 2). It is about a goal, session, assessment or event of its
 * own case; `approve` fits goals only (the plan is what a coordinator approves), `revise` and
 * `comment` fit all four and need a note. Only an active coordinator or admin gives feedback —
 * for rows typed into the sheet as for the API. Resolving takes a date and a reply.
 */
function validateFeedback(row: Feedback, ctx: ValidationContext, add: Add): void {
  notInFuture(add, 'date', row.date, ctx.today, 'warning')
  if (!ctx.cases.has(row.case_id)) add('case_id', 'case_not_found', { case_id: row.case_id })
  const target = ctx.targets.get(row.target)
  if (target === undefined) add('target', 'target_not_found', { target: row.target })
  else {
    if (target.case_id !== row.case_id)
      add('target', 'target_case_mismatch', { target: row.target, case_id: row.case_id })
    if (row.kind === 'approve' && target.tab !== 'goals') add('kind', 'approve_goal_only')
  }
  if (row.kind !== 'approve' && row.text === undefined) add('text', 'feedback_text_required')
  if (ctx.staff.size > 0) {
    const member = ctx.staff.get(staffKey(row.from))
    if (member === undefined || !member.active || member.role === 'worker') add('from', 'from_not_supervisor')
  }
  if (row.resolved_date !== undefined) {
    if (row.reply === undefined) add('reply', 'reply_required')
    if (row.resolved_date < row.date) add('resolved_date', 'resolved_before_feedback')
    notInFuture(add, 'resolved_date', row.resolved_date, ctx.today, 'error')
  }
}

function validateStaff(row: StaffMember, ctx: ValidationContext, add: Add): void {
  if (row.cluster !== undefined && !ctx.lists.cluster.includes(row.cluster)) {
    add('cluster', 'not_in_list', { list: 'cluster' })
  }
}

/**
 * Row and cross-row rules for one decoded row (everything but id uniqueness). Returns all
 * issues of the row; warnings leave the row valid.
 */
export function validateRow<K extends TabKey>(tab: K, row: RowOf<K>, ctx: ValidationContext): Issue[] {
  const issues: Issue[] = []
  applyRules(tab, row, ctx, collector(tab, issues))
  return issues
}

/**
 * {@link validateRow} appending to `issues`; a reused array costs no allocation per valid row
 * (whole-sheet loops pass one scratch array and copy it only when something was found).
 */
export function validateRowInto<K extends TabKey>(
  tab: K,
  row: RowOf<K>,
  ctx: ValidationContext,
  issues: Issue[],
): void {
  applyRules(tab, row, ctx, collectorFor(tab, issues))
}

function applyRules<K extends TabKey>(tab: K, row: RowOf<K>, ctx: ValidationContext, add: Add): void {
  switch (tab) {
    case 'cases':
      validateCase(row as RowOf<'cases'>, ctx, add)
      break
    case 'assessments':
      validateAssessment(row as RowOf<'assessments'>, ctx, add)
      break
    case 'goals':
      validateGoal(row as RowOf<'goals'>, ctx, add)
      break
    case 'sessions':
      validateSession(row as RowOf<'sessions'>, ctx, add)
      break
    case 'events':
      validateEvent(row as RowOf<'events'>, ctx, add)
      break
    case 'feedback':
      validateFeedback(row as RowOf<'feedback'>, ctx, add)
      break
    case 'staff':
      validateStaff(row as RowOf<'staff'>, ctx, add)
      break
    default:
      // settings and lists rows have no rules beyond their cells.
      break
  }
}
