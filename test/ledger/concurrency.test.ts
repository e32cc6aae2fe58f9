// 500 sessions submitted at once into one spreadsheet's ledger: each lands in the sheet exactly
// once, and the flush's group commit turns them into 1–2 Google writes (the README's figure: the
// first row leaves alone, the other 499 ride the next write), within the production quota (50
// writes a minute, a burst of 5).
import { beforeAll, describe, expect, it } from 'vitest'
import {
  A_SESSION,
  columnValues,
  field,
  type LedgerStub,
  openCaseAndGoal,
  PRODUCTION_QUOTA_TUNING,
  provisionCasebook,
  WORKER,
} from '../support/casebook'
import { emulatorStats } from '../support/emulator-control'

const SHEET = 'ledger-concurrency'
const N = 500

let stub: LedgerStub
let goalId = ''

beforeAll(async () => {
  stub = await provisionCasebook(SHEET, PRODUCTION_QUOTA_TUNING)
  goalId = (await openCaseAndGoal(stub, { goal: { title: 'Menyiapkan bekal', target_count: 5 } })).goalId
})

describe('500 concurrent submissions', () => {
  it('puts every row in the sheet exactly once in 1–2 write calls', async () => {
    const before = await emulatorStats(SHEET)
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        stub.submit({
          tab: 'sessions',
          row: { ...A_SESSION, case_id: 'K-0001', goal_id: goalId, task: `tugas ${i % 5}`, notes: `=catatan ${i}` },
          actor: WORKER,
          bodyHash: `s${i}`,
          idempotencyKey: `k${i}`,
        }),
      ),
    )
    const elapsed = Date.now() - started
    const flushed = await emulatorStats(SHEET)
    const accepted = answers.map((a) => (a.ok ? field(a.value.row, 'session_id') : `error:${JSON.stringify(a.error)}`))
    expect(accepted.filter((id) => id.startsWith('error'))).toEqual([])
    const sync = await stub.sync('api')
    const inSheet = await columnValues(SHEET, 'Sessions', 'ID Sesi')
    expect([...inSheet].sort()).toEqual([...accepted].sort())
    const notes = await columnValues(SHEET, 'Sessions', 'Catatan')
    expect(notes.filter((n) => typeof n === 'string' && n.startsWith('=catatan'))).toHaveLength(N)
    const writes =
      (flushed.by_method['spreadsheets.batchUpdate'] ?? 0) - (before.by_method['spreadsheets.batchUpdate'] ?? 0)
    const synced = answers.filter((a) => a.ok && a.value.status === 201).length
    console.log(
      `[ledger] ${N} concurrent submissions: ${writes} write calls, ` +
        `${synced} answered 201, ${N - synced} answered 202, ${elapsed} ms`,
    )
    expect(writes).toBeGreaterThanOrEqual(1)
    expect(writes).toBeLessThanOrEqual(2)
    expect(flushed.reads - before.reads).toBe(0)
    // The flush kept Progress and Dashboard current: the sync after it reads once and writes nothing.
    expect(sync.ok && sync.value).toMatchObject({ google_calls: 1, cells_written: 0 })
  }, 60_000)
})
