/**
 * @module
 * The ledger Durable Object: one per spreadsheet (`env.LEDGER.getByName(spreadsheetId)`), a thin
 * RPC shell around the engine (ledger-engine.ts). Config is parsed from env once per instance;
 * storage is the object's SQLite; the alarm drives retries after failures and restarts.
 */
import { DurableObject } from 'cloudflare:workers'
import type { DataTabKey, IsoDate } from '../domain'
import { systemClock } from './clock'
import { parseLedgerConfig } from './config'
import type {
  Actor,
  CaseDetail,
  CaseFilter,
  CaseProgress,
  CaseSummary,
  Health,
  LedgerApi,
  LedgerResult,
  PatchRequest,
  SubmitAnswer,
  SubmitRequest,
  SyncReport,
  SyncStatus,
  SyncTrigger,
} from './contract'
import { createLedgerEngine, type LedgerEngine } from './ledger-engine'
import { migrate } from './store'
import { LedgerState } from './sync-state'

const log = (event: Readonly<Record<string, unknown>>): void => {
  console.log(event)
}

export class Ledger extends DurableObject<Env> implements LedgerApi {
  /** The engine; public so tests reach it through runInDurableObject. */
  readonly engine: LedgerEngine

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    const config = parseLedgerConfig(env as unknown as Record<string, unknown>)
    if (!config.ok) {
      log({ msg: 'ledger.config_invalid', fields: config.error.fields })
      throw new Error(`ledger config invalid: ${config.error.fields.join(', ')}`)
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
    this.engine = createLedgerEngine({
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

  submit<K extends DataTabKey>(req: SubmitRequest<K>): Promise<LedgerResult<SubmitAnswer<K>>> {
    return this.engine.submit(req)
  }
  listCases(actor: Actor, filter: CaseFilter): Promise<LedgerResult<readonly CaseSummary[]>> {
    return this.engine.listCases(actor, filter)
  }
  getCase(actor: Actor, caseId: string, asOf: IsoDate): Promise<LedgerResult<CaseDetail>> {
    return this.engine.getCase(actor, caseId, asOf)
  }
  patchCase(req: PatchRequest) {
    return this.engine.patchCase(req)
  }
  listAssessments(actor: Actor, caseId: string) {
    return this.engine.listAssessments(actor, caseId)
  }
  listSessions(actor: Actor, caseId: string) {
    return this.engine.listSessions(actor, caseId)
  }
  goalProgress(actor: Actor, goalId: string, asOf: IsoDate) {
    return this.engine.goalProgress(actor, goalId, asOf)
  }
  caseProgress(actor: Actor, caseId: string, asOf: IsoDate): Promise<LedgerResult<CaseProgress>> {
    return this.engine.caseProgress(actor, caseId, asOf)
  }
  allProgress(actor: Actor, asOf: IsoDate) {
    return this.engine.allProgress(actor, asOf)
  }
  authenticate(actor: Actor): Promise<LedgerResult<Actor>> {
    return this.engine.authenticate(actor)
  }
  sync(trigger: SyncTrigger): Promise<LedgerResult<SyncReport>> {
    return this.engine.sync(trigger)
  }
  syncStatus(): Promise<SyncStatus> {
    return this.engine.syncStatus()
  }
  health(): Promise<Health> {
    return this.engine.health()
  }
  override async alarm(): Promise<void> {
    await this.engine.alarm()
  }
}
