import { describe, expect, it } from 'vitest'
import type { Browser } from './support/browser'
import { hidden, textOf } from './support/browser'
import { EMAILS, fieldApp, signedIn } from './support/field-app'
import { firstLoadGzip, signedInAs, textOfHtml, withWorkedExample } from './support/supervision'

// Supervisor feedback in the field app (issue 9 point 2) through HTTP on the fake ledger: a
// coordinator approves a goal or asks for a revision with a note and comments on sessions; the
// worker sees what is open on /app and /app/tasks and answers it, which resolves it; the goal's
// approval shows on the case page. Only what the role may do is offered, and the rest is refused.
// Centre: K-0001 (peksos-uji) with G1 = T-0001 and its nine sessions; K-0002 (peksos-lain).

const GIVE = '/app/feedback/new'

/** One app, a coordinator and the case's worker signed in to it. */
async function bothSignedIn() {
  const app = fieldApp()
  withWorkedExample(app)
  const coordinator = await signedIn(app, EMAILS.coordinator)
  const worker = await signedIn(app, EMAILS.worker)
  app.clock.set(Date.parse('2025-03-20T03:00:00Z'))
  return { app, coordinator, worker }
}

async function give(b: Browser, query: string, fields: Record<string, string>) {
  const form = await b.go(`${GIVE}?${query}`)
  return b.post(
    GIVE,
    { _csrf: hidden(form.html, '_csrf'), _idem: hidden(form.html, '_idem'), case_id: 'K-0001', ...fields },
    `${GIVE}?${query}`,
  )
}

describe('giving feedback', () => {
  it('is refused to a worker with the API’s 403', async () => {
    const { b } = await signedInAs('worker')
    const page = await b.go(`${GIVE}?case=K-0001&target=T-0001`)
    expect(page.status).toBe(403)
  })

  it('offers a coordinator every item of the case, by kind, and the goal’s approval so far', async () => {
    const { b } = await signedInAs('coordinator')
    const { html } = await b.go(`${GIVE}?case=K-0001&target=T-0001&kind=approve`)
    expect(html).toMatch(/data-form="feedback" data-api="\/api\/feedback"/)
    expect(html).toContain(
      '<optgroup label="Tujuan"><option value="T-0001" selected="">T-0001 · Mencuci pakaian sendiri</option>',
    )
    expect(html).toContain(
      '<optgroup label="Sesi"><option value="S-0001">S-0001 · Rab 5 Mar 2025 · memilah pakaian</option>',
    )
    expect(html).toMatch(/value="approve" checked=""/)
    expect(textOfHtml(html)).toContain('Persetujuan: belum ditinjau')
  })

  it('does not offer approving a session (the plan is what is approved)', async () => {
    const { b } = await signedInAs('coordinator')
    const { html } = await b.go(`${GIVE}?case=K-0001&target=S-0003&kind=comment`)
    expect(html).not.toContain('value="approve"')
    expect(html).toMatch(/value="comment" checked=""/)
  })

  it('approves G1: saved with its id, and the case page shows the approval to the worker', async () => {
    const { app, coordinator, worker } = await bothSignedIn()
    const saved = await give(coordinator, 'case=K-0001&target=T-0001', {
      target: 'T-0001',
      kind: 'approve',
      date: '2025-03-20',
    })
    expect(saved.status).toBe(201)
    expect(textOf(saved.html, 'status-feedback')).toMatch(/^Tersimpan: umpan balik U-0001 — T-0001 · Setujui rencana/)
    expect(app.ledger.feedback).toEqual([
      expect.objectContaining({ target: 'T-0001', kind: 'approve', from: 'koordinator-uji' }),
    ])
    const casePage = textOfHtml((await worker.go('/app/cases/K-0001')).html)
    expect(casePage).toContain('Persetujuan: disetujui (Kam 20 Mar 2025, koordinator-uji)')
    expect(casePage).not.toContain('Setujui / minta revisi')
  })

  it.each([
    ['a revision without a note', { target: 'T-0001', kind: 'revise', text: '' }, 'text'],
    ['approving a session', { target: 'S-0002', kind: 'approve', text: '' }, 'kind'],
    ['an item of another case', { target: 'T-0002', kind: 'comment', text: 'Catatan (uji)' }, 'target'],
  ])('refuses %s with a message next to the field', async (_what, fields, field) => {
    const { app, b } = await signedInAs('coordinator')
    const page = await give(b, 'case=K-0001', { date: '2025-03-20', ...fields })
    expect(page.status).toBe(422)
    expect(textOf(page.html, `err-${field}`)).not.toBe('')
    expect(app.ledger.feedback).toEqual([])
  })

  it('offers coordinators, not workers, the approve and comment links on the case page', async () => {
    const coordinator = await signedInAs('coordinator')
    const html = (await coordinator.b.go('/app/cases/K-0001')).html
    expect(html).toContain('href="/app/feedback/new?case=K-0001&amp;target=T-0001&amp;kind=approve"')
    expect(html).toContain('href="/app/feedback/new?case=K-0001&amp;target=S-0001&amp;kind=comment"')
    const worker = await signedInAs('worker')
    expect((await worker.b.go('/app/cases/K-0001')).html).not.toContain('/app/feedback/new')
  })
})

describe('answering feedback', () => {
  async function revisionAsked() {
    const both = await bothSignedIn()
    const saved = await give(both.coordinator, 'case=K-0001&target=T-0001', {
      target: 'T-0001',
      kind: 'revise',
      date: '2025-03-13',
      text: 'Tambahkan indikator yang terukur (uji)',
    })
    if (saved.status !== 201) throw new Error(`feedback not saved: ${saved.status}`)
    return both
  }

  it('shows the worker the open revision on /app, on /app/tasks and on the case page, with the way to answer it', async () => {
    const { worker } = await revisionAsked()
    const home = textOfHtml((await worker.go('/app')).html)
    expect(home).toContain('Umpan balik koordinator untuk Anda (1)')
    expect(home).toContain('Minta revisi · K-0001 · AB · T-0001 · Kam 13 Mar 2025 · koordinator-uji · 4 hari kerja')
    expect(home).toContain('Tambahkan indikator yang terukur (uji)')
    expect((await worker.go('/app')).html).toContain('<a class="button" href="/app/feedback/U-0001">Tindak lanjuti</a>')
    const tasks = await worker.go('/app/tasks')
    expect(tasks.html).toContain('href="/app/cases/K-0001#feedback-U-0001"')
    const casePage = await worker.go('/app/cases/K-0001')
    expect(casePage.html).toContain('id="feedback-U-0001"')
    expect(textOfHtml(casePage.html)).toContain('Persetujuan: perlu revisi')
  })

  it('resolves it with the worker’s reply, dated today when left blank; the goal then awaits approval', async () => {
    const { app, worker, coordinator } = await revisionAsked()
    const form = await worker.go('/app/feedback/U-0001')
    expect(form.html).toContain('<textarea')
    const done = await worker.post(
      '/app/feedback/U-0001',
      {
        _csrf: hidden(form.html, '_csrf'),
        _etag: hidden(form.html, '_etag'),
        reply: 'Indikator: 4 tugas mandiri tanpa bantuan (uji)',
        resolved_date: '',
      },
      '/app/feedback/U-0001',
    )
    expect(done.status).toBe(200)
    expect(textOf(done.html, 'status-resolve')).toBe('Tindak lanjut tersimpan.')
    expect(app.ledger.feedback[0]).toMatchObject({
      resolved_date: '2025-03-20',
      reply: 'Indikator: 4 tugas mandiri tanpa bantuan (uji)',
    })
    expect(textOfHtml((await worker.go('/app')).html)).not.toContain('Umpan balik koordinator untuk Anda')
    expect(textOfHtml((await coordinator.go('/app/cases/K-0001')).html)).toContain(
      'Persetujuan: sudah direvisi, menunggu persetujuan',
    )
  })

  it('asks for a reply when none was written, and resolves nothing', async () => {
    const { app, worker } = await revisionAsked()
    const form = await worker.go('/app/feedback/U-0001')
    const answer = await worker.post(
      '/app/feedback/U-0001',
      { _csrf: hidden(form.html, '_csrf'), _etag: hidden(form.html, '_etag'), reply: ' ', resolved_date: '2025-03-20' },
      '/app/feedback/U-0001',
    )
    expect(answer.status).toBe(422)
    expect(textOf(answer.html, 'err-reply')).toMatch(/Balasan peksos/)
    expect(app.ledger.feedback[0]?.resolved_date).toBeUndefined()
  })

  it('says plainly when the feedback changed since the page was shown (412), and changes nothing', async () => {
    const { app, worker } = await revisionAsked()
    const form = await worker.go('/app/feedback/U-0001')
    // The coordinator rewords the note in between.
    const changed = await app.ledger.patchRow({
      tab: 'feedback',
      id: 'U-0001',
      patch: { text: 'Tambahkan indikator dan tanggal (uji)' },
      ifMatch: app.ledger.rowEtagOf('feedback', 'U-0001'),
      actor: { staffId: 'koordinator-uji', role: 'coordinator' },
    })
    expect(changed.ok).toBe(true)
    const answer = await worker.post(
      '/app/feedback/U-0001',
      { _csrf: hidden(form.html, '_csrf'), _etag: hidden(form.html, '_etag'), reply: 'Sudah (uji)', resolved_date: '' },
      '/app/feedback/U-0001',
    )
    expect(answer.status).toBe(412)
    expect(textOf(answer.html, 'status-resolve')).toContain('baru saja diubah orang lain')
    expect(answer.html).toContain('Tambahkan indikator dan tanggal (uji)')
    expect(app.ledger.feedback[0]?.resolved_date).toBeUndefined()
  })

  it('offers the coordinator no answer form, and hides another worker’s case’s feedback from a worker (404)', async () => {
    const { coordinator, worker } = await revisionAsked()
    const page = await coordinator.go('/app/feedback/U-0001')
    expect(page.status).toBe(200)
    expect(page.html).not.toContain('<textarea')
    const form = await coordinator.go(`${GIVE}?case=K-0002&target=T-0002`)
    const onK2 = await coordinator.post(
      GIVE,
      {
        _csrf: hidden(form.html, '_csrf'),
        _idem: hidden(form.html, '_idem'),
        case_id: 'K-0002',
        target: 'T-0002',
        kind: 'comment',
        date: '2025-03-20',
        text: 'Untuk peksos-lain (uji)',
      },
      GIVE,
    )
    expect(textOf(onK2.html, 'status-feedback')).toContain('U-0002')
    expect((await worker.go('/app/feedback/U-0002')).status).toBe(404)
  })
})

describe('the weight of the feedback pages', () => {
  it('is at most 30 KiB gzip on first load for the coordinator’s form and the worker’s answer page', async () => {
    const { coordinator, worker } = await bothSignedIn()
    const saved = await give(coordinator, 'case=K-0001&target=T-0001', {
      target: 'T-0001',
      kind: 'comment',
      date: '2025-03-20',
      text: 'Catatan (uji)',
    })
    expect(saved.status).toBe(201)
    for (const [b, path] of [
      [coordinator, `${GIVE}?case=K-0001&target=T-0001`],
      [worker, '/app/feedback/U-0001'],
    ] as const) {
      const page = await b.go(path)
      const total = await firstLoadGzip(b, page)
      console.log(`page weight ${path}: ${(total / 1024).toFixed(1)} KiB gzip (HTML + CSS + JS)`)
      expect(total).toBeLessThanOrEqual(30 * 1024)
    }
  })
})
