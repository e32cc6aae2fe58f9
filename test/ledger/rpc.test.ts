// The ledger's RPC answers (src/ledger/contract.ts): idempotent submits, authorisation and worker
// scoping, cross-row rules against the mirror, 202 then 201 when Google refuses for a while,
// authentication against the Staff tab, health and sync status, and a broken sheet layout.
import { runInDurableObject } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../src/ledger'
import { recentAudit } from '../../src/ledger/audit'
import type { Actor, LedgerResult } from '../../src/ledger/contract'
import {
  A_GOAL,
  ADMIN,
  accepted,
  COORDINATOR,
  columnValues,
  drained,
  field,
  type LedgerStub,
  OTHER_WORKER,
  OWN_CASEBOOK,
  provisionCasebook,
  sheetIds,
  WORKER,
} from '../support/casebook'
import { clearFaults, setFaults, staffBatchUpdate, staffEdit } from '../support/emulator-control'

const SHEET = 'ledger-rpc'
const nextSheet = sheetIds('ledger-rpc')

/** The shared casebook of the tests that only read (seeded once, never written to). */
let stub: LedgerStub

const aCase = (initials: string, worker: string, consent?: string) => ({
  initials,
  sex: 'L' as const,
  birth_date: '2010-01-01',
  cluster: 'anak',
  service: 'komunitas' as const,
  worker,
  stage: 'asesmen' as const,
  status: 'aktif' as const,
  ...(consent === undefined ? {} : { consent_date: consent }),
})

const errorKind = (r: LedgerResult<unknown>) => (r.ok ? 'ok' : r.error.kind)
const issueCodes = (r: LedgerResult<unknown>) =>
  !r.ok && r.error.kind === 'invalid_row' ? r.error.issues.map((i) => i.code) : []

const session = (caseId: string, goalId: string) => ({
  case_id: caseId,
  goal_id: goalId,
  date: '2025-02-04',
  task: 'menyapu',
  assistance: 'penuh' as const,
  worker: 'peksos-lain',
})

/**
 * The centre of these tests: K-0001 is peksos-uji's case with consent, K-0002 peksos-lain's
 * (named in upper case), K-0003 peksos-uji's by email and without consent yet; T-0001 on K-0002
 * from 2025-02-03 for 10 working days, with one session (S-0001).
 */
async function seededCentre(sheet: string): Promise<LedgerStub> {
  const s = await provisionCasebook(sheet)
  for (const [initials, worker, consent] of [
    ['AA', 'peksos-uji', '2025-01-02'],
    ['BB', 'PEKSOS-LAIN', '2025-01-02'],
    ['CC', 'peksos@uji.example', undefined],
  ] as const) {
    await accepted(s, {
      tab: 'cases',
      row: aCase(initials, worker, consent),
      actor: COORDINATOR,
      bodyHash: initials,
    })
  }
  await accepted(s, {
    tab: 'goals',
    row: { ...A_GOAL, case_id: 'K-0002', title: 'Menyapu kamar', start_date: '2025-02-03', duration_days: 10 },
    actor: OTHER_WORKER,
    bodyHash: 'goal',
  })
  await accepted(s, { tab: 'sessions', row: session('K-0002', 'T-0001'), actor: OTHER_WORKER, bodyHash: 'session' })
  return s
}

beforeAll(async () => {
  stub = await seededCentre(SHEET)
})

describe('submit', OWN_CASEBOOK, () => {
  it('answers the first answer again for the same key and body, and 409 for another body', async () => {
    const sheet = nextSheet()
    const stub = await seededCentre(sheet)
    const row = session('K-0002', 'T-0001')
    const first = await stub.submit({
      tab: 'sessions',
      row,
      actor: OTHER_WORKER,
      bodyHash: 'x1',
      idempotencyKey: 'idem-1',
    })
    const again = await stub.submit({
      tab: 'sessions',
      row,
      actor: OTHER_WORKER,
      bodyHash: 'x1',
      idempotencyKey: 'idem-1',
    })
    const other = await stub.submit({
      tab: 'sessions',
      row: { ...row, task: 'mengepel' },
      actor: OTHER_WORKER,
      bodyHash: 'x2',
      idempotencyKey: 'idem-1',
    })
    expect(first.ok && first.value).toMatchObject({ status: 201, replayed: false })
    expect(again.ok && again.value).toMatchObject({ status: 201, replayed: true })
    expect(again.ok && first.ok && again.value.row).toEqual(first.ok && first.value.row)
    expect(errorKind(other)).toBe('idempotency_conflict')
    const ids = await columnValues(sheet, 'Sessions', 'ID Sesi')
    expect(ids.filter((id) => first.ok && id === field(first.value.row, 'session_id'))).toHaveLength(1)
  })

  describe('authorisation', () => {
    /** Accepted rows land here, so the shared casebook stays as seeded. */
    let authz: LedgerStub
    beforeAll(async () => {
      authz = await seededCentre(nextSheet())
    })

    it.each<{ name: string; actor: Actor; tab: 'cases' | 'sessions'; row: () => object; expected: string }>([
      {
        name: 'a worker opening a case',
        actor: WORKER,
        tab: 'cases',
        row: () => aCase('DD', 'peksos-uji'),
        expected: 'forbidden',
      },
      {
        // Judged like a case that does not exist (no existence oracle: issue 7 point 4).
        name: 'a worker logging on another worker’s case',
        actor: WORKER,
        tab: 'sessions',
        row: () => ({ ...session('K-0002', 'T-0001'), worker: 'peksos-uji' }),
        expected: 'invalid_row',
      },
      {
        name: 'a worker logging in another worker’s name',
        actor: WORKER,
        tab: 'sessions',
        row: () => session('K-0002', 'T-0001'),
        expected: 'field_forbidden',
      },
      {
        name: 'the case’s worker (matched case-insensitively)',
        actor: OTHER_WORKER,
        tab: 'sessions',
        row: () => session('K-0002', 'T-0001'),
        expected: 'ok',
      },
      {
        name: 'a coordinator on any case',
        actor: COORDINATOR,
        tab: 'sessions',
        row: () => session('K-0002', 'T-0001'),
        expected: 'ok',
      },
      {
        name: 'an admin opening a case',
        actor: ADMIN,
        tab: 'cases',
        row: () => aCase('EE', 'peksos-uji'),
        expected: 'ok',
      },
    ])('authorises $name: $expected', async ({ actor, tab, row, expected }) => {
      const r = await authz.submit({
        tab,
        row: row() as never,
        actor,
        bodyHash: `${actor.staffId}-${tab}-${Math.random()}`,
      })
      expect(errorKind(r)).toBe(expected)
    })
  })

  it.each([
    {
      name: 'a session of a case without consent',
      row: { ...session('K-0003', 'T-0001') },
      codes: ['consent_missing', 'goal_case_mismatch'],
    },
    {
      name: 'a session of an unknown case',
      row: { ...session('K-0099', 'T-0001') },
      codes: ['case_not_found', 'goal_case_mismatch'],
    },
    { name: 'a session of an unknown goal', row: { ...session('K-0002', 'T-0099') }, codes: ['goal_not_found'] },
    {
      name: 'a session before consent',
      row: { ...session('K-0002', 'T-0001'), date: '2025-01-01' },
      codes: ['before_consent', 'before_goal_start'],
    },
  ])('refuses $name with the rule codes', async ({ row, codes }) => {
    const r = await stub.submit({ tab: 'sessions', row, actor: COORDINATOR, bodyHash: JSON.stringify(row) })
    expect(issueCodes(r).sort()).toEqual([...codes].sort())
  })

  it('answers 202 while Google refuses, then syncs the row and replays 201', async () => {
    const sheet = nextSheet()
    const stub = await seededCentre(sheet)
    await setFaults({
      spreadsheet_id: sheet,
      methods: ['spreadsheets.batchUpdate'],
      next: ['429', '429', '429', '429'],
    })
    const row = session('K-0002', 'T-0001')
    const first = await stub.submit({
      tab: 'sessions',
      row,
      actor: COORDINATOR,
      bodyHash: 'p1',
      idempotencyKey: 'pending-1',
      budgetMs: 30,
    })
    expect(first.ok && first.value).toMatchObject({ status: 202, sync: 'pending' })
    await clearFaults(sheet)
    await drained(stub, { runAlarm: true, intervalMs: 50 })
    const replay = await stub.submit({
      tab: 'sessions',
      row,
      actor: COORDINATOR,
      bodyHash: 'p1',
      idempotencyKey: 'pending-1',
    })
    expect(replay.ok && replay.value).toMatchObject({ status: 201, sync: 'synced', replayed: true })
    const status = await stub.syncStatus()
    expect(status.last_upstream_error?.kind).toBe('rate_limited')
  })
})

describe('reads', () => {
  it('shows a worker only the cases whose worker is their staff id or email', async () => {
    const mine = await stub.listCases(WORKER, {})
    const all = await stub.listCases(COORDINATOR, {})
    // K-0003 names peksos-uji by email.
    expect(mine.ok && mine.value.map((c) => c.case_id)).toEqual(['K-0001', 'K-0003'])
    expect(all.ok && all.value.map((c) => c.case_id)).toEqual(['K-0001', 'K-0002', 'K-0003'])
  })

  it.each([
    { name: 'getCase', call: () => stub.getCase(WORKER, 'K-0002', '2025-03-01') },
    { name: 'listSessions', call: () => stub.listSessions(WORKER, 'K-0002') },
    { name: 'listAssessments', call: () => stub.listAssessments(WORKER, 'K-0002') },
    { name: 'caseProgress', call: () => stub.caseProgress(WORKER, 'K-0002', '2025-03-01') },
    { name: 'goalProgress', call: () => stub.goalProgress(WORKER, 'T-0001', '2025-03-01') },
  ])('answers not_found to $name of another worker’s case', async ({ call }) => {
    expect(errorKind(await call())).toBe('not_found')
  })

  it('keeps every goal’s progress to coordinators and admins', async () => {
    expect(errorKind(await stub.allProgress(WORKER, '2025-03-01'))).toBe('forbidden')
    const all = await stub.allProgress(COORDINATOR, '2025-02-05')
    expect(all.ok && all.value.map((p) => [p.goal_id, p.tasks.length])).toEqual([['T-0001', 1]])
  })

  it('filters cases by status, worker and cluster', async () => {
    const r = await stub.listCases(COORDINATOR, { worker: 'peksos-lain', cluster: 'Anak', status: 'aktif' })
    expect(r.ok && r.value.map((c) => c.case_id)).toEqual(['K-0002'])
  })
})

describe('authenticate', OWN_CASEBOOK, () => {
  it.each<{ name: string; actor: Actor; expected: string }>([
    { name: 'an active worker', actor: WORKER, expected: 'ok' },
    { name: 'a coordinator', actor: COORDINATOR, expected: 'ok' },
    { name: 'an admin acting as a worker', actor: { staffId: 'admin-uji', role: 'worker' }, expected: 'ok' },
    {
      name: 'a worker claiming the coordinator role',
      actor: { staffId: 'peksos-uji', role: 'coordinator' },
      expected: 'forbidden',
    },
    { name: 'an unknown staff id', actor: { staffId: 'tamu', role: 'worker' }, expected: 'staff_inactive' },
  ])('answers $expected for $name', async ({ actor, expected }) => {
    expect(errorKind(await stub.authenticate(actor))).toBe(expected)
  })

  it('stops a deactivated staff member at the next sync', async () => {
    const sheet = nextSheet()
    const stub = await seededCentre(sheet)
    await staffEdit(sheet, 'Staff!D5', [[false]])
    expect(errorKind(await stub.authenticate(OTHER_WORKER))).toBe('ok')
    await stub.sync('api')
    expect(errorKind(await stub.authenticate(OTHER_WORKER))).toBe('staff_inactive')
  })
})

describe('health and sync status', OWN_CASEBOOK, () => {
  it('reports the sheet reachable and the outbox depth without calling Google', async () => {
    expect(await stub.health()).toEqual({ ok: true, sheet: 'reachable', outbox: 0 })
  })

  it('reports the sheet unreachable after Google stopped answering', async () => {
    const sheet = nextSheet()
    const stub = await seededCentre(sheet)
    await setFaults({ spreadsheet_id: sheet, rates: { '503': 1 } })
    const r = await stub.sync('api')
    await clearFaults(sheet)
    expect(errorKind(r)).toBe('sheet_unavailable')
    expect((await stub.health()).sheet).toBe('unreachable')
    const status = await stub.syncStatus()
    expect(status.last_upstream_error?.kind).toBe('unavailable')
    await stub.sync('api')
    expect((await stub.health()).sheet).toBe('reachable')
  })
})

describe('a broken sheet layout', OWN_CASEBOOK, () => {
  it('names the missing column key instead of guessing', async () => {
    const sheet = 'ledger-rpc-layout'
    const broken = await provisionCasebook(sheet)
    // A person deletes the Cases "Sex" column (C): its key is gone with it.
    await staffBatchUpdate(sheet, [
      { deleteDimension: { range: { sheetId: 1, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 } } },
    ])
    const r = await broken.sync('api')
    expect(!r.ok && r.error).toEqual({
      kind: 'sheet_layout',
      problems: [{ tab: 'Cases', key: 'sex', problem: 'missing_key' }],
    })
    expect(errorKind(await broken.listCases(COORDINATOR, {}))).toBe('sheet_layout')
  })
})

describe('the audit log', OWN_CASEBOOK, () => {
  it('records who submitted which row, and never what was typed', async () => {
    const stub = await seededCentre(nextSheet())
    const row = await accepted(stub, {
      tab: 'sessions',
      row: { ...session('K-0002', 'T-0001'), task: 'tugas audit', notes: 'Catatan rahasia uji' },
      actor: OTHER_WORKER,
      bodyHash: 'audit-note',
    })
    const sessionId = field(row, 'session_id')
    const records = await runInDurableObject(stub, (_instance: Ledger, state) =>
      recentAudit({ sql: state.storage.sql, transactionSync: (fn) => state.storage.transactionSync(fn) }),
    )
    expect(records).toContainEqual(
      expect.objectContaining({ actor: OTHER_WORKER.staffId, action: 'submit', tab: 'sessions', rowId: sessionId }),
    )
    const text = JSON.stringify(records)
    expect(text).not.toContain('rahasia')
    expect(text).not.toContain('tugas audit')
  })
})
