/**
 * @module
 * A row still being typed is left alone (issue 7.10). Staff fill a new row cell by cell; the sheet
 * reports each cell to the system within seconds. A row that misses a required cell and changed
 * in the last minute is most likely still being typed: it gets neither an id nor a `_status`
 * message yet. Once every required cell is filled it is judged at once (an id if it has none, a
 * message if a rule fails); left incomplete for the delay, it is judged too, so its message shows.
 * Pure: times are epoch ms passed in; the ledger decides what "changed" means (sync-plan.ts).
 */
import type { RawRecord } from './decode-row'
import type { DataTabKey } from './ids'
import { TABLES } from './tables'

/** How long an incomplete row may go unchanged before it is judged anyway: one minute. */
export const TYPING_DELAY_MS = 60_000

/**
 * The required staff-owned cells of a row that are blank (column keys, in column order). System
 * cells (the id, `_status`) never count: they are the system's to fill.
 */
export function missingRequired(tab: DataTabKey, cells: RawRecord): string[] {
  const missing: string[] = []
  for (const column of TABLES[tab].columns) {
    if (column.owner === 'system' || !column.required) continue
    const v = cells[column.key]
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) missing.push(column.key)
  }
  return missing
}

/** `judge`: give the row its id and status now; `wait`: leave it alone until `until` (epoch ms). */
export type TypingVerdict = { readonly kind: 'judge' } | { readonly kind: 'wait'; readonly until: number }

/**
 * Whether a row is judged now. `complete`: no required cell is blank; `changedAt`: when its
 * current content was first seen (epoch ms); `now`: the time of the sync.
 */
export function typingVerdict(input: {
  readonly complete: boolean
  readonly changedAt: number
  readonly now: number
  readonly delayMs?: number
}): TypingVerdict {
  if (input.complete) return { kind: 'judge' }
  const until = input.changedAt + (input.delayMs ?? TYPING_DELAY_MS)
  return input.now >= until ? { kind: 'judge' } : { kind: 'wait', until }
}
