// Who may do what (api.md, architecture.md "Auth"): endpoint × actor × own/other case, with the
// expected status, run against the in-memory ledger (authz.test.ts) and the real Durable Object
// (ledger-authz.test.ts). peksos-uji owns K-0001 (goal T-0001); peksos-lain owns K-0002 (T-0002).
import { mintToken } from '../../../src/http/auth-token'
import { CURRENT } from './bad-input-corpus'
import { AUTH_SECRET, SESSION, type SendInit } from './harness'

export type Actor = 'worker' | 'coordinator' | 'admin'
export type Target = 'own' | 'other'

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

export const ENDPOINTS: readonly Endpoint[] = [
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
      headers: { 'If-Match': CURRENT },
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

export const STAFF_OF: Readonly<Record<Actor, string>> = {
  worker: 'peksos-uji',
  coordinator: 'koordinator-uji',
  admin: 'admin-uji',
}

export const ROWS = ENDPOINTS.flatMap((e) => [
  { endpoint: e.name, actor: 'worker' as const, target: 'own' as const, status: e.expect.worker.own, e },
  { endpoint: e.name, actor: 'worker' as const, target: 'other' as const, status: e.expect.worker.other, e },
  { endpoint: e.name, actor: 'coordinator' as const, target: 'other' as const, status: e.expect.coordinator, e },
  { endpoint: e.name, actor: 'admin' as const, target: 'other' as const, status: e.expect.admin, e },
])

export const PROTECTED = ENDPOINTS.filter((e) => e.public !== true)

export const BAD_TOKENS: readonly {
  name: string
  header: (now: number) => Promise<string | undefined>
  reason: RegExp
}[] = [
  { name: 'no token', header: async () => undefined, reason: /Kirim header Authorization|Kirim token Bearer/ },
  { name: 'a Basic credential', header: async () => 'Basic cGVrc29zOnJhaGFzaWE=', reason: /Token tidak sah/ },
  {
    name: 'an expired token',
    header: async (now) =>
      `Bearer ${await mintToken({ staffId: 'peksos-uji', role: 'worker', ttlSeconds: 60 }, AUTH_SECRET, now - 61_000)}`,
    reason: /kedaluwarsa/,
  },
  {
    name: 'a token signed with another secret',
    header: async (now) =>
      `Bearer ${await mintToken({ staffId: 'admin-uji', role: 'admin', ttlSeconds: 60 }, 'not-the-server-secret-0123456789abcdef', now)}`,
    reason: /Token tidak sah/,
  },
  {
    name: 'a token of an unknown staff id',
    header: async (now) =>
      `Bearer ${await mintToken({ staffId: 'orang-asing', role: 'admin', ttlSeconds: 60 }, AUTH_SECRET, now)}`,
    reason: /tidak terdaftar atau tidak aktif/,
  },
  {
    name: 'a token of a deactivated staff member',
    header: async (now) =>
      `Bearer ${await mintToken({ staffId: 'peksos-nonaktif', role: 'worker', ttlSeconds: 60 }, AUTH_SECRET, now)}`,
    reason: /tidak terdaftar atau tidak aktif/,
  },
]
