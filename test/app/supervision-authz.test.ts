import { describe, expect, it } from 'vitest'
import { hidden } from './support/browser'
import { signedInAs } from './support/supervision'

// Who may open and post the supervision pages (issue 9 point 6, the page side of the authz
// table): the dashboard is the coordinators' and admins'; a case report, its events and its
// feedback are for whoever may see the case (its worker, coordinators, admins) — another worker's
// case answers 404 as the API does; feedback is given by coordinators and admins and answered by
// the case's worker. Centre: K-0001 (peksos-uji), K-0002 (peksos-lain); U-0001 is feedback on
// K-0001, U-0002 on K-0002.

type Role = 'worker' | 'coordinator'

async function withFeedback(role: Role) {
  const signed = await signedInAs(role)
  const base = { from: 'koordinator-uji', date: '2025-03-14', kind: 'comment', text: 'Catatan (uji)' } as const
  signed.app.ledger.seed('feedback', { ...base, case_id: 'K-0001', target: 'T-0001' })
  signed.app.ledger.seed('feedback', { ...base, case_id: 'K-0002', target: 'T-0002' })
  return signed
}

describe('who may open each supervision page', () => {
  it.each<readonly [Role, string, number]>([
    ['worker', '/app/dashboard', 403],
    ['coordinator', '/app/dashboard', 200],
    ['worker', '/app/cases/K-0001/report', 200],
    ['worker', '/app/cases/K-0002/report', 404],
    ['coordinator', '/app/cases/K-0002/report', 200],
    ['worker', '/app/events/new', 200],
    ['coordinator', '/app/events/new', 200],
    ['worker', '/app/feedback/new?case=K-0001', 403],
    ['coordinator', '/app/feedback/new?case=K-0001', 200],
    ['coordinator', '/app/feedback/new?case=K-9999', 404],
    ['worker', '/app/feedback/U-0001', 200],
    ['worker', '/app/feedback/U-0002', 404],
    ['coordinator', '/app/feedback/U-0002', 200],
    ['coordinator', '/app/feedback/U-9999', 404],
  ])('a %s opening %s gets %i', async (role, path, status) => {
    const { b } = await withFeedback(role)
    expect((await b.go(path)).status).toBe(status)
  })
})

describe('what each role may post', () => {
  it('refuses feedback posted by a worker (403) and stores nothing', async () => {
    const { app, b } = await withFeedback('worker')
    const page = await b.go('/app/events/new')
    const answer = await b.post(
      '/app/feedback/new',
      {
        _csrf: hidden(page.html, '_csrf'),
        _idem: 'umpan-balik-peksos',
        case_id: 'K-0001',
        target: 'T-0001',
        kind: 'approve',
        date: '2025-03-20',
      },
      '/app/events/new',
    )
    expect(answer.status).toBe(403)
    expect(app.ledger.feedback).toHaveLength(2)
  })

  it('refuses an answer posted by a coordinator to the worker’s feedback (not offered, 403)', async () => {
    const { app, b } = await withFeedback('coordinator')
    const page = await b.go('/app/feedback/U-0001')
    expect(page.html).not.toContain('name="reply"')
    const answer = await b.post(
      '/app/feedback/U-0001',
      { _csrf: hidden(page.html, '_csrf'), _etag: app.ledger.rowEtagOf('feedback', 'U-0001'), reply: 'Saya (uji)' },
      '/app/feedback/U-0001',
    )
    expect(answer.status).toBe(403)
    expect(app.ledger.feedback[0]?.reply).toBeUndefined()
  })

  it('refuses an event a worker posts for another worker’s case, and stores nothing', async () => {
    const { app, b } = await withFeedback('worker')
    const page = await b.go('/app/events/new')
    const answer = await b.post(
      '/app/events/new',
      {
        _csrf: hidden(page.html, '_csrf'),
        _idem: hidden(page.html, '_idem'),
        case_id: 'K-0002',
        date: '2025-03-14',
        kind: 'home_visit',
        summary: 'Bukan kasus saya (uji)',
        worker: 'peksos-uji',
      },
      '/app/events/new',
    )
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    expect(app.ledger.events).toEqual([])
  })
})
