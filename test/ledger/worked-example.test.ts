// domain.md "Worked example" through the ledger: a coordinator opens the case, records consent
// with a PATCH, a worker adds goal G1 and logs the nine sessions; progress as of 2025-03-13 and
// 2025-03-19 is exactly the one domain.md gives, and the sheet holds every row once.
import { beforeAll, describe, expect, it } from 'vitest'
import type { GoalProgress } from '../../src/domain'
import { expectedProgress, WORKED_GOAL, WORKED_SESSIONS } from '../support/worked-example'
import { COORDINATOR, columnValues, field, ledger, provisionCasebook, tabRows, WORKER } from './ledger-fixture'

const SHEET = 'ledger-worked-example'

let stub: Awaited<ReturnType<typeof ledger>>
let goalId = ''
let caseId = ''

beforeAll(async () => {
  await provisionCasebook(SHEET)
  stub = await ledger(SHEET)
  const opened = await stub.submit({
    tab: 'cases',
    row: {
      initials: 'R.A',
      sex: 'P',
      birth_date: '2012-06-01',
      cluster: 'disabilitas_intelektual',
      service: 'residensial',
      worker: 'peksos-uji',
      stage: 'pendekatan_awal',
      status: 'aktif',
    },
    actor: COORDINATOR,
    bodyHash: 'case',
  })
  if (!opened.ok) throw new Error(JSON.stringify(opened.error))
  caseId = opened.value.row.case_id
  const detail = await stub.getCase(COORDINATOR, caseId, '2025-03-01')
  if (!detail.ok) throw new Error(JSON.stringify(detail.error))
  const consent = await stub.patchCase({
    caseId,
    patch: { consent_date: '2025-03-03', stage: 'perencanaan' },
    ifMatch: detail.value.etag,
    actor: COORDINATOR,
  })
  if (!consent.ok) throw new Error(JSON.stringify(consent.error))
  const goal = await stub.submit({
    tab: 'goals',
    row: { case_id: caseId, ...WORKED_GOAL },
    actor: WORKER,
    bodyHash: 'goal',
  })
  if (!goal.ok) throw new Error(JSON.stringify(goal.error))
  goalId = field(goal.value.row, 'goal_id')
  for (const session of WORKED_SESSIONS) {
    const logged = await stub.submit({
      tab: 'sessions',
      row: {
        case_id: caseId,
        goal_id: goalId,
        ...session,
        worker: 'peksos-uji',
      },
      actor: WORKER,
      bodyHash: `session-${session.date}`,
    })
    if (!logged.ok) throw new Error(JSON.stringify(logged.error))
  }
})

describe('the worked example of domain.md through the ledger', () => {
  it.each(['2025-03-13', '2025-03-19'] as const)('rates G1 as of %s exactly as domain.md does', async (asOf) => {
    const answer = await stub.goalProgress(WORKER, goalId, asOf)
    expect(answer).toEqual({ ok: true, value: expectedProgress(asOf, { goal_id: goalId, case_id: caseId }) })
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
    const sessions = await tabRows(SHEET, 'Sessions')
    expect(sessions.map((s) => s.Tugas)).toEqual(WORKED_SESSIONS.map((s) => s.task))
    expect(new Set(sessions.map((s) => s['ID Sesi'])).size).toBe(WORKED_SESSIONS.length)
  })

  it('writes the consent date and the stage into the case row', async () => {
    const [row] = await tabRows(SHEET, 'Cases')
    expect(row?.['Tanggal persetujuan (informed consent)']).toBe(45719) // 2025-03-03 as a day serial
    expect(row?.Tahapan).toBe('perencanaan')
  })
})
