/**
 * @module
 * Driving the field app as a person does, and measuring it — shared by the browser tests and
 * `bench/pages.ts`: signing in through the emulator's Google page, reading the emulator's sheet
 * through its API, the weight of a page on first load, and axe-core's verdict on a page.
 */
import { readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import type { Page, Response } from 'playwright-core'
import { serialToIso, TABLES, type TabKey } from '../../../src/domain'
import { EMULATOR_SEED_TOKEN } from './local-system'

/** The budget of issue 8 point 5: HTML + CSS + JS of a page on first load, gzip. */
export const PAGE_BUDGET_BYTES = 30 * 1024

/** Every page of the field app, and who can open it. `{case}` is a case of the signed-in worker. */
export const APP_PAGES = [
  { path: '/app', who: 'worker' },
  { path: '/app/tasks', who: 'worker' },
  { path: '/app/sessions/new', who: 'worker' },
  { path: '/app/sessions/new?goal=T-0001', who: 'worker' },
  { path: '/app/sessions/group', who: 'worker' },
  { path: '/app/assessments/new', who: 'worker' },
  { path: '/app/goals/new', who: 'worker' },
  { path: '/app/cases/{case}', who: 'worker' },
  { path: '/app/cases/new', who: 'coordinator' },
  { path: '/app/tasks?worker=peksos-demo', who: 'coordinator' },
] as const

/**
 * Signs in through the emulator's Google page as the account whose staff id is `staffId` and
 * lands on `next` (a path under /app).
 */
export async function signIn(page: Page, workerUrl: string, staffId: string, next = '/app'): Promise<void> {
  await page.goto(`${workerUrl}${next}`)
  await page.getByRole('link', { name: /Masuk dengan Google|Sign in with Google/ }).click()
  await page.waitForURL((url) => url.pathname === '/o/oauth2/v2/auth')
  await page.locator('li button', { hasText: staffId }).click()
  await page.waitForURL((url) => url.origin === workerUrl && !url.pathname.startsWith('/app/auth'))
}

export type SheetCell = string | number | boolean | null

/**
 * A tab of the emulator's spreadsheet as staff see it, read through the Sheets API: rows keyed by
 * column key, dates as YYYY-MM-DD (the sheet holds serials).
 */
export async function sheetRows(
  emulatorUrl: string,
  spreadsheetId: string,
  tab: TabKey,
): Promise<Record<string, SheetCell>[]> {
  const table = TABLES[tab]
  const response = await fetch(
    `${emulatorUrl}/v4/spreadsheets/${spreadsheetId}/values/${encodeURIComponent(table.title)}?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`,
    { headers: { authorization: `Bearer ${EMULATOR_SEED_TOKEN}` } },
  )
  if (!response.ok) throw new Error(`reading ${table.title}: ${response.status}`)
  const { values = [] } = (await response.json()) as { values?: SheetCell[][] }
  const [header = [], ...rows] = values
  const columns = new Map(table.columns.map((c) => [c.label.id, c]))
  const keys = header.map((label) => columns.get(String(label))?.key ?? String(label))
  const dateKeys = new Set(table.columns.filter((c) => c.kind === 'date').map((c) => c.key))
  return rows.map((row) =>
    Object.fromEntries(
      keys.map((key, i) => {
        const cell = row[i] ?? null
        return [key, dateKeys.has(key) && typeof cell === 'number' ? serialToIso(cell) : cell]
      }),
    ),
  )
}

export type LoadedFile = {
  readonly url: string
  readonly status: number
  readonly type: string
  readonly bytes: number
  readonly gzip: number
}
export type PageWeight = { readonly path: string; readonly files: readonly LoadedFile[]; readonly gzip: number }

/**
 * What a page costs on first load: `page` must be new, in a fresh context (empty HTTP cache)
 * whose service workers are blocked — the service worker's own fetches (its script, the pages it
 * saves ahead) come once per device after the page has loaded, and are not the page's. Every
 * response the page loads (document, CSS, JS, images, fonts) is gzipped here (level 6, what
 * servers commonly send; wrangler dev does not compress).
 */
export async function pageWeight(page: Page, url: string): Promise<PageWeight> {
  const files: Promise<LoadedFile | undefined>[] = []
  const record = (response: Response) => {
    files.push(
      response
        .body()
        .then((body) => ({
          url: new URL(response.url()).pathname,
          status: response.status(),
          type: response.request().resourceType(),
          bytes: body.length,
          gzip: gzipSync(body).length,
        }))
        .catch(() => undefined),
    )
  }
  page.on('response', record)
  try {
    await page.goto(url, { waitUntil: 'load' })
  } finally {
    page.off('response', record)
  }
  const loaded = (await Promise.all(files)).filter((f): f is LoadedFile => f !== undefined)
  const { pathname, search } = new URL(url)
  return { path: pathname + search, files: loaded, gzip: loaded.reduce((sum, f) => sum + f.gzip, 0) }
}

const AXE_SOURCE = readFile('node_modules/axe-core/axe.min.js', 'utf8')

export type AxeViolation = {
  readonly id: string
  readonly impact: string
  readonly help: string
  readonly nodes: number
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.2 A/AA and best
 * practices). axe is evaluated through the DevTools protocol, which the page's CSP does not
 * govern, so the page keeps its strict `script-src 'self'` while it is checked.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await AXE_SOURCE)
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<unknown> } }).axe
    return (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    })) as { violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.length }))
}

/** The smallest touch target the field app offers (Apple and Google ask for 44–48 CSS px). */
export const MIN_TARGET_PX = 44

export type PhoneFit = {
  /** How far the page is wider than the screen (0: no sideways scrolling). */
  readonly overflowX: number
  /** Controls smaller than MIN_TARGET_PX in either direction (a radio or checkbox counts by its label). */
  readonly smallTargets: readonly string[]
}

/** Whether the page fits a 360 px wide phone and its controls are big enough to tap. */
export function phoneFit(page: Page): Promise<PhoneFit> {
  return page.evaluate((min) => {
    const overflowX = Math.max(0, document.documentElement.scrollWidth - window.innerWidth)
    const controls = document.querySelectorAll<HTMLElement>(
      'main button, main select, main textarea, main input:not([type=hidden]), main a.button, header a, header button',
    )
    const smallTargets: string[] = []
    for (const control of controls) {
      const choice = control instanceof HTMLInputElement && (control.type === 'radio' || control.type === 'checkbox')
      const target = choice ? (control.closest('label') ?? control) : control
      const box = target.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.height < min || box.width < min) {
        const name = control.getAttribute('name') ?? control.textContent?.trim().slice(0, 30) ?? ''
        smallTargets.push(
          `${control.tagName.toLowerCase()} ${name} (${Math.round(box.width)}×${Math.round(box.height)})`,
        )
      }
    }
    return { overflowX, smallTargets }
  }, MIN_TARGET_PX)
}
