import { describe, expect, it } from 'vitest'
import type { Assessment, AssessmentCoverage, GoalProgress } from '../../src/domain'
import { canonicalJson } from '../../src/http/idempotency'
import type { ProblemBody } from '../../src/http/problem'
import type { CaseDetail } from '../../src/ledger/contract'
import { ASSESSMENT, harness, SESSION } from './support/harness'

const CASE = {
  initials: 'GH',
  sex: 'P',
  birth_date: '2011-02-03',
  cluster: 'anak',
  service: 'daycare',
  worker: 'peksos-uji',
  stage: 'akses',
  status: 'aktif',
}

describe('POST (create a row)', () => {
  it('answers 201 with the id, a Location for cases, and passes the actor and a body hash to the ledger', async () => {
    const h = harness()
    const res = await h.send('/api/cases', { token: await h.token('koordinator-uji', 'coordinator'), json: CASE })
    expect(res.status).toBe(201)
    expect(res.headers.get('location')).toBe('/api/cases/K-0004')
    expect(await res.json()).toEqual({ ...CASE, case_id: 'K-0004', sync: 'synced' })
    const [req] = h.ledger.callsOf('submit')[0] as [Record<string, unknown>]
    expect(req).toMatchObject({
      tab: 'cases',
      actor: { staffId: 'koordinator-uji', role: 'coordinator' },
    })
    expect(req.bodyHash).toMatch(/^[0-9a-f]{64}$/)
    expect(req).not.toHaveProperty('idempotencyKey')
  })

  it('answers 202 with "sync": "pending" when the ledger queued the row', async () => {
    const h = harness()
    h.ledger.pending = true
    const res = await h.send('/api/sessions', { token: await h.token('peksos-uji', 'worker'), json: SESSION })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ session_id: 'S-0001', sync: 'pending' })
  })

  it('replays the first answer for the same Idempotency-Key and body, and answers 409 for another body', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    const headers = { 'Idempotency-Key': 'form-7f3a9c' }
    const first = await h.send('/api/sessions', { token, json: SESSION, headers })
    // The same row sent as a form with keys in another order is the same request.
    const again = await h.send('/api/sessions', {
      token,
      form: Object.fromEntries(Object.entries(SESSION).reverse()),
      headers,
    })
    const other = await h.send('/api/sessions', { token, json: { ...SESSION, task: 'merendam' }, headers })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotency-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    expect(other.status).toBe(409)
    expect((await other.json<ProblemBody>()).type).toBe('/docs#problem-idempotency-conflict')
    expect(h.ledger.sessions).toHaveLength(1)
    const hashes = h.ledger.callsOf('submit').map(([r]) => (r as { bodyHash: string }).bodyHash)
    expect(hashes[0]).toBe(hashes[1])
    expect(hashes[2]).not.toBe(hashes[0])
  })

  it.each([
    ['sheet_unavailable', { kind: 'sheet_unavailable', retryAfterS: 12.5 } as const, 503, { 'retry-after': '13' }],
    [
      'sheet_layout',
      { kind: 'sheet_layout', problems: [{ tab: 'Sessions', key: 'task', problem: 'missing' }] } as const,
      503,
      {},
    ],
  ])('maps the ledger error %s to %s', async (_name, error, status, headers) => {
    const h = harness()
    h.ledger.failWith = error
    const res = await h.send('/api/sessions', { token: await h.token('peksos-uji', 'worker'), json: SESSION })
    expect(res.status).toBe(status)
    for (const [k, v] of Object.entries(headers)) expect(res.headers.get(k)).toBe(v)
    const body = await res.json<ProblemBody>()
    if (error.kind === 'sheet_layout') expect(body.sheet_problems).toEqual(error.problems)
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    )
  })
})

describe('GET and PATCH /api/cases/{case_id}', () => {
  it('sends the row version as a quoted ETag and accepts it back in If-Match', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    const read = await h.send('/api/cases/K-0001?as_of=2025-03-13', { token })
    expect(read.status).toBe(200)
    const etag = read.headers.get('etag')
    expect(etag).toBe('"v1-K-0001"')
    const body = await read.json<CaseDetail>()
    expect(body).toMatchObject({ case: { case_id: 'K-0001', initials: 'AB' }, etag: 'v1-K-0001', sync: 'synced' })
    expect(body.progress).toMatchObject({ case_id: 'K-0001', as_of: '2025-03-13' })
    const patch = await h.send('/api/cases/K-0001', {
      method: 'PATCH',
      token,
      json: { stage: 'monev' },
      headers: { 'If-Match': etag ?? '' },
    })
    expect(patch.status).toBe(200)
    expect(patch.headers.get('etag')).toBe('"v2-K-0001"')
    expect(await patch.json()).toMatchObject({ case: { stage: 'monev' }, etag: 'v2-K-0001' })
    expect(h.ledger.callsOf('patchCase')[0]).toEqual([
      {
        caseId: 'K-0001',
        patch: { stage: 'monev' },
        ifMatch: 'v1-K-0001',
        actor: { staffId: 'peksos-uji', role: 'worker' },
      },
    ])
  })

  it('answers 412 when a person edited the row after the GET, and changes nothing', async () => {
    const h = harness()
    const token = await h.token('koordinator-uji', 'coordinator')
    const etag = (await h.send('/api/cases/K-0002', { token })).headers.get('etag') ?? ''
    h.ledger.staffEdit('K-0002', { stage: 'supervisi' })
    const res = await h.send('/api/cases/K-0002', {
      method: 'PATCH',
      token,
      json: { stage: 'monev' },
      headers: { 'If-Match': etag },
    })
    expect(res.status).toBe(412)
    expect(h.ledger.cases.get('K-0002')?.stage).toBe('supervisi')
  })

  it.each([
    ['unquoted', 'v1-K-0001', 200],
    ['weak', 'W/"v1-K-0001"', 200],
    ['stale', '"v0-K-0001"', 412],
    ['a list', '"v1-K-0001", "v2-K-0001"', 428],
    ['blank', ' ', 428],
  ])('treats an If-Match that is %s as %s', async (_name, ifMatch, status) => {
    const h = harness()
    const res = await h.send('/api/cases/k-0001', {
      method: 'PATCH',
      token: await h.token('peksos-uji', 'worker'),
      json: { consent_date: '2025-03-04' },
      headers: { 'If-Match': ifMatch },
    })
    expect(res.status).toBe(status)
  })

  it('accepts a PATCH as a form and as merge-patch JSON', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    const form = await h.send('/api/cases/K-0003', {
      method: 'PATCH',
      token,
      form: { consent_date: '04/03/2025' },
      headers: { 'If-Match': '"v1-K-0003"' },
    })
    expect(form.status).toBe(200)
    expect(await form.json()).toMatchObject({ case: { consent_date: '2025-03-04' } })
    const merge = await h.send('/api/cases/K-0003', {
      method: 'PATCH',
      token,
      body: JSON.stringify({ stage: 'asesmen' }),
      headers: { 'If-Match': '"v2-K-0003"', 'Content-Type': 'application/merge-patch+json' },
    })
    expect(merge.status).toBe(200)
  })
})

describe('GET /api/cases', () => {
  it('passes the filters on, normalised, and ignores blank ones', async () => {
    const h = harness()
    const token = await h.token('koordinator-uji', 'coordinator')
    const res = await h.send('/api/cases?status=%20AKTIF%20&worker=peksos-uji&cluster=', { token })
    expect(res.status).toBe(200)
    expect(h.ledger.callsOf('listCases').at(-1)?.[1]).toEqual({ status: 'aktif', worker: 'peksos-uji' })
    const { cases } = await res.json<{ cases: { case_id: string }[] }>()
    expect(cases.map((c) => c.case_id)).toEqual(['K-0001', 'K-0003'])
  })
})

describe('progress reads', () => {
  it("defaults as_of to today in the centre's time zone", async () => {
    // 2025-03-20 23:30 UTC is already 2025-03-21 in Jakarta.
    const h = harness({ now: () => Date.parse('2025-03-20T23:30:00Z') })
    const res = await h.send('/api/goals/T-0001/progress', { token: await h.token('peksos-uji', 'worker') })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ goal_id: 'T-0001', as_of: '2025-03-21' })
  })

  it('answers every active goal for a coordinator with the as_of it used', async () => {
    const h = harness()
    const res = await h.send('/api/progress?as_of=2025-03-13', {
      token: await h.token('koordinator-uji', 'coordinator'),
    })
    const body = await res.json<{ as_of: string; goals: GoalProgress[] }>()
    expect(body.as_of).toBe('2025-03-13')
    expect(body.goals.map((g) => g.goal_id)).toEqual(['T-0001', 'T-0002'])
  })

  it('lists a case with its assessment coverage', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    await h.send('/api/assessments', {
      token,
      json: ASSESSMENT,
    })
    const body = await (await h.send('/api/cases/K-0001/assessments', { token })).json<{
      assessments: Assessment[]
      coverage: AssessmentCoverage
    }>()
    expect(body.assessments).toHaveLength(1)
    expect(body.coverage.bpss.find((d) => d.domain === 'sosial')).toMatchObject({
      covered: true,
      triangulated: false,
    })
  })
})
