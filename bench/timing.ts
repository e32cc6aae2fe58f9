/**
 * The timing the CPU benchmarks share (bench/domain.ts, bench/dashboard.ts): the median of
 * several runs after warm-up, in wall and process CPU time, and each size measured in a fresh
 * process so one size's heap does not tax the next one's GC. Not a bench itself (bench/run.ts
 * runs the files it names).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Milliseconds; `cpu` is the process's user + system time (GC threads included). */
export type Timing = { wall: number; cpu: number }

/** `fn` three times to warm up (JIT, inline caches), then the median of `runs` timed runs. */
export function timeRuns(runs: number, fn: () => void): Timing {
  for (let i = 0; i < 3; i++) fn()
  const walls: number[] = []
  const cpus: number[] = []
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    fn()
    walls.push(performance.now() - t0)
    const cpu = process.cpuUsage(cpu0)
    cpus.push((cpu.user + cpu.system) / 1000)
  }
  return { wall: median(walls), cpu: median(cpus) }
}

/**
 * Each size's figures, each measured by `measure` in a child process running the same script
 * (`script` is its `import.meta.url`) with `--child <size>`. In that child this prints the
 * figures as JSON for the parent and answers undefined: the caller prints its table only when
 * it gets the rows.
 */
export function figuresBySize<F>(
  sizes: readonly number[],
  script: string,
  measure: (size: number) => F,
): F[] | undefined {
  const childAt = process.argv.indexOf('--child')
  if (childAt >= 0) {
    console.log(JSON.stringify(measure(Number(process.argv[childAt + 1]))))
    return undefined
  }
  return sizes.map((size) => {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(script), '--child', String(size)], {
      encoding: 'utf8',
    })
    if (child.status !== 0) throw new Error(`bench child for ${size} cases failed: ${child.stderr}`)
    return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as F
  })
}
