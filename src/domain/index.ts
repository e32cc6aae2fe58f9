/**
 * @module
 * The pure domain of sentra-casebook: row schemas and column metadata, cell codecs, validation
 * rules, working-day calendar, Task Achievement Scale, case T-score and assessment coverage; case
 * events, supervisor feedback and the approval states, the dashboard and what is due.
 * No I/O, no clock, no randomness: `today`/`asOf` and ids are passed in. Imports only zod.
 */

export type { AssessmentCoverage, DomainCoverage } from './assessment-coverage'
export { assessmentCoverage } from './assessment-coverage'
export type { Assessment } from './assessment-row'
export { AssessmentSchema } from './assessment-row'
export type { Case } from './case-row'
export { CaseSchema } from './case-row'
export type { CellValue, RawCell } from './cell-codecs'
export { cellIssue, decodeCell, encodeCell } from './cell-codecs'
export type { ColumnKind, ColumnMeta, ColumnSpec, Owner } from './columns'
export { COLUMN_META } from './columns'
export type {
  CaseloadRow,
  ClusterServiceMatrix,
  Dashboard,
  DashboardCase,
  DashboardInput,
  DashboardSession,
  DashboardStaff,
  DashboardSummary,
  GoalBehind,
  GoalCounts,
  GoalCurve,
  LevelCount,
  StaleFeedback,
} from './dashboard'
export {
  buildDashboard,
  CASELOAD_CHART_ROWS,
  caseloadChart,
  DASHBOARD_BLOCKS,
  DASHBOARD_TITLE,
  DASHBOARD_VARIABLE_ROW,
  dashboardGrid,
  displayCode,
  GOAL_ROWS,
  isoWeek,
  levelRowLabel,
} from './dashboard'
export type { Decoded, InputOf, RawRecord } from './decode-row'
export { decodeInput, decodeRow } from './decode-row'
export type { CaseEvent } from './event-row'
export { EventSchema } from './event-row'
export type { Feedback, FeedbackTargetTab } from './feedback-row'
export { FEEDBACK_TARGET_TABS, FeedbackSchema } from './feedback-row'
export type { ApprovalState, FeedbackInput, GoalApproval } from './feedback-state'
export {
  APPROVAL_LABELS,
  APPROVAL_STATES,
  FEEDBACK_STALE_DAYS,
  feedbackAge,
  goalApproval,
  goalApprovals,
  isOpenFeedback,
  openFeedback,
} from './feedback-state'
export type { Goal } from './goal-row'
export { GoalSchema } from './goal-row'
export type { DataTabKey } from './ids'
export { DATA_TABS, formatId, ID_COLUMNS, ID_PREFIXES, isIdOf, LATER_DATA_TABS, parseIdNumber } from './ids'
export type { IsoDate } from './iso-date'
export {
  addDays,
  compareIso,
  isoToSerial,
  isValidIsoDate,
  serialToIso,
  serialWeekday,
  weekday,
} from './iso-date'
export type { Bilingual, Issue, IssueCode, IssueParams, Lang, Severity } from './issues'
export { formatStatus, hasErrors, ISSUE_CODES, issueMessage, MAX_STATUS_LENGTH, makeIssue } from './issues'
export type {
  AssessmentMethod,
  Assistance,
  CaseStatus,
  EventKind,
  FeedbackKind,
  GoalMethod,
  ListName,
  Lists,
  Role,
  Service,
  Sex,
  Source,
  Stage,
  Tool,
} from './lists'
export {
  ASSESSMENT_METHODS,
  ASSISTANCE_LEVELS,
  BPSS_DOMAINS,
  CASE_STATUSES,
  CLUSTERS,
  DEFAULT_LISTS,
  EVENT_KINDS,
  EXTENSIBLE_LISTS,
  FEEDBACK_KINDS,
  GOAL_METHODS,
  ILS_DOMAINS,
  isExtensibleList,
  LIST_NAMES,
  PARTICIPANT_ROLES,
  ROLES,
  SALEEBEY_DOMAINS,
  SERVICES,
  SEXES,
  SOURCES,
  STAGES,
  TOOL_DOMAINS,
  TOOLS,
} from './lists'
export type { ListsRow } from './lists-row'
export { listsFromRows } from './lists-row'
export type { LogColumn, LogColumnKey, LogColumnKind, LogEntry, LogEvent } from './log-tab'
export {
  boundText,
  compactIds,
  compactNames,
  FAILURE_LABELS,
  LOG_COLUMNS,
  LOG_TITLE,
  logRowCells,
  MAX_LOG_TEXT,
  SYSTEM_LOG_ACTOR,
} from './log-tab'
export type { Milestone } from './milestones'
export { formatMilestones, parseMilestones } from './milestones'
export type {
  ProgressCase,
  ProgressColumn,
  ProgressColumnKey,
  ProgressColumnKind,
  ProgressGoal,
  ProgressInput,
  ProgressRow,
  ProgressSession,
} from './progress-tab'
export {
  buildProgressRows,
  compareIds,
  dayMonthYear,
  GOAL_STATUS_LABELS,
  LATER_PROGRESS_KEYS,
  MILESTONE_STATUS_LABELS,
  milestoneText,
  nextMilestone,
  PROGRESS_COLUMNS,
  progressRowCells,
  progressRowValues,
} from './progress-tab'
export type { Result } from './result'
export { err, ok } from './result'
export type { Session } from './session-row'
export { SessionSchema } from './session-row'
export type { Holiday } from './settings-row'
export { HolidaySchema } from './settings-row'
export type { StaffMember } from './staff-row'
export { StaffSchema } from './staff-row'
export type { TScoreGoal } from './t-score'
export { caseTScore } from './t-score'
export type { RowOf, TabKey, TableSpec } from './tables'
export { COLUMN_BY_KEY, columnOf, STATUS_COLUMN, STATUS_KEY, TAB_KEYS, TABLES } from './tables'
export type {
  CurvePoint,
  GoalInput,
  GoalProgress,
  GoalProgressInput,
  GoalStatus,
  MilestoneProgress,
  MilestoneStatus,
  SessionInput,
  TaskProgress,
  TaskRating,
} from './task-achievement'
export {
  goalProgress,
  goalsProgress,
  goalsProgressAndCurves,
  levelLabel,
  levelLabelEn,
  milestoneCurve,
  milestoneCurves,
  sessionRating,
} from './task-achievement'
export type { TypingVerdict } from './typing-delay'
export { missingRequired, TYPING_DELAY_MS, typingVerdict } from './typing-delay'
export { participantRoles, validateRow } from './validate-row'
export type { RawSnapshot, RowReport, SnapshotReport } from './validate-snapshot'
export { validateSnapshot } from './validate-snapshot'
export type { FeedbackTarget, ValidationContext, ValidationContextInput } from './validation-context'
export { buildValidationContext, staffKey } from './validation-context'
export type { WithdrawalFields, WithdrawalKey } from './withdrawal'
export { isWithdrawn, WITHDRAWAL_KEYS } from './withdrawal'
export type { CalendarSource, WorkingCalendar } from './working-days'
export {
  calendarOf,
  countWorkingDays,
  firstWorkingDay,
  isWorkingDay,
  lastWorkingDay,
  prepareCalendar,
  workingDayDate,
  workingDayNumber,
} from './working-days'
