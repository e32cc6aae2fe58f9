/**
 * A casebook spreadsheet for the ledger and HTTP integration tests: built in the shared emulator
 * by the real template, its Staff and Settings tabs typed in as a coordinator would, and the
 * spreadsheet's ledger Durable Object tuned for tests. Also the staff and actors that centre
 * knows, set-up steps through the ledger's RPC, and ways to read the tabs back. Synthetic staff
 * ids and initials only. Each test file uses its own spreadsheet ids (see emulator-control.ts).
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { buildTemplate } from '../../sheets-template/build-template'
import { type InputOf, TABLES, type TabKey } from '../../src/domain'
import { TUNING_OVERRIDE_KEY, type Tuning } from '../../src/ledger/config'
import type { Actor, Role, SubmitRequest } from '../../src/ledger/contract'
import type { Ledger } from '../../src/ledger/ledger'
import { writeState } from '../../src/ledger/store'
import { type Cell, createSpreadsheet, sheetsApi, staffEdit, tabValues } from './emulator-control'
import { WORKED_HOLIDAYS } from './worked-example'

export type LedgerStub = DurableObjectStub<Ledger>

/**
 * The centre's staff in the order of the Staff tab, from row 2: peksos-lain is row 5 (tests
 * untick its `active` cell, D5). `peksos@uji.example` is peksos-uji's email: a case's worker may
 * name either.
 */
export const STAFF = [
  { staff_id: 'admin-uji', email: '', role: 'admin', active: true },
  { staff_id: 'koordinator-uji', email: 'koordinator@uji.example', role: 'coordinator', active: true },
  { staff_id: 'peksos-uji', email: 'peksos@uji.example', role: 'worker', active: true },
  { staff_id: 'peksos-lain', email: '', role: 'worker', active: true },
  { staff_id: 'peksos-nonaktif', email: '', role: 'worker', active: false },
] as const satisfies readonly { staff_id: string; email: string; role: Role; active: boolean }[]

export const ADMIN: Actor = { staffId: 'admin-uji', role: 'admin' }
export const COORDINATOR: Actor = { staffId: 'koordinator-uji', role: 'coordinator' }
export const WORKER: Actor = { staffId: 'peksos-uji', role: 'worker' }
export const OTHER_WORKER: Actor = { staffId: 'peksos-lain', role: 'worker' }

/**
 * Tuning for tests: quick retries, a quota no test reaches by accident, a submit budget and a
 * Google timeout generous enough for a loaded 2-core machine, and a short grace after timeouts.
 * Tests that are about the quota, the budget or timeouts override those knobs.
 */
export const TEST_TUNING: Partial<Tuning> = {
  submitBudgetMs: 5000,
  writesPerMinute: 60_000,
  writeBurst: 1000,
  readsPerMinute: 60_000,
  readBurst: 1000,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  layoutBackoffMs: 200,
  watchdogMs: 2000,
  syncCoalesceMs: 300,
  googleTimeoutMs: 2000,
  uncertainGraceMs: 600,
  logLevel: 'warn',
}

/**
 * TEST_TUNING under Google's production quota (50 writes and 50 reads a minute, bursts of 5) and
 * the production per-call timeout (a write of hundreds of rows can take seconds on a loaded test
 * machine; TEST_TUNING's 2 s would turn it into an unknown outcome), with a budget long enough for
 * hundreds of concurrent rows: for tests of the group commit.
 */
export const PRODUCTION_QUOTA_TUNING: Partial<Tuning> = {
  ...TEST_TUNING,
  googleTimeoutMs: 30_000,
  writesPerMinute: 50,
  writeBurst: 5,
  readsPerMinute: 50,
  readBurst: 5,
  submitBudgetMs: 10_000,
}

/**
 * A fresh casebook: the template applied, the Staff tab and domain.md's holiday typed in, and
 * its ledger tuned (stored as an override, then a fresh instance). Returns the ledger's stub.
 */
export async function provisionCasebook(
  spreadsheetId: string,
  tuning: Partial<Tuning> = TEST_TUNING,
): Promise<LedgerStub> {
  await createSpreadsheet(spreadsheetId)
  await sheetsApi(`/v4/spreadsheets/${spreadsheetId}:batchUpdate`, {
    method: 'POST',
    body: JSON.stringify({ requests: buildTemplate().requests }),
  })
  const staff = STAFF.map((s) => [s.staff_id, s.email, s.role, s.active])
  await staffEdit(spreadsheetId, `Staff!A2:D${1 + staff.length}`, staff)
  const holidays = WORKED_HOLIDAYS.map((date) => [date, 'libur uji'])
  await staffEdit(spreadsheetId, `Settings!A2:B${1 + holidays.length}`, holidays)
  const stub: LedgerStub = env.LEDGER.getByName(spreadsheetId)
  await runInDurableObject(stub, (_instance: Ledger, state) => {
    writeState(
      { sql: state.storage.sql, transactionSync: (fn) => state.storage.transactionSync(fn) },
      TUNING_OVERRIDE_KEY,
      tuning,
    )
  })
  await evictDurableObject(stub)
  return stub
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Options of a describe whose tests provision their own casebook: the template, the staff and a
 * few rows take seconds on a busy 2-core machine, past Vitest's default 5 s.
 */
export const OWN_CASEBOOK = { timeout: 30_000 } as const

/**
 * Spreadsheet ids for a test file whose tests each need a casebook of their own (so any single
 * test passes alone, `vitest -t`): `${prefix}-1`, `${prefix}-2`, … in the order tests ask.
 */
export function sheetIds(prefix: string): () => string {
  let n = 0
  return () => `${prefix}-${++n}`
}

/**
 * A field of an accepted row. The Durable Object stub's RPC types lose the generic of `submit`
 * (the row comes back as the union of all rows), so tests read ids through this.
 */
export const field = (row: object, key: string): string => String((row as Record<string, unknown>)[key])

/** A set-up step: the ledger accepts the row (a refusal fails the set-up), which is returned. */
export async function accepted(stub: LedgerStub, request: SubmitRequest): Promise<object> {
  const answer = await stub.submit(request)
  if (!answer.ok) throw new Error(`set-up ${request.tab} refused: ${JSON.stringify(answer.error)}`)
  return answer.value.row
}

/** A valid case of peksos-uji, before consent (openCaseAndGoal records consent on 2025-01-02). */
export const A_CASE = {
  initials: 'AB',
  sex: 'L',
  birth_date: '2012-04-01',
  cluster: 'anak',
  service: 'residensial',
  worker: 'peksos-uji',
  stage: 'implementasi',
  status: 'aktif',
} as const satisfies InputOf<'cases'>

/** A valid goal (without its case) open from 2025-01-06 for 300 working days. */
export const A_GOAL = {
  title: 'Menyapu halaman',
  method: 'casework',
  start_date: '2025-01-06',
  duration_days: 300,
  target_count: 2,
  mastery_level: 4,
  success_level: 3,
  weight: 1,
} as const satisfies Omit<InputOf<'goals'>, 'case_id'>

/** A valid session of peksos-uji (without its case and goal), within A_GOAL. */
export const A_SESSION = {
  date: '2025-03-04',
  task: 'menyapu teras',
  assistance: 'minimal',
  worker: 'peksos-uji',
} as const satisfies Omit<InputOf<'sessions'>, 'case_id' | 'goal_id'>

/**
 * A coordinator opens a case for peksos-uji (A_CASE, consent given), and peksos-uji adds a goal
 * to it (A_GOAL); `over` replaces what a test is about. In a fresh casebook: K-0001 and T-0001.
 */
export async function openCaseAndGoal(
  stub: LedgerStub,
  over: { readonly case?: Partial<InputOf<'cases'>>; readonly goal?: Partial<Omit<InputOf<'goals'>, 'case_id'>> } = {},
): Promise<{ readonly caseId: string; readonly goalId: string }> {
  const opened = await accepted(stub, {
    tab: 'cases',
    row: { ...A_CASE, consent_date: '2025-01-02', ...over.case },
    actor: COORDINATOR,
    bodyHash: 'case',
  })
  const caseId = field(opened, 'case_id')
  const goal = await accepted(stub, {
    tab: 'goals',
    row: { ...A_GOAL, ...over.goal, case_id: caseId },
    actor: WORKER,
    bodyHash: 'goal',
  })
  return { caseId, goalId: field(goal, 'goal_id') }
}

/**
 * Waits until the ledger's outbox is empty: the flush retries on its own timer after a backoff,
 * or, with `runAlarm`, the test fires the object's alarm each round (after a restart, or to not
 * wait for a long backoff). Fails the test after `timeoutMs`.
 */
export async function drained(
  stub: LedgerStub,
  { runAlarm = false, intervalMs = 30, timeoutMs = 5000 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { outbox } = await stub.syncStatus()
    if (outbox === 0) return
    if (Date.now() > deadline) throw new Error(`outbox still holds ${outbox} rows after ${timeoutMs} ms`)
    if (runAlarm) await runDurableObjectAlarm(stub)
    await sleep(intervalMs)
  }
}

/** A sheet row for `values` by column key, in the template's column order. */
export const rowOf = (tab: TabKey, values: Readonly<Record<string, Cell>>): Cell[] =>
  TABLES[tab].columns.map((c) => values[c.key] ?? '')

/** A person typing whole rows into a tab from sheet row `firstRow` (1-based), cells by column key. */
export async function staffTypesRows(
  spreadsheetId: string,
  tab: TabKey,
  firstRow: number,
  rows: readonly Readonly<Record<string, Cell>>[],
): Promise<void> {
  const lastColumn = String.fromCharCode(64 + TABLES[tab].columns.length)
  const range = `${TABLES[tab].title}!A${firstRow}:${lastColumn}${firstRow + rows.length - 1}`
  await staffEdit(
    spreadsheetId,
    range,
    rows.map((values) => rowOf(tab, values)),
  )
}

/** Rows of a tab as objects keyed by the header label (row 1), as a person reads them. */
export async function rowsByLabel(spreadsheetId: string, title: string): Promise<Record<string, Cell>[]> {
  const [header = [], ...rows] = await tabValues(spreadsheetId, title)
  return rows.map((row) => Object.fromEntries(header.map((label, i) => [String(label), row[i] ?? null])))
}

/** Rows of a tab keyed by column key (a label the template does not know stays a label). */
export async function rowsByKey(spreadsheetId: string, tab: TabKey): Promise<Record<string, Cell>[]> {
  const keyOf = new Map(TABLES[tab].columns.map((c) => [c.label.id, c.key]))
  const [header = [], ...rows] = await tabValues(spreadsheetId, TABLES[tab].title)
  const keys = header.map((label) => keyOf.get(String(label)) ?? String(label))
  return rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i] ?? null])))
}

/** The values of one column (by its header label), data rows only. */
export async function columnValues(spreadsheetId: string, title: string, label: string): Promise<Cell[]> {
  const [header = [], ...rows] = await tabValues(spreadsheetId, title)
  const index = header.indexOf(label)
  expect(index, `column ${label} in ${title}`).toBeGreaterThanOrEqual(0)
  return rows.map((row) => row[index] ?? null)
}
