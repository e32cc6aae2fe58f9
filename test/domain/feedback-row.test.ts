// The rules of the Feedback tab (issue 9 point 2), one row per rule: validate-row.ts
// validateFeedback, and the same rules on rows typed into the sheet (validateSnapshot).
import { describe, expect, it } from 'vitest'
import { type Feedback, isoToSerial, validateRow, validateSnapshot } from '../../src/domain/index'
import { aCase, aContext, aFeedback } from './builders'

const codes = (row: Feedback, ctx = aContext()) =>
  validateRow('feedback', row, ctx).map((i) => `${i.field}:${i.code}:${i.severity}`)

describe('which kind of feedback fits which target', () => {
  it.each([
    { kind: 'approve', target: 'T-0001', fits: true },
    { kind: 'revise', target: 'T-0001', fits: true },
    { kind: 'comment', target: 'T-0001', fits: true },
    { kind: 'approve', target: 'S-0001', fits: false },
    { kind: 'revise', target: 'S-0001', fits: true },
    { kind: 'comment', target: 'S-0001', fits: true },
    { kind: 'approve', target: 'A-0001', fits: false },
    { kind: 'revise', target: 'A-0001', fits: true },
    { kind: 'comment', target: 'A-0001', fits: true },
    { kind: 'approve', target: 'P-0001', fits: false },
    { kind: 'revise', target: 'P-0001', fits: true },
    { kind: 'comment', target: 'P-0001', fits: true },
  ] as const)('$kind on $target: fits = $fits', ({ kind, target, fits }) => {
    expect(codes(aFeedback({ kind, target }))).toEqual(fits ? [] : ['kind:approve_goal_only:error'])
  })
})

describe('the rules of a feedback row (one row per rule)', () => {
  it.each([
    {
      rule: 'an approval needs no note',
      row: aFeedback({ kind: 'approve', text: undefined }),
      expected: [],
    },
    {
      rule: 'a revision request needs a note',
      row: aFeedback({ kind: 'revise', text: undefined }),
      expected: ['text:feedback_text_required:error'],
    },
    {
      rule: 'a comment needs a note',
      row: aFeedback({ kind: 'comment', text: undefined }),
      expected: ['text:feedback_text_required:error'],
    },
    {
      rule: 'the target is a goal, session, assessment or event that exists',
      row: aFeedback({ target: 'S-0404' }),
      expected: ['target:target_not_found:error'],
    },
    {
      rule: 'the target belongs to the case',
      row: aFeedback({ case_id: 'K-0002' }),
      ctx: aContext({ cases: [aCase(), aCase({ case_id: 'K-0002' })] }),
      expected: ['target:target_case_mismatch:error'],
    },
    {
      rule: 'the case exists',
      row: aFeedback({ case_id: 'K-0404' }),
      expected: ['case_id:case_not_found:error', 'target:target_case_mismatch:error'],
    },
    {
      rule: 'only a coordinator or admin gives feedback: a worker',
      row: aFeedback({ from: 'peksos-uji' }),
      expected: ['from:from_not_supervisor:error'],
    },
    {
      rule: 'only an active coordinator gives feedback: an inactive one',
      row: aFeedback({ from: 'koordinator-lama' }),
      expected: ['from:from_not_supervisor:error'],
    },
    {
      rule: 'only staff of the Staff tab give feedback: an unknown id',
      row: aFeedback({ from: 'tamu' }),
      expected: ['from:from_not_supervisor:error'],
    },
    {
      rule: 'a coordinator may be named by email, in any case',
      row: aFeedback({ from: 'KOORDINATOR-UJI@example.org' }),
      expected: [],
    },
    {
      rule: 'resolving needs a reply',
      row: aFeedback({ resolved_date: '2025-03-07' }),
      expected: ['reply:reply_required:error'],
    },
    {
      rule: 'resolved on or after the feedback date',
      row: aFeedback({ resolved_date: '2025-03-05', reply: 'Sudah ditambahkan.' }),
      expected: ['resolved_date:resolved_before_feedback:error'],
    },
    {
      rule: 'resolved not after today (a fact)',
      row: aFeedback({ resolved_date: '2025-05-01', reply: 'Sudah ditambahkan.' }),
      expected: ['resolved_date:date_in_future:error'],
    },
    {
      rule: 'a reply alone (not yet resolved) is fine',
      row: aFeedback({ reply: 'Akan saya perbaiki minggu ini.' }),
      expected: [],
    },
    {
      rule: 'feedback dated after today is a warning',
      row: aFeedback({ date: '2025-05-02' }),
      expected: ['date:date_in_future:warning'],
    },
  ])('$rule', ({ row, expected, ...rest }) => {
    expect(codes(row, 'ctx' in rest ? rest.ctx : aContext())).toEqual(expected)
  })

  it('names the target id, never the note, in its messages', () => {
    const [issue] = validateRow('feedback', aFeedback({ target: 'S-0404', text: 'rahasia' }), aContext())
    expect(issue?.message.id).toBe('S-0404 tidak ada di tab Goals, Sessions, Assessments atau Events.')
  })
})

describe('feedback typed into the sheet', () => {
  const d = isoToSerial
  const sheet = (feedback: Record<string, unknown>[]) =>
    validateSnapshot(
      {
        staff: [
          { staff_id: 'peksos-uji', role: 'worker', active: true },
          { staff_id: 'koordinator-uji', role: 'coordinator', active: true },
        ],
        cases: [
          {
            case_id: 'K-0001',
            initials: 'AB',
            sex: 'L',
            birth_date: d('2012-07-14'),
            cluster: 'anak',
            service: 'residensial',
            worker: 'peksos-uji',
            stage: 'asesmen',
            consent_date: d('2025-02-20'),
            status: 'aktif',
          },
        ],
        assessments: [
          {
            assessment_id: 'A-0001',
            case_id: 'K-0001',
            date: d('2025-02-24'),
            tool: 'bpss',
            domain: 'sosial',
            source: 'klien',
            method: 'wawancara',
            worker: 'peksos-uji',
          },
        ],
        feedback,
      },
      { today: '2025-04-30' },
    )
  const row = {
    feedback_id: 'U-0001',
    case_id: 'k-0001',
    target: 'a-0001',
    date: d('2025-02-25'),
    from: 'koordinator-uji',
    kind: 'Comment',
    text: 'Tambahkan sumber kedua.',
  }

  it('reads ids and kinds as staff type them and finds the assessment it is about', () => {
    const report = sheet([row])
    expect(report.feedback[0]?.status).toBe('')
    expect(report.feedback[0]?.row).toMatchObject({ case_id: 'K-0001', target: 'A-0001', kind: 'comment' })
  })

  it('refuses feedback a worker typed in their own name, with a status message', () => {
    const report = sheet([{ ...row, from: 'peksos-uji' }])
    expect(report.feedback[0]?.valid).toBe(false)
    expect(report.feedback[0]?.status).toMatch(/koordinator atau admin yang aktif/)
  })

  it('flags two rows with one feedback id', () => {
    const report = sheet([row, { ...row, text: 'Lain.' }])
    expect(report.feedback.map((r) => r.issues.map((i) => i.code))).toEqual([['duplicate_id'], ['duplicate_id']])
  })
})
