// 500 sessions submitted at once into one spreadsheet's ledger: each lands in the sheet exactly
// once, and the flush's group commit turns them into a handful of Google writes, within the
// production quota (50 writes a minute, a burst of 5).
import { beforeAll, describe, expect, it } from 'vitest'
import { COORDINATOR, columnValues, FAST, field, ledger, provisionCasebook, stats, WORKER } from './ledger-fixture'

const SHEET = 'ledger-concurrency'
const N = 500

let stub: Awaited<ReturnType<typeof ledger>>
let goalId = ''

beforeAll(async () => {
  await provisionCasebook(SHEET)
  stub = await ledger(SHEET, {
    ...FAST,
    writesPerMinute: 50,
    writeBurst: 5,
    readsPerMinute: 50,
    readBurst: 5,
    submitBudgetMs: 10_000,
  })
  const opened = await stub.submit({
    tab: 'cases',
    row: {
      initials: 'KL',
      sex: 'P',
      birth_date: '2013-04-05',
      cluster: 'anak',
      service: 'daycare',
      worker: 'peksos-uji',
      stage: 'implementasi',
      consent_date: '2025-01-02',
      status: 'aktif',
    },
    actor: COORDINATOR,
    bodyHash: 'case',
  })
  if (!opened.ok) throw new Error(JSON.stringify(opened.error))
  const goal = await stub.submit({
    tab: 'goals',
    row: {
      case_id: opened.value.row.case_id,
      title: 'Menyiapkan bekal',
      method: 'groupwork',
      start_date: '2025-01-06',
      duration_days: 200,
      target_count: 5,
      mastery_level: 4,
      success_level: 3,
      weight: 1,
    },
    actor: WORKER,
    bodyHash: 'goal',
  })
  if (!goal.ok) throw new Error(JSON.stringify(goal.error))
  goalId = field(goal.value.row, 'goal_id')
})

describe('500 concurrent submissions', () => {
  it('puts every row in the sheet exactly once with far fewer than 500 write calls', async () => {
    const before = await stats(SHEET)
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        stub.submit({
          tab: 'sessions',
          row: {
            case_id: 'K-0001',
            goal_id: goalId,
            date: '2025-02-03',
            task: `tugas ${i % 5}`,
            assistance: 'sebagian',
            worker: 'peksos-uji',
            notes: `=catatan ${i}`,
          },
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
    const after = await stats(SHEET)
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
