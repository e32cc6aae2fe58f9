// domain.md "Worked example" through the ledger: a coordinator opens the case, records consent
// with a PATCH, a worker adds goal G1 and logs the nine sessions; progress as of 2025-03-13 and
// 2025-03-19 is exactly the one domain.md gives, and the sheet holds every row once.
import { beforeAll, describe, expect, it } from 'vitest'
import type { GoalProgress } from '../../src/domain'
import { COORDINATOR, columnValues, field, ledger, provisionCasebook, tabRows, WORKER } from './ledger-fixture'

const SHEET = 'ledger-worked-example'

const SESSIONS = [
  ['2025-03-05', 'memilah pakaian', 'penuh', undefined],
  ['2025-03-06', 'memilah pakaian', 'sebagian', undefined],
  ['2025-03-10', 'memilah pakaian', 'mandiri', undefined],
  ['2025-03-11', 'merendam', 'sebagian', undefined],
  ['2025-03-12', 'merendam', 'mandiri', undefined],
  ['2025-03-13', 'menyikat', 'penuh', undefined],
  ['2025-03-17', 'menyikat', 'minimal', undefined],
  ['2025-03-18', 'membilas dan menjemur', 'sebagian', 3],
  ['2025-03-19', 'menyikat', 'mandiri', undefined],
] as const

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
    row: {
      case_id: caseId,
      title: 'Mencuci pakaian sendiri',
      method: 'casework',
      start_date: '2025-03-05',
      duration_days: 10,
      target_count: 4,
      milestones: '5:2, 10:4',
      mastery_level: 4,
      success_level: 3,
      weight: 1,
    },
    actor: WORKER,
    bodyHash: 'goal',
  })
  if (!goal.ok) throw new Error(JSON.stringify(goal.error))
  goalId = field(goal.value.row, 'goal_id')
  for (const [date, task, assistance, rating] of SESSIONS) {
    const logged = await stub.submit({
      tab: 'sessions',
      row: {
        case_id: caseId,
        goal_id: goalId,
        date,
        task,
        assistance,
        ...(rating === undefined ? {} : { rating }),
        worker: 'peksos-uji',
      },
      actor: WORKER,
      bodyHash: `session-${date}`,
    })
    if (!logged.ok) throw new Error(JSON.stringify(logged.error))
  }
})

describe('the worked example of domain.md through the ledger', () => {
  it('rates G1 as of 2025-03-13 exactly as domain.md does', async () => {
    const answer = await stub.goalProgress(WORKER, goalId, '2025-03-13')
    expect(answer.ok).toBe(true)
    const p = (answer as { value: GoalProgress }).value
    expect(p.tasks.map((t) => [t.task, t.rating, t.mastered, t.sessions, t.last_date])).toEqual([
      ['memilah pakaian', 4, true, 3, '2025-03-10'],
      ['merendam', 4, true, 2, '2025-03-12'],
      ['menyikat', 1, false, 1, '2025-03-13'],
    ])
    expect({
      rating_sum: p.rating_sum,
      mean: p.mean,
      level: p.level,
      label: p.label,
      percent: p.percent,
      success: p.success,
      status: p.status,
      last_session: p.last_session,
    }).toEqual({
      rating_sum: 9,
      mean: 2.25,
      level: 2,
      label: 'Sebagian Tercapai',
      percent: 56.3,
      success: false,
      status: 'on_track',
      last_session: '2025-03-13',
    })
    expect(p.milestones).toEqual([
      { day: 5, date: '2025-03-12', target: 2, mastered: 2, status: 'met' },
      { day: 10, date: '2025-03-19', target: 4, mastered: 2, status: 'pending' },
    ])
  })

  it('rates G1 as of 2025-03-19 exactly as domain.md does', async () => {
    const answer = await stub.goalProgress(WORKER, goalId, '2025-03-19')
    const p = (answer as { value: GoalProgress }).value
    expect([p.rating_sum, p.mean, p.level, p.percent, p.success]).toEqual([15, 3.75, 4, 93.8, true])
    expect(p.milestones.map((m) => [m.day, m.date, m.mastered, m.status])).toEqual([
      [5, '2025-03-12', 2, 'met'],
      [10, '2025-03-19', 3, 'pending'],
    ])
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
    expect(sessions.map((s) => s.Tugas)).toEqual(SESSIONS.map(([, task]) => task))
    expect(new Set(sessions.map((s) => s['ID Sesi'])).size).toBe(SESSIONS.length)
  })

  it('writes the consent date and the stage into the case row', async () => {
    const [row] = await tabRows(SHEET, 'Cases')
    expect(row?.['Tanggal persetujuan (informed consent)']).toBe(45719) // 2025-03-03 as a day serial
    expect(row?.Tahapan).toBe('perencanaan')
  })
})
