// domain.md's worked example through HTTP, against the real Worker, ledger Durable Object and a
// casebook spreadsheet in the emulator: a coordinator opens the case, a worker records consent
// with a PATCH (If-Match), adds goal G1 and logs the nine sessions; progress as of 2025-03-13 and
// 2025-03-19 is exactly what domain.md gives, and the sheet holds each row once.
import { beforeAll, describe, expect, it } from 'vitest'
import type { GoalProgress } from '../../src/domain'
import type { ProblemBody } from '../../src/http/problem'
import type { CaseDetail, CaseProgress } from '../../src/ledger/contract'
import { provisionCasebook, rowsByKey } from '../support/casebook'
import {
  expectedProgressView,
  WORKED_CASE,
  WORKED_CONSENT,
  WORKED_GOAL,
  WORKED_SESSIONS,
} from '../support/worked-example'
import { type Client, realClient } from './support/real-ledger'

const SHEET = 'http-lifecycle'

let client: Client
let coordinator = ''
let worker = ''
let caseId = ''
let goalId = ''
const answers: { status: number; body: Record<string, unknown> }[] = []

beforeAll(async () => {
  await provisionCasebook(SHEET)
  client = realClient(SHEET)
  coordinator = await client.token('koordinator-uji', 'coordinator')
  worker = await client.token('peksos-uji', 'worker')
  const opened = await client.send('/api/cases', {
    token: coordinator,
    json: WORKED_CASE,
  })
  const openedBody = await opened.json<{ case_id: string }>()
  answers.push({ status: opened.status, body: openedBody })
  caseId = openedBody.case_id
}, 60_000)

describe('the worked example of domain.md through HTTP', () => {
  it('opens the case with 201 and an id', () => {
    expect(answers[0]?.status).toBe(201)
    expect(caseId).toMatch(/^K-\d{4,}$/)
  })

  it('refuses a goal before consent, then records consent by PATCH with the ETag', async () => {
    const early = await client.send('/api/goals', {
      token: worker,
      json: { case_id: caseId, ...WORKED_GOAL },
    })
    expect(early.status).toBe(422)
    expect((await early.json<ProblemBody>()).errors.map((e) => `${e.pointer} ${e.code}`)).toContain(
      '/start_date consent_missing',
    )

    const noPrecondition = await client.send(`/api/cases/${caseId}`, {
      method: 'PATCH',
      token: worker,
      json: { consent_date: '2025-03-03' },
    })
    expect(noPrecondition.status).toBe(428)
    const read = await client.send(`/api/cases/${caseId}`, { token: worker })
    expect(read.status).toBe(200)
    const etag = read.headers.get('etag') ?? ''
    expect(etag).toMatch(/^".+"$/)
    const patched = await client.send(`/api/cases/${caseId}`, {
      method: 'PATCH',
      token: worker,
      json: WORKED_CONSENT,
      headers: { 'If-Match': etag },
    })
    expect(patched.status).toBe(200)
    expect(patched.headers.get('etag')).not.toBe(etag)
    const stale = await client.send(`/api/cases/${caseId}`, {
      method: 'PATCH',
      token: worker,
      json: { stage: 'asesmen' },
      headers: { 'If-Match': etag },
    })
    expect(stale.status).toBe(412)
  })

  it('adds goal G1 and logs the nine sessions, form-encoded as a phone form would', async () => {
    const goal = await client.send('/api/goals', {
      token: worker,
      headers: { 'Idempotency-Key': 'goal-g1' },
      json: { case_id: caseId, ...WORKED_GOAL },
    })
    expect(goal.status).toBe(201)
    goalId = (await goal.json<{ goal_id: string }>()).goal_id
    for (const session of WORKED_SESSIONS) {
      const res = await client.send('/api/sessions', {
        token: worker,
        headers: { 'Idempotency-Key': `sesi-${session.date}` },
        form: {
          case_id: caseId,
          goal_id: goalId,
          worker: 'peksos-uji',
          ...Object.fromEntries(Object.entries(session).map(([k, v]) => [k, String(v)])),
        },
      })
      expect(res.status, await res.clone().text()).toBe(201)
    }
  })

  it.each(['2025-03-13', '2025-03-19'] as const)('rates G1 as of %s exactly as domain.md does', async (asOf) => {
    const res = await client.send(`/api/goals/${goalId}/progress?as_of=${asOf}`, { token: worker })
    expect(res.status).toBe(200)
    expect(await res.json<GoalProgress>()).toEqual(expectedProgressView(asOf, { goal_id: goalId, case_id: caseId }))
  })

  it('misses the day-10 milestone as of 2025-03-20, and the case T-score is 60.00', async () => {
    const later = await (
      await client.send(`/api/goals/${goalId}/progress?as_of=2025-03-20`, { token: worker })
    ).json<GoalProgress>()
    expect(later.milestones[1]?.status).toBe('missed')
    const c = await (
      await client.send(`/api/cases/${caseId}/progress?as_of=2025-03-19`, { token: coordinator })
    ).json<CaseProgress>()
    expect(c.t_score).toBe(60)
    const detail = await (
      await client.send(`/api/cases/${caseId}?as_of=2025-03-19`, { token: worker })
    ).json<CaseDetail>()
    expect(detail.progress.goals.map((g) => g.level)).toEqual([4])
  })

  it('holds the case, the goal and each session in the sheet exactly once, consent as a date', async () => {
    const cases = await rowsByKey(SHEET, 'cases')
    expect(cases.map((r) => r.case_id)).toEqual([caseId])
    expect(cases[0]?.consent_date).toBe(45719) // 2025-03-03 as a day serial
    expect(cases[0]?.stage).toBe('perencanaan')
    expect((await rowsByKey(SHEET, 'goals')).map((r) => r.goal_id)).toEqual([goalId])
    const sessions = await rowsByKey(SHEET, 'sessions')
    expect(sessions.map((s) => s.task)).toEqual(WORKED_SESSIONS.map((s) => s.task))
    expect(new Set(sessions.map((s) => s.session_id)).size).toBe(WORKED_SESSIONS.length)
  })

  it('replays a session resent with its Idempotency-Key instead of adding a row', async () => {
    const { date, task, assistance } = WORKED_SESSIONS[0]
    const res = await client.send('/api/sessions', {
      token: worker,
      headers: { 'Idempotency-Key': `sesi-${date}` },
      form: { case_id: caseId, goal_id: goalId, date, task, assistance, worker: 'peksos-uji' },
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('idempotency-replayed')).toBe('true')
    expect(await rowsByKey(SHEET, 'sessions')).toHaveLength(WORKED_SESSIONS.length)
  })

  it('stores formula-looking text as text in the sheet', async () => {
    const texts = ['=HYPERLINK("http://contoh.invalid","x")', '+62 812', '-5 menit', '@peksos-uji']
    for (const [i, text] of texts.entries()) {
      const res = await client.send('/api/sessions', {
        token: worker,
        json: {
          case_id: caseId,
          goal_id: goalId,
          date: '2025-03-19',
          task: `catatan ${i}`,
          assistance: 'mandiri',
          worker: 'peksos-uji',
          notes: text,
        },
      })
      expect(res.status).toBe(201)
    }
    const notes = (await rowsByKey(SHEET, 'sessions')).slice(-texts.length).map((s) => s.notes)
    expect(notes).toEqual(texts)
  })
})
