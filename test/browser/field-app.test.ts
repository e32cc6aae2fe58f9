/**
 * The field app in real Chromium on a phone (360 × 640) against the real local system — the
 * Sheets emulator and the Worker under wrangler dev (test/browser/support/global-setup.ts):
 * signing in through the emulator's Google page, logging sessions online and offline, what the
 * sheet then holds, corrections, the pages' weight and accessibility. Each test opens its own
 * browser context (the sign-in is made once per file and reused) and writes rows only it reads.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterEach, beforeAll, expect, it } from 'vitest'
import {
  APP_PAGES,
  axeViolations,
  PAGE_BUDGET_BYTES,
  pageWeight,
  phoneFit,
  sheetRows,
  signIn,
} from './support/field-app'
import { artifactScreenshot, describeInBrowser, requireHarness, useBrowser } from './support/harness'
import { PHONE } from './support/phone'

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

/** `UPDATE_SCREENSHOTS=1 npm run test:browser` refreshes the README's phone screenshots. */
const README_SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join('docs', 'screenshots') : undefined

const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())

describeInBrowser('the field app on a phone, against the real system', () => {
  const browser = useBrowser()
  const signedIn = new Map<string, StorageState>()
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    const h = requireHarness()
    for (const staffId of ['peksos-demo', 'koordinator-demo']) {
      const context = await browser().newContext({ ...PHONE, serviceWorkers: 'block' })
      await signIn(await context.newPage(), h.workerUrl, staffId)
      signedIn.set(staffId, await context.storageState())
      await context.close()
    }
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()))
  })

  const stateOf = (staffId: string): StorageState => {
    const state = signedIn.get(staffId)
    if (state === undefined) throw new Error(`${staffId} did not sign in`)
    return state
  }

  /** A phone signed in as `staffId` (the app's own service worker on unless told otherwise). */
  async function phoneAs(staffId: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser().newContext({ ...PHONE, storageState: stateOf(staffId), ...options })
    contexts.push(context)
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`)
    })
    pageProblems.set(page, problems)
    return page
  }
  const pageProblems = new WeakMap<Page, string[]>()

  /** The session form of `goal`, once offline.js has started (it fills the queue state). */
  async function openSessionForm(page: Page, goal: string): Promise<void> {
    await page.goto(`${requireHarness().workerUrl}/app/sessions/new?goal=${goal}`)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
  }

  async function logSession(page: Page, s: { task: string; assistance: string; date?: string }): Promise<void> {
    await page.fill('#f-task', s.task)
    await page.locator(`label.choice:has(input[value="${s.assistance}"])`).click()
    if (s.date !== undefined) await page.fill('#f-date', s.date)
    await page.getByRole('button', { name: 'Simpan' }).click()
  }

  const sessionsWithTask = async (task: string) => {
    const h = requireHarness()
    return (await sheetRows(h.emulatorUrl, h.spreadsheetId, 'sessions')).filter((row) => row.task === task)
  }

  it('signs in through the emulator’s Google page as peksos-demo and shows the worker’s cases', async () => {
    const h = requireHarness()
    const context = await browser().newContext(PHONE)
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, h.workerUrl, 'peksos-demo')
    expect(new URL(page.url()).pathname).toBe('/app')
    await expect.poll(() => page.textContent('header')).toContain('peksos-demo')
    expect(await page.textContent('main')).toContain('K-0001')
    await artifactScreenshot(page, 'home')
  })

  it('saves a session online: the page says its new id and the sheet has the row', async () => {
    const page = await phoneAs('peksos-demo')
    await openSessionForm(page, 'T-0002')
    const task = `uji daring ${Date.now()}`
    await logSession(page, { task, assistance: 'sebagian' })
    await expect.poll(() => page.textContent('#status-session'), { timeout: 15_000 }).toMatch(/^Tersimpan: S-\d{4}$/)
    const id = (await page.textContent('#status-session'))?.replace('Tersimpan: ', '')
    expect(await sessionsWithTask(task)).toEqual([expect.objectContaining({ session_id: id, goal_id: 'T-0002' })])
    expect(pageProblems.get(page)).toEqual([])
    await artifactScreenshot(page, 'session-saved')
  })

  it('keeps two sessions logged offline on the phone and stores each in the sheet exactly once when back online', async () => {
    const page = await phoneAs('peksos-demo')
    await openSessionForm(page, 'T-0002')
    // The form and its assets come from the service worker once the network is gone.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await page.context().setOffline(true)
    await openSessionForm(page, 'T-0002')
    const tasks = [`uji luring A ${Date.now()}`, `uji luring B ${Date.now()}`]
    for (const task of tasks) {
      await logSession(page, { task, assistance: 'penuh' })
      await expect.poll(() => page.textContent('#status-session')).toContain('Tersimpan di perangkat ini')
    }
    await expect.poll(() => page.textContent('#queue-state')).toContain('Menunggu dikirim (2)')
    await artifactScreenshot(page, 'offline-two-waiting')
    await page.context().setOffline(false)
    // The form was the service worker's saved copy, and the queue state says so too.
    await expect
      .poll(() => page.textContent('#queue-state'), { timeout: 20_000 })
      .toMatch(/^Semua kiriman sudah terkirim · Salinan tersimpan dari /)
    for (const task of tasks) expect(await sessionsWithTask(task)).toHaveLength(1)
    expect(await page.locator('#outbox li').allTextContents()).toEqual([
      expect.stringMatching(/terkirim: S-\d{4}$/),
      expect.stringMatching(/terkirim: S-\d{4}$/),
    ])
    expect(pageProblems.get(page)).toEqual([])
  })

  it('stores a session once when the answer to its first send is lost and the send is repeated', async () => {
    const page = await phoneAs('peksos-demo', { serviceWorkers: 'block' })
    let lost = 0
    await page.route('**/api/sessions', async (route) => {
      if (lost > 0) return route.continue()
      lost++
      await route.fetch() // the server stores the row …
      await route.abort('connectionreset') // … and its answer never reaches the phone
    })
    await openSessionForm(page, 'T-0002')
    const task = `uji jawaban hilang ${Date.now()}`
    await logSession(page, { task, assistance: 'minimal' })
    await expect.poll(() => page.textContent('#status-session')).toContain('Tersimpan di perangkat ini')
    await page.locator('#outbox summary').click()
    await page.getByRole('button', { name: 'Kirim sekarang' }).click()
    await expect.poll(() => page.textContent('#queue-state'), { timeout: 15_000 }).toBe('Semua kiriman sudah terkirim')
    expect(await sessionsWithTask(task)).toHaveLength(1)
  })

  it('shows a queued session the server refuses for correction, with its field message, and stores the correction once', async () => {
    const page = await phoneAs('peksos-demo')
    await openSessionForm(page, 'T-0002')
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await page.context().setOffline(true)
    const task = `uji ditolak ${Date.now()}`
    // Before the case's consent: the phone cannot know, the server refuses it.
    await logSession(page, { task, assistance: 'penuh', date: '2020-01-06' })
    await expect.poll(() => page.textContent('#queue-state')).toContain('Menunggu dikirim (1)')
    await page.context().setOffline(false)
    await expect
      .poll(() => page.textContent('#queue-state'), { timeout: 20_000 })
      .toContain('Ditolak, perlu diperbaiki (1)')
    const refused = page.locator('#outbox li[data-state="refused"]')
    expect(await refused.textContent()).toContain(task)
    await artifactScreenshot(page, 'refused-for-correction')
    await refused.getByRole('link', { name: 'Perbaiki' }).click()
    await expect.poll(() => page.textContent('#err-date')).not.toBe('')
    expect(await page.inputValue('#f-task')).toBe(task)
    await page.fill('#f-date', today())
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect.poll(() => page.textContent('#status-session'), { timeout: 15_000 }).toMatch(/^Tersimpan: S-\d{4}$/)
    expect(await sessionsWithTask(task)).toEqual([expect.objectContaining({ date: today() })])
    expect(await page.locator('#outbox').count()).toBe(0)
  })

  it('posts a session and answers it without JavaScript', async () => {
    const page = await phoneAs('peksos-demo', { javaScriptEnabled: false })
    await page.goto(`${requireHarness().workerUrl}/app/sessions/new?goal=T-0002`)
    const task = `uji tanpa js ${Date.now()}`
    await logSession(page, { task, assistance: 'mandiri' })
    await expect.poll(() => page.textContent('#status-session')).toContain('S-')
    expect(await sessionsWithTask(task)).toHaveLength(1)
  })

  it.each(APP_PAGES.map((p) => [p.path, p.who] as const))(
    '%s (as %s) weighs at most 30 KiB gzip on first load, fits 360 × 640 and has no serious or critical axe-core violation',
    async (path, who) => {
      const h = requireHarness()
      const staffId = who === 'worker' ? 'peksos-demo' : 'koordinator-demo'
      const url = `${h.workerUrl}${path.replace('{case}', 'K-0001')}`
      // A fresh context with no service worker: the first load, as the budget means it.
      const page = await phoneAs(staffId, { serviceWorkers: 'block' })
      const weight = await pageWeight(page, url)
      expect(weight.files.find((f) => f.type === 'document')).toMatchObject({ url: new URL(url).pathname, status: 200 })
      expect(weight.gzip, JSON.stringify(weight.files)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES)
      expect(await axeViolations(page)).toEqual([])
      expect(await phoneFit(page)).toEqual({ overflowX: 0, smallTargets: [] })
      expect(pageProblems.get(page)).toEqual([])
      const name =
        path
          .replace(/^\/app\/?/, '')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/-$/, '') || 'home'
      await artifactScreenshot(page, `page-${who}-${name}`)
      if (README_SHOTS !== undefined && who === 'worker') {
        await mkdir(README_SHOTS, { recursive: true })
        await page.screenshot({ path: join(README_SHOTS, `${name}.png`) })
      }
    },
  )
})
