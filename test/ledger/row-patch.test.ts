// Correcting and withdrawing a session or assessment through the ledger (issue 8 "Correcting a
// mistake"): a worker changes only rows they logged; the change needs the row's current version
// and a staff edit in between answers 412; a withdrawal keeps the row in the sheet and takes it out
// of TAS progress, coverage and triangulation; every change is one checked write and a Log line.
import { describe, expect, it } from 'vitest'
import { isoToSerial } from '../../src/domain'
import type { Actor, CorrectableTab, LedgerResult } from '../../src/ledger/contract'
import {
  A_CASE,
  A_GOAL,
  accepted,
  COORDINATOR,
  type LedgerStub,
  OTHER_WORKER,
  OWN_CASEBOOK,
  provisionCasebook,
  rowsByKey,
  rowsByLabel,
  sheetIds,
  WORKER,
} from '../support/casebook'
import { beforeNextWrite, staffBatchUpdate, staffEdit } from '../support/emulator-control'

const nextSheet = sheetIds('ledger-row-patch')
const SESSIONS_SHEET_ID = 4
const WITHDRAWN = { withdrawn_date: '2025-03-06', withdrawn_reason: 'salah tujuan' } as const

/**
 * K-0001 (peksos-uji) with goal T-0001, sessions S-0001 'menyapu teras' (mandiri) and S-0002
 * 'mengepel' (minimal), assessments A-0001/A-0002 of the same BPSS domain from two sources
 * (triangulated); K-0002 (peksos-lain) with goal T-0002 and session S-0003. All synced.
 */
async function centre(): Promise<{ sheet: string; stub: LedgerStub }> {
  const sheet = nextSheet()
  const stub = await provisionCasebook(sheet)
  const withConsent = { ...A_CASE, consent_date: '2025-01-02' }
  await accepted(stub, { tab: 'cases', row: withConsent, actor: COORDINATOR, bodyHash: 'k1' })
  await accepted(stub, {
    tab: 'cases',
    row: { ...withConsent, initials: 'CD', worker: 'peksos-lain' },
    actor: COORDINATOR,
    bodyHash: 'k2',
  })
  await accepted(stub, { tab: 'goals', row: { ...A_GOAL, case_id: 'K-0001' }, actor: WORKER, bodyHash: 't1' })
  await accepted(stub, { tab: 'goals', row: { ...A_GOAL, case_id: 'K-0002' }, actor: OTHER_WORKER, bodyHash: 't2' })
  const session = (
    caseId: string,
    goalId: string,
    task: string,
    assistance: 'mandiri' | 'minimal',
    worker: string,
  ) => ({
    case_id: caseId,
    goal_id: goalId,
    date: '2025-03-04',
    task,
    assistance,
    worker,
  })
  await accepted(stub, {
    tab: 'sessions',
    row: session('K-0001', 'T-0001', 'menyapu teras', 'mandiri', 'peksos-uji'),
    actor: WORKER,
    bodyHash: 's1',
  })
  await accepted(stub, {
    tab: 'sessions',
    row: session('K-0001', 'T-0001', 'mengepel', 'minimal', 'peksos-uji'),
    actor: WORKER,
    bodyHash: 's2',
  })
  await accepted(stub, {
    tab: 'sessions',
    row: session('K-0002', 'T-0002', 'menyapu', 'mandiri', 'peksos-lain'),
    actor: OTHER_WORKER,
    bodyHash: 's3',
  })
  for (const [n, source] of [
    [1, 'klien'],
    [2, 'keluarga'],
  ] as const) {
    await accepted(stub, {
      tab: 'assessments',
      row: {
        case_id: 'K-0001',
        date: '2025-02-03',
        tool: 'bpss',
        domain: 'psikologis',
        source,
        method: 'wawancara',
        worker: 'peksos-uji',
      },
      actor: WORKER,
      bodyHash: `a${n}`,
    })
  }
  await stub.sync('api')
  return { sheet, stub }
}

/** The row's current version, as a client gets it before a PATCH. */
async function etagOf(stub: LedgerStub, tab: CorrectableTab, id: string, actor: Actor = WORKER): Promise<string> {
  const detail = await stub.getRow(actor, tab, id)
  if (!detail.ok) throw new Error(JSON.stringify(detail.error))
  return detail.value.etag
}

const errorOf = (r: LedgerResult<unknown>) => (r.ok ? undefined : r.error)

const logEvents = async (sheet: string) => (await rowsByLabel(sheet, 'Log')).map((l) => [l.Peristiwa, l['ID terkait']])

describe('correcting a session', OWN_CASEBOOK, () => {
  it('changes the worker’s own row, answers its new version, and logs it', async () => {
    const { sheet, stub } = await centre()
    const done = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: { task: 'menyapu halaman' },
      ifMatch: await etagOf(stub, 'sessions', 'S-0001'),
      actor: WORKER,
    })
    expect(done.ok && done.value).toMatchObject({
      row: { session_id: 'S-0001', task: 'menyapu halaman' },
      withdrawn: false,
    })
    const rows = await rowsByKey(sheet, 'sessions')
    expect(rows.map((r) => [r.session_id, r.task])).toEqual([
      ['S-0001', 'menyapu halaman'],
      ['S-0002', 'mengepel'],
      ['S-0003', 'menyapu'],
    ])
    expect(done.ok && done.value.etag).toBe(await etagOf(stub, 'sessions', 'S-0001'))
    expect((await logEvents(sheet)).at(-1)).toEqual(['Baris diubah lewat API', 'S-0001'])
  })

  it('answers 412 with the current version when a person edited the row in between, and keeps their edit', async () => {
    const { sheet, stub } = await centre()
    const etag = await etagOf(stub, 'sessions', 'S-0001')
    await staffEdit(sheet, 'Sessions!L2', [['ditulis staf']])
    const raced = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: { task: 'x' },
      ifMatch: etag,
      actor: WORKER,
    })
    const error = errorOf(raced)
    expect(error?.kind).toBe('precondition_failed')
    expect(error?.kind === 'precondition_failed' && error.currentEtag).toBe(await etagOf(stub, 'sessions', 'S-0001'))
    const [row] = await rowsByKey(sheet, 'sessions')
    expect([row?.task, row?.notes]).toEqual(['menyapu teras', 'ditulis staf'])
  })

  it('answers another worker’s row exactly like a row that does not exist', async () => {
    const { stub } = await centre()
    const theirs = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0003',
      patch: { task: 'x' },
      ifMatch: 'x',
      actor: WORKER,
    })
    const missing = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0099',
      patch: { task: 'x' },
      ifMatch: 'x',
      actor: WORKER,
    })
    expect(errorOf(theirs)).toEqual({ kind: 'not_found', resource: 'session', id: 'S-0003' })
    expect(errorOf(missing)).toEqual({ kind: 'not_found', resource: 'session', id: 'S-0099' })
    expect(errorOf(await stub.getRow(WORKER, 'sessions', 'S-0003'))).toEqual(errorOf(theirs))
  })

  it.each([
    { name: 'put the row in another worker’s name', patch: { worker: 'peksos-lain' }, kind: 'field_forbidden' },
    { name: 'move it to another worker’s case', patch: { case_id: 'K-0002', goal_id: 'T-0002' }, kind: 'invalid_row' },
  ])('does not let a worker $name', async ({ patch, kind }) => {
    const { stub } = await centre()
    const r = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch,
      ifMatch: await etagOf(stub, 'sessions', 'S-0001'),
      actor: WORKER,
    })
    expect(errorOf(r)?.kind).toBe(kind)
    if (kind === 'invalid_row') {
      // The same answer as for a case that does not exist.
      const missing = await stub.patchRow({
        tab: 'sessions',
        id: 'S-0001',
        patch: { case_id: 'K-0099', goal_id: 'T-0002' },
        ifMatch: await etagOf(stub, 'sessions', 'S-0001'),
        actor: WORKER,
      })
      const codes = (x: LedgerResult<unknown>) =>
        !x.ok && x.error.kind === 'invalid_row' ? x.error.issues.map((i) => i.code).sort() : []
      expect(codes(r)).toEqual(codes(missing))
    }
  })

  it('lets a coordinator put a session in another worker’s name', async () => {
    const { stub } = await centre()
    const r = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: { worker: 'peksos-lain' },
      ifMatch: await etagOf(stub, 'sessions', 'S-0001', COORDINATOR),
      actor: COORDINATOR,
    })
    expect(r.ok && r.value.row).toMatchObject({ worker: 'peksos-lain' })
  })

  it('changes the row of its id when a person sorts the tab between the read and the write', async () => {
    const { sheet, stub } = await centre()
    const etag = await etagOf(stub, 'sessions', 'S-0001')
    // Descending by task: S-0003 'menyapu', S-0002 'mengepel'… S-0001 'menyapu teras' first.
    await beforeNextWrite(sheet, [
      {
        sortRange: {
          range: {
            sheetId: SESSIONS_SHEET_ID,
            startRowIndex: 1,
            endRowIndex: 4,
            startColumnIndex: 0,
            endColumnIndex: 15,
          },
          sortSpecs: [{ dimensionIndex: 4, sortOrder: 'ASCENDING' }],
        },
      },
    ])
    const done = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: { notes: 'dikoreksi' },
      ifMatch: etag,
      actor: WORKER,
    })
    expect(done.ok).toBe(true)
    const rows = await rowsByKey(sheet, 'sessions')
    expect(Object.fromEntries(rows.map((r) => [r.session_id, r.notes ?? null]))).toEqual({
      'S-0001': 'dikoreksi',
      'S-0002': null,
      'S-0003': null,
    })
  })
})

describe('withdrawing a session or an assessment', OWN_CASEBOOK, () => {
  it('keeps the session in the sheet and takes it out of TAS progress', async () => {
    const { sheet, stub } = await centre()
    const before = await stub.goalProgress(WORKER, 'T-0001', '2025-03-10')
    expect(before.ok && before.value.tasks.map((t) => t.task)).toEqual(['mengepel', 'menyapu teras'])
    const done = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: WITHDRAWN,
      ifMatch: await etagOf(stub, 'sessions', 'S-0001'),
      actor: WORKER,
    })
    expect(done.ok && done.value).toMatchObject({ withdrawn: true, row: WITHDRAWN })
    const [row] = await rowsByKey(sheet, 'sessions')
    expect([row?.session_id, row?.task, row?.withdrawn_date, row?.withdrawn_reason]).toEqual([
      'S-0001',
      'menyapu teras',
      isoToSerial('2025-03-06'),
      'salah tujuan',
    ])
    const after = await stub.goalProgress(WORKER, 'T-0001', '2025-03-10')
    expect(after.ok && after.value.tasks.map((t) => t.task)).toEqual(['mengepel'])
    // Listed still, as withdrawn; the Progress tab counts it no more.
    const listed = await stub.listSessions(WORKER, 'K-0001')
    expect(listed.ok && listed.value.map((s) => [s.session_id, s.withdrawn_date ?? null])).toEqual([
      ['S-0001', '2025-03-06'],
      ['S-0002', null],
    ])
    expect((await stub.getRow(WORKER, 'sessions', 'S-0001')).ok).toBe(true)
    const progress = await rowsByKey(sheet, 'sessions')
    expect(progress).toHaveLength(3)
    const tab = await rowsByLabel(sheet, 'Progress')
    expect(tab.find((p) => p['ID Tujuan'] === 'T-0001')?.['Jumlah nilai TAS']).toBe(3)
    expect((await logEvents(sheet)).at(-1)).toEqual(['Baris ditarik lewat API', 'S-0001'])
  })

  it('takes a withdrawn assessment out of coverage and triangulation', async () => {
    const { stub } = await centre()
    const psikologis = async () => {
      const r = await stub.listAssessments(WORKER, 'K-0001')
      return r.ok ? r.value.coverage.bpss.find((d) => d.domain === 'psikologis') : undefined
    }
    expect(await psikologis()).toMatchObject({ assessments: 2, triangulated: true })
    const done = await stub.patchRow({
      tab: 'assessments',
      id: 'A-0002',
      patch: { withdrawn_date: '2025-03-06', withdrawn_reason: 'sumber keliru' },
      ifMatch: await etagOf(stub, 'assessments', 'A-0002'),
      actor: WORKER,
    })
    expect(done.ok && done.value.withdrawn).toBe(true)
    expect(await psikologis()).toMatchObject({ assessments: 1, sources: ['klien'], triangulated: false })
  })

  it('needs a reason with the date', async () => {
    const { stub } = await centre()
    const r = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: { withdrawn_date: '2025-03-06' },
      ifMatch: await etagOf(stub, 'sessions', 'S-0001'),
      actor: WORKER,
    })
    const error = errorOf(r)
    expect(error?.kind === 'invalid_row' && error.issues.map((i) => [i.field, i.code])).toEqual([
      ['withdrawn_reason', 'withdrawal_incomplete'],
    ])
  })

  it('names the missing columns of a sheet made from the older template, and withdraws nothing', async () => {
    const { sheet, stub } = await centre()
    // Columns M and N (withdrawn_date, withdrawn_reason) are not in this sheet.
    await staffBatchUpdate(sheet, [
      {
        deleteDimension: { range: { sheetId: SESSIONS_SHEET_ID, dimension: 'COLUMNS', startIndex: 12, endIndex: 14 } },
      },
    ])
    const synced = await stub.sync('webhook', 'REMOVE_COLUMN')
    expect(synced.ok).toBe(true)
    const r = await stub.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: WITHDRAWN,
      ifMatch: await etagOf(stub, 'sessions', 'S-0001'),
      actor: WORKER,
    })
    expect(errorOf(r)).toEqual({
      kind: 'sheet_layout',
      problems: [
        { tab: 'Sessions', key: 'withdrawn_date', problem: 'missing_key' },
        { tab: 'Sessions', key: 'withdrawn_reason', problem: 'missing_key' },
      ],
    })
  })
})
