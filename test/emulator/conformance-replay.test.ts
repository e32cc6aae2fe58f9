/**
 * Replays the recorded gspread traffic (real Google answers, 2023), vendored in ./cassettes with
 * its licence, against the emulator with the rules of the reference replayer (ported in
 * cassette-replay.ts). Only files that are cassettes by shape are loaded: the folder also holds
 * its licence and a biome.json that keeps the formatter off the recordings.
 *
 * Google draws namedRangeId and protectedRangeId at random and the reference rules map only
 * spreadsheet and sheet ids, so three cassettes cannot match byte for byte on any emulator. They
 * are checked with those two ids mapped the same way sheet ids are; every other cassette must
 * match under the reference rules exactly.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator/index'
import { appSender, type Cassette, isCassette, type ReplayResult, replayCassette } from './cassette-replay'

const DIR = new URL('./cassettes/', import.meta.url)

/** The recordings as vendored: 52 cassettes, 816 interactions. */
const EXPECTED = { cassettes: 52, interactions: 816 } as const
/** Interactions matching under the reference rules: all but the 10 that carry Google's random range ids. */
const EXPECTED_REFERENCE_MATCHES = 806

const cassettes = new Map<string, { readonly cassette: Cassette; readonly serverIds: boolean }>()
for (const file of readdirSync(DIR).sort()) {
  if (!file.endsWith('.json')) continue
  const text = readFileSync(new URL(file, DIR), 'utf8')
  const json: unknown = JSON.parse(text)
  if (isCassette(json))
    cassettes.set(file, { cassette: json, serverIds: /"(namedRangeId|protectedRangeId)\\?"/.test(text) })
}
const files = [...cassettes.keys()]

interface FileReplay {
  readonly exact: ReplayResult
  readonly mapped: ReplayResult
}

async function replay(file: string, mapServerAssignedIds: boolean): Promise<ReplayResult> {
  const entry = cassettes.get(file)
  if (entry === undefined) throw new Error(`no cassette ${file}`)
  const emulator = createEmulator()
  return replayCassette(
    entry.cassette,
    appSender((req) => emulator.app.fetch(req)),
    { mapServerAssignedIds },
  )
}

/** Each file replayed once per run, however many tests ask (any single test also runs alone). */
const replays = new Map<string, Promise<FileReplay>>()
const replayed = (file: string): Promise<FileReplay> => {
  let p = replays.get(file)
  if (p === undefined) {
    p = Promise.all([replay(file, false), replay(file, true)]).then(([exact, mapped]) => ({ exact, mapped }))
    replays.set(file, p)
  }
  return p
}

describe('conformance with recorded Google traffic', () => {
  it('loads every vendored cassette and nothing else', () => {
    expect(cassettes.size).toBe(EXPECTED.cassettes)
    expect(readdirSync(DIR).filter((f) => !cassettes.has(f))).toEqual(['LICENSE.txt', 'biome.json'])
  })

  it.each(files)('answers %s exactly as Google did', async (file) => {
    const { exact, mapped } = await replayed(file)
    expect(mapped.firstBad).toBeUndefined()
    expect(mapped.ok).toBe(mapped.total)
    if (!cassettes.get(file)?.serverIds) {
      expect(exact.firstBad).toBeUndefined()
      expect(exact.ok).toBe(exact.total)
    }
  })

  it(`matches ${EXPECTED_REFERENCE_MATCHES}/${EXPECTED.interactions} interactions under the reference rules and all ${EXPECTED.interactions} with Google's random range ids mapped`, async () => {
    const all = await Promise.all(files.map(replayed))
    const sum = (pick: (r: FileReplay) => number) => all.reduce((n, r) => n + pick(r), 0)
    const totals = {
      interactions: sum((r) => r.exact.total),
      reference: sum((r) => r.exact.ok),
      mapped: sum((r) => r.mapped.ok),
    }
    expect(totals).toEqual({
      interactions: EXPECTED.interactions,
      reference: EXPECTED_REFERENCE_MATCHES,
      mapped: EXPECTED.interactions,
    })
  })
})
