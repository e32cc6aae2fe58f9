/**
 * @module
 * The `Log` tab (architecture.md "The sheet is the front end": a computed tab the system owns):
 * a short, append-only record of what the system did, for coordinators reading the sheet. A row
 * carries a time, an Indonesian event text, who (staff ids, or `sistem`), which row ids and how
 * many — never a cell value, a note or a name (users.md: a client's notes never leave the sheet
 * and the API). Pure: the caller passes the time as a date-time serial already in the centre's
 * time zone.
 */
import type { RawCell } from './cell-codecs'
import { DATA_TABS, ID_PREFIXES } from './ids'
import type { Bilingual } from './issues'

/** Title of the tab (sheets-template/build-template.ts creates it; the ledger finds it by title). */
export const LOG_TITLE = 'Log'

/** How the template formats a Log column (datetime: `yyyy-mm-dd hh:mm:ss`). */
export type LogColumnKind = 'datetime' | 'text' | 'int'

export type LogColumn = { readonly key: string; readonly label: Bilingual; readonly kind: LogColumnKind }

/** The columns of the `Log` tab, in order; bound to the header by key like every other tab. */
export const LOG_COLUMNS = [
  { key: 'time', label: { id: 'Waktu', en: 'Time' }, kind: 'datetime' },
  { key: 'event', label: { id: 'Peristiwa', en: 'Event' }, kind: 'text' },
  { key: 'actor', label: { id: 'Oleh', en: 'By' }, kind: 'text' },
  { key: 'ids', label: { id: 'ID terkait', en: 'Related ids' }, kind: 'text' },
  { key: 'count', label: { id: 'Jumlah', en: 'Count' }, kind: 'int' },
] as const satisfies readonly LogColumn[]

export type LogColumnKey = (typeof LOG_COLUMNS)[number]['key']

/** Longest text written into one Log cell (characters); longer lists end in `+n`. */
export const MAX_LOG_TEXT = 200

/** The actor of what the system does on its own (sync, outages). */
export const SYSTEM_LOG_ACTOR = 'sistem'

/** What happened. Ids are row ids (`K-0001`), actors staff ids; failure kinds are machine codes. */
export type LogEvent =
  /** A flush wrote rows accepted from the API (forms, scripts) into the data tabs. */
  | { readonly kind: 'rows_saved'; readonly actors: readonly string[]; readonly ids: readonly string[] }
  /** A PATCH from the API changed `cells` cells of one row. */
  | { readonly kind: 'row_patched'; readonly actor: string; readonly id: string; readonly cells: number }
  /** A PATCH from the API withdrew a session or assessment (withdrawal.ts), writing `cells` cells. */
  | { readonly kind: 'row_withdrawn'; readonly actor: string; readonly id: string; readonly cells: number }
  /**
   * A sync gave `idsAssigned` new rows an id and changed the `_status` of `statusesChanged` rows:
   * `rows` rows in all (a row may be in both counts), `ids` those of them that have an id.
   */
  | {
      readonly kind: 'sync'
      readonly idsAssigned: number
      readonly statusesChanged: number
      readonly rows: number
      readonly ids: readonly string[]
    }
  /**
   * A sync found the same id on several rows. `removed`: later copies identical to an earlier row
   * (a write Google applied after it answered an error, and was sent again) were deleted;
   * `flagged`: copies that differ were kept and their `_status` asks a person to choose.
   */
  | {
      readonly kind: 'duplicates'
      readonly removed: number
      readonly flagged: number
      readonly ids: readonly string[]
    }
  /**
   * A write found its rows moved under it (a sort, insert or delete between the read and the
   * write) and put `cells` cells of `rows` rows back where they belong.
   */
  | { readonly kind: 'write_repaired'; readonly rows: number; readonly cells: number; readonly ids: readonly string[] }
  /** Google (or the sheet's layout) started failing; `failure` is the first failure's kind. */
  | { readonly kind: 'upstream_failing'; readonly failure: string }
  /** …and works again after `failedAttempts` failed attempts. */
  | { readonly kind: 'upstream_recovered'; readonly failure: string; readonly failedAttempts: number }

export type LogEntry = {
  /** Date-time serial (days since 1899-12-30, fraction = time of day) in the centre's zone. */
  readonly time: number
  readonly event: LogEvent
}

/** Indonesian words for the failure kinds of the Sheets client and the ledger (unknown → the code). */
export const FAILURE_LABELS: Readonly<Record<string, string>> = {
  rate_limited: 'kuota permintaan Google habis',
  unavailable: 'layanan Google tidak tersedia',
  outcome_unknown: 'hasil penulisan tidak pasti',
  bad_request: 'permintaan ditolak Google',
  unauthenticated: 'akun layanan ditolak',
  permission_denied: 'akses ke sheet ditolak',
  not_found: 'sheet tidak ditemukan',
  timeout: 'waktu tunggu habis',
  network: 'jaringan terputus',
  auth: 'token akun layanan gagal',
  invalid_response: 'jawaban Google tidak terbaca',
  layout: 'tab atau kolom sheet tidak lengkap',
}

/** `text` cut to `max` characters (an ellipsis marks the cut). */
export function boundText(text: string, max = MAX_LOG_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`
}

/** Parts joined by `, ` up to `max` characters; what does not fit is counted as ` +n`. */
function joinBounded(parts: readonly { readonly text: string; readonly count: number }[], max: number): string {
  const total = parts.reduce((n, p) => n + p.count, 0)
  let out = ''
  let shown = 0
  for (const part of parts) {
    const next = out === '' ? part.text : `${out}, ${part.text}`
    const rest = total - shown - part.count
    if (next.length + (rest > 0 ? ` +${rest}`.length : 0) > max) break
    out = next
    shown += part.count
  }
  if (shown === total) return out
  return boundText(out === '' ? `+${total - shown}` : `${out} +${total - shown}`, max)
}

const ID_RE = /^([A-Z]+)-(\d{1,15})$/
const TAB_ORDER = DATA_TABS.map((tab) => ID_PREFIXES[tab])

/**
 * Row ids as a short text: grouped by tab (K, A, T, S), sorted, runs of three or more
 * consecutive numbers as `S-0012–S-0020`; what does not fit in `max` characters becomes ` +n`
 * (n = ids left out). Duplicates count once; text that is not an id is listed after the ids.
 */
export function compactIds(ids: readonly string[], max = MAX_LOG_TEXT): string {
  const byPrefix = new Map<string, Map<number, string>>()
  const others = new Set<string>()
  for (const id of ids) {
    const m = ID_RE.exec(id)
    if (m === null || m[1] === undefined || m[2] === undefined) {
      others.add(id)
      continue
    }
    const numbers = byPrefix.get(m[1]) ?? new Map<number, string>()
    if (!numbers.has(Number(m[2]))) numbers.set(Number(m[2]), id)
    byPrefix.set(m[1], numbers)
  }
  const rank = (prefix: string) => {
    const i = TAB_ORDER.indexOf(prefix)
    return i < 0 ? TAB_ORDER.length : i
  }
  const prefixes = [...byPrefix.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const parts: { text: string; count: number }[] = []
  for (const prefix of prefixes) {
    const numbers = byPrefix.get(prefix) ?? new Map<number, string>()
    const sorted = [...numbers.keys()].sort((a, b) => a - b)
    let start = 0
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] === (sorted[i - 1] ?? 0) + 1) continue
      const run = sorted.slice(start, i)
      const text = (n: number | undefined) => (n === undefined ? '' : (numbers.get(n) ?? ''))
      if (run.length >= 3) parts.push({ text: `${text(run[0])}–${text(run[run.length - 1])}`, count: run.length })
      else for (const n of run) parts.push({ text: text(n), count: 1 })
      start = i
    }
  }
  for (const other of [...others].sort()) parts.push({ text: other, count: 1 })
  return joinBounded(parts, max)
}

/** Distinct names (staff ids), sorted, joined; ` +n` for those that do not fit. */
export function compactNames(names: readonly string[], max = MAX_LOG_TEXT): string {
  const distinct = [...new Set(names.filter((n) => n !== ''))].sort()
  return joinBounded(
    distinct.map((text) => ({ text, count: 1 })),
    max,
  )
}

const failureText = (kind: string): string => {
  const label = FAILURE_LABELS[kind]
  return label === undefined ? kind : `${label} (${kind})`
}

function syncText(idsAssigned: number, statusesChanged: number): string {
  const parts = [
    ...(idsAssigned > 0 ? [`${idsAssigned} ID baru`] : []),
    ...(statusesChanged > 0 ? [`${statusesChanged} status validasi berubah`] : []),
  ]
  return parts.length === 0 ? 'Sinkronisasi' : `Sinkronisasi: ${parts.join(', ')}`
}

function duplicatesText(removed: number, flagged: number): string {
  const parts = [
    ...(removed > 0 ? [`${removed} salinan sama persis dihapus`] : []),
    ...(flagged > 0 ? [`${flagged} ID pada baris berbeda ditandai, periksa Status validasi`] : []),
  ]
  return `ID ganda: ${parts.join('; ')}`
}

/** The cells of one Log row, by column key (text bounded to {@link MAX_LOG_TEXT}). */
export function logRowCells(entry: LogEntry): Record<LogColumnKey, RawCell> {
  const { event } = entry
  const row = (text: string, actor: string, ids: string, count: number | null): Record<LogColumnKey, RawCell> => ({
    time: entry.time,
    event: boundText(text),
    actor: actor === '' ? null : boundText(actor),
    ids: ids === '' ? null : ids,
    count,
  })
  switch (event.kind) {
    case 'rows_saved':
      return row('Baris dari API disimpan', compactNames(event.actors), compactIds(event.ids), event.ids.length)
    case 'row_patched':
      return row('Baris diubah lewat API', compactNames([event.actor]), compactIds([event.id]), event.cells)
    case 'row_withdrawn':
      return row('Baris ditarik lewat API', compactNames([event.actor]), compactIds([event.id]), event.cells)
    case 'sync':
      return row(
        syncText(event.idsAssigned, event.statusesChanged),
        SYSTEM_LOG_ACTOR,
        compactIds(event.ids),
        event.rows,
      )
    case 'duplicates':
      return row(
        duplicatesText(event.removed, event.flagged),
        SYSTEM_LOG_ACTOR,
        compactIds(event.ids),
        event.removed + event.flagged,
      )
    case 'write_repaired':
      return row(
        'Penulisan dipulihkan: baris dipindah saat sistem menulis',
        SYSTEM_LOG_ACTOR,
        compactIds(event.ids),
        event.cells,
      )
    case 'upstream_failing':
      return row(`Gangguan Google Sheets mulai: ${failureText(event.failure)}`, SYSTEM_LOG_ACTOR, '', null)
    case 'upstream_recovered':
      return row(
        `Gangguan Google Sheets selesai: ${failureText(event.failure)}`,
        SYSTEM_LOG_ACTOR,
        '',
        event.failedAttempts,
      )
  }
}
