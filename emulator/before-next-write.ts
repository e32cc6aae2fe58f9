/**
 * A person's action landing between a client's read and its write: batchUpdate requests (a sort,
 * a row inserted or deleted…) registered for one spreadsheet through
 * POST /_emulator/before-next-write, applied just before the next write request made through the
 * Sheets API reaches that spreadsheet, then forgotten (one-shot). They are applied as the
 * spreadsheet's owner in their own transaction, so the write itself succeeds or fails on its own.
 */
import { applyRequests } from './batch-update.js'
import type { EmulatorStore } from './emulator-store.js'
import { type ApiError, ApiFailure, fail, notFound, type Outcome, ok } from './google-errors.js'
import { cloneForTransaction, type SpreadsheetModel } from './spreadsheet-model.js'

type Json = Record<string, unknown>

export interface PendingAction {
  readonly spreadsheetId: string
  readonly requests: readonly Json[]
  /** ISO time of registration. */
  readonly registeredAt: string
}

export interface FiredAction {
  readonly spreadsheetId: string
  readonly requests: readonly Json[]
  /** The Sheets method of the write it went before, e.g. "values.batchUpdate". */
  readonly before: string
  /** ISO time it was applied (or refused). */
  readonly at: string
  readonly applied: boolean
  readonly replies?: readonly Json[]
  /** Why it was refused: the spreadsheet changed since it was registered and it no longer applies. */
  readonly error?: FiredError
}

type FiredError = Pick<ApiError, 'code' | 'status' | 'message'>

/** Fired actions kept for GET /_emulator/before-next-write (most recent last). */
const FIRED_KEPT = 50

/** Applies `requests` to a copy of `ss` as its owner: the replies, or why batchUpdate would refuse them. */
function tryRequests(ss: SpreadsheetModel, requests: readonly Json[], random: () => number): Outcome<Json[]> {
  try {
    return ok(applyRequests({ ss, caller: ss.owner, random }, requests))
  } catch (e) {
    if (e instanceof ApiFailure) return fail(e.error)
    throw e
  }
}

const errorOf = (e: ApiError): FiredError => ({ code: e.code, status: e.status, message: e.message })

export class BeforeNextWrite {
  private pending: PendingAction[] = []
  private fired: FiredAction[] = []

  constructor(
    private readonly store: EmulatorStore,
    private readonly now: () => number,
    private readonly random: () => number,
  ) {}

  /**
   * Queues requests (already shape-checked as a BatchUpdateSpreadsheetRequest) after checking that
   * batchUpdate would accept them on the spreadsheet as it is now; nothing is applied yet. Call
   * under the spreadsheet's lock.
   */
  add(spreadsheetId: string, requests: readonly Json[]): Outcome<PendingAction> {
    const ss = this.store.spreadsheets.get(spreadsheetId)
    if (!ss) return fail(notFound())
    // The dry run draws its ids from its own randomness: seeded runs stay as they were.
    const checked = tryRequests(cloneForTransaction(ss), requests, Math.random)
    if (!checked.ok) return checked
    const action = { spreadsheetId, requests, registeredAt: new Date(this.now()).toISOString() }
    this.pending.push(action)
    return ok(action)
  }

  /**
   * Applies what waits for this spreadsheet, each action in its own transaction, just before a
   * write `method` (call under the spreadsheet's lock, before the write). An action that no longer
   * applies is recorded as refused and the write goes on.
   */
  fire(spreadsheetId: string, method: string): void {
    const taken = this.pending.filter((a) => a.spreadsheetId === spreadsheetId)
    if (taken.length === 0) return
    this.pending = this.pending.filter((a) => a.spreadsheetId !== spreadsheetId)
    for (const action of taken) {
      const at = this.now()
      const outcome =
        this.store.transact(spreadsheetId, at, (ss) => tryRequests(ss, action.requests, this.random)) ??
        fail(notFound())
      this.record({
        spreadsheetId,
        requests: action.requests,
        before: method,
        at: new Date(at).toISOString(),
        applied: outcome.ok,
        ...(outcome.ok ? { replies: outcome.value } : { error: errorOf(outcome.error) }),
      })
    }
  }

  private record(fired: FiredAction): void {
    this.fired.push(fired)
    if (this.fired.length > FIRED_KEPT) this.fired.splice(0, this.fired.length - FIRED_KEPT)
  }

  list(spreadsheetId?: string): { readonly pending: PendingAction[]; readonly fired: FiredAction[] } {
    const mine = <T extends { readonly spreadsheetId: string }>(xs: readonly T[]) =>
      spreadsheetId === undefined ? [...xs] : xs.filter((x) => x.spreadsheetId === spreadsheetId)
    return { pending: mine(this.pending), fired: mine(this.fired) }
  }

  /** Forgets what is pending (for one spreadsheet, or all) and, without an id, what fired. */
  clear(spreadsheetId?: string): void {
    if (spreadsheetId === undefined) {
      this.pending = []
      this.fired = []
      return
    }
    this.pending = this.pending.filter((a) => a.spreadsheetId !== spreadsheetId)
  }
}
