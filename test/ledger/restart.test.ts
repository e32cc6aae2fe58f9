// A restart of the ledger object while a write is in flight: the row is durable before the write
// leaves, the watchdog alarm brings the object back, and a reconcile read decides — the row is
// confirmed if Google applied the lost write, sent again if it did not. Never lost, never twice.

import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/ledger/ledger'
import { A_CASE, COORDINATOR, columnValues, drained, provisionCasebook, sleep, TEST_TUNING } from '../support/casebook'
import { clearFaults, setFaults } from '../support/emulator-control'

/** Long enough for the checks right after the restart to see the row still in doubt. */
const GRACE_MS = 1500

describe('a restart of the ledger mid-flush', () => {
  it.each([
    { outcome: 'applied by Google', fault: 'ok', sheet: 'ledger-restart-applied', confirmedBy: 'reconcile' },
    { outcome: 'refused by Google (429)', fault: '429', sheet: 'ledger-restart-refused', confirmedBy: 'flush' },
  ] as const)(
    'keeps the row exactly once when the lost write was $outcome',
    async ({ fault, sheet, confirmedBy }) => {
      const stub = await provisionCasebook(sheet, {
        ...TEST_TUNING,
        submitBudgetMs: 0,
        watchdogMs: 1000,
        uncertainGraceMs: GRACE_MS,
      })
      await stub.sync('api')
      // The next write takes 400 ms to answer, so the object can be killed while it is in flight.
      await setFaults({ spreadsheet_id: sheet, methods: ['spreadsheets.batchUpdate'], latency_ms: 400, next: [fault] })
      const answer = await stub.submit({
        tab: 'cases',
        row: { ...A_CASE, initials: 'ST' },
        actor: COORDINATOR,
        bodyHash: 'st',
      })
      expect(answer.ok && answer.value).toMatchObject({ status: 202, sync: 'pending' })
      await sleep(150)
      const inFlight = await stub.syncStatus()
      expect([inFlight.outbox, inFlight.outbox_uncertain]).toEqual([1, 1])
      await runInDurableObject(stub, (_instance: Ledger, state) => state.abort('test: restart mid-flush')).catch(
        () => undefined,
      )
      await sleep(400)
      await clearFaults(sheet)

      const revived = env.LEDGER.getByName(sheet)
      const after = await revived.syncStatus()
      expect([after.outbox, after.outbox_uncertain]).toEqual([1, 1])
      // The watchdog alarm is armed; once the write can no longer land late, it reconciles.
      await sleep(GRACE_MS)
      await drained(revived, { runAlarm: true, intervalMs: 50 })
      expect((await revived.syncStatus()).outbox).toBe(0)
      expect(await columnValues(sheet, 'Cases', 'ID Kasus')).toEqual(['K-0001'])
      const listed = await revived.listCases(COORDINATOR, {})
      expect(listed.ok && listed.value.map((c) => [c.case_id, c.sync])).toEqual([['K-0001', 'synced']])
      // Found by a read (the write had landed) or sent again (it had not): the audit says which.
      const last = await runInDurableObject(revived, (_instance: Ledger, state) =>
        state.storage.sql
          .exec<{ action: string }>(
            "SELECT action FROM audit WHERE action IN ('flush', 'reconcile') ORDER BY seq DESC LIMIT 1",
          )
          .one(),
      )
      expect(last.action).toBe(confirmedBy)
    },
    30_000,
  )
})
