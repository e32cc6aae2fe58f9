/**
 * Synthetic rows for domain tests (initials and staff ids only, never real names). Each builder
 * returns a valid decoded row; tests override the fields they are about.
 */
import type { Assessment, Case, CaseEvent, Feedback, Goal, Session, StaffMember } from '../../src/domain/index'
import { buildValidationContext, type ValidationContext } from '../../src/domain/index'
import { WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../support/worked-example'

export const TODAY = '2025-04-30'

export const aCase = (over: Partial<Case> = {}): Case => ({
  case_id: 'K-0001',
  initials: 'AB',
  sex: 'L',
  birth_date: '2012-07-14',
  cluster: 'disabilitas_intelektual',
  service: 'residensial',
  worker: 'peksos-uji',
  stage: 'implementasi',
  consent_date: '2025-02-20',
  status: 'aktif',
  ...over,
})

export const anAssessment = (over: Partial<Assessment> = {}): Assessment => ({
  assessment_id: 'A-0001',
  case_id: 'K-0001',
  date: '2025-02-24',
  tool: 'bpss',
  domain: 'psikologis',
  score: 2,
  source: 'klien',
  method: 'wawancara',
  worker: 'peksos-uji',
  ...over,
})

/** Goal G1 of domain.md's worked example. */
export const aGoal = (over: Partial<Goal> = {}): Goal => ({
  goal_id: 'T-0001',
  case_id: 'K-0001',
  ...WORKED_GOAL,
  ...over,
})

/** G1's first session (rated 1 by its assistance). */
export const aSession = (over: Partial<Session> = {}): Session => ({
  session_id: 'S-0001',
  case_id: 'K-0001',
  goal_id: 'T-0001',
  ...WORKED_SESSIONS[0],
  worker: 'peksos-uji',
  ...over,
})

export const aStaffMember = (over: Partial<StaffMember> = {}): StaffMember => ({
  staff_id: 'peksos-uji',
  email: 'peksos-uji@example.org',
  role: 'worker',
  active: true,
  ...over,
})

/** A case conference of K-0001 after its consent (issue 9 point 1). */
export const anEvent = (over: Partial<CaseEvent> = {}): CaseEvent => ({
  event_id: 'P-0001',
  case_id: 'K-0001',
  date: '2025-03-03',
  kind: 'case_conference',
  participants: 'peksos, supervisor, psikolog',
  summary: 'Hasil asesmen dibahas; rencana intervensi disepakati.',
  worker: 'peksos-uji',
  ...over,
})

/** A coordinator's comment on goal T-0001 of K-0001 (issue 9 point 2). */
export const aFeedback = (over: Partial<Feedback> = {}): Feedback => ({
  feedback_id: 'U-0001',
  case_id: 'K-0001',
  target: 'T-0001',
  date: '2025-03-06',
  from: 'koordinator-uji',
  kind: 'comment',
  text: 'Tambahkan indikator yang terukur.',
  ...over,
})

/** The Staff rows of {@link aContext}: a worker, an inactive worker, a coordinator, an inactive coordinator. */
export const CONTEXT_STAFF: StaffMember[] = [
  aStaffMember(),
  { staff_id: 'peksos-lama', role: 'worker', active: false },
  { staff_id: 'koordinator-uji', email: 'koordinator-uji@example.org', role: 'coordinator', active: true },
  { staff_id: 'koordinator-lama', role: 'coordinator', active: false },
]

/**
 * A context with one case, one goal, the staff above and the example holiday; plus the rows a
 * feedback may be about (session S-0001, assessment A-0001, event P-0001 of K-0001) unless given.
 */
export const aContext = (
  over: {
    cases?: Case[]
    goals?: Goal[]
    staff?: StaffMember[]
    holidays?: string[]
    sessions?: Session[]
    assessments?: Assessment[]
    events?: CaseEvent[]
  } = {},
): ValidationContext =>
  buildValidationContext({
    today: TODAY,
    cases: over.cases ?? [aCase()],
    goals: over.goals ?? [aGoal()],
    staff: over.staff ?? CONTEXT_STAFF,
    holidays: over.holidays ?? [...WORKED_HOLIDAYS],
    sessions: over.sessions ?? [aSession()],
    assessments: over.assessments ?? [anAssessment()],
    events: over.events ?? [anEvent()],
  })

/** The worked example of domain.md (test/support/worked-example.ts) as decoded rows. */
export const EXAMPLE_HOLIDAYS = [...WORKED_HOLIDAYS]
export const EXAMPLE_GOAL = aGoal()
/** Its nine sessions; `rating0318` replaces the one explicit rating (3), e.g. by `N`. */
export const exampleSessions = (rating0318: Session['rating'] = 3): Session[] =>
  WORKED_SESSIONS.map((s, i) => {
    const row = aSession({
      session_id: `S-${String(i + 1).padStart(4, '0')}`,
      date: s.date,
      task: s.task,
      assistance: s.assistance,
    })
    const rating = s.date === '2025-03-18' ? rating0318 : undefined
    return rating === undefined ? row : { ...row, rating }
  })
