import { describe, expect, it } from 'vitest'
import { mintToken } from '../../src/http/auth-token'
import type { ProblemBody } from '../../src/http/problem'
import type { CaseSummary } from '../../src/ledger/contract'
import { AUTH_SECRET, harness, NOW, SESSION, type SendInit } from './support/harness'

// Who may do what (api.md, architecture.md "Auth"): a table of endpoint × actor × own/other case.
// peksos-uji owns K-0001 (goal T-0001); peksos-lain owns K-0002 (goal T-0002).

type Actor = 'worker' | 'coordinator' | 'admin'
type Target = 'own' | 'other'

type Endpoint = {
  readonly name: string
  readonly request: (target: Target) => SendInit & { path: string }
  /** Expected status per actor; a worker's answer differs for its own and another worker's case. */
  readonly expect: {
    readonly worker: Readonly<Record<Target, number>>
    readonly coordinator: number
    readonly admin: number
  }
  readonly public?: boolean
}

const caseOf = (t: Target) => (t === 'own' ? 'K-0001' : 'K-0002')
const goalOf = (t: Target) => (t === 'own' ? 'T-0001' : 'T-0002')
const both = (status: number) => ({ own: status, other: status })

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'GET /api/health',
    request: () => ({ path: '/api/health' }),
    expect: { worker: both(200), coordinator: 200, admin: 200 },
    public: true,
  },
  {
    name: 'GET /openapi.json',
    request: () => ({ path: '/openapi.json' }),
    expect: { worker: both(200), coordinator: 200, admin: 200 },
    public: true,
  },
  {
    name: 'GET /docs',
    request: () => ({ path: '/docs' }),
    expect: { worker: both(200), coordinator: 200, admin: 200 },
    public: true,
  },
  {
    name: 'GET /api/cases',
    request: () => ({ path: '/api/cases' }),
    expect: { worker: both(200), coordinator: 200, admin: 200 },
  },
  {
    name: 'POST /api/cases',
    request: (t) => ({
      path: '/api/cases',
      json: {
        initials: 'GH',
        sex: 'P',
        birth_date: '2011-02-03',
        cluster: 'anak',
        service: 'daycare',
        worker: t === 'own' ? 'peksos-uji' : 'peksos-lain',
        stage: 'akses',
        status: 'aktif',
      },
    }),
    expect: { worker: both(403), coordinator: 201, admin: 201 },
  },
  {
    name: 'GET /api/cases/{id}',
    request: (t) => ({ path: `/api/cases/${caseOf(t)}` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'PATCH /api/cases/{id}',
    request: (t) => ({
      path: `/api/cases/${caseOf(t)}`,
      method: 'PATCH',
      json: { stage: 'monev' },
      headers: { 'If-Match': `"v1-${caseOf(t)}"` },
    }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'POST /api/assessments',
    request: (t) => ({
      path: '/api/assessments',
      json: {
        case_id: caseOf(t),
        date: '2025-03-04',
        tool: 'ils',
        domain: 'fisik',
        source: 'klien',
        method: 'observasi',
        worker: 'peksos-uji',
      },
    }),
    expect: { worker: { own: 201, other: 403 }, coordinator: 201, admin: 201 },
  },
  {
    name: 'GET /api/cases/{id}/assessments',
    request: (t) => ({ path: `/api/cases/${caseOf(t)}/assessments` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'POST /api/goals',
    request: (t) => ({
      path: '/api/goals',
      json: {
        case_id: caseOf(t),
        title: 'Menyapu',
        method: 'casework',
        start_date: '2025-03-10',
        duration_days: 5,
        target_count: 2,
      },
    }),
    expect: { worker: { own: 201, other: 403 }, coordinator: 201, admin: 201 },
  },
  {
    name: 'POST /api/sessions',
    request: (t) => ({ path: '/api/sessions', json: { ...SESSION, case_id: caseOf(t), goal_id: goalOf(t) } }),
    expect: { worker: { own: 201, other: 403 }, coordinator: 201, admin: 201 },
  },
  {
    name: 'GET /api/cases/{id}/sessions',
    request: (t) => ({ path: `/api/cases/${caseOf(t)}/sessions` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'GET /api/goals/{id}/progress',
    request: (t) => ({ path: `/api/goals/${goalOf(t)}/progress` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'GET /api/cases/{id}/progress',
    request: (t) => ({ path: `/api/cases/${caseOf(t)}/progress` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'GET /api/progress',
    request: () => ({ path: '/api/progress' }),
    expect: { worker: both(403), coordinator: 200, admin: 200 },
  },
  {
    name: 'POST /api/sync',
    request: () => ({ path: '/api/sync', method: 'POST' }),
    expect: { worker: both(403), coordinator: 200, admin: 200 },
  },
  {
    name: 'GET /api/sync/status',
    request: () => ({ path: '/api/sync/status' }),
    expect: { worker: both(403), coordinator: 200, admin: 200 },
  },
]

const STAFF_OF: Readonly<Record<Actor, string>> = {
  worker: 'peksos-uji',
  coordinator: 'koordinator-uji',
  admin: 'admin-uji',
}

const ROWS = ENDPOINTS.flatMap((e) => [
  { endpoint: e.name, actor: 'worker' as const, target: 'own' as const, status: e.expect.worker.own, e },
  { endpoint: e.name, actor: 'worker' as const, target: 'other' as const, status: e.expect.worker.other, e },
  { endpoint: e.name, actor: 'coordinator' as const, target: 'other' as const, status: e.expect.coordinator, e },
  { endpoint: e.name, actor: 'admin' as const, target: 'other' as const, status: e.expect.admin, e },
])

describe('authorisation', () => {
  it.each(ROWS)('$endpoint as $actor on an $target case → $status', async ({ e, actor, target, status }) => {
    const h = harness()
    const { path, ...init } = e.request(target)
    const res = await h.send(path, { ...init, token: await h.token(STAFF_OF[actor], actor) })
    expect(res.status).toBe(status)
    if (status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  const PROTECTED = ENDPOINTS.filter((e) => e.public !== true)

  const BAD_TOKENS: readonly { name: string; header: () => Promise<string | undefined>; reason: RegExp }[] = [
    { name: 'no token', header: async () => undefined, reason: /Kirim header Authorization|Kirim token Bearer/ },
    { name: 'a Basic credential', header: async () => 'Basic cGVrc29zOnJhaGFzaWE=', reason: /Token tidak sah/ },
    {
      name: 'an expired token',
      header: async () =>
        `Bearer ${await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 60 }, AUTH_SECRET, NOW - 61_000)}`,
      reason: /kedaluwarsa/,
    },
    {
      name: 'a token signed with another secret',
      header: async () =>
        `Bearer ${await mintToken({ staffId: 'admin-uji', role: 'admin', ttlSeconds: 60 }, 'not-the-server-secret-0123456789abcdef', NOW)}`,
      reason: /Token tidak sah/,
    },
    {
      name: 'a token of an unknown staff id',
      header: async () =>
        `Bearer ${await mintToken({ staffId: 'orang-asing', role: 'admin', ttlSeconds: 60 }, AUTH_SECRET, NOW)}`,
      reason: /tidak terdaftar atau tidak aktif/,
    },
    {
      name: 'a token of a deactivated staff member',
      header: async () =>
        `Bearer ${await mintToken({ staffId: 'peksos-nonaktif', role: 'worker', ttlSeconds: 60 }, AUTH_SECRET, NOW)}`,
      reason: /tidak terdaftar atau tidak aktif/,
    },
  ]

  it.each(PROTECTED.flatMap((e) => BAD_TOKENS.map((t) => ({ endpoint: e.name, e, t }))))(
    '$endpoint with $t.name → 401',
    async ({ e, t }) => {
      const h = harness()
      const { path, ...init } = e.request('own')
      const authorization = await t.header()
      const res = await h.send(path, {
        ...init,
        headers: { ...init.headers, ...(authorization === undefined ? {} : { Authorization: authorization }) },
      })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect((await res.json<ProblemBody>()).detail).toMatch(t.reason)
      expect(h.ledger.callsOf('submit')).toEqual([])
    },
  )

  it("refuses with 403 a token claiming a role above the Staff row's", async () => {
    const h = harness()
    const token = await mintToken({ staffId: 'peksos-uji', role: 'admin', ttlSeconds: 60 }, AUTH_SECRET, NOW)
    const res = await h.send('/api/progress', { token })
    expect(res.status).toBe(403)
  })

  it('stops a staff member at the next request once the Staff tab deactivates them', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    expect((await h.send('/api/cases', { token })).status).toBe(200)
    h.ledger.staff.set('peksos-uji', { staff_id: 'peksos-uji', role: 'worker', active: false })
    expect((await h.send('/api/cases', { token })).status).toBe(401)
  })

  it("lists only the worker's own cases", async () => {
    const h = harness()
    const res = await h.send('/api/cases', { token: await h.token('peksos-uji', 'worker') })
    const { cases } = await res.json<{ cases: CaseSummary[] }>()
    expect(cases.map((c) => c.case_id)).toEqual(['K-0001', 'K-0003'])
  })
})
