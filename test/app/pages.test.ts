import { describe, expect, it } from 'vitest'
import { TABLES } from '../../src/domain'
import { NOW } from '../http/support/harness'
import { EMAILS, fieldApp, signedIn } from './support/field-app'
import { controlsOf, gzipSize, pageAssets } from './support/page-html'

// Every page of the field app, for each role (issue 8 points 2, 3 and 5): it renders, its forms
// follow the markup contract (layout.tsx), every input is labelled and named by a column key or
// a transport field, nothing is inline (strict CSP), and the first load fits 30 KiB gzip.

type PageRow = readonly [path: string, title: string]

const WORKER_PAGES: readonly PageRow[] = [
  ['/app', 'Kasus saya'],
  ['/app/tasks', 'Yang perlu dikerjakan'],
  ['/app/sessions/new', 'Pilih tujuan'],
  ['/app/sessions/new?goal=T-0001', 'Catat sesi'],
  ['/app/sessions/group', 'Sesi kelompok'],
  ['/app/sessions/group?case=K-0001', 'Sesi kelompok'],
  ['/app/assessments/new', 'Pilih instrumen'],
  ['/app/assessments/new?tool=bpss&case=K-0001', 'Catat asesmen'],
  ['/app/assessments/new?tool=genogram', 'Catat asesmen'],
  ['/app/goals/new?case=K-0001', 'Tujuan baru'],
  ['/app/cases/K-0001', 'K-0001 · AB'],
]
const COORDINATOR_PAGES: readonly PageRow[] = [
  ['/app', 'Semua kasus'],
  ['/app?worker=peksos-lain', 'Kasus saya'],
  ['/app/tasks?worker=peksos-uji', 'Yang perlu dikerjakan'],
  ['/app/cases/new', 'Kasus baru'],
  ['/app/cases/K-0002', 'K-0002 · CD'],
  ['/app/sessions/group?case=K-0001&case=K-0002', 'Sesi kelompok'],
]

/** Every column key of the data tabs, and the transport fields of the contract. */
const KEYS = new Set([
  ...Object.values(TABLES).flatMap((t) => t.columns.map((c) => c.key)),
  '_csrf',
  '_idem',
  '_etag',
  '_action',
  'as_of',
  'case',
  'worker',
])
const allowedName = (name: string) => KEYS.has(name.replace(/^\d+\./, ''))

async function as(email: string) {
  const app = fieldApp()
  const b = await signedIn(app, email)
  app.clock.set(NOW)
  return { app, b }
}

describe.each<readonly [string, string, readonly PageRow[]]>([
  ['a worker', EMAILS.worker, WORKER_PAGES],
  ['a coordinator', EMAILS.coordinator, COORDINATOR_PAGES],
])('the pages %s sees', (_who, email, pages) => {
  it.each(pages)(
    '%s renders with its title, labelled inputs named by column keys, nothing inline',
    async (path, title) => {
      const { b } = await as(email)
      const page = await b.go(path)
      expect(page.status).toBe(200)
      expect(page.html).toContain(`<h1>${title}`)
      expect(page.res.headers.get('content-security-policy')).toMatch(/script-src 'self';.*style-src 'self'/)
      expect(page.res.headers.get('cache-control')).toBe('no-store')
      expect(page.html).not.toMatch(/\sstyle=|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+="/)
      for (const control of controlsOf(page.html)) {
        expect(allowedName(control.name), `input ${control.name}`).toBe(true)
        if (control.labelled === undefined) continue
        expect(control.labelled, `label of ${control.name}`).toBe(true)
      }
    },
  )
})

describe('the markup contract of the data forms', () => {
  it.each([
    ['/app/sessions/new?goal=T-0001', 'session', '/api/sessions', ['task', 'assistance', 'rating', 'date']],
    [
      '/app/assessments/new?tool=ils&case=K-0001',
      'assessment',
      '/api/assessments',
      ['tool', 'domain', 'source', 'score'],
    ],
    ['/app/goals/new?case=K-0001', 'goal', '/api/goals', ['title', 'start_date', 'milestones', 'mastery_level']],
    ['/app/cases/K-0001', 'case', '/api/cases/K-0001', ['consent_date', 'stage', 'status']],
  ])('%s: data-api, transport fields, an error slot per field and a status slot', async (path, name, api, keys) => {
    const { b } = await as(EMAILS.worker)
    const { html } = await b.go(path)
    expect(html).toMatch(
      new RegExp(`<form method="post" action="[^"]+" novalidate="" data-form="${name}" data-api="${api}"`),
    )
    expect(html).toContain(`id="status-${name}" role="status" aria-live="polite"`)
    expect(html).toContain('<input type="hidden" name="_csrf"')
    expect(html).toContain(name === 'case' ? '<input type="hidden" name="_etag"' : '<input type="hidden" name="_idem"')
    for (const key of keys) expect(html, key).toContain(`name="${key}"`)
    for (const key of keys.filter((k) => k !== 'tool')) expect(html, key).toContain(`id="err-${key}"`)
  })

  it('marks the case page’s form as a PATCH and offers a worker only the fields a worker may change', async () => {
    const { b } = await as(EMAILS.worker)
    const { html } = await b.go('/app/cases/K-0001')
    expect(html).toContain('data-method="PATCH"')
    for (const key of ['consent_date', 'stage', 'status', 'closure_reason', 'notes'])
      expect(html).toContain(`name="${key}"`)
    for (const key of ['initials', 'worker', 'cluster', 'birth_date']) expect(html).not.toContain(`name="${key}"`)
  })

  it('offers a coordinator the worker field on the case page', async () => {
    const { b } = await as(EMAILS.coordinator)
    expect((await b.go('/app/cases/K-0001')).html).toContain('name="worker"')
  })

  it('names group rows <i>.<key> under data-rows, with a status slot per row', async () => {
    const { b } = await as(EMAILS.coordinator)
    const { html } = await b.go('/app/sessions/group?case=K-0001&case=K-0002')
    expect(html).toContain('data-rows="2"')
    for (const i of [1, 2]) {
      expect(html).toContain(`name="${i}.case_id"`)
      expect(html).toContain(`name="${i}.assistance"`)
      expect(html).toContain(`id="status-group-${i}"`)
      expect(html).toContain(`id="err-${i}.task"`)
    }
  })
})

describe('what each role may open', () => {
  it('refuses the new-case form to a worker (403), as POST /api/cases does', async () => {
    const { b } = await as(EMAILS.worker)
    const page = await b.go('/app/cases/new')
    expect(page.status).toBe(403)
    expect(page.html).toContain('Peran Anda tidak mengizinkan')
  })

  it('answers 404 for another worker’s case, as the API does (no existence oracle)', async () => {
    const { b } = await as(EMAILS.worker)
    expect((await b.go('/app/cases/K-0002')).status).toBe(404)
    expect((await b.go('/app/cases/K-9999')).status).toBe(404)
  })

  it('shows a worker only their own goals to log a session for', async () => {
    const { b } = await as(EMAILS.worker)
    const { html } = await b.go('/app/sessions/new')
    expect(html).toContain('/app/sessions/new?goal=T-0001')
    expect(html).not.toContain('T-0002')
  })

  it('shows a coordinator the caseload per worker, linked to each one’s cases and what is due', async () => {
    const { b } = await as(EMAILS.coordinator)
    const { html } = await b.go('/app')
    expect(html).toContain('<a href="/app?worker=peksos-uji">peksos-uji</a>')
    expect(html).toContain('<a href="/app?worker=peksos-lain">peksos-lain</a>')
    expect(html).toContain('href="/app/tasks?worker=peksos-uji"')
  })
})

describe('the home page and the case page', () => {
  it("show each goal's TAS level and next milestone; the case page a milestone timeline as inline SVG", async () => {
    const { app, b } = await as(EMAILS.worker)
    for (const s of [
      { date: '2025-03-05', task: 'memilah pakaian', assistance: 'penuh' },
      { date: '2025-03-10', task: 'memilah pakaian', assistance: 'mandiri' },
    ] as const) {
      app.ledger.seed('sessions', { case_id: 'K-0001', goal_id: 'T-0001', worker: 'peksos-uji', ...s })
    }
    const home = await b.go('/app')
    expect(home.html).toContain('class="badge lv1"')
    expect(home.html).toContain('Level 1 · Kurang Tercapai · 25 %')
    const casePage = await b.go('/app/cases/K-0001')
    expect(casePage.html).toMatch(
      /<svg class="timeline" viewBox="0 0 320 64" role="img" aria-label="Garis waktu tonggak: hari ke-5/,
    )
    // As of 20 March, G1 has ended: both milestones missed (1 task mastered of 2, of 4).
    expect(casePage.html).toContain('<circle class="missed" cx="143.8" cy="32" r="7"></circle>')
    expect(casePage.html).toContain('<circle class="missed" cx="306" cy="32" r="7"></circle>')
    expect(casePage.html).toContain('<line class="today" x1="306"')
  })
})

describe('the language switch', () => {
  it('remembers English in a cookie and comes back to the same page', async () => {
    const { b } = await as(EMAILS.worker)
    const page = await b.go('/app/lang/en?back=%2Fapp%2Ftasks')
    expect(page.url).toBe('http://casebook.uji/app/tasks')
    expect(page.html).toContain('<html lang="en">')
    expect(page.html).toContain('<h1>What is due')
    expect((await b.go('/app/sessions/new?goal=T-0001')).html).toContain('Session date')
    const back = await b.go('/app/lang/id?back=https%3A%2F%2Fjahat.example')
    expect(back.url).toBe('http://casebook.uji/app')
    expect(back.html).toContain('<html lang="id">')
  })
})

describe('the weight of a page', () => {
  it.each([...WORKER_PAGES.map(([p]) => p), '/app/cases/new'])(
    '%s: HTML, CSS and JS of the first load are at most 30 KiB gzip',
    async (path) => {
      const { b } = await as(path === '/app/cases/new' ? EMAILS.coordinator : EMAILS.worker)
      const page = await b.go(path)
      let total = await gzipSize(page.html)
      for (const asset of pageAssets(page.html)) {
        const res = await b.send(asset)
        expect(res.status, asset).toBe(200)
        total += await gzipSize(await res.text())
      }
      console.log(`page weight ${path}: ${(total / 1024).toFixed(1)} KiB gzip (HTML + CSS + JS)`)
      expect(total).toBeLessThanOrEqual(30 * 1024)
    },
  )
})

describe('the last-seen lists for the service worker', () => {
  it('are the signed-in worker’s cases, goals with level and next milestone, earlier tasks and what is due', async () => {
    const { b } = await as(EMAILS.worker)
    const res = await b.send('/app/data/lists.json')
    expect(res.headers.get('cache-control')).toBe('private, no-cache')
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      as_of: '2025-03-20',
      staff_id: 'peksos-uji',
      role: 'worker',
      cases: [
        { case_id: 'K-0001', initials: 'AB', consent_date: '2025-03-03' },
        { case_id: 'K-0003', initials: 'EF', consent_date: null },
      ],
      goals: [{ goal_id: 'T-0001', case_id: 'K-0001', level: 0, status: 'not_started' }],
      tasks: { 'T-0001': [] },
    })
    expect(Array.isArray(body.due)).toBe(true)
  })

  it('are refused without a session (the service worker keeps its last copy)', async () => {
    const app = fieldApp()
    const res = await app.browser().send('/app/data/lists.json')
    expect(res.status).toBe(303)
  })
})
