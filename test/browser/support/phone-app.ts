/**
 * @module
 * A field worker's phone in the browser tests: a fresh browser context per test, signed in as a
 * demo staff member (cookies from the global setup), that records page errors and CSP reports;
 * and the few steps every test takes in the app (open a goal's session form, log a session,
 * save a form and read the id it says was saved, find rows in the sheet).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import { type SheetCell, sheetRows } from './field-app'
import { requireHarness } from './harness'
import { PHONE } from './phone'

/** Today in the centre's time zone, as the forms default their dates. */
export const todayInJakarta = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())

export type Phones = {
  /** A new phone that has never signed in. */
  phone(options?: BrowserContextOptions): Promise<Page>
  /** A new phone signed in as `staffId` (the app's own service worker on unless told otherwise). */
  phoneAs(staffId: string, options?: BrowserContextOptions): Promise<Page>
  /** Page errors and CSP violations the page reported (none expected). */
  problemsOf(page: Page): readonly string[]
}

/** Phones for a file's tests; each test's contexts close after it. */
export function usePhones(browser: () => Browser): Phones {
  const contexts: BrowserContext[] = []
  const problems = new WeakMap<Page, string[]>()
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()))
  })
  async function phone(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser().newContext({ ...PHONE, ...options })
    contexts.push(context)
    const page = await context.newPage()
    const seen: string[] = []
    page.on('pageerror', (e) => seen.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(`CSP: ${m.text()}`)
    })
    problems.set(page, seen)
    return page
  }
  return {
    phone,
    phoneAs(staffId, options = {}) {
      const storageState = requireHarness().signedIn[staffId]
      if (storageState === undefined) throw new Error(`${staffId} is not signed in by the global setup`)
      return phone({ storageState, ...options })
    },
    problemsOf: (page) => problems.get(page) ?? [],
  }
}

/** Waits until offline.js runs on the page (it is deferred). */
export const enhanced = (page: Page): Promise<unknown> => page.waitForFunction(() => typeof SentraOutbox === 'object')

/** A goal's session form, enhanced. */
export async function openSessionForm(page: Page, goal: string): Promise<void> {
  await page.goto(`${requireHarness().workerUrl}/app/sessions/new?goal=${goal}`)
  await enhanced(page)
}

/** Fills and saves the session form: task, assistance (a big button), optionally the date. */
export async function logSession(page: Page, s: { task: string; assistance: string; date?: string }): Promise<void> {
  await page.fill('#f-task', s.task)
  await page.locator(`label.choice:has(input[value="${s.assistance}"])`).click()
  if (s.date !== undefined) await page.fill('#f-date', s.date)
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
}

/** Saves the page's data form and answers the id its status slot says was saved. */
export async function saveAndReadId(page: Page, slot: string, button = 'Simpan'): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click()
  await expect.poll(() => page.textContent(`#${slot}`), { timeout: 15_000 }).toMatch(/^Tersimpan: [A-Z]-\d{4}$/)
  return ((await page.textContent(`#${slot}`)) ?? '').replace('Tersimpan: ', '')
}

/** The Sessions tab's rows with this task (tests make their task names unique). */
export async function sessionsWithTask(task: string): Promise<Record<string, SheetCell>[]> {
  const h = requireHarness()
  return (await sheetRows(h.emulatorUrl, h.spreadsheetId, 'sessions')).filter((row) => row.task === task)
}
