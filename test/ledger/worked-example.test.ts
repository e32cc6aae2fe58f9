// domain.md "Worked example" through the ledger: a coordinator opens the case, records consent
// with a PATCH, a worker adds goal G1 and logs the nine sessions; progress as of 2025-03-13 and
// 2025-03-19 is exactly the one domain.md gives, and the sheet holds every row once.
import { beforeAll, describe, expect, it } from 'vitest'
import type { GoalProgress } from '../../src/domain'
import {
  accepted,
  COORDINATOR,
  columnValues,
  field,
  type LedgerStub,
  provisionCasebook,
  rowsByLabel,
  WORKER,
} from '../support/casebook'
import {
  expectedProgressView,
  WORKED_CASE,
  WORKED_CONSENT,
  WORKED_GOAL,
  WORKED_SESSIONS,
} from '../support/worked-example'

const SHEET = 'ledger-worked-example'

let stub: LedgerStub
let goalId = ''
let caseId = ''

beforeAll(async () => {
  stub = await provisionCasebook(SHEET)
  const opened = await accepted(stub, { tab: 'cases', row: WORKED_CASE, actor: COORDINATOR, bodyHash: 'case' })
  caseId = field(opened, 'case_id')
  const detail = await stub.getCase(COORDINATOR, caseId, '2025-03-01')
  if (!detail.ok) throw new Error(JSON.stringify(detail.error))
  const consent = await stub.patchCase({
    caseId,
    patch: WORKED_CONSENT,
    ifMatch: detail.value.etag,
    actor: COORDINATOR,
  })
  if (!consent.ok) throw new Error(JSON.stringify(consent.error))
  const goal = await accepted(stub, {
    tab: 'goals',
    row: { case_id: caseId, ...WORKED_GOAL },
    actor: WORKER,
    bodyHash: 'goal',
  })
  goalId = field(goal, 'goal_id')
  for (const session of WORKED_SESSIONS) {
    await accepted(stub, {
      tab: 'sessions',
      row: { case_id: caseId, goal_id: goalId, ...session, worker: 'peksos-uji' },
      actor: WORKER,
      bodyHash: `session-${session.date}`,
    })
  }
})

describe('the worked example of domain.md through the ledger', () => {
  it.each(['2025-03-13', '2025-03-19'] as const)('rates G1 as of %s exactly as domain.md does', async (asOf) => {
    const answer = await stub.goalProgress(WORKER, goalId, asOf)
    expect(answer).toEqual({ ok: true, value: expectedProgressView(asOf, { goal_id: goalId, case_id: caseId }) })
  })

  it('marks the day-10 milestone missed as of 2025-03-20', async () => {
    const answer = await stub.goalProgress(WORKER, goalId, '2025-03-20')
    const p = (answer as { value: GoalProgress }).value
    expect(p.milestones[1]?.status).toBe('missed')
  })

  it('gives the case a T-score of 60.00 with G1 alone', async () => {
    const answer = await stub.caseProgress(COORDINATOR, caseId, '2025-03-19')
    expect(answer.ok && answer.value.t_score).toBe(60)
  })

  it('holds the case, the goal and each session in the sheet exactly once', async () => {
    expect(await columnValues(SHEET, 'Cases', 'ID Kasus')).toEqual([caseId])
    expect(await columnValues(SHEET, 'Goals', 'ID Tujuan')).toEqual([goalId])
    const sessions = await rowsByLabel(SHEET, 'Sessions')
    expect(sessions.map((s) => s.Tugas)).toEqual(WORKED_SESSIONS.map((s) => s.task))
    expect(new Set(sessions.map((s) => s['ID Sesi'])).size).toBe(WORKED_SESSIONS.length)
  })

  it('writes the consent date and the stage into the case row', async () => {
    const [row] = await rowsByLabel(SHEET, 'Cases')
    expect(row?.['Tanggal persetujuan (informed consent)']).toBe(45719) // 2025-03-03 as a day serial
    expect(row?.Tahapan).toBe('perencanaan')
  })
})
