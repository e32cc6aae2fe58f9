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
import { WORKED_CASE, WORKED_CONSENT, WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../support/worked-example'
import {
  APP_PAGES,
  axeViolations,
  PAGE_BUDGET_BYTES,
  pageWeight,
  phoneFit,
  sheetRows,
  signIn,
  staffTypesRow,
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

  /** Saves the page's data form and answers the id its status slot says was saved. */
  async function saveAndReadId(page: Page, slot: string, button = 'Simpan'): Promise<string> {
    await page.getByRole('button', { name: button, exact: true }).click()
    await expect.poll(() => page.textContent(`#${slot}`), { timeout: 15_000 }).toMatch(/^Tersimpan: [A-Z]-\d{4}$/)
    return ((await page.textContent(`#${slot}`)) ?? '').replace('Tersimpan: ', '')
  }

  it('logs domain.md’s worked example through the forms and shows the TAS of its as-of dates on the case page', async () => {
    const h = requireHarness()
    // The case manager registers the referral; the holiday is typed into the Settings tab.
    const coordinator = await phoneAs('koordinator-demo')
    await coordinator.goto(`${h.workerUrl}/app/cases/new`)
    await coordinator.waitForFunction(() => typeof SentraOutbox === 'object')
    await coordinator.fill('#f-initials', WORKED_CASE.initials)
    await coordinator.locator(`label:has(input[name="sex"][value="${WORKED_CASE.sex}"])`).click()
    await coordinator.fill('#f-birth_date', WORKED_CASE.birth_date)
    await coordinator.selectOption('#f-cluster', WORKED_CASE.cluster)
    await coordinator.selectOption('#f-service', WORKED_CASE.service)
    await coordinator.selectOption('#f-worker', 'peksos-demo')
    await coordinator.selectOption('#f-stage', WORKED_CASE.stage)
    await coordinator.selectOption('#f-status', WORKED_CASE.status)
    const caseId = await saveAndReadId(coordinator, 'status-case-new')
    await staffTypesRow(h, 'settings', { date: WORKED_HOLIDAYS[0] ?? '', description: 'Libur (uji peramban)' })

    // The worker records consent on the case page (a PATCH with the row's version) …
    const page = await phoneAs('peksos-demo')
    await page.goto(`${h.workerUrl}/app/cases/${caseId}`)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
    await page.fill('#f-consent_date', WORKED_CONSENT.consent_date)
    await page.selectOption('#f-stage', WORKED_CONSENT.stage)
    expect(await saveAndReadId(page, 'status-case')).toBe(caseId)

    // … plans G1, checking the milestone dates the preview computes from the working days …
    await page.goto(`${h.workerUrl}/app/goals/new?case=${caseId}`)
    await page.fill('#f-title', WORKED_GOAL.title)
    await page.locator(`label:has(input[name="method"][value="${WORKED_GOAL.method}"])`).click()
    await page.fill('#f-start_date', WORKED_GOAL.start_date)
    await page.fill('#f-duration_days', String(WORKED_GOAL.duration_days))
    await page.fill('#f-target_count', String(WORKED_GOAL.target_count))
    await page.fill('#f-milestones', WORKED_GOAL.milestones)
    await page.getByRole('button', { name: 'Pratinjau tanggal' }).click()
    await page.waitForLoadState()
    expect(await page.textContent('main')).toMatch(/Rab 12 Mar 2025[\s\S]*Rab 19 Mar 2025/)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
    await artifactScreenshot(page, 'goal-preview')
    const goalId = await saveAndReadId(page, 'status-goal')

    // … and logs its nine sessions, as a worker does after each one.
    await openSessionForm(page, goalId)
    for (const s of WORKED_SESSIONS) {
      await page.fill('#f-task', s.task)
      await page.locator(`label.choice:has(input[value="${s.assistance}"])`).click()
      if ('rating' in s) await page.selectOption('#f-rating', String(s.rating))
      await page.fill('#f-date', s.date)
      await saveAndReadId(page, 'status-session')
    }

    await page.goto(`${h.workerUrl}/app/cases/${caseId}?as_of=2025-03-13`)
    expect(await page.textContent('main')).toContain('Level 2 · Sebagian Tercapai · 56.3 %')
    await artifactScreenshot(page, 'worked-example-2025-03-13')
    await page.goto(`${h.workerUrl}/app/cases/${caseId}?as_of=2025-03-19`)
    expect(await page.textContent('main')).toContain('Level 4 · Sangat Tercapai · 93.8 %')
    await artifactScreenshot(page, 'worked-example-2025-03-19')

    const rows = (await sheetRows(h.emulatorUrl, h.spreadsheetId, 'sessions')).filter((r) => r.goal_id === goalId)
    expect(rows.map((r) => [r.date, r.task, r.assistance, r.case_id])).toEqual(
      WORKED_SESSIONS.map((s) => [s.date, s.task, s.assistance, caseId]),
    )
    expect(pageProblems.get(page)).toEqual([])
    expect(pageProblems.get(coordinator)).toEqual([])
  })

  it('logs a group session for two clients: one row each in the sheet, each answered on its own', async () => {
    const h = requireHarness()
    const page = await phoneAs('peksos-demo')
    // The second client (K-0002) has no goal yet: the worker plans one first.
    await page.goto(`${h.workerUrl}/app/goals/new?case=K-0002`)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
    const title = `Uji kelompok ${Date.now()}`
    await page.fill('#f-title', title)
    await page.locator('label:has(input[name="method"][value="groupwork"])').click()
    await page.fill('#f-duration_days', '10')
    await page.fill('#f-target_count', '3')
    const goal2 = await saveAndReadId(page, 'status-goal')

    await page.goto(`${h.workerUrl}/app/sessions/group`)
    await page.locator('label.check:has(input[value="K-0001"])').click()
    await page.locator('label.check:has(input[value="K-0002"])').click()
    await page.locator('form[method="get"] button[type="submit"]').click()
    await page.waitForURL(/\/app\/sessions\/group\?/)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
    const task = `memasak nasi (uji ${Date.now()})`
    await page.selectOption('[name="1.goal_id"]', 'T-0002')
    await page.selectOption('[name="2.goal_id"]', goal2)
    for (const i of [1, 2]) {
      await page.fill(`[name="${i}.task"]`, task)
      await page
        .locator(`label.choice:has(input[name="${i}.assistance"][value="${i === 1 ? 'sebagian' : 'penuh'}"])`)
        .click()
    }
    await page.fill('#f-participants', 'instruktur tata boga')
    await page.getByRole('button', { name: 'Simpan semua' }).click()
    for (const i of [1, 2]) {
      await expect
        .poll(() => page.textContent(`#status-group-${i}`), { timeout: 15_000 })
        .toMatch(/^Tersimpan: S-\d{4}$/)
    }
    await artifactScreenshot(page, 'group-session-saved')
    const rows = await sessionsWithTask(task)
    expect(rows.map((r) => [r.case_id, r.goal_id, r.assistance, r.participants, r.date])).toEqual([
      ['K-0001', 'T-0002', 'sebagian', 'instruktur tata boga', today()],
      ['K-0002', goal2, 'penuh', 'instruktur tata boga', today()],
    ])
    expect(pageProblems.get(page)).toEqual([])
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
