/**
 * Synthetic rows for domain tests (initials and staff ids only, never real names). Each builder
 * returns a valid decoded row; tests override the fields they are about.
 */
import type { Assessment, Case, Goal, Session, StaffMember } from '../../src/domain/index'
import { buildValidationContext, type ValidationContext } from '../../src/domain/index'

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

export const aGoal = (over: Partial<Goal> = {}): Goal => ({
  goal_id: 'T-0001',
  case_id: 'K-0001',
  title: 'Mencuci pakaian sendiri',
  method: 'casework',
  start_date: '2025-03-05',
  duration_days: 10,
  target_count: 4,
  milestones: '5:2, 10:4',
  mastery_level: 4,
  success_level: 3,
  weight: 1,
  ...over,
})

export const aSession = (over: Partial<Session> = {}): Session => ({
  session_id: 'S-0001',
  case_id: 'K-0001',
  goal_id: 'T-0001',
  date: '2025-03-05',
  task: 'memilah pakaian',
  assistance: 'penuh',
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
    holidays: over.holidays ?? ['2025-03-07'],
  })

/** The worked example of domain.md: goal G1 and its nine sessions (ratings in brackets derived). */
export const EXAMPLE_HOLIDAYS = ['2025-03-07']
export const EXAMPLE_GOAL = aGoal()
const EXAMPLE_ROWS: [string, string, Session['assistance'], Session['rating']][] = [
  ['03-05', 'memilah pakaian', 'penuh', undefined],
  ['03-06', 'memilah pakaian', 'sebagian', undefined],
  ['03-10', 'memilah pakaian', 'mandiri', undefined],
  ['03-11', 'merendam', 'sebagian', undefined],
  ['03-12', 'merendam', 'mandiri', undefined],
  ['03-13', 'menyikat', 'penuh', undefined],
  ['03-17', 'menyikat', 'minimal', undefined],
  ['03-18', 'membilas dan menjemur', 'sebagian', 3],
  ['03-19', 'menyikat', 'mandiri', undefined],
]
export const exampleSessions = (rating0318: Session['rating'] = 3): Session[] =>
  EXAMPLE_ROWS.map(([day, task, assistance, rating], i) => {
    const row = aSession({
      session_id: `S-${String(i + 1).padStart(4, '0')}`,
      date: `2025-${day}`,
      task,
      assistance,
    })
    const r = day === '03-18' ? rating0318 : rating
    return r === undefined ? row : { ...row, rating: r }
  })
