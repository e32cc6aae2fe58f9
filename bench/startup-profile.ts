/**
 * Reading a `wrangler check startup` CPU profile (bench/worker-bundle.ts, bench/before-after.ts):
 * the wall time of the Worker's global-scope evaluation and the CPU time of its non-idle samples.
 * Not a bench itself (bench/run.ts runs the files it names).
 */
import { readFileSync } from 'node:fs'

export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string } }[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Wall and non-idle CPU time (ms) of one startup profile. */
export function startupTimes(profile: CpuProfile): { wallMs: number; busyMs: number } {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  let busyUs = 0
  profile.samples.forEach((node, i) => {
    if (!idle.has(node)) busyUs += profile.timeDeltas[i] ?? 0
  })
  return { wallMs: (profile.endTime - profile.startTime) / 1000, busyMs: busyUs / 1000 }
}

/** {@link startupTimes} of the profile written to `file`. */
export const startupTimesOf = (file: string) => startupTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)
