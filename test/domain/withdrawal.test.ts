// A session or assessment logged by mistake is withdrawn, never deleted: it keeps its row, needs a
// date and a reason, and leaves TAS progress, coverage, triangulation and the Dashboard.
import { describe, expect, it } from 'vitest'
import {
  assessmentCoverage,
  buildDashboard,
  goalProgress,
  isWithdrawn,
  type RowOf,
  TABLES,
  type TabKey,
  validateRow,
} from '../../src/domain/index'
import {
  aCase,
  aContext,
  aGoal,
  anAssessment,
  aSession,
  aStaffMember,
  EXAMPLE_HOLIDAYS,
  exampleSessions,
  TODAY,
} from './builders'

const codes = <K extends TabKey>(tab: K, row: RowOf<K>, ctx = aContext()) =>
  validateRow(tab, row, ctx).map((i) => `${i.field}:${i.code}:${i.severity}`)

const WITHDRAWN = { withdrawn_date: '2025-04-02', withdrawn_reason: 'salah kasus' } as const

describe('the withdrawal columns', () => {
  it.each(['sessions', 'assessments'] as const)('sit last before _status on %s, staff-owned and optional', (tab) => {
    const keys = TABLES[tab].columns.map((c) => c.key)
    expect(keys.slice(-3)).toEqual(['withdrawn_date', 'withdrawn_reason', '_status'])
    const date = TABLES[tab].columns.find((c) => c.key === 'withdrawn_date')
    expect(date).toMatchObject({ kind: 'date', owner: 'staff', required: false })
  })

  it.each([
    [{}, false],
    [{ withdrawn_date: '2025-04-02' }, true],
    [{ withdrawn_reason: 'salah kasus' }, false],
    [{ withdrawn_date: '' }, false],
  ])('isWithdrawn(%j) is %s: the date makes the withdrawal', (row, expected) => {
    expect(isWithdrawn(row)).toBe(expected)
  })
})

describe('validateRow on a withdrawal', () => {
  it.each([
    { tab: 'sessions', row: aSession(WITHDRAWN) },
    { tab: 'assessments', row: anAssessment(WITHDRAWN) },
  ] as const)('accepts a $tab row withdrawn with a date and a reason', ({ tab, row }) => {
    expect(codes(tab, row)).toEqual([])
  })

  it.each([
    {
      rule: 'a date without a reason',
      row: aSession({ withdrawn_date: '2025-04-02' }),
      expected: ['withdrawn_reason:withdrawal_incomplete:error'],
    },
    {
      rule: 'a reason without a date',
      row: aSession({ withdrawn_reason: 'salah kasus' }),
      expected: ['withdrawn_date:withdrawal_incomplete:error'],
    },
    {
      rule: 'a withdrawal date after today',
      row: aSession({ ...WITHDRAWN, withdrawn_date: '2025-05-02' }),
      expected: ['withdrawn_date:date_in_future:error'],
    },
  ])('refuses $rule', ({ row, expected }) => {
    expect(codes('sessions', row)).toEqual(expected)
  })

  it('does not ask to fix the case or goal of a row that was taken back', () => {
    const wrongCase = aSession({ ...WITHDRAWN, case_id: 'K-0099', goal_id: 'T-0099' })
    expect(codes('sessions', wrongCase)).toEqual([])
    expect(codes('sessions', { ...wrongCase, withdrawn_date: undefined, withdrawn_reason: undefined })).toContain(
      'case_id:case_not_found:error',
    )
  })

  it('still applies the rules of the row itself (tool → domain, assistance)', () => {
    expect(codes('assessments', anAssessment({ ...WITHDRAWN, domain: 'fisik' }))).toEqual([
      'domain:domain_not_allowed:error',
    ])
    expect(codes('sessions', aSession({ ...WITHDRAWN, assistance: undefined }))).toEqual([
      'assistance:assistance_required:error',
    ])
  })
})

describe('what a withdrawn row leaves out', () => {
  it('is not one of its goal’s sessions in TAS progress (any as-of date)', () => {
    const sessions = exampleSessions()
    const asOf = '2025-03-20'
    const all = goalProgress({ goal: aGoal(), sessions, holidays: EXAMPLE_HOLIDAYS, asOf })
    // Withdrawing the last session of a task is the same as never having logged it.
    const last = sessions.length - 1
    const withdrawn = sessions.map((s, i) => (i === last ? { ...s, ...WITHDRAWN } : s))
    const without = sessions.filter((_, i) => i !== last)
    expect(goalProgress({ goal: aGoal(), sessions: withdrawn, holidays: EXAMPLE_HOLIDAYS, asOf })).toEqual(
      goalProgress({ goal: aGoal(), sessions: without, holidays: EXAMPLE_HOLIDAYS, asOf }),
    )
    expect(all).not.toEqual(goalProgress({ goal: aGoal(), sessions: without, holidays: EXAMPLE_HOLIDAYS, asOf }))
  })

  it('covers no domain and backs no triangulation', () => {
    const fromClient = anAssessment({ assessment_id: 'A-0001', source: 'klien' })
    const fromFamily = anAssessment({ assessment_id: 'A-0002', source: 'keluarga' })
    const domain = (rows: RowOf<'assessments'>[]) =>
      assessmentCoverage('K-0001', rows).bpss.find((d) => d.domain === 'psikologis')
    expect(domain([fromClient, fromFamily])).toMatchObject({ assessments: 2, triangulated: true })
    expect(domain([fromClient, { ...fromFamily, ...WITHDRAWN }])).toMatchObject({
      assessments: 1,
      sources: ['klien'],
      triangulated: false,
    })
    expect(domain([{ ...fromClient, ...WITHDRAWN }])).toMatchObject({ covered: false })
  })

  it('is not counted among the Dashboard’s sessions of the week', () => {
    const input = {
      cases: [aCase()],
      goals: [aGoal()],
      sessions: [aSession({ date: TODAY }), aSession({ session_id: 'S-0002', date: TODAY, ...WITHDRAWN })],
      staff: [aStaffMember()],
      holidays: EXAMPLE_HOLIDAYS,
      asOf: TODAY,
    }
    expect(buildDashboard(input).summary.sessions_this_week).toBe(1)
  })
})
