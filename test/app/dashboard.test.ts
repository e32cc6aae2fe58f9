import { describe, expect, it } from 'vitest'
import { FakeLedger } from '../http/support/fake-ledger'
import { CENTRE, NOW, TODAY } from '../http/support/harness'
import { WORKED_HOLIDAYS } from '../support/worked-example'
import { FIELD_STAFF, fieldApp, signedIn } from './support/field-app'
import { firstLoadGzip, signedInAs, textOfHtml, withWorkedExample } from './support/supervision'

// The coordinator's dashboard page (issue 9 point 3) through HTTP on the fake ledger: who may open
// it, the as-of date, English, nothing inline, the 30 KiB budget, and where it is linked from.
// That its figures are the domain dashboard's, as the API answers them, is dashboard-figures.test.ts.

describe('who may open the dashboard', () => {
  it('refuses a worker with the API’s 403, said in Indonesian', async () => {
    const { b } = await signedInAs('worker')
    const page = await b.go('/app/dashboard')
    expect(page.status).toBe(403)
    expect(page.html).toContain('Peran Anda tidak mengizinkan')
  })

  it.each([
    ['a coordinator', 'koordinator@uji.example'],
    ['an admin', 'admin@uji.example'],
  ])('shows it to %s', async (_who, email) => {
    const ledger = new FakeLedger({
      staff: [...FIELD_STAFF, { staff_id: 'admin-dasbor', email: 'admin@uji.example', role: 'admin', active: true }],
      today: TODAY,
      holidays: WORKED_HOLIDAYS,
    })
    for (const row of CENTRE.cases) ledger.seed('cases', row)
    for (const row of CENTRE.goals) ledger.seed('goals', row)
    const app = fieldApp({ ledger })
    const b = await signedIn(app, email)
    app.clock.set(NOW)
    const page = await b.go('/app/dashboard')
    expect(page.status).toBe(200)
    expect(page.html).toContain('<h1>Dasbor koordinator</h1>')
  })

  it('is in a coordinator’s navigation, not a worker’s', async () => {
    const coordinator = await signedInAs('coordinator')
    expect((await coordinator.b.go('/app')).html).toContain('<a href="/app/dashboard">Dasbor koordinator</a>')
    const worker = await signedInAs('worker')
    expect((await worker.b.go('/app')).html).not.toContain('/app/dashboard')
  })
})

describe('the dashboard page', () => {
  it('shows the figures as of today by default and as of ?as_of= when asked', async () => {
    const { app, b } = await signedInAs('coordinator')
    expect(textOfHtml((await b.go('/app/dashboard')).html)).toContain('Per tanggal: Kam 20 Mar 2025')
    const page = await b.go('/app/dashboard?as_of=2025-03-13')
    expect(textOfHtml(page.html)).toContain('Per tanggal: Kam 13 Mar 2025')
    expect(app.ledger.callsOf('dashboard').map((args) => args[1])).toEqual(['2025-03-20', '2025-03-13'])
  })

  it('answers an invalid as_of with the progress endpoints’ 400', async () => {
    const { b } = await signedInAs('coordinator')
    expect((await b.go('/app/dashboard?as_of=13-03-2025')).status).toBe(400)
  })

  it('draws G1 of the worked example: on track as of 03-13 at level 2, its curve among the curves', async () => {
    const { b } = await signedInAs('coordinator')
    const html = (await b.go('/app/dashboard?as_of=2025-03-13')).html
    expect(html).toContain('<th scope="row">Level 2 · Sebagian Tercapai</th><td class="num">1</td>')
    expect(html).toContain('<th scope="row">sesuai rencana</th><td class="num">1</td>')
    expect(html).toContain('id="curve-T-0001"')
    expect(html).toContain('href="/app/cases/K-0001/report?as_of=2025-03-13#evaluation"')
  })

  it('speaks English on the switch', async () => {
    const { b } = await signedInAs('coordinator')
    await b.go('/app/lang/en?back=%2Fapp')
    const page = await b.go('/app/dashboard')
    expect(page.html).toContain('<h1>Coordinator dashboard</h1>')
    expect(page.html).toContain('Goals of active cases by status')
  })

  it('has nothing inline, is never cached, and weighs at most 30 KiB gzip on first load', async () => {
    const { b } = await signedInAs('coordinator')
    const page = await b.go('/app/dashboard')
    expect(page.html).not.toMatch(/\sstyle=|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+="/)
    expect(page.res.headers.get('cache-control')).toBe('no-store')
    const total = await firstLoadGzip(b, page)
    console.log(`page weight /app/dashboard: ${(total / 1024).toFixed(1)} KiB gzip (HTML + CSS + JS)`)
    expect(total).toBeLessThanOrEqual(30 * 1024)
  })

  it('stays within 30 KiB with a page of curves of long goals (8 goals of 60 working days)', async () => {
    const app = fieldApp()
    withWorkedExample(app)
    for (let i = 0; i < 8; i++) {
      app.ledger.seed('goals', {
        ...CENTRE.goals[0],
        case_id: 'K-0001',
        title: `Tujuan panjang ${i + 1}`,
        duration_days: 60,
        target_count: 12,
        milestones: '10:2, 20:4, 30:6, 40:8, 50:10, 60:12',
      } as (typeof CENTRE.goals)[number])
    }
    const b = await signedIn(app, 'koordinator@uji.example')
    app.clock.set(NOW)
    const page = await b.go('/app/dashboard')
    expect(page.html.match(/<div id="curve-T-\d{4}" class="curve">/g)).toHaveLength(8)
    const total = await firstLoadGzip(b, page)
    console.log(`page weight /app/dashboard (8 curves of 60 days): ${(total / 1024).toFixed(1)} KiB gzip`)
    expect(total).toBeLessThanOrEqual(30 * 1024)
  })
})
