/**
 * @module
 * Opens a ledger inside its Durable Object: parses the config from env, migrates the SQLite
 * store, learns which spreadsheet it serves and builds the engine with the object's storage,
 * alarm, fetch and the system clock. Loaded lazily by ledger.ts (see there why).
 */
import { systemClock } from './clock'
import { parseLedgerConfig } from './config'
import { createLedgerEngine, type LedgerEngine } from './ledger-engine'
import { migrate } from './store'
import { LedgerState } from './sync-state'

const log = (event: Readonly<Record<string, unknown>>): void => {
  console.log(event)
}

/** Throws on an invalid config or a missing spreadsheet id: the object cannot serve anything. */
export function openLedger(ctx: DurableObjectState, env: Env): LedgerEngine {
  const config = parseLedgerConfig(env as unknown as Record<string, unknown>)
  if (!config.ok) {
    log({ msg: 'ledger.config_invalid', keys: config.error.keys })
    throw new Error(`ledger config invalid: ${config.error.keys.join(', ')}`)
  }
  const store = { sql: ctx.storage.sql, transactionSync: <T>(fn: () => T): T => ctx.storage.transactionSync(fn) }
  migrate(store)
  // The name is known when the object is addressed by name; alarms may run without it, so the
  // first named call stores it.
  const state = new LedgerState(store)
  const named = ctx.id.name
  if (named !== undefined && state.spreadsheetId !== named) state.spreadsheetId = named
  const spreadsheetId = named ?? state.spreadsheetId ?? config.value.spreadsheetId
  if (spreadsheetId === undefined || spreadsheetId === null) {
    throw new Error('ledger has no spreadsheet id: address it with getByName(spreadsheetId)')
  }
  return createLedgerEngine({
    store,
    alarms: {
      get: () => ctx.storage.getAlarm(),
      set: (at) => ctx.storage.setAlarm(at),
      clear: () => ctx.storage.deleteAlarm(),
    },
    config: config.value,
    spreadsheetId,
    fetch: (input, init) => fetch(input, init),
    clock: systemClock,
    log,
  })
}
