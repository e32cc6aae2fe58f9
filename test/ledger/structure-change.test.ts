// Column moves noticed at once: the Apps Script onChange webhook tells the ledger the sheet's
// structure changed, and the next write binds the header again (1 read) before it places rows —
// even when the webhook's sync is coalesced into a later one. Edits cost no read; a binding no
// sync has confirmed for `layoutMaxAgeMs` is checked before a write too.
import { beforeAll, describe, expect, it } from 'vitest'
import { columnOf, isoToSerial, LOG_COLUMNS } from '../../src/domain'
import {
  A_CASE,
  COORDINATOR,
  field,
  type LedgerStub,
  openCaseAndGoal,
  provisionCasebook,
  rowsByLabel,
  sleep,
  TEST_TUNING,
  WORKER,
} from '../support/casebook'
import { emulatorStats, staffBatchUpdate } from '../support/emulator-control'

const SHEET = 'ledger-structure-change'
const AGE_SHEET = 'ledger-structure-age'
const SHEET_IDS = { sessions: 4, progress: 5, log: 10 } as const

const sessionLabel = (key: string) => columnOf('sessions', key).label.id
const logLabel = (key: string) => LOG_COLUMNS.find((c) => c.key === key)?.label.id ?? key

let stub: LedgerStub
let goalId = ''

const session = (task: string) => ({
  case_id: 'K-0001',
  goal_id: goalId,
  date: '2025-03-04',
  task,
  assistance: 'minimal' as const,
  worker: 'peksos-uji',
  duration_min: 30,
  notes: 'lancar',
})

const move = (sheetId: number, startIndex: number, endIndex: number, destinationIndex: number) => ({
  moveDimension: { source: { sheetId, dimension: 'COLUMNS', startIndex, endIndex }, destinationIndex },
})

/** Google calls (reads, writes) made on `sheet` while `fn` runs. */
async function callsDuring(fn: () => Promise<unknown>, sheet = SHEET): Promise<{ reads: number; writes: number }> {
  const before = await emulatorStats(sheet)
  await fn()
  const after = await emulatorStats(sheet)
  return { reads: after.reads - before.reads, writes: after.writes - before.writes }
}

beforeAll(async () => {
  // Webhook syncs within a minute of the last sync are coalesced: only the onChange hint is left
  // to protect the next write.
  stub = await provisionCasebook(SHEET, { ...TEST_TUNING, syncCoalesceMs: 60_000 })
  goalId = (await openCaseAndGoal(stub)).goalId
  await stub.sync('api')
})

describe('a structural change reported by the onChange webhook', () => {
  it('makes the next API submission land every value under the right header', async () => {
    await stub.sync('api')
    // Staff drag ID Kasus, ID Tujuan and Tanggal sesi to the end of Sessions, the goal's case id
    // to the middle of Progress and the event text to the end of Log.
    await staffBatchUpdate(SHEET, [
      move(SHEET_IDS.sessions, 1, 4, 12),
      move(SHEET_IDS.progress, 0, 1, 5),
      move(SHEET_IDS.log, 1, 2, 5),
    ])
    let id = ''
    const calls = await callsDuring(async () => {
      const hinted = await stub.sync('webhook', 'OTHER')
      expect(hinted.ok).toBe(true)
      const saved = await stub.submit({ tab: 'sessions', row: session('menyapu teras'), actor: WORKER, bodyHash: 'm1' })
      expect(saved.ok && saved.value.status).toBe(201)
      id = saved.ok ? field(saved.value.row, 'session_id') : ''
    })
    // The coalesced webhook read nothing; the flush bound the header again, then wrote once.
    expect(calls).toEqual({ reads: 1, writes: 1 })

    const sessions = await rowsByLabel(SHEET, 'Sessions')
    expect(sessions.find((s) => s[sessionLabel('session_id')] === id)).toMatchObject({
      [sessionLabel('case_id')]: 'K-0001',
      [sessionLabel('goal_id')]: goalId,
      [sessionLabel('date')]: isoToSerial('2025-03-04'),
      [sessionLabel('task')]: 'menyapu teras',
      [sessionLabel('assistance')]: 'minimal',
      [sessionLabel('worker')]: 'peksos-uji',
      [sessionLabel('duration_min')]: 30,
      [sessionLabel('notes')]: 'lancar',
    })
    const progress = await rowsByLabel(SHEET, 'Progress')
    expect(progress.map((p) => [p['ID Kasus'], p['ID Tujuan']])).toEqual([['K-0001', goalId]])
    const log = await rowsByLabel(SHEET, 'Log')
    expect(log.at(-1)).toMatchObject({ [logLabel('event')]: 'Baris dari API disimpan', [logLabel('ids')]: id })
  })

  it.each([
    ['an edit (no change type)', undefined],
    ['a cell edit', 'EDIT'],
    ['rows inserted', 'INSERT_ROW'],
    ['rows removed', 'REMOVE_ROW'],
  ])('costs no read after %s: the binding is trusted', async (_name, change) => {
    await stub.sync('api')
    const calls = await callsDuring(async () => {
      await stub.sync('webhook', change)
      const saved = await stub.submit({
        tab: 'sessions',
        row: session('mengelap meja'),
        actor: WORKER,
        bodyHash: `e${change}`,
      })
      expect(saved.ok && saved.value.status).toBe(201)
    })
    expect(calls).toEqual({ reads: 0, writes: 1 })
  })

  it.each(['INSERT_COLUMN', 'REMOVE_COLUMN', 'INSERT_GRID', 'REMOVE_GRID', 'OTHER'])(
    'binds again before the next write after %s',
    async (change) => {
      await stub.sync('api')
      const calls = await callsDuring(async () => {
        await stub.sync('webhook', change)
        await stub.submit({ tab: 'sessions', row: session('menyiram tanaman'), actor: WORKER, bodyHash: `s${change}` })
        // Bound once: the write after it trusts the fresh binding.
        await stub.submit({ tab: 'sessions', row: session('menyiram bunga'), actor: WORKER, bodyHash: `t${change}` })
      })
      expect(calls).toEqual({ reads: 1, writes: 2 })
    },
  )
})

describe('a binding no sync has confirmed for a while', () => {
  let aged: LedgerStub

  beforeAll(async () => {
    aged = await provisionCasebook(AGE_SHEET, { ...TEST_TUNING, layoutMaxAgeMs: 1000 })
    await openCaseAndGoal(aged)
  })

  const agedCalls = (fn: () => Promise<unknown>) => callsDuring(fn, AGE_SHEET)

  const submit = (n: number) =>
    aged.submit({
      tab: 'cases',
      row: { ...A_CASE, initials: `A${String.fromCharCode(65 + n)}` },
      actor: COORDINATOR,
      bodyHash: `age${n}`,
    })

  it('is bound again (1 read) before a write, once', async () => {
    await sleep(1100)
    expect(await agedCalls(() => submit(1))).toEqual({ reads: 1, writes: 1 })
    expect(await agedCalls(() => submit(2))).toEqual({ reads: 0, writes: 1 })
  })

  it('is confirmed for free by a sync whose header labels match', async () => {
    await sleep(1100)
    expect(await agedCalls(() => aged.sync('api'))).toEqual({ reads: 1, writes: 0 })
    expect(await agedCalls(() => submit(3))).toEqual({ reads: 0, writes: 1 })
  })
})
