import { describe, expect, it } from 'vitest'
import { NOW } from '../http/support/harness'
import { WORKED_SESSIONS } from '../support/worked-example'
import { hidden, textOf } from './support/browser'
import { EMAILS, fieldApp, signedIn } from './support/field-app'

// The forms without JavaScript (issue 8 point 2): each posts to its /app route, which runs what
// the JSON API runs; the answer says what was saved with its new id (201) or that it waits
// (202), or puts each domain message next to its field (422) with what was typed kept.

async function as(email: string) {
  const app = fieldApp()
  const b = await signedIn(app, email)
  app.clock.set(NOW)
  return { app, b }
}

/** The transport fields of the form on `html`. */
const transport = (html: string) => ({ _csrf: hidden(html, '_csrf'), _idem: hidden(html, '_idem') })

const SESSION_FORM = '/app/sessions/new?goal=T-0001'
const FIRST = WORKED_SESSIONS[0]
const sessionFields = (over: Record<string, string> = {}) => ({
  case_id: 'K-0001',
  goal_id: 'T-0001',
  task: FIRST.task,
  assistance: FIRST.assistance,
  rating: '',
  date: FIRST.date,
  techniques: '',
  participants: '',
  duration_min: '',
  notes: '',
  worker: 'peksos-uji',
  ...over,
})

describe('the session form without JavaScript', () => {
  it('saves the row the API would, says so with the new id, and offers a fresh form for the same goal', async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(SESSION_FORM)
    const page = await b.post(
      '/app/sessions/new',
      { ...transport(form.html), ...sessionFields({ duration_min: '90' }) },
      SESSION_FORM,
    )
    expect(page.status).toBe(201)
    expect(textOf(page.html, 'status-session')).toBe(
      'Tersimpan: sesi S-0001 — memilah pakaian · Bantuan penuh (1) · 2025-03-05',
    )
    expect(app.ledger.sessions).toEqual([
      {
        session_id: 'S-0001',
        case_id: 'K-0001',
        goal_id: 'T-0001',
        date: '2025-03-05',
        task: 'memilah pakaian',
        assistance: 'penuh',
        worker: 'peksos-uji',
        duration_min: 90,
      },
    ])
    expect(hidden(page.html, '_idem')).not.toBe(hidden(form.html, '_idem'))
    expect(page.html).toContain(
      '<input id="f-task" name="task" required="" aria-describedby="help-task err-task" type="text" value=""',
    )
    expect(page.html).toContain('<option value="memilah pakaian"></option>')
  })

  it('stores one row when the same form is sent twice (the idempotency key of the rendered form)', async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(SESSION_FORM)
    const fields = { ...transport(form.html), ...sessionFields() }
    const first = await b.post('/app/sessions/new', fields, SESSION_FORM)
    const again = await b.post('/app/sessions/new', fields, SESSION_FORM)
    expect([first.status, again.status]).toEqual([201, 201])
    expect(textOf(again.html, 'status-session')).toContain('S-0001')
    expect(textOf(again.html, 'status-session')).toContain('Sudah tersimpan sebelumnya')
    expect(app.ledger.sessions).toHaveLength(1)
  })

  it('says the row waits for the sheet when the ledger answers 202 pending', async () => {
    const { app, b } = await as(EMAILS.worker)
    app.ledger.pending = true
    const form = await b.go(SESSION_FORM)
    const page = await b.post('/app/sessions/new', { ...transport(form.html), ...sessionFields() }, SESSION_FORM)
    expect(page.status).toBe(202)
    expect(textOf(page.html, 'status-session')).toMatch(/^Diterima dan menunggu dikirim ke spreadsheet.*: sesi S-0001/)
  })

  it('puts each problem next to its field, in Indonesian, and keeps what was typed', async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(SESSION_FORM)
    const page = await b.post(
      '/app/sessions/new',
      { ...transport(form.html), ...sessionFields({ task: '', rating: '7', date: '2025-02-30', duration_min: '90' }) },
      SESSION_FORM,
    )
    expect(page.status).toBe(422)
    expect(textOf(page.html, 'status-session')).toBe(
      'Data belum tersimpan. Perbaiki kolom yang ditandai lalu simpan lagi.',
    )
    expect(textOf(page.html, 'err-task')).toBe('Kolom "Tugas" wajib diisi.')
    expect(textOf(page.html, 'err-rating')).toContain('harus 0–4, atau N')
    expect(textOf(page.html, 'err-date')).toContain('bukan tanggal yang benar')
    expect(page.html).toContain(
      'id="f-date" name="date" required="" aria-describedby="err-date" aria-invalid="true" type="date" value="2025-02-30"',
    )
    expect(page.html).toContain('name="duration_min" aria-describedby="err-duration_min" type="number" value="90"')
    expect(hidden(page.html, '_idem')).toBe(hidden(form.html, '_idem'))
    expect(app.ledger.sessions).toEqual([])
  })

  it('shows a cross-row rule of the ledger next to its field: a session before informed consent', async () => {
    const { b } = await as(EMAILS.worker)
    const form = await b.go(SESSION_FORM)
    const page = await b.post(
      '/app/sessions/new',
      { ...transport(form.html), ...sessionFields({ date: '2025-03-01' }) },
      SESSION_FORM,
    )
    expect(page.status).toBe(422)
    expect(textOf(page.html, 'err-date')).toContain('sebelum tanggal persetujuan (informed consent) kasus K-0001')
  })

  it('answers in English on the switch', async () => {
    const { b } = await as(EMAILS.worker)
    await b.go('/app/lang/en?back=%2Fapp')
    const form = await b.go(SESSION_FORM)
    const page = await b.post(
      '/app/sessions/new',
      { ...transport(form.html), ...sessionFields({ task: '' }) },
      SESSION_FORM,
    )
    expect(textOf(page.html, 'err-task')).toBe('"Task" is required.')
    expect(textOf(page.html, 'status-session')).toBe('Not saved yet. Fix the marked fields and save again.')
  })

  it("refuses a worker's session on another worker's case, as the API does", async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(SESSION_FORM)
    const page = await b.post(
      '/app/sessions/new',
      { ...transport(form.html), ...sessionFields({ case_id: 'K-0002', goal_id: 'T-0002' }) },
      SESSION_FORM,
    )
    expect(page.status).toBeGreaterThanOrEqual(400)
    expect(app.ledger.sessions).toEqual([])
  })
})

describe('the group session form', () => {
  const GROUP = '/app/sessions/group?case=K-0001&case=K-0002'
  const shared = {
    date: '2025-03-05',
    techniques: 'modelling',
    participants: 'instruktur tata boga',
    duration_min: '90',
    notes: '',
    worker: 'koordinator-uji',
  }
  const row = (i: number, caseId: string, goalId: string, task: string, assistance: string) => ({
    [`${i}.case_id`]: caseId,
    [`${i}.goal_id`]: goalId,
    [`${i}.task`]: task,
    [`${i}.assistance`]: assistance,
    [`${i}.rating`]: '',
  })

  it('answers each client on its own, and a fixed resend stores only the missing row', async () => {
    const { app, b } = await as(EMAILS.coordinator)
    const form = await b.go(GROUP)
    const fields = {
      ...transport(form.html),
      ...row(1, 'K-0001', 'T-0001', 'memilah pakaian', 'penuh'),
      ...row(2, 'K-0002', 'T-0002', '', 'sebagian'),
      ...shared,
    }
    const first = await b.post('/app/sessions/group', fields, GROUP)
    expect(first.status).toBe(422)
    expect(textOf(first.html, 'status-group-1')).toBe('Tersimpan: sesi S-0001')
    expect(textOf(first.html, 'status-group-2')).toContain('Perbaiki kolom yang ditandai')
    expect(textOf(first.html, 'err-2.task')).toBe('Kolom "Tugas" wajib diisi.')
    expect(textOf(first.html, 'err-1.task')).toBe('')
    expect(first.html).toContain(
      'name="2.task" required="" aria-describedby="help-2.task err-2.task" aria-invalid="true"',
    )
    expect(app.ledger.sessions.map((s) => s.session_id)).toEqual(['S-0001'])

    const fixed = await b.post(
      '/app/sessions/group',
      { ...fields, '2.task': 'menanak nasi', _idem: hidden(first.html, '_idem') },
      GROUP,
    )
    expect(fixed.status).toBe(201)
    expect(textOf(fixed.html, 'status-group')).toBe('Semua baris tersimpan.')
    expect(textOf(fixed.html, 'status-group-1')).toMatch(/S-0001 \(Sudah tersimpan sebelumnya/)
    expect(textOf(fixed.html, 'status-group-2')).toBe('Tersimpan: sesi S-0002')
    expect(app.ledger.sessions.map((s) => [s.session_id, s.case_id, s.task, s.participants, s.worker])).toEqual([
      ['S-0001', 'K-0001', 'memilah pakaian', 'instruktur tata boga', 'koordinator-uji'],
      ['S-0002', 'K-0002', 'menanak nasi', 'instruktur tata boga', 'koordinator-uji'],
    ])
  })

  it('puts a problem with a shared field next to that field', async () => {
    const { b } = await as(EMAILS.coordinator)
    const form = await b.go(GROUP)
    const page = await b.post(
      '/app/sessions/group',
      {
        ...transport(form.html),
        ...row(1, 'K-0001', 'T-0001', 'memilah pakaian', 'penuh'),
        ...shared,
        date: 'kemarin',
      },
      GROUP,
    )
    expect(page.status).toBe(422)
    expect(textOf(page.html, 'err-date')).toContain('bukan tanggal yang benar')
  })

  it('lets a worker pick only their own consented clients', async () => {
    const { b } = await as(EMAILS.worker)
    const { html } = await b.go('/app/sessions/group')
    expect(html).toContain('value="K-0001"')
    expect(html).not.toContain('value="K-0002"')
    expect(html).not.toContain('value="K-0003"')
  })
})

describe('the assessment form', () => {
  const FORM = '/app/assessments/new?tool=bpss&case=K-0001'
  const fields = (over: Record<string, string> = {}) => ({
    tool: 'bpss',
    case_id: 'K-0001',
    domain: 'sosial',
    source: 'klien',
    method: 'wawancara',
    score: '',
    date: '2025-03-04',
    finding: 'Temuan contoh',
    worker: 'peksos-uji',
    ...over,
  })

  it("offers exactly the tool's domains and saves the row", async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(FORM)
    for (const domain of ['biologis', 'psikologis', 'sosial', 'spiritual'])
      expect(form.html).toContain(`value="${domain}"`)
    expect(form.html).not.toContain('value="fisik"')
    const page = await b.post('/app/assessments/new', { ...transport(form.html), ...fields() }, FORM)
    expect(page.status).toBe(201)
    expect(textOf(page.html, 'status-assessment')).toContain('Tersimpan: asesmen A-0001')
    expect(app.ledger.assessments).toHaveLength(1)
  })

  it('puts a domain that is not the tool’s next to the domain field', async () => {
    const { b } = await as(EMAILS.worker)
    const form = await b.go(FORM)
    const page = await b.post('/app/assessments/new', { ...transport(form.html), ...fields({ domain: 'fisik' }) }, FORM)
    expect(page.status).toBe(422)
    expect(textOf(page.html, 'err-domain')).toContain('tidak sesuai dengan instrumen bpss')
  })
})

describe('the goal form and its milestone preview', () => {
  const FORM = '/app/goals/new?case=K-0001'
  const fields = (over: Record<string, string> = {}) => ({
    case_id: 'K-0001',
    title: 'Mencuci pakaian sendiri',
    method: 'casework',
    techniques: '',
    start_date: '2025-03-05',
    duration_days: '10',
    target_count: '4',
    unit: '',
    milestones: '5:2, 10:4',
    indicator: '',
    parties: '',
    mastery_level: '4',
    success_level: '3',
    weight: '1',
    ...over,
  })

  it('previews each milestone on its working day around the holiday, without saving', async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(FORM)
    const page = await b.post('/app/goals/new', { ...transport(form.html), ...fields(), _action: 'preview' }, FORM)
    expect(page.status).toBe(200)
    const preview = textOf(
      page.html
        .replace(/<section class="card" id="milestone-preview"/, '<div id="milestone-preview"')
        .replace('</section>', '</div>'),
      'milestone-preview',
    )
    expect(preview).toContain('Hari ke-1Rab 5 Mar 2025')
    expect(preview).toContain('Hari kerja terakhirRab 19 Mar 2025')
    expect(preview).toContain('52Rab 12 Mar 2025')
    expect(preview).toContain('104Rab 19 Mar 2025')
    expect(app.ledger.goals.size).toBe(2)
    expect(page.html).toContain('value="5:2, 10:4"')
  })

  it('saves the goal and answers its new id', async () => {
    const { app, b } = await as(EMAILS.worker)
    const form = await b.go(FORM)
    const page = await b.post('/app/goals/new', { ...transport(form.html), ...fields() }, FORM)
    expect(page.status).toBe(201)
    expect(textOf(page.html, 'status-goal')).toContain('Tersimpan: tujuan T-0003')
    expect(app.ledger.goals.get('T-0003')).toMatchObject({ milestones: '5:2, 10:4', duration_days: 10 })
  })

  it('refuses a milestone past the duration next to the milestones, with the preview showing which', async () => {
    const { b } = await as(EMAILS.worker)
    const form = await b.go(FORM)
    const page = await b.post(
      '/app/goals/new',
      { ...transport(form.html), ...fields({ milestones: '5:2, 12:4' }) },
      FORM,
    )
    expect(page.status).toBe(422)
    expect(textOf(page.html, 'err-milestones')).toContain('melebihi durasi')
    expect(page.html).toContain('melewati durasi')
  })
})

describe('the new-case form (coordinator)', () => {
  it('saves a referral and links to the new case', async () => {
    const { app, b } = await as(EMAILS.coordinator)
    const form = await b.go('/app/cases/new')
    const page = await b.post(
      '/app/cases/new',
      {
        ...transport(form.html),
        initials: 'I.J.',
        sex: 'P',
        birth_date: '2013-04-09',
        cluster: 'anak',
        service: 'residensial',
        education: '',
        referral_source: '',
        referral_date: '',
        worker: 'peksos-uji',
        stage: 'akses',
        consent_date: '',
        status: 'aktif',
        notes: '',
      },
      '/app/cases/new',
    )
    expect(page.status).toBe(201)
    expect(textOf(page.html, 'status-case-new')).toContain('Tersimpan: kasus K-0004')
    expect(page.html).toContain('href="/app/cases/K-0004"')
    expect(app.ledger.cases.get('K-0004')).toMatchObject({ initials: 'I.J.', worker: 'peksos-uji' })
  })

  it('refuses a full name as initials next to the field', async () => {
    const { b } = await as(EMAILS.coordinator)
    const form = await b.go('/app/cases/new')
    const page = await b.post(
      '/app/cases/new',
      {
        ...transport(form.html),
        initials: 'Budi Santoso',
        sex: 'L',
        birth_date: '2013-04-09',
        cluster: 'anak',
        service: 'residensial',
        worker: 'peksos-uji',
        stage: 'akses',
        status: 'aktif',
      },
      '/app/cases/new',
    )
    expect(page.status).toBe(422)
    expect(textOf(page.html, 'err-initials')).toContain('hanya boleh berisi inisial')
  })
})

describe('consent and stage on the case page', () => {
  it('sends only what changed, with the version the page showed', async () => {
    const { app, b } = await as(EMAILS.worker)
    const page = await b.go('/app/cases/K-0003')
    const form = Object.fromEntries(
      ['consent_date', 'stage', 'status', 'closed_date', 'closure_reason', 'referred_to', 'education', 'notes'].map(
        (k) => [k, k === 'stage' ? 'akses' : k === 'status' ? 'aktif' : ''],
      ),
    )
    const saved = await b.post(
      '/app/cases/K-0003',
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        ...form,
        consent_date: '2025-03-18',
        stage: 'asesmen',
      },
      '/app/cases/K-0003',
    )
    expect(saved.status).toBe(200)
    expect(textOf(saved.html, 'status-case')).toBe('Perubahan kasus tersimpan.')
    const patch = app.ledger.callsOf('patchCase').at(-1)?.[0] as { patch: unknown; ifMatch: string }
    expect(patch.patch).toEqual({ consent_date: '2025-03-18', stage: 'asesmen' })
    expect(patch.ifMatch).toBe(hidden(page.html, '_etag'))
    expect(app.ledger.cases.get('K-0003')).toMatchObject({ consent_date: '2025-03-18', stage: 'asesmen' })
  })

  it('answers 412 plainly when someone changed the case in the sheet meanwhile, and shows the row as it is now', async () => {
    const { app, b } = await as(EMAILS.worker)
    const page = await b.go('/app/cases/K-0001')
    app.ledger.staffEdit('K-0001', { stage: 'monev' })
    const answer = await b.post(
      '/app/cases/K-0001',
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        stage: 'terminasi',
        status: 'aktif',
        consent_date: '2025-03-03',
      },
      '/app/cases/K-0001',
    )
    expect(answer.status).toBe(412)
    expect(textOf(answer.html, 'status-case')).toContain('baru saja diubah orang lain')
    expect(answer.html).toContain('<option value="monev" selected="">')
    expect(app.ledger.cases.get('K-0001')?.stage).toBe('monev')
  })

  it('says when nothing changed', async () => {
    const { app, b } = await as(EMAILS.worker)
    const page = await b.go('/app/cases/K-0001')
    const answer = await b.post(
      '/app/cases/K-0001',
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        stage: 'implementasi',
        status: 'aktif',
        consent_date: '2025-03-03',
      },
      '/app/cases/K-0001',
    )
    expect(textOf(answer.html, 'status-case')).toBe('Tidak ada yang diubah.')
    expect(app.ledger.callsOf('patchCase')).toEqual([])
  })

  it('puts a closure rule next to its field: a closed case needs its closure fields', async () => {
    const { b } = await as(EMAILS.worker)
    const page = await b.go('/app/cases/K-0001')
    const answer = await b.post(
      '/app/cases/K-0001',
      {
        _csrf: hidden(page.html, '_csrf'),
        _etag: hidden(page.html, '_etag'),
        stage: 'terminasi',
        status: 'selesai',
        consent_date: '2025-03-03',
      },
      '/app/cases/K-0001',
    )
    expect(answer.status).toBe(422)
    expect(textOf(answer.html, 'err-closure_reason')).toContain('wajib diisi bila status kasus selesai atau dirujuk')
  })
})
