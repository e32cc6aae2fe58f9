/**
 * @module
 * The ledger without the Durable Object around it: wires storage, mirror, Google gateway, lane,
 * flush and sync into the RPC surface of contract.ts, plus the alarm handler. Everything it
 * touches is injected (storage, alarm, fetch, clock, log), so tests drive it directly.
 */
import { type DataTabKey, err, type IsoDate, isWithdrawn, ok, type WithdrawalFields } from '../domain'
import { createServiceAccountTokenSource, createSheetsClient, parseServiceAccount, type TokenSource } from '../sheets'
import { AUDIT_RETENTION_MS, trimAudit } from './audit'
import { type Clock, todayIn } from './clock'
import { applyTuningOverride, type LedgerConfig, TUNING_OVERRIDE_KEY } from './config'
import type {
  Actor,
  CaseFilter,
  FieldViewFilter,
  Health,
  LedgerApi,
  LedgerError,
  LedgerResult,
  PatchRequest,
  Role,
  RowPatchAnswer,
  RowPatchRequest,
  RowPatchTab,
  SheetAccessProblem,
  SubmitAnswer,
  SubmitRequest,
  SyncReport,
  SyncStatus,
  SyncTrigger,
} from './contract'
import { IdCounters } from './counters'
import { fieldView, lookupStaffByEmail } from './field-view'
import { createFlusher, type Flusher } from './flush'
import { expireAnswers } from './idempotency'
import { createLane } from './lane'
import type { AlarmPort, LedgerContext, Log } from './ledger-context'
import { Mirror } from './mirror'
import { doubtEndsAt, outboxDepth, recoverInterrupted } from './outbox'
import { patchCase } from './patch-case'
import { createTokenBucket } from './quota'
import * as reads from './reads'
import { rowDetail } from './row-detail'
import { patchRow } from './row-patch'
import { createGateway } from './sheet-gateway'
import type { Layout } from './sheet-layout'
import { migrate, readState, type SqlStore } from './store'
import { submitRow } from './submit'
import { runSync } from './sync'
import { LedgerState } from './sync-state'
import { failureToError, isStructuralChange, markStructureChanged } from './upstream'

export type LedgerEngineDeps = {
  readonly store: SqlStore
  readonly alarms: AlarmPort
  readonly config: LedgerConfig
  /** The spreadsheet this ledger serves (the Durable Object's name). */
  readonly spreadsheetId: string
  readonly fetch: typeof fetch
  readonly clock: Clock
  readonly log: Log
  readonly random?: () => number
  /** Replaces the service-account token source (tests with a static token). */
  readonly tokenSource?: TokenSource
}

export type LedgerEngine = LedgerApi & {
  /** The Durable Object alarm: a due sync, then the flush (retries, watchdog, reconcile). */
  alarm(): Promise<void>
  /** Waits until the outbox is empty or the flush is backing off (tests, benchmarks). */
  drain(): Promise<void>
  readonly context: LedgerContext
}

const ROLE_RANK: Readonly<Record<Role, number>> = { worker: 0, coordinator: 1, admin: 2 }

const iso = (ms: number): string => new Date(ms).toISOString()

/** The binding's warnings as sync status shows them (tab, key, problem; never a cell value). */
function layoutWarnings(layout: Layout | undefined): Pick<SyncStatus, 'layout_warnings'> {
  if (layout === undefined || layout.warnings.length === 0) return {}
  return {
    layout_warnings: layout.warnings.map((w) => ({
      tab: w.tab,
      problem: w.kind,
      ...('key' in w && typeof w.key === 'string' ? { key: w.key } : {}),
    })),
  }
}

/**
 * Failures after which the sheet is still reachable: Google answered and will take the next
 * call (a quota refusal, or a request the ledger must fix). Not shared (403), gone (404), no
 * token, 5xx and timeouts make it unreachable.
 */
const REACHABLE_KINDS: ReadonlySet<string> = new Set(['rate_limited', 'bad_request'])

/** The upstream kinds of a 403 (sheet-gateway's `denial`) and what health calls them. */
const ACCESS_PROBLEMS: Readonly<Record<string, SheetAccessProblem['code']>> = {
  not_shared: 'sheet_not_shared',
  api_disabled: 'sheets_api_disabled',
  scopes: 'token_scopes',
}

type Level = 'debug' | 'info' | 'warn' | 'silent'
const LEVEL_RANK: Readonly<Record<Level, number>> = { debug: 0, info: 1, warn: 2, silent: 3 }
const DEBUG_EVENTS: ReadonlySet<string> = new Set(['ledger.google', 'ledger.accepted'])

/** Per-call lines are debug; failures (`*_failed`, backoff, crashes, failed calls) are warn. */
function levelOf(event: Readonly<Record<string, unknown>>): Level {
  const msg = String(event.msg ?? '')
  if (event.ok === false || /_failed$|_crashed$|backoff|invalid/.test(msg)) return 'warn'
  return DEBUG_EVENTS.has(msg) ? 'debug' : 'info'
}

export function createLedgerEngine(deps: LedgerEngineDeps): LedgerEngine {
  const { store, clock, config } = deps
  migrate(store)
  const state = new LedgerState(store)
  const tuning = applyTuningOverride(config.tuning, readState(store, TUNING_OVERRIDE_KEY))
  const log: Log = (event) => {
    const level = levelOf(event)
    if (level !== 'silent' && LEVEL_RANK[level] >= LEVEL_RANK[tuning.logLevel]) deps.log(event)
  }
  const mirror = new Mirror(store)
  const counters = new IdCounters(store)
  // Rows the previous instance was sending when it stopped: nobody heard the answer.
  store.transactionSync(() => recoverInterrupted(store))

  const serviceAccount = parseServiceAccount(config.serviceAccountJson)
  const tokenSource: TokenSource =
    deps.tokenSource ??
    (serviceAccount.ok
      ? createServiceAccountTokenSource({
          serviceAccount: serviceAccount.value,
          fetch: deps.fetch,
          now: clock.now,
          tokenUrl: config.tokenUrl,
        })
      : {
          getToken: async () => ({ ok: false, error: serviceAccount.error }),
          invalidate: () => {},
        })
  const client = createSheetsClient({
    fetch: deps.fetch,
    baseUrl: config.sheetsApiBase,
    tokenSource,
    now: clock.now,
    sleep: clock.sleep,
    random: deps.random ?? Math.random,
    timeoutMs: tuning.googleTimeoutMs,
  })
  const gateway = createGateway({
    client,
    clock,
    reads: createTokenBucket({ perMinute: tuning.readsPerMinute, burst: tuning.readBurst, clock }),
    writes: createTokenBucket({ perMinute: tuning.writesPerMinute, burst: tuning.writeBurst, clock }),
    readRetry: { attempts: 3, budgetMs: Math.min(10_000, tuning.googleTimeoutMs) },
    onOutcome: (outcome) => {
      const reachable = outcome.ok || (outcome.kind !== undefined && REACHABLE_KINDS.has(outcome.kind))
      // A 403 is kept as what a person must fix (not_shared, api_disabled, scopes): health says so.
      const kind = outcome.denial ?? outcome.kind ?? 'unknown'
      state.lastOutcome = outcome.ok ? { ok: true, at: outcome.at } : { ok: reachable, at: outcome.at, kind }
      if (!outcome.ok) state.upstreamError = { kind, at: outcome.at }
      log({ msg: 'ledger.google', method: outcome.method, ok: outcome.ok, kind: outcome.kind, ms: outcome.ms })
    },
  })

  /**
   * While the last call to the sheet was refused with 403 (however long ago: it needs a person,
   * not time), what to fix and for whom.
   */
  const accessProblem = (): { problem?: SheetAccessProblem } => {
    const outcome = state.lastOutcome
    const code = outcome === undefined || outcome.ok ? undefined : ACCESS_PROBLEMS[outcome.kind ?? '']
    if (code === undefined) return {}
    return {
      problem: {
        code,
        spreadsheet_id: deps.spreadsheetId,
        service_account: serviceAccount.ok ? serviceAccount.value.client_email : null,
      },
    }
  }

  const ctx: LedgerContext = {
    spreadsheetId: deps.spreadsheetId,
    store,
    state,
    mirror,
    counters,
    clock,
    tuning,
    timeZone: config.timeZone,
    sheets: gateway.client,
    gateway,
    lane: createLane(),
    log,
    today: () => todayIn(config.timeZone, clock.now()),
  }

  // ---- alarm scheduling: one alarm serves the watchdog, the backoff retry and a due sync ----
  let armedAt: number | null | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let timerAt = Number.POSITIVE_INFINITY

  async function rearm(): Promise<void> {
    const now = clock.now()
    const candidates: number[] = []
    if (outboxDepth(store).pending > 0) {
      const inflight = flusher.inflightSince()
      const backoff = state.backoff
      if (inflight !== null) candidates.push(inflight + tuning.watchdogMs)
      else if (backoff !== undefined && backoff.until > now) candidates.push(backoff.until)
      else candidates.push(now + tuning.watchdogMs)
      // Rows sent without an answer are looked up once Google can no longer apply them late.
      const doubt = doubtEndsAt(store, now, tuning.uncertainGraceMs)
      if (doubt !== undefined) candidates.push(doubt)
    }
    const due = state.syncDueAt
    if (due !== undefined) candidates.push(due)
    const desired = candidates.length === 0 ? null : Math.min(...candidates)
    if (desired === armedAt) return
    if (desired === null) await deps.alarms.clear()
    else await deps.alarms.set(desired)
    armedAt = desired
  }

  /** An in-memory timer to retry right after a backoff (the alarm is the durable fallback). */
  function schedule(at: number): void {
    if (timer !== undefined && timerAt <= at) return
    if (timer !== undefined) clearTimeout(timer)
    timerAt = at
    timer = setTimeout(
      () => {
        timer = undefined
        timerAt = Number.POSITIVE_INFINITY
        flusher.kick()
      },
      Math.max(0, at - clock.now()),
    )
  }

  const flusher: Flusher = createFlusher(ctx, { rearm, schedule })

  // ---- sync: single-flight, coalesced, and a bootstrap before the first answer ----
  let syncing: Promise<LedgerResult<SyncReport>> | null = null

  function startSync(trigger: SyncTrigger): Promise<LedgerResult<SyncReport>> {
    syncing ??= ctx.lane
      .run(() => {
        // This sync reads whatever a due one would; it may schedule the next (rows being typed).
        state.syncDueAt = undefined
        return runSync(ctx, trigger)
      })
      .then((outcome): LedgerResult<SyncReport> => {
        expireAnswers(store, clock.now() - tuning.idempotencyTtlMs)
        trimAudit(store, clock.now() - AUDIT_RETENTION_MS)
        if (outboxDepth(store).pending > 0) flusher.kick()
        return outcome.ok ? outcome : err(failureToError(ctx, outcome.error.failure))
      })
      .finally(() => {
        syncing = null
        void rearm()
      })
    return syncing
  }

  let bootstrapping: Promise<LedgerResult<true>> | null = null

  /** A never-synced ledger reads the sheet once before it answers (mirror bootstrap). */
  function ready(): Promise<LedgerResult<true>> {
    if (state.lastSync !== undefined) return Promise.resolve(ok(true))
    bootstrapping ??= startSync('startup')
      .then((result): LedgerResult<true> => {
        // A failed write after a good read still leaves a usable mirror.
        return result.ok || state.lastSync !== undefined ? ok(true) : err(result.error)
      })
      .finally(() => {
        bootstrapping = null
      })
    return bootstrapping
  }

  async function whenReady<T>(answer: () => LedgerResult<T> | Promise<LedgerResult<T>>): Promise<LedgerResult<T>> {
    const r = await ready()
    if (!r.ok) return r
    return answer()
  }

  const failWith = <T>(error: LedgerError): LedgerResult<T> => err(error)

  return {
    context: ctx,

    submit<K extends DataTabKey>(req: SubmitRequest<K>): Promise<LedgerResult<SubmitAnswer<K>>> {
      return whenReady(() => submitRow(ctx, flusher, req))
    },

    listCases: (actor: Actor, filter: CaseFilter) => whenReady(() => reads.listCases(mirror, actor, filter)),
    getCase: (actor: Actor, caseId: string, asOf: IsoDate) =>
      whenReady(() => reads.getCase(mirror, actor, caseId, asOf)),
    listAssessments: (actor: Actor, caseId: string) => whenReady(() => reads.listAssessments(mirror, actor, caseId)),
    listSessions: (actor: Actor, caseId: string) => whenReady(() => reads.listSessions(mirror, actor, caseId)),
    goalProgress: (actor: Actor, goalId: string, asOf: IsoDate) =>
      whenReady(() => reads.progressOfGoal(mirror, actor, goalId, asOf)),
    caseProgress: (actor: Actor, caseId: string, asOf: IsoDate) =>
      whenReady(() => reads.caseProgress(mirror, actor, caseId, asOf)),
    allProgress: (actor: Actor, asOf: IsoDate) => whenReady(() => reads.allProgress(mirror, actor, asOf)),
    listEvents: (actor: Actor, caseId: string) => whenReady(() => reads.listEvents(mirror, actor, caseId)),
    listFeedback: (actor: Actor, caseId: string, asOf: IsoDate) =>
      whenReady(() => reads.listFeedback(mirror, actor, caseId, asOf)),
    dashboard: (actor: Actor, asOf: IsoDate) => whenReady(() => reads.dashboard(mirror, actor, asOf)),

    patchCase: (req: PatchRequest) => whenReady(() => ctx.lane.run(() => patchCase(ctx, flusher, req))),
    patchRow: <K extends RowPatchTab>(req: RowPatchRequest<K>) =>
      whenReady(() =>
        ctx.lane.run(async (): Promise<LedgerResult<RowPatchAnswer<K>>> => {
          const done = await patchRow(ctx, flusher, req)
          // Feedback has no withdrawal columns: it is never withdrawn.
          return done.ok ? ok({ ...done.value, withdrawn: isWithdrawn(done.value.row as WithdrawalFields) }) : done
        }),
      ),
    getRow: <K extends RowPatchTab>(actor: Actor, tab: K, id: string) =>
      whenReady(() => rowDetail(mirror, actor, tab, id)),

    authenticate: (actor: Actor) =>
      whenReady(() => {
        const member = mirror.staffMember(actor.staffId)
        if (member === undefined || !member.active) return failWith({ kind: 'staff_inactive', staffId: actor.staffId })
        if (ROLE_RANK[actor.role] > ROLE_RANK[member.role]) return failWith({ kind: 'forbidden', reason: 'role' })
        return ok(actor)
      }),

    staffByEmail: (email: string) => whenReady(() => ({ ok: true, value: lookupStaffByEmail(mirror.staff, email) })),
    fieldView: (actor: Actor, asOf: IsoDate, filter: FieldViewFilter) =>
      whenReady(() => fieldView(mirror, actor, asOf, filter)),

    sync(trigger: SyncTrigger, change?: string): Promise<LedgerResult<SyncReport>> {
      // Before anything else: a flush that starts while this sync waits must not trust the binding.
      if (change !== undefined && isStructuralChange(change)) {
        markStructureChanged(ctx)
        log({ msg: 'ledger.structure_changed', change: change.slice(0, 32) })
      }
      if (syncing !== null) return syncing
      const last = state.lastSync
      const now = clock.now()
      if (trigger === 'webhook' && last !== undefined && now - last.at < tuning.syncCoalesceMs) {
        // A burst of sheet edits: one sync a little later reads them all.
        state.syncDueAt = last.at + tuning.syncCoalesceMs
        void rearm()
        return Promise.resolve(ok(last.report))
      }
      return startSync(trigger)
    },

    async syncStatus(): Promise<SyncStatus> {
      const depth = outboxDepth(store)
      const last = state.lastSync
      const backoff = state.backoff
      const upstream = state.upstreamError
      return {
        last_sync_at: last === undefined ? null : iso(last.at),
        last_sync: last?.report ?? null,
        last_sync_trigger: last?.trigger ?? null,
        outbox: depth.pending,
        outbox_uncertain: depth.uncertain,
        next_retry_at:
          depth.pending > 0 && backoff !== undefined && backoff.until > clock.now() ? iso(backoff.until) : null,
        last_upstream_error: upstream === undefined ? null : { kind: upstream.kind, at: iso(upstream.at) },
        ...accessProblem(),
        ...layoutWarnings(state.layout),
      }
    },

    async health(): Promise<Health> {
      const outcome = state.lastOutcome
      const recentFailure = outcome !== undefined && !outcome.ok && clock.now() - outcome.at <= tuning.healthWindowMs
      const problem = accessProblem()
      const sheet = recentFailure || problem.problem !== undefined ? 'unreachable' : 'reachable'
      return { ok: true, sheet, outbox: outboxDepth(store).pending, ...problem }
    },

    async alarm(): Promise<void> {
      armedAt = null
      const due = state.syncDueAt
      if (due !== undefined && due <= clock.now()) await startSync('webhook')
      await flusher.drain()
      await rearm()
    },

    drain: () => flusher.drain(),
  }
}
