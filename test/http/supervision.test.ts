// The supervision routes of issue 9 through HTTP (in-memory ledger): case events, supervisor
// feedback given, listed and resolved, the dashboard — each rule's answer as problem+json with
// its pointer and code, in Indonesian and in English; the authorisation table is authz.test.ts.
import { describe, expect, it } from 'vitest'
import type { DashboardSummary } from '../../src/domain'
import type { ProblemBody } from '../../src/http/problem'
import type { CaseFeedback, GoalProgressView } from '../../src/ledger/contract'
import { EVENT } from './support/authz-table'
import { harness } from './support/harness'

const FEEDBACK = { case_id: 'K-0001', target: 'T-0001', date: '2025-03-06', kind: 'revise', text: 'Perjelas target.' }

const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = await res.json<ProblemBody>()
  return { status: res.status, errors: body.errors.map((e) => `${e.pointer} ${e.code}`), body }
}

describe('POST /api/events', () => {
  it('stores an event with its P- id, in the worker’s name when none is given', async () => {
    const h = harness()
    const { worker: _default, ...body } = EVENT
    const res = await h.send('/api/events', { token: await h.token('peksos-uji', 'worker'), json: body })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ ...EVENT, event_id: 'P-0001', sync: 'synced' })
  })

  it.each([
    ['a referral without where', { kind: 'referral' }, ['/referred_to referral_target_required']],
    ['a contract before consent', { kind: 'contract', date: '2025-03-02' }, ['/date before_consent']],
    ['a name among the participants', { participants: 'peksos, Nama Samaran' }, ['/participants participant_not_role']],
    ['a next date before the event', { next_date: '2025-03-01' }, ['/next_date next_date_before_date']],
  ])('refuses %s with 422 and the field', async (_name, over, errors) => {
    const h = harness()
    const res = await h.send('/api/events', {
      token: await h.token('peksos-uji', 'worker'),
      json: { ...EVENT, ...over },
    })
    const p = await problemOf(res)
    expect([p.status, p.errors]).toEqual([422, errors])
  })

  it('says what is wrong in English on request', async () => {
    const h = harness()
    const res = await h.send('/api/events', {
      token: await h.token('peksos-uji', 'worker'),
      json: { ...EVENT, kind: 'referral' },
      headers: { 'Accept-Language': 'en' },
    })
    const { body } = await problemOf(res)
    expect(body.errors[0]?.message).toBe(
      '"Referred to" is required for a referral: name the institution or service referred to.',
    )
  })

  it('lists a case’s events to whoever sees the case', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    await h.send('/api/events', { token, json: { ...EVENT, date: '2025-03-05' } })
    await h.send('/api/events', { token, json: { ...EVENT, kind: 'contract' } })
    const res = await h.send('/api/cases/K-0001/events', { token })
    expect(res.status).toBe(200)
    const { events } = await res.json<{ events: { event_id: string }[] }>()
    expect(events.map((e) => e.event_id)).toEqual(['P-0001', 'P-0002'])
  })
})

describe('supervisor feedback', () => {
  it('is given by a coordinator in their own name, and changes the plan’s approval state', async () => {
    const h = harness()
    const coordinator = await h.token('koordinator-uji', 'coordinator')
    const res = await h.send('/api/feedback', { token: coordinator, json: FEEDBACK })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ ...FEEDBACK, feedback_id: 'U-0001', from: 'koordinator-uji', sync: 'synced' })
    const progress = await h.send('/api/goals/T-0001/progress?as_of=2025-03-10', { token: coordinator })
    expect((await progress.json<GoalProgressView>()).approval).toEqual({
      goal_id: 'T-0001',
      state: 'revision_requested',
      feedback_id: 'U-0001',
      date: '2025-03-06',
      from: 'koordinator-uji',
    })
  })

  it.each([
    ['approving a session', { kind: 'approve', target: 'S-0001', text: undefined }, ['/kind approve_goal_only']],
    ['a revision without a note', { text: undefined }, ['/text feedback_text_required']],
    ['a target of another case', { target: 'T-0002' }, ['/target target_case_mismatch']],
    ['a target that does not exist', { target: 'P-0404' }, ['/target target_not_found']],
    ['in a worker’s name', { from: 'peksos-uji' }, ['/from from_not_supervisor']],
  ])('refuses %s with 422 and the field', async (_name, over, errors) => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    await h.send('/api/sessions', {
      token,
      json: { case_id: 'K-0001', goal_id: 'T-0001', date: '2025-03-05', task: 'memilah', assistance: 'penuh' },
    })
    const res = await h.send('/api/feedback', {
      token: await h.token('koordinator-uji', 'coordinator'),
      json: { ...FEEDBACK, ...over },
    })
    const p = await problemOf(res)
    expect([p.status, p.errors]).toEqual([422, errors])
  })

  it('is refused to a worker (403), before anything is looked up', async () => {
    const h = harness()
    const res = await h.send('/api/feedback', { token: await h.token('peksos-uji', 'worker'), json: FEEDBACK })
    expect((await problemOf(res)).status).toBe(403)
    expect(h.ledger.callsOf('submit')).toEqual([])
  })

  it('is resolved by the worker with a reply and If-Match; the other fields stay the coordinator’s', async () => {
    const h = harness()
    await h.send('/api/feedback', { token: await h.token('koordinator-uji', 'coordinator'), json: FEEDBACK })
    const worker = await h.token('peksos-uji', 'worker')
    const read = await h.send('/api/feedback/U-0001', { token: worker })
    const etag = read.headers.get('etag') ?? ''
    const text = await h.send('/api/feedback/U-0001', {
      method: 'PATCH',
      token: worker,
      json: { text: 'Saya ubah catatannya.' },
      headers: { 'If-Match': etag },
    })
    const refused = await problemOf(text)
    expect([refused.status, refused.errors]).toEqual([403, ['/text coordinator_only']])
    const noReply = await h.send('/api/feedback/U-0001', {
      method: 'PATCH',
      token: worker,
      json: { resolved_date: '2025-03-07' },
      headers: { 'If-Match': etag },
    })
    expect((await problemOf(noReply)).errors).toEqual(['/reply reply_required'])
    const resolved = await h.send('/api/feedback/U-0001', {
      method: 'PATCH',
      token: worker,
      json: { resolved_date: '2025-03-07', reply: 'Sudah diperjelas.' },
      headers: { 'If-Match': etag },
    })
    expect(resolved.status).toBe(200)
    expect(await resolved.json()).toMatchObject({ row: { resolved_date: '2025-03-07' }, withdrawn: false })
    const listed = await h.send('/api/cases/K-0001/feedback?as_of=2025-03-10', { token: worker })
    const body = await listed.json<CaseFeedback>()
    expect(body.feedback.map((f) => [f.feedback_id, f.open])).toEqual([['U-0001', false]])
    expect(body.approvals).toContainEqual(expect.objectContaining({ goal_id: 'T-0001', state: 'revised' }))
  })

  it('needs If-Match to be resolved (428)', async () => {
    const h = harness()
    await h.send('/api/feedback', { token: await h.token('koordinator-uji', 'coordinator'), json: FEEDBACK })
    const res = await h.send('/api/feedback/U-0001', {
      method: 'PATCH',
      token: await h.token('peksos-uji', 'worker'),
      json: { resolved_date: '2025-03-07', reply: 'Sudah.' },
    })
    expect(res.status).toBe(428)
  })
})

describe('GET /api/dashboard', () => {
  it('answers the figures as of the date asked', async () => {
    const h = harness()
    const res = await h.send('/api/dashboard?as_of=2025-03-13', {
      token: await h.token('koordinator-uji', 'coordinator'),
    })
    expect(res.status).toBe(200)
    const body = await res.json<DashboardSummary>()
    expect(body.as_of).toBe('2025-03-13')
    expect(body.active_cases).toBe(3)
    expect(body.curves.map((c) => c.goal_id)).toEqual(['T-0001', 'T-0002'])
  })

  it('refuses a date that is not one (400 with the parameter)', async () => {
    const h = harness()
    const res = await h.send('/api/dashboard?as_of=2025-02-30', {
      token: await h.token('koordinator-uji', 'coordinator'),
    })
    const p = await problemOf(res)
    expect([p.status, p.errors]).toEqual([400, ['/as_of invalid_date']])
  })
})

describe('a spreadsheet made from the first template', () => {
  it('answers a write to a tab it lacks with 503 naming the tab and the upgrade', async () => {
    const h = harness()
    h.ledger.failWith = { kind: 'sheet_layout', problems: [{ tab: 'Events', problem: 'missing_tab' }] }
    const res = await h.send('/api/events', { token: await h.token('peksos-uji', 'worker'), json: EVENT })
    const { status, body } = await problemOf(res)
    expect(status).toBe(503)
    expect(body.detail).toContain('Tab Events belum ada di spreadsheet ini')
    expect(body.detail).toContain('scripts/provision.ts --upgrade')
  })
})
