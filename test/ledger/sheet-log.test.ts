// The Log tab (src/ledger/sheet-log.ts): what the ledger did, in the sheet, at no extra Google
// call — a line per flush that saved rows, per sync that gave ids or changed statuses, and per
// upstream outage that lasted; ids and counts only, never what was typed; nothing at all (and
// nothing failing) when a sheet has no Log tab.
import { runInDurableObject } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { LOG_COLUMNS } from '../../src/domain'
import { dateTimeSerialInZone } from '../../src/ledger/clock'
import type { Ledger } from '../../src/ledger/ledger'
import {
  A_CASE,
  A_SESSION,
  COORDINATOR,
  drained,
  field,
  type LedgerStub,
  OWN_CASEBOOK,
  openCaseAndGoal,
  provisionCasebook,
  rowsByLabel,
  sheetIds,
  sleep,
  staffTypesRows,
  TEST_TUNING,
  WORKER,
} from '../support/casebook'
import { clearFaults, emulatorStats, setFaults, staffBatchUpdate } from '../support/emulator-control'

const nextSheet = sheetIds('ledger-sheet-log')
const NO_LOG_SHEET = 'ledger-sheet-log-missing'
const LOG_SHEET_ID = 10
const SECRET_NOTE = 'catatan rahasia uji'
const TASK = 'menjahit kancing'

/** The Log's header labels by key (rows of rowsByLabel are keyed by label). */
const L = Object.fromEntries(LOG_COLUMNS.map((c) => [c.key, c.label.id])) as Record<
  (typeof LOG_COLUMNS)[number]['key'],
  string
>

/** A case whose initials and note must never reach the Log. */
const aCase = (initials: string) => ({ ...A_CASE, initials, notes: SECRET_NOTE })

const session = (goalId: string, n: number) => ({
  ...A_SESSION,
  case_id: 'K-0001',
  goal_id: goalId,
  task: `${TASK} ${n}`,
})

const logRows = (sheet: string) => rowsByLabel(sheet, 'Log')

/** A casebook of its own per test: case K-0001 (QZ, with a secret note) and its goal, synced. */
async function casebook(): Promise<{ sheet: string; stub: LedgerStub; goalId: string }> {
  const sheet = nextSheet()
  const stub = await provisionCasebook(sheet, { ...TEST_TUNING, logEpisodeMinMs: 1000 })
  const { goalId } = await openCaseAndGoal(stub, { case: aCase('QZ'), goal: { title: 'Memasang kancing baju' } })
  await stub.sync('api')
  return { sheet, stub, goalId }
}

describe('the Log tab', OWN_CASEBOOK, () => {
  it('gets one line in the same write call as the rows a flush saves', async () => {
    const { sheet, stub, goalId } = await casebook()
    const lines = (await logRows(sheet)).length
    const before = await emulatorStats(sheet)
    const startedAt = Date.now()
    const saved = await stub.submit({ tab: 'sessions', row: session(goalId, 1), actor: WORKER, bodyHash: 's1' })
    const after = await emulatorStats(sheet)
    expect(saved.ok && saved.value.status).toBe(201)
    expect(after.writes - before.writes).toBe(1)
    expect(after.reads - before.reads).toBe(0)
    const added = (await logRows(sheet)).slice(lines)
    expect(added).toEqual([
      {
        [L.time]: expect.any(Number),
        [L.event]: 'Baris dari API disimpan',
        [L.actor]: 'peksos-uji',
        [L.ids]: saved.ok ? field(saved.value.row, 'session_id') : '',
        [L.count]: 1,
      },
    ])
    // A date-time serial in the centre's zone (wrangler.toml TIMEZONE), to within a minute.
    expect(Math.abs((added[0]?.[L.time] as number) - dateTimeSerialInZone(startedAt, 'Asia/Jakarta'))).toBeLessThan(
      60 / 86_400,
    )
  })

  it('names every row of a group commit once, with who sent it, one line per write', async () => {
    const { sheet, stub, goalId } = await casebook()
    const lines = (await logRows(sheet)).length
    const before = await emulatorStats(sheet)
    const answers = await Promise.all(
      [2, 3, 4, 5, 6, 7].map((n) =>
        stub.submit({
          tab: 'sessions',
          row: session(goalId, n),
          actor: n % 2 === 0 ? WORKER : COORDINATOR,
          bodyHash: `g${n}`,
        }),
      ),
    )
    const after = await emulatorStats(sheet)
    const ids = answers.map((a) => (a.ok ? field(a.value.row, 'session_id') : ''))
    const added = (await logRows(sheet)).slice(lines)
    expect(added).toHaveLength(after.writes - before.writes)
    expect(added.every((line) => line[L.event] === 'Baris dari API disimpan')).toBe(true)
    expect(added.reduce((n, line) => n + Number(line[L.count]), 0)).toBe(6)
    const named = added.flatMap((line) => expandIds(String(line[L.ids])))
    expect(named.sort()).toEqual([...ids].sort())
    const actors = new Set(added.flatMap((line) => String(line[L.actor]).split(', ')))
    expect([...actors].sort()).toEqual(['koordinator-uji', 'peksos-uji'])
  })

  it('gets a line for a sync that gives a typed row its id and a status, and none for a sync without changes', async () => {
    const { sheet, stub, goalId } = await casebook()
    await staffTypesRows(sheet, 'sessions', 30, [
      { case_id: 'K-0001', goal_id: goalId, date: '2025-03-05', task: TASK, rating: 9, worker: 'peksos-uji' },
    ])
    const lines = (await logRows(sheet)).length
    const report = await stub.sync('api')
    expect(report.ok && report.value.ids_assigned).toBe(1)
    const added = (await logRows(sheet)).slice(lines)
    expect(added).toEqual([
      {
        [L.time]: expect.any(Number),
        [L.event]: 'Sinkronisasi: 1 ID baru, 1 status validasi berubah',
        [L.actor]: 'sistem',
        [L.ids]: 'S-0001',
        [L.count]: 1,
      },
    ])

    const before = await emulatorStats(sheet)
    const quiet = await stub.sync('api')
    const after = await emulatorStats(sheet)
    expect(quiet.ok && quiet.value.cells_written).toBe(0)
    expect(after.writes - before.writes).toBe(0)
    expect(await logRows(sheet)).toHaveLength(lines + 1)
  })

  it('holds ids, staff ids, counts and fixed texts only — never what was typed', async () => {
    const { sheet, stub, goalId } = await casebook()
    await stub.submit({ tab: 'sessions', row: session(goalId, 1), actor: WORKER, bodyHash: 's1' })
    await staffTypesRows(sheet, 'sessions', 5, [
      { case_id: 'K-0001', goal_id: goalId, date: '2025-03-05', task: TASK, rating: 9, worker: 'peksos-uji' },
    ])
    await stub.sync('api')
    const lines = await logRows(sheet)
    expect(lines.length).toBeGreaterThanOrEqual(3)
    const idList = /^[KATS]-\d+(–[KATS]-\d+)?(, [KATS]-\d+(–[KATS]-\d+)?)*( \+\d+)?$/
    for (const line of lines) {
      expect(line[L.event]).toMatch(/^(Baris dari API disimpan|Baris diubah lewat API|Sinkronisasi|Gangguan Google)/)
      expect(line[L.actor]).toMatch(/^(sistem|[a-z0-9-]+(, [a-z0-9-]+)*)$/)
      if (line[L.ids] !== '') expect(line[L.ids]).toMatch(idList)
      expect(typeof line[L.time]).toBe('number')
    }
    const text = JSON.stringify(lines)
    for (const typed of [SECRET_NOTE, TASK, 'QZ', 'Memasang kancing']) expect(text).not.toContain(typed)
  })

  it('records an outage that lasted as a start and an end line, written with the rows that waited', async () => {
    const { sheet, stub, goalId } = await casebook()
    const lines = (await logRows(sheet)).length
    await setFaults({ spreadsheet_id: sheet, methods: ['spreadsheets.batchUpdate'], rates: { '429': 1 } })
    const waited = await stub.submit({
      tab: 'sessions',
      row: session(goalId, 20),
      actor: WORKER,
      bodyHash: 'o1',
      budgetMs: 50,
    })
    expect(waited.ok && waited.value.status).toBe(202)
    await sleep(1200)
    await clearFaults(sheet)
    await drained(stub)
    const added = (await logRows(sheet)).slice(lines)
    expect(added.map((line) => [line[L.event], line[L.actor]])).toEqual([
      ['Gangguan Google Sheets mulai: kuota permintaan Google habis (rate_limited)', 'sistem'],
      ['Gangguan Google Sheets selesai: kuota permintaan Google habis (rate_limited)', 'sistem'],
      ['Baris dari API disimpan', 'peksos-uji'],
    ])
    expect(Number(added[1]?.[L.count])).toBeGreaterThanOrEqual(2)
    expect(Number(added[1]?.[L.time])).toBeGreaterThanOrEqual(Number(added[0]?.[L.time]))
  })

  it('stays quiet about a refusal that the next try gets past', async () => {
    const { sheet, stub, goalId } = await casebook()
    const lines = (await logRows(sheet)).length
    await setFaults({ spreadsheet_id: sheet, methods: ['spreadsheets.batchUpdate'], next: ['429'], retry_after_s: 0 })
    const saved = await stub.submit({ tab: 'sessions', row: session(goalId, 21), actor: WORKER, bodyHash: 'b1' })
    await clearFaults(sheet)
    expect(saved.ok && saved.value.status).toBe(201)
    const added = (await logRows(sheet)).slice(lines)
    expect(added.map((line) => line[L.event])).toEqual(['Baris dari API disimpan'])
  })
})

describe('a sheet without a Log tab', OWN_CASEBOOK, () => {
  let other: LedgerStub

  beforeAll(async () => {
    other = await provisionCasebook(NO_LOG_SHEET)
    await staffBatchUpdate(NO_LOG_SHEET, [{ deleteSheet: { sheetId: LOG_SHEET_ID } }])
  })

  it('saves rows and syncs as usual, logging nothing', async () => {
    const opened = await other.submit({ tab: 'cases', row: aCase('RS'), actor: COORDINATOR, bodyHash: 'c' })
    expect(opened.ok && opened.value.status).toBe(201)
    await staffTypesRows(NO_LOG_SHEET, 'cases', 3, [aCase('TU')])
    const report = await other.sync('api')
    expect(report.ok && report.value.ids_assigned).toBe(1)
    const layout = await runInDurableObject(other, (instance: Ledger) => instance.engine.context.state.layout)
    expect(layout?.log).toBeNull()
    expect(layout?.warnings).toContainEqual({ kind: 'missing_tab', tab: 'Log' })
  })

  it('loses no row when the Log tab disappears under a bound ledger', async () => {
    const s = await provisionCasebook(`${NO_LOG_SHEET}-later`)
    const first = await s.submit({ tab: 'cases', row: aCase('VW'), actor: COORDINATOR, bodyHash: 'c1' })
    expect(first.ok && first.value.status).toBe(201)
    await staffBatchUpdate(`${NO_LOG_SHEET}-later`, [{ deleteSheet: { sheetId: LOG_SHEET_ID } }])
    // Google refuses the write that still names the Log tab; the flush binds again and sends the rows.
    const second = await s.submit({ tab: 'cases', row: aCase('XA'), actor: COORDINATOR, bodyHash: 'c2' })
    expect(second.ok && second.value.status).toBe(201)
    const cases = await rowsByLabel(`${NO_LOG_SHEET}-later`, 'Cases')
    expect(cases.map((c) => c['ID Kasus'])).toEqual(['K-0001', 'K-0002'])
  })
})

/** The ids a Log cell names (ranges expanded); `+n` tails are not expected in these tests. */
function expandIds(text: string): string[] {
  return text.split(', ').flatMap((part) => {
    const range = /^([A-Z])-(\d+)–[A-Z]-(\d+)$/.exec(part)
    if (range === null) return [part]
    const out: string[] = []
    for (let n = Number(range[2]); n <= Number(range[3]); n++) out.push(`${range[1]}-${String(n).padStart(4, '0')}`)
    return out
  })
}
