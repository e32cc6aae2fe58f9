// @ts-check
/**
 * The field app's outbox (issue 8 point 4): every submission made through a form is kept in
 * IndexedDB until the server has answered it, with the Idempotency-Key it got when it was first
 * queued. The key never changes, so a send whose answer was lost can be repeated safely: the
 * server answers the first answer again instead of storing the row twice.
 *
 * A classic script declaring one global, `SentraOutbox`, so the pages and the service worker
 * (importScripts, for Background Sync) share it.
 *
 * An item's fate (`state`):
 * - `waiting`  — not answered yet (offline, network failure, 408/429/5xx): retried with backoff;
 * - `accepted` — 202: the server stored it durably but the sheet has not confirmed it yet; the
 *                same request is repeated now and then (the server replays its current answer)
 *                until it says 201, for at most ACCEPTED_CHECK_MS;
 * - `sent`     — 200/201 with the new row's id; its field values are dropped from the device;
 * - `refused`  — another 4xx: kept with the problem's field messages for correction, never
 *                dropped except by the person.
 * A 401 (sign-in expired) changes no item: the outbox notes that sign-in is needed and stops.
 * Items are sent oldest first and a failing send stops the round, so rows reach the sheet in
 * the order they were made (the order decides same-day ties in the TAS, domain.md).
 */

/**
 * The types the outbox shares with offline.js and sw.js (global: these are classic scripts).
 * @typedef {'waiting' | 'accepted' | 'sent' | 'refused'} SentraOutboxState
 * @typedef {{ pointer: string, message: string }} SentraOutboxFieldError
 * @typedef {{ status: number, type: string, title: string, detail: string,
 *   errors: SentraOutboxFieldError[] }} SentraOutboxProblem
 * @typedef {{
 *   id: string, key: string, staff: string, method: string, endpoint: string, ifMatch?: string,
 *   form: string, label: string, fields: [string, string][], state: SentraOutboxState,
 *   createdAt: number, updatedAt: number, attempts: number, nextAt: number,
 *   acceptedAt?: number, rowId?: string, etag?: string, status?: number, problem?: SentraOutboxProblem
 * }} SentraOutboxItem
 * @typedef {{ endpoint: string, method?: string, ifMatch?: string, form: string, label: string,
 *   staff: string, fields: [string, string][], replaces?: string }} SentraOutboxNewItem
 * @typedef {{ sent: number, accepted: number, refused: number, waiting: number,
 *   signin: boolean, nextAt: number | undefined }} SentraOutboxRound
 */

// biome-ignore lint/correctness/noUnusedVariables: the one global this script exists to declare
var SentraOutbox = (() => {
  const DB_NAME = 'sentra-casebook'
  const DB_VERSION = 1
  const ITEMS = 'outbox'
  const META = 'meta'
  const CHANNEL = 'sentra-outbox'
  const LOCK = 'sentra-outbox'
  /** Backoff of a waiting item: 3 s doubling to 5 min, ±20 % jitter; Retry-After wins when longer. */
  const BACKOFF_BASE_MS = 3_000
  const BACKOFF_MAX_MS = 300_000
  /** An accepted item is checked again for this long (well inside the server's 24 h idempotency window). */
  const ACCEPTED_CHECK_MS = 12 * 3_600_000
  /** Sent items stay listed (id only, no field values) for this long. */
  const SENT_KEEP_MS = 3 * 86_400_000

  /**
   * @typedef {SentraOutboxItem} Item
   * @typedef {SentraOutboxProblem} Problem
   * @typedef {SentraOutboxRound} Round
   * @typedef {{ kind: 'sent' | 'accepted', status: number, rowId: string | undefined, etag?: string }
   *   | { kind: 'refused', status: number, problem: Problem }
   *   | { kind: 'retry', status: number, retryAfterMs: number }
   *   | { kind: 'signin', status: number }} Outcome
   */

  /** @type {Promise<IDBDatabase> | undefined} */
  let opened

  /** @returns {Promise<IDBDatabase>} */
  function db() {
    opened ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION)
      request.onupgradeneeded = () => {
        request.result.createObjectStore(ITEMS, { keyPath: 'id' })
        request.result.createObjectStore(META)
      }
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    return opened
  }

  /**
   * Runs `work` on the stores in one transaction; resolves with its result once committed.
   * @template T
   * @param {IDBTransactionMode} mode
   * @param {(items: IDBObjectStore, meta: IDBObjectStore) => T} work
   * @returns {Promise<T>}
   */
  async function tx(mode, work) {
    const transaction = (await db()).transaction([ITEMS, META], mode)
    const result = work(transaction.objectStore(ITEMS), transaction.objectStore(META))
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(result)
      transaction.onerror = () => reject(transaction.error)
      transaction.onabort = () => reject(transaction.error)
    })
  }

  /**
   * @template T
   * @param {IDBRequest<T>} request
   * @returns {Promise<T>}
   */
  const done = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })

  /** @returns {Promise<Item[]>} every item, oldest first */
  async function all() {
    const items = /** @type {Item[]} */ (await done((await db()).transaction(ITEMS).objectStore(ITEMS).getAll()))
    return items.sort((a, b) => a.createdAt - b.createdAt)
  }

  /** @param {string} id @returns {Promise<Item | undefined>} */
  async function get(id) {
    return done((await db()).transaction(ITEMS).objectStore(ITEMS).get(id))
  }

  /** @param {string} name @returns {Promise<unknown>} */
  async function meta(name) {
    return done((await db()).transaction(META).objectStore(META).get(name))
  }

  /** @param {string} name @param {unknown} value */
  const setMeta = (name, value) => tx('readwrite', (_, store) => void store.put(value, name))

  /** @type {Set<() => void>} */
  const listeners = new Set()
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined
  channel?.addEventListener('message', () => {
    for (const listener of listeners) listener()
  })

  /** Tells this context's listeners and every other page and the service worker. */
  function changed() {
    for (const listener of listeners) listener()
    channel?.postMessage('changed')
  }

  /** A random UUID; randomUUID needs a secure context, getRandomValues does not (plain-http set-ups). */
  function uuid() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
    const b = crypto.getRandomValues(new Uint8Array(16))
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  /**
   * Queues a submission; its Idempotency-Key is made here, once. `replaces` names a refused
   * item this one corrects: both happen in one transaction, so the correction never doubles.
   * @param {SentraOutboxNewItem} input
   * @returns {Promise<Item>}
   */
  async function enqueue(input) {
    const now = Date.now()
    /** @type {Item} */
    const item = {
      id: uuid(),
      key: uuid(),
      staff: input.staff,
      method: input.method ?? 'POST',
      endpoint: input.endpoint,
      ...(input.ifMatch === undefined ? {} : { ifMatch: input.ifMatch }),
      form: input.form,
      label: input.label,
      fields: input.fields,
      state: 'waiting',
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      nextAt: now,
    }
    await tx('readwrite', (items) => {
      if (input.replaces !== undefined) items.delete(input.replaces)
      items.put(item)
    })
    changed()
    return item
  }

  /** Removes an item for good (the person's choice, e.g. a refused row they will not send). */
  async function discard(/** @type {string} */ id) {
    await tx('readwrite', (items) => void items.delete(id))
    changed()
  }

  /** @param {number} attempts @param {number} retryAfterMs */
  function backoffMs(attempts, retryAfterMs = 0) {
    const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
    const jittered = exponential * (0.8 + Math.random() * 0.4)
    return Math.max(jittered, Math.min(retryAfterMs, BACKOFF_MAX_MS))
  }

  /** Retry-After in ms (seconds or an HTTP date), 0 when absent. @param {Response} response */
  function retryAfter(response) {
    const value = response.headers.get('retry-after')
    if (value === null) return 0
    const seconds = Number(value)
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
    const at = Date.parse(value)
    return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now())
  }

  /**
   * The new row's id: the first `…_id` in the answer that the submission did not carry itself
   * (a session's answer also holds its case_id and goal_id).
   * @param {unknown} body @param {Item} item
   */
  function newRowId(body, item) {
    if (typeof body !== 'object' || body === null) return undefined
    const sent = new Set(item.fields.map(([name]) => name))
    for (const [name, value] of Object.entries(body)) {
      if (name.endsWith('_id') && !sent.has(name) && typeof value === 'string') return value
    }
    return undefined
  }

  /** @param {unknown} body @param {number} status @returns {Problem} */
  function problemOf(body, status) {
    const b = typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body) : {}
    const errors = Array.isArray(b.errors) ? b.errors : []
    return {
      status,
      type: typeof b.type === 'string' ? b.type : '',
      title: typeof b.title === 'string' ? b.title : `HTTP ${status}`,
      detail: typeof b.detail === 'string' ? b.detail : '',
      errors: errors.flatMap((e) =>
        typeof e === 'object' && e !== null && typeof e.message === 'string'
          ? [{ pointer: typeof e.pointer === 'string' ? e.pointer : '', message: e.message }]
          : [],
      ),
    }
  }

  /** @param {Response} response */
  async function jsonOf(response) {
    try {
      return await response.json()
    } catch {
      return undefined
    }
  }

  /**
   * One attempt: sends the item as the form would (urlencoded, the same names), with its key,
   * the page's CSRF token (the session cookie authenticates) and its If-Match for a PATCH.
   * @param {Item} item @param {string} language @param {string} csrf @returns {Promise<Outcome>}
   */
  async function send(item, language, csrf) {
    /** @type {Record<string, string>} */
    const headers = {
      accept: 'application/json',
      'accept-language': language,
      'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
      'idempotency-key': item.key,
    }
    if (csrf !== '') headers['x-csrf-token'] = csrf
    if (item.ifMatch !== undefined) headers['if-match'] = item.ifMatch
    /** @type {Response} */
    let response
    try {
      response = await fetch(item.endpoint, {
        method: item.method ?? 'POST',
        headers,
        body: new URLSearchParams(item.fields),
        credentials: 'same-origin',
        // A redirect here is the sign-in page, never an answer to keep.
        redirect: 'manual',
        cache: 'no-store',
      })
    } catch {
      // Offline, DNS, a dropped connection — or the answer was lost after the server saved the
      // row. The same key on the next attempt makes both cases safe.
      return { kind: 'retry', status: 0, retryAfterMs: 0 }
    }
    const status = response.status
    if (response.type === 'opaqueredirect') return { kind: 'signin', status }
    // Always read the body: an unread one holds its connection (six per host).
    const body = await jsonOf(response)
    if (status === 401) return { kind: 'signin', status }
    if (status === 200 || status === 201) {
      const etag = response.headers.get('etag')
      return { kind: 'sent', status, rowId: newRowId(body, item), ...(etag === null ? {} : { etag }) }
    }
    if (status === 202) return { kind: 'accepted', status, rowId: newRowId(body, item) }
    if (status === 408 || status === 425 || status === 429 || status >= 500 || status < 400) {
      return { kind: 'retry', status, retryAfterMs: retryAfter(response) }
    }
    const problem = problemOf(body, status)
    // A refused CSRF token is the page's (an old sign-in), not the row's: sign in again.
    if (status === 403 && /csrf/i.test(problem.type)) return { kind: 'signin', status }
    return { kind: 'refused', status, problem }
  }

  /**
   * The item after an outcome (a new object; the caller stores it).
   * @param {Item} item @param {Outcome} outcome @param {number} now @returns {Item}
   */
  function settle(item, outcome, now) {
    const attempts = item.attempts + 1
    const base = { ...item, attempts, status: outcome.status, updatedAt: now }
    switch (outcome.kind) {
      case 'sent':
        return {
          ...base,
          state: 'sent',
          fields: [],
          ...(outcome.rowId ? { rowId: outcome.rowId } : {}),
          ...(outcome.etag === undefined ? {} : { etag: outcome.etag }),
        }
      case 'accepted': {
        const acceptedAt = item.acceptedAt ?? now
        return {
          ...base,
          state: 'accepted',
          acceptedAt,
          nextAt: now + backoffMs(attempts),
          ...(outcome.rowId ? { rowId: outcome.rowId } : {}),
        }
      }
      case 'refused':
        return { ...base, state: 'refused', problem: outcome.problem }
      case 'retry':
        return { ...base, nextAt: now + backoffMs(attempts, outcome.retryAfterMs) }
      case 'signin':
        return { ...item, status: outcome.status, updatedAt: now }
    }
  }

  /**
   * @template T
   * @param {() => Promise<T>} work
   * @returns {Promise<T>}
   */
  function exclusive(work) {
    // One sender at a time across the pages and the service worker (Web Locks); without them,
    // within this context only — two senders would still be safe, just wasteful (same keys).
    if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(LOCK, work)
    const previous = localChain
    const next = previous.then(work, work)
    localChain = next.catch(() => undefined)
    return next
  }
  /** @type {Promise<unknown>} */
  let localChain = Promise.resolve()

  /**
   * One round: sends what is due, oldest first, for the signed-in staff member only (a phone may
   * be shared; another person's rows must not go out under this sign-in).
   * @param {{ force?: boolean, language?: string }} [options] force: ignore backoff (the
   *   connection just came back, or the person pressed "send now")
   * @returns {Promise<Round>}
   */
  function drain(options = {}) {
    return exclusive(async () => {
      const staff = /** @type {string | undefined} */ (await meta('staff')) ?? ''
      const language = options.language ?? ((await meta('language')) === 'en' ? 'en' : 'id')
      const csrf = /** @type {string | undefined} */ (await meta('csrf')) ?? ''
      let signin = false
      let blocked = false
      let touched = false
      for (const item of await all()) {
        if (item.staff !== staff || staff === '') continue
        const now = Date.now()
        const due = options.force || item.nextAt <= now
        if (item.state === 'waiting' && (blocked || !due)) {
          blocked = true
          continue
        }
        if (item.state === 'accepted' && (!due || now - (item.acceptedAt ?? now) > ACCEPTED_CHECK_MS)) continue
        if (item.state !== 'waiting' && item.state !== 'accepted') continue
        const outcome = await send(item, language, csrf)
        const next = settle(item, outcome, Date.now())
        await tx('readwrite', (items) => void items.put(next))
        touched = true
        if (outcome.kind === 'signin') {
          signin = true
          break
        }
        if (outcome.kind === 'retry' && item.state === 'waiting') blocked = true
      }
      if ((await meta('signin')) !== signin) await setMeta('signin', signin)
      await prune()
      if (touched || signin) changed()
      return summary(await all(), staff, signin)
    })
  }

  /** @param {Item[]} items @param {string} staff @param {boolean} signin @returns {Round} */
  function summary(items, staff, signin) {
    /** @type {Round} */
    const round = { sent: 0, accepted: 0, refused: 0, waiting: 0, signin, nextAt: undefined }
    for (const item of items) {
      if (item.staff !== staff) continue
      round[item.state]++
      if (item.state === 'waiting' || item.state === 'accepted') {
        round.nextAt = Math.min(round.nextAt ?? Number.POSITIVE_INFINITY, item.nextAt)
      }
    }
    return round
  }

  /**
   * Forgets answered items after SENT_KEEP_MS: sent ones hold only a label and an id by then;
   * accepted ones are the server's to deliver (its outbox is durable), long past checking.
   */
  async function prune() {
    const cutoff = Date.now() - SENT_KEEP_MS
    const old = (await all()).filter(
      (item) => (item.state === 'sent' || item.state === 'accepted') && item.updatedAt < cutoff,
    )
    if (old.length > 0) await tx('readwrite', (items) => old.forEach((item) => void items.delete(item.id)))
  }

  /**
   * Who is signed in on this device (the page tells: '' when nobody), the page's language and
   * CSRF token, for sends without a page (Background Sync). Resolves with who was before.
   * @param {string} staff @param {string} language @param {string} [csrf]
   * @returns {Promise<string>}
   */
  async function setSession(staff, language, csrf = '') {
    const previous = /** @type {string | undefined} */ (await meta('staff')) ?? ''
    await tx('readwrite', (_, store) => {
      store.put(staff, 'staff')
      store.put(language, 'language')
      store.put(csrf, 'csrf')
    })
    return previous
  }

  /** @returns {Promise<{ staff: string, signin: boolean, items: Item[] }>} this staff member's items */
  async function snapshot() {
    const staff = /** @type {string | undefined} */ (await meta('staff')) ?? ''
    const items = (await all()).filter((item) => item.staff === staff)
    return { staff, signin: (await meta('signin')) === true, items }
  }

  /** @param {() => void} listener @returns {() => void} unsubscribe */
  function onChange(listener) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  return { enqueue, discard, drain, get, snapshot, setSession, onChange, backoffMs }
})()
