// @ts-check
/**
 * The field app's offline enhancement (issue 8 point 4), on every page after outbox.js. Without
 * it every form still posts to the server and is answered there; with it:
 * - a form with `data-api` goes through the outbox instead (one item per row of a group form):
 *   sent at once when the network is there, else kept on the device and sent when it returns
 *   (`online`, opening the app, a backoff timer, and Background Sync where the browser has it);
 *   the form's status slot and the field error slots (err-<key>) say what happened;
 * - the queue state under the header counts what waits ("Menunggu dikirim (n)") and a list
 *   below it gives each item's fate, with "Perbaiki" for a refused one (opens its form filled in,
 *   with the server's field messages) and "Masuk lagi" when the sign-in expired;
 * - the service worker is registered for /app/, and a page shown from its saved copy says so.
 * The markup contract is src/http/app/layout.tsx's; no inline handlers (strict CSP).
 */
;(() => {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id'
  const staff = document.body.dataset.staff ?? ''
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''
  const SYNC_TAG = 'casebook-outbox'

  /** @type {Record<string, [string, string]>} */
  const TEXT = {
    waiting: ['Menunggu dikirim ({n})', 'Waiting to send ({n})'],
    refusedCount: ['Ditolak, perlu diperbaiki ({n})', 'Refused, needs correcting ({n})'],
    allSent: ['Semua kiriman sudah terkirim', 'Everything has been sent'],
    signin: ['Masa masuk habis — masuk lagi untuk mengirim', 'Your sign-in has expired — sign in again to send'],
    signinLink: ['Masuk lagi', 'Sign in again'],
    offline: ['Sedang offline', 'Offline'],
    savedCopy: ['Salinan tersimpan dari {t}', 'Saved copy from {t}'],
    details: ['Rincian kiriman', 'Submission details'],
    stateWaiting: ['menunggu dikirim', 'waiting to send'],
    stateAccepted: ['diterima server ({id}), belum masuk sheet', 'accepted by the server ({id}), not in the sheet yet'],
    stateSent: ['terkirim: {id}', 'sent: {id}'],
    stateRefused: ['ditolak', 'refused'],
    attempts: ['{n} kali dicoba', 'tried {n} times'],
    sendNow: ['Kirim sekarang', 'Send now'],
    fix: ['Perbaiki', 'Correct'],
    discard: ['Buang', 'Discard'],
    discardConfirm: [
      'Buang kiriman ini? Isinya hilang dari perangkat ini dan tidak masuk sheet.',
      'Discard this submission? It leaves this device and never reaches the sheet.',
    ],
    clearSent: ['Sembunyikan yang terkirim', 'Hide sent ones'],
    saving: ['Menyimpan…', 'Saving…'],
    saved: ['Tersimpan: {id}', 'Saved: {id}'],
    accepted: [
      'Diterima: {id}. Menunggu masuk spreadsheet; muncul di sheet begitu Google menjawab.',
      'Accepted: {id}. Waiting to reach the spreadsheet; it appears in the sheet as soon as Google answers.',
    ],
    queued: [
      'Tersimpan di perangkat ini dan dikirim otomatis saat koneksi kembali.',
      'Kept on this device; it is sent automatically when the connection returns.',
    ],
    refused: [
      'Belum tersimpan. Perbaiki kolom yang ditandai lalu simpan lagi.',
      'Not saved yet. Fix the marked fields and save again.',
    ],
    signinForm: [
      'Tersimpan di perangkat ini, tetapi masa masuk habis: masuk lagi, lalu kiriman dikirim.',
      'Kept on this device, but your sign-in has expired: sign in again and it is sent.',
    ],
    fixing: [
      'Kiriman ini ditolak server. Perbaiki kolom yang ditandai lalu simpan lagi.',
      'The server refused this submission. Fix the marked fields and save again.',
    ],
    unchanged: ['Tidak ada yang diubah.', 'Nothing was changed.'],
    fixGone: ['Kiriman yang akan diperbaiki sudah tidak ada.', 'The submission to correct is no longer there.'],
    kind_sessions: ['Sesi', 'Session'],
    kind_assessments: ['Asesmen', 'Assessment'],
    kind_goals: ['Tujuan', 'Goal'],
    kind_cases: ['Kasus', 'Case'],
  }

  /** @param {string} key @param {Record<string, string | number>} [vars] */
  function t(key, vars = {}) {
    const pair = TEXT[key]
    const text = pair === undefined ? key : pair[lang === 'en' ? 1 : 0]
    return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''))
  }

  /**
   * @param {string} tag
   * @param {Record<string, string>} [attrs]
   * @param {(Node | string)[]} [children]
   */
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
    node.append(...children)
    return node
  }

  // ---- the outbox's state under the header --------------------------------------------------

  const queueState = document.getElementById('queue-state')
  /** @type {HTMLDetailsElement | undefined} */
  let panel
  let lastStateText = ''
  /** @type {number | null} */
  let savedCopyAt = null

  /** @param {SentraOutboxItem} item */
  function itemLabel(item) {
    return item.label
  }

  /** @param {SentraOutboxItem} item */
  function fate(item) {
    const id = item.rowId ?? '?'
    if (item.state === 'sent') return t('stateSent', { id })
    if (item.state === 'accepted') return t('stateAccepted', { id })
    if (item.state === 'refused') return `${t('stateRefused')}: ${item.problem?.title ?? ''}`
    return item.attempts > 0 ? `${t('stateWaiting')} (${t('attempts', { n: item.attempts })})` : t('stateWaiting')
  }

  /** @param {SentraOutboxItem} item */
  function itemRow(item) {
    const row = el('li', { 'data-outbox-item': item.id, 'data-state': item.state }, [
      el('strong', {}, [itemLabel(item)]),
      ' — ',
      el('span', {}, [fate(item)]),
    ])
    if (item.state === 'refused') {
      const messages = item.problem?.errors ?? []
      if (messages.length > 0) {
        row.append(
          el(
            'ul',
            {},
            messages.map((e) => el('li', {}, [e.message])),
          ),
        )
      } else if (item.problem?.detail) {
        row.append(el('p', {}, [item.problem.detail]))
      }
      const fix = el('a', { class: 'button', href: `${item.form}#perbaiki=${item.id}` }, [t('fix')])
      const discard = el('button', { type: 'button', class: 'button secondary', 'data-discard': item.id }, [
        t('discard'),
      ])
      row.append(el('div', { class: 'actions' }, [fix, discard]))
    }
    return row
  }

  async function render() {
    if (queueState === null) return
    const { items, signin } = await SentraOutbox.snapshot()
    const waiting = items.filter((i) => i.state === 'waiting').length
    const refused = items.filter((i) => i.state === 'refused').length
    // Every item the person has not seen settle: a form discards what it saw saved at once.
    const listed = items
    /** @type {(Node | string)[]} */
    const parts = []
    if (waiting > 0) parts.push(t('waiting', { n: waiting }))
    if (refused > 0) parts.push(t('refusedCount', { n: refused }))
    if (waiting === 0 && refused === 0 && listed.length > 0) parts.push(t('allSent'))
    if (!navigator.onLine) parts.push(t('offline'))
    if (savedCopyAt !== null) {
      const time = new Date(savedCopyAt).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
      parts.push(t('savedCopy', { t: time }))
    }
    if (signin && waiting > 0) parts.push(t('signin'))
    const text = parts.join(' · ')
    // Only a change is written: the element is a live region, and each write is announced.
    if (text !== lastStateText) {
      lastStateText = text
      queueState.replaceChildren(text)
      if (signin && waiting > 0) {
        queueState.append(
          ' ',
          el('a', { href: `/app/sign-in?next=${encodeURIComponent(location.pathname)}` }, [t('signinLink')]),
        )
      }
      queueState.hidden = text === ''
    }
    renderPanel(listed, waiting)
  }

  /** @param {SentraOutboxItem[]} listed @param {number} waiting */
  function renderPanel(listed, waiting) {
    if (queueState === null) return
    if (listed.length === 0) {
      panel?.remove()
      panel = undefined
      return
    }
    if (panel === undefined) {
      panel = /** @type {HTMLDetailsElement} */ (el('details', { class: 'card outbox', id: 'outbox' }))
      panel.addEventListener('click', onPanelClick)
      queueState.after(panel)
    }
    const hasRefused = listed.some((i) => i.state === 'refused')
    if (hasRefused) panel.open = true
    /** @type {Node[]} */
    const actions = []
    if (waiting > 0)
      actions.push(el('button', { type: 'button', class: 'button', 'data-send-now': '' }, [t('sendNow')]))
    if (listed.some((i) => i.state === 'sent')) {
      actions.push(el('button', { type: 'button', class: 'button secondary', 'data-clear-sent': '' }, [t('clearSent')]))
    }
    panel.replaceChildren(
      el('summary', {}, [t('details')]),
      el('ul', { class: 'plain' }, listed.map(itemRow)),
      ...(actions.length > 0 ? [el('div', { class: 'actions' }, actions)] : []),
    )
  }

  /** @param {MouseEvent} event */
  async function onPanelClick(event) {
    const target = /** @type {Element | null} */ (event.target)
    const button = target?.closest('button')
    if (!button) return
    if (button.dataset.discard !== undefined) {
      if (window.confirm(t('discardConfirm'))) await SentraOutbox.discard(button.dataset.discard)
    } else if (button.dataset.sendNow !== undefined) {
      await send({ force: true })
    } else if (button.dataset.clearSent !== undefined) {
      const { items } = await SentraOutbox.snapshot()
      for (const item of items) if (item.state === 'sent') await SentraOutbox.discard(item.id)
    }
  }

  // ---- sending --------------------------------------------------------------------------------

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer

  /**
   * A round of the outbox, then the next one scheduled for when the earliest waiting item is
   * due, and Background Sync asked to cover the time this page is closed.
   * @param {{ force?: boolean }} [options]
   */
  async function send(options = {}) {
    if (staff === '') return undefined
    const round = await SentraOutbox.drain({ ...options, language: lang })
    clearTimeout(timer)
    if (round.nextAt !== undefined && !round.signin) {
      timer = setTimeout(() => void send(), Math.max(1_000, round.nextAt - Date.now()))
    }
    if (round.waiting > 0) await requestBackgroundSync()
    await render()
    return round
  }

  async function requestBackgroundSync() {
    try {
      // getRegistration, not `ready`: `ready` never settles when registering failed.
      const registration = await navigator.serviceWorker?.getRegistration('/app/')
      const sync = /** @type {any} */ (registration)?.sync
      if (sync) await sync.register(SYNC_TAG)
    } catch {
      // Background Sync is missing or refused: the page's own triggers still send
    }
  }

  // ---- forms ------------------------------------------------------------------------------------

  /** The endpoint's tab (`/api/sessions` → `sessions`). @param {string} endpoint */
  const tabOf = (endpoint) => endpoint.replace(/\/+$/, '').split('/').pop() ?? ''

  /** A short label without free text (never notes): kind, case and date. @param {string} endpoint @param {[string, string][]} fields */
  function labelOf(endpoint, fields) {
    const value = (/** @type {string} */ name) => fields.find(([n]) => n === name)?.[1]
    const kind = TEXT[`kind_${tabOf(endpoint)}`] ? t(`kind_${tabOf(endpoint)}`) : tabOf(endpoint)
    const parts = [kind, value('case_id') ?? value('initials'), value('date') ?? value('start_date'), value('task')]
    return parts.filter((p) => p !== undefined && p !== '').join(' · ')
  }

  /** A form's data fields (no transport `_…` fields, no blanks: a blank means absent). @param {FormData} data */
  function dataEntries(data) {
    /** @type {[string, string][]} */
    const entries = []
    for (const [name, value] of data) {
      if (typeof value === 'string' && value.trim() !== '' && !name.startsWith('_')) entries.push([name, value])
    }
    return entries
  }

  /**
   * The fields of a PATCH form whose value differs from the one the page was rendered with: the
   * API changes what it is sent and refuses blanks, so an unchanged field is left out.
   * @param {HTMLFormElement} form @param {[string, string][]} entries
   */
  function changedOnly(form, entries) {
    const rendered = /** @type {HTMLFormElement} */ (form.cloneNode(true))
    rendered.reset()
    const before = new FormData(rendered)
    return entries.filter(([name, value]) => !before.getAll(name).includes(value))
  }

  /**
   * The submissions a form makes: one for a plain form (for a PATCH, its changed fields); one
   * per filled row of a group form (`data-rows`), shared fields plus that row's `<i>.<key>`
   * fields without the prefix.
   * @param {HTMLFormElement} form @param {HTMLElement | null} submitter
   * @returns {{ row: number | undefined, fields: [string, string][] }[]}
   */
  function submissionsOf(form, submitter) {
    const all = dataEntries(new FormData(form, submitter))
    const entries = (form.dataset.method ?? '').toUpperCase() === 'PATCH' ? changedOnly(form, all) : all
    const rows = Number(form.dataset.rows ?? 0)
    if (!(rows > 0)) return [{ row: undefined, fields: entries }]
    const shared = entries.filter(([name]) => !/^\d+\./.test(name))
    /** @type {{ row: number | undefined, fields: [string, string][] }[]} */
    const out = []
    for (let i = 1; i <= rows; i++) {
      /** @type {[string, string][]} */
      const own = entries.flatMap(([name, value]) =>
        name.startsWith(`${i}.`) ? [[name.slice(`${i}.`.length), value]] : [],
      )
      if (!own.some(([name]) => name === 'case_id')) continue
      out.push({ row: i, fields: [...shared.filter(([n]) => !own.some(([m]) => m === n)), ...own] })
    }
    return out
  }

  /** @param {HTMLFormElement} form @param {number | undefined} row */
  function statusSlot(form, row) {
    const name = form.dataset.form ?? ''
    return (
      document.getElementById(row === undefined ? `status-${name}` : `status-${name}-${row}`) ??
      document.getElementById(`status-${name}`)
    )
  }

  /** @param {Element | null} slot @param {'ok' | 'warn' | 'bad' | ''} tone @param {string} text */
  function say(slot, tone, text) {
    if (slot === null) return
    slot.className = tone === '' ? 'notice' : `notice ${tone}`
    slot.textContent = text
  }

  /** @param {HTMLFormElement} form */
  function clearErrors(form) {
    for (const slot of form.querySelectorAll('.field-error')) slot.textContent = ''
    for (const input of form.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid')
  }

  /**
   * Puts each field message next to its input (pointer `/<key>` → `err-<i>.<key>` or `err-<key>`);
   * messages with no slot go into the status slot. Returns the first input marked.
   * @param {HTMLFormElement} form @param {number | undefined} row @param {SentraOutboxProblem} problem @param {Element | null} status
   */
  function showProblem(form, row, problem, status) {
    /** @type {HTMLElement | undefined} */
    let first
    /** @type {string[]} */
    const loose = []
    for (const error of problem.errors) {
      const key = error.pointer.replace(/^\//, '').split('/')[0] ?? ''
      const names = row === undefined ? [key] : [`${row}.${key}`, key]
      const name = names.find((n) => n !== '' && document.getElementById(`err-${n}`) !== null)
      if (name === undefined) {
        loose.push(error.message)
        continue
      }
      const slot = /** @type {HTMLElement} */ (document.getElementById(`err-${name}`))
      slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : error.message
      const input = /** @type {HTMLElement | null} */ (form.querySelector(`[name="${CSS.escape(name)}"]`))
      input?.setAttribute('aria-invalid', 'true')
      first ??= input ?? undefined
    }
    const summary = [t('refused'), problem.errors.length === 0 ? problem.detail || problem.title : '', ...loose]
    say(status, 'bad', summary.filter((s) => s !== '').join(' '))
    return first
  }

  /**
   * A PATCH form after its change was saved: what it shows is now the row's state (the next
   * change is measured from it) and its If-Match the row's new version.
   * @param {HTMLFormElement} form @param {string} etag
   */
  function renderedAgain(form, etag) {
    for (const input of form.querySelectorAll('input, textarea, select')) {
      if (input instanceof HTMLInputElement) {
        if (input.name === '_etag') input.value = etag
        if (input.type === 'radio' || input.type === 'checkbox') input.defaultChecked = input.checked
        else input.defaultValue = input.value
      } else if (input instanceof HTMLTextAreaElement) input.defaultValue = input.value
      else if (input instanceof HTMLSelectElement) for (const o of input.options) o.defaultSelected = o.selected
    }
  }

  /** Empties a saved row of a group form, so saving again never sends it twice. @param {HTMLFormElement} form @param {number} row */
  function clearRow(form, row) {
    for (const input of form.querySelectorAll(`[name^="${row}."]`)) {
      if (input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox'))
        input.checked = false
      else if (
        input instanceof HTMLInputElement ||
        input instanceof HTMLTextAreaElement ||
        input instanceof HTMLSelectElement
      ) {
        input.value = ''
      }
    }
  }

  /**
   * Fills a form with a stored item's fields (a correction); row fields go to row 1 of a group form.
   * @param {HTMLFormElement} form @param {[string, string][]} fields
   */
  function fill(form, fields) {
    for (const [key, value] of fields) {
      const grouped = form.querySelector(`[name="1.${CSS.escape(key)}"]`) !== null
      const name = grouped ? `1.${key}` : key
      for (const input of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox')) {
          input.checked = input.value === value
        } else if (
          input instanceof HTMLInputElement ||
          input instanceof HTMLTextAreaElement ||
          input instanceof HTMLSelectElement
        ) {
          input.value = value
          input.dispatchEvent(new Event('change', { bubbles: true }))
        }
      }
    }
  }

  /** Refused items this form currently corrects, by row (a new submission replaces them). */
  /** @type {WeakMap<HTMLFormElement, Map<number | undefined, string>>} */
  const correcting = new WeakMap()

  /** @param {SubmitEvent} event */
  async function onSubmit(event) {
    const form = /** @type {HTMLFormElement} */ (event.currentTarget)
    const submitter = /** @type {HTMLButtonElement | HTMLInputElement | null} */ (event.submitter)
    // A preview button asks the server to render something; only saves go through the outbox.
    const action = submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : null
    if ((action?.name === '_action' && action.value === 'preview') || staff === '') return
    event.preventDefault()
    if (form.dataset.busy === 'true') return
    form.dataset.busy = 'true'
    form.setAttribute('aria-busy', 'true')
    try {
      await submit(form, submitter)
    } finally {
      delete form.dataset.busy
      form.removeAttribute('aria-busy')
    }
  }

  /** @param {HTMLFormElement} form @param {HTMLElement | null} submitter */
  async function submit(form, submitter) {
    const endpoint = form.dataset.api ?? ''
    const method = (form.dataset.method ?? 'POST').toUpperCase()
    const etag = new FormData(form).get('_etag')
    const fixing = correcting.get(form) ?? new Map()
    clearErrors(form)
    const submissions = submissionsOf(form, submitter)
    if (method === 'PATCH' && submissions.every((s) => s.fields.length === 0)) {
      say(statusSlot(form, undefined), 'warn', t('unchanged'))
      return
    }
    /** @type {{ row: number | undefined, id: string }[]} */
    const queued = []
    for (const { row, fields } of submissions) {
      say(statusSlot(form, row), '', t('saving'))
      const replaces = fixing.get(row)
      const item = await SentraOutbox.enqueue({
        endpoint,
        method,
        ...(typeof etag === 'string' && etag !== '' ? { ifMatch: etag } : {}),
        // With its query: `/app/sessions/new?goal=T-0002` is that goal's form.
        form: location.pathname + location.search,
        label: labelOf(endpoint, fields),
        staff,
        fields,
        ...(replaces === undefined ? {} : { replaces }),
      })
      queued.push({ row, id: item.id })
    }
    correcting.delete(form)
    // The person just acted: try now, whatever the backoff said.
    await send({ force: true })
    /** @type {HTMLElement | undefined} */
    let focus
    let allSaved = true
    const stillFixing = new Map()
    for (const { row, id } of queued) {
      const item = await SentraOutbox.get(id)
      const status = statusSlot(form, row)
      if (item === undefined) continue
      if (item.state === 'sent') {
        say(status, 'ok', t('saved', { id: item.rowId ?? '' }))
        if (item.etag !== undefined) renderedAgain(form, item.etag)
        // Answered while the person watched: nothing more to show in the outbox list.
        await SentraOutbox.discard(id)
        if (row !== undefined) clearRow(form, row)
      } else if (item.state === 'accepted') {
        say(status, 'warn', t('accepted', { id: item.rowId ?? '' }))
        if (row !== undefined) clearRow(form, row)
      } else if (item.state === 'refused' && item.problem) {
        allSaved = false
        stillFixing.set(row, id)
        focus ??= showProblem(form, row, item.problem, status)
      } else {
        const { signin } = await SentraOutbox.snapshot()
        say(status, 'warn', signin ? t('signinForm') : t('queued'))
        if (row !== undefined) clearRow(form, row)
      }
    }
    if (stillFixing.size > 0) correcting.set(form, stillFixing)
    if (allSaved && form.dataset.rows === undefined) form.reset()
    focus?.focus()
  }

  /** `#perbaiki=<id>`: the refused item, back in its form with the server's messages. */
  async function openCorrection() {
    const m = /^#perbaiki=([\w-]+)$/.exec(location.hash)
    if (m === null) return
    const id = m[1] ?? ''
    const item = await SentraOutbox.get(id)
    const form = /** @type {HTMLFormElement | null} */ (document.querySelector('form[data-api]'))
    if (form === null) return
    const grouped = Number(form.dataset.rows ?? 0) > 0
    const status = statusSlot(form, grouped ? 1 : undefined)
    if (item === undefined || item.state !== 'refused' || !item.problem) {
      say(status, 'warn', t('fixGone'))
      return
    }
    fill(form, item.fields)
    correcting.set(form, new Map([[grouped ? 1 : undefined, id]]))
    const first = showProblem(form, grouped ? 1 : undefined, item.problem, status)
    say(status, 'bad', `${t('fixing')} ${status?.textContent ?? ''}`.trim())
    first?.focus()
  }

  // ---- start --------------------------------------------------------------------------------------

  async function start() {
    const previous = await SentraOutbox.setSession(staff, lang, csrf)
    const registration =
      'serviceWorker' in navigator && staff !== ''
        ? navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined)
        : undefined
    // Another person signed in on this device: the pages saved for the previous one go.
    if (previous !== '' && previous !== staff && 'caches' in self) {
      for (const name of await caches.keys()) if (name.startsWith('casebook-pages-')) await caches.delete(name)
    }
    for (const form of document.querySelectorAll('form[data-api]')) {
      form.addEventListener('submit', (event) => void onSubmit(/** @type {SubmitEvent} */ (event)))
    }
    SentraOutbox.onChange(() => void render())
    window.addEventListener('online', () => void send({ force: true }))
    window.addEventListener('offline', () => void render())
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void send()
    })
    navigator.serviceWorker?.addEventListener('message', (event) => {
      if (event.data?.type === 'saved-copy' && typeof event.data.savedAt === 'number') {
        savedCopyAt = event.data.savedAt
        void render()
      }
    })
    // The link may point at this very page: then only the hash changes.
    window.addEventListener('hashchange', () => void openCorrection())
    await openCorrection()
    await render()
    await registration
    const controller = navigator.serviceWorker?.controller
    controller?.postMessage({ type: 'saved-copy?' })
    if (navigator.onLine && staff !== '') controller?.postMessage({ type: 'warm' })
    // Opening the app sends what waits.
    await send()
  }

  void start()
})()
