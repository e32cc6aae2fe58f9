// The real system behind HTTP for integration tests: the Worker entry (src/index.ts) with the
// ledger Durable Object of the workers project and a casebook spreadsheet in the in-process
// emulator (test/support/casebook.ts). Each test file uses its own spreadsheet id (files share
// one emulator). Synthetic staff ids and initials only.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterAll, vi } from 'vitest'
import { mintToken } from '../../../src/http/auth-token'
import worker from '../../../src/index'
import type { Tuning } from '../../../src/ledger/config'
import type { Role } from '../../../src/ledger/contract'
import { provisionCasebook, TEST_TUNING } from '../../support/casebook'
import { withStaticAssets } from '../../support/static-assets'
import { AUTH_SECRET, CENTRE, requestInit, type SendInit, WEBHOOK_SECRET } from './harness'

/** The HTTP client of the real Worker for one spreadsheet (same shape as the fake harness's). */
export type Client = {
  readonly token: (staffId: string, role: Role, ttlSeconds?: number) => Promise<string>
  readonly send: (path: string, init?: SendInit) => Promise<Response>
}

export function realClient(spreadsheetId: string, vars: Record<string, string> = {}): Client {
  const workerEnv = {
    ...(env as unknown as Record<string, unknown>),
    SPREADSHEET_ID: spreadsheetId,
    AUTH_SECRET,
    WEBHOOK_SECRET,
    ...vars,
  } as unknown as Env
  return {
    token: (staffId, role, ttlSeconds = 3600) => mintToken({ staffId, role, ttlSeconds }, AUTH_SECRET, Date.now()),
    // As deployed: a file of public/ answers before the Worker (test/support/static-assets.ts).
    send: async (path, init = {}) =>
      withStaticAssets(async (request) => {
        const ctx = createExecutionContext()
        const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, workerEnv, ctx)
        await waitOnExecutionContext(ctx)
        return res
      })(new Request(`http://casebook.uji${path}`, requestInit(init))),
  }
}

/**
 * The centre the HTTP tests expect (harness.ts CENTRE, the fake ledger's too), created through
 * the API by a coordinator so it gets the same ids: K-0001…K-0003, T-0001 and T-0002.
 */
export async function seedCentre(client: Client): Promise<void> {
  const token = await client.token('koordinator-uji', 'coordinator')
  const rows = [
    ...CENTRE.cases.map((json, i) => ({ path: '/api/cases', json, id: `K-000${i + 1}` })),
    ...CENTRE.goals.map((json, i) => ({ path: '/api/goals', json, id: `T-000${i + 1}` })),
  ]
  for (const { path, json, id } of rows) {
    const res = await client.send(path, { token, json })
    const text = await res.text()
    if (res.status !== 201 || !text.includes(`"${id}"`))
      throw new Error(`seeding ${id}: ${res.status} ${text.slice(0, 300)}`)
  }
}

/** A fresh casebook with the centre in it, behind the real Worker: the client to call it with. */
export async function seededRealCentre(spreadsheetId: string, tuning: Partial<Tuning> = TEST_TUNING): Promise<Client> {
  await provisionCasebook(spreadsheetId, tuning)
  const client = realClient(spreadsheetId)
  await seedCentre(client)
  return client
}

/**
 * Collects console.log lines (the Worker's and the ledger's) instead of printing them, for the
 * whole test file: call it at the top of the file; the spy is restored after the file.
 */
export function captureLogs(): unknown[] {
  const lines: unknown[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((entry: unknown) => {
    lines.push(entry)
  })
  afterAll(() => {
    spy.mockRestore()
  })
  return lines
}
