// "Today" for a centre: the one todayIn the ledger and the HTTP edge share, and the ledger's day
// flipping at local midnight in Jakarta (UTC+7) — for its date checks and for the Progress tab —
// while the same instants are still the previous day in UTC.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Clock, dateTimeSerialInZone, todayIn } from '../../src/ledger/clock'
import { parseLedgerConfig } from '../../src/ledger/config'
import type { LedgerResult } from '../../src/ledger/contract'
import { createLedgerEngine, type LedgerEngine } from '../../src/ledger/ledger-engine'
import { createStaticTokenSource } from '../../src/sheets'
import {
  A_CASE,
  A_GOAL,
  COORDINATOR,
  columnValues,
  field,
  type LedgerStub,
  provisionCasebook,
  WORKER,
} from '../support/casebook'
import { accessToken } from '../support/emulator-control'

/** 23:59 on 20 March 2025 in Jakarta, and two minutes later 00:01 on the 21st; both are 20 March in UTC. */
const BEFORE_MIDNIGHT = Date.parse('2025-03-20T16:59:00Z')
const AFTER_MIDNIGHT = Date.parse('2025-03-20T17:01:00Z')

describe('todayIn', () => {
  it.each([
    ['Asia/Jakarta', BEFORE_MIDNIGHT, '2025-03-20'],
    ['Asia/Jakarta', AFTER_MIDNIGHT, '2025-03-21'],
    ['UTC', AFTER_MIDNIGHT, '2025-03-20'],
    ['Asia/Jayapura', Date.parse('2025-12-31T14:59:59Z'), '2025-12-31'],
    ['Asia/Jayapura', Date.parse('2025-12-31T15:00:00Z'), '2026-01-01'],
  ])('in %s at %d is %s', (zone, at, date) => {
    expect(todayIn(zone, at)).toBe(date)
  })

  it('agrees with the date-time serial of the Log tab on the day', () => {
    // 2025-03-21 is serial 45737; 00:01 is 60 s into it.
    expect(dateTimeSerialInZone(AFTER_MIDNIGHT, 'Asia/Jakarta')).toBeCloseTo(45737 + 60 / 86_400, 9)
  })
})

const SHEET = 'ledger-day-boundary'
let stub: LedgerStub

beforeAll(async () => {
  stub = await provisionCasebook(SHEET)
}, 60_000)

describe("the ledger's today", () => {
  it('flips at midnight in Jakarta, not in UTC: a consent date and the Progress tab follow it', async () => {
    let now = BEFORE_MIDNIGHT
    const clock: Clock = { now: () => now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }
    const config = parseLedgerConfig(env as unknown as Record<string, unknown>)
    if (!config.ok) throw new Error(`config: ${config.error.keys.join(',')}`)
    const token = await accessToken()
    const daysSince = () => columnValues(SHEET, 'Progress', 'Hari sejak sesi terakhir')
    await runInDurableObject(stub, async (_instance, state) => {
      // An engine of its own on the object's storage, with a clock the test moves (the
      // object's own engine stays idle: nothing calls it).
      const engine: LedgerEngine = createLedgerEngine({
        store: { sql: state.storage.sql, transactionSync: (fn) => state.storage.transactionSync(fn) },
        alarms: { get: async () => null, set: async () => {}, clear: async () => {} },
        config: config.value,
        spreadsheetId: SHEET,
        fetch: (input, init) => fetch(input, init),
        clock,
        log: () => {},
        tokenSource: createStaticTokenSource(token),
      })
      const ok = <T>(answer: LedgerResult<T>): T => {
        if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.error)}`)
        return answer.value
      }
      const consentOn = (consent_date: string) =>
        engine.submit({ tab: 'cases', row: { ...A_CASE, consent_date }, actor: COORDINATOR, bodyHash: consent_date })
      ok(await engine.sync('api'))

      // 23:59 on the 20th: the 21st is tomorrow.
      const early = await consentOn('2025-03-21')
      expect(early.ok || early.error).toMatchObject({
        kind: 'invalid_row',
        issues: [{ field: 'consent_date', code: 'date_in_future' }],
      })
      const caseId = field(ok(await consentOn('2025-03-17')).row, 'case_id')
      const goal = ok(
        await engine.submit({
          tab: 'goals',
          row: { ...A_GOAL, case_id: caseId, start_date: '2025-03-17' },
          actor: WORKER,
          bodyHash: 'goal',
        }),
      )
      ok(
        await engine.submit({
          tab: 'sessions',
          row: {
            case_id: caseId,
            goal_id: field(goal.row, 'goal_id'),
            date: '2025-03-20',
            task: 'menyapu teras',
            assistance: 'minimal',
            worker: 'peksos-uji',
          },
          actor: WORKER,
          bodyHash: 'session',
        }),
      )
      ok(await engine.sync('api'))
      expect(await daysSince()).toEqual([0])

      // 00:01 on the 21st in Jakarta (still the 20th in UTC): the same consent date is today.
      now = AFTER_MIDNIGHT
      expect(ok(await consentOn('2025-03-21')).row).toMatchObject({ consent_date: '2025-03-21' })
      ok(await engine.sync('api'))
      expect(await daysSince()).toEqual([1])
    })
  })
})
