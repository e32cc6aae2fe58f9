import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  goalProgress,
  goalsProgress,
  goalsProgressAndCurves,
  levelLabel,
  levelLabelEn,
  milestoneCurve,
  milestoneCurves,
  type Session,
  sessionRating,
} from '../../src/domain/index'
import { expectedProgress } from '../support/worked-example'
import { aGoal, aSession, EXAMPLE_GOAL, EXAMPLE_HOLIDAYS, exampleSessions } from './builders'

const progress = (asOf: string, sessions: Session[] = exampleSessions()) =>
  goalProgress({ goal: EXAMPLE_GOAL, sessions, holidays: EXAMPLE_HOLIDAYS, asOf })

describe('goalProgress on the worked example of domain.md', () => {
  it.each(['2025-03-13', '2025-03-19'] as const)('gives the full progress object as of %s', (asOf) => {
    expect(progress(asOf)).toEqual(expectedProgress(asOf, { goal_id: 'T-0001', case_id: 'K-0001' }))
  })

  it('marks the day-10 milestone missed as of 2025-03-20, when the goal has also completed', () => {
    const p = progress('2025-03-20')
    expect(p.milestones[1]).toEqual({ day: 10, date: '2025-03-19', target: 4, mastered: 3, status: 'missed' })
    expect(p.status).toBe('completed')
    expect(p.rating_sum).toBe(15)
  })

  it('lowers the effective target when the 03-18 session is rated N', () => {
    const p = progress('2025-03-19', exampleSessions('N'))
    expect(p.tasks.map((t) => t.rating)).toEqual([4, 4, 4, 'N'])
    expect({ sum: p.rating_sum, mean: p.mean, level: p.level, percent: p.percent, success: p.success }).toEqual({
      sum: 12,
      mean: 4,
      level: 4,
      percent: 100,
      success: true,
    })
    expect(p.tasks[3]).toEqual({
      task: 'membilas dan menjemur',
      rating: 'N',
      mastered: false,
      sessions: 1,
      last_date: '2025-03-18',
    })
  })
})

describe('goalProgress rules', () => {
  const at = (sessions: Session[], asOf = '2025-03-19', goal = EXAMPLE_GOAL) =>
    goalProgress({ goal, sessions, holidays: EXAMPLE_HOLIDAYS, asOf })

  it('reports not_started with no sessions up to as_of, and a sum of 0', () => {
    const p = at([aSession({ date: '2025-03-20' })])
    expect(p.status).toBe('not_started')
    expect(p.tasks).toEqual([])
    expect([p.rating_sum, p.level, p.percent, p.last_session]).toEqual([0, 0, 0, null])
  })

  it('ignores sessions of other goals', () => {
    const p = at([aSession({ goal_id: 'T-0002', assistance: 'mandiri' }), aSession({ assistance: 'penuh' })])
    expect(p.tasks).toEqual([
      { task: 'memilah pakaian', rating: 1, mastered: false, sessions: 1, last_date: '2025-03-05' },
    ])
  })

  it('lets the later row win a same-day tie', () => {
    const first = aSession({ date: '2025-03-06', assistance: 'penuh' })
    const second = aSession({ date: '2025-03-06', assistance: 'mandiri' })
    expect(at([first, second]).tasks[0]?.rating).toBe(4)
    expect(at([second, first]).tasks[0]?.rating).toBe(1)
  })

  it('treats task names as the same task when they differ only in case and outer spaces', () => {
    const p = at([
      aSession({ date: '2025-03-05', task: ' Memilah Pakaian ', assistance: 'penuh' }),
      aSession({ date: '2025-03-06', task: 'memilah pakaian', assistance: 'mandiri' }),
    ])
    expect(p.tasks).toEqual([
      { task: 'Memilah Pakaian', rating: 4, mastered: true, sessions: 2, last_date: '2025-03-06' },
    ])
  })

  it('lets an explicit rating win over the assistance level', () => {
    expect(at([aSession({ assistance: 'mandiri', rating: 2 })]).tasks[0]?.rating).toBe(2)
  })

  it('counts a planned task never worked on as 0, not as N', () => {
    const p = at([aSession({ assistance: 'mandiri' })])
    expect([p.rating_sum, p.mean, p.level, p.percent]).toEqual([4, 1, 1, 25])
  })

  it.each([
    // domain.md rule 3 (corrected): N excuses a planned task only where the target would be short.
    {
      case: 'keeps the target when worked tasks fill it',
      target: 2,
      ratings: [4, 1, 'N'],
      sum: 5,
      level: 3,
      percent: 62.5,
    },
    {
      case: 'excuses a planned task when the goal is short of tasks',
      target: 4,
      ratings: [4, 4, 'N'],
      sum: 8,
      level: 3,
      percent: 66.7,
    },
    {
      case: 'excuses only as many as are short',
      target: 3,
      ratings: [4, 'N', 'N', 'N'],
      sum: 4,
      level: 4,
      percent: 100,
    },
  ] as const)('$case: target $target, ratings $ratings → sum $sum, level $level, $percent %', (row) => {
    const goal = aGoal({ target_count: row.target, milestones: '' })
    const sessions = row.ratings.map((rating, i) => aSession({ task: `tugas ${i}`, rating }))
    const p = at(sessions, '2025-03-19', goal)
    expect([p.rating_sum, p.level, p.percent]).toEqual([row.sum, row.level, row.percent])
  })

  it('never lets the effective target fall below 1', () => {
    const goal = aGoal({ target_count: 1 })
    const p = at([aSession({ rating: 'N' }), aSession({ task: 'merendam', rating: 'N' })], '2025-03-19', goal)
    expect([p.rating_sum, p.mean, p.level, p.percent]).toEqual([0, 0, 0, 0])
  })

  it('sums only the best effective-target ratings when there are more tasks than planned', () => {
    const goal = aGoal({ target_count: 2 })
    const p = at(
      [aSession({ task: 'a', rating: 1 }), aSession({ task: 'b', rating: 4 }), aSession({ task: 'c', rating: 3 })],
      '2025-03-19',
      goal,
    )
    expect([p.rating_sum, p.mean, p.level, p.percent]).toEqual([7, 3.5, 4, 87.5])
  })

  it.each([
    // sum, effective target → mean, level, percent: halves round up exactly.
    { ratings: [4, 4, 1, 1], target: 4, mean: 2.5, level: 3, percent: 62.5 },
    { ratings: [2, 2, 1], target: 3, mean: 1.67, level: 2, percent: 41.7 },
    { ratings: [1, 0, 0], target: 3, mean: 0.33, level: 0, percent: 8.3 },
    { ratings: [1, 1, 0, 0, 0, 0, 0, 0], target: 8, mean: 0.25, level: 0, percent: 6.3 },
    { ratings: [3, 3, 3, 3, 2, 2, 2, 2, 2, 2], target: 16, mean: 1.5, level: 2, percent: 37.5 },
  ])(
    'rounds $ratings of $target to mean $mean, level $level, $percent %',
    ({ ratings, target, mean, level, percent }) => {
      const goal = aGoal({ target_count: target, milestones: '' })
      const sessions = ratings.map((rating, i) => aSession({ task: `tugas ${i}`, rating }))
      const p = at(sessions, '2025-03-19', goal)
      expect([p.mean, p.level, p.percent]).toEqual([mean, level, percent])
    },
  )

  it('uses the defaults when optional goal and session fields are omitted or blank', () => {
    const goal = { goal_id: 'T-0009', case_id: 'K-0009', start_date: '2025-03-05', duration_days: 10, target_count: 1 }
    const sessions = [{ goal_id: 'T-0009', date: '2025-03-05', task: 'x', assistance: 'mandiri', rating: '' }]
    const p = goalProgress({ goal, sessions, holidays: [], asOf: '2025-03-05' })
    expect([p.mastery_level, p.success_level, p.level, p.success, p.milestones]).toEqual([4, 3, 4, true, []])
  })

  it('ignores sessions dated after as_of', () => {
    const p = at(exampleSessions(), '2025-03-10')
    expect(p.tasks).toEqual([
      { task: 'memilah pakaian', rating: 4, mastered: true, sessions: 3, last_date: '2025-03-10' },
    ])
    expect(p.last_session).toBe('2025-03-10')
  })

  it('reports behind when a milestone was missed before the goal ended', () => {
    const p = at([aSession({ assistance: 'penuh' })], '2025-03-13')
    expect(p.milestones[0]?.status).toBe('missed')
    expect(p.status).toBe('behind')
  })

  it('starts day 1 on the next working day when start_date is a weekend', () => {
    const goal = aGoal({ start_date: '2025-03-08', milestones: '1:0, 2:0' })
    expect(at([], '2025-03-08', goal).milestones.map((m) => m.date)).toEqual(['2025-03-10', '2025-03-11'])
  })
})

describe('goalsProgress', () => {
  it('gives each goal the same progress as goalProgress alone', () => {
    const other = aGoal({ goal_id: 'T-0002', milestones: '3:1' })
    const sessions = [...exampleSessions(), aSession({ goal_id: 'T-0002', date: '2025-03-07', assistance: 'mandiri' })]
    const all = goalsProgress({
      goals: [EXAMPLE_GOAL, other],
      sessions,
      holidays: EXAMPLE_HOLIDAYS,
      asOf: '2025-03-19',
    })
    expect(all).toEqual([
      goalProgress({ goal: EXAMPLE_GOAL, sessions, holidays: EXAMPLE_HOLIDAYS, asOf: '2025-03-19' }),
      goalProgress({ goal: other, sessions, holidays: EXAMPLE_HOLIDAYS, asOf: '2025-03-19' }),
    ])
  })
})

describe('sessionRating', () => {
  it.each([
    { assistance: 'mandiri', rating: 4 },
    { assistance: 'minimal', rating: 3 },
    { assistance: 'sebagian', rating: 2 },
    { assistance: 'penuh', rating: 1 },
    { assistance: 'tidak_tercapai', rating: 0 },
  ])('derives $rating from assistance $assistance', ({ assistance, rating }) => {
    expect(sessionRating({ assistance })).toBe(rating)
    expect(sessionRating({ assistance, rating: null })).toBe(rating)
    expect(sessionRating({ assistance, rating: '' })).toBe(rating)
  })

  it('reads N and numeric text leniently', () => {
    expect([sessionRating({ rating: 'n' }), sessionRating({ rating: ' 3 ' }), sessionRating({})]).toEqual([
      'N',
      3,
      undefined,
    ])
  })
})

describe('levelLabel', () => {
  it('names the five levels in Indonesian and English', () => {
    expect([0, 1, 2, 3, 4].map((l) => levelLabel(l))).toEqual([
      'Tidak Tercapai',
      'Kurang Tercapai',
      'Sebagian Tercapai',
      'Cukup Tercapai',
      'Sangat Tercapai',
    ])
    expect([0, 1, 2, 3, 4].map(levelLabelEn)).toEqual([
      'not achieved',
      'minimally achieved',
      'partially achieved',
      'substantially achieved',
      'fully achieved',
    ])
  })
})

// ---- properties -------------------------------------------------------------------------------

const TASK_NAMES = ['memilah', 'merendam', 'menyikat', 'membilas', 'menjemur', 'melipat']
const ASSISTANCE = ['mandiri', 'minimal', 'sebagian', 'penuh', 'tidak_tercapai'] as const
const MARCH = Array.from({ length: 31 }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`)

const arbSession = fc.record({
  date: fc.constantFrom(...MARCH),
  task: fc.constantFrom(...TASK_NAMES),
  assistance: fc.constantFrom(...ASSISTANCE),
  rating: fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant<'N'>('N')), { nil: undefined }),
})
const toSession = (s: { date: string; task: string; assistance: Session['assistance']; rating: Session['rating'] }) =>
  s.rating === undefined
    ? aSession({ date: s.date, task: s.task, assistance: s.assistance })
    : aSession({ date: s.date, task: s.task, assistance: s.assistance, rating: s.rating })
const arbGoal = fc.record({
  target_count: fc.integer({ min: 1, max: 8 }),
  mastery_level: fc.integer({ min: 0, max: 4 }),
  success_level: fc.integer({ min: 0, max: 4 }),
})

describe('goalProgress properties', () => {
  it('keeps the level within 0–4 and consistent with the label and success', () => {
    fc.assert(
      fc.property(arbGoal, fc.array(arbSession, { maxLength: 30 }), fc.constantFrom(...MARCH), (g, raw, asOf) => {
        const goal = aGoal(g)
        const p = goalProgress({ goal, sessions: raw.map(toSession), holidays: EXAMPLE_HOLIDAYS, asOf })
        expect(p.level).toBeGreaterThanOrEqual(0)
        expect(p.level).toBeLessThanOrEqual(4)
        expect(p.label).toBe(levelLabel(p.level))
        expect(p.success).toBe(p.level >= g.success_level)
        expect(p.percent).toBeGreaterThanOrEqual(0)
        expect(p.percent).toBeLessThanOrEqual(100)
      }),
    )
  })

  it('rates a task 4 when its latest session is mandiri without an explicit rating', () => {
    fc.assert(
      fc.property(fc.array(arbSession, { maxLength: 20 }), fc.constantFrom(...TASK_NAMES), (raw, task) => {
        // The mandiri session comes last in the input and on the latest day, so it wins any tie.
        const sessions = [...raw.map(toSession), aSession({ date: '2025-03-31', task, assistance: 'mandiri' })]
        const p = goalProgress({ goal: EXAMPLE_GOAL, sessions, holidays: EXAMPLE_HOLIDAYS, asOf: '2025-03-31' })
        expect(p.tasks.find((t) => t.task === task)?.rating).toBe(4)
      }),
    )
  })

  it('gives the same progress for any order of rows when no task has two sessions on one day', () => {
    // One session per (task, day): unique on the pair, so order can only matter through ties.
    const arbDistinct = fc.uniqueArray(arbSession, { selector: (s) => `${s.task}|${s.date}`, maxLength: 40 })
    fc.assert(
      fc.property(arbGoal, arbDistinct, fc.constantFrom(...MARCH), fc.nat(), (g, raw, asOf, seed) => {
        const goal = aGoal(g)
        const sessions = raw.map(toSession)
        const shuffled = fc.sample(fc.shuffledSubarray(sessions, { minLength: sessions.length }), {
          seed,
          numRuns: 1,
        })[0]
        const a = goalProgress({ goal, sessions, holidays: EXAMPLE_HOLIDAYS, asOf })
        const b = goalProgress({ goal, sessions: shuffled ?? [], holidays: EXAMPLE_HOLIDAYS, asOf })
        expect(b).toEqual(a)
      }),
    )
  })

  // The issue asked for "adding an N task never raises a goal's level". Under rule 3 that holds
  // exactly when the goal already has its planned number of tasks; on a goal short of tasks an N
  // task excuses a planned one by design (target 4, ratings 4, N, N: level 2, not 1). Both
  // halves are pinned down here, and so is the bound that holds everywhere: an N task never
  // scores above the same task fully mastered.
  const arbRatings = fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant<'N'>('N')), { maxLength: 8 })
  const progressOf = (target: number, ratings: readonly (number | 'N')[]) =>
    goalProgress({
      goal: aGoal({ target_count: target, milestones: '' }),
      sessions: ratings.map((rating, i) => aSession({ task: `tugas ${i}`, rating })),
      holidays: EXAMPLE_HOLIDAYS,
      asOf: '2025-03-19',
    })

  it('never raises the level by adding an N task to a goal that has its planned number of tasks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), arbRatings, (target, ratings) => {
        fc.pre(ratings.length >= target)
        const before = progressOf(target, ratings)
        const after = progressOf(target, [...ratings, 'N'])
        expect(after.level).toBeLessThanOrEqual(before.level)
        expect([after.rating_sum, after.mean, after.percent]).toEqual([before.rating_sum, before.mean, before.percent])
      }),
    )
  })

  it('lowers the effective target by exactly one when an N task is added to a goal short of tasks', () => {
    // Short of tasks, rule 3 reads: effective = max(1, target − N tasks). Percent = sum / (4 × effective).
    const percentOf = (sum: number, effective: number) =>
      Math.floor((2000 * sum + 4 * effective) / (8 * effective)) / 10
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), arbRatings, (target, ratings) => {
        fc.pre(ratings.length < target)
        const excused = ratings.filter((r) => r === 'N').length + 1
        const after = progressOf(target, [...ratings, 'N'])
        expect(after.rating_sum).toBe(progressOf(target, ratings).rating_sum)
        expect(after.percent).toBe(percentOf(after.rating_sum, Math.max(1, target - excused)))
      }),
    )
  })

  it('never scores an N task above the same task fully mastered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), arbRatings, (target, ratings) => {
        const excused = progressOf(target, [...ratings, 'N'])
        const mastered = progressOf(target, [...ratings, 4])
        expect(excused.level).toBeLessThanOrEqual(mastered.level)
        expect(excused.mean).toBeLessThanOrEqual(mastered.mean)
      }),
    )
  })

  it('depends on row order only through same-day ties of one task', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ASSISTANCE), fc.constantFrom(...ASSISTANCE), (a1, a2) => {
        fc.pre(a1 !== a2)
        const x = aSession({ date: '2025-03-10', assistance: a1 })
        const y = aSession({ date: '2025-03-10', assistance: a2 })
        const forward = goalProgress({ goal: EXAMPLE_GOAL, sessions: [x, y], holidays: [], asOf: '2025-03-10' })
        const backward = goalProgress({ goal: EXAMPLE_GOAL, sessions: [y, x], holidays: [], asOf: '2025-03-10' })
        expect(forward.tasks[0]?.rating).toBe(sessionRating(y))
        expect(backward.tasks[0]?.rating).toBe(sessionRating(x))
        expect(forward.rating_sum).not.toBe(backward.rating_sum)
      }),
    )
  })
})

// ---- the milestone curve (issue 9 point 3) -------------------------------------------------------

describe('milestoneCurve', () => {
  it('draws the worked example as of 2025-03-13: the plan steps at days 5 and 10, mastery up to today', () => {
    const curve = milestoneCurve({
      goal: EXAMPLE_GOAL,
      sessions: exampleSessions(),
      holidays: EXAMPLE_HOLIDAYS,
      asOf: '2025-03-13',
    })
    expect(curve.map((p) => [p.day, p.date, p.planned, p.mastered])).toEqual([
      [1, '2025-03-05', 0, 0],
      [2, '2025-03-06', 0, 0],
      [3, '2025-03-10', 0, 1],
      [4, '2025-03-11', 0, 1],
      [5, '2025-03-12', 2, 2],
      [6, '2025-03-13', 2, 2],
      [7, '2025-03-14', 2, null],
      [8, '2025-03-17', 2, null],
      [9, '2025-03-18', 2, null],
      [10, '2025-03-19', 4, null],
    ])
  })

  it("counts on each day exactly what goalProgress counts as mastered as of that day, and on a milestone's day what the milestone reports", () => {
    fc.assert(
      fc.property(arbGoal, fc.array(arbSession, { maxLength: 30 }), fc.constantFrom(...MARCH), (g, raw, asOf) => {
        const goal = aGoal(g)
        const sessions = raw.map(toSession)
        const curve = milestoneCurve({ goal, sessions, holidays: EXAMPLE_HOLIDAYS, asOf })
        expect(curve).toHaveLength(goal.duration_days)
        const progress = goalProgress({ goal, sessions, holidays: EXAMPLE_HOLIDAYS, asOf })
        for (const point of curve) {
          if (point.date > asOf) {
            expect(point.mastered).toBeNull()
            continue
          }
          const then = goalProgress({ goal, sessions, holidays: EXAMPLE_HOLIDAYS, asOf: point.date })
          expect(point.mastered).toBe(then.tasks.filter((t) => t.mastered).length)
          const milestone = progress.milestones.find((m) => m.day === point.day)
          if (milestone !== undefined) expect(point.mastered).toBe(milestone.mastered)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('gives the same progress and curves in one pass (the dashboard) as goalsProgress and milestoneCurves', () => {
    fc.assert(
      fc.property(arbGoal, fc.array(arbSession, { maxLength: 30 }), fc.constantFrom(...MARCH), (g, raw, asOf) => {
        const goals = [aGoal(g), aGoal({ ...g, goal_id: 'T-0002', milestones: '1:1, 3:2' })]
        const sessions = raw.map((s, i) => ({ ...toSession(s), goal_id: i % 3 === 0 ? 'T-0002' : 'T-0001' }))
        const input = { goals, sessions, holidays: EXAMPLE_HOLIDAYS, asOf }
        expect(goalsProgressAndCurves(input)).toEqual({
          progress: goalsProgress(input),
          curves: milestoneCurves(input),
        })
      }),
      { numRuns: 60 },
    )
  })

  it('gives the same curves for many goals at once as one by one', () => {
    const other = aGoal({ goal_id: 'T-0002', milestones: '2:1', duration_days: 4 })
    const sessions = [...exampleSessions(), aSession({ session_id: 'S-0100', goal_id: 'T-0002', date: '2025-03-06' })]
    const input = { sessions, holidays: EXAMPLE_HOLIDAYS, asOf: '2025-03-19' }
    expect(milestoneCurves({ goals: [EXAMPLE_GOAL, other], ...input })).toEqual([
      milestoneCurve({ goal: EXAMPLE_GOAL, ...input }),
      milestoneCurve({ goal: other, ...input }),
    ])
  })
})
