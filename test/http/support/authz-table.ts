// Who may do what (api.md, architecture.md "Auth"): endpoint × actor × own/other case, and the
// case field table of src/http/field-rules.ts × actor × own/other case, with the expected status,
// supervision included (issue 9): who records events, who gives, resolves and reads feedback, who
// sees the dashboard API,
// run against the in-memory ledger (authz.test.ts) and the real Durable Object
// (ledger-authz.test.ts). peksos-uji owns K-0001 (goal T-0001); peksos-lain owns K-0002 (T-0002).
// A worker's write on another worker's case is answered exactly like a write on a case that does
// not exist (422 case_not_found, or 404 for a PATCH): no existence oracle.
import { expect } from 'vitest'
import { mintToken } from '../../../src/http/auth-token'
import { FIELD_ACCESS, type FieldAccess, type PatchTab, ROLES_OF_ACCESS } from '../../../src/http/field-rules'
import type { ProblemBody } from '../../../src/http/problem'
import { CURRENT, resolveIfMatch } from './bad-input-corpus'
import { ASSESSMENT, AUTH_SECRET, SESSION, type SendInit } from './harness'

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

const GOAL = {
  case_id: 'K-0001',
  title: 'Menyapu',
  method: 'casework',
  start_date: '2025-03-10',
  duration_days: 5,
  target_count: 2,
} as const

const caseOf = (t: Target) => (t === 'own' ? 'K-0001' : 'K-0002')
const goalOf = (t: Target) => (t === 'own' ? 'T-0001' : 'T-0002')
const both = (status: number) => ({ own: status, other: status })

/** A home visit on a case (no consent needed), recorded in peksos-uji's name. */
export const EVENT = {
  case_id: 'K-0001',
  date: '2025-03-04',
  kind: 'home_visit',
  participants: 'peksos, orang_tua',
  summary: 'Kunjungan rumah: kebiasaan mencuci di rumah dibicarakan dengan orang tua.',
  worker: 'peksos-uji',
} as const

/** A coordinator's comment on a case's goal (`from` defaults to the caller). */
const FEEDBACK = (t: Target) => ({
  case_id: caseOf(t),
  target: goalOf(t),
  date: '2025-03-06',
  kind: 'comment',
  text: 'Tambahkan indikator yang terukur.',
})

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
    expect: { worker: { own: 201, other: 422 }, coordinator: 201, admin: 201 },
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
      json: { ...GOAL, case_id: caseOf(t) },
    }),
    expect: { worker: { own: 201, other: 422 }, coordinator: 201, admin: 201 },
  },
  {
    name: 'POST /api/sessions',
    request: (t) => ({ path: '/api/sessions', json: { ...SESSION, case_id: caseOf(t), goal_id: goalOf(t) } }),
    expect: { worker: { own: 201, other: 422 }, coordinator: 201, admin: 201 },
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
  // Supervision (issue 9).
  {
    name: 'POST /api/events',
    request: (t) => ({ path: '/api/events', json: { ...EVENT, case_id: caseOf(t) } }),
    expect: { worker: { own: 201, other: 422 }, coordinator: 201, admin: 201 },
  },
  {
    name: 'GET /api/cases/{id}/events',
    request: (t) => ({ path: `/api/cases/${caseOf(t)}/events` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'POST /api/feedback',
    request: (t) => ({ path: '/api/feedback', json: FEEDBACK(t) }),
    expect: { worker: both(403), coordinator: 201, admin: 201 },
  },
  {
    name: 'GET /api/cases/{id}/feedback',
    request: (t) => ({ path: `/api/cases/${caseOf(t)}/feedback` }),
    expect: { worker: { own: 200, other: 404 }, coordinator: 200, admin: 200 },
  },
  {
    name: 'GET /api/dashboard',
    request: () => ({ path: '/api/dashboard?as_of=2025-03-13' }),
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

/** The session, assessment and feedback rows of each target, for the row endpoints (seeded by {@link seedRows}). */
export type RowIds = Readonly<
  Record<Target, { readonly sessions: string; readonly assessments: string; readonly feedback: string }>
>

/**
 * One session and one assessment on each worker's case, posted by a coordinator in each worker's
 * name, and a coordinator's comment on each case's goal: own = peksos-uji's on K-0001, other =
 * peksos-lain's on K-0002.
 */
export async function seedRows(client: Client): Promise<RowIds> {
  const token = await client.token('koordinator-uji', 'coordinator')
  const post = async (path: string, json: object, idKey: string): Promise<string> => {
    const res = await client.send(path, { token, json })
    const body = (await res.json()) as Record<string, unknown>
    if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${JSON.stringify(body)}`)
    return String(body[idKey])
  }
  const ids = async (target: Target) => {
    const worker = target === 'own' ? 'peksos-uji' : 'peksos-lain'
    return {
      sessions: await post(
        '/api/sessions',
        { ...SESSION, case_id: caseOf(target), goal_id: goalOf(target), worker },
        'session_id',
      ),
      assessments: await post('/api/assessments', { ...ASSESSMENT, case_id: caseOf(target), worker }, 'assessment_id'),
      feedback: await post('/api/feedback', FEEDBACK(target), 'feedback_id'),
    }
  }
  return { own: await ids('own'), other: await ids('other') }
}

/**
 * A patch that sets each field to a value its row accepts (own = K-0001 and its rows, other =
 * K-0002 and its rows), keeping the centre as the other rows of the table expect it. The
 * withdrawal fields go together (one without the other is a row error).
 */
const FIELD_PATCH: { readonly [T in PatchTab]: Readonly<Record<string, (t: Target) => Record<string, unknown>>> } = {
  cases: {
    initials: (t) => ({ initials: t === 'own' ? 'AB' : 'CD' }),
    sex: () => ({ sex: 'L' }),
    birth_date: () => ({ birth_date: '2012-04-01' }),
    cluster: () => ({ cluster: 'anak' }),
    service: () => ({ service: 'residensial' }),
    education: () => ({ education: 'SMP' }),
    referral_source: () => ({ referral_source: 'Dinas Sosial' }),
    referral_date: () => ({ referral_date: '2025-02-20' }),
    worker: (t) => ({ worker: t === 'own' ? 'peksos-uji' : 'peksos-lain' }),
    stage: () => ({ stage: 'monev' }),
    consent_date: () => ({ consent_date: '2025-03-03' }),
    status: () => ({ status: 'aktif' }),
    closed_date: () => ({ closed_date: '2025-03-19' }),
    closure_reason: () => ({ closure_reason: 'tujuan tercapai' }),
    referred_to: () => ({ referred_to: 'orang tua' }),
    notes: () => ({ notes: 'catatan uji' }),
  },
  sessions: {
    case_id: (t) => ({ case_id: caseOf(t) }),
    goal_id: (t) => ({ goal_id: goalOf(t) }),
    date: () => ({ date: '2025-03-06' }),
    task: () => ({ task: 'melipat pakaian' }),
    assistance: () => ({ assistance: 'sebagian' }),
    rating: () => ({ rating: 2 }),
    techniques: () => ({ techniques: 'modeling' }),
    participants: () => ({ participants: 'pengasuh' }),
    worker: (t) => ({ worker: t === 'own' ? 'peksos-uji' : 'peksos-lain' }),
    duration_min: () => ({ duration_min: 30 }),
    notes: () => ({ notes: 'koreksi' }),
    withdrawn_date: () => ({ withdrawn_date: '2025-03-07', withdrawn_reason: 'salah catat' }),
    withdrawn_reason: () => ({ withdrawn_date: '2025-03-07', withdrawn_reason: 'salah catat' }),
  },
  assessments: {
    case_id: (t) => ({ case_id: caseOf(t) }),
    date: () => ({ date: '2025-03-05' }),
    tool: () => ({ tool: 'bpss' }),
    domain: () => ({ domain: 'sosial' }),
    score: () => ({ score: 3 }),
    source: () => ({ source: 'keluarga' }),
    method: () => ({ method: 'observasi' }),
    finding: () => ({ finding: 'temuan uji' }),
    worker: (t) => ({ worker: t === 'own' ? 'peksos-uji' : 'peksos-lain' }),
    withdrawn_date: () => ({ withdrawn_date: '2025-03-07', withdrawn_reason: 'salah catat' }),
    withdrawn_reason: () => ({ withdrawn_date: '2025-03-07', withdrawn_reason: 'salah catat' }),
  },
  // Resolving takes a date and a reply together (a date alone is a row error).
  feedback: {
    case_id: (t) => ({ case_id: caseOf(t) }),
    target: (t) => ({ target: goalOf(t) }),
    date: () => ({ date: '2025-03-05' }),
    from: () => ({ from: 'koordinator-uji' }),
    kind: () => ({ kind: 'revise' }),
    text: () => ({ text: 'Perjelas target hari ke-5.' }),
    resolved_date: () => ({ resolved_date: '2025-03-07', reply: 'Sudah diperjelas.' }),
    reply: () => ({ resolved_date: '2025-03-07', reply: 'Sudah diperjelas.' }),
  },
}

/**
 * PATCH of one field, per field of the ONE field table (src/http/field-rules.ts) × tab × actor
 * × own/other row. A field the role may not change is refused with 403 and its pointer before
 * the row is looked up (so also on another worker's row); a field it may change is 200 on a row
 * it may see and 404 on one it may not.
 */
export const FIELD_ROWS = (Object.keys(FIELD_ACCESS) as PatchTab[]).flatMap((tab) =>
  Object.entries(FIELD_ACCESS[tab] as Readonly<Record<string, FieldAccess>>).flatMap(([field, access]) =>
    (['worker', 'coordinator', 'admin'] as const).flatMap((actor) =>
      (['own', 'other'] as const).map((target) => {
        const allowed = ROLES_OF_ACCESS[access].includes(actor)
        const patch = FIELD_PATCH[tab][field]
        if (patch === undefined) throw new Error(`no test value for ${tab}.${field}`)
        return {
          tab,
          field,
          access,
          actor,
          target,
          status: !allowed ? 403 : actor === 'worker' && target === 'other' ? 404 : 200,
          /** The path of the row (row ids from {@link seedRows}) and the request. */
          request: (ids: RowIds) => ({
            path: tab === 'cases' ? `/api/cases/${caseOf(target)}` : `/api/${tab}/${ids[target][tab]}`,
            init: { method: 'PATCH', json: patch(target), headers: { 'If-Match': CURRENT } } satisfies SendInit,
          }),
        }
      }),
    ),
  ),
)

/** Reading one session, assessment or feedback row (and its ETag): whoever may see its case. */
export const ROW_READ_ROWS = (['sessions', 'assessments', 'feedback'] as const).flatMap((tab) =>
  (['worker', 'coordinator', 'admin'] as const).flatMap((actor) =>
    (['own', 'other'] as const).map((target) => ({
      tab,
      actor,
      target,
      status: actor === 'worker' && target === 'other' ? 404 : 200,
      path: (ids: RowIds) => `/api/${tab}/${ids[target][tab]}`,
    })),
  ),
)

/**
 * Writes a worker sends to another worker's case and to a case that does not exist: the two
 * answers must be the same bytes apart from the ids (and the request id, fixed by the test).
 */
export const ORACLE_PAIRS: readonly {
  readonly name: string
  readonly other: SendInit & { path: string }
  readonly missing: SendInit & { path: string }
  /** The ids that differ between the two, in the same order. */
  readonly ids: readonly [readonly string[], readonly string[]]
}[] = [
  {
    name: 'POST /api/sessions',
    other: { path: '/api/sessions', json: { ...SESSION, case_id: 'K-0002', goal_id: 'T-0002' } },
    missing: { path: '/api/sessions', json: { ...SESSION, case_id: 'K-0999', goal_id: 'T-0999' } },
    ids: [
      ['K-0002', 'T-0002'],
      ['K-0999', 'T-0999'],
    ],
  },
  {
    name: "POST /api/sessions naming another worker's goal on an own case",
    other: { path: '/api/sessions', json: { ...SESSION, goal_id: 'T-0002' } },
    missing: { path: '/api/sessions', json: { ...SESSION, goal_id: 'T-0999' } },
    ids: [['T-0002'], ['T-0999']],
  },
  {
    name: 'POST /api/assessments',
    other: { path: '/api/assessments', json: { ...ASSESSMENT, case_id: 'K-0002' } },
    missing: { path: '/api/assessments', json: { ...ASSESSMENT, case_id: 'K-0999' } },
    ids: [['K-0002'], ['K-0999']],
  },
  {
    name: 'POST /api/goals',
    other: { path: '/api/goals', json: { ...GOAL, case_id: 'K-0002' } },
    missing: { path: '/api/goals', json: { ...GOAL, case_id: 'K-0999' } },
    ids: [['K-0002'], ['K-0999']],
  },
  {
    name: 'POST /api/events',
    other: { path: '/api/events', json: { ...EVENT, case_id: 'K-0002' } },
    missing: { path: '/api/events', json: { ...EVENT, case_id: 'K-0999' } },
    ids: [['K-0002'], ['K-0999']],
  },
  {
    name: 'PATCH /api/cases/{id}',
    other: { path: '/api/cases/K-0002', method: 'PATCH', json: { stage: 'monev' }, headers: { 'If-Match': '"v1"' } },
    missing: { path: '/api/cases/K-0999', method: 'PATCH', json: { stage: 'monev' }, headers: { 'If-Match': '"v1"' } },
    ids: [['K-0002'], ['K-0999']],
  },
]

/** A closed case a coordinator registers (consent given, closure filled in). */
export const CLOSED_CASE = {
  initials: 'IJ',
  sex: 'P',
  birth_date: '2013-04-09',
  cluster: 'anak',
  service: 'residensial',
  worker: 'peksos-uji',
  stage: 'terminasi',
  consent_date: '2025-03-03',
  status: 'selesai',
  closed_date: '2025-03-18',
  closure_reason: 'tujuan tercapai',
  referred_to: 'orang tua',
} as const

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

/** The HTTP client both suites drive: the fake harness or the real Worker. */
type Client = {
  readonly token: (staffId: string, role: Actor) => Promise<string>
  readonly send: (path: string, init?: SendInit) => Promise<Response>
}

const bodyOf = async (res: Response): Promise<ProblemBody> => JSON.parse(await res.text()) as ProblemBody

/** Sends one field-table row and checks its status, and for a refusal the pointer and that the row is unchanged. */
export async function checkFieldRow(client: Client, row: (typeof FIELD_ROWS)[number], ids: RowIds): Promise<void> {
  const coordinator = await client.token('koordinator-uji', 'coordinator')
  const { path, init: request } = row.request(ids)
  const init = await resolveIfMatch(client, path, request)
  const res = await client.send(path, { ...init, token: await client.token(STAFF_OF[row.actor], row.actor) })
  const text = await res.text()
  expect(res.status, text).toBe(row.status)
  if (row.status !== 403) return
  expect((JSON.parse(text) as ProblemBody).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual([
    `/${row.field} coordinator_only`,
  ])
  const after = await client.send(path, { token: coordinator })
  expect(after.headers.get('etag')).toBe(init.headers?.['If-Match'])
}

/** POST attribution: `worker` defaults to the caller; a worker token naming someone else is refused, nothing stored. */
export async function checkAttribution(client: Client): Promise<void> {
  const worker = await client.token('peksos-uji', 'worker')
  const coordinator = await client.token('koordinator-uji', 'coordinator')
  const { worker: _omitted, ...withoutWorker } = SESSION
  const defaulted = await client.send('/api/sessions', { token: worker, json: withoutWorker })
  expect(defaulted.status).toBe(201)
  expect(await defaulted.json()).toMatchObject({ worker: 'peksos-uji' })
  const { worker: _also, ...assessment } = ASSESSMENT
  const byCoordinator = await client.send('/api/assessments', { token: coordinator, json: assessment })
  expect(byCoordinator.status).toBe(201)
  expect(await byCoordinator.json()).toMatchObject({ worker: 'koordinator-uji' })

  const before = await (await client.send('/api/cases/K-0001/sessions', { token: coordinator })).text()
  for (const [path, json] of [
    ['/api/sessions', { ...SESSION, worker: 'peksos-lain' }],
    ['/api/assessments', { ...ASSESSMENT, worker: 'koordinator-uji' }],
    ['/api/sessions', { ...SESSION, case_id: 'K-0999', worker: 'peksos-lain' }],
  ] as const) {
    const refused = await client.send(path, { token: worker, json })
    expect(refused.status).toBe(403)
    const body = await bodyOf(refused)
    expect(body.type).toBe('/docs#problem-forbidden-field')
    expect(body.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/worker not_self'])
  }
  expect(await (await client.send('/api/cases/K-0001/sessions', { token: coordinator })).text()).toBe(before)

  // A coordinator records work in a worker's name.
  const onBehalf = await client.send('/api/sessions', {
    token: coordinator,
    json: { ...SESSION, worker: 'peksos-lain' },
  })
  expect(onBehalf.status).toBe(201)
}

/** Another worker's case and a case that does not exist get the same bytes, apart from the ids. */
export async function checkNoExistenceOracle(client: Client, pair: (typeof ORACLE_PAIRS)[number]): Promise<void> {
  const token = await client.token('peksos-uji', 'worker')
  const answer = async ({ path, ...init }: SendInit & { path: string }) => {
    const res = await client.send(path, {
      ...init,
      token,
      headers: { ...init.headers, 'X-Request-Id': 'oracle-uji-0001' },
    })
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() }
  }
  const other = await answer(pair.other)
  const missing = await answer(pair.missing)
  const [otherIds, missingIds] = pair.ids
  let unified = other.text
  otherIds.forEach((id, i) => {
    unified = unified.replaceAll(id, missingIds[i] ?? '')
  })
  expect(other.status).toBe(missing.status)
  expect(other.type).toBe(missing.type)
  expect(unified).toBe(missing.text)
  expect([404, 422]).toContain(other.status)
}

/**
 * New assessments, goals and sessions on a case that is no longer `aktif` are refused through
 * the API (422 case_closed) — even dated before the closed date, which the sheet's rule accepts.
 */
export async function checkClosedCaseRefusesNewRows(client: Client): Promise<void> {
  const worker = await client.token('peksos-uji', 'worker')
  const coordinator = await client.token('koordinator-uji', 'coordinator')
  const opened = await client.send('/api/cases', {
    token: coordinator,
    json: {
      ...CLOSED_CASE,
      status: 'aktif',
      closed_date: undefined,
      closure_reason: undefined,
      referred_to: undefined,
    },
  })
  expect(opened.status).toBe(201)
  const caseId = String(((await opened.json()) as { case_id: string }).case_id)
  const goal = await client.send('/api/goals', { token: worker, json: { ...GOAL, case_id: caseId } })
  expect(goal.status).toBe(201)
  const goalId = String(((await goal.json()) as { goal_id: string }).goal_id)
  const read = await client.send(`/api/cases/${caseId}`, { token: coordinator })
  const closed = await client.send(`/api/cases/${caseId}`, {
    method: 'PATCH',
    token: coordinator,
    json: { status: 'selesai', closed_date: '2025-03-18', closure_reason: 'tujuan tercapai', referred_to: 'orang tua' },
    headers: { 'If-Match': read.headers.get('etag') ?? '' },
  })
  expect(closed.status, await closed.clone().text()).toBe(200)
  for (const [path, json] of [
    ['/api/sessions', { ...SESSION, case_id: caseId, goal_id: goalId, date: '2025-03-12' }],
    ['/api/goals', { ...GOAL, case_id: caseId }],
    ['/api/assessments', { ...ASSESSMENT, case_id: caseId }],
  ] as const) {
    const res = await client.send(path, { token: worker, json })
    expect(res.status).toBe(422)
    expect((await bodyOf(res)).errors).toContainEqual({
      pointer: '/case_id',
      code: 'case_closed',
      message: `Kasus ${caseId} sudah tidak aktif (selesai atau dirujuk); asesmen, tujuan dan sesi baru hanya dapat dicatat untuk kasus aktif.`,
    })
  }
}
