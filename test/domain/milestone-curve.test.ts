import { describe, expect, it } from 'vitest'
import { goalProgress } from '../../src/domain'
import { MAX_CURVE_DAYS, milestoneCurve } from '../../src/domain/milestone-curve'
import { aGoal, aSession, EXAMPLE_GOAL, EXAMPLE_HOLIDAYS, exampleSessions } from './builders'

const curve = (asOf: string, sessions = exampleSessions()) =>
  milestoneCurve({ goal: EXAMPLE_GOAL, sessions, holidays: EXAMPLE_HOLIDAYS, asOf })

/** G1's working days (domain.md worked example): 03-07 is a holiday. */
const DATES = [
  '2025-03-05',
  '2025-03-06',
  '2025-03-10',
  '2025-03-11',
  '2025-03-12',
  '2025-03-13',
  '2025-03-14',
  '2025-03-17',
  '2025-03-18',
  '2025-03-19',
]
const PLANNED = [0, 0, 0, 0, 2, 2, 2, 2, 2, 4]

describe('milestoneCurve on the worked example of domain.md', () => {
  it.each([
    ['2025-03-13', [0, 0, 1, 1, 2, 2, null, null, null, null]],
    ['2025-03-19', [0, 0, 1, 1, 2, 2, 2, 2, 2, 3]],
  ] as const)('as of %s: working days, the planned step and the tasks mastered each day', (asOf, mastered) => {
    expect(curve(asOf)).toEqual(
      DATES.map((date, i) => ({ day: i + 1, date, planned: PLANNED[i], mastered: mastered[i] })),
    )
  })

  it('meets each milestone’s own mastered count on its day (the engine decides both)', () => {
    const days = curve('2025-03-20')
    const progress = goalProgress({
      goal: EXAMPLE_GOAL,
      sessions: exampleSessions(),
      holidays: EXAMPLE_HOLIDAYS,
      asOf: '2025-03-20',
    })
    for (const m of progress.milestones) {
      expect(days[m.day - 1]).toMatchObject({ date: m.date, planned: m.target, mastered: m.mastered })
    }
  })

  it('ignores other goals’ sessions and withdrawn ones', () => {
    const sessions = [
      ...exampleSessions(),
      aSession({ goal_id: 'T-0009', date: '2025-03-05', task: 'lain', assistance: 'mandiri' }),
      aSession({ date: '2025-03-05', task: 'ditarik', assistance: 'mandiri', withdrawn_date: '2025-03-06' }),
    ]
    expect(curve('2025-03-19', sessions)).toEqual(curve('2025-03-19'))
  })
})

describe('milestoneCurve at the edges', () => {
  it.each([
    ['no milestones: the plan stays 0', { duration_days: 3, milestones: '' }, 3, [0, 0, 0]],
    ['a milestone beyond the duration extends the curve to it', { duration_days: 2, milestones: '3:1' }, 3, [0, 0, 1]],
    ['malformed milestones count as none', { duration_days: 2, milestones: 'lima:satu' }, 2, [0, 0]],
  ] as const)('%s', (_name, over, length, planned) => {
    const days = milestoneCurve({ goal: aGoal(over), sessions: [], holidays: [], asOf: '2025-03-04' })
    expect(days.map((d) => d.planned)).toEqual(planned)
    expect(days).toHaveLength(length)
    expect(days.every((d) => d.mastered === null)).toBe(true)
  })

  it(`cuts a very long goal at ${MAX_CURVE_DAYS} working days`, () => {
    const days = milestoneCurve({
      goal: aGoal({ duration_days: 1000, milestones: '' }),
      sessions: [],
      holidays: [],
      asOf: '2025-03-04',
    })
    expect(days).toHaveLength(MAX_CURVE_DAYS)
  })
})
