// A row still being typed is left alone (issue 7.10): typed cell by cell in the sheet, it gets
// neither an id nor a message while it misses a required cell and keeps changing; complete, it
// gets its id at the next sync; left incomplete for the delay (a minute in production),
// it gets its message from the sync the alarm runs; emptied again, it keeps no id. (Delay: 3 s here.)
import { runDurableObjectAlarm } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import {
  type LedgerStub,
  OWN_CASEBOOK,
  openCaseAndGoal,
  provisionCasebook,
  rowsByKey,
  sheetIds,
  sleep,
  staffTypesRows,
  TEST_TUNING,
} from '../support/casebook'
import { staffEdit } from '../support/emulator-control'

const nextSheet = sheetIds('ledger-typing')
const DELAY_MS = 3000

async function casebook(): Promise<{ sheet: string; stub: LedgerStub; goalId: string }> {
  const sheet = nextSheet()
  const stub = await provisionCasebook(sheet, { ...TEST_TUNING, typingDelayMs: DELAY_MS, syncCoalesceMs: 0 })
  const { goalId } = await openCaseAndGoal(stub)
  await stub.sync('api')
  return { sheet, stub, goalId }
}

/** Sessions as [session_id, task, _status], data rows only; an empty cell is null ('' inside a row). */
const sessions = async (sheet: string) =>
  (await rowsByKey(sheet, 'sessions')).map((r) => [r.session_id, r.task, r._status].map((c) => (c === '' ? null : c)))

describe('a session row typed in the sheet', OWN_CASEBOOK, () => {
  it('gets neither an id nor a message while it is incomplete and new', async () => {
    const { sheet, stub } = await casebook()
    await staffEdit(sheet, 'Sessions!B2', [['K-0001']])
    const report = await stub.sync('api')
    expect(report.ok && report.value).toMatchObject({ ids_assigned: 0 })
    expect(await sessions(sheet)).toEqual([[null, null, null]])
  })

  it('gets its id at the next sync once every required cell is filled', async () => {
    const { sheet, stub, goalId } = await casebook()
    await staffEdit(sheet, 'Sessions!B2:C2', [['K-0001', goalId]])
    await stub.sync('api')
    await staffEdit(sheet, 'Sessions!D2:F2', [['2025-03-04', 'menyapu teras', 'minimal']])
    await staffEdit(sheet, 'Sessions!J2', [['peksos-uji']])
    const report = await stub.sync('api')
    expect(report.ok && report.value).toMatchObject({ ids_assigned: 1 })
    expect(await sessions(sheet)).toEqual([['S-0001', 'menyapu teras', null]])
  })

  it('waits again after each change, then gets its id and message from the sync the alarm runs', async () => {
    const { sheet, stub } = await casebook()
    await staffEdit(sheet, 'Sessions!B2', [['K-0001']])
    await stub.sync('api')
    await sleep(DELAY_MS / 2)
    // Another cell typed: the delay starts again from this content.
    await staffEdit(sheet, 'Sessions!E2', [['menyapu teras']])
    await stub.sync('api')
    await sleep(DELAY_MS / 2)
    await stub.sync('api')
    expect(await sessions(sheet)).toEqual([[null, 'menyapu teras', null]])
    // Left alone: the sync the alarm runs when the delay is over judges it — an id and what is
    // missing. No sync is asked for from here on.
    const deadline = Date.now() + 2 * DELAY_MS
    let row: unknown[] | undefined
    do {
      await sleep(100)
      await runDurableObjectAlarm(stub)
      ;[row] = await sessions(sheet)
    } while (row?.[0] === null && Date.now() < deadline)
    expect(row?.[0]).toBe('S-0001')
    expect(String(row?.[2])).toMatch(/wajib diisi/)
  })

  it('keeps no id once emptied again', async () => {
    const { sheet, stub, goalId } = await casebook()
    const typed = {
      case_id: 'K-0001',
      goal_id: goalId,
      date: '2025-03-04',
      task: 'menyapu teras',
      assistance: 'minimal',
      worker: 'peksos-uji',
    }
    await staffTypesRows(sheet, 'sessions', 2, [typed])
    await stub.sync('api')
    expect(await sessions(sheet)).toEqual([['S-0001', 'menyapu teras', null]])
    // The person clears what they typed (the id column is the system's).
    await staffEdit(sheet, 'Sessions!B2:L2', [['', '', '', '', '', '', '', '', '', '', '']])
    await stub.sync('api')
    expect(await sessions(sheet)).toEqual([])
    const listed = await stub.listSessions({ staffId: 'peksos-uji', role: 'worker' }, 'K-0001')
    expect(listed.ok && listed.value).toEqual([])
  })
})
