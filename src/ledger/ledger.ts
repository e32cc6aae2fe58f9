/**
 * @module
 * The ledger Durable Object: one per spreadsheet (`env.LEDGER.getByName(spreadsheetId)`), a thin
 * RPC shell around the engine (ledger-engine.ts, opened by open-ledger.ts). Config is parsed from
 * env once per instance; storage is the object's SQLite; the alarm drives retries after failures
 * and restarts.
 *
 * The engine is imported on the object's first event, not at Worker startup: it pulls in the zod
 * schemas of every tab, whose construction was most of the Worker's global-scope time
 * (bench/worker-bundle.ts). `blockConcurrencyWhile` holds every RPC and alarm until it is open.
 */
import { DurableObject } from 'cloudflare:workers'
import type { DataTabKey, IsoDate } from '../domain'
import type {
  Actor,
  CaseDetail,
  CaseFilter,
  CaseProgress,
  CaseSummary,
  CorrectableTab,
  FieldView,
  FieldViewFilter,
  Health,
  LedgerApi,
  LedgerResult,
  PatchRequest,
  RowDetail,
  RowPatchAnswer,
  RowPatchRequest,
  StaffLookup,
  SubmitAnswer,
  SubmitRequest,
  SyncReport,
  SyncStatus,
  SyncTrigger,
} from './contract'
import type { LedgerEngine } from './ledger-engine'

export class Ledger extends DurableObject<Env> implements LedgerApi {
  #engine: LedgerEngine | undefined

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    void ctx.blockConcurrencyWhile(async () => {
      const { openLedger } = await import('./open-ledger')
      this.#engine = openLedger(ctx, env)
    })
  }

  /** The engine; public so tests reach it through runInDurableObject. Open before any event runs. */
  get engine(): LedgerEngine {
    if (this.#engine === undefined) throw new Error('ledger engine used before it was opened')
    return this.#engine
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
  patchRow<K extends CorrectableTab>(req: RowPatchRequest<K>): Promise<LedgerResult<RowPatchAnswer<K>>> {
    return this.engine.patchRow(req)
  }
  getRow<K extends CorrectableTab>(actor: Actor, tab: K, id: string): Promise<LedgerResult<RowDetail<K>>> {
    return this.engine.getRow(actor, tab, id)
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
  staffByEmail(email: string): Promise<LedgerResult<StaffLookup>> {
    return this.engine.staffByEmail(email)
  }
  fieldView(actor: Actor, asOf: IsoDate, filter: FieldViewFilter): Promise<LedgerResult<FieldView>> {
    return this.engine.fieldView(actor, asOf, filter)
  }
  sync(trigger: SyncTrigger, change?: string): Promise<LedgerResult<SyncReport>> {
    return this.engine.sync(trigger, change)
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
