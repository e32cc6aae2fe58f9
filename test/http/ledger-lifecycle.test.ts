// domain.md's worked example through HTTP, against the real Worker, ledger Durable Object and a
// casebook spreadsheet in the emulator: a coordinator opens the case, a worker records consent
// with a PATCH (If-Match), adds goal G1 and logs the nine sessions; progress as of 2025-03-13 and
// 2025-03-19 is exactly what domain.md gives, and the sheet holds each row once.
import { beforeAll, describe, expect, it } from 'vitest'
import type { GoalProgress } from '../../src/domain'
import type { ProblemBody } from '../../src/http/problem'
import type { CaseDetail, CaseProgress } from '../../src/ledger/contract'
import { type Client, provisionCasebook, realClient, tabRows } from './support/real-ledger'

const SHEET = 'http-lifecycle'

const SESSIONS = [
  ['2025-03-05', 'memilah pakaian', 'penuh', undefined],
  ['2025-03-06', 'memilah pakaian', 'sebagian', undefined],
  ['2025-03-10', 'memilah pakaian', 'mandiri', undefined],
  ['2025-03-11', 'merendam', 'sebagian', undefined],
  ['2025-03-12', 'merendam', 'mandiri', undefined],
  ['2025-03-13', 'menyikat', 'penuh', undefined],
  ['2025-03-17', 'menyikat', 'minimal', undefined],
  ['2025-03-18', 'membilas dan menjemur', 'sebagian', '3'],
  ['2025-03-19', 'menyikat', 'mandiri', undefined],
] as const

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
    json: {
      initials: 'R.A',
      sex: 'P',
      birth_date: '2012-06-01',
      cluster: 'disabilitas_intelektual',
      service: 'residensial',
      worker: 'peksos-uji',
      stage: 'pendekatan_awal',
      status: 'aktif',
    },
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
      json: {
        case_id: caseId,
        title: 'Mencuci pakaian sendiri',
        method: 'casework',
        start_date: '2025-03-05',
        duration_days: 10,
        target_count: 4,
      },
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
      json: { consent_date: '2025-03-03', stage: 'perencanaan' },
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
      json: {
        case_id: caseId,
        title: 'Mencuci pakaian sendiri',
        method: 'casework',
        start_date: '2025-03-05',
        duration_days: 10,
        target_count: 4,
        milestones: '5:2, 10:4',
      },
    })
    expect(goal.status).toBe(201)
    goalId = (await goal.json<{ goal_id: string }>()).goal_id
    for (const [date, task, assistance, rating] of SESSIONS) {
      const res = await client.send('/api/sessions', {
        token: worker,
        headers: { 'Idempotency-Key': `sesi-${date}` },
        form: {
          case_id: caseId,
          goal_id: goalId,
          date,
          task,
          assistance,
          worker: 'peksos-uji',
          ...(rating === undefined ? {} : { rating }),
        },
      })
      expect(res.status, await res.clone().text()).toBe(201)
    }
  })

  it('rates G1 as of 2025-03-13 exactly as domain.md does', async () => {
    const res = await client.send(`/api/goals/${goalId}/progress?as_of=2025-03-13`, { token: worker })
    expect(res.status).toBe(200)
    const p = await res.json<GoalProgress>()
    expect(p.tasks.map((t) => [t.task, t.rating, t.mastered, t.sessions, t.last_date])).toEqual([
      ['memilah pakaian', 4, true, 3, '2025-03-10'],
      ['merendam', 4, true, 2, '2025-03-12'],
      ['menyikat', 1, false, 1, '2025-03-13'],
    ])
    expect([p.rating_sum, p.mean, p.level, p.label, p.percent, p.success, p.status]).toEqual([
      9,
      2.25,
      2,
      'Sebagian Tercapai',
      56.3,
      false,
      'on_track',
    ])
    expect(p.milestones).toEqual([
      { day: 5, date: '2025-03-12', target: 2, mastered: 2, status: 'met' },
      { day: 10, date: '2025-03-19', target: 4, mastered: 2, status: 'pending' },
    ])
  })

  it('rates G1 as of 2025-03-19 exactly as domain.md does, and the case T-score is 60.00', async () => {
    const p = await (
      await client.send(`/api/goals/${goalId}/progress?as_of=2025-03-19`, { token: worker })
    ).json<GoalProgress>()
    expect([p.rating_sum, p.mean, p.level, p.label, p.percent, p.success]).toEqual([
      15,
      3.75,
      4,
      'Sangat Tercapai',
      93.8,
      true,
    ])
    expect(p.milestones.map((m) => [m.day, m.date, m.mastered, m.status])).toEqual([
      [5, '2025-03-12', 2, 'met'],
      [10, '2025-03-19', 3, 'pending'],
    ])
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
    const cases = await tabRows(SHEET, 'cases')
    expect(cases.map((r) => r.case_id)).toEqual([caseId])
    expect(cases[0]?.consent_date).toBe(45719) // 2025-03-03 as a day serial
    expect(cases[0]?.stage).toBe('perencanaan')
    expect((await tabRows(SHEET, 'goals')).map((r) => r.goal_id)).toEqual([goalId])
    const sessions = await tabRows(SHEET, 'sessions')
    expect(sessions.map((s) => s.task)).toEqual(SESSIONS.map(([, task]) => task))
    expect(new Set(sessions.map((s) => s.session_id)).size).toBe(SESSIONS.length)
  })

  it('replays a session resent with its Idempotency-Key instead of adding a row', async () => {
    const [date, task, assistance] = SESSIONS[0]
    const res = await client.send('/api/sessions', {
      token: worker,
      headers: { 'Idempotency-Key': `sesi-${date}` },
      form: { case_id: caseId, goal_id: goalId, date, task, assistance, worker: 'peksos-uji' },
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('idempotency-replayed')).toBe('true')
    expect(await tabRows(SHEET, 'sessions')).toHaveLength(SESSIONS.length)
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
    const notes = (await tabRows(SHEET, 'sessions')).slice(-texts.length).map((s) => s.notes)
    expect(notes).toEqual(texts)
  })
})
