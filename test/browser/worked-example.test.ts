/**
 * domain.md's worked example through the forms in real Chromium on a phone against the real
 * system (emulator + Worker, test/browser/support/global-setup.ts): from referral to the TAS of
 * its as-of dates on the case page, and its nine rows in the sheet staff see.
 */
import { expect, it } from 'vitest'
import { WORKED_CASE, WORKED_CONSENT, WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../support/worked-example'
import { sheetRows, staffTypesRow } from './support/field-app'
import { artifactScreenshot, describeInBrowser, requireHarness, useBrowser } from './support/harness'
import { enhanced, openSessionForm, saveAndReadId, usePhones } from './support/phone-app'

/**
 * Online logging: the service worker is left out here (its install saves a dozen pages ahead,
 * work the offline tests already cover), the outbox and the forms are the same.
 */
const NO_SW = { serviceWorkers: 'block' } as const

describeInBrowser('the worked example, logged on a phone', () => {
  const phones = usePhones(useBrowser())

  it('logs domain.md’s worked example through the forms and shows the TAS of its as-of dates on the case page', async () => {
    const h = requireHarness()
    // The case manager registers the referral; the holiday is typed into the Settings tab.
    const coordinator = await phones.phoneAs('koordinator-demo', NO_SW)
    await coordinator.goto(`${h.workerUrl}/app/cases/new`)
    await enhanced(coordinator)
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
    const page = await phones.phoneAs('peksos-demo', NO_SW)
    await page.goto(`${h.workerUrl}/app/cases/${caseId}`)
    await enhanced(page)
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
    await expect.poll(() => page.textContent('main')).toMatch(/Rab 12 Mar 2025[\s\S]*Rab 19 Mar 2025/)
    await enhanced(page)
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
    await expect.poll(() => page.textContent('main')).toContain('Level 2 · Sebagian Tercapai · 56.3 %')
    await artifactScreenshot(page, 'worked-example-2025-03-13')
    await page.goto(`${h.workerUrl}/app/cases/${caseId}?as_of=2025-03-19`)
    await expect.poll(() => page.textContent('main')).toContain('Level 4 · Sangat Tercapai · 93.8 %')
    await artifactScreenshot(page, 'worked-example-2025-03-19')

    const rows = (await sheetRows(h.emulatorUrl, h.spreadsheetId, 'sessions')).filter((r) => r.goal_id === goalId)
    expect(rows.map((r) => [r.date, r.task, r.assistance, r.case_id])).toEqual(
      WORKED_SESSIONS.map((s) => [s.date, s.task, s.assistance, caseId]),
    )
    expect(phones.problemsOf(page)).toEqual([])
    expect(phones.problemsOf(coordinator)).toEqual([])
  }, 150_000)
})
