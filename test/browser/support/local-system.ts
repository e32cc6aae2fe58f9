/**
 * @module
 * The real system as `npm run dev` runs it — the Sheets emulator (Node) and the Worker under
 * `wrangler dev` (workerd) — on free loopback ports, with a fresh seeded spreadsheet, a fresh
 * ledger (its own `--persist-to`) and fresh secrets in a temporary folder, so a run never meets
 * state from `npm run dev` or an earlier run. Each process runs in its own process group and is
 * stopped by group; both write their output to log files in the temporary folder, whose tails
 * are shown when the system does not come up.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { demoRows, demoValues } from '../../../scripts/demo-centre'
import { formatDevVar, randomSecret, throwawayServiceAccountJson } from '../../../scripts/dev-vars'
import { applyTemplate, describeApplyError } from '../../../sheets-template/apply-template'
import { TABLES, type TabKey } from '../../../src/domain'

/** The emulator accepts any bearer token for callers it does not know (permissive mode). */
export const EMULATOR_SEED_TOKEN = 'browser-test-seed'

export type LocalSystemOptions = {
  /** The repository root (where wrangler.toml is). */
  readonly root: string
  /** Today in the centre's time zone; the demo centre's dates are relative to it. */
  readonly today: string
  /** Inclusive port range to take free ports from. */
  readonly ports: readonly [number, number]
}

export type LocalSystem = {
  readonly workerUrl: string
  readonly emulatorUrl: string
  readonly spreadsheetId: string
  readonly secrets: Readonly<{ AUTH_SECRET: string; WEBHOOK_SECRET: string }>
  /** The folder holding logs and state (removed by stop). */
  readonly dir: string
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)))
  })

/** `count` free loopback ports from the range, starting at a random place so parallel runs rarely race. */
export async function freePorts([low, high]: readonly [number, number], count: number): Promise<number[]> {
  const size = high - low + 1
  const start = randomBytes(2).readUInt16BE() % size
  const found: number[] = []
  for (let i = 0; i < size && found.length < count; i++) {
    const port = low + ((start + i) % size)
    if (await portIsFree(port)) found.push(port)
  }
  if (found.length < count) throw new Error(`fewer than ${count} free ports in ${low}–${high}`)
  return found
}

function startGroup(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, logFile: string): ChildProcess {
  const log = createWriteStream(logFile)
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  child.on('error', (e) => log.write(`[${name}] could not start: ${e.message}\n`))
  return child
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || !running(child)) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is already gone
  }
}

/** SIGTERM to each group, then SIGKILL to whatever is left after 5 s. */
async function stopGroups(children: readonly ChildProcess[]): Promise<void> {
  for (const child of children) signalGroup(child, 'SIGTERM')
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline && children.some(running)) await sleep(100)
  for (const child of children) signalGroup(child, 'SIGKILL')
}

async function tail(path: string, lines = 30): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no output)'
  }
}

/** Polls `url` until it answers 2xx; fails early when `child` exits. */
async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ${url} answered`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

async function control(emulatorUrl: string, path: string, init: RequestInit): Promise<void> {
  const response = await fetch(`${emulatorUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${EMULATOR_SEED_TOKEN}` },
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${(await response.text()).slice(0, 300)}`)
}

/** The demo spreadsheet, as `npm run dev` seeds it: the template, then the demo centre typed as staff type. */
async function seedSpreadsheet(emulatorUrl: string, spreadsheetId: string, today: string): Promise<void> {
  await control(emulatorUrl, `/_emulator/spreadsheets/${spreadsheetId}`, {
    method: 'PUT',
    body: JSON.stringify({
      properties: { title: 'Sentra Terpadu (uji peramban)', locale: 'in_ID', timeZone: 'Asia/Jakarta' },
    }),
  })
  const applied = await applyTemplate(fetch, emulatorUrl, spreadsheetId, { accessToken: EMULATOR_SEED_TOKEN })
  if (!applied.ok) throw new Error(`template: ${describeApplyError(applied.error)}`)
  const data = (Object.entries(demoRows(today)) as [TabKey, Parameters<typeof demoValues>[1]][]).map(
    ([tab, tabRows]) => ({
      range: `'${TABLES[tab].title}'!A2`,
      values: demoValues(tab, tabRows),
    }),
  )
  await control(emulatorUrl, `/v4/spreadsheets/${spreadsheetId}/values:batchUpdate`, {
    method: 'POST',
    body: JSON.stringify({ valueInputOption: 'USER_ENTERED', data }),
  })
}

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const dir = await mkdtemp(join(tmpdir(), 'casebook-browser-'))
  const [emulatorPort, workerPort, inspectorPort] = await freePorts(options.ports, 3)
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`
  const workerUrl = `http://127.0.0.1:${workerPort}`
  const spreadsheetId = `uji-peramban-${randomBytes(4).toString('hex')}`
  const secrets = { AUTH_SECRET: randomSecret(), WEBHOOK_SECRET: randomSecret() }
  const children: ChildProcess[] = []
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await stopGroups(children)
    await rm(dir, { recursive: true, force: true })
  }
  const logs = { emulator: join(dir, 'emulator.log'), worker: join(dir, 'worker.log') }
  try {
    const emulator = startGroup(
      'emulator',
      ['--import', 'tsx', 'emulator/server.ts'],
      { ...process.env, PORT: String(emulatorPort), EMULATOR_STATE: join(dir, 'emulator-state.json') },
      options.root,
      logs.emulator,
    )
    children.push(emulator)
    await waitFor(`${emulatorUrl}/_emulator/stats`, emulator, 30_000).catch(async (e: Error) => {
      throw new Error(`the Sheets emulator ${e.message}\n${await tail(logs.emulator)}`)
    })
    await seedSpreadsheet(emulatorUrl, spreadsheetId, options.today)

    // The Worker's secrets and emulator endpoints in an env file of its own: with --env-file,
    // wrangler ignores the checkout's .dev.vars, so a developer's settings never leak in.
    const envFile = join(dir, 'worker.env')
    const vars: Record<string, string> = {
      ...secrets,
      GOOGLE_SERVICE_ACCOUNT_JSON: throwawayServiceAccountJson(),
      SPREADSHEET_ID: spreadsheetId,
      SHEETS_API_BASE: emulatorUrl,
      GOOGLE_TOKEN_URL: `${emulatorUrl}/token`,
      // Google sign-in to the field app: the emulator is the OpenID Connect provider.
      OIDC_ISSUER: emulatorUrl,
      OIDC_CLIENT_ID: 'casebook-browser-tests',
      OIDC_CLIENT_SECRET: randomSecret(),
      SESSION_SECRET: randomSecret(),
    }
    await writeFile(
      envFile,
      `${Object.entries(vars)
        .map(([k, v]) => formatDevVar(k, v))
        .join('\n')}\n`,
      {
        mode: 0o600,
      },
    )
    const worker = startGroup(
      'worker',
      [
        join('node_modules', 'wrangler', 'bin', 'wrangler.js'),
        'dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(workerPort),
        '--inspector-port',
        String(inspectorPort),
        '--persist-to',
        join(dir, 'wrangler-state'),
        '--env-file',
        envFile,
        '--show-interactive-dev-session=false',
      ],
      { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
      options.root,
      logs.worker,
    )
    children.push(worker)
    await waitFor(`${workerUrl}/api/health`, worker, 120_000).catch(async (e: Error) => {
      throw new Error(`the Worker (wrangler dev) ${e.message}\n${await tail(logs.worker)}`)
    })
    // As npm run dev: sheet edits call the sync webhook, and one cron run gives the seeded rows their ids.
    await control(emulatorUrl, '/_emulator/webhook', {
      method: 'POST',
      body: JSON.stringify({ url: `${workerUrl}/api/sync`, secret: secrets.WEBHOOK_SECRET }),
    })
    await fetch(`${workerUrl}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`)
    return { workerUrl, emulatorUrl, spreadsheetId, secrets, dir, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
