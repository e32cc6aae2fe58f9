// A goal's approval state, open feedback and its age — pure functions of the Feedback rows and an
// as-of date (issue 9 point 2; src/domain/feedback-state.ts).
import { describe, expect, it } from 'vitest'
import {
  APPROVAL_LABELS,
  APPROVAL_STATES,
  type FeedbackInput,
  feedbackAge,
  goalApproval,
  goalApprovals,
  isOpenFeedback,
  openFeedback,
} from '../../src/domain/index'
import { EXAMPLE_HOLIDAYS } from './builders'

const fb = (feedback_id: string, date: string, kind: FeedbackInput['kind'], over: Partial<FeedbackInput> = {}) =>
  ({
    feedback_id,
    case_id: 'K-0001',
    target: 'T-0001',
    date,
    from: 'koordinator-uji',
    kind,
    ...(kind === 'approve' ? {} : { text: 'catatan uji' }),
    ...over,
  }) satisfies FeedbackInput

const resolved = (date: string) => ({ resolved_date: date, reply: 'Sudah direvisi.' })

describe("a goal's approval state", () => {
  it.each([
    { name: 'no feedback', rows: [], asOf: '2025-03-10', state: 'not_reviewed', by: null },
    {
      name: 'comments only',
      rows: [fb('U-0001', '2025-03-05', 'comment')],
      asOf: '2025-03-10',
      state: 'not_reviewed',
      by: null,
    },
    {
      name: 'an approval',
      rows: [fb('U-0001', '2025-03-05', 'approve')],
      asOf: '2025-03-10',
      state: 'approved',
      by: 'U-0001',
    },
    {
      name: 'an approval dated after the as-of date is not seen yet',
      rows: [fb('U-0001', '2025-03-11', 'approve')],
      asOf: '2025-03-10',
      state: 'not_reviewed',
      by: null,
    },
    {
      name: 'a revision request',
      rows: [fb('U-0001', '2025-03-05', 'revise')],
      asOf: '2025-03-10',
      state: 'revision_requested',
      by: 'U-0001',
    },
    {
      name: 'a revision request the worker resolved: awaiting approval',
      rows: [fb('U-0001', '2025-03-05', 'revise', resolved('2025-03-07'))],
      asOf: '2025-03-10',
      state: 'revised',
      by: 'U-0001',
    },
    {
      name: 'a revision resolved only after the as-of date is still requested as of then',
      rows: [fb('U-0001', '2025-03-05', 'revise', resolved('2025-03-12'))],
      asOf: '2025-03-10',
      state: 'revision_requested',
      by: 'U-0001',
    },
    {
      name: 'approved after the revision',
      rows: [fb('U-0001', '2025-03-05', 'revise', resolved('2025-03-07')), fb('U-0002', '2025-03-10', 'approve')],
      asOf: '2025-03-10',
      state: 'approved',
      by: 'U-0002',
    },
    {
      name: 'asked again after an approval (the plan changed)',
      rows: [fb('U-0001', '2025-03-05', 'approve'), fb('U-0002', '2025-03-10', 'revise')],
      asOf: '2025-03-10',
      state: 'revision_requested',
      by: 'U-0002',
    },
    {
      name: 'same date: the later row (higher id) decides, whatever the row order',
      rows: [fb('U-0010', '2025-03-05', 'approve'), fb('U-0009', '2025-03-05', 'revise')],
      asOf: '2025-03-10',
      state: 'approved',
      by: 'U-0010',
    },
    {
      name: "another goal's feedback does not count",
      rows: [fb('U-0001', '2025-03-05', 'approve', { target: 'T-0002' })],
      asOf: '2025-03-10',
      state: 'not_reviewed',
      by: null,
    },
  ] as const)('$name → $state', ({ rows, asOf, state, by }) => {
    const approval = goalApproval('T-0001', rows, asOf)
    expect(approval.state).toBe(state)
    expect(approval.feedback_id).toBe(by)
    expect(goalApproval('T-0001', [...rows].reverse(), asOf)).toEqual(approval)
  })

  it('answers each goal, index for index', () => {
    const rows = [fb('U-0001', '2025-03-05', 'approve'), fb('U-0002', '2025-03-05', 'revise', { target: 'T-0003' })]
    expect(goalApprovals(['T-0001', 'T-0002', 'T-0003'], rows, '2025-03-10').map((a) => a.state)).toEqual([
      'approved',
      'not_reviewed',
      'revision_requested',
    ])
  })

  it('has an Indonesian and an English word for every state', () => {
    for (const state of APPROVAL_STATES) {
      expect(APPROVAL_LABELS[state].id.length).toBeGreaterThan(0)
      expect(APPROVAL_LABELS[state].en.length).toBeGreaterThan(0)
    }
  })
})

describe('open feedback', () => {
  it.each([
    { name: 'a comment not resolved', row: fb('U-0001', '2025-03-05', 'comment'), open: true },
    { name: 'a revision request not resolved', row: fb('U-0001', '2025-03-05', 'revise'), open: true },
    { name: 'an approval (needs no answer)', row: fb('U-0001', '2025-03-05', 'approve'), open: false },
    {
      name: 'resolved on or before the as-of date',
      row: fb('U-0001', '2025-03-05', 'comment', resolved('2025-03-10')),
      open: false,
    },
    {
      name: 'resolved after the as-of date',
      row: fb('U-0001', '2025-03-05', 'comment', resolved('2025-03-11')),
      open: true,
    },
    { name: 'given after the as-of date', row: fb('U-0001', '2025-03-11', 'comment'), open: false },
  ])('$name: open = $open as of 2025-03-10', ({ row, open }) => {
    expect(isOpenFeedback(row, '2025-03-10')).toBe(open)
  })

  it('lists open feedback oldest first, then by id', () => {
    const rows = [
      fb('U-0003', '2025-03-06', 'comment'),
      fb('U-0002', '2025-03-05', 'revise'),
      fb('U-0001', '2025-03-06', 'comment'),
      fb('U-0004', '2025-03-05', 'approve'),
    ]
    expect(openFeedback(rows, '2025-03-10').map((f) => f.feedback_id)).toEqual(['U-0002', 'U-0001', 'U-0003'])
  })
})

describe('the age of feedback in whole working days', () => {
  // Holiday Friday 2025-03-07 (domain.md's worked example).
  it.each([
    ['given today', '2025-03-10', '2025-03-10', 0],
    ['given yesterday', '2025-03-10', '2025-03-11', 0],
    ['Wednesday → Monday: Thursday counts, the holiday and the weekend do not', '2025-03-05', '2025-03-10', 1],
    ['Wednesday → Thursday a week later', '2025-03-05', '2025-03-13', 4],
  ])('%s: %s as of %s is %i', (_name, date, asOf, days) => {
    expect(feedbackAge(date, asOf, EXAMPLE_HOLIDAYS)).toBe(days)
  })
})
