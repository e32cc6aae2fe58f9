// 500 sessions POSTed at once through HTTP into one spreadsheet: every row lands in the sheet
// exactly once, and the ledger's group commit turns them into a handful of Google write calls
// (printed), with the production quota of 50 writes a minute and a burst of 5.
import { beforeAll, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../src/ledger/contract'
import { PRODUCTION_QUOTA_TUNING, rowsByKey } from '../support/casebook'
import { emulatorStats } from '../support/emulator-control'
import { type Client, captureLogs, seededRealCentre } from './support/real-ledger'

const SHEET = 'http-concurrency'
const N = 500
let client: Client

captureLogs()

beforeAll(async () => {
  client = await seededRealCentre(SHEET, PRODUCTION_QUOTA_TUNING)
}, 60_000)

describe(`${N} concurrent POST /api/sessions`, () => {
  it('puts every row in the sheet exactly once with far fewer than 500 Google write calls', async () => {
    const token = await client.token('peksos-uji', 'worker')
    const before = await emulatorStats(SHEET)
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const res = await client.send('/api/sessions', {
          token,
          headers: { 'Idempotency-Key': `serentak-${i}` },
          json: {
            case_id: 'K-0001',
            goal_id: 'T-0001',
            date: '2025-03-12',
            task: `tugas ${i % 7}`,
            assistance: 'sebagian',
            worker: 'peksos-uji',
            notes: `percobaan ${i}`,
          },
        })
        return { status: res.status, body: await res.json<{ session_id: string; sync: string }>() }
      }),
    )
    const answeredMs = Date.now() - started
    expect(answers.every((a) => a.status === 201 || a.status === 202)).toBe(true)
    // Rows answered 202 are durably queued; wait for the outbox to drain.
    const coordinator = await client.token('koordinator-uji', 'coordinator')
    for (let i = 0; i < 300; i++) {
      const status = await (await client.send('/api/sync/status', { token: coordinator })).json<SyncStatus>()
      if (status.outbox === 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const after = await emulatorStats(SHEET)
    const writes = after.writes - before.writes
    const sessions = await rowsByKey(SHEET, 'sessions')
    const ids = answers.map((a) => a.body.session_id)
    expect(new Set(ids).size).toBe(N)
    expect(sessions).toHaveLength(N)
    expect(new Set(sessions.map((s) => s.session_id))).toEqual(new Set(ids))
    expect(new Set(sessions.map((s) => s.notes)).size).toBe(N)
    const created = answers.filter((a) => a.status === 201).length
    const byMethod = Object.fromEntries(
      Object.entries(after.by_method)
        .map(([method, n]) => [method, n - (before.by_method[method] ?? 0)])
        .filter(([, n]) => n !== 0),
    )
    console.info(
      `[http concurrency] ${N} POST /api/sessions: ${created} × 201, ${N - created} × 202; ` +
        `${writes} Google write calls (all Google calls: ${JSON.stringify(byMethod)}); answered in ${answeredMs} ms`,
    )
    expect(writes).toBeLessThan(N / 10)
  }, 120_000)
})
