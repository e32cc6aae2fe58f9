/**
 * @module
 * The OpenAPI 3.1 document of api.md, generated from the same zod schemas that validate the rows
 * (z.toJSONSchema, `io: 'input'` for requests and `'output'` for answers) plus the column labels
 * of the domain (`x-label` in Indonesian and English, `x-owner`). {@link OPERATIONS} is the one
 * list of routes: the docs page renders it and a test checks the app serves exactly these.
 */
import * as z from 'zod'
import { type DataTabKey, ID_COLUMNS, TABLES } from '../../domain'
import type { Role } from '../../ledger/contract'
import {
  ACCESS_TEXT,
  FIELD_ACCESS,
  type FieldAccess,
  hasWorkerField,
  type PatchTab,
  ROLES_OF_ACCESS,
} from '../field-rules'
import { type HttpProblem, PROBLEM_CATALOGUE, toProblem } from '../problem'
import { responseSchemas } from './response-schemas'

type Json = Record<string, unknown>

export type Operation = {
  readonly method: 'get' | 'post' | 'patch'
  readonly path: string
  readonly operationId: string
  readonly tag: 'health' | 'cases' | 'rows' | 'progress' | 'supervision' | 'sync' | 'docs'
  readonly summary: { readonly id: string; readonly en: string }
  /** Roles allowed; `public` when no token is needed. */
  readonly who: readonly Role[] | 'public'
  readonly params?: readonly string[]
  /** A new row of this tab, or a patch of a case, session or assessment. */
  readonly body?: DataTabKey | PatchBody
  readonly idempotent?: boolean
  /** Success status → component schema name. */
  readonly ok: Readonly<Record<number, string>>
  readonly problems?: readonly number[]
  readonly webhook?: boolean
}

/** The request bodies of the PATCHes, the tab each changes and its schema's name. */
export type PatchBody = 'case_patch' | 'session_patch' | 'assessment_patch' | 'feedback_patch'
const PATCH_BODIES: Readonly<Record<PatchBody, { readonly tab: PatchTab; readonly schema: string }>> = {
  case_patch: { tab: 'cases', schema: 'CasePatch' },
  session_patch: { tab: 'sessions', schema: 'SessionPatch' },
  assessment_patch: { tab: 'assessments', schema: 'AssessmentPatch' },
  feedback_patch: { tab: 'feedback', schema: 'FeedbackPatch' },
}
const isPatch = (body: Operation['body']): body is PatchBody => body !== undefined && Object.hasOwn(PATCH_BODIES, body)

const ALL: readonly Role[] = ['worker', 'coordinator', 'admin']
const WIDE: readonly Role[] = ['coordinator', 'admin']
const WRITE_PROBLEMS = [400, 401, 403, 409, 413, 415, 422, 503]
const READ_PROBLEMS = [400, 401, 403, 404]
const PATCH_PROBLEMS = [400, 401, 403, 404, 412, 413, 415, 422, 428, 503]

/** Every route of api.md this Worker serves. */
export const OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    tag: 'health',
    summary: { id: 'Kesehatan layanan dan antrean', en: 'Service health and outbox depth' },
    who: 'public',
    ok: { 200: 'Health' },
  },
  {
    method: 'get',
    path: '/api/cases',
    operationId: 'listCases',
    tag: 'cases',
    summary: { id: 'Daftar kasus (peksos: kasus sendiri)', en: 'List cases (workers: their own)' },
    who: ALL,
    params: ['status', 'worker', 'cluster'],
    ok: { 200: 'CaseList' },
    problems: [400, 401],
  },
  {
    method: 'post',
    path: '/api/cases',
    operationId: 'createCase',
    tag: 'cases',
    summary: { id: 'Daftarkan kasus baru', en: 'Register a new case' },
    who: WIDE,
    body: 'cases',
    idempotent: true,
    ok: { 201: 'CaseCreated', 202: 'CaseCreated' },
    problems: WRITE_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/cases/{case_id}',
    operationId: 'getCase',
    tag: 'cases',
    summary: { id: 'Kasus dengan tujuan dan capaiannya (ETag)', en: 'A case with its goals and progress (ETag)' },
    who: ALL,
    params: ['case_id', 'as_of'],
    ok: { 200: 'CaseDetail' },
    problems: READ_PROBLEMS,
  },
  {
    method: 'patch',
    path: '/api/cases/{case_id}',
    operationId: 'patchCase',
    tag: 'cases',
    summary: {
      id: 'Ubah sebagian kolom kasus (If-Match wajib)',
      en: 'Change some fields of a case (If-Match required)',
    },
    who: ALL,
    params: ['case_id', 'If-Match'],
    body: 'case_patch',
    ok: { 200: 'CasePatchResult' },
    problems: PATCH_PROBLEMS,
  },
  {
    method: 'post',
    path: '/api/assessments',
    operationId: 'createAssessment',
    tag: 'rows',
    summary: { id: 'Catat temuan asesmen', en: 'Record an assessment finding' },
    who: ALL,
    body: 'assessments',
    idempotent: true,
    ok: { 201: 'AssessmentCreated', 202: 'AssessmentCreated' },
    problems: WRITE_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/assessments/{assessment_id}',
    operationId: 'getAssessment',
    tag: 'rows',
    summary: { id: 'Satu baris asesmen dan versinya (ETag)', en: 'One assessment row and its version (ETag)' },
    who: ALL,
    params: ['assessment_id'],
    ok: { 200: 'AssessmentDetail' },
    problems: [401, 403, 404],
  },
  {
    method: 'patch',
    path: '/api/assessments/{assessment_id}',
    operationId: 'patchAssessment',
    tag: 'rows',
    summary: {
      id: 'Koreksi atau tarik baris asesmen (If-Match wajib)',
      en: 'Correct or withdraw an assessment row (If-Match required)',
    },
    who: ALL,
    params: ['assessment_id', 'If-Match'],
    body: 'assessment_patch',
    ok: { 200: 'AssessmentPatchResult' },
    problems: PATCH_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/cases/{case_id}/assessments',
    operationId: 'listAssessments',
    tag: 'rows',
    summary: { id: 'Asesmen kasus dan cakupan/triangulasi', en: "A case's assessments with coverage/triangulation" },
    who: ALL,
    params: ['case_id'],
    ok: { 200: 'AssessmentList' },
    problems: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/goals',
    operationId: 'createGoal',
    tag: 'rows',
    summary: { id: 'Tambah tujuan rencana intervensi', en: 'Add an intervention-plan goal' },
    who: ALL,
    body: 'goals',
    idempotent: true,
    ok: { 201: 'GoalCreated', 202: 'GoalCreated' },
    problems: WRITE_PROBLEMS,
  },
  {
    method: 'post',
    path: '/api/sessions',
    operationId: 'createSession',
    tag: 'rows',
    summary: { id: 'Catat sesi intervensi', en: 'Log an intervention session' },
    who: ALL,
    body: 'sessions',
    idempotent: true,
    ok: { 201: 'SessionCreated', 202: 'SessionCreated' },
    problems: WRITE_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/sessions/{session_id}',
    operationId: 'getSession',
    tag: 'rows',
    summary: { id: 'Satu baris sesi dan versinya (ETag)', en: 'One session row and its version (ETag)' },
    who: ALL,
    params: ['session_id'],
    ok: { 200: 'SessionDetail' },
    problems: [401, 403, 404],
  },
  {
    method: 'patch',
    path: '/api/sessions/{session_id}',
    operationId: 'patchSession',
    tag: 'rows',
    summary: {
      id: 'Koreksi atau tarik baris sesi (If-Match wajib)',
      en: 'Correct or withdraw a session row (If-Match required)',
    },
    who: ALL,
    params: ['session_id', 'If-Match'],
    body: 'session_patch',
    ok: { 200: 'SessionPatchResult' },
    problems: PATCH_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/cases/{case_id}/sessions',
    operationId: 'listSessions',
    tag: 'rows',
    summary: { id: 'Sesi suatu kasus', en: "A case's sessions" },
    who: ALL,
    params: ['case_id'],
    ok: { 200: 'SessionList' },
    problems: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/goals/{goal_id}/progress',
    operationId: 'goalProgress',
    tag: 'progress',
    summary: {
      id: 'Capaian satu tujuan (Skala Pencapaian Tugas)',
      en: 'Progress of one goal (Task Achievement Scale)',
    },
    who: ALL,
    params: ['goal_id', 'as_of'],
    ok: { 200: 'GoalProgress' },
    problems: READ_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/cases/{case_id}/progress',
    operationId: 'caseProgress',
    tag: 'progress',
    summary: { id: 'Capaian semua tujuan kasus dan skor-T', en: "All of a case's goals and its T-score" },
    who: ALL,
    params: ['case_id', 'as_of'],
    ok: { 200: 'CaseProgress' },
    problems: READ_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/progress',
    operationId: 'allProgress',
    tag: 'progress',
    summary: { id: 'Capaian semua tujuan aktif (tab Progress)', en: "Every active goal's progress (the Progress tab)" },
    who: WIDE,
    params: ['as_of'],
    ok: { 200: 'AllProgress' },
    problems: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/events',
    operationId: 'createEvent',
    tag: 'supervision',
    summary: {
      id: 'Catat peristiwa kasus (konferensi, kontrak, terminasi, rujukan, …)',
      en: 'Record a case event (conference, contract, termination, referral, …)',
    },
    who: ALL,
    body: 'events',
    idempotent: true,
    ok: { 201: 'EventCreated', 202: 'EventCreated' },
    problems: WRITE_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/cases/{case_id}/events',
    operationId: 'listEvents',
    tag: 'supervision',
    summary: { id: 'Peristiwa suatu kasus', en: "A case's events" },
    who: ALL,
    params: ['case_id'],
    ok: { 200: 'EventList' },
    problems: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/feedback',
    operationId: 'giveFeedback',
    tag: 'supervision',
    summary: {
      id: 'Beri umpan balik supervisi (setujui, minta revisi, komentar)',
      en: 'Give supervisor feedback (approve, ask for a revision, comment)',
    },
    who: WIDE,
    body: 'feedback',
    idempotent: true,
    ok: { 201: 'FeedbackCreated', 202: 'FeedbackCreated' },
    problems: WRITE_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/cases/{case_id}/feedback',
    operationId: 'listFeedback',
    tag: 'supervision',
    summary: {
      id: 'Umpan balik suatu kasus dan status persetujuan tujuannya',
      en: "A case's feedback and its goals' approval states",
    },
    who: ALL,
    params: ['case_id', 'as_of'],
    ok: { 200: 'CaseFeedback' },
    problems: READ_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/feedback/{feedback_id}',
    operationId: 'getFeedback',
    tag: 'supervision',
    summary: { id: 'Satu umpan balik dan versinya (ETag)', en: 'One feedback row and its version (ETag)' },
    who: ALL,
    params: ['feedback_id'],
    ok: { 200: 'FeedbackDetail' },
    problems: [401, 403, 404],
  },
  {
    method: 'patch',
    path: '/api/feedback/{feedback_id}',
    operationId: 'patchFeedback',
    tag: 'supervision',
    summary: {
      id: 'Tandai umpan balik selesai dengan balasan (If-Match wajib)',
      en: 'Resolve feedback with a reply (If-Match required)',
    },
    who: ALL,
    params: ['feedback_id', 'If-Match'],
    body: 'feedback_patch',
    ok: { 200: 'FeedbackPatchResult' },
    problems: PATCH_PROBLEMS,
  },
  {
    method: 'get',
    path: '/api/dashboard',
    operationId: 'dashboard',
    tag: 'supervision',
    summary: {
      id: 'Dasbor koordinator (angka yang sama dengan tab Dashboard)',
      en: "The coordinator's dashboard (the same figures as the Dashboard tab)",
    },
    who: WIDE,
    params: ['as_of'],
    ok: { 200: 'Dashboard' },
    problems: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/sync',
    operationId: 'syncNow',
    tag: 'sync',
    summary: { id: 'Tarik isi sheet sekarang', en: 'Pull the sheet now' },
    who: WIDE,
    webhook: true,
    ok: { 200: 'SyncReport' },
    problems: [401, 403, 413, 503],
  },
  {
    method: 'get',
    path: '/api/sync/status',
    operationId: 'syncStatus',
    tag: 'sync',
    summary: { id: 'Status sinkronisasi dan antrean', en: 'Sync status and outbox' },
    who: WIDE,
    ok: { 200: 'SyncStatus' },
    problems: [401, 403],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    tag: 'docs',
    summary: { id: 'Dokumen OpenAPI 3.1 ini', en: 'This OpenAPI 3.1 document' },
    who: 'public',
    ok: { 200: 'OpenApi' },
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'docs',
    tag: 'docs',
    summary: { id: 'Halaman dokumentasi', en: 'The documentation page' },
    who: 'public',
    ok: { 200: 'Html' },
  },
]

const PARAMETERS: Readonly<Record<string, Json>> = {
  case_id: {
    name: 'case_id',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[Kk]-\\d{1,15}$' },
    example: 'K-0001',
  },
  goal_id: {
    name: 'goal_id',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[Tt]-\\d{1,15}$' },
    example: 'T-0001',
  },
  session_id: {
    name: 'session_id',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[Ss]-\\d{1,15}$' },
    example: 'S-0001',
  },
  assessment_id: {
    name: 'assessment_id',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[Aa]-\\d{1,15}$' },
    example: 'A-0001',
  },
  feedback_id: {
    name: 'feedback_id',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[Uu]-\\d{1,15}$' },
    example: 'U-0001',
  },
  as_of: {
    name: 'as_of',
    in: 'query',
    description: "Date the progress is computed for; default today in the centre's time zone (Asia/Jakarta).",
    schema: { type: 'string', format: 'date' },
    example: '2025-03-13',
  },
  status: {
    name: 'status',
    in: 'query',
    description: 'Only cases with this status.',
    schema: { type: 'string', enum: TABLES.cases.schema.shape.status.options },
  },
  worker: {
    name: 'worker',
    in: 'query',
    description: 'Only cases of this worker (staff id or email).',
    schema: { type: 'string' },
  },
  cluster: { name: 'cluster', in: 'query', description: 'Only cases of this cluster.', schema: { type: 'string' } },
  'If-Match': {
    name: 'If-Match',
    in: 'header',
    required: true,
    description:
      'The ETag of the row from its GET (or the last PATCH answer); 428 without it, 412 when the row changed since.',
    schema: { type: 'string' },
  },
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'Any unique string (1–255 visible ASCII). The same key with the same body answers the first answer again; with a different body → 409.',
    schema: { type: 'string', maxLength: 255 },
  },
  'Accept-Language': {
    name: 'Accept-Language',
    in: 'header',
    description: 'Messages are Indonesian (id) unless English (en) is preferred.',
    schema: { type: 'string' },
    example: 'en',
  },
  'X-Timestamp': {
    name: 'X-Timestamp',
    in: 'header',
    description: 'Apps Script webhook only: unix seconds, within 5 minutes of the server clock.',
    schema: { type: 'string' },
  },
  'X-Signature': {
    name: 'X-Signature',
    in: 'header',
    description: 'Apps Script webhook only: lower-case hex HMAC-SHA256(WEBHOOK_SECRET, "<X-Timestamp>.<raw body>").',
    schema: { type: 'string' },
  },
}

/** Synthetic request examples (initials only, test staff ids). */
export const REQUEST_EXAMPLES: Readonly<Record<DataTabKey | PatchBody, Json>> = {
  cases: {
    initials: 'AB',
    sex: 'L',
    birth_date: '2012-04-01',
    cluster: 'disabilitas_intelektual',
    service: 'residensial',
    worker: 'peksos-demo',
    stage: 'akses',
    status: 'aktif',
  },
  case_patch: { consent_date: '2025-03-03', stage: 'asesmen' },
  session_patch: { withdrawn_date: '2025-03-06', withdrawn_reason: 'dicatat pada kasus yang salah' },
  assessment_patch: { score: 3, finding: 'Mampu memakai baju sendiri dengan sedikit bantuan.' },
  feedback_patch: {
    resolved_date: '2025-03-06',
    reply: 'Target hari ke-5 sudah diperjelas: 2 tugas mandiri.',
  },
  events: {
    case_id: 'K-0001',
    date: '2025-03-03',
    kind: 'case_conference',
    participants: 'peksos, supervisor, psikolog',
    summary: 'Hasil asesmen dibahas; rencana intervensi mencuci pakaian disepakati.',
    decisions: 'Mulai intervensi 5 Maret; evaluasi setelah 10 hari kerja.',
    next_date: '2025-03-19',
    worker: 'peksos-demo',
  },
  feedback: {
    case_id: 'K-0001',
    target: 'T-0001',
    date: '2025-03-05',
    from: 'koordinator-demo',
    kind: 'revise',
    text: 'Perjelas berapa tugas yang dikuasai pada hari ke-5.',
  },
  assessments: {
    case_id: 'K-0001',
    date: '2025-03-04',
    tool: 'ils',
    domain: 'fisik',
    score: 2,
    source: 'pengasuh',
    method: 'wawancara',
    worker: 'peksos-demo',
  },
  goals: {
    case_id: 'K-0001',
    title: 'Mencuci pakaian sendiri',
    method: 'casework',
    start_date: '2025-03-05',
    duration_days: 10,
    target_count: 4,
    milestones: '5:2, 10:4',
  },
  sessions: {
    case_id: 'K-0001',
    goal_id: 'T-0001',
    date: '2025-03-05',
    task: 'memilah pakaian',
    assistance: 'penuh',
    worker: 'peksos-demo',
  },
}

/** A progress example: the worked example of domain.md as of 2025-03-13. */
const GOAL_PROGRESS_EXAMPLE: Json = {
  goal_id: 'T-0001',
  case_id: 'K-0001',
  as_of: '2025-03-13',
  target_count: 4,
  mastery_level: 4,
  success_level: 3,
  tasks: [
    { task: 'memilah pakaian', rating: 4, mastered: true, sessions: 3, last_date: '2025-03-10' },
    { task: 'merendam', rating: 4, mastered: true, sessions: 2, last_date: '2025-03-12' },
    { task: 'menyikat', rating: 1, mastered: false, sessions: 1, last_date: '2025-03-13' },
  ],
  rating_sum: 9,
  mean: 2.25,
  level: 2,
  label: 'Sebagian Tercapai',
  percent: 56.3,
  success: false,
  milestones: [
    { day: 5, date: '2025-03-12', target: 2, mastered: 2, status: 'met' },
    { day: 10, date: '2025-03-19', target: 4, mastered: 2, status: 'pending' },
  ],
  status: 'on_track',
  last_session: '2025-03-13',
}

const INPUT_NAMES: Readonly<Record<DataTabKey, string>> = {
  cases: 'CaseInput',
  assessments: 'AssessmentInput',
  goals: 'GoalInput',
  sessions: 'SessionInput',
  events: 'EventInput',
  feedback: 'FeedbackInput',
}

/** The field naming who a new row is by, defaulted to the caller (field-rules withDefaultWorker). */
const AUTHOR_FIELD = (tab: DataTabKey): string => (tab === 'feedback' ? 'from' : 'worker')

/** A new row's schema: the row without its system-owned id; its author field is optional (it defaults to the caller). */
const inputSchema = (tab: DataTabKey): z.ZodObject =>
  z.strictObject(
    Object.fromEntries(
      Object.entries(TABLES[tab].schema.shape as Record<string, z.ZodType>)
        .filter(([key]) => key !== ID_COLUMNS[tab])
        .map(([key, schema]) => [key, key === AUTHOR_FIELD(tab) ? schema.optional() : schema]),
    ),
  )

/** Adds the domain's Indonesian/English labels and column owner to each property of a row schema. */
function labelProperties(tab: DataTabKey, schema: Json): Json {
  const properties = schema.properties as Record<string, Json> | undefined
  if (properties === undefined) return schema
  for (const column of TABLES[tab].columns) {
    const property = properties[column.key]
    if (property === undefined) continue
    property['x-label'] = column.label
    property['x-owner'] = column.owner
    if (column.help !== undefined) property['x-help'] = column.help
  }
  return schema
}

/** Drops JSON-Schema document keys and zod's long date regex (`format: date` says it). */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy)
  if (typeof node !== 'object' || node === null) return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$schema' || k === '$id') continue
    if (k === 'pattern' && (node as Json).format === 'date') continue
    out[k] = tidy(v)
  }
  return out
}

function componentSchemas(): Record<string, Json> {
  const {
    AllProgressSchema,
    AssessmentListSchema,
    CaseDetailSchema,
    CaseListSchema,
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
    CaseProgressSchema,
    GoalProgressSchema,
    HealthSchema,
    ProblemSchema,
    SessionListSchema,
    SyncReportSchema,
    SyncStatusSchema,
    withSync,
  } = responseSchemas()
  const uri = (id: string) => `#/components/schemas/${id}`
  const requests = z.registry<{ id: string }>()
  for (const tab of ['cases', 'assessments', 'goals', 'sessions', 'events', 'feedback'] as const) {
    requests.add(inputSchema(tab), { id: INPUT_NAMES[tab] })
  }
  for (const { tab, schema } of Object.values(PATCH_BODIES)) {
    requests.add(
      inputSchema(tab).partial().meta({
        description:
          'Only the fields to change; unknown, system-owned and blank fields are refused. x-access says who may change each field.',
      }),
      { id: schema },
    )
  }
  const answers = z.registry<{ id: string }>()
  answers.add(TABLES.cases.schema, { id: 'Case' })
  answers.add(TABLES.assessments.schema, { id: 'Assessment' })
  answers.add(TABLES.goals.schema, { id: 'Goal' })
  answers.add(TABLES.sessions.schema, { id: 'Session' })
  answers.add(TABLES.events.schema, { id: 'Event' })
  answers.add(TABLES.feedback.schema, { id: 'Feedback' })
  answers.add(withSync(TABLES.events.schema), { id: 'EventCreated' })
  answers.add(withSync(TABLES.feedback.schema), { id: 'FeedbackCreated' })
  answers.add(FeedbackDetailSchema, { id: 'FeedbackDetail' })
  answers.add(FeedbackPatchResultSchema, { id: 'FeedbackPatchResult' })
  answers.add(EventListSchema, { id: 'EventList' })
  answers.add(CaseFeedbackSchema, { id: 'CaseFeedback' })
  answers.add(DashboardSchema, { id: 'Dashboard' })
  answers.add(withSync(TABLES.cases.schema), { id: 'CaseCreated' })
  answers.add(withSync(TABLES.assessments.schema), { id: 'AssessmentCreated' })
  answers.add(withSync(TABLES.goals.schema), { id: 'GoalCreated' })
  answers.add(withSync(TABLES.sessions.schema), { id: 'SessionCreated' })
  answers.add(CaseListSchema, { id: 'CaseList' })
  answers.add(CaseDetailSchema, { id: 'CaseDetail' })
  answers.add(CasePatchResultSchema, { id: 'CasePatchResult' })
  answers.add(SessionDetailSchema, { id: 'SessionDetail' })
  answers.add(AssessmentDetailSchema, { id: 'AssessmentDetail' })
  answers.add(SessionPatchResultSchema, { id: 'SessionPatchResult' })
  answers.add(AssessmentPatchResultSchema, { id: 'AssessmentPatchResult' })
  answers.add(AssessmentListSchema, { id: 'AssessmentList' })
  answers.add(SessionListSchema, { id: 'SessionList' })
  answers.add(GoalProgressSchema, { id: 'GoalProgress' })
  answers.add(CaseProgressSchema, { id: 'CaseProgress' })
  answers.add(AllProgressSchema, { id: 'AllProgress' })
  answers.add(SyncReportSchema, { id: 'SyncReport' })
  answers.add(SyncStatusSchema, { id: 'SyncStatus' })
  answers.add(HealthSchema, { id: 'Health' })
  answers.add(ProblemSchema, { id: 'Problem' })
  const input = z.toJSONSchema(requests, { io: 'input', uri, unrepresentable: 'any' }).schemas
  const output = z.toJSONSchema(answers, { io: 'output', uri, unrepresentable: 'any' }).schemas
  const all = tidy({ ...output, ...input }) as Record<string, Json>
  const tabOf: Readonly<Record<string, DataTabKey>> = {
    Case: 'cases',
    CaseInput: 'cases',
    CasePatch: 'cases',
    SessionPatch: 'sessions',
    AssessmentPatch: 'assessments',
    CaseCreated: 'cases',
    Assessment: 'assessments',
    AssessmentInput: 'assessments',
    AssessmentCreated: 'assessments',
    Goal: 'goals',
    GoalInput: 'goals',
    GoalCreated: 'goals',
    Session: 'sessions',
    SessionInput: 'sessions',
    SessionCreated: 'sessions',
    Event: 'events',
    EventInput: 'events',
    EventCreated: 'events',
    Feedback: 'feedback',
    FeedbackInput: 'feedback',
    FeedbackCreated: 'feedback',
    FeedbackPatch: 'feedback',
  }
  for (const [name, tab] of Object.entries(tabOf)) {
    const schema = all[name]
    if (schema !== undefined) labelProperties(tab, schema)
  }
  // Who may change each field (field-rules.ts, the one table the PATCH handlers read).
  for (const { tab, schema } of Object.values(PATCH_BODIES)) {
    const properties = (all[schema]?.properties ?? {}) as Record<string, Json>
    for (const [key, access] of Object.entries(FIELD_ACCESS[tab] as Readonly<Record<string, FieldAccess>>)) {
      const property = properties[key]
      if (property !== undefined) {
        property['x-access'] = { level: access, roles: ROLES_OF_ACCESS[access], ...ACCESS_TEXT[access] }
      }
    }
  }
  const from = (all.FeedbackInput?.properties as Record<string, Json> | undefined)?.from
  if (from !== undefined) {
    from.description =
      'Defaults to the caller. Must name an active coordinator or admin of the Staff tab (422 from_not_supervisor).'
  }
  for (const name of ['AssessmentInput', 'SessionInput', 'CaseInput', 'EventInput']) {
    const worker = (all[name]?.properties as Record<string, Json> | undefined)?.worker
    if (worker !== undefined) {
      worker.description =
        "Defaults to the caller when omitted. A worker token may name only itself (403 forbidden-field, pointer /worker); coordinators and admins may record in any staff member's name."
    }
  }
  return all
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** A tab's field table (field-rules.ts) as Markdown, for its PATCH operation's description. */
function fieldRulesText(tab: PatchTab): string {
  const rows = Object.entries(FIELD_ACCESS[tab] as Readonly<Record<string, FieldAccess>>).map(
    ([key, access]) => `| \`${key}\` | ${ACCESS_TEXT[access].en} |`,
  )
  const own =
    tab === 'cases'
      ? 'cases'
      : tab === 'feedback'
        ? 'feedback on cases of theirs (they answer it: resolved_date with a reply)'
        : 'rows (rows naming them as the worker, on cases of theirs)'
  return [
    `Who may change which field (a field the role may not change → 403 forbidden-field with its pointer, nothing stored; checked before the row is looked up). A worker may PATCH only their own ${own}; another's answers 404, exactly like one that does not exist.`,
    '',
    '| field | may change it |',
    '|---|---|',
    ...rows,
  ].join('\n')
}

/** Whether a problem kind can come from this operation (so each status lists only its own causes). */
function canAnswer(op: Operation, kind: HttpProblem['kind']): boolean {
  const hasBody = op.body !== undefined
  switch (kind) {
    case 'body_malformed':
    case 'body_empty':
    case 'body_not_object':
    case 'media_type_unsupported':
    case 'body_invalid':
    case 'invalid_row':
      return hasBody
    case 'body_too_large':
      return hasBody || op.webhook === true
    case 'signature_invalid':
      return op.webhook === true
    case 'header_invalid':
      return op.idempotent === true || isPatch(op.body)
    case 'query_invalid':
      return (op.params ?? []).some((p) => ['as_of', 'status', 'worker', 'cluster'].includes(p))
    case 'idempotency_conflict':
      return op.idempotent === true
    case 'precondition_failed':
    case 'precondition_required':
      return isPatch(op.body)
    case 'field_forbidden':
      return isPatch(op.body) || (op.body !== undefined && hasWorkerField(op.body))
    case 'id_invalid':
      return (op.params ?? []).some((p) => p.endsWith('_id'))
    default:
      return true
  }
}

function problemResponses(op: Operation): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const status of op.problems ?? []) {
    const titles = PROBLEM_CATALOGUE.filter((p) => canAnswer(op, p.kind))
      .map(toProblem)
      .filter((p) => p.status === status)
      .map((p) => p.title.en)
    out[String(status)] = {
      description: [...new Set(titles)].join('; ') || 'Problem',
      content: { 'application/problem+json': { schema: ref('Problem') } },
    }
  }
  out['500'] = {
    description: 'Unexpected error or server misconfigured (generic; quote request_id)',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  }
  return out
}

function operationObject(op: Operation): Json {
  const parameters = [...(op.params ?? []), ...(op.idempotent === true ? ['Idempotency-Key'] : [])]
  if (op.webhook === true) parameters.push('X-Timestamp', 'X-Signature')
  if (op.who !== 'public') parameters.push('Accept-Language')
  const responses: Record<string, Json> = {}
  for (const [status, schema] of Object.entries(op.ok)) {
    const description =
      status === '202'
        ? 'Accepted and durably queued; the row reaches the sheet on the next flush ("sync": "pending")'
        : status === '201'
          ? 'Created and written to the sheet'
          : 'OK'
    if (schema === 'Html') responses[status] = { description, content: { 'text/html': { schema: { type: 'string' } } } }
    else if (schema === 'OpenApi') responses[status] = { description, content: { 'application/json': {} } }
    else {
      const example = schema === 'GoalProgress' ? { example: GOAL_PROGRESS_EXAMPLE } : {}
      responses[status] = { description, content: { 'application/json': { schema: ref(schema), ...example } } }
    }
  }
  Object.assign(responses, problemResponses(op))
  const body =
    op.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description:
              'JSON, or application/x-www-form-urlencoded (all values as text; numbers, dates DD/MM/YYYY and options are read leniently). Unknown fields are refused.',
            content: Object.fromEntries(
              [
                'application/json',
                'application/x-www-form-urlencoded',
                ...(isPatch(op.body) ? ['application/merge-patch+json'] : []),
              ].map((type) => [
                type,
                {
                  schema: ref(isPatch(op.body) ? PATCH_BODIES[op.body].schema : INPUT_NAMES[op.body as DataTabKey]),
                  example: REQUEST_EXAMPLES[op.body as DataTabKey | PatchBody],
                },
              ]),
            ),
          },
        }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary.en,
    'x-summary-id': op.summary.id,
    'x-roles': op.who,
    description: [
      op.who === 'public'
        ? 'Public.'
        : `Roles: ${op.who.join(', ')}.${op.webhook === true ? ' Or the Apps Script webhook with X-Timestamp and X-Signature instead of a token.' : ''}`,
      ...(isPatch(op.body) ? [fieldRulesText(PATCH_BODIES[op.body].tab)] : []),
      ...(op.body === 'session_patch' || op.body === 'assessment_patch'
        ? [
            'Withdraw a row logged by mistake by setting withdrawn_date and withdrawn_reason together: it stays in the sheet and leaves progress, coverage and the Dashboard.',
          ]
        : []),
      ...(op.body === 'events'
        ? [
            "Rules (one each, 422 with its code): a contract or case conference only after the case's consent (consent_missing, before_consent); a referral names where (referral_target_required); participants are roles from the participant_role list, never names (participant_not_role); after a case is closed only a follow_up may be recorded, other kinds keep the closed-date rule (event_after_closure). A termination event sets nothing by itself; a case at stage terminasi without one is flagged (a warning in its _status, and in what is due).",
          ]
        : []),
      ...(op.body === 'feedback'
        ? [
            "Coordinators and admins only (403 for workers). target is a goal, session, assessment or event of case_id (target_not_found, target_case_mismatch); approve fits goals only (approve_goal_only); revise and comment need text (feedback_text_required); from must be an active coordinator or admin (from_not_supervisor). A goal's approval state is derived from its approve/revise feedback: not_reviewed, revision_requested, revised (resolved, awaiting approval), approved.",
          ]
        : []),
      ...(op.body === 'feedback_patch'
        ? [
            "Resolve feedback by setting resolved_date and reply together (reply_required otherwise). The worker of the feedback's case may set only those two; coordinators and admins any field.",
          ]
        : []),
      ...(op.body !== undefined && !isPatch(op.body) && ['assessments', 'goals', 'sessions'].includes(op.body)
        ? [
            "Workers write only to their own cases: another worker's case or goal is answered exactly like one that does not exist (422 case_not_found / goal_not_found). A case that is not `aktif` takes no new assessments, goals or sessions (422 case_closed).",
          ]
        : []),
      ...(op.body !== undefined && !isPatch(op.body) && hasWorkerField(op.body)
        ? [
            '`worker` defaults to the caller; a worker token may name only itself (403 forbidden-field, pointer /worker).',
          ]
        : []),
    ].join('\n\n'),
    ...(op.who === 'public'
      ? { security: [] }
      : op.webhook === true
        ? { security: [{ bearer: [] }, { webhook: [] }] }
        : {}),
    parameters: parameters.map((name) => PARAMETERS[name]),
    ...body,
    responses,
  }
}

let cached: Json | undefined

/** The OpenAPI 3.1 document (built once per isolate; it is a pure function of the schemas). */
export function openApiDocument(): Json {
  if (cached !== undefined) return cached
  const paths: Record<string, Record<string, Json>> = {}
  for (const op of OPERATIONS) {
    const item = paths[op.path] ?? {}
    item[op.method] = operationObject(op)
    paths[op.path] = item
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'sentra-casebook API',
      version: '1',
      description:
        'Validated casework rows (cases, assessments, goals, sessions) for a Sentra Terpadu rehabilitation centre, written to its Google Sheet, with Task Achievement Scale progress. Errors are RFC 9457 problem+json, Indonesian by default (Accept-Language: en for English).',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'health' },
      { name: 'cases' },
      { name: 'rows', description: 'Assessments, goals and sessions' },
      { name: 'progress', description: 'Task Achievement Scale (domain.md)' },
      {
        name: 'supervision',
        description: 'Case events, supervisor feedback and approvals, the coordinator dashboard (issue 9)',
      },
      { name: 'sync', description: 'Pull the sheet; status of the outbox' },
      { name: 'docs' },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT signed HS256 with AUTH_SECRET, claims `sub` (staff id), `role` (worker, coordinator, admin), `iat`, `exp` (at most 366 days after iat; iat at most 60 s ahead of the server clock). The staff id must be an active row of the Staff tab with at least that role. Issue one with `npm run token -- --staff <id> --role <role> [--ttl-days 30]`.',
        },
        webhook: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: 'Apps Script onEdit webhook: hex HMAC-SHA256(WEBHOOK_SECRET, "<X-Timestamp>.<raw body>").',
        },
      },
    },
  }
  return cached
}
