/**
 * Supervision in real Chromium against the real system (issue 9, "Done when"): the demo
 * coordinator, signed in through the emulator's Google page, reads the dashboard, approves the
 * demo worker's goal from the case page and asks for a revision of another; the worker sees the
 * approval on the case page and the open revision on /app, and answers it. Screenshots of the
 * dashboard on a laptop and on a phone are kept as artifacts (and, with UPDATE_SCREENSHOTS=1, as
 * the README's); the answer page gets the same weight, axe-core and 360 px checks as every page
 * (the other new pages are in APP_PAGES, checked by pages.test.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContextOptions } from 'playwright-core'
import { expect, it } from 'vitest'
import { axeViolations, PAGE_BUDGET_BYTES, pageWeight, phoneFit } from './support/field-app'
import { artifactScreenshot, describeInBrowser, requireHarness, useBrowser } from './support/harness'
import { enhanced, usePhones } from './support/phone-app'

/** `UPDATE_SCREENSHOTS=1 npm run test:browser` refreshes the README's screenshots (as the phone forms'). */
const README_SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join('docs', 'screenshots') : undefined

const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false }

describeInBrowser('supervision against the real system', () => {
  const phones = usePhones(useBrowser())

  it('shows the coordinator the dashboard on a laptop, charts drawn on the server, with no axe-core violation', async () => {
    const h = requireHarness()
    const page = await phones.phoneAs('koordinator-demo', { ...LAPTOP, serviceWorkers: 'block' })
    await page.goto(`${h.workerUrl}/app`)
    await page.getByRole('link', { name: 'Dasbor koordinator' }).click()
    await page.waitForURL((url) => url.pathname === '/app/dashboard')
    expect(await page.textContent('h1')).toBe('Dasbor koordinator')
    // Every chart is an image named by its title, drawn as inline SVG (no chart script loaded).
    for (const name of [/Tujuan kasus aktif per status/, /Level TAS/, /Beban kasus per peksos/, /Corong tahapan/]) {
      await expect.poll(() => page.getByRole('img', { name }).count()).toBeGreaterThan(0)
    }
    expect(await page.locator('#curve-T-0001 svg').count()).toBe(1)
    expect(await axeViolations(page)).toEqual([])
    expect(phones.problemsOf(page)).toEqual([])
    await artifactScreenshot(page, 'dashboard-laptop')
    if (README_SHOTS !== undefined) {
      await mkdir(README_SHOTS, { recursive: true })
      await page.setViewportSize({ width: 1024, height: 760 })
      await writeFile(join(README_SHOTS, 'dashboard.png'), await page.screenshot({ fullPage: false }))
    }
  })

  it('lets the coordinator approve one goal and ask for a revision of another; the worker sees both and answers', async () => {
    const h = requireHarness()
    const coordinator = await phones.phoneAs('koordinator-demo')
    await coordinator.goto(`${h.workerUrl}/app/cases/K-0001`)
    await coordinator.locator('a[href*="target=T-0001&kind=approve"]').click()
    await enhanced(coordinator)
    await coordinator.locator('label.choice:has(input[value="approve"])').click()
    await coordinator.getByRole('button', { name: 'Simpan', exact: true }).click()
    await expect.poll(() => coordinator.textContent('#status-feedback'), { timeout: 15_000 }).toMatch(/U-\d{4}/)

    await coordinator.goto(`${h.workerUrl}/app/feedback/new?case=K-0001&target=T-0002`)
    await enhanced(coordinator)
    await coordinator.locator('label.choice:has(input[value="revise"])').click()
    const note = `Tambahkan tonggak hari ke-2 (uji ${Date.now()})`
    await coordinator.fill('#f-text', note)
    await coordinator.getByRole('button', { name: 'Simpan', exact: true }).click()
    await expect.poll(() => coordinator.textContent('#status-feedback'), { timeout: 15_000 }).toMatch(/U-\d{4}/)
    const id = /U-\d{4}/.exec((await coordinator.textContent('#status-feedback')) ?? '')?.[0] ?? ''
    expect(phones.problemsOf(coordinator)).toEqual([])

    const worker = await phones.phoneAs('peksos-demo', { serviceWorkers: 'block' })
    await worker.goto(`${h.workerUrl}/app/cases/K-0001`)
    expect(await worker.textContent('main')).toMatch(/Persetujuan:\s*disetujui/)
    await artifactScreenshot(worker, 'case-page-approved')
    await worker.goto(`${h.workerUrl}/app`)
    expect(await worker.textContent('main')).toContain(note)
    await worker.locator(`a[href="/app/feedback/${id}"]`).click()
    await worker.waitForURL((url) => url.pathname === `/app/feedback/${id}`)
    await worker.fill('#f-reply', 'Tonggak hari ke-2 sudah ditambahkan (uji)')
    await worker.getByRole('button', { name: 'Simpan', exact: true }).click()
    await expect.poll(() => worker.textContent('#status-resolve')).toBe('Tindak lanjut tersimpan.')
    await worker.goto(`${h.workerUrl}/app/cases/K-0001`)
    expect(await worker.textContent(`#feedback-${id}`)).toContain('Tonggak hari ke-2 sudah ditambahkan (uji)')
    expect(await worker.textContent('main')).toMatch(/sudah direvisi, menunggu persetujuan/)
    expect(phones.problemsOf(worker)).toEqual([])
  })

  it('keeps the answer page within 30 KiB, axe-clean and fitting 360 px, and the dashboard too on a phone', async () => {
    const h = requireHarness()
    // A comment for the worker to answer (given through the API, as the coordinator's tools may).
    const res = await fetch(`${h.workerUrl}/api/feedback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.coordinatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        case_id: 'K-0001',
        target: 'T-0001',
        date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()),
        kind: 'comment',
        text: 'Catat bahan yang habis (uji)',
      }),
    })
    expect(res.status).toBe(201)
    const { feedback_id } = (await res.json()) as { feedback_id: string }
    for (const [who, path] of [
      ['peksos-demo', `/app/feedback/${feedback_id}`],
      ['koordinator-demo', '/app/dashboard'],
    ] as const) {
      const page = await phones.phoneAs(who, { serviceWorkers: 'block' })
      const weight = await pageWeight(page, `${h.workerUrl}${path}`)
      expect(weight.files.find((f) => f.type === 'document')?.status).toBe(200)
      console.log(`page weight ${path}: ${(weight.gzip / 1024).toFixed(1)} KiB gzip first load`)
      expect(weight.gzip, JSON.stringify(weight.files)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES)
      expect(await axeViolations(page)).toEqual([])
      expect(await phoneFit(page)).toEqual({ overflowX: 0, smallTargets: [] })
      expect(phones.problemsOf(page)).toEqual([])
      await artifactScreenshot(page, `phone-${path.replace(/^\/app\//, '').replace(/[^a-z0-9]+/gi, '-')}`)
    }
  })
})
