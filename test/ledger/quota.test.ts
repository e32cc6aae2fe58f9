// Token buckets keep the ledger under Google's per-minute quota without a 429.
import { describe, expect, it } from 'vitest'
import type { Clock } from '../../src/ledger/clock'
import { createLane } from '../../src/ledger/lane'
import { createTokenBucket } from '../../src/ledger/quota'

function manualClock(): Clock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    },
    slept,
  }
}

describe('createTokenBucket', () => {
  it('lets a burst through at once, then one call per 1/rate', async () => {
    const clock = manualClock()
    const bucket = createTokenBucket({ perMinute: 60, burst: 3, clock })
    for (let i = 0; i < 3; i++) expect(await bucket.acquire()).toBe(0)
    expect(await bucket.acquire()).toBe(1000)
    expect(clock.slept).toEqual([1000])
  })

  it('waits for readiness without taking the token', async () => {
    const clock = manualClock()
    const bucket = createTokenBucket({ perMinute: 60, burst: 1, clock })
    await bucket.acquire()
    await bucket.ready()
    expect(bucket.available()).toBeCloseTo(1)
    expect(await bucket.acquire()).toBe(0)
  })
})

describe('createLane', () => {
  it('runs tasks one at a time in arrival order, even when one fails', async () => {
    const lane = createLane()
    const order: string[] = []
    const step = (name: string, fail = false) =>
      lane.run(async () => {
        order.push(`${name}:start`)
        await new Promise((r) => setTimeout(r, 5))
        order.push(`${name}:end`)
        if (fail) throw new Error(name)
        return name
      })
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')])
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(lane.depth()).toBe(0)
  })
})
