/**
 * @module
 * zod descriptions of the answers that are not sheet rows (progress, coverage, sync, health,
 * problems), for the OpenAPI document only — requests are validated by the domain schemas. Each
 * is annotated with the contract type it describes, so a field added to or renamed in the
 * contract fails type-checking here instead of silently drifting from the docs. Built on first
 * use (the OpenAPI document is built once per isolate), so they cost nothing at Worker startup.
 */
import * as z from 'zod'
import {
  APPROVAL_STATES,
  type AssessmentCoverage,
  AssessmentSchema,
  CASE_STATUSES,
  CaseSchema,
  type CurvePoint,
  type DashboardSummary,
  type DomainCoverage,
  EventSchema,
  FEEDBACK_KINDS,
  FeedbackSchema,
  type GoalApproval,
  GoalSchema,
  type MilestoneProgress,
  SERVICES,
  SessionSchema,
  STAGES,
  type TaskProgress,
} from '../../domain'
import type {
  CaseDetail,
  CaseFeedback,
  CaseProgress,
  CaseSummary,
  GoalProgressView,
  Health,
  RowDetail,
  RowPatchAnswer,
  SyncReport,
  SyncState,
  SyncStatus,
} from '../../ledger/contract'
import type { SheetAccessAnswer } from '../sheet-access'

/** Builds the answer schemas; call through {@link responseSchemas}. */
function buildResponseSchemas() {
  const isoDate = z.iso.date()
  const count = z.int().nonnegative()

  const SyncStateSchema: z.ZodType<SyncState> = z
    .enum(['synced', 'pending'])
    .meta({ description: 'synced = the row is in the sheet; pending = durably queued, written on the next flush.' })

  const TaskProgressSchema: z.ZodType<TaskProgress> = z.object({
    task: z.string().meta({ description: 'Trimmed name of the first session of the task.' }),
    rating: z.union([z.int().min(0).max(4), z.literal('N')]).meta({ description: 'Rating as of as_of (0–4 or N).' }),
    mastered: z.boolean(),
    sessions: count.meta({ description: 'Sessions of this task dated on or before as_of.' }),
    last_date: isoDate,
  })

  const MilestoneProgressSchema: z.ZodType<MilestoneProgress> = z.object({
    day: z.int().positive().meta({ description: 'Working day n of the goal.' }),
    date: isoDate,
    target: count.meta({ description: 'Tasks to be mastered by then.' }),
    mastered: count.meta({ description: 'Tasks mastered as of min(date, as_of).' }),
    status: z.enum(['met', 'missed', 'pending']),
  })

  const GoalApprovalSchema: z.ZodType<GoalApproval> = z
    .object({
      goal_id: z.string(),
      state: z.enum(APPROVAL_STATES).meta({
        description:
          'not_reviewed (no approve/revise yet), revision_requested, revised (resolved by the worker, awaiting approval), approved.',
      }),
      feedback_id: z.string().nullable().meta({ description: 'The approve or revise feedback that decided it.' }),
      date: isoDate.nullable(),
      from: z.string().nullable(),
    })
    .meta({ description: "A goal's plan approval as of as_of, derived from the Feedback rows alone." })

  const GoalProgressSchema: z.ZodType<GoalProgressView> = z
    .object({
      goal_id: z.string(),
      case_id: z.string(),
      as_of: isoDate,
      target_count: z.int().positive(),
      mastery_level: z.int().min(0).max(4),
      success_level: z.int().min(0).max(4),
      tasks: z.array(TaskProgressSchema),
      rating_sum: count,
      mean: z.number().meta({ description: 'rating_sum / effective target, 2 decimals.' }),
      level: z.int().min(0).max(4).meta({ description: 'Task Achievement Scale level: mean rounded half up.' }),
      label: z.string().meta({ description: 'Indonesian label of the level, e.g. "Sebagian Tercapai".' }),
      percent: z
        .number()
        .min(0)
        .max(100)
        .meta({ description: 'rating_sum / (4 × effective target) × 100, 1 decimal.' }),
      success: z.boolean().meta({ description: 'level ≥ success_level.' }),
      milestones: z.array(MilestoneProgressSchema),
      status: z.enum(['not_started', 'on_track', 'behind', 'completed']),
      last_session: isoDate.nullable(),
      approval: GoalApprovalSchema,
    })
    .meta({
      description:
        'Progress of one goal on the Task Achievement Scale as of a date (domain.md), with its plan approval.',
    })

  const CaseProgressSchema: z.ZodType<CaseProgress> = z.object({
    case_id: z.string(),
    as_of: isoDate,
    goals: z.array(GoalProgressSchema),
    t_score: z
      .number()
      .nullable()
      .meta({ description: 'Goal Attainment Scaling T-score (50 = as planned); null without goals.' }),
  })

  const DomainCoverageSchema: z.ZodType<DomainCoverage> = z.object({
    domain: z.string(),
    covered: z.boolean(),
    assessments: count,
    sources: z.array(AssessmentSchema.shape.source),
    triangulated: z.boolean().meta({ description: 'Findings from at least 2 distinct sources.' }),
  })

  const AssessmentCoverageSchema: z.ZodType<AssessmentCoverage> = z.object({
    case_id: z.string(),
    bpss: z.array(DomainCoverageSchema),
    ils: z.array(DomainCoverageSchema),
    complete: z.boolean(),
    triangulated: z.boolean(),
  })

  const CaseSummarySchema: z.ZodType<CaseSummary> = CaseSchema.extend({
    sync: SyncStateSchema,
    etag: z.string(),
  })

  const CaseDetailSchema: z.ZodType<CaseDetail> = z.object({
    case: CaseSchema,
    etag: z.string().meta({ description: 'Version of the case row; also sent as the ETag header.' }),
    sync: SyncStateSchema,
    goals: z.array(GoalSchema),
    progress: CaseProgressSchema,
  })

  const CasePatchResultSchema = z.object({ case: CaseSchema, etag: z.string() })

  const etag = z.string().meta({ description: 'Version of the row; also sent as the ETag header.' })
  const withdrawn = z.boolean().meta({ description: 'True when the row carries withdrawn_date and withdrawn_reason.' })
  const SessionDetailSchema: z.ZodType<RowDetail<'sessions'>> = z.object({
    row: SessionSchema,
    etag,
    sync: SyncStateSchema,
    withdrawn,
  })
  const AssessmentDetailSchema: z.ZodType<RowDetail<'assessments'>> = z.object({
    row: AssessmentSchema,
    etag,
    sync: SyncStateSchema,
    withdrawn,
  })
  const SessionPatchResultSchema: z.ZodType<RowPatchAnswer<'sessions'>> = z.object({
    row: SessionSchema,
    etag,
    withdrawn,
  })
  const AssessmentPatchResultSchema: z.ZodType<RowPatchAnswer<'assessments'>> = z.object({
    row: AssessmentSchema,
    etag,
    withdrawn,
  })

  const FeedbackDetailSchema: z.ZodType<RowDetail<'feedback'>> = z.object({
    row: FeedbackSchema,
    etag,
    sync: SyncStateSchema,
    withdrawn: z.literal(false).meta({ description: 'Feedback is never withdrawn.' }),
  })
  const FeedbackPatchResultSchema: z.ZodType<RowPatchAnswer<'feedback'>> = z.object({
    row: FeedbackSchema,
    etag,
    withdrawn: z.literal(false),
  })
  const EventListSchema = z.object({ events: z.array(EventSchema) })
  const CaseFeedbackSchema: z.ZodType<CaseFeedback> = z.object({
    case_id: z.string(),
    as_of: isoDate,
    feedback: z.array(
      FeedbackSchema.extend({
        open: z.boolean().meta({ description: 'A revise or comment not resolved as of as_of.' }),
      }),
    ),
    approvals: z.array(GoalApprovalSchema),
  })

  const CurvePointSchema: z.ZodType<CurvePoint> = z.object({
    day: z.int().positive(),
    date: isoDate,
    planned: count.meta({ description: 'Tasks the milestones expect mastered by this working day.' }),
    mastered: count.nullable().meta({ description: 'Tasks mastered as of this day; null after as_of.' }),
  })
  const caseloadRow = z.object({ worker: z.string(), active_cases: count, sessions_this_week: count })
  const DashboardSchema: z.ZodType<DashboardSummary> = z
    .object({
      as_of: isoDate,
      week: z.object({ start: isoDate, end: isoDate }),
      active_cases: count,
      by_cluster_service: z.object({
        clusters: z.array(z.string()),
        services: z.array(z.enum(SERVICES)),
        counts: z.array(z.array(count)),
        cluster_totals: z.array(count),
        service_totals: z.array(count),
        total: count,
      }),
      by_stage: z.array(z.object({ stage: z.enum(STAGES), count, reached: count })),
      by_status: z.array(z.object({ status: z.enum(CASE_STATUSES), count })),
      caseload: z.array(caseloadRow),
      caseload_chart: z.array(caseloadRow).meta({
        description: 'The caseload as the sheet chart block holds it: at most 30 rows, the rest summed into "lainnya".',
      }),
      goals: z.object({ on_track: count, behind: count, completed: count, not_started: count, total: count }),
      tas_levels: z.array(z.object({ level: z.int().min(0).max(4), label: z.string(), count })),
      approvals: z.object({ not_reviewed: count, revision_requested: count, revised: count, approved: count }),
      sessions_this_week: count,
      goals_behind: z.array(
        z.object({
          goal_id: z.string(),
          case_id: z.string(),
          initials: z.string(),
          worker: z.string(),
          title: z.string(),
          missed: count,
          mastered: count,
          target_count: count,
          level: z.int().min(0).max(4),
        }),
      ),
      open_feedback: count,
      feedback_stale: z.array(
        z.object({
          feedback_id: z.string(),
          case_id: z.string(),
          initials: z.string(),
          worker: z.string(),
          target: z.string(),
          kind: z.enum(FEEDBACK_KINDS),
          from: z.string(),
          date: isoDate,
          working_days: count,
        }),
      ),
      curves: z.array(
        z.object({ goal_id: z.string(), case_id: z.string(), title: z.string(), points: z.array(CurvePointSchema) }),
      ),
    })
    .meta({ description: 'The coordinator dashboard as of as_of: the same figures as the Dashboard tab.' })

  const CaseListSchema = z.object({ cases: z.array(CaseSummarySchema) })
  const SessionListSchema = z.object({ sessions: z.array(SessionSchema) })
  const AssessmentListSchema = z.object({
    assessments: z.array(AssessmentSchema),
    coverage: AssessmentCoverageSchema,
  })
  const AllProgressSchema = z.object({ as_of: isoDate, goals: z.array(GoalProgressSchema) })

  const SyncReportSchema: z.ZodType<SyncReport> = z
    .object({
      rows_read: count,
      rows_invalid: count,
      ids_assigned: count,
      cells_written: count,
      google_calls: count,
      duration_ms: z.number().nonnegative(),
    })
    .meta({ description: 'api.md "Sync report".' })

  const SheetAccessSchema: z.ZodType<SheetAccessAnswer> = z
    .object({
      code: z.enum(['sheet_not_shared', 'sheets_api_disabled', 'token_scopes']),
      spreadsheet_id: z.string(),
      service_account: z.string().nullable().meta({ description: 'The address to share the spreadsheet with.' }),
      message: z.string().meta({ description: 'What to do, Indonesian or English.' }),
    })
    .meta({ description: 'Google refuses the service account (403) until a person fixes this.' })

  const SyncStatusSchema: z.ZodType<SyncStatus> = z.object({
    last_sync_at: z.string().nullable(),
    last_sync: SyncReportSchema.nullable(),
    last_sync_trigger: z.enum(['cron', 'api', 'webhook', 'startup']).nullable(),
    outbox: count,
    outbox_uncertain: count.meta({ description: 'Rows to check in the sheet before re-sending (ambiguous failure).' }),
    next_retry_at: z.string().nullable(),
    last_upstream_error: z.object({ kind: z.string(), at: z.string() }).nullable(),
    problem: SheetAccessSchema.exactOptional(),
    layout_warnings: z
      .array(z.object({ tab: z.string(), key: z.string().exactOptional(), problem: z.string() }))
      .exactOptional()
      .meta({
        description:
          'Tabs or columns the sheet lacks without stopping the sync (e.g. Events in a sheet from an earlier template); writes to them answer 503 until scripts/provision.ts --upgrade adds them.',
      }),
  })

  const HealthSchema: z.ZodType<Health> = z.object({
    ok: z.literal(true),
    sheet: z.enum(['reachable', 'unreachable']),
    outbox: count,
    problem: SheetAccessSchema.exactOptional(),
  })

  /** A created row as answered by the POSTs: the stored row plus its sync state. */
  const withSync = <S extends z.ZodObject>(row: S) => row.extend({ sync: SyncStateSchema })

  const ProblemSchema = z
    .object({
      type: z.string().meta({ description: 'A reference to the docs section explaining the problem.' }),
      title: z.string(),
      status: z.int(),
      detail: z.string(),
      errors: z.array(
        z.object({
          pointer: z.string().meta({ description: 'JSON pointer to the field, e.g. /date.' }),
          code: z.string().meta({ description: 'Machine code of the domain issue, e.g. invalid_date.' }),
          message: z.string().meta({ description: 'What to fix, Indonesian or English.' }),
        }),
      ),
      request_id: z.string(),
      sheet_problems: z
        .array(z.object({ tab: z.string(), key: z.string().optional(), problem: z.string() }))
        .optional(),
    })
    .meta({ description: 'RFC 9457 problem details; messages in Indonesian unless Accept-Language prefers en.' })
  return {
    SyncStateSchema,
    TaskProgressSchema,
    MilestoneProgressSchema,
    GoalProgressSchema,
    CaseProgressSchema,
    AssessmentCoverageSchema,
    CaseSummarySchema,
    CaseDetailSchema,
    CasePatchResultSchema,
    SessionDetailSchema,
    AssessmentDetailSchema,
    SessionPatchResultSchema,
    AssessmentPatchResultSchema,
    FeedbackDetailSchema,
    FeedbackPatchResultSchema,
    EventListSchema,
    CaseFeedbackSchema,
    DashboardSchema,
    CaseListSchema,
    SessionListSchema,
    AssessmentListSchema,
    AllProgressSchema,
    SyncReportSchema,
    SyncStatusSchema,
    HealthSchema,
    withSync,
    ProblemSchema,
  }
}

let built: ReturnType<typeof buildResponseSchemas> | undefined

/** The answer schemas, built once. */
export const responseSchemas = (): ReturnType<typeof buildResponseSchemas> => {
  built ??= buildResponseSchemas()
  return built
}
