// The Events and Feedback tabs through the ledger and the emulator (issue 9): rows staff type get
// their P-/U- ids and `_status` messages like every tab, rows from the API reach their tab, the
// plan's approval state reaches the Progress tab, feedback is resolved through the row PATCH, a
// case at terminasi is flagged until its termination event is there — and a casebook made from the
// first template keeps syncing without the new tabs, refuses writes to them, and takes them once
// the upgrade adds them.
import { describe, expect, it } from 'vitest'
import { applyUpgrade } from '../../sheets-template/upgrade-template'
import { issueMessage, TABLES } from '../../src/domain'
import type { LedgerResult } from '../../src/ledger/contract'
import {
  COORDINATOR,
  columnValues,
  drained,
  field,
  type LedgerStub,
  OTHER_WORKER,
  OWN_CASEBOOK,
  openCaseAndGoal,
  provisionCasebook,
  rowsByKey,
  sheetIds,
  staffTypesRows,
  WORKER,
} from '../support/casebook'
import { TO_V1 } from '../support/earlier-template'
import { accessToken, SHEETS_API_BASE, staffBatchUpdate, staffEdit } from '../support/emulator-control'

const nextSheet = sheetIds('ledger-supervision')

/** K-0001 (consent 2025-01-02) with goal T-0001, synced; its events and feedback come per test. */
async function casebook(over: Parameters<typeof openCaseAndGoal>[1] = {}) {
  const sheet = nextSheet()
  const stub = await provisionCasebook(sheet)
  const { caseId, goalId } = await openCaseAndGoal(stub, over)
  await stub.sync('api')
  return { sheet, stub, caseId, goalId }
}

const ok = <T>(result: LedgerResult<T>): T => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`)
  return result.value
}

const EVENT = {
  case_id: 'K-0001',
  date: '2025-01-10',
  kind: 'case_conference',
  participants: 'peksos, supervisor',
  summary: 'Rencana intervensi disepakati.',
  worker: 'peksos-uji',
} as const

describe('the Events and Feedback tabs', OWN_CASEBOOK, () => {
  it('gives rows typed into them their P- and U- ids and explains a bad row in _status', async () => {
    const { sheet, stub, goalId } = await casebook()
    await staffTypesRows(sheet, 'events', 2, [
      EVENT,
      { ...EVENT, kind: 'referral', summary: 'Dirujuk ke layanan lain.' },
    ])
    await staffTypesRows(sheet, 'feedback', 2, [
      { case_id: 'K-0001', target: goalId, date: '2025-01-13', from: 'koordinator-uji', kind: 'approve' },
      {
        case_id: 'K-0001',
        target: goalId,
        date: '2025-01-13',
        from: 'peksos-uji',
        kind: 'comment',
        text: 'Saya sendiri.',
      },
    ])
    const report = ok(await stub.sync('api'))
    expect(report.ids_assigned).toBe(4)
    const events = await rowsByKey(sheet, 'events')
    expect(events.map((r) => [r.event_id, r._status ?? null])).toEqual([
      ['P-0001', null],
      [
        'P-0002',
        issueMessage('referral_target_required', {
          label: TABLES.events.columns.find((c) => c.key === 'referred_to')?.label ?? { id: '', en: '' },
        }).id,
      ],
    ])
    const feedback = await rowsByKey(sheet, 'feedback')
    expect(feedback.map((r) => r.feedback_id)).toEqual(['U-0001', 'U-0002'])
    expect(feedback[0]?._status ?? null).toBeNull()
    expect(String(feedback[1]?._status)).toMatch(/hanya mereka yang memberi umpan balik/)
    // The sheet's rows are what the API lists: the invalid ones left out.
    expect(ok(await stub.listEvents(WORKER, 'K-0001')).map((e) => e.event_id)).toEqual(['P-0001'])
    expect(ok(await stub.listFeedback(WORKER, 'K-0001', '2025-01-20')).feedback.map((f) => f.feedback_id)).toEqual([
      'U-0001',
    ])
  })

  it('takes events and feedback from the API into their tabs; only coordinators give feedback', async () => {
    const { sheet, stub, goalId } = await casebook()
    const event = ok(await stub.submit({ tab: 'events', row: EVENT, actor: WORKER, bodyHash: 'e1' }))
    expect(field(event.row, 'event_id')).toBe('P-0001')
    const refused = await stub.submit({
      tab: 'feedback',
      row: { case_id: 'K-0001', target: goalId, date: '2025-01-13', from: 'peksos-uji', kind: 'approve' },
      actor: WORKER,
      bodyHash: 'f0',
    })
    expect(refused).toEqual({ ok: false, error: { kind: 'forbidden', reason: 'role' } })
    ok(
      await stub.submit({
        tab: 'feedback',
        row: { case_id: 'K-0001', target: goalId, date: '2025-01-13', from: 'koordinator-uji', kind: 'approve' },
        actor: COORDINATOR,
        bodyHash: 'f1',
      }),
    )
    await drained(stub)
    expect(await columnValues(sheet, 'Events', 'ID Peristiwa')).toEqual(['P-0001'])
    expect(await columnValues(sheet, 'Feedback', 'ID Umpan Balik')).toEqual(['U-0001'])
    // A worker's event on another worker's case is judged like one on a case that does not exist.
    const elsewhere = await stub.submit({
      tab: 'events',
      row: { ...EVENT, case_id: 'K-0001', worker: 'peksos-lain' },
      actor: OTHER_WORKER,
      bodyHash: 'e2',
    })
    expect(elsewhere.ok ? 'accepted' : elsewhere.error.kind).toBe('invalid_row')
  })

  it("shows the plan's approval in the Progress tab and the API, from the feedback rows alone", async () => {
    const { sheet, stub, goalId } = await casebook()
    const approval = async () => (await columnValues(sheet, 'Progress', 'Persetujuan rencana'))[0]
    expect(await approval()).toBe('belum ditinjau')
    await staffTypesRows(sheet, 'feedback', 2, [
      {
        case_id: 'K-0001',
        target: goalId,
        date: '2025-01-13',
        from: 'koordinator-uji',
        kind: 'revise',
        text: 'Perjelas target.',
      },
    ])
    await stub.sync('api')
    expect(await approval()).toBe('perlu revisi')
    const progress = ok(await stub.goalProgress(WORKER, goalId, '2025-01-20'))
    expect(progress.approval).toMatchObject({
      state: 'revision_requested',
      feedback_id: 'U-0001',
      from: 'koordinator-uji',
    })
    // The worker answers it through the row PATCH (If-Match, the same machinery as sessions).
    const read = ok(await stub.getRow(WORKER, 'feedback', 'U-0001'))
    const resolved = ok(
      await stub.patchRow({
        tab: 'feedback',
        id: 'U-0001',
        patch: { resolved_date: '2025-01-14', reply: 'Target hari ke-5 sudah diperjelas.' },
        ifMatch: read.etag,
        actor: WORKER,
      }),
    )
    expect(resolved.withdrawn).toBe(false)
    expect(await approval()).toBe('sudah direvisi, menunggu persetujuan')
    const [row] = await rowsByKey(sheet, 'feedback')
    expect(row?.reply).toBe('Target hari ke-5 sudah diperjelas.')
    // Then the coordinator approves the revised plan.
    ok(
      await stub.submit({
        tab: 'feedback',
        row: { case_id: 'K-0001', target: goalId, date: '2025-01-15', from: 'koordinator-uji', kind: 'approve' },
        actor: COORDINATOR,
        bodyHash: 'approve',
      }),
    )
    await drained(stub)
    expect(await approval()).toBe('disetujui')
  })

  it('lets only the worker of the case resolve its feedback, and never over a staff edit (412)', async () => {
    const { sheet, stub, goalId } = await casebook()
    await staffTypesRows(sheet, 'feedback', 2, [
      {
        case_id: 'K-0001',
        target: goalId,
        date: '2025-01-13',
        from: 'koordinator-uji',
        kind: 'comment',
        text: 'Catatan.',
      },
    ])
    await stub.sync('api')
    const read = ok(await stub.getRow(WORKER, 'feedback', 'U-0001'))
    const patch = { resolved_date: '2025-01-14', reply: 'Sudah.' } as const
    // Another worker: as if it did not exist.
    expect(
      await stub.patchRow({ tab: 'feedback', id: 'U-0001', patch, ifMatch: read.etag, actor: OTHER_WORKER }),
    ).toEqual({
      ok: false,
      error: { kind: 'not_found', resource: 'feedback', id: 'U-0001' },
    })
    expect(await stub.getRow(OTHER_WORKER, 'feedback', 'U-0001')).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    })
    // The coordinator edits the note in the sheet meanwhile: the worker's answer is not written over it.
    const textColumn = String.fromCharCode(65 + TABLES.feedback.columns.findIndex((c) => c.key === 'text'))
    await staffEdit(sheet, `Feedback!${textColumn}2`, [['Catatan yang diperbarui.']])
    const late = await stub.patchRow({ tab: 'feedback', id: 'U-0001', patch, ifMatch: read.etag, actor: WORKER })
    expect(late.ok ? 'written' : late.error.kind).toBe('precondition_failed')
    const [row] = await rowsByKey(sheet, 'feedback')
    expect([row?.text, row?.resolved_date ?? null]).toEqual(['Catatan yang diperbarui.', null])
  })

  it('flags a case at terminasi without a termination event in its _status, until the event is there', async () => {
    const { sheet, stub } = await casebook({ case: { stage: 'terminasi' } })
    const statusOfCase = async () => (await rowsByKey(sheet, 'cases'))[0]?._status ?? null
    expect(await statusOfCase()).toBe(
      'Peringatan: Kasus K-0001 pada tahap terminasi tetapi belum ada peristiwa terminasi (termination) di tab Events.',
    )
    await staffTypesRows(sheet, 'events', 2, [
      { ...EVENT, kind: 'termination', date: '2025-02-03', summary: 'Terminasi.' },
    ])
    await stub.sync('api')
    expect(await statusOfCase()).toBeNull()
    const due = ok(await stub.fieldView(WORKER, '2025-02-04', {})).due
    expect(due.filter((d) => d.kind === 'termination_event_missing')).toEqual([])
  })
})

describe('a casebook made from the first template', OWN_CASEBOOK, () => {
  async function v1Casebook(): Promise<{ sheet: string; stub: LedgerStub; goalId: string }> {
    const sheet = nextSheet()
    const stub = await provisionCasebook(sheet)
    await staffBatchUpdate(sheet, [...TO_V1])
    const { goalId } = await openCaseAndGoal(stub)
    await stub.sync('api')
    return { sheet, stub, goalId }
  }

  it('keeps syncing and writing Progress without the new tabs, and refuses writes to them by name', async () => {
    const { sheet, stub, goalId } = await v1Casebook()
    const report = await stub.sync('api')
    expect(report.ok).toBe(true)
    expect(await columnValues(sheet, 'Progress', 'ID Tujuan')).toEqual([goalId])
    // The binding reports what is missing; a coordinator reads it in the sync status.
    expect((await stub.syncStatus()).layout_warnings).toEqual([
      { tab: 'Events', problem: 'missing_tab' },
      { tab: 'Feedback', problem: 'missing_tab' },
    ])
    const refused = await stub.submit({ tab: 'events', row: EVENT, actor: WORKER, bodyHash: 'e1' })
    expect(refused).toEqual({
      ok: false,
      error: { kind: 'sheet_layout', problems: [{ tab: 'Events', problem: 'missing_tab' }] },
    })
    const feedback = await stub.submit({
      tab: 'feedback',
      row: { case_id: 'K-0001', target: goalId, date: '2025-01-13', from: 'koordinator-uji', kind: 'approve' },
      actor: COORDINATOR,
      bodyHash: 'f1',
    })
    expect(feedback.ok ? 'accepted' : feedback.error).toMatchObject({ kind: 'sheet_layout' })
    // Sessions still go through.
    ok(
      await stub.submit({
        tab: 'sessions',
        row: {
          case_id: 'K-0001',
          goal_id: goalId,
          date: '2025-01-06',
          task: 'menyapu teras',
          assistance: 'mandiri',
          worker: 'peksos-uji',
        },
        actor: WORKER,
        bodyHash: 's1',
      }),
    )
    await drained(stub)
    expect(await columnValues(sheet, 'Sessions', 'Tugas')).toEqual(['menyapu teras'])
  })

  it('takes events once the upgrade has added the tabs (the next sync binds them)', async () => {
    const { sheet, stub } = await v1Casebook()
    const upgraded = await applyUpgrade(fetch, SHEETS_API_BASE, sheet, { accessToken: await accessToken() })
    expect(upgraded.ok && upgraded.value.tabs).toEqual(['Events', 'Feedback'])
    // The refusal marked the binding for a check; a sync (as the cron's) binds the new tabs.
    await stub.submit({ tab: 'events', row: EVENT, actor: WORKER, bodyHash: 'e0' })
    ok(await stub.sync('api'))
    expect((await stub.syncStatus()).layout_warnings).toBeUndefined()
    ok(await stub.submit({ tab: 'events', row: EVENT, actor: WORKER, bodyHash: 'e1' }))
    await drained(stub)
    expect(await columnValues(sheet, 'Events', 'ID Peristiwa')).toEqual(['P-0001'])
    expect(await columnValues(sheet, 'Progress', 'Persetujuan rencana')).toEqual(['belum ditinjau'])
  })
})
