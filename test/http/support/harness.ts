// The HTTP app wired to a FakeLedger, a fixed clock and test secrets, plus a small request helper.
// Synthetic staff ids only; initials only.
import type { Config } from '../../../src/config'
import { type AppDeps, createApp, type LogEntry } from '../../../src/http/app'
import { mintToken } from '../../../src/http/auth-token'
import type { Role } from '../../../src/ledger/contract'
import { FakeLedger, type FakeStaff } from './fake-ledger'

export const AUTH_SECRET = 'uji-auth-secret-0123456789abcdef-0123456789'
export const WEBHOOK_SECRET = 'uji-webhook-secret-0123456789abcdef-012345'
/** 2025-03-20 10:00 in Jakarta (UTC+7). */
export const NOW = Date.parse('2025-03-20T03:00:00Z')
export const TODAY = '2025-03-20'

export const STAFF: readonly FakeStaff[] = [
  { staff_id: 'admin-uji', role: 'admin', active: true },
  { staff_id: 'koordinator-uji', role: 'coordinator', active: true },
  { staff_id: 'peksos-uji', role: 'worker', active: true },
  { staff_id: 'peksos-lain', role: 'worker', active: true },
  { staff_id: 'peksos-nonaktif', role: 'worker', active: false },
]

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

/** A small synthetic centre: K-0001 (peksos-uji, consent given, goal T-0001), K-0002 (peksos-lain), K-0003 (no consent). */
export function seededLedger(): FakeLedger {
  const ledger = new FakeLedger({ staff: STAFF, today: TODAY, holidays: ['2025-03-07'] })
  const base = {
    sex: 'L',
    birth_date: '2012-04-01',
    cluster: 'anak',
    service: 'residensial',
    stage: 'implementasi',
    status: 'aktif',
  } as const
  ledger.seed('cases', { ...base, initials: 'AB', worker: 'peksos-uji', consent_date: '2025-03-03' })
  ledger.seed('cases', { ...base, initials: 'CD', worker: 'peksos-lain', consent_date: '2025-03-03' })
  ledger.seed('cases', { ...base, initials: 'EF', worker: 'peksos-uji', stage: 'akses' })
  const goal = {
    method: 'casework',
    start_date: '2025-03-05',
    duration_days: 10,
    target_count: 4,
    milestones: '5:2, 10:4',
    mastery_level: 4,
    success_level: 3,
    weight: 1,
  } as const
  ledger.seed('goals', { ...goal, case_id: 'K-0001', title: 'Mencuci pakaian' })
  ledger.seed('goals', { ...goal, case_id: 'K-0002', title: 'Memasak nasi' })
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
  return {
    ledger,
    logs,
    app,
    token: (staffId, role, ttlSeconds = 3600) => mintToken({ staffId, role, ttlSeconds }, AUTH_SECRET, now()),
    send: async (path, init = {}) => {
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
      return app.request(`http://casebook.uji${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
    },
  }
}

/** A valid session body for K-0001 / T-0001. */
export const SESSION = {
  case_id: 'K-0001',
  goal_id: 'T-0001',
  date: '2025-03-05',
  task: 'memilah pakaian',
  assistance: 'penuh',
  worker: 'peksos-uji',
} as const
