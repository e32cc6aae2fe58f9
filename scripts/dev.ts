/**
 * `npm run dev`: the whole system locally, on the built-in Sheets emulator.
 * 1. makes sure `.dev.vars` exists (fresh random secrets and a throwaway service-account key;
 *    git-ignored, never committed);
 * 2. starts the emulator (127.0.0.1:$EMULATOR_PORT, default 8788; state in .data/) and, on the
 *    first run, seeds the demo spreadsheet: the template plus a small synthetic centre;
 * 3. starts `wrangler dev` (127.0.0.1:$WORKER_PORT, default 8787) pointed at the emulator, and
 *    makes the emulator call the Worker's sync webhook after each edit in its sheet view, as the
 *    Apps Script trigger does in Google Sheets;
 * 4. runs the per-minute cron itself (wrangler dev never fires crons) and prints the URLs and
 *    tokens; Ctrl-C stops both processes (each runs in its own process group).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { applyTemplate, describeApplyError } from '../sheets-template/apply-template'
import { isoToSerial, TABLES, type TabKey } from '../src/domain'
import { mintToken } from '../src/http/auth-token'
import { DEMO_STAFF, demoRows, demoValues } from './demo-centre'
import { DEMO_SPREADSHEET_ID, ensureDevVars } from './dev-vars'

const root = process.cwd()
const workerPort = Number(process.env.WORKER_PORT ?? 8787)
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8788)
const workerUrl = `http://127.0.0.1:${workerPort}`
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`
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

/** Creates the demo spreadsheet on the emulator once: template, then the demo centre's rows. */
async function seedDemoSpreadsheet(spreadsheetId: string, today: string): Promise<boolean> {
  const existing = await sheets(`${spreadsheetId}?fields=spreadsheetId`)
  if (existing.ok) return false
  const created = await fetch(`${emulatorUrl}/_emulator/spreadsheets/${spreadsheetId}`, {
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

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  const vars = await ensureDevVars(join(root, '.dev.vars'))
  if (vars.created) log('wrote .dev.vars with fresh local secrets and a throwaway service-account key')
  const spreadsheetId = process.env.SPREADSHEET_ID ?? DEMO_SPREADSHEET_ID
  const today = todayIn('Asia/Jakarta')

  log(`starting the Sheets emulator on ${emulatorUrl}`)
  start('emulator', ['--import', 'tsx', 'emulator/server.ts'], {
    ...process.env,
    PORT: String(emulatorPort),
  })
  await waitFor(`${emulatorUrl}/_emulator/stats`, 30_000)
  if (await seedDemoSpreadsheet(spreadsheetId, today)) {
    log(`seeded the demo spreadsheet ${spreadsheetId} (template + synthetic demo centre)`)
  }

  log(`starting the Worker (wrangler dev) on ${workerUrl}`)
  start(
    'worker',
    [
      join('node_modules', 'wrangler', 'bin', 'wrangler.js'),
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(workerPort),
      '--var',
      `SHEETS_API_BASE:${emulatorUrl}`,
      '--var',
      `GOOGLE_TOKEN_URL:${emulatorUrl}/token`,
      '--var',
      `SPREADSHEET_ID:${spreadsheetId}`,
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
  API             ${workerUrl}/api/health     docs: ${workerUrl}/docs
  Sheet (staff)   ${emulatorUrl}/              — the emulator's sheet view; edit cells like in Google Sheets
  Spreadsheet id  ${spreadsheetId}     (today ${today}, serial ${isoToSerial(today)})
  Cron            runs every minute (or: curl -X POST ${workerUrl}/api/sync -H "authorization: Bearer $TOKEN")

  export TOKEN=${coordinator}
  export WORKER_TOKEN=${worker}
  (${DEMO_STAFF.coordinator} / ${DEMO_STAFF.worker}, valid 30 days; more: npm run token -- --staff <id> --role <role>)

Ctrl-C stops the Worker and the emulator.`)
}

main().catch((error: unknown) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`)
  void stopAll(1)
})
