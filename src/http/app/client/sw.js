// @ts-check
/**
 * The field app's service worker (issue 8 point 4), served at /app/sw.js with scope /app/. The
 * Worker prepends one line, `self.CASEBOOK_SHELL = { version, assets }` (the hashed URLs of the
 * other client files), so this script changes — and the browser installs the new one — whenever
 * any asset does.
 *
 * - Hashed assets (/app/static/…): cache-first; a hash names one content forever.
 * - Pages and the last-seen lists (/app/data/lists.json): network-first, so a worker online
 *   always sees the sheet's current state; after NETWORK_WAIT_MS without an answer (a weak
 *   connection) or on a network error, the saved copy, and when there is none a short offline
 *   page. Only non-redirected 200 answers are saved. The forms, the lists and the pages they
 *   name (each goal's session form, each case) are fetched ahead — on install, and missing ones
 *   whenever the app opens online — so they open offline before first use.
 * - Writes (any non-GET) are never cached or answered from a cache; the outbox (outbox.js, in
 *   IndexedDB) keeps submissions, and Background Sync sends them with no page open where the
 *   browser has it (Chromium); elsewhere the pages send on open, `online` and a timer.
 * - Signing out (POST /app/sign-out) deletes the saved pages, which hold case data.
 */
/** @type {ServiceWorkerGlobalScope & typeof globalThis} */
const sw = /** @type {any} */ (self)
/** @type {{ version: string, assets: string[] }} */
const SHELL = /** @type {any} */ (self).CASEBOOK_SHELL ?? { version: 'dev', assets: [] }

const ASSET_CACHE = `casebook-assets-${SHELL.version}`
const PAGE_CACHE = `casebook-pages-${SHELL.version}`
const SYNC_TAG = 'casebook-outbox'
/** How long a page waits for the network before showing its saved copy. */
const NETWORK_WAIT_MS = 4_000
/** Pages (and the lists) a field worker needs offline even before first opening them. */
const OFFLINE_PAGES = [
  '/app',
  '/app/tasks',
  '/app/sessions/new',
  '/app/sessions/group',
  '/app/assessments/new',
  '/app/goals/new',
]

const outboxUrl = SHELL.assets.find((url) => /\/outbox\.[0-9a-f]+\.js$/.test(url))
if (outboxUrl !== undefined) sw.importScripts(outboxUrl)

/** Navigations answered from a saved copy, by the page they created: clientId → saved at (ms). */
const fromCache = new Map()

/**
 * A page worth saving: a whole, same-origin, non-redirected 200 (a redirect is the sign-in page).
 * Pages say `Cache-Control: no-store`, which keeps them out of the browser's HTTP cache and its
 * back/forward cache after signing out; this cache is the offline copy the worker needs, and it
 * goes on sign-out and when someone else signs in on the device.
 */
const keepable = (/** @type {Response} */ response) =>
  response.status === 200 && response.type === 'basic' && !response.redirected

/**
 * Pages never saved: signing in needs the network anyway, and the sign-in page a sign-out lands
 * on must not be saved after the sign-out emptied the cache (the delete and that navigation race).
 */
const NEVER_SAVED = /^\/app\/(?:sign-in|auth\/|lang\/)/

/**
 * Saves `response` — reading its body, so pass a clone when the original is still wanted — with
 * the time it was saved.
 */
async function save(
  /** @type {string} */ cacheName,
  /** @type {Request | string} */ request,
  /** @type {Response} */ response,
) {
  const headers = new Headers(response.headers)
  headers.set('x-casebook-saved-at', String(Date.now()))
  const body = await response.blob()
  const cache = await caches.open(cacheName)
  await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }))
}

/** The last-seen lists; always fetched again when warming, the pages it names derive from it. */
const LISTS = '/app/data/lists.json'
/** At most this many pages derived from the lists (a coordinator's lists name every case). */
const MAX_DERIVED_PAGES = 40
/** Background fetches at a time, leaving the page most of the six connections per host. */
const WARM_PARALLEL = 3
/** Pages ask to warm on every load; the lists are fetched again at most this often. */
const WARM_EVERY_MS = 10 * 60_000
let lastWarm = 0

/**
 * The pages the lists make worth having offline: each goal's session form and each case's page.
 * @param {unknown} lists @returns {string[]}
 */
function pagesOf(lists) {
  const l = /** @type {{ goals?: { goal_id?: unknown }[], cases?: { case_id?: unknown }[] }} */ (lists ?? {})
  const ids = (/** @type {unknown[]} */ values) => values.filter((v) => typeof v === 'string').map(String)
  return [
    ...ids((l.goals ?? []).map((g) => g.goal_id)).map((id) => `/app/sessions/new?goal=${encodeURIComponent(id)}`),
    ...ids((l.cases ?? []).map((c) => c.case_id)).map((id) => `/app/cases/${encodeURIComponent(id)}`),
  ].slice(0, MAX_DERIVED_PAGES)
}

/**
 * Saves the pages a worker needs offline: the fixed ones, the lists, and the forms and case
 * pages the lists name — those not saved yet, or all of them (`refresh`, a new version whose
 * pages name new asset URLs). Failures are ignored: a page is saved the next time it loads.
 */
async function warm(/** @type {boolean} */ refresh) {
  const cache = await caches.open(PAGE_CACHE)
  /** @param {string} path @param {boolean} always */
  const fetchPage = async (path, always) => {
    if (!always && (await cache.match(path)) !== undefined) return
    try {
      const response = await fetch(path, { credentials: 'same-origin', redirect: 'follow' })
      // An unread body holds its connection (six per host): save it or let it go.
      if (keepable(response)) await save(PAGE_CACHE, path, response)
      else await response.body?.cancel()
    } catch {
      // offline or signed out
    }
  }
  /** @param {string[]} paths @param {boolean} always */
  const fetchAll = async (paths, always) => {
    const queue = [...paths]
    const worker = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) await fetchPage(path, always)
    }
    await Promise.all(Array.from({ length: WARM_PARALLEL }, worker))
  }
  await fetchAll([LISTS], true)
  const lists = await cache.match(LISTS)
  const named = lists === undefined ? [] : pagesOf(await lists.json().catch(() => undefined))
  await fetchAll([...OFFLINE_PAGES, ...named], refresh)
}

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(ASSET_CACHE)
      await cache.addAll(SHELL.assets)
      lastWarm = Date.now()
      await warm(true)
      await sw.skipWaiting()
    })(),
  )
})

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([ASSET_CACHE, PAGE_CACHE])
      for (const name of await caches.keys()) {
        if (name.startsWith('casebook-') && !keep.has(name)) await caches.delete(name)
      }
      await sw.clients.claim()
    })(),
  )
})

/** A short page for a navigation with neither network nor a saved copy (no script, no data). */
function offlinePage() {
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Buku Kasus</title></head><body><main><h1>Sedang offline</h1><p>Halaman ini belum tersimpan di perangkat. Formulir yang pernah dibuka tetap bisa dipakai: <a href="/app/sessions/new">Catat sesi</a> · <a href="/app">Beranda</a>.</p><h2 lang="en">Offline</h2><p lang="en">This page is not saved on this device yet. Forms opened before still work: <a href="/app/sessions/new">Log a session</a> · <a href="/app">Home</a>.</p></main></body></html>`
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } })
}

/**
 * Network first: the network's answer when it comes within NETWORK_WAIT_MS (saved for later),
 * else the saved copy, else the network's answer after all, else the offline page.
 * @param {FetchEvent} event
 */
async function networkFirst(event) {
  const request = event.request
  const network = fetch(request).then(async (response) => {
    if (keepable(response) && !NEVER_SAVED.test(new URL(request.url).pathname))
      await save(PAGE_CACHE, request, response.clone())
    return response
  })
  // Keep the worker alive until the answer is saved, even when the saved copy went out first.
  event.waitUntil(network.catch(() => undefined))
  /** @type {Promise<undefined>} */
  const timeout = new Promise((resolve) => setTimeout(() => resolve(undefined), NETWORK_WAIT_MS))
  const first = await Promise.race([network.catch(() => undefined), timeout])
  if (first !== undefined) return first
  const cache = await caches.open(PAGE_CACHE)
  // The exact URL only: `/app/sessions/new?goal=T-0002` must never stand in for another goal's form.
  const saved = await cache.match(request)
  if (saved !== undefined) {
    // The late answer is saved (above) but not shown: release its body and connection.
    network.then(
      (response) => response.body?.cancel(),
      () => undefined,
    )
    if (event.resultingClientId)
      fromCache.set(event.resultingClientId, Number(saved.headers.get('x-casebook-saved-at')))
    return saved
  }
  try {
    return await network
  } catch {
    return request.mode === 'navigate' ? offlinePage() : Response.error()
  }
}

/** Cache first for hashed assets: the hash names one content, so a saved copy is never stale. */
async function cacheFirst(/** @type {Request} */ request) {
  const saved = await caches.match(request)
  if (saved !== undefined) return saved
  const response = await fetch(request)
  if (keepable(response)) await save(ASSET_CACHE, request, response.clone())
  return response
}

sw.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (url.origin !== sw.location.origin || !url.pathname.startsWith('/app')) return
  if (request.method !== 'GET') {
    // Writes always go to the network untouched. Signing out also forgets the saved pages.
    if (url.pathname === '/app/sign-out') event.waitUntil(caches.delete(PAGE_CACHE))
    return
  }
  if (url.pathname === '/app/sw.js') return
  if (url.pathname.startsWith('/app/static/')) {
    event.respondWith(cacheFirst(request))
    return
  }
  const html = request.mode === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html')
  if (html || url.pathname === LISTS) event.respondWith(networkFirst(event))
})

/** Background Sync: send what waits with no page open; a rejection makes the browser try again later. */
sw.addEventListener('sync', (/** @type {any} */ event) => {
  if (event.tag !== SYNC_TAG) return
  event.waitUntil(
    (async () => {
      // The browser fires this when the connection is back (and backs off itself): send now.
      const round = await SentraOutbox.drain({ force: true })
      if (round.waiting > 0 && !round.signin) throw new Error('outbox: some submissions still wait')
    })(),
  )
})

sw.addEventListener('message', (event) => {
  const data = event.data ?? {}
  const source = /** @type {Client | null} */ (event.source)
  if (data.type === 'warm' && Date.now() - lastWarm > WARM_EVERY_MS) {
    lastWarm = Date.now()
    event.waitUntil(warm(false))
  }
  if (data.type === 'forget-pages') event.waitUntil(caches.delete(PAGE_CACHE))
  if (data.type === 'saved-copy?' && source !== null) {
    source.postMessage({ type: 'saved-copy', savedAt: fromCache.get(source.id) ?? null })
    fromCache.delete(source.id)
  }
})
