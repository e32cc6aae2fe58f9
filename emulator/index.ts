/**
 * A faithful local Google Sheets API v4 (plus the bits of Drive v3 and OAuth the recorded traffic
 * uses), as a runtime-agnostic Hono app. It runs in-process (tests: `emulator.app.fetch(req)`) or
 * behind emulator/server.ts. Behaviour follows docs/reference/google-sheets-api-v4.md; where
 * Google's behaviour is unknown the stricter choice is made.
 */
import { Hono } from 'hono'
import { type AuthMode, AuthService, type Principal, type ServiceAccountKey, TOKEN_AUDIENCES } from './auth.js'
import { BeforeNextWrite } from './before-next-write.js'
import { CallStats } from './call-stats.js'
import { ValueReader } from './cell-values.js'
import { crossSiteRefusal } from './control-guard.js'
import { handleDrive, handleDrivePermissions } from './drive-files.js'
import { EditWebhook } from './edit-webhook.js'
import { type EmulatorSnapshot, EmulatorStore } from './emulator-store.js'
import { FaultInjector, parseFaultConfig } from './faults.js'
import { applyMask } from './field-mask.js'
import {
  type ApiError,
  errorBody,
  internalError,
  invalidArgument,
  notFound,
  type Outcome,
  ok,
  quotaExceeded,
  unavailable,
} from './google-errors.js'
import { renderIndexPage, renderSheetPage } from './html-view.js'
import { LateWrites } from './late-writes.js'
import { createOidcProvider } from './oidc-provider.js'
import { QuotaTracker } from './quota.js'
import { checkMessage, parseJsonBody } from './request-shape.js'
import {
  ANYONE_ID,
  canRead,
  canWrite,
  type GrantInput,
  noPermission,
  type PermissionModel,
  parseGrant,
  permissionsJson,
  userPermissionId,
  withGrant,
} from './sharing.js'
import { checkQuery, executeSheets, responseMask, routeSheets } from './sheets-methods.js'
import { createSpreadsheet } from './spreadsheet-factory.js'
import type { SpreadsheetModel } from './spreadsheet-model.js'
import { spreadsheetJson } from './spreadsheet-view.js'
import { updateValues } from './values-api.js'

export type { AuthMode, ServiceAccountKey } from './auth.js'
export type { StatsJson } from './call-stats.js'
export type { EmulatorSnapshot } from './emulator-store.js'
export type { FaultConfigInput } from './faults.js'

/**
 * The service account that made the recorded gspread traffic. Permissive callers whose token names
 * nobody (opaque bearer tokens, API keys) act as this principal, so replays match Google exactly
 * (protected ranges list it as editor).
 */
export const RECORDED_PRINCIPAL = 'telegram-budgeter@telegram-budgeter.iam.gserviceaccount.com'

export interface EmulatorOptions {
  /** permissive (default): any credential; strict: verified RS256 tokens and scopes. */
  readonly authMode?: AuthMode
  /** Epoch milliseconds. */
  readonly now?: () => number
  /** Uniform [0, 1): ids and fault rolls. */
  readonly random?: () => number
  readonly sleep?: (ms: number) => Promise<void>
  readonly serviceAccounts?: readonly ServiceAccountKey[]
  readonly state?: EmulatorSnapshot
  /** Principal of permissive callers without an identity; defaults to RECORDED_PRINCIPAL. */
  readonly defaultPrincipal?: string
  /** Used to deliver edit webhooks (defaults to the global fetch). */
  readonly fetch?: typeof fetch
}

export interface EditInput {
  readonly spreadsheetId: string
  readonly range: string
  readonly values: unknown
}

export interface Emulator {
  readonly app: Hono
  readonly store: EmulatorStore
  readonly auth: AuthService
  readonly faults: FaultInjector
  readonly stats: CallStats
  readonly webhook: EditWebhook
  readonly registerServiceAccount: (sa: ServiceAccountKey) => void
  /** A person typing into the sheet (USER_ENTERED); fires the edit webhook on success. */
  readonly edit: (input: EditInput) => Promise<Outcome<Record<string, unknown>>>
  /** Empties spreadsheets, faults, stats, quotas, tokens and the webhook (service accounts stay). */
  readonly reset: () => void
  readonly snapshot: () => EmulatorSnapshot
  readonly load: (snapshot: EmulatorSnapshot) => void
}

const JSON_TYPE = 'application/json; charset=UTF-8'

function jsonResponse(json: unknown, status: number, pretty = true, headers: Record<string, string> = {}): Response {
  const text = json === undefined ? '' : `${JSON.stringify(json, null, pretty ? 2 : undefined)}\n`
  return new Response(status === 204 ? null : text, {
    status,
    headers: status === 204 ? headers : { 'content-type': JSON_TYPE, ...headers },
  })
}

function errorResponse(error: ApiError, pretty = true): Response {
  return jsonResponse(errorBody(error), error.code, pretty, { ...(error.headers ?? {}) })
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const defaultPrincipal = options.defaultPrincipal ?? RECORDED_PRINCIPAL
  const store = new EmulatorStore()
  const auth = new AuthService(options.authMode ?? 'permissive', defaultPrincipal, now)
  const faults = new FaultInjector(random)
  const stats = new CallStats()
  const quota = new QuotaTracker()
  const webhook = new EditWebhook(options.fetch ?? ((input, init) => fetch(input, init)))
  const beforeNextWrite = new BeforeNextWrite(store, now, random)
  const lateWrites = new LateWrites(sleep, () => console.error('emulator: a late write failed unexpectedly'))
  for (const sa of options.serviceAccounts ?? []) auth.registerServiceAccount(sa)
  if (options.state) store.load(options.state)

  const edit = async (input: EditInput): Promise<Outcome<Record<string, unknown>>> => {
    const rows = Array.isArray(input.values)
      ? input.values.every(Array.isArray)
        ? (input.values as unknown[][])
        : [input.values as unknown[]]
      : [[input.values]]
    for (const row of rows) {
      for (const v of row) {
        if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          return { ok: false, error: invalidArgument('values must hold strings, numbers, booleans or null.') }
        }
      }
    }
    const values = rows as (string | number | boolean | null)[][]
    const outcome = await store.withLock(input.spreadsheetId, () =>
      store.transact(input.spreadsheetId, now(), (ss) => {
        const r = updateValues(ss, {
          range: input.range,
          values,
          majorDimension: 'ROWS',
          option: 'USER_ENTERED',
          caller: ss.owner,
        })
        if (!r.ok) return r
        const sheet = ss.sheets.find((s) => s.properties.sheetId === r.value.sheetId)
        return ok({
          spreadsheetId: ss.spreadsheetId,
          sheet: sheet?.properties.title ?? '',
          updatedRange: r.value.updatedRange,
          updatedCells: r.value.updatedCells,
        })
      }),
    )
    if (!outcome) return { ok: false, error: notFound() }
    if (outcome.ok) {
      const updated = String(outcome.value.updatedRange)
      void webhook.fire({
        spreadsheetId: input.spreadsheetId,
        sheet: String(outcome.value.sheet),
        range: updated.slice(updated.lastIndexOf('!') + 1),
        ts: Math.floor(now() / 1000),
      })
    }
    return outcome
  }

  const reset = (): void => {
    store.clear()
    faults.clear()
    lateWrites.reset()
    beforeNextWrite.clear()
    stats.reset()
    quota.reset()
    auth.reset()
    webhook.config = undefined
  }

  const app = new Hono()

  // ---- Sheets v4 ------------------------------------------------------------------------------
  app.all('/v4/*', async (c) => {
    const req = c.req.raw
    const url = new URL(req.url)
    const pretty = url.searchParams.get('prettyPrint') !== 'false'
    const route = routeSheets(req.method, url.pathname)
    if (route === undefined) return errorResponse(notFound(`Method not found: ${req.method} ${url.pathname}`), pretty)
    if ('code' in route) return errorResponse(route, pretty)
    const method = route.spec.name
    let statsId = route.spreadsheetId
    const finish = (response: Response): Response => {
      stats.record(statsId, method, route.spec.kind, response.status)
      return response
    }
    const who = await auth.authenticate(req.headers, url.searchParams)
    if (!who.ok) return finish(errorResponse(who.error, pretty))
    const principal: Principal = who.principal
    const scopeError = auth.checkScopes(principal, route.spec.scopes)
    if (scopeError) return finish(errorResponse(scopeError, pretty))
    const queryError = checkQuery(route, url.searchParams)
    if (queryError) return finish(errorResponse(queryError, pretty))
    const mask = responseMask(url.searchParams, route.spec.response)
    if (!mask.ok) return finish(errorResponse(mask.error, pretty))
    // Drive sharing: a spreadsheet not shared with the caller (or only for reading) is refused.
    const target = route.spreadsheetId === undefined ? undefined : store.spreadsheets.get(route.spreadsheetId)
    if (target && !(route.spec.kind === 'write' ? canWrite : canRead)(target, principal.email)) {
      return finish(errorResponse(noPermission(), pretty))
    }
    const fault = faults.select(route.spreadsheetId, method)
    if (fault && fault.latencyMs > 0) await sleep(fault.latencyMs)
    const verdict = quota.take(route.spec.kind, principal.subject, now(), faults.quotaEnforced())
    if (!verdict.ok) {
      const retry =
        fault?.enforceQuota && fault.retryAfterS > 0
          ? Math.max(fault.retryAfterS, verdict.retryAfterS)
          : verdict.retryAfterS
      return finish(errorResponse(quotaExceeded(route.spec.kind, verdict.scope, retry), pretty))
    }
    switch (fault?.decision) {
      case '429': {
        const error = quotaExceeded(route.spec.kind, 'user', fault.retryAfterS)
        return finish(errorResponse(error, pretty))
      }
      case '500':
        return finish(errorResponse(internalError(), pretty))
      case '503':
        return finish(errorResponse(unavailable(), pretty))
      case 'timeout':
        // The client gives up long before this; the request is then applied anyway.
        await sleep(fault.timeoutMs)
        break
      default:
        break
    }
    const parsed = parseJsonBody(await req.text())
    if (!parsed.ok) return finish(errorResponse(parsed.error, pretty))
    const run = () =>
      executeSheets({
        route,
        query: url.searchParams,
        mask: mask.value,
        body: parsed.value,
        caller: principal.email,
        store,
        now: now(),
        random,
      })
    const apply = () => {
      const id = route.spreadsheetId
      if (id === undefined) return run()
      return store.withLock(id, () => {
        // A person's action registered for "before the next write" lands first (one-shot).
        if (route.spec.kind === 'write') beforeNextWrite.fire(id, method)
        return run()
      })
    }
    if (fault?.decision === '503_then_applied') {
      // Answered now, applied later: by then the client may already have read the sheet. A read
      // has nothing to apply: it is a plain 503.
      if (route.spec.kind === 'write') lateWrites.schedule(fault.applyDelayMs, async () => (await apply()).ok)
      return finish(errorResponse(unavailable(), pretty))
    }
    const outcome = await apply()
    if (!outcome.ok) return finish(errorResponse(outcome.error, pretty))
    if (outcome.value.createdId !== undefined) statsId = outcome.value.createdId
    if (fault?.decision === 'applied_then_503') return finish(errorResponse(unavailable(), pretty))
    let json = outcome.value.json
    if (mask.value && method !== 'spreadsheets.get' && method !== 'spreadsheets.getByDataFilter') {
      json = applyMask(json, mask.value) ?? {}
    }
    return finish(jsonResponse(json, outcome.value.status, pretty))
  })

  // ---- Drive v3 (spreadsheet files and their permissions only) ------------------------------------
  const drive = async (req: Request, fileId: string | undefined, permissions?: { readonly id: string | undefined }) => {
    const url = new URL(req.url)
    const who = await auth.authenticate(req.headers, url.searchParams)
    if (!who.ok) return errorResponse(who.error)
    const driveScopes =
      req.method === 'GET'
        ? ['drive', 'drive.file', 'drive.readonly', 'drive.metadata.readonly']
        : ['drive', 'drive.file']
    const scopeError = auth.checkScopes(
      who.principal,
      driveScopes.map((s) => `https://www.googleapis.com/auth/${s}`),
    )
    if (scopeError) return errorResponse(scopeError)
    const parsed = parseJsonBody(await req.text())
    if (!parsed.ok) return errorResponse(parsed.error)
    const ctx = { store, caller: who.principal.email, now: now(), random }
    const work = () =>
      permissions !== undefined && fileId !== undefined
        ? handleDrivePermissions(ctx, req.method, fileId, permissions.id, url.searchParams, parsed.value)
        : handleDrive(ctx, req.method, fileId, url.searchParams, parsed.value)
    const result = fileId === undefined ? work() : await store.withLock(fileId, work)
    return jsonResponse(result.json, result.status)
  }
  app.all('/drive/v3/files/:fileId/permissions/:permissionId?', (c) =>
    drive(c.req.raw, c.req.param('fileId'), { id: c.req.param('permissionId') }),
  )
  app.all('/drive/v3/files/:fileId?', (c) => drive(c.req.raw, c.req.param('fileId')))

  // ---- OAuth token endpoint ---------------------------------------------------------------------
  const token = async (req: Request): Promise<Response> => {
    const url = new URL(req.url)
    const text = await req.text()
    let form: URLSearchParams
    if ((req.headers.get('content-type') ?? '').includes('application/json')) {
      const parsed = parseJsonBody(text)
      const obj = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {}
      form = new URLSearchParams(Object.entries(obj).map(([k, v]) => [k, String(v)]))
    } else {
      form = new URLSearchParams(text)
    }
    const audiences = [...TOKEN_AUDIENCES, `${url.origin}${url.pathname}`]
    const answer = await auth.exchange(form, audiences)
    return jsonResponse(answer.body, answer.status)
  }
  app.post('/token', (c) => token(c.req.raw))
  app.post('/oauth2/v4/token', (c) => token(c.req.raw))

  // ---- control endpoints --------------------------------------------------------------------------
  const controlBody = async (req: Request): Promise<Outcome<unknown>> => parseJsonBody(await req.text())
  const control = new Hono()
  control.use('*', async (c, next) => {
    const refusal = crossSiteRefusal(c.req.raw)
    if (refusal) return errorResponse(refusal)
    await next()
    return undefined
  })
  const faultsJson = () => ({ faults: faults.list(), late_writes: lateWrites.status() })
  control.get('/faults', (c) => c.json(faultsJson()))
  control.post('/faults', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const config = parseFaultConfig(body.value)
    if (!config.ok) return errorResponse(config.error)
    faults.set(config.value)
    return c.json(faultsJson())
  })
  control.delete('/faults', (c) => {
    // Writes already answered 503 still land: Google would apply them too.
    faults.clear(c.req.query('spreadsheet_id'))
    return c.json(faultsJson())
  })
  control.get('/stats', (c) => c.json(stats.get(c.req.query('spreadsheet_id'))))
  control.delete('/stats', (c) => {
    stats.reset(c.req.query('spreadsheet_id'))
    return c.json(stats.get(c.req.query('spreadsheet_id')))
  })
  control.post('/reset', (c) => {
    reset()
    return c.json({ reset: true })
  })
  control.get('/snapshot', () => new Response(store.snapshotJson(), { headers: { 'content-type': JSON_TYPE } }))
  control.post('/load', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    try {
      store.load(body.value as EmulatorSnapshot)
    } catch {
      return errorResponse(invalidArgument('Not an emulator snapshot (expected {"version":1,"spreadsheets":[…]}).'))
    }
    return c.json({ loaded: store.spreadsheets.size })
  })
  control.get('/spreadsheets', (c) =>
    c.json({
      spreadsheets: [...store.spreadsheets.values()].map((ss) => ({
        spreadsheetId: ss.spreadsheetId,
        title: ss.properties.title,
        sheets: ss.sheets.map((s) => ({
          sheetId: s.properties.sheetId,
          title: s.properties.title,
          rowCount: s.properties.gridProperties.rowCount,
          columnCount: s.properties.gridProperties.columnCount,
          ...(s.properties.hidden ? { hidden: true } : {}),
        })),
      })),
    }),
  )
  /**
   * Who a spreadsheet made through the control endpoints is shared with: `?shared_with=a@x,b@y`
   * (writers; empty: nobody but the owner), else in strict mode every registered service account
   * and in permissive mode anyone, so callers that name nobody keep working.
   */
  const initialSharing = (query: string | undefined): Outcome<PermissionModel[]> => {
    if (query === undefined) {
      if (auth.mode === 'permissive') return ok([{ id: ANYONE_ID, type: 'anyone', role: 'writer' }])
      return ok(
        auth.serviceAccountEmails().map((email) => ({
          id: userPermissionId(email),
          type: 'user',
          role: 'writer',
          emailAddress: email.toLowerCase(),
        })),
      )
    }
    const grants: PermissionModel[] = []
    for (const email of query
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '')) {
      const grant = parseGrant({ type: 'user', role: 'writer', emailAddress: email })
      if (!grant.ok) return grant
      grants.push(grant.value)
    }
    return ok(grants)
  }
  control.put('/spreadsheets/:id', async (c) => {
    const id = c.req.param('id')
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(id))
      return errorResponse(invalidArgument('Spreadsheet ids use [A-Za-z0-9_-] only.'))
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const shaped = checkMessage(body.value, 'Spreadsheet')
    if (!shaped.ok) return errorResponse(shaped.error)
    const sharing = initialSharing(c.req.query('shared_with'))
    if (!sharing.ok) return errorResponse(sharing.error)
    return store.withLock(id, () => {
      if (store.spreadsheets.has(id)) {
        return errorResponse({ code: 409, status: 'ALREADY_EXISTS', message: `Spreadsheet ${id} already exists.` })
      }
      const created = createSpreadsheet(shaped.value, {
        spreadsheetId: id,
        owner: defaultPrincipal,
        sharedWith: sharing.value,
        now: now(),
        random,
      })
      if (!created.ok) return errorResponse(created.error)
      store.put(created.value)
      const view = spreadsheetJson(created.value, new ValueReader(created.value), {
        ranges: [],
        includeGridData: false,
        mask: undefined,
        caller: defaultPrincipal,
      })
      return view.ok ? jsonResponse(view.value, 200) : errorResponse(view.error)
    })
  })
  const sharingJson = (ss: SpreadsheetModel) => ({ spreadsheetId: ss.spreadsheetId, permissions: permissionsJson(ss) })
  control.get('/spreadsheets/:id/permissions', (c) => {
    const ss = store.spreadsheets.get(c.req.param('id'))
    return ss ? c.json(sharingJson(ss)) : errorResponse(notFound())
  })
  /** Replaces who besides the owner may use the spreadsheet: `{"permissions":[{"type","role","emailAddress"}]}`. */
  control.put('/spreadsheets/:id/permissions', async (c) => {
    const id = c.req.param('id')
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const list = (body.value as { permissions?: unknown } | null)?.permissions
    if (!Array.isArray(list)) {
      return errorResponse(invalidArgument('Body must be {"permissions":[{"type","role","emailAddress"}, …]}.'))
    }
    const grants: PermissionModel[] = []
    for (const item of list) {
      const grant = parseGrant((item ?? {}) as GrantInput)
      if (!grant.ok) return errorResponse(grant.error)
      grants.push(grant.value)
    }
    return store.withLock(id, () => {
      const ss = store.spreadsheets.get(id)
      if (!ss) return errorResponse(notFound())
      let permissions: PermissionModel[] = []
      for (const grant of grants) permissions = withGrant({ ...ss, permissions }, grant)
      ss.permissions = permissions
      store.changed()
      return c.json(sharingJson(ss))
    })
  })
  control.delete('/spreadsheets/:id', (c) => {
    beforeNextWrite.clear(c.req.param('id'))
    return store.delete(c.req.param('id')) ? new Response(null, { status: 204 }) : errorResponse(notFound())
  })
  control.post('/edit', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const b = body.value as Record<string, unknown>
    if (typeof b.spreadsheetId !== 'string' || typeof b.range !== 'string' || b.values === undefined) {
      return errorResponse(invalidArgument('Body must be {"spreadsheetId","range","values"}.'))
    }
    const result = await edit({ spreadsheetId: b.spreadsheetId, range: b.range, values: b.values })
    return result.ok ? c.json(result.value) : errorResponse(result.error)
  })
  control.post('/webhook', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const b = body.value as Record<string, unknown>
    if (typeof b.url !== 'string' || typeof b.secret !== 'string' || b.secret === '') {
      return errorResponse(invalidArgument('Body must be {"url","secret"}.'))
    }
    webhook.config = { url: b.url, secret: b.secret }
    return c.json({ url: b.url, delivered: webhook.delivered, failed: webhook.failed })
  })
  control.delete('/webhook', (c) => {
    webhook.config = undefined
    return c.json({ delivered: webhook.delivered, failed: webhook.failed })
  })
  control.get('/webhook', (c) =>
    c.json({ url: webhook.config?.url ?? null, delivered: webhook.delivered, failed: webhook.failed }),
  )
  control.post('/service-accounts', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const b = body.value as Record<string, unknown>
    if (typeof b.client_email !== 'string' || typeof b.public_key_pem !== 'string') {
      return errorResponse(invalidArgument('Body must be {"client_email","public_key_pem"}.'))
    }
    auth.registerServiceAccount({ client_email: b.client_email, public_key_pem: b.public_key_pem })
    return c.json({ registered: b.client_email })
  })
  control.post('/token', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const b = body.value as Record<string, unknown>
    const email = typeof b.client_email === 'string' ? b.client_email : defaultPrincipal
    const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : ['https://www.googleapis.com/auth/spreadsheets']
    const seconds = typeof b.expires_in === 'number' && b.expires_in > 0 ? b.expires_in : 3600
    const answer = auth.mintToken(email, scopes, seconds)
    return c.json(answer.body, 200)
  })
  control.get('/auth', (c) => c.json({ mode: auth.mode }))
  control.post('/before-next-write', async (c) => {
    const body = await controlBody(c.req.raw)
    if (!body.ok) return errorResponse(body.error)
    const b = body.value as Record<string, unknown>
    const shapeOk =
      typeof b === 'object' &&
      b !== null &&
      Object.keys(b).every((k) => k === 'spreadsheetId' || k === 'requests') &&
      typeof b.spreadsheetId === 'string' &&
      Array.isArray(b.requests) &&
      b.requests.length > 0
    if (!shapeOk) {
      return errorResponse(
        invalidArgument('Body must be {"spreadsheetId","requests":[…]} with at least one batchUpdate request.'),
      )
    }
    const spreadsheetId = b.spreadsheetId as string
    // Checked as spreadsheets.batchUpdate checks its body: field names and types, then each request.
    const shaped = checkMessage({ requests: b.requests }, 'BatchUpdateSpreadsheetRequest')
    if (!shaped.ok) return errorResponse(shaped.error)
    const requests = shaped.value.requests as Record<string, unknown>[]
    const added = await store.withLock(spreadsheetId, () => beforeNextWrite.add(spreadsheetId, requests))
    return added.ok ? c.json(beforeNextWrite.list(spreadsheetId)) : errorResponse(added.error)
  })
  control.get('/before-next-write', (c) => c.json(beforeNextWrite.list(c.req.query('spreadsheet_id'))))
  control.delete('/before-next-write', (c) => {
    const id = c.req.query('spreadsheet_id')
    beforeNextWrite.clear(id)
    return c.json(beforeNextWrite.list(id))
  })
  control.all('*', () => errorResponse(notFound('Unknown emulator control endpoint.')))
  app.route('/_emulator', control)
  app.route('/', createOidcProvider({ store, now }))

  // ---- HTML view ------------------------------------------------------------------------------------
  app.get('/', (c) => {
    const id = c.req.query('spreadsheet')
    const html = (() => {
      if (id === undefined) return renderIndexPage(store)
      const ss = store.spreadsheets.get(id)
      if (!ss) return undefined
      const sheet = c.req.query('sheet')
      const offset = Number(c.req.query('offset') ?? 0)
      return renderSheetPage(ss, sheet === undefined ? undefined : Number(sheet), Number.isFinite(offset) ? offset : 0)
    })()
    if (html === undefined) return c.html('<!doctype html><p>Spreadsheet not found. <a href="/">Back</a></p>', 404)
    return c.html(html)
  })

  app.notFound(() => errorResponse(notFound('Not found.')))
  app.onError((err) => {
    // Bugs only: expected failures are values. The text stays generic (no cell data in logs).
    console.error(`emulator: unexpected ${err.name}`)
    return errorResponse(internalError())
  })

  return {
    app,
    store,
    auth,
    faults,
    stats,
    webhook,
    registerServiceAccount: (sa) => auth.registerServiceAccount(sa),
    edit,
    reset,
    snapshot: () => store.snapshot(),
    load: (s) => store.load(s),
  }
}
