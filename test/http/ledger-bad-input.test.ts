// The bad-input corpus against the real Worker and ledger Durable Object: every request gets a
// 4xx problem+json with pointers (cross-row rules now come from the ledger's mirror of the
// sheet), never a 500, and nothing reaches the sheet.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CORPUS, expectProblem } from './support/bad-input-corpus'
import { type Client, captureLogs, provisionCasebook, realClient, seedCentre, tabRows } from './support/real-ledger'

const SHEET = 'http-bad-input'
let client: Client
let logs: unknown[] = []

beforeAll(async () => {
  logs = captureLogs()
  await provisionCasebook(SHEET)
  client = realClient(SHEET)
  await seedCentre(client)
}, 60_000)

afterAll(() => {
  vi.restoreAllMocks()
})

describe('bad input (real ledger)', () => {
  it.each(CORPUS)('answers $status problem+json for $name, in Indonesian and in English', async (bad) => {
    await expectProblem(client, bad)
  })

  it('wrote nothing to the sheet for any of them, and never answered 500', async () => {
    expect(await tabRows(SHEET, 'sessions')).toEqual([])
    expect((await tabRows(SHEET, 'assessments')).length).toBe(0)
    expect((await tabRows(SHEET, 'cases')).map((r) => r.case_id)).toEqual(['K-0001', 'K-0002', 'K-0003'])
    const statuses = logs.flatMap((l) => (typeof l === 'object' && l !== null && 'status' in l ? [l.status] : []))
    expect(statuses.filter((s) => s === 500)).toEqual([])
  })
})
