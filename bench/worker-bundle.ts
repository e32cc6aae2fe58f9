/**
 * Worker bundle size and startup time (issue 3 item 5; targets from architecture.md:
 * ≤ 150 KiB gzip, ≤ 60 ms startup).
 * - size: `wrangler deploy --dry-run --outdir <tmp>` (the bundle Cloudflare would receive); we
 *   print wrangler's own "Total Upload … / gzip …" figures.
 * - startup: `wrangler check startup` writes a CPU profile of the global-scope evaluation; we
 *   report its wall time (endTime − startTime) and the CPU time of its non-idle samples, median of
 *   RUNS runs, each paired with a run of a bare Hono Worker right after it (so a loaded machine
 *   slows both) and the difference within each pair. Local figures: Cloudflare's CPUs differ.
 * - first request: the schemas and the HTTP app load on the first event (src/index.ts), so a cold
 *   isolate's first request pays for them; we time it (and a warm one) in Miniflare on the same
 *   bundle: GET /api/health, which also opens the ledger Durable Object (no Google call).
 * - the same first request in Node, as process CPU time (less disturbed by a loaded machine than
 *   the wall times above): the bundle with its `cloudflare:workers` import pointed at a stub
 *   file, the ledger a stub.
 * Run alone: `npx tsx bench/worker-bundle.ts [runs]`.
 */
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { Miniflare } from 'miniflare'
import { type CpuProfile, startupTimes } from './startup-profile'
import { median } from './timing'

const RUNS = Number(process.argv[2] ?? 5)
const wranglerBin = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js')
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

function wrangler(args: string[]): string {
  const res = spawnSync(process.execPath, [wranglerBin, ...args], { env, encoding: 'utf8' })
  if (res.status !== 0) throw new Error(`wrangler ${args[0]} failed (${res.status}): ${res.stderr.slice(-400)}`)
  return `${res.stdout}\n${res.stderr}`
}

/** Times the first and a second GET /api/health of a fresh Miniflare running the bundle. */
async function firstRequest(scriptPath: string): Promise<{ coldMs: number; warmMs: number }> {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  const mf = new Miniflare({
    modules: true,
    script: readFileSync(scriptPath, 'utf8'),
    compatibilityDate: '2026-04-01',
    durableObjects: { LEDGER: { className: 'Ledger', useSQLite: true } },
    bindings: {
      SPREADSHEET_ID: 'bench-startup',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify({
        type: 'service_account',
        client_email: 'bench@startup.iam.gserviceaccount.com',
        private_key: privateKey,
      }),
    },
    outboundService: () => new Response('no network in this benchmark', { status: 599 }),
    // The Worker's request log lines are not figures: drop stdout, keep stderr.
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.resume()
      stderr.pipe(process.stderr)
    },
  })
  try {
    await mf.ready
    let started = performance.now()
    const first = await mf.dispatchFetch('http://casebook/api/health')
    await first.arrayBuffer()
    const coldMs = performance.now() - started
    started = performance.now()
    const second = await mf.dispatchFetch('http://casebook/api/health')
    await second.arrayBuffer()
    const warmMs = performance.now() - started
    if (first.status !== 200 || second.status !== 200)
      throw new Error(`health answered ${first.status}/${second.status}`)
    return { coldMs, warmMs }
  } finally {
    await mf.dispose()
  }
}

/** The child of {@link nodeFirstRequestCpu}: the bundle imported, one request, then 500 more. */
const NODE_CHILD = `
const log = console.log
console.log = () => {}
const started = process.cpuUsage()
const worker = (await import(process.argv[1])).default
const health = { ok: true, sheet: 'reachable', outbox: 0 }
const env = {
  SPREADSHEET_ID: 'bench-startup',
  AUTH_SECRET: 'x'.repeat(43),
  GOOGLE_SERVICE_ACCOUNT_JSON: '{}',
  LEDGER: { getByName: () => ({ health: async () => health }) },
}
const ctx = { waitUntil() {}, passThroughOnException() {} }
const res = await worker.fetch(new Request('http://casebook/api/health'), env, ctx)
await res.text()
const cold = process.cpuUsage(started)
const warmStart = process.cpuUsage()
for (let i = 0; i < 500; i++) await (await worker.fetch(new Request('http://casebook/api/health'), env, ctx)).text()
const warm = process.cpuUsage(warmStart)
log(JSON.stringify({ status: res.status, coldMs: (cold.user + cold.system) / 1000, warmMs: (warm.user + warm.system) / 1000 / 500 }))
`

/**
 * Process CPU time (not wall time, so a loaded machine disturbs it less) of importing the bundle
 * and answering its first GET /api/health — the lazy edge modules, the config parse, the HTTP
 * app and its middleware — in a fresh Node process per run (same V8 as workerd). The bundle's one
 * `cloudflare:workers` import is pointed at a stub file and the Durable Object is a stub that
 * answers health.
 */
function nodeFirstRequestCpu(dir: string, scriptPath: string): { cold: number[]; warm: number[] } {
  const stub = join(dir, 'cloudflare-workers-stub.mjs')
  writeFileSync(stub, 'export class DurableObject {}\n')
  const patched = join(dir, 'index.node.mjs')
  writeFileSync(
    patched,
    readFileSync(scriptPath, 'utf8').replace('from"cloudflare:workers"', 'from"./cloudflare-workers-stub.mjs"'),
  )
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', NODE_CHILD, patched], { encoding: 'utf8' })
    const line = res.stdout.trim().split('\n').at(-1) ?? ''
    const t = JSON.parse(line) as { status: number; coldMs: number; warmMs: number }
    if (t.status !== 200) throw new Error(`health answered ${t.status} in Node`)
    cold.push(t.coldMs)
    warm.push(t.warmMs)
  }
  return { cold, warm }
}

/**
 * A bare Hono Worker with its own wrangler config: the baseline `wrangler check startup` gives on
 * this machine. It lives under node_modules/.cache so `hono` resolves from the project.
 */
function bareHonoConfig(): string {
  const dir = join(process.cwd(), 'node_modules', '.cache', 'bench-bare-hono')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'index.ts'),
    "import { Hono } from 'hono'\nexport default new Hono().get('/', (c) => c.text('ok'))\n",
  )
  writeFileSync(
    join(dir, 'wrangler.toml'),
    'name = "bare-hono"\nmain = "index.ts"\ncompatibility_date = "2026-04-01"\nminify = true\n',
  )
  return join(dir, 'wrangler.toml')
}

/**
 * Wall and non-idle CPU of RUNS startup profiles of the casebook and of the bare Hono Worker,
 * interleaved (casebook, bare, casebook, bare, …) so both see the same load on a shared machine;
 * `excess` is the casebook's CPU minus the bare Worker's of the same pair.
 */
function profileStartups(dir: string) {
  const ours = { walls: [] as number[], busys: [] as number[] }
  const bare = { walls: [] as number[], busys: [] as number[] }
  const excess: number[] = []
  const bareConfig = bareHonoConfig()
  for (let i = 0; i < RUNS; i++) {
    const pair = [
      { into: ours, file: join(dir, `casebook-${i}.cpuprofile`), extra: [] as string[] },
      { into: bare, file: join(dir, `bare-${i}.cpuprofile`), extra: ['--config', bareConfig] },
    ].map(({ into, file, extra }) => {
      wrangler(['check', 'startup', '--outfile', file, ...extra])
      const t = startupTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)
      into.walls.push(t.wallMs)
      into.busys.push(t.busyMs)
      return t.busyMs
    })
    excess.push((pair[0] ?? 0) - (pair[1] ?? 0))
  }
  return { ours, bare, excess }
}

const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`

const dir = mkdtempSync(join(tmpdir(), 'casebook-bundle-'))
try {
  const out = wrangler(['deploy', '--dry-run', '--outdir', join(dir, 'dist')])
  const size = /Total Upload:\s*([\d.]+) KiB \/ gzip:\s*([\d.]+) KiB/.exec(out)
  const { ours, bare, excess } = profileStartups(dir)
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = await firstRequest(join(dir, 'dist', 'index.js'))
    cold.push(t.coldMs)
    warm.push(t.warmMs)
  }
  const node = nodeFirstRequestCpu(join(dir, 'dist'), join(dir, 'dist', 'index.js'))
  const row = (measure: string, value: string, target = '') => console.log(`| ${measure} | ${value} | ${target} |`)
  console.log('| measure | value | target |')
  console.log('|---|---|---|')
  row('bundle (wrangler dry-run, minified)', `${size?.[1] ?? '?'} KiB raw`)
  row('bundle gzip', `${size?.[2] ?? '?'} KiB`, '≤ 150 KiB')
  row(
    `startup CPU, global scope (non-idle profile samples, median of ${RUNS})`,
    `${median(ours.busys).toFixed(1)} ms (bare Hono Worker: ${median(bare.busys).toFixed(1)} ms)`,
    '≤ 60 ms',
  )
  row(
    `startup CPU above the bare Hono Worker, pair by pair (median of ${RUNS}; runs)`,
    `${median(excess).toFixed(1)} ms (${range(excess)})`,
  )
  row(
    `startup profile wall time (median of ${RUNS}; runs)`,
    `${median(ours.walls).toFixed(1)} ms (${range(ours.walls)}); bare Hono Worker ${median(bare.walls).toFixed(1)} ms (${range(bare.walls)})`,
    '≤ 60 ms',
  )
  row(`first request of a cold isolate, GET /api/health (median of ${RUNS})`, `${median(cold).toFixed(1)} ms`)
  row(`the same request warm (median of ${RUNS})`, `${median(warm).toFixed(1)} ms`)
  row(
    `first request in Node: import the bundle, parse the config, build the app, GET /api/health — process CPU (median of ${RUNS} fresh processes; runs)`,
    `${median(node.cold).toFixed(1)} ms (${range(node.cold)}); each of the next 500 requests ${median(node.warm).toFixed(2)} ms`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
