/**
 * Logging online through the field app in real Chromium on a phone against the real system: a
 * session, and a group session for two clients (the seed's cooking class) — each row checked in
 * the sheet staff see.
 */
import { expect, it } from 'vitest'
import { artifactScreenshot, describeInBrowser, requireHarness, useBrowser } from './support/harness'
import {
  enhanced,
  logSession,
  openSessionForm,
  saveAndReadId,
  sessionsWithTask,
  todayInJakarta,
  usePhones,
} from './support/phone-app'

/**
 * The service worker is left out here (its install saves a dozen pages ahead, work the offline
 * tests cover); the outbox and the forms are the same.
 */
const NO_SW = { serviceWorkers: 'block' } as const

describeInBrowser('logging through the field app on a phone', () => {
  const phones = usePhones(useBrowser())

  it('logs a group session for two clients: one row each in the sheet, each answered on its own', async () => {
    const h = requireHarness()
    const page = await phones.phoneAs('peksos-demo', NO_SW)
    // The second client (K-0002) has no goal yet: the worker plans one first.
    await page.goto(`${h.workerUrl}/app/goals/new?case=K-0002`)
    await enhanced(page)
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
    await enhanced(page)
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
      ['K-0001', 'T-0002', 'sebagian', 'instruktur tata boga', todayInJakarta()],
      ['K-0002', goal2, 'penuh', 'instruktur tata boga', todayInJakarta()],
    ])
    expect(phones.problemsOf(page)).toEqual([])
  })

  it('saves a session online: the page says its new id and the sheet has the row', async () => {
    const page = await phones.phoneAs('peksos-demo')
    await openSessionForm(page, 'T-0002')
    const task = `uji daring ${Date.now()}`
    await logSession(page, { task, assistance: 'sebagian' })
    await expect.poll(() => page.textContent('#status-session'), { timeout: 15_000 }).toMatch(/^Tersimpan: S-\d{4}$/)
    const id = (await page.textContent('#status-session'))?.replace('Tersimpan: ', '')
    expect(await sessionsWithTask(task)).toEqual([expect.objectContaining({ session_id: id, goal_id: 'T-0002' })])
    expect(phones.problemsOf(page)).toEqual([])
    await artifactScreenshot(page, 'session-saved')
  })
})
