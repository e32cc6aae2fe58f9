/**
 * @module
 * What the HTTP layer is built from (injected, so tests pass fakes) and what each request carries.
 */
import type { Config } from '../config'
import type { Lang } from '../domain'
import type { Actor, LedgerApi } from '../ledger/contract'

/** One JSON log line: method, route, status, duration and ids — never bodies, notes or cell values. */
export type LogEntry = Readonly<Record<string, string | number | boolean | undefined>>

export type AppDeps = {
  readonly config: Config
  /** The spreadsheet's ledger: a Durable Object stub in production, an in-memory fake in tests. */
  readonly ledger: () => LedgerApi
  /** The clock, in epoch milliseconds. */
  readonly now: () => number
  /** Request ids; defaults to crypto.randomUUID. */
  readonly newRequestId?: () => string
  /** Outbound HTTP (Google sign-in's discovery, token and keys); defaults to the global fetch. */
  readonly fetch?: typeof fetch
  /** Where log lines go; defaults to console.log (Workers Logs indexes the object's fields). */
  readonly log?: (entry: LogEntry) => void
}

export type AppEnv = {
  Variables: {
    readonly requestId: string
    readonly lang: Lang
    /** This request's ledger stub (obtained once per request). */
    readonly ledger: LedgerApi
    /** Set by the auth middleware on every route that requires it. */
    readonly actor: Actor
    /** The problem kind answered, for the log line. */
    readonly problem: string
  }
}
