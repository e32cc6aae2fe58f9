/**
 * @module
 * The composition root (house style 3): parse the bindings into a Config once per env object,
 * build the HTTP app with the spreadsheet's ledger Durable Object behind it, and run the cron
 * sync. The only default export of the project; nothing below this file sees `env`.
 *
 * Everything heavy (the zod schemas of every tab, the HTTP app) is imported on the first event,
 * not in the Worker's global scope: startup is what Cloudflare limits (1 s) and what a cold
 * request waits for, and building the schemas was most of it (bench/worker-bundle.ts).
 */
import type { Config } from './config'
import type { DataTabKey } from './domain'
import type {
  Actor,
  CorrectableTab,
  LedgerApi,
  LedgerResult,
  RowDetail,
  RowPatchAnswer,
  RowPatchRequest,
  SubmitAnswer,
  SubmitRequest,
} from './ledger/contract'

export { Ledger } from './ledger'

/** The edge's modules, loaded once per isolate on first use. */
async function loadEdge() {
  const [config, app] = await Promise.all([import('./config'), import('./http/app')])
  return { parseConfig: config.parseConfig, createApp: app.createApp, createProblemApp: app.createProblemApp }
}
type Edge = Awaited<ReturnType<typeof loadEdge>>
let edgeModules: Promise<Edge> | undefined
const edge = (): Promise<Edge> => {
  edgeModules ??= loadEdge()
  return edgeModules
}

type Wiring =
  | { readonly ok: true; readonly config: Config; readonly app: ReturnType<Edge['createApp']> }
  | { readonly ok: false; readonly keys: readonly string[]; readonly app: ReturnType<Edge['createProblemApp']> }

const log = (entry: Readonly<Record<string, unknown>>): void => console.log(entry)

/**
 * The spreadsheet's ledger: one Durable Object per spreadsheet, addressed by its id. The stub is
 * the contract method for method; only the generic ones (`submit`, `patchRow`, `getRow`) need
 * their types restated, because the RPC stub types map a generic method's answer over the union
 * of row types and lose the link to `K`.
 */
function ledgerOf(env: Env, spreadsheetId: string): LedgerApi {
  const stub = env.LEDGER.getByName(spreadsheetId)
  return {
    submit: <K extends DataTabKey>(req: SubmitRequest<K>) => stub.submit(req) as Promise<LedgerResult<SubmitAnswer<K>>>,
    listCases: (actor, filter) => stub.listCases(actor, filter),
    getCase: (actor, caseId, asOf) => stub.getCase(actor, caseId, asOf),
    patchCase: (req) => stub.patchCase(req),
    patchRow: <K extends CorrectableTab>(req: RowPatchRequest<K>) =>
      stub.patchRow(req) as Promise<LedgerResult<RowPatchAnswer<K>>>,
    getRow: <K extends CorrectableTab>(actor: Actor, tab: K, id: string) =>
      stub.getRow(actor, tab, id) as Promise<LedgerResult<RowDetail<K>>>,
    listAssessments: (actor, caseId) => stub.listAssessments(actor, caseId),
    listSessions: (actor, caseId) => stub.listSessions(actor, caseId),
    goalProgress: (actor, goalId, asOf) => stub.goalProgress(actor, goalId, asOf),
    caseProgress: (actor, caseId, asOf) => stub.caseProgress(actor, caseId, asOf),
    allProgress: (actor, asOf) => stub.allProgress(actor, asOf),
    authenticate: (actor) => stub.authenticate(actor),
    staffByEmail: (email) => stub.staffByEmail(email),
    fieldView: (actor, asOf, filter) => stub.fieldView(actor, asOf, filter),
    sync: (trigger, change) => (change === undefined ? stub.sync(trigger) : stub.sync(trigger, change)),
    syncStatus: () => stub.syncStatus(),
    health: () => stub.health(),
  }
}

// Bindings do not change during an isolate's life; parse and build once per env object.
const WIRED = new WeakMap<object, Wiring>()

function wire(m: Edge, env: Env): Wiring {
  const cached = WIRED.get(env)
  if (cached !== undefined) return cached
  const config = m.parseConfig(env)
  let wiring: Wiring
  if (config.ok) {
    const spreadsheetId = config.value.spreadsheetId
    wiring = {
      ok: true,
      config: config.value,
      app: m.createApp({ config: config.value, ledger: () => ledgerOf(env, spreadsheetId), now: () => Date.now() }),
    }
  } else {
    // Names of the missing/malformed keys only: their values may be secrets.
    log({ level: 'error', msg: 'config_invalid', keys: config.error.keys.join(',') })
    wiring = { ok: false, keys: config.error.keys, app: m.createProblemApp({ kind: 'misconfigured' }) }
  }
  WIRED.set(env, wiring)
  return wiring
}

export default {
  async fetch(request, env, ctx) {
    // A bad configuration answers every request with one "server misconfigured" problem.
    return wire(await edge(), env).app.fetch(request, env, ctx)
  },

  /** Cron (every minute, wrangler.toml): pull the sheet so staff edits are validated and counted. */
  async scheduled(controller, env, ctx) {
    const wiring = wire(await edge(), env)
    if (!wiring.ok) return
    const started = Date.now()
    const sync = async (): Promise<void> => {
      const report = await ledgerOf(env, wiring.config.spreadsheetId).sync('cron')
      log({
        level: report.ok ? 'info' : 'warn',
        msg: 'cron_sync',
        cron: controller.cron,
        duration_ms: Date.now() - started,
        ...(report.ok
          ? {
              rows_read: report.value.rows_read,
              cells_written: report.value.cells_written,
              google_calls: report.value.google_calls,
            }
          : { error: report.error.kind }),
      })
    }
    ctx.waitUntil(sync())
  },
} satisfies ExportedHandler<Env>
