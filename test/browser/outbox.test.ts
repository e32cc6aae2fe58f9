/**
 * The outbox (src/http/app/client/outbox.js) in real Chromium: real IndexedDB, real fetch, Web
 * Locks and BroadcastChannel, against a scripted server (Playwright routes on an origin nobody serves,
 * so no Worker is needed and every answer is chosen by the test).
 */
import { readFile } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { describeInBrowser, useBrowser } from './support/harness'
import { ScriptedApi } from './support/scripted-api'

const OUTBOX_JS = readFile('src/http/app/client/outbox.js', 'utf8')

/**
 * Each test runs on an origin of its own, so it starts with an empty IndexedDB without a new
 * browser context. Loopback origins are secure contexts (as the app's https origin is); nothing
 * listens on these ports: Playwright answers every request.
 */
let nextPort = 9101
const freshOrigin = () => `http://127.0.0.1:${nextPort++}`

const SESSION: [string, string][] = [
  ['case_id', 'K-0001'],
  ['goal_id', 'T-0001'],
  ['date', '2025-03-05'],
  ['task', 'memilah pakaian'],
  ['assistance', 'penuh'],
]

const withDate = (date: string): [string, string][] => SESSION.map(([k, v]) => [k, k === 'date' ? date : v])

const REFUSAL = {
  type: '/docs#problem-invalid-row',
  title: 'Data tidak dapat diterima',
  status: 422,
  detail: 'Baris ini melanggar aturan pencatatan; perbaiki kolom yang disebut lalu kirim ulang.',
  errors: [{ pointer: '/date', code: 'before_consent', message: 'Tanggal sebelum persetujuan klien.' }],
}

describeInBrowser('the outbox in Chromium', () => {
  const browser = useBrowser()
  let context: BrowserContext
  let origin: string
  let page: Page
  let server: ScriptedApi

  beforeAll(async () => {
    context = await browser().newContext()
    await context.route(
      (url) => url.hostname === '127.0.0.1',
      async (route) => {
        const { pathname } = new URL(route.request().url())
        if (pathname.startsWith('/api/')) return server.handle(route)
        if (pathname === '/outbox.js') return route.fulfill({ contentType: 'text/javascript', body: await OUTBOX_JS })
        return route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>outbox</title><script src="/outbox.js"></script>',
        })
      },
    )
  })
  afterAll(async () => {
    await context.close()
  })

  // One page for the file, on a fresh origin per test (a new origin is a new, empty IndexedDB;
  // a new page would cost a renderer process each time).
  beforeAll(async () => {
    page = await context.newPage()
  })
  beforeEach(async () => {
    server = new ScriptedApi()
    origin = freshOrigin()
    await page.goto(`${origin}/`)
    await page.evaluate(() => SentraOutbox.setSession('peksos-uji', 'id'))
  })

  const enqueue = (fields: [string, string][] = SESSION, staff = 'peksos-uji') =>
    page.evaluate(
      ([fields, staff]) =>
        SentraOutbox.enqueue({ endpoint: '/api/sessions', form: '/app/sessions/new', label: 'Sesi', staff, fields }),
      [fields, staff] as const,
    )
  const drain = (force = false) => page.evaluate((force) => SentraOutbox.drain({ force }), force)
  const item = (id: string) => page.evaluate((id) => SentraOutbox.get(id), id)

  it('sends a queued submission as the form would, with its Idempotency-Key, and keeps only the new id', async () => {
    const queued = await enqueue()
    const round = await drain()
    expect(round).toMatchObject({ sent: 1, waiting: 0, refused: 0, signin: false })
    expect(server.requests).toEqual([
      { key: queued.key, body: new URLSearchParams(SESSION).toString(), language: 'id', csrf: '' },
    ])
    expect(await item(queued.id)).toMatchObject({ state: 'sent', rowId: 'S-0001', status: 201, fields: [] })
  })

  it('keeps a submission whose connection failed waiting, and retries it with the same key', async () => {
    server.answer('drop')
    const queued = await enqueue()
    expect(await drain()).toMatchObject({ waiting: 1, sent: 0 })
    expect(await item(queued.id)).toMatchObject({ state: 'waiting', attempts: 1, status: 0 })
    expect(await drain(true)).toMatchObject({ waiting: 0, sent: 1 })
    expect(server.requests.map((r) => r.key)).toEqual([queued.key, queued.key])
  })

  it('stores a row exactly once when the answer to a send that the server saved is lost', async () => {
    server.answer('drop-after-saving')
    const queued = await enqueue()
    expect(await drain()).toMatchObject({ waiting: 1 })
    expect(await drain(true)).toMatchObject({ sent: 1 })
    expect(server.requests).toHaveLength(2)
    expect([...server.rows.values()]).toEqual(['S-0001'])
    expect(await item(queued.id)).toMatchObject({ state: 'sent', rowId: 'S-0001' })
  })

  it('keeps a refused submission with its field messages for correction and still sends the next one', async () => {
    server.answer({ status: 422, body: REFUSAL }, 'saved')
    const refused = await enqueue()
    const next = await enqueue(withDate('2025-03-06'))
    expect(await drain()).toMatchObject({ refused: 1, sent: 1, waiting: 0 })
    expect(await item(refused.id)).toMatchObject({
      state: 'refused',
      fields: SESSION,
      problem: {
        status: 422,
        title: REFUSAL.title,
        detail: REFUSAL.detail,
        errors: [{ pointer: '/date', message: 'Tanggal sebelum persetujuan klien.' }],
      },
    })
    expect(await item(next.id)).toMatchObject({ state: 'sent' })
    expect(await drain(true)).toMatchObject({ refused: 1 })
    expect(server.requests).toHaveLength(2)
  })

  it('replaces a refused submission by its correction in one step, under a new key', async () => {
    server.answer({ status: 422, body: REFUSAL })
    const refused = await enqueue()
    await drain()
    const corrected = await page.evaluate(
      ([replaces, fields]) =>
        SentraOutbox.enqueue({
          endpoint: '/api/sessions',
          form: '/app/sessions/new',
          label: 'Sesi',
          staff: 'peksos-uji',
          fields,
          replaces,
        }),
      [refused.id, withDate('2025-03-10')] as const,
    )
    expect(corrected.key).not.toBe(refused.key)
    expect(await item(refused.id)).toBeUndefined()
    expect(await drain()).toMatchObject({ sent: 1, refused: 0 })
  })

  it('keeps every submission when the sign-in has expired, says so, and sends them after signing in again', async () => {
    server.answer({ status: 401, body: { title: 'Perlu masuk', status: 401 } })
    await enqueue()
    await enqueue()
    expect(await drain()).toMatchObject({ waiting: 2, signin: true })
    expect(server.requests).toHaveLength(1)
    expect(await page.evaluate(() => SentraOutbox.snapshot())).toMatchObject({ signin: true })
    expect(await drain(true)).toMatchObject({ sent: 2, waiting: 0, signin: false })
  })

  it.each([
    { status: 500, retryAfter: undefined, atLeastMs: 2_400 },
    { status: 503, retryAfter: '30', atLeastMs: 30_000 },
    { status: 429, retryAfter: '120', atLeastMs: 120_000 },
    { status: 408, retryAfter: undefined, atLeastMs: 2_400 },
  ])(
    'keeps a submission answered $status waiting and waits at least $atLeastMs ms before the next try',
    async ({ status, retryAfter, atLeastMs }) => {
      server.answer({
        status,
        body: { title: 'x', status },
        ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
      })
      const queued = await enqueue()
      const before = Date.now()
      expect(await drain()).toMatchObject({ waiting: 1 })
      const waiting = await item(queued.id)
      expect(waiting?.state).toBe('waiting')
      expect(waiting?.nextAt).toBeGreaterThanOrEqual(before + atLeastMs)
      expect(await drain()).toMatchObject({ waiting: 1 })
      expect(server.requests).toHaveLength(1)
    },
  )

  it('reports a 202 as saved on the server but not yet in the sheet, and asks again with the same key until 201', async () => {
    server.answer({ status: 202, body: { session_id: 'S-0007', sync: 'pending' } })
    const queued = await enqueue()
    expect(await drain()).toMatchObject({ accepted: 1, sent: 0 })
    expect(await item(queued.id)).toMatchObject({ state: 'accepted', rowId: 'S-0007', fields: SESSION })
    expect(await drain(true)).toMatchObject({ accepted: 0, sent: 1 })
    expect(server.requests.map((r) => r.key)).toEqual([queued.key, queued.key])
  })

  it('sends oldest first and stops the round at a submission that must wait, so the sheet keeps their order', async () => {
    server.answer({ status: 500, body: {} })
    const first = await enqueue()
    const second = await enqueue()
    expect(await drain()).toMatchObject({ waiting: 2 })
    expect(server.requests.map((r) => r.key)).toEqual([first.key])
    expect(await drain(true)).toMatchObject({ sent: 2 })
    expect(server.requests.map((r) => r.key)).toEqual([first.key, first.key, second.key])
  })

  it('never sends another staff member’s submissions under this sign-in', async () => {
    const theirs = await enqueue(SESSION, 'peksos-lain')
    expect(await drain()).toMatchObject({ sent: 0, waiting: 0 })
    expect(server.requests).toHaveLength(0)
    await page.evaluate(() => SentraOutbox.setSession('peksos-lain', 'en'))
    expect(await drain()).toMatchObject({ sent: 1 })
    expect(server.requests).toEqual([expect.objectContaining({ key: theirs.key, language: 'en' })])
  })

  it('tells the other pages of the app when the outbox changed', async () => {
    const other = await context.newPage()
    await other.goto(`${origin}/`)
    await other.evaluate(() => {
      document.title = 'unchanged'
      SentraOutbox.onChange(() => {
        document.title = 'changed'
      })
    })
    await enqueue()
    await other.waitForFunction(() => document.title === 'changed', undefined, { timeout: 5_000 })
    await other.close()
  })

  it('backs off from 3 s, doubling to a 5 minute cap, with ±20 % jitter', async () => {
    const delays = await page.evaluate(() => [1, 2, 3, 8, 20].map((n) => SentraOutbox.backoffMs(n, 0)))
    const expected = [3_000, 6_000, 12_000, 300_000, 300_000]
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual((expected[i] ?? 0) * 0.8)
      expect(delay).toBeLessThanOrEqual((expected[i] ?? 0) * 1.2)
    })
  })
})
