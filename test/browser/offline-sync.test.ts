/**
 * The offline queue on a phone in real Chromium against the real system: sessions logged with
 * the network gone are kept on the phone and each reaches the sheet exactly once when it
 * returns; a send whose answer is lost is repeated with the same Idempotency-Key and stored
 * once; a queued session the server refuses is shown for correction, never dropped.
 */
import { expect, it } from 'vitest'
import { signIn } from './support/field-app'
import { artifactScreenshot, describeInBrowser, requireHarness, useBrowser } from './support/harness'
import { enhanced, logSession, openSessionForm, sessionsWithTask, todayInJakarta, usePhones } from './support/phone-app'

describeInBrowser('the offline queue on a phone, against the real system', () => {
  const phones = usePhones(useBrowser())

  it('keeps two sessions logged offline on the phone and stores each in the sheet exactly once when back online', async () => {
    const page = await phones.phoneAs('peksos-demo')
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
    await expect
      .poll(() => page.locator('#outbox li').allTextContents())
      .toEqual([expect.stringMatching(/terkirim: S-\d{4}$/), expect.stringMatching(/terkirim: S-\d{4}$/)])
    expect(phones.problemsOf(page)).toEqual([])
  })

  it('stores a session once when the answer to its first send is lost and the send is repeated', async () => {
    const page = await phones.phoneAs('peksos-demo', { serviceWorkers: 'block' })
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
    const page = await phones.phoneAs('peksos-demo')
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
    await page.fill('#f-date', todayInJakarta())
    await page.getByRole('button', { name: 'Simpan' }).click()
    await expect.poll(() => page.textContent('#status-session'), { timeout: 15_000 }).toMatch(/^Tersimpan: S-\d{4}$/)
    expect(await sessionsWithTask(task)).toEqual([expect.objectContaining({ date: todayInJakarta() })])
    expect(await page.locator('#outbox').count()).toBe(0)
  })

  it('forgets the saved pages on sign-out but keeps what waits, and sends it once the same worker signs in again', async () => {
    const h = requireHarness()
    const page = await phones.phoneAs('peksos-demo')
    await openSessionForm(page, 'T-0002')
    const savedPages = () =>
      page.evaluate(async () => {
        const names = (await caches.keys()).filter((n) => n.startsWith('casebook-pages-'))
        const lists = await Promise.all(names.map(async (n) => (await caches.open(n)).keys()))
        return lists.flat().map((r) => new URL(r.url).pathname + new URL(r.url).search)
      })
    await expect.poll(savedPages).toContain('/app/sessions/new?goal=T-0002')
    // The API is unreachable (the phone itself online): the session waits on the phone. (Routed
    // for the whole context: the service worker's Background Sync would send it otherwise.)
    await page.context().route('**/api/sessions', (route) => route.abort('connectionrefused'))
    const task = `uji keluar-masuk ${Date.now()}`
    await logSession(page, { task, assistance: 'sebagian' })
    await expect.poll(() => page.textContent('#queue-state')).toContain('Menunggu dikirim (1)')
    const [waiting] = (await page.evaluate(() => SentraOutbox.snapshot())).items

    await page.getByRole('button', { name: 'Keluar' }).click()
    await page.waitForURL((url) => url.pathname.startsWith('/app/sign-in'))
    expect(await savedPages()).toEqual([])
    expect(await page.evaluate((id) => SentraOutbox.get(id), waiting?.id ?? '')).toMatchObject({ state: 'waiting' })

    await page.context().unroute('**/api/sessions')
    await signIn(page, h.workerUrl, 'peksos-demo')
    await enhanced(page)
    await expect.poll(() => page.textContent('#queue-state')).toBe('Semua kiriman sudah terkirim')
    expect(await sessionsWithTask(task)).toHaveLength(1)
  })

  it('sends what waits through Background Sync with no page of the app open', async () => {
    const h = requireHarness()
    const page = await phones.phoneAs('peksos-demo')
    await openSessionForm(page, 'T-0002')
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await page.context().route('**/api/sessions', (route) => route.abort('connectionrefused'))
    const task = `uji background sync ${Date.now()}`
    await logSession(page, { task, assistance: 'penuh' })
    await expect.poll(() => page.textContent('#queue-state')).toContain('Menunggu dikirim (1)')
    // The worker leaves the app; the connection comes back; the browser fires the sync event
    // offline.js registered (here through DevTools: the emulated network does not tell it).
    const devtools = await page.context().newCDPSession(page)
    const registrations: { registrationId: string; scopeURL: string }[] = []
    devtools.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations))
    await devtools.send('ServiceWorker.enable')
    await expect.poll(() => registrations.map((r) => new URL(r.scopeURL).pathname)).toContain('/app/')
    await page.goto('about:blank')
    await page.context().unroute('**/api/sessions')
    const registration = registrations.find((r) => new URL(r.scopeURL).pathname === '/app/')
    await devtools.send('ServiceWorker.dispatchSyncEvent', {
      origin: h.workerUrl,
      registrationId: registration?.registrationId ?? '',
      tag: 'casebook-outbox',
      lastChance: false,
    })
    await expect.poll(() => sessionsWithTask(task)).toHaveLength(1)
    await openSessionForm(page, 'T-0002')
    await expect.poll(() => page.textContent('#queue-state')).toBe('Semua kiriman sudah terkirim')
  })
})
