import { describe, expect, it } from 'vitest'
import { EMAILS, fieldApp, signedIn } from './support/field-app'
import { firstLoadGzip, sectionOf, signedInAs, textOfHtml } from './support/supervision'

// The printable case report (issue 9 point 5) through HTTP: who may open it, the figures of
// domain.md's worked example as of both dates, each section from the rows alone, the as-of date,
// English, and the first-load budget of the field app's pages.

const REPORT = '/app/cases/K-0001/report'

describe('who may open a case report', () => {
  it.each([
    ['the case’s worker', 'worker', REPORT, 200],
    ['a coordinator', 'coordinator', REPORT, 200],
    ['a coordinator, any worker’s case', 'coordinator', '/app/cases/K-0002/report', 200],
    ['another worker (answered like a missing case, as the API does)', 'worker', '/app/cases/K-0002/report', 404],
    ['anyone, for a case that does not exist', 'coordinator', '/app/cases/K-9999/report', 404],
  ] as const)('%s: %s %s → %i', async (_who, role, path, status) => {
    const { b } = await signedInAs(role)
    expect((await b.go(path)).status).toBe(status)
  })

  it('sends someone not signed in to sign in first, and back to the report after', async () => {
    const app = fieldApp()
    const res = await app.browser().send(REPORT)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain(encodeURIComponent(REPORT))
  })
})

describe('the report of domain.md’s worked example', () => {
  it.each([
    [
      '2025-03-13',
      { sum: '9', mean: '2.25', level: '2', label: 'Sebagian Tercapai', percent: '56.3 %', success: 'tidak' },
    ],
    ['2025-03-19', { sum: '15', mean: '3.75', level: '4', label: 'Sangat Tercapai', percent: '93.8 %', success: 'ya' }],
  ] as const)('as of %s gives G1’s evaluation figures', async (asOf, f) => {
    const { b } = await signedInAs('worker')
    const page = await b.go(`${REPORT}?as_of=${asOf}`)
    const evaluation = sectionOf(page.html, 'evaluation')
    expect(evaluation).toContain(`<dt>Jumlah nilai</dt><dd>${f.sum}</dd>`)
    expect(evaluation).toContain(`<dt>Rata-rata</dt><dd>${f.mean}</dd>`)
    expect(evaluation).toContain(`<dt>Level</dt><dd>${f.level}</dd>`)
    expect(evaluation).toContain(`<dt>Keterangan</dt><dd>${f.label}</dd>`)
    expect(evaluation).toContain(`<dt>Persentase</dt><dd>${f.percent}</dd>`)
    expect(evaluation).toContain(`<dt>Berhasil</dt><dd>${f.success} `)
  })

  it('lists each task’s rating as of the date, the milestones and the curve', async () => {
    const { b } = await signedInAs('worker')
    const evaluation = sectionOf((await b.go(`${REPORT}?as_of=2025-03-13`)).html, 'evaluation')
    const text = textOfHtml(evaluation)
    expect(text).toContain('memilah pakaian 4 ✓ ya 3 Sen 10 Mar 2025')
    expect(text).toContain('merendam 4 ✓ ya 2 Rab 12 Mar 2025')
    expect(text).toContain('menyikat 1 tidak 1 Kam 13 Mar 2025')
    expect(text).not.toContain('membilas')
    expect(text).toContain('5 Rab 12 Mar 2025 2 2 tercapai 10 Rab 19 Mar 2025 4 2 menunggu')
    expect(evaluation).toContain('aria-labelledby="curve-T-0001-title curve-T-0001-desc"')
    expect(evaluation).toContain('<circle class="ms met"')
  })

  it.each([
    ['2025-03-13', '40.00'],
    ['2025-03-19', '60.00'],
  ])('as of %s gives the case T-score %s (G1 alone)', async (asOf, t) => {
    const { b } = await signedInAs('coordinator')
    const text = textOfHtml(sectionOf((await b.go(`${REPORT}?as_of=${asOf}`)).html, 'evaluation'))
    expect(text).toContain(`Skor-T kasus: T = ${t}`)
  })

  it('logs the sessions up to the as-of date in date order, each with the rating that counts', async () => {
    const { b } = await signedInAs('worker')
    const sessions = sectionOf((await b.go(`${REPORT}?as_of=2025-03-18`)).html, 'sessions')
    const rows = [
      ...sessions.matchAll(
        /<tr><td>([^<]+)<\/td><td>T-0001<\/td><td>([^<]+)<\/td><td>[^<]*<\/td><td class="num">([^<]*)</g,
      ),
    ]
    expect(rows.map((m) => [m[1], m[2], m[3]])).toEqual([
      ['Rab 5 Mar 2025', 'memilah pakaian', '1'],
      ['Kam 6 Mar 2025', 'memilah pakaian', '2'],
      ['Sen 10 Mar 2025', 'memilah pakaian', '4'],
      ['Sel 11 Mar 2025', 'merendam', '2'],
      ['Rab 12 Mar 2025', 'merendam', '4'],
      ['Kam 13 Mar 2025', 'menyikat', '1'],
      ['Sen 17 Mar 2025', 'menyikat', '3'],
      ['Sel 18 Mar 2025', 'membilas dan menjemur', '3'],
    ])
  })

  it('leaves a withdrawn session out of the log and says how many rows were left out', async () => {
    const { app, b } = await signedInAs('worker')
    app.ledger.seed('sessions', {
      case_id: 'K-0001',
      goal_id: 'T-0001',
      worker: 'peksos-uji',
      date: '2025-03-14',
      task: 'tugas keliru (uji)',
      assistance: 'mandiri',
      withdrawn_date: '2025-03-14',
      withdrawn_reason: 'salah kasus',
    })
    const sessions = sectionOf((await b.go(REPORT)).html, 'sessions')
    expect(sessions).not.toContain('tugas keliru')
    expect(textOfHtml(sessions)).toContain('1 baris yang ditarik (salah catat) tidak dicantumkan.')
  })
})

describe('the other sections, from the rows alone', () => {
  it('profiles the client by initials and age, never the birth date, with the sheet’s column labels', async () => {
    const { b } = await signedInAs('worker')
    const profile = textOfHtml(sectionOf((await b.go(REPORT)).html, 'profile'))
    expect(profile).toContain('Inisial PM AB')
    expect(profile).toMatch(/Usia \d+ tahun/)
    expect(profile).toContain('Tanggal persetujuan (informed consent) Sen 3 Mar 2025')
    expect(profile).not.toContain('Tanggal lahir')
  })

  it('summarises assessments: coverage and triangulation per BPSS/ILS domain, findings per tool and domain', async () => {
    const { app, b } = await signedInAs('worker')
    const base = {
      case_id: 'K-0001',
      tool: 'bpss',
      domain: 'sosial',
      method: 'wawancara',
      worker: 'peksos-uji',
    } as const
    app.ledger.seed('assessments', { ...base, date: '2025-03-04', source: 'klien', finding: 'Mau bergaul (uji)' })
    app.ledger.seed('assessments', {
      ...base,
      date: '2025-03-05',
      source: 'pengasuh',
      finding: 'Teman sekamar dua (uji)',
    })
    app.ledger.seed('assessments', {
      ...base,
      date: '2025-03-25',
      source: 'dokumen',
      finding: 'Sesudah tanggal laporan',
    })
    const section = sectionOf((await b.go(`${REPORT}?as_of=2025-03-20`)).html, 'assessment')
    const text = textOfHtml(section)
    expect(text).toContain('BPSS · sosial 2 klien, pengasuh ✓ ya')
    expect(text).toContain('BPSS · biologis 0 belum –')
    expect(text).toContain('Belum semua domain BPSS dan ILS tercakup; belum semua domain tertriangulasi.')
    expect(text).toContain('BPSS · sosial Sel 4 Mar 2025 klien wawancara Mau bergaul (uji) Rab 5 Mar 2025 pengasuh')
    expect(text).not.toContain('Sesudah tanggal laporan')
  })

  it('tables the intervention plan: SMART target with its working days, milestones with dates, method', async () => {
    const { b } = await signedInAs('worker')
    const plan = textOfHtml(sectionOf((await b.go(REPORT)).html, 'plan'))
    expect(plan).toContain(
      'Mencuci pakaian sendiri (T-0001) 4 tugas dikuasai dalam 10 hari kerja (Rab 5 Mar 2025 – Rab 19 Mar 2025)',
    )
    expect(plan).toContain('hari ke-5 (Rab 12 Mar 2025): 2 hari ke-10 (Rab 19 Mar 2025): 4 Casework')
  })

  it('lists the case events up to the as-of date, and the feedback still open on that date', async () => {
    const { app, b } = await signedInAs('coordinator')
    const conference = {
      case_id: 'K-0001',
      kind: 'case_conference',
      participants: 'peksos, supervisor',
      summary: 'Rencana dibahas (uji)',
      decisions: 'Lanjutkan T-0001 (uji)',
      worker: 'peksos-uji',
    } as const
    app.ledger.seed('events', { ...conference, date: '2025-03-04' })
    app.ledger.seed('events', { ...conference, date: '2025-03-18', kind: 'home_visit', summary: 'Kunjungan (uji)' })
    const feedback = { case_id: 'K-0001', target: 'T-0001', from: 'koordinator-uji' } as const
    app.ledger.seed('feedback', { ...feedback, date: '2025-03-06', kind: 'revise', text: 'Perjelas indikator (uji)' })
    app.ledger.seed('feedback', {
      ...feedback,
      date: '2025-03-07',
      kind: 'comment',
      text: 'Sudah dijawab (uji)',
      resolved_date: '2025-03-10',
      reply: 'Ya (uji)',
    })
    const html = (await b.go(`${REPORT}?as_of=2025-03-13`)).html
    const events = textOfHtml(sectionOf(html, 'events'))
    expect(events).toContain(
      'Sel 4 Mar 2025 Konferensi kasus peksos, supervisor Rencana dibahas (uji) Lanjutkan T-0001 (uji)',
    )
    expect(events).not.toContain('Kunjungan (uji)')
    const open = textOfHtml(sectionOf(html, 'open-feedback'))
    expect(open).toContain('Kam 6 Mar 2025 T-0001 Minta revisi koordinator-uji Perjelas indikator (uji)')
    expect(open).not.toContain('Sudah dijawab')
    // The plan table says the goal's approval on that date.
    expect(textOfHtml(sectionOf(html, 'plan'))).toContain('perlu revisi Kam 6 Mar 2025 · koordinator-uji')
  })

  it('ends with a sign-off for the worker and the coordinator', async () => {
    const { b } = await signedInAs('coordinator')
    const text = textOfHtml(sectionOf((await b.go(REPORT)).html, 'sign-off'))
    expect(text).toContain('Pekerja sosial peksos-uji')
    expect(text).toContain('Mengetahui, koordinator')
  })
})

describe('the report page itself', () => {
  it('says under its title the as-of date, and when and by whom it was opened', async () => {
    const { b } = await signedInAs('coordinator')
    const text = textOfHtml((await b.go(`${REPORT}?as_of=2025-03-13`)).html)
    expect(text).toContain('Per tanggal: Kam 13 Mar 2025 · Dibuka Kam 20 Mar 2025 oleh koordinator-uji')
  })

  it('answers an invalid as_of with the progress endpoints’ 400, in Indonesian', async () => {
    const { b } = await signedInAs('worker')
    const page = await b.go(`${REPORT}?as_of=2025-02-30`)
    expect(page.status).toBe(400)
    expect(page.html).toContain('as_of')
  })

  it('speaks English on the switch, with the English level label', async () => {
    const { b } = await signedInAs('worker')
    await b.go('/app/lang/en?back=%2Fapp')
    const page = await b.go(`${REPORT}?as_of=2025-03-19`)
    expect(page.html).toContain('<html lang="en">')
    expect(page.html).toContain('<h1>Case report K-0001 · AB</h1>')
    expect(page.html).toContain('<dt>Label</dt><dd>fully achieved</dd>')
    expect(textOfHtml(page.html)).toContain('Case T-score: T = 60.00')
  })

  it('loads the supervision stylesheet, has nothing inline, and is never cached', async () => {
    const { b } = await signedInAs('worker')
    const page = await b.go(REPORT)
    expect(page.html).toMatch(/<link rel="stylesheet" href="\/app\/static\/supervision\.[0-9a-f]{10}\.css"\/>/)
    expect(page.html).not.toMatch(/\sstyle=|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+="/)
    expect(page.res.headers.get('cache-control')).toBe('no-store')
    expect(page.res.headers.get('content-security-policy')).toMatch(/style-src 'self'/)
  })

  it('weighs at most 30 KiB gzip on first load (HTML, CSS and JS)', async () => {
    const { b } = await signedInAs('worker')
    const page = await b.go(`${REPORT}?as_of=2025-03-19`)
    const total = await firstLoadGzip(b, page)
    console.log(`page weight ${REPORT}: ${(total / 1024).toFixed(1)} KiB gzip (HTML + CSS + JS)`)
    expect(total).toBeLessThanOrEqual(30 * 1024)
  })

  it('is linked from the case page', async () => {
    const { b } = await signedIn(fieldApp(), EMAILS.worker).then((b) => ({ b }))
    expect((await b.go('/app/cases/K-0001')).html).toContain(`href="${REPORT}"`)
  })
})
