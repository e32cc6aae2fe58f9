import { describe, expect, it } from 'vitest'
import { hidden, textOf } from './support/browser'
import { controlsOf } from './support/page-html'
import { firstLoadGzip, signedInAs, textOfHtml } from './support/supervision'

// `/app/events/new` (issue 9 point 1) through HTTP on the fake ledger: the form derived from the
// Events tab's schema, posting without JavaScript, and the domain's rules answered next to their
// fields. The centre: K-0001 (peksos-uji, consent 2025-03-03), K-0002 (peksos-lain), K-0003
// (peksos-uji, no consent yet); today is 2025-03-20.

const FORM = '/app/events/new'

async function postEvent(role: 'worker' | 'coordinator', fields: Record<string, string>, from = FORM) {
  const { app, b } = await signedInAs(role)
  const form = await b.go(from)
  const page = await b.post(
    FORM,
    { _csrf: hidden(form.html, '_csrf'), _idem: hidden(form.html, '_idem'), worker: 'peksos-uji', ...fields },
    from,
  )
  return { app, b, page }
}

const CONFERENCE = {
  case_id: 'K-0001',
  date: '2025-03-14',
  kind: 'case_conference',
  participants: 'peksos, supervisor, klien',
  summary: 'Rencana intervensi dibahas (uji)',
  decisions: 'Lanjutkan tujuan T-0001 (uji)',
  next_date: '2025-03-28',
}

describe('the event form', () => {
  it('derives its fields from the Events tab: column keys, labels, the kinds in words, a status slot', async () => {
    const { b } = await signedInAs('worker')
    const { status, html } = await b.go(`${FORM}?case=K-0001&kind=termination`)
    expect(status).toBe(200)
    expect(html).toMatch(
      /<form method="post" action="\/app\/events\/new" novalidate="" data-form="event" data-api="\/api\/events"/,
    )
    const form = html.slice(html.indexOf('data-form="event"'))
    expect(controlsOf(form).map((c) => c.name)).toEqual([
      '_csrf',
      '_idem',
      'case_id',
      'date',
      'kind',
      'participants',
      'summary',
      'decisions',
      'next_date',
      'referred_to',
      'worker',
    ])
    for (const control of controlsOf(html))
      if (control.labelled !== undefined) expect(control.labelled, control.name).toBe(true)
    expect(html).toContain('<label for="f-kind">Jenis peristiwa')
    expect(html).toContain('<option value="case_conference">Konferensi kasus</option>')
    expect(html).toContain('<option value="termination" selected="">Terminasi</option>')
    expect(html).toContain('<option value="K-0001" selected="">K-0001 · AB</option>')
    expect(html).toContain('<input type="hidden" name="worker" value="peksos-uji"')
    expect(html).toContain('id="status-event"')
  })

  it('offers a worker only their own cases', async () => {
    const { b } = await signedInAs('worker')
    const { html } = await b.go(FORM)
    expect(html).toContain('value="K-0001"')
    expect(html).toContain('value="K-0003"')
    expect(html).not.toContain('value="K-0002"')
  })

  it('saves a case conference without JavaScript and says its new id; the case page lists it', async () => {
    const { app, b, page } = await postEvent('worker', CONFERENCE)
    expect(page.status).toBe(201)
    expect(textOf(page.html, 'status-event')).toMatch(/^Tersimpan: peristiwa P-0001 — K-0001 · Konferensi kasus/)
    expect(app.ledger.events).toEqual([expect.objectContaining({ event_id: 'P-0001', ...CONFERENCE })])
    const casePage = textOfHtml((await b.go('/app/cases/K-0001')).html)
    expect(casePage).toContain(
      'Konferensi kasus · Jum 14 Mar 2025 · P-0001 · peksos-uji Rencana intervensi dibahas (uji)',
    )
    expect(casePage).toContain('Tanggal berikutnya Jum 28 Mar 2025')
  })

  it.each([
    ['a contract before informed consent', { case_id: 'K-0003', kind: 'contract' }, 'date', /persetujuan|consent/i],
    ['a referral that names no place', { kind: 'referral' }, 'referred_to', /.+/],
    ['a participant named instead of a role', { participants: 'peksos, Budi' }, 'participants', /.+/],
    ['a next date before the event', { next_date: '2025-03-01' }, 'next_date', /.+/],
    ['no summary', { summary: '' }, 'summary', /.+/],
  ])(
    'refuses %s, with the message next to its field and what was typed kept',
    async (_rule, change, field, message) => {
      const { app, page } = await postEvent('worker', { ...CONFERENCE, ...change })
      expect(page.status).toBe(422)
      expect(textOf(page.html, `err-${field}`)).toMatch(message)
      if (field !== 'summary') expect(page.html).toContain('>Rencana intervensi dibahas (uji)</textarea>')
      expect(page.html).toContain('Perbaiki kolom yang ditandai')
      expect(app.ledger.events).toEqual([])
    },
  )

  it('records a follow-up after the case closed, and refuses anything else then', async () => {
    const { app, b } = await signedInAs('worker')
    app.ledger.staffEdit('K-0001', {
      stage: 'terminasi',
      status: 'selesai',
      closed_date: '2025-03-18',
      closure_reason: 'Tujuan tercapai (uji)',
      referred_to: 'Keluarga (uji)',
    })
    // The closed case is offered when asked for by ?case= (it is no longer in the active list).
    const form = await b.go(`${FORM}?case=K-0001&kind=follow_up`)
    expect(form.html).toContain('<option value="K-0001" selected="">K-0001 · AB</option>')
    const fields = { _csrf: hidden(form.html, '_csrf'), worker: 'peksos-uji', case_id: 'K-0001', date: '2025-03-19' }
    const home = await b.post(
      FORM,
      { ...fields, _idem: 'kunjungan-1', kind: 'home_visit', summary: 'Kunjungan (uji)' },
      FORM,
    )
    expect(home.status).toBe(422)
    expect(textOf(home.html, 'err-date')).not.toBe('')
    const followUp = await b.post(
      FORM,
      { ...fields, _idem: 'tindak-1', kind: 'follow_up', summary: 'Tindak lanjut (uji)' },
      FORM,
    )
    expect(followUp.status).toBe(201)
    expect(app.ledger.events.map((e) => e.kind)).toEqual(['follow_up'])
  })

  it('lets a coordinator record an event in a worker’s name', async () => {
    const { app, page } = await postEvent('coordinator', { ...CONFERENCE, case_id: 'K-0002', worker: 'peksos-lain' })
    expect(page.status).toBe(201)
    expect(app.ledger.events[0]).toMatchObject({ case_id: 'K-0002', worker: 'peksos-lain' })
  })

  it('weighs at most 30 KiB gzip on first load (HTML, CSS and JS)', async () => {
    const { b } = await signedInAs('worker')
    const page = await b.go(`${FORM}?case=K-0001`)
    const total = await firstLoadGzip(b, page)
    console.log(`page weight ${FORM}: ${(total / 1024).toFixed(1)} KiB gzip (HTML + CSS + JS)`)
    expect(total).toBeLessThanOrEqual(30 * 1024)
  })
})
