/**
 * The worked example of domain.md ("Worked example (use it as a test vector)") in one place, for
 * every layer that replays it: the TAS engine (test/domain), the ledger (test/ledger) and HTTP
 * (test/http). Goal G1: 4 tasks in 10 working days from Wed 2025-03-05, milestones `5:2, 10:4`,
 * holiday 2025-03-07; nine sessions; progress as of 2025-03-13 and 2025-03-19 as domain.md states.
 */
import type { GoalApproval, GoalProgress } from '../../src/domain'

export const WORKED_HOLIDAYS: readonly string[] = ['2025-03-07']

/**
 * The case G1 belongs to (domain.md does not describe it; every layer that replays the example
 * opens this one), opened before consent, and the PATCH that records consent before G1 starts.
 */
export const WORKED_CASE = {
  initials: 'R.A',
  sex: 'P',
  birth_date: '2012-06-01',
  cluster: 'disabilitas_intelektual',
  service: 'residensial',
  worker: 'peksos-uji',
  stage: 'pendekatan_awal',
  status: 'aktif',
} as const
export const WORKED_CONSENT = { consent_date: '2025-03-03', stage: 'perencanaan' } as const

/** Goal G1 without its ids (what a form or the API posts). */
export const WORKED_GOAL = {
  title: 'Mencuci pakaian sendiri',
  method: 'casework',
  start_date: '2025-03-05',
  duration_days: 10,
  target_count: 4,
  milestones: '5:2, 10:4',
  mastery_level: 4,
  success_level: 3,
  weight: 1,
} as const

/** The nine sessions: date, task, assistance and the explicit rating (only 03-18 has one). */
export const WORKED_SESSIONS = [
  { date: '2025-03-05', task: 'memilah pakaian', assistance: 'penuh' },
  { date: '2025-03-06', task: 'memilah pakaian', assistance: 'sebagian' },
  { date: '2025-03-10', task: 'memilah pakaian', assistance: 'mandiri' },
  { date: '2025-03-11', task: 'merendam', assistance: 'sebagian' },
  { date: '2025-03-12', task: 'merendam', assistance: 'mandiri' },
  { date: '2025-03-13', task: 'menyikat', assistance: 'penuh' },
  { date: '2025-03-17', task: 'menyikat', assistance: 'minimal' },
  { date: '2025-03-18', task: 'membilas dan menjemur', assistance: 'sebagian', rating: 3 },
  { date: '2025-03-19', task: 'menyikat', assistance: 'mandiri' },
] as const satisfies readonly { date: string; task: string; assistance: string; rating?: number }[]

type AsOf = '2025-03-13' | '2025-03-19'

/** G1's progress object (api.md shape) as domain.md gives it, for the ids the test assigned. */
export function expectedProgress(asOf: AsOf, ids: { goal_id: string; case_id: string }): GoalProgress {
  const common = { ...ids, as_of: asOf, target_count: 4, mastery_level: 4, success_level: 3 }
  const memilah = { task: 'memilah pakaian', rating: 4, mastered: true, sessions: 3, last_date: '2025-03-10' }
  const merendam = { task: 'merendam', rating: 4, mastered: true, sessions: 2, last_date: '2025-03-12' }
  const day5 = { day: 5, date: '2025-03-12', target: 2, mastered: 2, status: 'met' } as const
  if (asOf === '2025-03-13') {
    return {
      ...common,
      tasks: [
        memilah,
        merendam,
        { task: 'menyikat', rating: 1, mastered: false, sessions: 1, last_date: '2025-03-13' },
      ],
      rating_sum: 9,
      mean: 2.25,
      level: 2,
      label: 'Sebagian Tercapai',
      percent: 56.3,
      success: false,
      milestones: [day5, { day: 10, date: '2025-03-19', target: 4, mastered: 2, status: 'pending' }],
      status: 'on_track',
      last_session: '2025-03-13',
    }
  }
  return {
    ...common,
    tasks: [
      memilah,
      merendam,
      { task: 'menyikat', rating: 4, mastered: true, sessions: 3, last_date: '2025-03-19' },
      { task: 'membilas dan menjemur', rating: 3, mastered: false, sessions: 1, last_date: '2025-03-18' },
    ],
    rating_sum: 15,
    mean: 3.75,
    level: 4,
    label: 'Sangat Tercapai',
    percent: 93.8,
    success: true,
    milestones: [day5, { day: 10, date: '2025-03-19', target: 4, mastered: 3, status: 'pending' }],
    status: 'on_track',
    last_session: '2025-03-19',
  }
}

/**
 * G1's progress as the API answers it: the domain's progress with the plan's approval state
 * (issue 9) — `not_reviewed` unless feedback says otherwise.
 */
export const expectedProgressView = (
  asOf: AsOf,
  ids: { goal_id: string; case_id: string },
  approval: Partial<GoalApproval> = {},
): GoalProgress & { readonly approval: GoalApproval } => ({
  ...expectedProgress(asOf, ids),
  approval: { goal_id: ids.goal_id, state: 'not_reviewed', feedback_id: null, date: null, from: null, ...approval },
})
