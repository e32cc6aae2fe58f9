import { describe, expect, it } from 'vitest'
import { type DueInput, dueTasks, endOfWeek } from '../../src/domain/due-tasks'
import { goalsProgress } from '../../src/domain/task-achievement'
import { aCase, aGoal, anAssessment, EXAMPLE_HOLIDAYS, exampleSessions } from './builders'

// Goal G1 of domain.md's worked example (start Wed 2025-03-05, 10 working days, milestones 5:2
// and 10:4, holiday Fri 2025-03-07): working days 5, 6, 10, 11, 12 (day 5), 13, 14, 17, 18, 19.

const sessionsUpTo = (date: string) => exampleSessions().filter((s) => s.date <= date)

const due = (over: Partial<DueInput> & Pick<DueInput, 'asOf'>) =>
  dueTasks({
    cases: [aCase({ consent_date: '2025-03-03' })],
    goals: [aGoal()],
    sessions: exampleSessions(),
    assessments: [],
    holidays: EXAMPLE_HOLIDAYS,
    ...over,
  })

const kinds = (items: readonly { kind: string }[]) => items.map((i) => i.kind)
const goalItems = (items: ReturnType<typeof dueTasks>) => items.filter((i) => 'goal_id' in i)

describe('the end of the week', () => {
  it.each([
    ['a Monday', '2025-03-10', '2025-03-16'],
    ['a Thursday', '2025-03-13', '2025-03-16'],
    ['a Sunday', '2025-03-16', '2025-03-16'],
  ])('of %s is its Sunday', (_name, date, sunday) => {
    expect(endOfWeek(date)).toBe(sunday)
  })
})

describe('what is due on a goal', () => {
  it('is nothing on 2025-03-13 in the worked example: day 5 met, day 10 next week, a session today', () => {
    expect(goalItems(due({ asOf: '2025-03-13', sessions: sessionsUpTo('2025-03-13') }))).toEqual([])
  })

  it("lists day 10 (Wed 19 March) as due in the week of Monday 17 March, with today's count", () => {
    expect(goalItems(due({ asOf: '2025-03-17', sessions: sessionsUpTo('2025-03-14') }))).toEqual([
      {
        kind: 'milestone_due',
        case_id: 'K-0001',
        goal_id: 'T-0001',
        worker: 'peksos-uji',
        initials: 'AB',
        day: 10,
        date: '2025-03-19',
        target: 4,
        mastered: 2,
      },
    ])
  })

  it('flags a goal behind its plan with the missed milestone, and idle after three working days without a session', () => {
    // Only the first two sessions happened: nothing mastered by day 5 (Wed 12 March); the holiday
    // on Friday 7 March does not count, so Mon 10, Tue 11 and Wed 12 are the three idle days.
    const items = goalItems(due({ asOf: '2025-03-13', sessions: sessionsUpTo('2025-03-06') }))
    expect(items).toEqual([
      {
        kind: 'goal_behind',
        case_id: 'K-0001',
        goal_id: 'T-0001',
        worker: 'peksos-uji',
        initials: 'AB',
        missed: [{ day: 5, date: '2025-03-12', target: 2, mastered: 0 }],
        level: 1,
      },
      {
        kind: 'goal_idle',
        case_id: 'K-0001',
        goal_id: 'T-0001',
        worker: 'peksos-uji',
        initials: 'AB',
        last_session: '2025-03-06',
        working_days: 3,
      },
    ])
  })

  it.each([
    [
      'two working days after the last session (the holiday does not count): day 5 is due',
      '2025-03-11',
      ['milestone_due'],
    ],
    ['three working days after it: day 5 was missed', '2025-03-13', ['goal_behind', 'goal_idle']],
  ])('is idle or not: %s', (_name, asOf, expected) => {
    expect(kinds(goalItems(due({ asOf, sessions: sessionsUpTo('2025-03-06') })))).toEqual(expected)
  })

  it.each([
    ['2025-03-10', 0],
    ['2025-03-11', 3],
  ])('counts a goal with no session from its day 1 (as of %s: idle %i days when ≥ 3)', (asOf, days) => {
    const idle = due({ asOf, sessions: [] }).filter((i) => i.kind === 'goal_idle')
    if (days === 0) expect(idle).toEqual([])
    else expect(idle).toMatchObject([{ kind: 'goal_idle', last_session: null, working_days: days }])
  })

  it.each([
    ['before its day 1', '2025-03-04', []],
    ['after its last working day', '2025-03-20', []],
  ])('lists nothing %s', (_name, asOf, expected) => {
    expect(goalItems(due({ asOf, sessions: sessionsUpTo('2025-03-06') }))).toEqual(expected)
  })

  it('lists nothing for goals of cases that are no longer active', () => {
    const cases = [aCase({ status: 'selesai', closed_date: '2025-03-12', closure_reason: 'x', referred_to: 'y' })]
    expect(due({ asOf: '2025-03-13', cases, sessions: sessionsUpTo('2025-03-06') })).toEqual([])
  })

  it('gives the same list whether the caller passes the progress or not', () => {
    const input = { asOf: '2025-03-13', sessions: sessionsUpTo('2025-03-06') }
    const progress = goalsProgress({
      goals: [aGoal()],
      sessions: input.sessions,
      holidays: EXAMPLE_HOLIDAYS,
      asOf: input.asOf,
    })
    expect(due({ ...input, progress })).toEqual(due(input))
  })
})

describe('what is due on a case', () => {
  it.each([
    ['three working days after consent (the holiday does not count)', '2025-03-10', EXAMPLE_HOLIDAYS, undefined],
    ['four working days after consent without the holiday', '2025-03-10', [], undefined],
    ['five working days after consent', '2025-03-12', EXAMPLE_HOLIDAYS, 5],
    ['five working days after consent without the holiday', '2025-03-11', [], 5],
  ])('asks for a first assessment: %s', (_name, asOf, holidays, days) => {
    const items = due({ asOf, holidays, goals: [], sessions: [] })
    expect(items).toEqual(
      days === undefined
        ? []
        : [
            {
              kind: 'assessment_missing',
              case_id: 'K-0001',
              worker: 'peksos-uji',
              initials: 'AB',
              consent_date: '2025-03-03',
              working_days: days,
            },
          ],
    )
  })

  it('asks nothing of a case without consent', () => {
    const { consent_date: _, ...noConsent } = aCase()
    expect(due({ asOf: '2025-04-30', cases: [noConsent], goals: [], sessions: [] })).toEqual([])
  })

  it('names the BPSS/ILS domains not covered and those covered by one source only', () => {
    const assessments = [
      ...(['biologis', 'psikologis', 'sosial', 'spiritual'] as const).map((domain) =>
        anAssessment({ tool: 'bpss', domain, source: 'klien' }),
      ),
      anAssessment({ tool: 'bpss', domain: 'sosial', source: 'pengasuh' }),
      anAssessment({ tool: 'ils', domain: 'fisik', source: 'klien' }),
      anAssessment({ tool: 'ils', domain: 'fisik', source: 'dokumen' }),
    ]
    expect(due({ asOf: '2025-04-30', goals: [], sessions: [], assessments })).toEqual([
      {
        kind: 'coverage_incomplete',
        case_id: 'K-0001',
        worker: 'peksos-uji',
        initials: 'AB',
        missing: [
          { tool: 'ils', domain: 'sosial' },
          { tool: 'ils', domain: 'ekonomi' },
          { tool: 'ils', domain: 'psikologis' },
        ],
        untriangulated: [
          { tool: 'bpss', domain: 'biologis' },
          { tool: 'bpss', domain: 'psikologis' },
          { tool: 'bpss', domain: 'spiritual' },
        ],
      },
    ])
  })

  it('asks nothing when every BPSS and ILS domain is backed by two sources', () => {
    const assessments = (['bpss', 'ils'] as const).flatMap((tool) =>
      (tool === 'bpss'
        ? ['biologis', 'psikologis', 'sosial', 'spiritual']
        : ['fisik', 'sosial', 'ekonomi', 'psikologis']
      ).flatMap((domain) => [
        anAssessment({ tool, domain, source: 'klien' }),
        anAssessment({ tool, domain, source: 'keluarga' }),
      ]),
    )
    expect(due({ asOf: '2025-04-30', goals: [], sessions: [], assessments })).toEqual([])
  })

  it('names the closure fields a case at terminasi still lacks', () => {
    const cases = [aCase({ stage: 'terminasi', closed_date: '2025-04-29' })]
    expect(due({ asOf: '2025-04-30', cases, goals: [], sessions: [], assessments: [anAssessment()] })).toContainEqual({
      kind: 'closure_missing',
      case_id: 'K-0001',
      worker: 'peksos-uji',
      initials: 'AB',
      fields: ['closure_reason', 'referred_to'],
    })
  })
})

describe('the order of the list', () => {
  it('puts what is late first, then what is due this week, then idle goals, then the paperwork, by case', () => {
    const cases = [
      aCase({ case_id: 'K-0002', initials: 'CD', consent_date: '2025-03-03' }),
      aCase({ case_id: 'K-0001', consent_date: '2025-03-03', stage: 'terminasi' }),
    ]
    const goals = [aGoal({ goal_id: 'T-0002', case_id: 'K-0002' }), aGoal()]
    const sessions = [
      ...sessionsUpTo('2025-03-06').map((s) => ({ ...s, goal_id: 'T-0002' })),
      ...sessionsUpTo('2025-03-14'),
    ]
    const items = due({ asOf: '2025-03-17', cases, goals, sessions })
    expect(items.map((i) => `${i.kind} ${'goal_id' in i ? i.goal_id : i.case_id}`)).toEqual([
      'goal_behind T-0002',
      'milestone_due T-0001',
      'milestone_due T-0002',
      'goal_idle T-0002',
      'assessment_missing K-0001',
      'assessment_missing K-0002',
      'closure_missing K-0001',
    ])
  })
})
