import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import worker from '../../src/index'
import { AUTH_SECRET, seededLedger } from './support/harness'

// The composition root with a fake Durable Object namespace: what src/index.ts wires, not what
// the ledger does (test/http/ledger-*.test.ts run the real object).

function fakeEnv(vars: Record<string, unknown>) {
  const ledger = seededLedger()
  const names: string[] = []
  const getByName = (name: string) => {
    names.push(name)
    return ledger
  }
  const env = { ...vars, LEDGER: { getByName } } as unknown as Env
  return { env, ledger, names }
}

/** A request as the runtime hands it to the Worker (the test's Request type lacks `cf`). */
const incoming = (url: string) => new Request(url) as Request<unknown, IncomingRequestCfProperties>

const VARS = { SPREADSHEET_ID: 'sheet-uji', GOOGLE_SERVICE_ACCOUNT_JSON: '{"type":"service_account"}', AUTH_SECRET }

describe('the Worker entry', () => {
  it("answers through the spreadsheet's ledger", async () => {
    const { env, names } = fakeEnv(VARS)
    const res = await worker.fetch(incoming('http://casebook.uji/api/health'), env, createExecutionContext())
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, sheet: 'reachable', outbox: 0 })
    expect(names).toEqual(['sheet-uji'])
  })

  it('answers every request with a bare 500 "server misconfigured" and logs only the key names', async () => {
    const logs: unknown[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((entry) => logs.push(entry))
    const { env } = fakeEnv({ SPREADSHEET_ID: 'sheet-uji', AUTH_SECRET: 'rahasia-terlalu-pendek' })
    const res = await worker.fetch(incoming('http://casebook.uji/api/cases'), env, createExecutionContext())
    spy.mockRestore()
    const text = await res.text()
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8')
    expect(JSON.parse(text)).toMatchObject({ title: 'Server belum dikonfigurasi', errors: [] })
    expect(text).not.toMatch(/AUTH_SECRET|GOOGLE|rahasia/)
    expect(logs).toEqual([{ level: 'error', msg: 'config_invalid', keys: 'AUTH_SECRET,GOOGLE_SERVICE_ACCOUNT_JSON' }])
  })

  it('answers "server misconfigured" for a ledger tuning value it would refuse, without opening the ledger', async () => {
    const logs: unknown[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((entry) => logs.push(entry))
    const { env, names } = fakeEnv({ ...VARS, LEDGER_BACKOFF_MAX_MS: 'lima menit' })
    const first = await worker.fetch(incoming('http://casebook.uji/api/health'), env, createExecutionContext())
    const second = await worker.fetch(incoming('http://casebook.uji/api/cases'), env, createExecutionContext())
    spy.mockRestore()
    for (const res of [first, second]) {
      expect(res.status).toBe(500)
      expect(await res.json()).toMatchObject({
        type: '/docs#problem-misconfigured',
        title: 'Server belum dikonfigurasi',
      })
    }
    expect(names).toEqual([])
    // Said once, when the Worker read its bindings: not an error line per request.
    expect(logs).toEqual([{ level: 'error', msg: 'config_invalid', keys: 'LEDGER_BACKOFF_MAX_MS' }])
  })

  it('syncs the spreadsheet on the cron', async () => {
    const { env, ledger } = fakeEnv(VARS)
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    expect(ledger.callsOf('sync')).toEqual([['cron']])
  })
})
