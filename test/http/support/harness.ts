// The HTTP app wired to a FakeLedger, a fixed clock and test secrets, plus a small request helper,
// and the centre every HTTP test starts from (also seeded into the real ledger, real-ledger.ts).
// Synthetic staff ids only; initials only.
import type { Config } from '../../../src/config'
import type { InputOf } from '../../../src/domain'
import { type AppDeps, createApp, type LogEntry } from '../../../src/http/app'
import { mintToken } from '../../../src/http/auth-token'
import type { Role } from '../../../src/ledger/contract'
import { A_CASE, STAFF as CASEBOOK_STAFF } from '../../support/casebook'
import { withStaticAssets } from '../../support/static-assets'
import { WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../../support/worked-example'
import { FakeLedger, type FakeStaff } from './fake-ledger'

export const AUTH_SECRET = 'uji-auth-secret-0123456789abcdef-0123456789'
export const WEBHOOK_SECRET = 'uji-webhook-secret-0123456789abcdef-012345'
/** 2025-03-20 10:00 in Jakarta (UTC+7). */
export const NOW = Date.parse('2025-03-20T03:00:00Z')
export const TODAY = '2025-03-20'

/** The casebook's Staff tab, as the fake ledger knows it. */
export const STAFF: readonly FakeStaff[] = CASEBOOK_STAFF.map(({ staff_id, email, role, active }) => ({
  staff_id,
  email,
  role,
  active,
}))

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    spreadsheetId: 'sheet-uji',
    sheetsApiBase: 'https://sheets.googleapis.com',
    googleTokenUrl: 'https://oauth2.googleapis.com/token',
    googleServiceAccountJson: '{}',
    authSecret: AUTH_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    corsOrigins: [],
    timezone: 'Asia/Jakarta',
    maxBodyBytes: 65_536,
    ...overrides,
  }
}

/**
 * The centre, in the order its ids are given: K-0001 (AB, peksos-uji, consent given), K-0002
 * (CD, peksos-lain, consent given), K-0003 (EF, peksos-uji, no consent yet); goal T-0001 of K-0001
 * is domain.md's G1, T-0002 of K-0002 is G1's plan for another task.
 */
export const CENTRE: { readonly cases: readonly InputOf<'cases'>[]; readonly goals: readonly InputOf<'goals'>[] } = {
  cases: [
    { ...A_CASE, consent_date: '2025-03-03' },
    { ...A_CASE, initials: 'CD', worker: 'peksos-lain', consent_date: '2025-03-03' },
    { ...A_CASE, initials: 'EF', stage: 'akses' },
  ],
  goals: [
    { ...WORKED_GOAL, case_id: 'K-0001' },
    { ...WORKED_GOAL, case_id: 'K-0002', title: 'Memasak nasi' },
  ],
}

/** The centre in a FakeLedger. */
export function seededLedger(): FakeLedger {
  const ledger = new FakeLedger({ staff: STAFF, today: TODAY, holidays: WORKED_HOLIDAYS })
  for (const row of CENTRE.cases) ledger.seed('cases', row)
  for (const row of CENTRE.goals) ledger.seed('goals', row)
  return ledger
}

export type SendInit = {
  readonly method?: string
  readonly token?: string
  readonly json?: unknown
  readonly form?: Record<string, string>
  readonly body?: BodyInit
  readonly headers?: Record<string, string>
}

export type Harness = {
  readonly ledger: FakeLedger
  readonly logs: LogEntry[]
  readonly app: ReturnType<typeof createApp>
  readonly token: (staffId: string, role: Role, ttlSeconds?: number) => Promise<string>
  readonly send: (path: string, init?: SendInit) => Promise<Response>
}

export function harness(options: { ledger?: FakeLedger; config?: Partial<Config>; now?: () => number } = {}): Harness {
  const ledger = options.ledger ?? seededLedger()
  const logs: LogEntry[] = []
  let ids = 0
  const now = options.now ?? (() => NOW)
  const deps: AppDeps = {
    config: testConfig(options.config),
    ledger: () => ledger,
    now,
    newRequestId: () => `req-uji-${++ids}`,
    log: (entry) => logs.push(entry),
  }
  const app = createApp(deps)
  // As deployed: the files of public/ (the docs, the OpenAPI document, the field app's assets)
  // answer before the Worker does.
  const deployed = withStaticAssets((request) => app.request(request))
  return {
    ledger,
    logs,
    app,
    token: (staffId, role, ttlSeconds = 3600) => mintToken({ staffId, role, ttlSeconds }, AUTH_SECRET, now()),
    send: async (path, init = {}) => deployed(new Request(`http://casebook.uji${path}`, requestInit(init))),
  }
}

/**
 * What a test request sends: the bearer token, then a JSON or form body with its content type
 * (unless the test sets one); GET without a body, POST with one, unless the test names a method.
 */
export function requestInit(init: SendInit): RequestInit {
  const headers = new Headers(init.headers)
  if (init.token !== undefined) headers.set('Authorization', `Bearer ${init.token}`)
  let body = init.body
  if (init.json !== undefined) {
    body = JSON.stringify(init.json)
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
  } else if (init.form !== undefined) {
    body = new URLSearchParams(init.form).toString()
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  const method = init.method ?? (body === undefined ? 'GET' : 'POST')
  return { method, headers, ...(body === undefined ? {} : { body }) }
}

/** A valid session body for K-0001 / T-0001: G1's first session. */
export const SESSION = {
  case_id: 'K-0001',
  goal_id: 'T-0001',
  ...WORKED_SESSIONS[0],
  worker: 'peksos-uji',
} as const

/** A valid assessment body for K-0001: the BPSS social domain, from the client, by interview. */
export const ASSESSMENT = {
  case_id: 'K-0001',
  date: '2025-03-04',
  tool: 'bpss',
  domain: 'sosial',
  source: 'klien',
  method: 'wawancara',
  worker: 'peksos-uji',
} as const
