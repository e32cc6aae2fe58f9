/**
 * Synthetic rows for domain tests (initials and staff ids only, never real names). Each builder
 * returns a valid decoded row; tests override the fields they are about.
 */
import type { Assessment, Case, Goal, Session, StaffMember } from '../../src/domain/index'
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

/** A context with one case, one goal, two staff members (one inactive) and the example holiday. */
export const aContext = (
  over: { cases?: Case[]; goals?: Goal[]; staff?: StaffMember[]; holidays?: string[] } = {},
): ValidationContext =>
  buildValidationContext({
    today: TODAY,
    cases: over.cases ?? [aCase()],
    goals: over.goals ?? [aGoal()],
    staff: over.staff ?? [aStaffMember(), { staff_id: 'peksos-lama', role: 'worker', active: false }],
    holidays: over.holidays ?? [...WORKED_HOLIDAYS],
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
