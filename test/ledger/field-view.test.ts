import { beforeAll, describe, expect, it } from 'vitest'
import type { LedgerStub } from '../support/casebook'
import {
  A_CASE,
  A_GOAL,
  A_SESSION,
  accepted,
  COORDINATOR,
  field,
  OTHER_WORKER,
  openCaseAndGoal,
  provisionCasebook,
  staffTypesRows,
  WORKER,
} from '../support/casebook'

// The field app's two reads (issue 8) on the real Durable Object: who a signed-in email is, and
// the view of one staff member. The casebook's Staff tab: peksos-uji has peksos@uji.example,
// koordinator-uji has koordinator@uji.example; this file adds peksos-cuti (inactive, with email).

const SHEET = 'ledger-field-view'
let stub: LedgerStub
let own: { caseId: string; goalId: string }
let other: { caseId: string; goalId: string }

beforeAll(async () => {
  stub = await provisionCasebook(SHEET)
  await staffTypesRows(SHEET, 'staff', 7, [
    { staff_id: 'peksos-cuti', email: 'cuti@uji.example', role: 'worker', active: false },
  ])
  expect((await stub.sync('api')).ok).toBe(true)
  own = await openCaseAndGoal(stub)
  const otherCase = await accepted(stub, {
    tab: 'cases',
    row: { ...A_CASE, worker: 'peksos-lain', initials: 'CD', consent_date: '2025-01-02' },
    actor: COORDINATOR,
    bodyHash: 'other-case',
  })
  const otherGoal = await accepted(stub, {
    tab: 'goals',
    row: { ...A_GOAL, case_id: field(otherCase, 'case_id') },
    actor: COORDINATOR,
    bodyHash: 'other-goal',
  })
  other = { caseId: field(otherCase, 'case_id'), goalId: field(otherGoal, 'goal_id') }
  for (const [date, task] of [
    ['2025-03-03', 'menyapu teras'],
    ['2025-03-04', 'mengepel'],
    ['2025-03-05', 'Menyapu Teras'],
  ] as const) {
    await accepted(stub, {
      tab: 'sessions',
      row: { ...A_SESSION, case_id: own.caseId, goal_id: own.goalId, date, task },
      actor: WORKER,
      bodyHash: `s-${date}`,
    })
  }
  await accepted(stub, {
    tab: 'cases',
    row: { ...A_CASE, status: 'selesai', closed_date: '2025-02-01', closure_reason: 'x', referred_to: 'y' },
    actor: COORDINATOR,
    bodyHash: 'closed',
  })
})

describe('who a signed-in email is', () => {
  it.each([
    ['the email as written in the Staff tab', 'peksos@uji.example', { status: 'active', actor: WORKER }],
    ['the email in other letter case, with spaces', '  PEKSOS@Uji.Example ', { status: 'active', actor: WORKER }],
    ["a coordinator's email, with the row's role", 'koordinator@uji.example', { status: 'active', actor: COORDINATOR }],
    ['the email of an inactive row', 'cuti@uji.example', { status: 'inactive', staffId: 'peksos-cuti' }],
    ['an email not in the Staff tab', 'orang-lain@uji.example', { status: 'unknown' }],
    ['a staff id instead of an email', 'peksos-uji', { status: 'unknown' }],
  ])('is found by %s', async (_name, email, expected) => {
    expect(await stub.staffByEmail(email)).toEqual({ ok: true, value: expected })
  })
})

describe("a staff member's field view", () => {
  it("shows a worker their own active cases, goals, progress and the goal's earlier tasks, latest first", async () => {
    const view = await stub.fieldView(WORKER, '2025-03-06', {})
    if (!view.ok) throw new Error(view.error.kind)
    expect(view.value.cases.map((c) => c.case_id)).toEqual([own.caseId])
    expect(view.value.goals.map((g) => g.goal_id)).toEqual([own.goalId])
    expect(view.value.progress.map((p) => [p.goal_id, p.as_of, p.tasks.length])).toEqual([
      [own.goalId, '2025-03-06', 2],
    ])
    expect(view.value.tasks).toEqual({ [own.goalId]: ['menyapu teras', 'mengepel'] })
    expect(view.value.staff).toEqual([{ staff_id: 'peksos-uji', role: 'worker' }])
    expect(view.value.holidays).toEqual(['2025-03-07'])
    expect(view.value.clusters).toContain('anak')
  })

  it('shows a coordinator every active case and every active staff member, or one worker’s cases', async () => {
    const all = await stub.fieldView(COORDINATOR, '2025-03-06', {})
    const theirs = await stub.fieldView(COORDINATOR, '2025-03-06', { worker: 'PEKSOS-LAIN' })
    if (!all.ok || !theirs.ok) throw new Error('refused')
    expect(all.value.cases.map((c) => c.case_id)).toEqual([own.caseId, other.caseId])
    expect(all.value.staff.map((s) => s.staff_id)).toEqual([
      'admin-uji',
      'koordinator-uji',
      'peksos-uji',
      'peksos-lain',
    ])
    expect(theirs.value.cases.map((c) => c.case_id)).toEqual([other.caseId])
    expect(theirs.value.goals.map((g) => g.goal_id)).toEqual([other.goalId])
  })

  it('ignores the worker filter of a worker: another worker’s cases stay hidden', async () => {
    const view = await stub.fieldView(OTHER_WORKER, '2025-03-06', { worker: 'peksos-uji' })
    expect(view.ok && view.value.cases.map((c) => c.case_id)).toEqual([other.caseId])
  })

  it('lists what is due: both goals idle (the one never worked on first), neither case assessed', async () => {
    const view = await stub.fieldView(COORDINATOR, '2025-03-13', {})
    if (!view.ok) throw new Error(view.error.kind)
    expect(view.value.due.map((d) => `${d.kind} ${'goal_id' in d ? d.goal_id : d.case_id}`)).toEqual([
      `goal_idle ${other.goalId}`,
      `goal_idle ${own.goalId}`,
      `assessment_missing ${own.caseId}`,
      `assessment_missing ${other.caseId}`,
    ])
    expect(view.value.due.slice(0, 2).map((d) => field(d, 'last_session'))).toEqual(['null', '2025-03-05'])
  })
})
