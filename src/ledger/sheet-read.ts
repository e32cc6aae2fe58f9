/**
 * @module
 * The sync's read: ONE values.batchGet of every tab the ledger reads (data, config and computed
 * tabs, whole), with the header binding checked for free on the way — the header rows come with
 * the data, and labels that match the fingerprints the binding was validated with confirm it.
 * Only when they differ (a column moved, inserted or renamed) is the binding resolved again (1
 * more read), and the tabs read again if the set of tabs changed.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { err, ok, type Result } from '../domain'
import { formatSheetName } from '../sheets'
import type { LedgerContext } from './ledger-context'
import { headerFingerprints, headersUnchanged, type Layout, readTitles } from './sheet-layout'
import { ensureLayout, refreshLayout, type UpstreamFailure } from './upstream'

export type SheetRead = {
  readonly layout: Layout
  /** The tabs read, in the order of {@link readTitles}. */
  readonly titles: readonly string[]
  readonly valueRanges: readonly sheets_v4.Schema$ValueRange[]
  /** Google calls it took (1 normally; more when the binding was resolved). */
  readonly calls: number
}

export type ReadFailure = { readonly failure: UpstreamFailure; readonly calls: number }

/** Reads the whole sheet by the current binding; re-binds (1 read) when the header labels moved. */
export async function readSheet(ctx: LedgerContext): Promise<Result<SheetRead, ReadFailure>> {
  const first = await ensureLayout(ctx)
  if (!first.ok) return first
  let calls = first.value.calls
  let resolvedNow = calls > 0
  let layout = first.value.layout
  let titles = readTitles(layout)
  for (;;) {
    const started = ctx.clock.now()
    const read = await ctx.sheets.values.batchGet({
      spreadsheetId: ctx.spreadsheetId,
      ranges: titles.map(formatSheetName),
    })
    calls++
    if (!read.ok) return err({ failure: read.error, calls })
    const valueRanges = read.value.valueRanges ?? []
    const fingerprints = headerFingerprints(titles, (i) => valueRanges[i]?.values ?? undefined)
    if (resolvedNow || headersUnchanged(ctx.state.fingerprints, fingerprints)) {
      // The labels are the ones the binding was taken with: it still holds as of this read.
      if (!resolvedNow) ctx.state.layoutCheckedAt = started
      ctx.state.fingerprints = fingerprints
      return ok({ layout, titles, valueRanges, calls })
    }
    // A column moved, was inserted or renamed since the binding was taken: bind again (1 read).
    const again = await refreshLayout(ctx)
    calls += again.ok ? again.value.calls : again.error.calls
    if (!again.ok) return err({ failure: again.error.failure, calls })
    resolvedNow = true
    layout = again.value.layout
    const after = readTitles(layout)
    if (after.join('\n') === titles.join('\n')) {
      ctx.state.fingerprints = fingerprints
      return ok({ layout, titles, valueRanges, calls })
    }
    // The set of tabs changed (a computed tab appeared or vanished): read again with the new set.
    titles = after
  }
}
