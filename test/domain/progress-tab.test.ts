import { describe, expect, it } from 'vitest'
import {
  buildProgressRows,
  compareIds,
  milestoneText,
  nextMilestone,
  PROGRESS_COLUMNS,
  type ProgressCase,
  type ProgressGoal,
  type ProgressSession,
  progressRowCells,
  progressRowValues,
} from '../../src/domain/progress-tab'
import type { MilestoneProgress } from '../../src/domain/task-achievement'
import { WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../support/worked-example'

// The worked example of domain.md "Worked example": goal G1, holiday 2025-03-07.
const CASE: ProgressCase = { case_id: 'K-0001', initials: 'AB', worker: 'peksos-uji', status: 'aktif' }
const GOAL: ProgressGoal = { goal_id: 'T-0001', case_id: 'K-0001', ...WORKED_GOAL }
const HOLIDAYS = WORKED_HOLIDAYS
const SESSIONS: ProgressSession[] = WORKED_SESSIONS.map((s) => ({ goal_id: 'T-0001', ...s }))
const WITH_N = SESSIONS.map((s) => (s.date === '2025-03-18' ? { ...s, rating: 'N' } : s))

const onlyRow = (sessions: readonly ProgressSession[], asOf: string) => {
  const rows = buildProgressRows({ cases: [CASE], goals: [GOAL], sessions, holidays: HOLIDAYS, asOf })
  expect(rows).toHaveLength(1)
  return rows[0] as NonNullable<(typeof rows)[0]>
}

describe('buildProgressRows', () => {
  it.each([
    // asOf, sessions, mastered, sum, mean, level, label, percent, success, status, last session, days since
    ['2025-03-04', SESSIONS, 0, 0, 0, 0, 'Tidak Tercapai', 0, false, 'not_started', null, null],
    ['2025-03-13', SESSIONS, 2, 9, 2.25, 2, 'Sebagian Tercapai', 56.3, false, 'on_track', '2025-03-13', 0],
    ['2025-03-19', SESSIONS, 3, 15, 3.75, 4, 'Sangat Tercapai', 93.8, true, 'on_track', '2025-03-19', 0],
    ['2025-03-20', SESSIONS, 3, 15, 3.75, 4, 'Sangat Tercapai', 93.8, true, 'completed', '2025-03-19', 1],
    ['2025-03-19', WITH_N, 3, 12, 4, 4, 'Sangat Tercapai', 100, true, 'on_track', '2025-03-19', 0],
  ] as const)(
    'turns the worked example as of %s into the row domain.md gives (case %#)',
    (asOf, sessions, mastered, sum, mean, level, label, percent, success, status, last, days) => {
      const row = onlyRow(sessions, asOf)
      expect(row).toMatchObject({
        case_id: 'K-0001',
        initials: 'AB',
        worker: 'peksos-uji',
        goal_id: 'T-0001',
        title: 'Mencuci pakaian sendiri',
        target_count: 4,
        mastered,
        rating_sum: sum,
        mean,
        level,
        label,
        percent,
        success,
        status,
        last_session: last,
        days_since: days,
      })
    },
  )

  it.each([
    // asOf, day, date, target, mastered, status
    ['2025-03-04', 5, '2025-03-12', 2, 0, 'pending'],
    ['2025-03-12', 5, '2025-03-12', 2, 2, 'met'],
    ['2025-03-13', 10, '2025-03-19', 4, 2, 'pending'],
    ['2025-03-19', 10, '2025-03-19', 4, 3, 'pending'],
    ['2025-03-20', 10, '2025-03-19', 4, 3, 'missed'],
  ] as const)('shows as of %s the milestone of day %i (%s) as next', (asOf, day, date, target, mastered, status) => {
    expect(onlyRow(SESSIONS, asOf).next_milestone).toEqual({ day, date, target, mastered, status })
  })

  it('lists one row per goal of an aktif case, by case id then goal id (numeric ids)', () => {
    const cases: ProgressCase[] = [
      { ...CASE, case_id: 'K-10000' },
      { ...CASE, case_id: 'K-0002' },
      { ...CASE, case_id: 'K-0010' },
      { ...CASE, case_id: 'K-0003', status: 'selesai' },
      { ...CASE, case_id: 'K-0004', status: 'dirujuk' },
    ]
    const goals: ProgressGoal[] = [
      { ...GOAL, goal_id: 'T-0005', case_id: 'K-0010' },
      { ...GOAL, goal_id: 'T-0002', case_id: 'K-10000' },
      { ...GOAL, goal_id: 'T-0011', case_id: 'K-0002' },
      { ...GOAL, goal_id: 'T-0003', case_id: 'K-0002' },
      { ...GOAL, goal_id: 'T-0004', case_id: 'K-0003' },
      { ...GOAL, goal_id: 'T-0006', case_id: 'K-0004' },
      { ...GOAL, goal_id: 'T-0007', case_id: 'K-0999' },
    ]
    const rows = buildProgressRows({ cases, goals, sessions: [], holidays: [], asOf: '2025-03-13' })
    expect(rows.map((r) => [r.case_id, r.goal_id])).toEqual([
      ['K-0002', 'T-0003'],
      ['K-0002', 'T-0011'],
      ['K-0010', 'T-0005'],
      ['K-10000', 'T-0002'],
    ])
  })

  it('counts only the sessions of each goal', () => {
    const other = SESSIONS.map((s) => ({ ...s, goal_id: 'T-0002' }))
    const goals = [GOAL, { ...GOAL, goal_id: 'T-0002', milestones: undefined }]
    const rows = buildProgressRows({
      cases: [CASE],
      goals,
      sessions: [...SESSIONS.slice(0, 3), ...other],
      holidays: HOLIDAYS,
      asOf: '2025-03-19',
    })
    expect(rows.map((r) => [r.goal_id, r.rating_sum, r.mastered])).toEqual([
      ['T-0001', 4, 1],
      ['T-0002', 15, 3],
    ])
  })

  it('gives no next milestone to a goal without milestones', () => {
    const rows = buildProgressRows({
      cases: [CASE],
      goals: [{ ...GOAL, milestones: undefined }],
      sessions: SESSIONS,
      holidays: HOLIDAYS,
      asOf: '2025-03-13',
    })
    expect(rows[0]?.next_milestone).toBeNull()
    expect(progressRowCells(rows[0] as NonNullable<(typeof rows)[0]>)).toMatchObject({
      next_milestone: null,
      milestone_status: null,
    })
  })

  it('does not depend on the order of the input rows', () => {
    const cases: ProgressCase[] = [CASE, { ...CASE, case_id: 'K-0002', initials: 'CD' }]
    const goals: ProgressGoal[] = [GOAL, { ...GOAL, goal_id: 'T-0002', case_id: 'K-0002' }]
    const input = { cases, goals, sessions: SESSIONS, holidays: HOLIDAYS, asOf: '2025-03-13' }
    const reversed = {
      ...input,
      cases: [...cases].reverse(),
      goals: [...goals].reverse(),
      sessions: [...SESSIONS].reverse(),
    }
    expect(buildProgressRows(reversed)).toEqual(buildProgressRows(input))
  })
})

describe('progressRowCells', () => {
  it.each([
    // asOf, next milestone text, milestone status, goal status, last session serial, days since
    ['2025-03-04', 'Hari 5 (12-03-2025): 2 tugas', 'menunggu', 'belum mulai', null, null],
    ['2025-03-13', 'Hari 10 (19-03-2025): 4 tugas', 'menunggu', 'sesuai rencana', 45729, 0],
    ['2025-03-20', 'Hari 10 (19-03-2025): 4 tugas', 'tertinggal', 'selesai', 45735, 1],
  ] as const)(
    'writes the row as of %s in Indonesian with dates as day serials',
    (asOf, text, mStatus, gStatus, serial, days) => {
      expect(progressRowCells(onlyRow(SESSIONS, asOf))).toMatchObject({
        next_milestone: text,
        milestone_status: mStatus,
        goal_status: gStatus,
        last_session: serial,
        days_since: days,
      })
    },
  )

  it('says `tertinggal` for a goal with a missed milestone that is still running', () => {
    const late = SESSIONS.filter((s) => s.task !== 'merendam')
    const cells = progressRowCells(onlyRow(late, '2025-03-13'))
    expect(cells.goal_status).toBe('tertinggal')
  })

  it.each([
    // feedback on the goal, as of 2025-03-13 → the approval cell
    ['no feedback', [], 'belum ditinjau'],
    ['an approval', [{ kind: 'approve', date: '2025-03-04' }], 'disetujui'],
    ['a revision request', [{ kind: 'revise', date: '2025-03-04', text: 'perjelas target' }], 'perlu revisi'],
    [
      'a resolved revision request',
      [{ kind: 'revise', date: '2025-03-04', text: 'perjelas target', resolved_date: '2025-03-05', reply: 'sudah' }],
      'sudah direvisi, menunggu persetujuan',
    ],
    ['an approval dated after the as-of date', [{ kind: 'approve', date: '2025-03-14' }], 'belum ditinjau'],
  ] as const)('shows the plan approval with %s as %j', (_name, rows, text) => {
    const feedback = rows.map((r, i) => ({
      feedback_id: `U-000${i + 1}`,
      case_id: 'K-0001',
      target: 'T-0001',
      from: 'koordinator-uji',
      ...r,
    }))
    const [row] = buildProgressRows({
      cases: [CASE],
      goals: [GOAL],
      sessions: SESSIONS,
      feedback,
      holidays: HOLIDAYS,
      asOf: '2025-03-13',
    })
    expect(row === undefined ? undefined : progressRowCells(row).approval).toBe(text)
  })

  it('gives a cell for every Progress column, in column order', () => {
    const row = onlyRow(SESSIONS, '2025-03-13')
    const values = progressRowValues(row)
    expect(values).toHaveLength(PROGRESS_COLUMNS.length)
    expect(values.slice(0, 5)).toEqual(['K-0001', 'AB', 'peksos-uji', 'T-0001', 'Mencuci pakaian sendiri'])
    expect(Object.keys(progressRowCells(row))).toEqual(PROGRESS_COLUMNS.map((c) => c.key))
  })
})

describe('nextMilestone', () => {
  const m = (day: number, date: string, status: MilestoneProgress['status']): MilestoneProgress => ({
    day,
    date,
    target: day,
    mastered: 0,
    status,
  })
  const list = [m(5, '2025-03-12', 'missed'), m(10, '2025-03-19', 'pending'), m(15, '2025-03-26', 'pending')]

  it.each([
    ['2025-03-01', 5],
    ['2025-03-12', 5],
    ['2025-03-13', 10],
    ['2025-03-19', 10],
    ['2025-03-20', 15],
    ['2025-04-30', 15],
  ])('as of %s points at the milestone of day %i', (asOf, day) => {
    expect(nextMilestone(list, asOf)?.day).toBe(day)
  })

  it('is null without milestones', () => {
    expect(nextMilestone([], '2025-03-13')).toBeNull()
  })
})

describe('milestoneText', () => {
  it.each([
    [{ day: 10, date: '2025-03-19', target: 4 }, 'Hari 10 (19-03-2025): 4 tugas'],
    [{ day: 1, date: '2025-12-31', target: 0 }, 'Hari 1 (31-12-2025): 0 tugas'],
  ])('writes %o as %s', (m, text) => {
    expect(milestoneText(m)).toBe(text)
  })
})

describe('compareIds', () => {
  it.each([
    ['K-0009', 'K-0010', -1],
    ['K-9999', 'K-10000', -1],
    ['K-0010', 'K-10', -1],
    ['K-0001', 'K-0001', 0],
    ['A-0002', 'K-0001', -1],
  ])('orders %s against %s as %i', (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign)
  })
})
