/**
 * `npm run dev`: the whole system locally, on the built-in Sheets emulator.
 * 1. makes sure `.dev.vars` exists (fresh random secrets and a throwaway service-account key;
 *    git-ignored, never committed) and that its local emulator URLs name $EMULATOR_PORT;
 * 2. starts the emulator (127.0.0.1:$EMULATOR_PORT, default 8788; state in .data/) and, on the
 *    first run, seeds the demo spreadsheet (the template plus a small synthetic centre), shared
 *    with the service account of `.dev.vars` as Editor, as a real Sheet must be;
 * 3. starts `wrangler dev` (127.0.0.1:$WORKER_PORT, default 8787; its inspector on
 *    $INSPECTOR_PORT, default a free port, so two instances never clash) pointed at the emulator,
 *    and makes the emulator call the Worker's sync webhook after each edit in its sheet view, as
 *    the Apps Script trigger does in Google Sheets;
 * 4. runs the per-minute cron itself (wrangler dev never fires crons), prints the URLs and tokens,
 *    and says so plainly whenever the Worker reports that it may not use the spreadsheet (not
 *    shared with its service account); Ctrl-C stops both processes (each in its own process group).
 *
 * `npm run dev:worker` (`--worker-only`): only `wrangler dev` with `.dev.vars` as it is (say, for
 * a real Google Sheet), on $WORKER_PORT with the inspector on $INSPECTOR_PORT.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { join } from 'node:path'
import { applyTemplate, describeApplyError } from '../sheets-template/apply-template'
import { applyUpgrade, describeUpgrade } from '../sheets-template/upgrade-template'
import { isoToSerial, TABLES, type TabKey } from '../src/domain'
import { mintToken } from '../src/http/auth-token'
import { DEMO_STAFF, demoRows, demoValues } from './demo-centre'
import {
  DEFAULT_EMULATOR_PORT,
  DEFAULT_WORKER_PORT,
  DEMO_SPREADSHEET_ID,
  ensureDevVars,
  freePort,
  portFrom,
  sheetAccessNotice,
  wranglerDevArgs,
} from './dev-vars'
import { GENERATED_MODULE, regenerateInChild, writeStaticAssets } from './static-assets'

const root = process.cwd()
const workerOnly = process.argv.includes('--worker-only')
const workerPort = portFrom(process.env, 'WORKER_PORT', DEFAULT_WORKER_PORT)
const emulatorPort = portFrom(process.env, 'EMULATOR_PORT', DEFAULT_EMULATOR_PORT)
const workerUrl = `http://127.0.0.1:${workerPort}`
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`
/** How often the Worker's health is looked at for a sharing problem (it costs no Google call). */
const HEALTH_WATCH_MS = 5_000
/** The emulator accepts any bearer token by default (permissive mode), as for the seeding here. */
const SEED_TOKEN = 'local-dev-seed'
const CRON_INTERVAL_MS = 60_000

const children: ChildProcess[] = []
let stopping = false

function log(message: string): void {
  console.log(`[dev] ${message}`)
}

/** Starts a child in its own process group and prefixes its output lines. */
function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const prefix = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') console.log(`[${name}] ${line}`)
  }
  child.stdout?.on('data', prefix)
  child.stderr?.on('data', prefix)
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped unexpectedly (${signal ?? code}); stopping everything`)
      void stopAll(1)
    }
  })
  children.push(child)
  return child
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

async function stopAll(code: number): Promise<never> {
  stopping = true
  for (const child of children) killGroup(child, 'SIGTERM')
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline && children.some((c) => c.exitCode === null && c.signalCode === null)) {
    await sleep(100)
  }
  for (const child of children) killGroup(child, 'SIGKILL')
  process.exit(code)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `url` until it answers 2xx, or gives up after `timeoutMs`. */
async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping')
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

async function sheets(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${emulatorUrl}/v4/spreadsheets/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${SEED_TOKEN}`, 'content-type': 'application/json', ...init.headers },
  })
}

/**
 * Creates the demo spreadsheet on the emulator once: template, then the demo centre's rows. It is
 * shared with the Worker's service account as Editor, as a real Sheet must be.
 */
async function seedDemoSpreadsheet(spreadsheetId: string, today: string, serviceAccount: string): Promise<boolean> {
  const existing = await sheets(`${spreadsheetId}?fields=spreadsheetId`)
  if (existing.ok) return false
  const share = serviceAccount === '' ? '' : `?shared_with=${encodeURIComponent(serviceAccount)}`
  const created = await fetch(`${emulatorUrl}/_emulator/spreadsheets/${spreadsheetId}${share}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      properties: { title: 'Sentra Terpadu (demo)', locale: 'in_ID', timeZone: 'Asia/Jakarta' },
    }),
  })
  if (!created.ok) throw new Error(`could not create the demo spreadsheet (${created.status})`)
  const applied = await applyTemplate(fetch, emulatorUrl, spreadsheetId, { accessToken: SEED_TOKEN })
  if (!applied.ok) throw new Error(`template: ${describeApplyError(applied.error)}`)
  const rows = demoRows(today)
  const data = (Object.entries(rows) as [TabKey, Parameters<typeof demoValues>[1]][]).map(([tab, tabRows]) => ({
    range: `'${TABLES[tab].title}'!A2`,
    values: demoValues(tab, tabRows),
  }))
  // Typed as staff type: dates as text become date serials; assessment and session ids are left
  // blank on purpose so the first sync shows the system filling them in.
  const written = await sheets(`${spreadsheetId}/values:batchUpdate`, {
    method: 'POST',
    body: JSON.stringify({ valueInputOption: 'USER_ENTERED', data }),
  })
  if (!written.ok) throw new Error(`could not write the demo rows (${written.status})`)
  return true
}

/** Today in the centre's time zone (the demo's dates are relative to it). */
function todayIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  return parts.format(new Date())
}

async function runCron(): Promise<void> {
  try {
    await fetch(`${workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`)
  } catch {
    // the Worker is restarting (wrangler reloads on file changes); the next tick retries
  }
}

/** The client_email of the service-account key in `.dev.vars` ('' when there is none). */
function serviceAccountEmail(json: string | undefined): string {
  try {
    const email = (JSON.parse(json ?? '') as { client_email?: unknown }).client_email
    return typeof email === 'string' ? email : ''
  } catch {
    return ''
  }
}

/**
 * A source edited while this runs (a client file, a schema, the docs page's code): public/ and the
 * hashes module are generated again — in a fresh process, so the edited modules are the ones
 * used — and wrangler reloads the Worker and its static files.
 */
function watchStaticAssets(): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false
  const regenerate = async (): Promise<void> => {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      const said = await regenerateInChild(root)
      if (said !== 'static assets unchanged') log(said)
    } catch (e) {
      log(`static assets: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      running = false
      if (again) {
        again = false
        void regenerate()
      }
    }
  }
  watch(join(root, 'src'), { recursive: true }, (_event, file) => {
    // The generator's own output would start it again for nothing.
    if (file === null || join('src', file) === GENERATED_MODULE) return
    clearTimeout(timer)
    timer = setTimeout(() => void regenerate(), 300)
  })
}

/**
 * Looks at the Worker's health every few seconds and prints, when it changes, whether the Worker
 * may use the spreadsheet: a sheet not shared with the service account is the most common set-up
 * mistake, and the Worker's own answer names the sheet and the address to share it with.
 */
function watchSheetAccess(): void {
  let shown = ''
  const look = async () => {
    try {
      const res = await fetch(`${workerUrl}/api/health`, { headers: { 'accept-language': 'en' } })
      const notice = sheetAccessNotice(await res.json(), emulatorUrl)
      const text = notice?.join('\n') ?? ''
      if (text !== shown) {
        if (notice !== undefined) for (const line of notice) log(line)
        else if (shown !== '') log('the Worker can use the spreadsheet again')
        shown = text
      }
    } catch {
      // the Worker is restarting (wrangler reloads on file changes)
    }
  }
  setInterval(() => void look(), HEALTH_WATCH_MS)
}

/** `npm run dev:worker`: wrangler dev alone, with `.dev.vars` as it is. */
async function workerAlone(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))
  const inspectorPort = portFrom(process.env, 'INSPECTOR_PORT', await freePort())
  log(`starting the Worker (wrangler dev) on ${workerUrl}, inspector on 127.0.0.1:${inspectorPort}`)
  start(
    'worker',
    [join('node_modules', 'wrangler', 'bin', 'wrangler.js'), ...wranglerDevArgs({ workerPort, inspectorPort })],
    {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
    },
  )
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  const vars = await ensureDevVars(join(root, '.dev.vars'), emulatorPort)
  if (vars.created) log('wrote .dev.vars with fresh local secrets and a throwaway service-account key')
  if (vars.moved.length > 0) log(`.dev.vars: ${vars.moved.join(', ')} now name the emulator on port ${emulatorPort}`)
  const spreadsheetId = process.env.SPREADSHEET_ID ?? DEMO_SPREADSHEET_ID
  const today = todayIn('Asia/Jakarta')
  const inspectorPort = portFrom(process.env, 'INSPECTOR_PORT', await freePort())

  log(`starting the Sheets emulator on ${emulatorUrl}`)
  start('emulator', ['--import', 'tsx', 'emulator/server.ts'], {
    ...process.env,
    PORT: String(emulatorPort),
  })
  await waitFor(`${emulatorUrl}/_emulator/stats`, 30_000)
  const serviceAccount = serviceAccountEmail(vars.values.GOOGLE_SERVICE_ACCOUNT_JSON)
  if (await seedDemoSpreadsheet(spreadsheetId, today, serviceAccount)) {
    log(
      `seeded the demo spreadsheet ${spreadsheetId} (template + synthetic demo centre), shared with ${serviceAccount || 'nobody'} as Editor`,
    )
  } else {
    // A spreadsheet saved in .data/ by an earlier version: add what later templates added.
    const upgraded = await applyUpgrade(fetch, emulatorUrl, spreadsheetId, { accessToken: SEED_TOKEN })
    if (!upgraded.ok) log(`could not upgrade the saved demo spreadsheet: ${JSON.stringify(upgraded.error)}`)
    else if (upgraded.value.from !== upgraded.value.to) log(describeUpgrade(upgraded.value))
  }

  const regenerated = await writeStaticAssets(root)
  if (regenerated.length > 0) log(`regenerated the static files: ${regenerated.join(', ')}`)
  log(`starting the Worker (wrangler dev) on ${workerUrl}, inspector on 127.0.0.1:${inspectorPort}`)
  start(
    'worker',
    [
      join('node_modules', 'wrangler', 'bin', 'wrangler.js'),
      ...wranglerDevArgs({
        workerPort,
        inspectorPort,
        vars: {
          SHEETS_API_BASE: emulatorUrl,
          GOOGLE_TOKEN_URL: `${emulatorUrl}/token`,
          SPREADSHEET_ID: spreadsheetId,
          // Google sign-in to the field app: the emulator on the port in use is the IdP.
          OIDC_ISSUER: emulatorUrl,
        },
      }),
    ],
    { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  )
  await waitFor(`${workerUrl}/api/health`, 90_000)

  // Edits in the emulator's sheet view call the Worker like the Apps Script onEdit trigger.
  await fetch(`${emulatorUrl}/_emulator/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${workerUrl}/api/sync`, secret: vars.values.WEBHOOK_SECRET }),
  })
  await runCron()
  setInterval(() => void runCron(), CRON_INTERVAL_MS)
  watchSheetAccess()
  watchStaticAssets()

  const ttlSeconds = 30 * 24 * 3600
  const secret = vars.values.AUTH_SECRET
  const coordinator = await mintToken(
    { staffId: DEMO_STAFF.coordinator, role: 'coordinator', ttlSeconds },
    secret,
    Date.now(),
  )
  const worker = await mintToken({ staffId: DEMO_STAFF.worker, role: 'worker', ttlSeconds }, secret, Date.now())
  console.log(`
sentra-casebook is running locally (demo data is synthetic):
  Field app       ${workerUrl}/app     — sign in on the emulator's Google page as ${DEMO_STAFF.worker} (or ${DEMO_STAFF.coordinator})
  API             ${workerUrl}/api/health     docs: ${workerUrl}/docs     inspector: 127.0.0.1:${inspectorPort}
  Sheet (staff)   ${emulatorUrl}/              — the emulator's sheet view; edit cells like in Google Sheets
  Spreadsheet id  ${spreadsheetId}     (today ${today}, serial ${isoToSerial(today)})
  Cron            runs every minute (or: curl -X POST ${workerUrl}/api/sync -H "authorization: Bearer $TOKEN")

  export TOKEN=${coordinator}
  export WORKER_TOKEN=${worker}
  (${DEMO_STAFF.coordinator} / ${DEMO_STAFF.worker}, valid 30 days; more: npm run token -- --staff <id> --role <role>)

Ctrl-C stops the Worker and the emulator.`)
}

;(workerOnly ? workerAlone() : main()).catch((error: unknown) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`)
  void stopAll(1)
})
