// The rules of the Events tab (issue 9 point 1), one row per rule: validate-row.ts validateEvent
// and the case-level rule it feeds (a case at `terminasi` without a termination event).
import { describe, expect, it } from 'vitest'
import {
  type CaseEvent,
  DEFAULT_LISTS,
  EVENT_KINDS,
  isoToSerial,
  participantRoles,
  validateRow,
  validateSnapshot,
} from '../../src/domain/index'
import { aCase, aContext, anEvent } from './builders'

const codes = (row: CaseEvent, ctx = aContext()) =>
  validateRow('events', row, ctx).map((i) => `${i.field}:${i.code}:${i.severity}`)

/** K-0001 closed on 2025-04-10 (consent 2025-02-20), with its closure fields. */
const CLOSED = aCase({
  status: 'selesai',
  stage: 'terminasi',
  closed_date: '2025-04-10',
  closure_reason: 'tujuan tercapai',
  referred_to: 'orang tua',
})

describe('a valid event of each kind', () => {
  it.each(EVENT_KINDS.map((kind) => ({ kind })))('finds nothing wrong with a $kind event', ({ kind }) => {
    const row = anEvent({ kind, ...(kind === 'referral' ? { referred_to: 'Panti Sosial Uji' } : {}) })
    expect(codes(row)).toEqual([])
  })
})

describe('the rules of a case event (one row per rule)', () => {
  it.each([
    {
      rule: 'a contract only after consent: dated before the consent date',
      row: anEvent({ kind: 'contract', date: '2025-02-19' }),
      ctx: aContext(),
      expected: ['date:before_consent:error'],
    },
    {
      rule: 'a case conference only after consent: the case has no consent date',
      row: anEvent({ kind: 'case_conference' }),
      ctx: aContext({ cases: [{ ...aCase(), consent_date: undefined }] }),
      expected: ['date:consent_missing:error'],
    },
    {
      rule: 'other kinds need no consent: a home visit during engagement',
      row: anEvent({ kind: 'home_visit', date: '2025-02-10' }),
      ctx: aContext(),
      expected: [],
    },
    {
      rule: 'a referral names where',
      row: anEvent({ kind: 'referral' }),
      ctx: aContext(),
      expected: ['referred_to:referral_target_required:error'],
    },
    {
      rule: 'the next date is not before the event',
      row: anEvent({ next_date: '2025-03-02' }),
      ctx: aContext(),
      expected: ['next_date:next_date_before_date:error'],
    },
    {
      rule: 'participants are roles from the participant_role list, not names',
      row: anEvent({ participants: 'peksos, Nama Samaran' }),
      ctx: aContext(),
      expected: ['participants:participant_not_role:error'],
    },
    {
      rule: 'roles are matched like codes (case, spaces, semicolons)',
      row: anEvent({ participants: ' Orang Tua ; Psikolog,KLIEN' }),
      ctx: aContext(),
      expected: [],
    },
    {
      rule: 'the case exists',
      row: anEvent({ kind: 'home_visit', case_id: 'K-0404' }),
      ctx: aContext(),
      expected: ['case_id:case_not_found:error'],
    },
    {
      rule: 'the case exists (a consent-gated kind says so once)',
      row: anEvent({ kind: 'contract', case_id: 'K-0404' }),
      ctx: aContext(),
      expected: ['case_id:case_not_found:error'],
    },
    {
      rule: 'after closure only a follow-up: a home visit after the closed date',
      row: anEvent({ kind: 'home_visit', date: '2025-04-11' }),
      ctx: aContext({ cases: [CLOSED] }),
      expected: ['date:event_after_closure:error'],
    },
    {
      rule: 'other kinds keep the closed-date rule: a termination on the closed date counts',
      row: anEvent({ kind: 'termination', date: '2025-04-10' }),
      ctx: aContext({ cases: [CLOSED] }),
      expected: [],
    },
    {
      rule: 'a follow-up after closure is allowed',
      row: anEvent({ kind: 'follow_up', date: '2025-04-28' }),
      ctx: aContext({ cases: [CLOSED] }),
      expected: [],
    },
    {
      rule: 'an event dated after today is a warning (recorded ahead of time)',
      row: anEvent({ date: '2025-05-02' }),
      ctx: aContext(),
      expected: ['date:date_in_future:warning'],
    },
    {
      rule: 'the worker is in the Staff tab',
      row: anEvent({ worker: 'peksos-x' }),
      ctx: aContext(),
      expected: ['worker:worker_unknown:error'],
    },
  ])('$rule', ({ row, ctx, expected }) => {
    expect(codes(row, ctx)).toEqual(expected)
  })

  it('accepts a role a centre added to its participant_role list', () => {
    const ctx = {
      ...aContext(),
      lists: { ...DEFAULT_LISTS, participant_role: [...DEFAULT_LISTS.participant_role, 'ustadz'] },
    }
    expect(codes(anEvent({ participants: 'ustadz, klien' }), ctx)).toEqual([])
  })

  it('names no participant in its message (only the list and a few of its roles)', () => {
    const [issue] = validateRow('events', anEvent({ participants: 'Nama Samaran' }), aContext())
    expect(issue?.message.id).not.toMatch(/Samaran/i)
    expect(issue?.message.id).toMatch(/participant_role/)
  })

  it.each([
    ['peksos, supervisor', ['peksos', 'supervisor']],
    [' Orang Tua ; psikolog ,', ['orang_tua', 'psikolog']],
    ['', []],
  ])('reads the roles of %j as %j', (text, roles) => {
    expect(participantRoles(text)).toEqual(roles)
  })
})

describe('termination', () => {
  const d = isoToSerial
  const sheet = (events: Record<string, unknown>[], stage = 'terminasi') =>
    validateSnapshot(
      {
        cases: [
          {
            case_id: 'K-0001',
            initials: 'AB',
            sex: 'L',
            birth_date: d('2012-07-14'),
            cluster: 'anak',
            service: 'residensial',
            worker: 'peksos-uji',
            stage,
            consent_date: d('2025-02-20'),
            status: 'aktif',
          },
        ],
        events,
      },
      { today: '2025-04-30' },
    )
  const termination = {
    event_id: 'P-0001',
    case_id: 'K-0001',
    date: d('2025-04-10'),
    kind: 'termination',
    summary: 'Terminasi bersama klien dan orang tua.',
    worker: 'peksos-uji',
  }

  it('flags a case at stage terminasi without a termination event, as a warning (the case still counts)', () => {
    const report = sheet([])
    expect(report.cases[0]?.issues.map((i) => `${i.field}:${i.code}:${i.severity}`)).toEqual([
      'stage:termination_event_missing:warning',
    ])
    expect(report.cases[0]?.valid).toBe(true)
    expect(report.cases[0]?.status).toBe(
      'Peringatan: Kasus K-0001 pada tahap terminasi tetapi belum ada peristiwa terminasi (termination) di tab Events.',
    )
  })

  it('clears the flag once a termination event is in the Events tab', () => {
    expect(sheet([termination]).cases[0]?.status).toBe('')
  })

  it('sets nothing by itself: a termination event leaves a case at another stage as it is', () => {
    const report = sheet([termination], 'implementasi')
    expect(report.cases[0]?.status).toBe('')
    expect(report.cases[0]?.row?.stage).toBe('implementasi')
    expect(report.events[0]?.valid).toBe(true)
  })
})
