/**
 * @module
 * The ledger's door to Google: the Sheets client wrapped so every call first takes a token of
 * its quota (reads and writes are counted separately by Google), reports its outcome (health and
 * sync status read it) and is counted (sync reports and benchmarks print Google calls). Writes
 * are never retried here: a non-idempotent call that fails is the flush's to handle, with its
 * outbox and alarm, not a blind retry's.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { type AccessDenial, accessDenial, type SheetsClient, type SheetsError, type SheetsResult } from '../sheets'
import type { Clock } from './clock'
import type { TokenBucket } from './quota'

export type CallOutcome = {
  readonly ok: boolean
  /** Error kind of a failed call (SheetsError kind). */
  readonly kind?: SheetsError['kind']
  /** Why Google refused the service account, for a `permission_denied` call. */
  readonly denial?: AccessDenial
  readonly method: string
  readonly at: number
  readonly ms: number
}

export type GatewayDeps = {
  readonly client: SheetsClient
  readonly clock: Clock
  readonly reads: TokenBucket
  readonly writes: TokenBucket
  readonly onOutcome: (outcome: CallOutcome) => void
  /** Retries of idempotent reads inside one call (short: the caller usually waits). */
  readonly readRetry: { readonly attempts: number; readonly budgetMs: number }
}

export type Gateway = {
  /** A SheetsClient that takes quota tokens and reports outcomes. */
  readonly client: SheetsClient
  /** Calls made since the object started (sync reports take differences). */
  readonly counts: () => { readonly reads: number; readonly writes: number }
  /**
   * Resolves when a write may go out now. The flush waits here BEFORE it takes its batch, so
   * rows that arrive while the quota refills ride the same write.
   */
  readonly writeReady: () => Promise<void>
}

export function createGateway(deps: GatewayDeps): Gateway {
  let reads = 0
  let writes = 0
  const { client, clock } = deps
  const readOptions = { retry: { attempts: deps.readRetry.attempts, budgetMs: deps.readRetry.budgetMs } }
  const writeOptions = { retry: { attempts: 1 } }

  async function guarded<T>(kind: 'read' | 'write', method: string, call: () => SheetsResult<T>): SheetsResult<T> {
    await (kind === 'read' ? deps.reads : deps.writes).acquire()
    if (kind === 'read') reads++
    else writes++
    const started = clock.now()
    const result = await call()
    const at = clock.now()
    const denial = result.ok ? undefined : accessDenial(result.error)
    deps.onOutcome(
      result.ok
        ? { ok: true, method, at, ms: at - started }
        : {
            ok: false,
            kind: result.error.kind,
            ...(denial === undefined ? {} : { denial }),
            method,
            at,
            ms: at - started,
          },
    )
    return result
  }

  const wrapped: SheetsClient = {
    spreadsheets: {
      get: (params) => guarded('read', 'spreadsheets.get', () => client.spreadsheets.get(params, readOptions)),
      batchUpdate: (params) =>
        guarded<sheets_v4.Schema$BatchUpdateSpreadsheetResponse>('write', 'spreadsheets.batchUpdate', () =>
          client.spreadsheets.batchUpdate(params, writeOptions),
        ),
    },
    values: {
      get: (params) => guarded('read', 'values.get', () => client.values.get(params, readOptions)),
      batchGet: (params) => guarded('read', 'values.batchGet', () => client.values.batchGet(params, readOptions)),
      batchUpdate: (params) =>
        guarded('write', 'values.batchUpdate', () => client.values.batchUpdate(params, writeOptions)),
      append: (params) => guarded('write', 'values.append', () => client.values.append(params, writeOptions)),
    },
    developerMetadata: {
      search: (params) =>
        guarded('read', 'developerMetadata.search', () => client.developerMetadata.search(params, readOptions)),
    },
  }
  return { client: wrapped, counts: () => ({ reads, writes }), writeReady: () => deps.writes.ready() }
}
