/**
 * Sentra Casebook — pemicu onEdit dan onChange (installable) yang memberi tahu Worker bahwa sheet berubah.
 * Sentra Casebook — installable onEdit and onChange triggers that tell the Worker the sheet changed.
 *
 * Setiap suntingan staf di tab data mengirim POST bertanda tangan ke <WORKER_URL>/api/sync,
 * paling banyak sekali per ~10 detik; perubahan struktur (kolom disisipkan, dihapus atau
 * dipindah, tab ditambah atau diganti nama) dikirim juga, paling banyak sekali per ~2 detik, agar
 * sistem segera mencari ulang kolomnya. Sinkronisasi terjadwal (tiap menit) menangkap sisanya.
 * Each staff edit of a data tab sends a signed POST to <WORKER_URL>/api/sync, at most once per
 * ~10 s; structural changes (a column inserted, removed or moved, a tab added or renamed) are
 * posted too, at most once per ~2 s, so the Worker finds its columns again before its next
 * write. The scheduled sync (every minute) catches whatever falls inside those windows.
 *
 * Script Properties (Project Settings → Script properties):
 *   WORKER_URL   e.g. https://sentra-casebook.example.workers.dev
 *   SYNC_SECRET  the Worker's webhook secret (the same value as its WEBHOOK_SECRET)
 *
 * Pasang sekali / install once: run `installTrigger` from the editor and authorise it.
 * A simple `onEdit` cannot call UrlFetchApp (no authorisation) and `onChange` exists only as an
 * installable trigger, hence installable triggers; changes made through the API (the Worker
 * itself) fire neither, so there is no loop.
 *
 * Bodies:
 *   onEdit   {"spreadsheetId":"…","sheet":"<tab title>","range":"<A1>","ts":<unix seconds>}
 *   onChange {"spreadsheetId":"…","change":"<changeType>","ts":<unix seconds>}
 * Headers: X-Timestamp: <ts>, X-Signature: lowercase hex HMAC-SHA256(secret, "<ts>.<body>").
 * Only the ids of the sheet, the edited range and the kind of change travel — never a cell value.
 */

/** Tabs the system computes: editing them changes nothing the sync reads. */
var COMPUTED_TABS = ['Progress', 'Dashboard', 'Log']

/** At most one edit post per this many seconds (CacheService expiry). */
var DEBOUNCE_SECONDS = 10

/**
 * At most one structural post per this many seconds: short, because a second column move soon
 * after the first must reach the Worker too, and such changes are rare (a person at work on the
 * layout), so they cannot flood it; the Worker coalesces syncs on its side as well.
 */
var STRUCTURE_DEBOUNCE_SECONDS = 2

var CACHE_KEY = 'sentra-sync-posted'
var STRUCTURE_CACHE_KEY = 'sentra-structure-posted'
var HANDLER = 'onEditSync'
var CHANGE_HANDLER = 'onChangeSync'

/**
 * onChange types not posted: cell edits (the onEdit trigger posts those, with the range) and
 * formatting (nothing the system reads). Apps Script documents EDIT, INSERT_ROW, INSERT_COLUMN,
 * REMOVE_ROW, REMOVE_COLUMN, INSERT_GRID, REMOVE_GRID, FORMAT and OTHER, but not which one a
 * moved column or a renamed tab gets (OTHER, as far as is known); so every type but these two
 * is posted, and the Worker treats all but row changes as structural.
 */
var IGNORED_CHANGES = ['EDIT', 'FORMAT']

/** Row inserts and removals change data, not where columns are: they share the edit debounce. */
var ROW_CHANGES = ['INSERT_ROW', 'REMOVE_ROW']

/** The installable onEdit trigger's handler (named in installTrigger). */
// biome-ignore lint/correctness/noUnusedVariables: called by the Apps Script trigger runtime
function onEditSync(e) {
  if (!e?.range) return
  const sheet = e.range.getSheet().getName()
  if (COMPUTED_TABS.indexOf(sheet) !== -1) return
  postSync(
    (ts) => ({ spreadsheetId: e.source.getId(), sheet: sheet, range: e.range.getA1Notation(), ts: ts }),
    CACHE_KEY,
    DEBOUNCE_SECONDS,
  )
}

/** The installable onChange trigger's handler (named in installTrigger). */
// biome-ignore lint/correctness/noUnusedVariables: called by the Apps Script trigger runtime
function onChangeSync(e) {
  const change = e?.changeType
  if (!change || IGNORED_CHANGES.indexOf(change) !== -1) return
  const rows = ROW_CHANGES.indexOf(change) !== -1
  postSync(
    (ts) => ({ spreadsheetId: e.source.getId(), change: String(change), ts: ts }),
    rows ? CACHE_KEY : STRUCTURE_CACHE_KEY,
    rows ? DEBOUNCE_SECONDS : STRUCTURE_DEBOUNCE_SECONDS,
  )
}

/**
 * Posts one signed /api/sync, with the body `bodyAt(<unix seconds>)`, unless another post of the
 * same debounce key went out within `seconds`.
 */
function postSync(bodyAt, cacheKey, seconds) {
  const props = PropertiesService.getScriptProperties()
  const workerUrl = props.getProperty('WORKER_URL')
  const secret = props.getProperty('SYNC_SECRET')
  if (!workerUrl || !secret) {
    console.warn('sentra: WORKER_URL or SYNC_SECRET is not set in Script Properties')
    return
  }

  // Debounce across simultaneous triggers: the lock makes check-and-mark one step.
  const lock = LockService.getScriptLock()
  if (!lock.tryLock(2000)) return
  const cache = CacheService.getScriptCache()
  try {
    if (cache.get(cacheKey)) return
    cache.put(cacheKey, '1', seconds)
  } finally {
    lock.releaseLock()
  }

  const ts = Math.floor(Date.now() / 1000)
  const body = JSON.stringify(bodyAt(ts))
  const response = UrlFetchApp.fetch(`${workerUrl.replace(/\/+$/, '')}/api/sync`, {
    method: 'post',
    contentType: 'application/json',
    // The exact UTF-8 bytes that were signed (a renamed tab may hold non-ASCII letters).
    payload: Utilities.newBlob(body).getBytes(),
    headers: { 'X-Timestamp': String(ts), 'X-Signature': signature(secret, `${ts}.${body}`) },
    muteHttpExceptions: true,
  })
  const code = response.getResponseCode()
  if (code >= 300) console.warn(`sentra: /api/sync answered HTTP ${code}`)
}

/** Lowercase hex HMAC-SHA256 of `message` under `secret` (both UTF-8). */
function signature(secret, message) {
  const bytes = Utilities.computeHmacSha256Signature(message, secret, Utilities.Charset.UTF_8)
  return bytes.map((b) => `0${(b & 0xff).toString(16)}`.slice(-2)).join('')
}

/** Run once from the editor: (re)creates this spreadsheet's onEdit and onChange triggers. */
// biome-ignore lint/correctness/noUnusedVariables: run by a person from the Apps Script editor
function installTrigger() {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction()
    if (handler === HANDLER || handler === CHANGE_HANDLER) ScriptApp.deleteTrigger(trigger)
  }
  const spreadsheet = SpreadsheetApp.getActive()
  ScriptApp.newTrigger(HANDLER).forSpreadsheet(spreadsheet).onEdit().create()
  ScriptApp.newTrigger(CHANGE_HANDLER).forSpreadsheet(spreadsheet).onChange().create()
}
