/**
 * `npm run bench`: runs every benchmark of the project in turn and prints its figures.
 * Each bench/<name>.ts is a standalone script (`npx tsx bench/<name>.ts` runs one alone);
 * this runner adds the date and the machine so the figures can be pasted into the README.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

const ORDER = ['domain', 'dashboard', 'emulator', 'worker-bundle', 'before-after', 'ledger', 'pages'] as const
const here = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)

const cpu = cpus()
console.log(`# sentra-casebook benchmarks, ${new Date().toISOString().slice(0, 10)}`)
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
)

let failed = 0
for (const name of ORDER) {
  if (only.length > 0 && !only.includes(name)) continue
  const file = `${here}${name}.ts`
  if (!existsSync(file)) continue
  console.log(`\n## ${name}`)
  const res = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' })
  if (res.status !== 0) {
    failed++
    console.log(`(bench ${name} exited with ${res.status})`)
  }
}
process.exit(failed === 0 ? 0 : 1)
