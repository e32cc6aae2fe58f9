// 500 sessions submitted at once into one spreadsheet's ledger: each lands in the sheet exactly
// once, and the flush's group commit turns them into a handful of Google writes, within the
// production quota (50 writes a minute, a burst of 5).
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
  it('puts every row in the sheet exactly once with far fewer than 500 write calls', async () => {
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
    const accepted = answers.map((a) => (a.ok ? field(a.value.row, 'session_id') : `error:${JSON.stringify(a.error)}`))
    expect(accepted.filter((id) => id.startsWith('error'))).toEqual([])
    await stub.sync('api')
    const inSheet = await columnValues(SHEET, 'Sessions', 'ID Sesi')
    expect([...inSheet].sort()).toEqual([...accepted].sort())
    const notes = await columnValues(SHEET, 'Sessions', 'Catatan')
    expect(notes.filter((n) => typeof n === 'string' && n.startsWith('=catatan'))).toHaveLength(N)
    const after = await emulatorStats(SHEET)
    const writes = after.by_method['spreadsheets.batchUpdate'] ?? 0
    const writesBefore = before.by_method['spreadsheets.batchUpdate'] ?? 0
    const synced = answers.filter((a) => a.ok && a.value.status === 201).length
    console.log(
      `[ledger] ${N} concurrent submissions: ${writes - writesBefore} write calls (incl. 1 sync), ` +
        `${synced} answered 201, ${N - synced} answered 202, ${elapsed} ms`,
    )
    expect(writes - writesBefore).toBeLessThan(20)
  }, 60_000)
})
