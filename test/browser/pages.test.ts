/**
 * Signing in and every page of the field app in real Chromium on a phone (360 × 640) against the
 * real system: the emulator's Google page, each page's first-load weight against the 30 KiB
 * budget, axe-core (no serious or critical violation), the fit at 360 px, no page error or CSP
 * report, and a form that works without JavaScript. Screenshots are kept as artifacts;
 * `UPDATE_SCREENSHOTS=1 npm run test:browser` also refreshes the README's (docs/screenshots).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ConsoleMessage, Page } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { APP_PAGES, axeViolations, PAGE_BUDGET_BYTES, pageWeight, phoneFit, signIn } from './support/field-app'
import { artifactScreenshot, describeInBrowser, requireHarness, useBrowser } from './support/harness'
import { PHONE } from './support/phone'
import { logSession, sessionsWithTask, usePhones } from './support/phone-app'

/** Where `UPDATE_SCREENSHOTS=1` writes the README's phone screenshots. */
const README_SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join('docs', 'screenshots') : undefined

describeInBrowser('the field app’s pages on a phone, against the real system', () => {
  const browser = useBrowser()
  const phones = usePhones(browser)

  it('signs in through the emulator’s Google page as peksos-demo and shows the worker’s cases', async () => {
    const h = requireHarness()
    const page = await phones.phone()
    await signIn(page, h.workerUrl, 'peksos-demo')
    expect(new URL(page.url()).pathname).toBe('/app')
    await expect.poll(() => page.textContent('header')).toContain('peksos-demo')
    await expect.poll(() => page.textContent('main')).toContain('K-0001')
    await artifactScreenshot(page, 'home')
  })

  it('posts a session and answers it without JavaScript', async () => {
    const page = await phones.phoneAs('peksos-demo', { javaScriptEnabled: false })
    await page.goto(`${requireHarness().workerUrl}/app/sessions/new?goal=T-0002`)
    const task = `uji tanpa js ${Date.now()}`
    await logSession(page, { task, assistance: 'mandiri' })
    // The server's own answer page: the new id in the status slot, the row in the sheet.
    await expect.poll(() => page.textContent('#status-session')).toMatch(/S-\d{4}/)
    expect(await sessionsWithTask(task)).toHaveLength(1)
  })

  /**
   * One page for every check, reused (a new browser page costs a renderer process), signed in as
   * each check needs by swapping its cookies; no service worker, and the HTTP cache off
   * (DevTools), so every load is a first load, as the budget means it.
   */
  let firstLoad: Promise<Page> | undefined
  async function firstLoadPage(who: 'anyone' | 'worker' | 'coordinator'): Promise<Page> {
    firstLoad ??= (async () => {
      const context = await browser().newContext({ ...PHONE, serviceWorkers: 'block' })
      const page = await context.newPage()
      await (await context.newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true })
      return page
    })()
    const page = await firstLoad
    await page.context().clearCookies()
    if (who !== 'anyone') {
      const state = requireHarness().signedIn[who === 'worker' ? 'peksos-demo' : 'koordinator-demo']
      await page.context().addCookies(state?.cookies ?? [])
    }
    return page
  }
  afterAll(async () => {
    await (await firstLoad)?.context().close()
  })

  it.each(APP_PAGES.map((p) => [p.path, p.who] as const))(
    '%s (as %s) weighs at most 30 KiB gzip on first load, fits 360 × 640 and has no serious or critical axe-core violation',
    async (path, who) => {
      const url = `${requireHarness().workerUrl}${path.replace('{case}', 'K-0001')}`
      const page = await firstLoadPage(who)
      const problems: string[] = []
      const onError = (e: Error) => problems.push(`page error: ${e.message}`)
      const onConsole = (m: ConsoleMessage) => {
        if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`)
      }
      page.on('pageerror', onError)
      page.on('console', onConsole)
      try {
        const weight = await pageWeight(page, url)
        expect(weight.files.find((f) => f.type === 'document')).toMatchObject({
          url: new URL(url).pathname,
          status: 200,
        })
        // The stylesheet and scripts were loaded again, not taken from a cache, and counted.
        expect(weight.files.map((f) => f.type)).toEqual(expect.arrayContaining(['stylesheet', 'script']))
        expect(weight.gzip, JSON.stringify(weight.files)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES)
        expect(await axeViolations(page)).toEqual([])
        expect(await phoneFit(page)).toEqual({ overflowX: 0, smallTargets: [] })
      } finally {
        page.off('pageerror', onError)
        page.off('console', onConsole)
      }
      expect(problems).toEqual([])
      const name =
        path
          .replace(/^\/app\/?/, '')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/-$/, '') || 'home'
      // What the phone's screen shows first (a full page would be slow to take for every page).
      const png = await artifactScreenshot(page, `page-${who}-${name}`, { fullPage: false })
      if (README_SHOTS !== undefined && who === 'worker') {
        await mkdir(README_SHOTS, { recursive: true })
        await writeFile(join(README_SHOTS, `${name}.png`), png)
      }
    },
  )
})
