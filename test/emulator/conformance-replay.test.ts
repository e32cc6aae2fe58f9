/**
 * Replays the recorded gspread traffic (real Google answers, 2023) against the emulator with the
 * rules of shared/tools/replay-cassettes.py (ported in cassette-replay.ts).
 *
 * Google draws namedRangeId and protectedRangeId at random and the reference rules map only
 * spreadsheet and sheet ids, so three cassettes cannot match byte for byte on any emulator. They
 * are checked with those two ids mapped the same way sheet ids are; every other cassette must
 * match under the reference rules exactly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator/index'
import { appSender, type Cassette, replayCassette } from './cassette-replay'

const SHARED = '/work/shared/conformance/gspread-cassettes/'
const LOCAL = fileURLToPath(new URL('./cassettes/', import.meta.url))
const dir = existsSync(SHARED) ? SHARED : LOCAL
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
const load = (file: string): Cassette => JSON.parse(readFileSync(dir + file, 'utf8')) as Cassette
const usesServerIds = (file: string): boolean =>
  /"(namedRangeId|protectedRangeId)\\?"/.test(readFileSync(dir + file, 'utf8'))

const totals = { exact: 0, mapped: 0, all: 0 }

async function replay(file: string, mapServerAssignedIds: boolean) {
  const emulator = createEmulator()
  return replayCassette(
    load(file),
    appSender((req) => emulator.app.fetch(req)),
    { mapServerAssignedIds },
  )
}

describe('conformance with recorded Google traffic', () => {
  it('finds the cassettes', () => {
    expect(files.length).toBeGreaterThanOrEqual(50)
  })

  it.each(files)('answers %s exactly as Google did', async (file) => {
    const exact = await replay(file, false)
    const mapped = await replay(file, true)
    totals.exact += exact.ok
    totals.mapped += mapped.ok
    totals.all += exact.total
    expect(mapped.firstBad).toBeUndefined()
    expect(mapped.ok).toBe(mapped.total)
    if (!usesServerIds(file)) {
      expect(exact.firstBad).toBeUndefined()
      expect(exact.ok).toBe(exact.total)
    }
  })

  afterAll(() => {
    const pct = (n: number) => ((100 * n) / Math.max(1, totals.all)).toFixed(1)
    console.log(
      `conformance (reference rules): ${totals.exact}/${totals.all} interactions match (${pct(totals.exact)} %)\n` +
        `conformance (server-assigned range ids mapped): ${totals.mapped}/${totals.all} interactions match (${pct(totals.mapped)} %)`,
    )
  })
})
