/**
 * @module
 * How the ledger reacts to Google's answers over time: a backoff after failures (Retry-After
 * when Google gives one, else exponential up to a cap; longer for errors a person must fix), the
 * last upstream error for sync status, and the layout cache: a request error invalidates it, and
 * it is resolved again before use when the sheet reported a structural change after it was last
 * checked (Apps Script onChange), or — for writes that would otherwise trust it blindly — when it
 * has not been checked for a while.
 */
import { err, ok, type Result } from '../domain'
import { accessDenial, type BindingProblem, type SheetsError } from '../sheets'
import type { LedgerError } from './contract'
import type { LedgerContext } from './ledger-context'
import { type Layout, resolveLayout, sameBinding } from './sheet-layout'
import { noteFailure } from './sheet-log'
import type { Backoff } from './sync-state'

/** Failures the ledger backs off from. `layout`: the sheet's tabs or header keys are broken. */
export type UpstreamFailure = SheetsError | { readonly kind: 'layout'; readonly problems: readonly BindingProblem[] }

/** Errors that a retry soon will not fix: a person has to change the sheet, sharing or config. */
const NEEDS_A_PERSON: ReadonlySet<string> = new Set([
  'layout',
  'bad_request',
  'permission_denied',
  'not_found',
  'unauthenticated',
  'auth',
])

/** Records a failure and sets the next backoff; returns it. */
export function backOff(ctx: LedgerContext, failure: UpstreamFailure): Backoff {
  const now = ctx.clock.now()
  const { tuning } = ctx
  const failures = (ctx.state.backoff?.failures ?? 0) + 1
  let delay: number
  if (failure.kind === 'rate_limited' && failure.retryAfterMs !== null) {
    delay = failure.retryAfterMs
  } else if (NEEDS_A_PERSON.has(failure.kind)) {
    // The first request error is retried soon: the flush re-resolves the binding and drops the
    // computed-tab cells, which is what usually went stale. A repeat needs a person.
    delay = failures === 1 && failure.kind === 'bad_request' ? tuning.backoffBaseMs : tuning.layoutBackoffMs
  } else {
    delay = tuning.backoffBaseMs * 2 ** Math.min(failures - 1, 20)
  }
  const backoff = {
    until: now + Math.min(delay, Math.max(tuning.backoffMaxMs, tuning.layoutBackoffMs)),
    failures,
    kind: failure.kind,
  }
  ctx.state.backoff = backoff
  // A 403 is recorded as what a person must fix (not_shared, api_disabled, scopes), as the gateway does.
  ctx.state.upstreamError = {
    kind: (failure.kind === 'layout' ? undefined : accessDenial(failure)) ?? failure.kind,
    at: now,
  }
  noteFailure(ctx, failure.kind)
  ctx.log({ msg: 'ledger.backoff', kind: failure.kind, failures, delay_ms: backoff.until - now })
  return backoff
}

/** A write went through: no more backoff. */
export function clearBackoff(ctx: LedgerContext): void {
  if (ctx.state.backoff !== undefined) ctx.state.backoff = undefined
}

/** Ms until writes may be tried again (0 = now). */
export function backoffRemaining(ctx: LedgerContext): number {
  const b = ctx.state.backoff
  return b === undefined ? 0 : Math.max(0, b.until - ctx.clock.now())
}

/** A binding, or why there is none; `calls` counts the Google reads it took (0 when cached). */
export type LayoutResult = Result<
  { readonly layout: Layout; readonly calls: number },
  { readonly failure: UpstreamFailure; readonly calls: number }
>

/**
 * True when the cached binding may no longer match the sheet: the sheet reported a structural
 * change after the binding was last checked, or (with `maxAgeMs`) it was last checked
 * longer ago than that. Free: no Google call.
 */
export function layoutIsStale(ctx: LedgerContext, maxAgeMs?: number): boolean {
  const checked = ctx.state.layoutCheckedAt
  if (checked === undefined) return true
  const changed = ctx.state.structureChangedAt
  // The webhook arrives after the change was made, so a check that started at or after its arrival saw it.
  if (changed !== undefined && changed > checked) return true
  return maxAgeMs !== undefined && ctx.clock.now() - checked > maxAgeMs
}

/**
 * The cached binding, or a freshly resolved one (1 read; more only when a tab is missing) when
 * there is none or it is stale ({@link layoutIsStale}).
 */
export async function ensureLayout(
  ctx: LedgerContext,
  options: { readonly maxAgeMs?: number } = {},
): Promise<LayoutResult> {
  const cached = ctx.state.layout
  if (cached !== undefined && !layoutIsStale(ctx, options.maxAgeMs)) return ok({ layout: cached, calls: 0 })
  return refreshLayout(ctx)
}

/**
 * Apps Script onChange `changeType`s that cannot move a bound column or rename a tab: cell edits,
 * formatting, rows inserted or removed (rows are found by id). Every other type — INSERT_COLUMN,
 * REMOVE_COLUMN, INSERT_GRID, REMOVE_GRID, OTHER (a column or tab moved, a tab renamed) and any
 * type Google adds later — may, so it marks the binding stale.
 */
const LAYOUT_SAFE_CHANGES: ReadonlySet<string> = new Set(['EDIT', 'FORMAT', 'INSERT_ROW', 'REMOVE_ROW'])

/** True when a sheet change of this `changeType` may have moved columns or tabs. */
export const isStructuralChange = (changeType: string): boolean => !LAYOUT_SAFE_CHANGES.has(changeType.toUpperCase())

/** The sheet reported a change that may move columns or tabs: the binding is checked before its next use. */
export function markStructureChanged(ctx: LedgerContext): void {
  ctx.state.structureChangedAt = ctx.clock.now()
}

/** Resolves the binding again and caches it. */
export async function refreshLayout(ctx: LedgerContext): Promise<LayoutResult> {
  const started = ctx.clock.now()
  const resolved = await resolveLayout(ctx.sheets, ctx.spreadsheetId)
  if (!resolved.ok) {
    const { calls } = resolved.error
    const failure: UpstreamFailure =
      resolved.error.kind === 'layout' ? { kind: 'layout', problems: resolved.error.problems } : resolved.error.error
    ctx.log({ msg: 'ledger.layout_failed', kind: failure.kind, calls })
    return err({ failure, calls })
  }
  const { layout, calls } = resolved.value
  const previous = ctx.state.layout
  ctx.state.layout = layout
  // A change reported while the read was under way stays newer than this: still stale.
  ctx.state.layoutCheckedAt = started
  // Fingerprints belong to the binding they validated: kept when nothing moved (so the next sync
  // confirms it for free), else the next full read takes new ones.
  if (previous === undefined || !sameBinding(previous, layout)) ctx.state.fingerprints = undefined
  ctx.log({ msg: 'ledger.layout_resolved', calls, warnings: layout.warnings.length })
  return ok({ layout, calls })
}

/** Forget the binding (and what the computed tabs hold): the next call resolves it again. */
export function invalidateLayout(ctx: LedgerContext): void {
  ctx.state.layout = undefined
  ctx.state.layoutCheckedAt = undefined
  ctx.state.fingerprints = undefined
  ctx.state.grids = undefined
}

/** The RPC error for a failure that stopped an operation which cannot be queued. */
export function failureToError(ctx: LedgerContext, failure: UpstreamFailure): LedgerError {
  if (failure.kind === 'layout') {
    return {
      kind: 'sheet_layout',
      problems: failure.problems.map((p) =>
        p.kind === 'missing_key' || p.kind === 'duplicate_key'
          ? { tab: p.tab, key: p.key, problem: p.kind }
          : { tab: p.tab, problem: p.kind },
      ),
    }
  }
  const retryAfterMs =
    failure.kind === 'rate_limited' && failure.retryAfterMs !== null
      ? failure.retryAfterMs
      : Math.max(backoffRemaining(ctx), ctx.tuning.backoffBaseMs)
  return { kind: 'sheet_unavailable', retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
}
