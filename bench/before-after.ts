/**
 * What two past changes cost in Worker bundle size and startup (issue 7 point 6 asks for the
 * figures before and after replacing hand-written code with Hono's own middleware):
 * - bearer tokens: the hand-written HMAC token → `hono/jwt` (commit 1e90e8d);
 * - `hono/cors`, `hono/secure-headers`, `hono/request-id`, `hono/body-limit` instead of the
 *   hand-written CORS, headers, request ids and size checks (commit b873dd5, after 46b8110).
 * Each commit is checked out into a temporary git worktree that borrows this checkout's
 * node_modules (the dependencies did not change between the commits of a pair), then measured
 * like bench/worker-bundle.ts: wrangler's dry-run "Total Upload … / gzip …", and the median of
 * RUNS `wrangler check startup` CPU profiles (wall time and non-idle CPU), the two commits of a
 * pair profiled alternately so a loaded machine slows both alike. Needs the git history (a
 * shallow clone prints why it skips). Run alone: `npx tsx bench/before-after.ts [runs]`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startupTimesOf } from './startup-profile'
import { median } from './timing'

type Change = { readonly label: string; readonly before: string; readonly after: string }

const CHANGES: readonly Change[] = [
  { label: 'bearer tokens: hand-written HMAC token → hono/jwt', before: '1e90e8d^', after: '1e90e8d' },
  {
    label: 'hono/cors, secure-headers, request-id, body-limit instead of hand-written ones',
    before: '46b8110',
    after: 'b873dd5',
  },
]

const RUNS = Number(process.argv[2] ?? 5)
const root = process.cwd()
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

function run(cmd: string, args: readonly string[], cwd: string): { ok: boolean; out: string } {
  const res = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' })
  return { ok: res.status === 0, out: `${res.stdout}\n${res.stderr}` }
}

/** A detached worktree of `commit` with this checkout's node_modules, removed by the returned function. */
function checkout(commit: string, scratch: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(scratch, 'commit-'))
  const added = run('git', ['worktree', 'add', '--quiet', '--detach', dir, commit], root)
  if (!added.ok) throw new Error(`git worktree add ${commit} failed: ${added.out.slice(-300)}`)
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return { dir, remove: () => void run('git', ['worktree', 'remove', '--force', dir], root) }
}

const wrangler = (dir: string, args: readonly string[]) =>
  run(process.execPath, [join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), ...args], dir)

function bundleSize(dir: string): string {
  const out = wrangler(dir, ['deploy', '--dry-run', '--outdir', join(dir, '.bench-dist')])
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out.out)
  return m === null ? '?' : `${m[1]} KiB raw / ${m[2]} KiB gzip`
}

const missing = CHANGES.flatMap((c) => [c.before, c.after]).filter(
  (commit) => !run('git', ['cat-file', '-e', `${commit}^{commit}`], root).ok,
)
if (missing.length > 0) {
  console.log(`skipped: commits ${missing.join(', ')} are not in this clone's history (a shallow clone?)`)
  process.exit(0)
}

const scratch = mkdtempSync(join(tmpdir(), 'casebook-before-after-'))
try {
  for (const change of CHANGES) {
    const trees = [checkout(change.before, scratch), checkout(change.after, scratch)] as const
    try {
      const sizes = trees.map((t) => bundleSize(t.dir))
      const times: { wallMs: number; busyMs: number }[][] = [[], []]
      for (let r = 0; r < RUNS; r++) {
        trees.forEach((t, i) => {
          const file = join(t.dir, `.startup-${r}.cpuprofile`)
          const res = wrangler(t.dir, ['check', 'startup', '--outfile', file])
          if (!res.ok) throw new Error(`wrangler check startup failed: ${res.out.slice(-300)}`)
          times[i]?.push(startupTimesOf(file))
        })
      }
      console.log(`\n${change.label}`)
      ;(['before', 'after'] as const).forEach((side, i) => {
        const t = times[i] ?? []
        console.log(
          `  ${side.padEnd(6)} ${(side === 'before' ? change.before : change.after).padEnd(9)} bundle ${sizes[i]}; ` +
            `startup (median of ${RUNS}) wall ${median(t.map((x) => x.wallMs)).toFixed(1)} ms, ` +
            `CPU ${median(t.map((x) => x.busyMs)).toFixed(1)} ms`,
        )
      })
    } finally {
      for (const t of trees) t.remove()
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
