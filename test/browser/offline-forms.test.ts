/**
 * offline.js in Chromium on pages written to the markup contract of src/http/app/layout.tsx
 * (data-api forms, err-<key> and status-<form> slots, group rows <i>.<key>, the queue state),
 * with the API scripted through Playwright routes: what a field worker sees when a save works,
 * is refused, waits offline, or needs a new sign-in — each answer chosen by the test.
 */
import { readFile } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { describeInBrowser, useBrowser } from './support/harness'
import { ScriptedApi } from './support/scripted-api'

const SCRIPTS = {
  '/outbox.js': readFile('src/http/app/client/outbox.js', 'utf8'),
  '/offline.js': readFile('src/http/app/client/offline.js', 'utf8'),
} as const

const shell = (main: string, lang = 'id') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="csrf-token" content="csrf-uji"><title>uji</title>
<script defer src="/outbox.js"></script><script defer src="/offline.js"></script></head>
<body data-staff="peksos-uji"><p id="queue-state" class="queue-state" role="status" aria-live="polite" hidden></p>
<main id="main">${main}</main></body></html>`

const field = (name: string, input: string) =>
  `<div class="field"><label for="f-${name}">${name}</label>${input}<p class="field-error" id="err-${name}"></p></div>`

/** The session form as the contract describes it (a subset of its fields). */
const sessionForm = (lang: 'id' | 'en') =>
  shell(
    `<form method="post" action="/app/sessions/new" data-api="/api/sessions" data-form="session">
<div class="notice" id="status-session" role="status" aria-live="polite"></div>
<input type="hidden" name="_csrf" value="csrf-uji"><input type="hidden" name="_idem" value="kunci-halaman">
${field('case_id', '<select id="f-case_id" name="case_id"><option value="">—</option><option value="K-0001">K-0001</option></select>')}
${field('date', '<input id="f-date" name="date" type="date" value="2025-03-05">')}
${field('task', '<input id="f-task" name="task">')}
<fieldset><legend>assistance</legend>
<label><input type="radio" name="assistance" value="penuh"> penuh</label>
<label><input type="radio" name="assistance" value="mandiri"> mandiri</label></fieldset>
<p class="field-error" id="err-assistance"></p>
<button type="submit">Simpan</button></form>`,
    lang,
  )

/** A group form: a shared date, two rows. */
const GROUP_FORM =
  shell(`<form method="post" action="/app/sessions/group" data-api="/api/sessions" data-form="group" data-rows="2">
<div class="notice" id="status-group" role="status" aria-live="polite"></div>
${field('date', '<input id="f-date" name="date" type="date" value="2025-03-05">')}
${[1, 2]
  .map(
    (i) => `<fieldset><legend>Klien ${i}</legend>
<div class="notice" id="status-group-${i}" role="status" aria-live="polite"></div>
${field(`${i}.case_id`, `<select id="f-${i}.case_id" name="${i}.case_id"><option value="">—</option><option value="K-000${i}">K-000${i}</option></select>`)}
${field(`${i}.task`, `<input id="f-${i}.task" name="${i}.task">`)}</fieldset>`,
  )
  .join('')}
<button type="submit">Simpan semua</button></form>`)

const REFUSAL = {
  type: '/docs#problem-invalid-row',
  title: 'Data tidak dapat diterima',
  status: 422,
  detail: 'Baris ini melanggar aturan pencatatan; perbaiki kolom yang disebut lalu kirim ulang.',
  errors: [{ pointer: '/date', code: 'before_consent', message: 'Tanggal sebelum persetujuan klien.' }],
}

let nextPort = 9301
const freshOrigin = () => `http://127.0.0.1:${nextPort++}`

describeInBrowser('the field app’s forms with offline.js', () => {
  const browser = useBrowser()
  let context: BrowserContext
  let page: Page
  let api: ScriptedApi
  let origin: string

  beforeAll(async () => {
    context = await browser().newContext({ viewport: { width: 360, height: 640 } })
    await context.route(
      (url) => url.hostname === '127.0.0.1',
      async (route) => {
        const { pathname } = new URL(route.request().url())
        if (pathname.startsWith('/api/')) return api.handle(route)
        const script = SCRIPTS[pathname as keyof typeof SCRIPTS]
        if (script !== undefined) return route.fulfill({ contentType: 'text/javascript', body: await script })
        if (pathname === '/app/sessions/group') return route.fulfill({ contentType: 'text/html', body: GROUP_FORM })
        if (pathname === '/app/sessions/new')
          return route.fulfill({ contentType: 'text/html', body: sessionForm('id') })
        if (pathname === '/app/en/sessions/new')
          return route.fulfill({ contentType: 'text/html', body: sessionForm('en') })
        return route.fulfill({ status: 404, body: '' })
      },
    )
  })
  afterAll(async () => {
    await context.close()
  })

  // One page for the file, on a fresh origin per test (a new, empty IndexedDB each time).
  beforeAll(async () => {
    page = await context.newPage()
  })
  beforeEach(async () => {
    api = new ScriptedApi()
    origin = freshOrigin()
    await page.goto(`${origin}/app/sessions/new`)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
  })
  afterEach(async () => {
    await setOffline(false)
  })

  const fillSession = async (task: string) => {
    await page.selectOption('#f-case_id', 'K-0001')
    await page.fill('#f-task', task)
    await page.check('input[name="assistance"][value="penuh"]')
  }
  /** Offline as the page sees it (navigator.onLine, events) and as its requests do. */
  const setOffline = async (offline: boolean) => {
    api.offline = offline
    await context.setOffline(offline)
  }
  const outboxItems = () => page.evaluate(async () => (await SentraOutbox.snapshot()).items)

  it('saves through the API with the page’s CSRF token, says the new id and empties the form', async () => {
    await fillSession('memilah pakaian')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-session')).toBe('Tersimpan: S-0001')
    expect(api.requests).toEqual([
      expect.objectContaining({
        body: 'case_id=K-0001&date=2025-03-05&task=memilah+pakaian&assistance=penuh',
        csrf: 'csrf-uji',
        language: 'id',
      }),
    ])
    // A key of its own, not the rendered form's _idem (a saved copy of the page repeats that one).
    expect(api.requests[0]?.key).not.toBe('kunci-halaman')
    expect(await page.inputValue('#f-task')).toBe('')
    expect(await outboxItems()).toEqual([])
    expect(await page.isHidden('#queue-state')).toBe(true)
  })

  it('shows a refusal next to its field, keeps what was typed, and saving the correction replaces it', async () => {
    api.answer({ status: 422, body: REFUSAL }, 'saved')
    await fillSession('memilah pakaian')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#err-date')).toBe('Tanggal sebelum persetujuan klien.')
    expect(await page.getAttribute('#f-date', 'aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-date')
    await expect.poll(() => page.textContent('#status-session')).toContain('Belum tersimpan')
    expect(await page.inputValue('#f-task')).toBe('memilah pakaian')
    await expect.poll(() => page.textContent('#queue-state')).toBe('Ditolak, perlu diperbaiki (1)')
    await page.fill('#f-date', '2025-03-06')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-session')).toBe('Tersimpan: S-0001')
    await expect.poll(() => page.textContent('#err-date')).toBe('')
    expect(await outboxItems()).toEqual([])
    expect(api.rows.size).toBe(1)
    expect(new Set(api.requests.map((r) => r.key)).size).toBe(2)
  })

  it('keeps a submission made offline on the device, counts it, and sends it when the connection returns', async () => {
    await setOffline(true)
    await fillSession('merendam')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-session')).toContain('Tersimpan di perangkat ini')
    await expect.poll(() => page.textContent('#queue-state')).toBe('Menunggu dikirim (1) · Sedang offline')
    expect(api.requests).toHaveLength(0)
    await setOffline(false)
    await expect.poll(() => page.textContent('#queue-state')).toBe('Semua kiriman sudah terkirim')
    await expect.poll(() => page.textContent('#outbox li')).toContain('terkirim: S-0001')
    // The form that kept it says so too, while the page is open.
    await expect.poll(() => page.textContent('#status-session')).toBe('Tersimpan: S-0001')
    expect(api.rows.size).toBe(1)
  })

  it('lists a submission refused after it waited, and its “Perbaiki” link opens the form filled in with the messages', async () => {
    await setOffline(true)
    await fillSession('menyikat')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#queue-state')).toContain('Menunggu dikirim (1)')
    api.answer({ status: 422, body: REFUSAL })
    await setOffline(false)
    await expect.poll(() => page.textContent('#queue-state')).toBe('Ditolak, perlu diperbaiki (1)')
    await expect.poll(() => page.textContent('#outbox')).toContain('Tanggal sebelum persetujuan klien.')
    // The form's own slot says it was refused: "ditolak server" when the outbox's round settled it,
    // or the form's refusal text when the page's own send on reconnect got the answer first (a
    // race on a loaded machine; both name the refusal, the list above has the details).
    await expect
      .poll(() => page.textContent('#status-session'))
      .toMatch(/ditolak server|Belum tersimpan\. Perbaiki kolom yang ditandai/)
    await page.click('#outbox a:has-text("Perbaiki")')
    await expect.poll(() => page.textContent('#err-date')).toBe('Tanggal sebelum persetujuan klien.')
    expect(await page.inputValue('#f-task')).toBe('menyikat')
    expect(await page.isChecked('input[name="assistance"][value="penuh"]')).toBe(true)
    await page.fill('#f-date', '2025-03-07')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-session')).toBe('Tersimpan: S-0001')
    expect(await outboxItems()).toEqual([])
  })

  it('keeps the submission and asks to sign in again when the sign-in has expired', async () => {
    api.answer({ status: 401, body: { title: 'Perlu masuk', status: 401 } })
    await fillSession('membilas')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-session')).toContain('masa masuk habis')
    await expect.poll(() => page.textContent('#queue-state')).toContain('Menunggu dikirim (1)')
    expect(await page.getAttribute('#queue-state a', 'href')).toBe('/app/sign-in?next=%2Fapp%2Fsessions%2Fnew')
    expect(await outboxItems()).toEqual([expect.objectContaining({ state: 'waiting' })])
  })

  it('saves each row of a group form on its own: a saved row is emptied, a refused row shows its messages', async () => {
    await page.goto(`${origin}/app/sessions/group`)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
    api.answer('saved', { status: 422, body: REFUSAL })
    await page.selectOption('[name="1.case_id"]', 'K-0001')
    await page.fill('[name="1.task"]', 'memasak nasi')
    await page.selectOption('[name="2.case_id"]', 'K-0002')
    await page.fill('[name="2.task"]', 'memasak nasi')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-group-1')).toBe('Tersimpan: S-0001')
    await expect.poll(() => page.textContent('#status-group-2')).toContain('Belum tersimpan')
    await expect.poll(() => page.textContent('#err-date')).toBe('Tanggal sebelum persetujuan klien.')
    expect(api.requests.map((r) => r.body)).toEqual([
      'date=2025-03-05&case_id=K-0001&task=memasak+nasi',
      'date=2025-03-05&case_id=K-0002&task=memasak+nasi',
    ])
    expect(await page.inputValue('[name="1.case_id"]')).toBe('')
    expect(await page.inputValue('[name="2.task"]')).toBe('memasak nasi')
    // Saving again sends only the corrected row, in place of the refused one.
    await page.fill('#f-date', '2025-03-06')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#status-group-2')).toBe('Tersimpan: S-0002')
    expect(api.requests).toHaveLength(3)
    expect(await outboxItems()).toEqual([])
  })

  it('speaks English on an English page', async () => {
    await page.goto(`${origin}/app/en/sessions/new`)
    await page.waitForFunction(() => typeof SentraOutbox === 'object')
    await setOffline(true)
    await fillSession('merendam')
    await page.click('button[type="submit"]')
    await expect.poll(() => page.textContent('#queue-state')).toBe('Waiting to send (1) · Offline')
    await expect
      .poll(() => page.textContent('#status-session'))
      .toBe('Kept on this device; it is sent automatically when the connection returns.')
    await setOffline(false)
    await expect.poll(() => page.textContent('#status-session')).toBe('Saved: S-0001')
    expect(api.requests[0]?.language).toBe('en')
  })
})
