// Staff keep typing into the sheet while the API writes to it: the ledger's sync gives typed rows
// ids, explains invalid rows in `_status` and leaves them out of Progress, writes nothing when
// nothing changed, finds rows by id after a sort, and never lets a PATCH overwrite a staff edit.
import { runDurableObjectAlarm } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { columnOf, issueMessage } from '../../src/domain'
import {
  A_CASE,
  accepted,
  COORDINATOR,
  columnValues,
  type LedgerStub,
  OWN_CASEBOOK,
  openCaseAndGoal,
  provisionCasebook,
  rowsByLabel,
  sheetIds,
  sleep,
  staffTypesRows,
  WORKER,
} from '../support/casebook'
import { emulatorStats, staffBatchUpdate, staffEdit } from '../support/emulator-control'

const nextSheet = sheetIds('ledger-staff-edits')
const CASES_SHEET_ID = 1
const SESSIONS_SHEET_ID = 4

/**
 * A casebook of this file's tests, synced: K-0001 (AB) with goal T-0001 and one session S-0001,
 * and K-0002 (CD). Each test has its own, so any one passes alone.
 */
async function casebook(): Promise<{ sheet: string; stub: LedgerStub; goalId: string }> {
  const sheet = nextSheet()
  const stub = await provisionCasebook(sheet)
  const { goalId } = await openCaseAndGoal(stub, { goal: { title: 'Memasak nasi' } })
  await accepted(stub, { tab: 'cases', row: { ...A_CASE, initials: 'CD' }, actor: COORDINATOR, bodyHash: 'CD' })
  await accepted(stub, {
    tab: 'sessions',
    row: {
      case_id: 'K-0001',
      goal_id: goalId,
      date: '2025-03-03',
      task: 'mencuci beras',
      assistance: 'mandiri',
      worker: 'peksos-uji',
    },
    actor: WORKER,
    bodyHash: 'session',
  })
  await stub.sync('api')
  return { sheet, stub, goalId }
}

/** Two sessions typed in the sheet: S-0002 rated 7 (invalid), S-0003 valid. */
async function typeTwoSessions(sheet: string, goalId: string): Promise<void> {
  await staffTypesRows(sheet, 'sessions', 3, [
    { case_id: 'K-0001', goal_id: goalId, date: '2025-03-04', task: 'menanak nasi', rating: 7, worker: 'peksos-uji' },
    {
      case_id: 'K-0001',
      goal_id: goalId,
      date: '2025-03-04',
      task: 'mencuci beras',
      assistance: 'minimal',
      worker: 'peksos-uji',
    },
  ])
}

describe('sync after staff edits', OWN_CASEBOOK, () => {
  it('gives a row typed without an id the next id of its tab', async () => {
    const { sheet, stub } = await casebook()
    await staffTypesRows(sheet, 'cases', 4, [{ ...A_CASE, initials: 'EF' }])
    const report = await stub.sync('api')
    expect(report.ok && report.value.ids_assigned).toBe(1)
    expect(await columnValues(sheet, 'Cases', 'ID Kasus')).toEqual(['K-0001', 'K-0002', 'K-0003'])
    const listed = await stub.listCases(COORDINATOR, {})
    expect(listed.ok && listed.value.map((c) => c.case_id)).toEqual(['K-0001', 'K-0002', 'K-0003'])
  })

  it('explains an invalid row in _status, leaves it out of Progress, and syncs the rest', async () => {
    const { sheet, stub, goalId } = await casebook()
    await typeTwoSessions(sheet, goalId)
    const report = await stub.sync('api')
    expect(report.ok && report.value.ids_assigned).toBe(2)
    const sessions = await rowsByLabel(sheet, 'Sessions')
    const expected = issueMessage('invalid_rating', { label: columnOf('sessions', 'rating').label }).id
    expect(sessions.map((s) => s['Status validasi'])).toEqual([null, expected, null])
    // Progress counts the valid sessions only: "mencuci beras" now rated 3 (the later row), the
    // invalid "menanak nasi" not at all, so the sum is 3 of a target of 2 tasks.
    const progress = await rowsByLabel(sheet, 'Progress')
    expect(progress.map((p) => [p['ID Tujuan'], p['Jumlah nilai TAS']])).toEqual([[goalId, 3]])
    const listed = await stub.listSessions(WORKER, 'K-0001')
    expect(listed.ok && listed.value.map((s) => s.task)).toEqual(['mencuci beras', 'mencuci beras'])
  })

  it('clears the message once the row is fixed, and counts the row again', async () => {
    const { sheet, stub, goalId } = await casebook()
    await typeTwoSessions(sheet, goalId)
    await stub.sync('api')
    await staffEdit(sheet, 'Sessions!G3', [[4]])
    await stub.sync('api')
    const sessions = await rowsByLabel(sheet, 'Sessions')
    expect(sessions.map((s) => s['Status validasi'])).toEqual([null, null, null])
    const progress = await rowsByLabel(sheet, 'Progress')
    expect(progress.map((p) => p['Jumlah nilai TAS'])).toEqual([7])
  })

  it('makes no write call when nothing changed, and reads once', async () => {
    const { sheet, stub } = await casebook()
    const before = await emulatorStats(sheet)
    const report = await stub.sync('api')
    const after = await emulatorStats(sheet)
    expect(report.ok && report.value).toMatchObject({ cells_written: 0, google_calls: 1 })
    expect(after.writes - before.writes).toBe(0)
    expect(after.reads - before.reads).toBe(1)
  })

  it('patches the right row after staff sorted the tab', async () => {
    const { sheet, stub } = await casebook()
    await staffTypesRows(sheet, 'cases', 4, [{ ...A_CASE, initials: 'EF' }])
    await stub.sync('api')
    // Descending by initials: EF, CD, AB — K-0001 moves from row 2 to row 4.
    await staffBatchUpdate(sheet, [
      {
        sortRange: {
          range: { sheetId: CASES_SHEET_ID, startRowIndex: 1, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 18 },
          sortSpecs: [{ dimensionIndex: 1, sortOrder: 'DESCENDING' }],
        },
      },
    ])
    const detail = await stub.getCase(COORDINATOR, 'K-0001', '2025-03-05')
    if (!detail.ok) throw new Error(JSON.stringify(detail.error))
    const patched = await stub.patchCase({
      caseId: 'K-0001',
      patch: { stage: 'monev' },
      ifMatch: detail.value.etag,
      actor: COORDINATOR,
    })
    expect(patched.ok).toBe(true)
    const cases = await rowsByLabel(sheet, 'Cases')
    expect(cases.map((c) => [c['ID Kasus'], c['Inisial PM'], c.Tahapan])).toEqual([
      ['K-0003', 'EF', 'implementasi'],
      ['K-0002', 'CD', 'implementasi'],
      ['K-0001', 'AB', 'monev'],
    ])
  })

  it('answers 412 to a PATCH racing a staff edit and keeps what the person typed', async () => {
    const { sheet, stub } = await casebook()
    const detail = await stub.getCase(COORDINATOR, 'K-0002', '2025-03-05')
    if (!detail.ok) throw new Error(JSON.stringify(detail.error))
    // K-0002 (CD) sits on row 3; a person types a note there first.
    await staffEdit(sheet, 'Cases!Q3', [['dirujuk dokter gigi']])
    const raced = await stub.patchCase({
      caseId: 'K-0002',
      patch: { notes: 'catatan dari formulir' },
      ifMatch: detail.value.etag,
      actor: COORDINATOR,
    })
    expect(raced.ok).toBe(false)
    expect(!raced.ok && raced.error.kind).toBe('precondition_failed')
    const cases = await rowsByLabel(sheet, 'Cases')
    expect(cases.find((c) => c['ID Kasus'] === 'K-0002')?.Catatan).toBe('dirujuk dokter gigi')
    // The ledger learned the new version: a PATCH naming it goes through.
    const fresh = await stub.getCase(COORDINATOR, 'K-0002', '2025-03-05')
    expect(fresh.ok && fresh.value.etag).not.toBe(detail.value.etag)
    expect(fresh.ok && fresh.value.etag).toBe(
      !raced.ok && raced.error.kind === 'precondition_failed' ? raced.error.currentEtag : '',
    )
  })

  it('forgets a row a person deleted from the sheet', async () => {
    const { sheet, stub, goalId } = await casebook()
    await typeTwoSessions(sheet, goalId)
    await stub.sync('api')
    // S-0002 (rated 7) is invalid and left out: S-0001 and S-0003 (sheet row 4) are listed.
    const before = await stub.listSessions(WORKER, 'K-0001')
    expect(before.ok && before.value.length).toBe(2)
    await staffBatchUpdate(sheet, [
      { deleteDimension: { range: { sheetId: SESSIONS_SHEET_ID, dimension: 'ROWS', startIndex: 3, endIndex: 4 } } },
    ])
    await stub.sync('api')
    const after = await stub.listSessions(WORKER, 'K-0001')
    expect(after.ok && after.value.map((s) => s.session_id)).toEqual(['S-0001'])
  })

  it('follows the columns when a person inserts a column and renames a label', async () => {
    const { sheet, stub } = await casebook()
    await staffBatchUpdate(sheet, [
      { insertDimension: { range: { sheetId: CASES_SHEET_ID, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 } } },
    ])
    await staffEdit(sheet, 'Cases!B1', [['Catatan staf']])
    await staffEdit(sheet, 'Cases!C1', [['Inisial']])
    const report = await stub.sync('api')
    expect(report.ok && report.value.rows_invalid).toBe(0)
    const opened = await stub.submit({
      tab: 'cases',
      row: { ...A_CASE, initials: 'GH' },
      actor: COORDINATOR,
      bodyHash: 'GH',
    })
    expect(opened.ok && opened.value.status).toBe(201)
    const cases = await rowsByLabel(sheet, 'Cases')
    expect(cases.map((c) => [c['ID Kasus'], c.Inisial, c['Catatan staf']])).toContainEqual(['K-0003', 'GH', ''])
  })

  it('joins a burst of webhook syncs into one later read', async () => {
    const { sheet, stub } = await casebook()
    await stub.sync('api')
    const before = await emulatorStats(sheet)
    const first = await stub.sync('webhook')
    const second = await stub.sync('webhook')
    expect(first.ok && second.ok).toBe(true)
    expect((await emulatorStats(sheet)).reads - before.reads).toBe(0)
    // The scheduled sync runs on the alarm, 300 ms (syncCoalesceMs) after the last one.
    await sleep(400)
    await runDurableObjectAlarm(stub)
    expect((await emulatorStats(sheet)).reads - before.reads).toBe(1)
    const status = await stub.syncStatus()
    expect(status.last_sync_trigger).toBe('webhook')
  })
})
