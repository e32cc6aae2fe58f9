import { describe, expect, it } from 'vitest'
import { type RowOf, type TabKey, validateRow } from '../../src/domain/index'
import { aCase, aContext, aGoal, anAssessment, aSession, aStaffMember } from './builders'

const codes = <K extends TabKey>(tab: K, row: RowOf<K>, ctx = aContext()) =>
  validateRow(tab, row, ctx).map((i) => `${i.field}:${i.code}:${i.severity}`)

describe('validateRow accepts the valid builder rows', () => {
  it.each([
    { tab: 'cases', row: aCase() },
    { tab: 'assessments', row: anAssessment() },
    { tab: 'goals', row: aGoal() },
    { tab: 'sessions', row: aSession() },
  ] as const)('finds nothing wrong with a valid $tab row', ({ tab, row }) => {
    expect(codes(tab, row)).toEqual([])
  })
})

describe('validateRow reports one issue per broken rule', () => {
  it.each([
    // Case (domain.md "Case")
    {
      rule: 'birth date in the future',
      tab: 'cases',
      row: aCase({ birth_date: '2025-05-01' }),
      expected: ['birth_date:date_in_future:error'],
    },
    {
      rule: 'consent date in the future',
      tab: 'cases',
      row: aCase({ consent_date: '2025-05-01' }),
      expected: ['consent_date:date_in_future:error'],
    },
    {
      rule: 'closure fields required when not aktif',
      tab: 'cases',
      row: aCase({ status: 'selesai' }),
      expected: [
        'closed_date:closure_required:error',
        'closure_reason:closure_required:error',
        'referred_to:closure_required:error',
      ],
    },
    {
      rule: 'cluster not in the Lists tab',
      tab: 'cases',
      row: aCase({ cluster: 'lansia' }),
      expected: ['cluster:not_in_list:error'],
    },
    {
      rule: 'unknown worker',
      tab: 'cases',
      row: aCase({ worker: 'peksos-x' }),
      expected: ['worker:worker_unknown:error'],
    },
    {
      rule: 'inactive worker on an open case',
      tab: 'cases',
      row: aCase({ worker: 'peksos-lama' }),
      expected: ['worker:worker_inactive:warning'],
    },
    // Assessment (domain.md "Assessment")
    {
      rule: 'domain not of the tool',
      tab: 'assessments',
      row: anAssessment({ tool: 'ils', domain: 'spiritual' }),
      expected: ['domain:domain_not_allowed:error'],
    },
    {
      rule: 'domain missing for a fixed-domain tool',
      tab: 'assessments',
      row: { ...anAssessment({ tool: 'saleebey' }), domain: undefined },
      expected: ['domain:domain_required:error'],
    },
    {
      rule: 'case not found',
      tab: 'assessments',
      row: anAssessment({ case_id: 'K-0404' }),
      expected: ['case_id:case_not_found:error'],
    },
    {
      rule: 'assessment before consent',
      tab: 'assessments',
      row: anAssessment({ date: '2025-02-19' }),
      expected: ['date:before_consent:error'],
    },
    {
      rule: 'assessment dated after today',
      tab: 'assessments',
      row: anAssessment({ date: '2025-05-02' }),
      expected: ['date:date_in_future:warning'],
    },
    // Goal (domain.md "Goal")
    {
      rule: 'last milestone count above target',
      tab: 'goals',
      row: aGoal({ milestones: '5:2, 10:5' }),
      expected: ['milestones:milestones_exceed_target:error'],
    },
    {
      rule: 'last milestone day beyond duration',
      tab: 'goals',
      row: aGoal({ milestones: '5:2, 11:4' }),
      expected: ['milestones:milestones_exceed_duration:error'],
    },
    {
      rule: 'goal before consent',
      tab: 'goals',
      row: aGoal({ start_date: '2025-02-19' }),
      expected: ['start_date:before_consent:error'],
    },
    // Session (domain.md "Session")
    {
      rule: 'neither rating nor assistance',
      tab: 'sessions',
      row: { ...aSession(), assistance: undefined },
      expected: ['assistance:assistance_required:error'],
    },
    {
      rule: 'goal not found',
      tab: 'sessions',
      row: aSession({ goal_id: 'T-0404' }),
      expected: ['goal_id:goal_not_found:error'],
    },
    {
      rule: 'session before consent',
      tab: 'sessions',
      row: aSession({ date: '2025-02-19' }),
      expected: ['date:before_consent:error', 'date:before_goal_start:warning'],
    },
    {
      rule: 'session before the goal starts',
      tab: 'sessions',
      row: aSession({ date: '2025-03-04' }),
      expected: ['date:before_goal_start:warning'],
    },
    {
      rule: 'session after the goal’s last working day',
      tab: 'sessions',
      row: aSession({ date: '2025-03-20' }),
      expected: ['date:after_goal_end:warning'],
    },
    {
      rule: 'session worker unknown',
      tab: 'sessions',
      row: aSession({ worker: 'peksos-x' }),
      expected: ['worker:worker_unknown:error'],
    },
  ] as const)('$rule', ({ tab, row, expected }) => {
    expect(codes(tab, row as RowOf<typeof tab>)).toEqual(expected)
  })

  it('checks a staff member’s cluster against the Lists tab', () => {
    expect(codes('staff', aStaffMember({ cluster: 'lansia' }))).toEqual(['cluster:not_in_list:error'])
    expect(codes('staff', aStaffMember({ cluster: 'anak' }))).toEqual([])
  })

  it('refuses a session for a case without consent', () => {
    const { consent_date: _, ...withoutConsent } = aCase()
    const ctx = aContext({ cases: [withoutConsent] })
    expect(codes('sessions', aSession(), ctx)).toEqual(['date:consent_missing:error'])
  })

  it('refuses a session whose goal belongs to another case', () => {
    const ctx = aContext({ cases: [aCase(), aCase({ case_id: 'K-0002' })] })
    expect(codes('sessions', aSession({ case_id: 'K-0002' }), ctx)).toEqual(['goal_id:goal_case_mismatch:error'])
  })

  it('refuses a new session for a closed case but keeps the ones logged before it closed', () => {
    const closed = aCase({
      status: 'selesai',
      closed_date: '2025-03-12',
      closure_reason: 'tujuan tercapai',
      referred_to: 'keluarga',
    })
    const ctx = aContext({ cases: [closed] })
    expect(codes('sessions', aSession({ date: '2025-03-13' }), ctx)).toEqual(['case_id:case_not_active:error'])
    expect(codes('sessions', aSession({ date: '2025-03-12' }), ctx)).toEqual([])
  })

  it('skips worker checks while the Staff tab is empty', () => {
    expect(codes('sessions', aSession({ worker: 'siapa-saja' }), aContext({ staff: [] }))).toEqual([])
  })

  it('matches workers by staff id or email, ignoring case', () => {
    expect(codes('sessions', aSession({ worker: 'PEKSOS-UJI@example.org' }))).toEqual([])
  })

  it('names the goal and its last working day in the after-end warning', () => {
    const [issue] = validateRow('sessions', aSession({ date: '2025-03-21' }), aContext())
    expect(issue?.message.id).toBe('Tanggal sesi sesudah hari kerja terakhir tujuan T-0001 (2025-03-19).')
  })
})
