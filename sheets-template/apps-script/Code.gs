/**
 * Sentra Casebook — pemicu onEdit (installable) yang memberi tahu Worker bahwa sheet berubah.
 * Sentra Casebook — installable onEdit trigger that tells the Worker the sheet changed.
 *
 * Setiap suntingan staf di tab data mengirim POST bertanda tangan ke <WORKER_URL>/api/sync,
 * paling banyak sekali per ~10 detik; sinkronisasi terjadwal (tiap menit) menangkap sisanya.
 * Each staff edit of a data tab sends a signed POST to <WORKER_URL>/api/sync, at most once per
 * ~10 s; the scheduled sync (every minute) catches whatever falls inside that window.
 *
 * Script Properties (Project Settings → Script properties):
 *   WORKER_URL   e.g. https://sentra-casebook.example.workers.dev
 *   SYNC_SECRET  the Worker's webhook secret (the same value as its WEBHOOK_SECRET)
 *
 * Pasang sekali / install once: run `installTrigger` from the editor and authorise it.
 * A simple `onEdit` cannot call UrlFetchApp (no authorisation), hence the installable trigger;
 * edits made through the API (the Worker itself) do not fire it, so there is no loop.
 *
 * Body: {"spreadsheetId":"…","sheet":"<tab title>","range":"<A1>","ts":<unix seconds>}
 * Headers: X-Timestamp: <ts>, X-Signature: lowercase hex HMAC-SHA256(secret, "<ts>.<body>").
 * Only the ids of the sheet and the edited range travel — never a cell value.
 */

/** Tabs the system computes: editing them changes nothing the sync reads. */
var COMPUTED_TABS = ['Progress', 'Dashboard', 'Log']

/** At most one post per this many seconds (CacheService expiry). */
var DEBOUNCE_SECONDS = 10

var CACHE_KEY = 'sentra-sync-posted'
var HANDLER = 'onEditSync'

/** The installable trigger's handler (named in installTrigger). */
// biome-ignore lint/correctness/noUnusedVariables: called by the Apps Script trigger runtime
function onEditSync(e) {
  if (!e?.range) return
  const sheet = e.range.getSheet().getName()
  if (COMPUTED_TABS.indexOf(sheet) !== -1) return

  const props = PropertiesService.getScriptProperties()
  const workerUrl = props.getProperty('WORKER_URL')
  const secret = props.getProperty('SYNC_SECRET')
  if (!workerUrl || !secret) {
    console.warn('sentra: WORKER_URL or SYNC_SECRET is not set in Script Properties')
    return
  }

  // Debounce across simultaneous edits: the lock makes check-and-mark one step.
  const lock = LockService.getScriptLock()
  if (!lock.tryLock(2000)) return
  const cache = CacheService.getScriptCache()
  try {
    if (cache.get(CACHE_KEY)) return
    cache.put(CACHE_KEY, '1', DEBOUNCE_SECONDS)
  } finally {
    lock.releaseLock()
  }

  const ts = Math.floor(Date.now() / 1000)
  const body = JSON.stringify({ spreadsheetId: e.source.getId(), sheet: sheet, range: e.range.getA1Notation(), ts: ts })
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

/** Run once from the editor: (re)creates this spreadsheet's onEdit trigger. */
// biome-ignore lint/correctness/noUnusedVariables: run by a person from the Apps Script editor
function installTrigger() {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === HANDLER) ScriptApp.deleteTrigger(trigger)
  }
  ScriptApp.newTrigger(HANDLER).forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create()
}
