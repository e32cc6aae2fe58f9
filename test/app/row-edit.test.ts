import { describe, expect, it } from 'vitest'
import { NOW } from '../http/support/harness'
import { hidden, textOf } from './support/browser'
import { EMAILS, fieldApp, signedIn } from './support/field-app'

// Correcting a mistake (issue 8): a worker corrects or withdraws their own session and assessment
// rows from the case page, through the ledger's patchRow with the row's version; a staff edit in
// between answers 412, never an overwrite.

async function withSessions() {
  const app = fieldApp()
  const b = await signedIn(app, EMAILS.worker)
  app.clock.set(NOW)
  const own = app.ledger.seed('sessions', {
    case_id: 'K-0001',
    goal_id: 'T-0001',
    date: '2025-03-05',
    task: 'memilah pakaian',
    assistance: 'penuh',
    worker: 'peksos-uji',
  })
  const coordinators = app.ledger.seed('sessions', {
    case_id: 'K-0001',
    goal_id: 'T-0001',
    date: '2025-03-06',
    task: 'merendam',
    assistance: 'sebagian',
    worker: 'koordinator-uji',
  })
  return { app, b, own, coordinators }
}

const EDIT = '/app/sessions/S-0001/edit'

describe('correcting a session row', () => {
  it('is offered from the case page for the worker’s own rows only', async () => {
    const { b } = await withSessions()
    const { html } = await b.go('/app/cases/K-0001')
    expect(html).toContain(`href="${EDIT}"`)
    expect(html).not.toContain('href="/app/sessions/S-0002/edit"')
  })

  it('changes only the fields that differ, with the version the page showed', async () => {
    const { app, b } = await withSessions()
    const page = await b.go(EDIT)
    expect(page.html).toContain('data-form="correct" data-api="/api/sessions/S-0001" data-method="PATCH"')
    const saved = await b.post(
      EDIT,
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        _action: 'correct',
        goal_id: 'T-0001',
        task: 'memilah pakaian kotor',
        assistance: 'penuh',
        rating: '',
        date: '2025-03-05',
        techniques: '',
        participants: '',
        duration_min: '',
        notes: '',
      },
      EDIT,
    )
    expect(saved.status).toBe(200)
    expect(textOf(saved.html, 'status-correct')).toBe('Tersimpan: sesi S-0001')
    const call = app.ledger.callsOf('patchRow').at(-1)?.[0] as { patch: unknown; ifMatch: string; tab: string }
    expect(call).toMatchObject({ tab: 'sessions', patch: { task: 'memilah pakaian kotor' }, ifMatch: 'v1-S-0001' })
    expect(hidden(saved.html, '_etag')).toBe('v2-S-0001')
  })

  it('withdraws the row: it stays, marked on the case page, and leaves the goal’s progress', async () => {
    const { app, b } = await withSessions()
    const before = await b.go('/app/cases/K-0001')
    expect(before.html).toContain('Level 1')
    const page = await b.go(EDIT)
    expect(page.html).toContain(
      'name="withdrawn_date" aria-describedby="help-withdrawn_date err-withdrawn_date" type="date" value="2025-03-20"',
    )
    const done = await b.post(
      EDIT,
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        _action: 'withdraw',
        withdrawn_date: '2025-03-20',
        withdrawn_reason: 'salah kasus',
      },
      EDIT,
    )
    expect(textOf(done.html, 'status-withdraw')).toBe('Tersimpan: sesi S-0001')
    expect(app.ledger.sessions.find((s) => s.session_id === 'S-0001')).toMatchObject({
      withdrawn_date: '2025-03-20',
      withdrawn_reason: 'salah kasus',
      task: 'memilah pakaian',
    })
    const after = await b.go('/app/cases/K-0001')
    expect(after.html).toContain('<tr class="withdrawn"><td>Rab 5 Mar 2025</td>')
    expect(after.html).toContain('ditarik Kam 20 Mar 2025')
  })

  it('answers 412 plainly when the row changed in the sheet since the page was shown', async () => {
    const { app, b } = await withSessions()
    const page = await b.go(EDIT)
    // A coordinator's change lands first (a staff edit in the sheet does the same to the version).
    const changed = await app.ledger.patchRow({
      tab: 'sessions',
      id: 'S-0001',
      patch: { notes: 'dicek koordinator' },
      ifMatch: 'v1-S-0001',
      actor: { staffId: 'koordinator-uji', role: 'coordinator' },
    })
    expect(changed.ok).toBe(true)
    const answer = await b.post(
      EDIT,
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        _action: 'correct',
        task: 'menjemur',
      },
      EDIT,
    )
    expect(answer.status).toBe(412)
    expect(textOf(answer.html, 'status-correct')).toContain('baru saja diubah orang lain')
    expect(answer.html).toContain('>dicek koordinator</textarea>')
    expect(app.ledger.sessions.find((s) => s.session_id === 'S-0001')?.task).toBe('memilah pakaian')
  })

  it('refuses a blank required field next to it (the API never clears a cell)', async () => {
    const { b } = await withSessions()
    const page = await b.go(EDIT)
    const answer = await b.post(
      EDIT,
      { _csrf: hidden(page.html, '_csrf'), _etag: hidden(page.html, '_etag'), _action: 'correct', task: '' },
      EDIT,
    )
    expect(answer.status).toBe(422)
    expect(textOf(answer.html, 'err-task')).toBe('Kolom "Tugas" wajib diisi.')
  })

  it('answers 404 for another worker’s row, as the API does', async () => {
    const { b } = await withSessions()
    expect((await b.go('/app/sessions/S-0002/edit')).status).toBe(404)
  })

  it('lets a coordinator correct any row, including who logged it', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.coordinator)
    app.clock.set(NOW)
    app.ledger.seed('sessions', {
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: '2025-03-05',
      task: 'memilah pakaian',
      assistance: 'penuh',
      worker: 'peksos-uji',
    })
    const page = await b.go(EDIT)
    expect(page.html).toContain('name="worker"')
  })
})

describe('correcting an assessment row', () => {
  it('offers the tool’s own domains and saves a corrected source', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    app.clock.set(NOW)
    app.ledger.seed('assessments', {
      case_id: 'K-0001',
      date: '2025-03-04',
      tool: 'bpss',
      domain: 'sosial',
      source: 'klien',
      method: 'wawancara',
      worker: 'peksos-uji',
    })
    const edit = '/app/assessments/A-0001/edit'
    const page = await b.go(edit)
    expect(page.html).toContain('value="spiritual"')
    const saved = await b.post(
      edit,
      { _csrf: hidden(page.html, '_csrf'), _etag: hidden(page.html, '_etag'), _action: 'correct', source: 'keluarga' },
      edit,
    )
    expect(textOf(saved.html, 'status-correct')).toBe('Tersimpan: asesmen A-0001')
    expect(app.ledger.assessments[0]).toMatchObject({ source: 'keluarga', domain: 'sosial' })
  })
})
