/**
 * @module
 * What the ledger's engines (submit, flush, sync, patch, reads) share: storage, the mirror, the
 * Google gateway and lane, the clock and tuning. Built once per Durable Object instance by
 * ledger.ts; tests build one around a storage of their choice and a client of their choice.
 */
import type { IsoDate } from '../domain'
import type { SheetsClient } from '../sheets'
import type { Clock } from './clock'
import type { Tuning } from './config'
import type { IdCounters } from './counters'
import type { Lane } from './lane'
import type { Mirror } from './mirror'
import type { Gateway } from './sheet-gateway'
import type { SqlStore } from './store'
import type { LedgerState } from './sync-state'

/** Structured log lines: ids, counts, kinds and durations — never cell values or notes. */
export type Log = (event: Readonly<Record<string, unknown>>) => void

/** The Durable Object's single alarm. */
export type AlarmPort = {
  readonly get: () => Promise<number | null>
  readonly set: (at: number) => Promise<void>
  readonly clear: () => Promise<void>
}

export type LedgerContext = {
  readonly spreadsheetId: string
  readonly store: SqlStore
  readonly state: LedgerState
  readonly mirror: Mirror
  readonly counters: IdCounters
  readonly clock: Clock
  readonly tuning: Tuning
  readonly timeZone: string
  /** Every Google call goes through this client (quota tokens, outcomes, counts). */
  readonly sheets: SheetsClient
  readonly gateway: Gateway
  /** One Google conversation at a time (lane.ts). */
  readonly lane: Lane
  readonly log: Log
  /** Today in the centre's time zone. */
  readonly today: () => IsoDate
}
