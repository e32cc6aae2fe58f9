import { beforeAll, describe, expect, it } from 'vitest'
import { captureLogs, realClient, seedCentre } from '../http/support/real-ledger'
import { provisionCasebook, rowsByKey } from '../support/casebook'
import { WORKED_SESSIONS } from '../support/worked-example'
import { type Browser, hidden, textOf } from './support/browser'
import { chooseAccount } from './support/field-app'
import { wholeSystemBrowser, wholeSystemVars } from './support/whole-system'

// The whole system behind the field app: the Worker entry (src/index.ts) with its config parsed
// from bindings, the ledger Durable Object, the casebook spreadsheet in the emulator, and the
// emulator's Google sign-in listing that spreadsheet's Staff emails. A worker signs in, logs
// domain.md's worked example through the session form without JavaScript, sees the TAS of its
// as-of dates on the case page, and each session is a row of the Sessions tab.

const SHEET = 'app-real-ledger'
const VARS = wholeSystemVars(SHEET)

captureLogs()

const browser = (): Browser => wholeSystemBrowser(VARS)

beforeAll(async () => {
  await provisionCasebook(SHEET)
  await seedCentre(realClient(SHEET, VARS))
})

describe('the field app on the real ledger', () => {
  it('signs a worker in through the account chooser that lists the Staff tab’s emails', async () => {
    const b = browser()
    const start = await b.send('/app/auth/google')
    const chooser = await b.go(start.headers.get('location') ?? '')
    expect(chooser.html).toContain('value="peksos@uji.example"')
    expect(chooser.html).toContain('ID staf / staff id: peksos-uji')
    const landed = await b.go(await chooseAccount(b, start.headers.get('location') ?? '', 'peksos@uji.example'))
    expect(landed.status).toBe(200)
    expect(landed.html).toContain('peksos-uji · peksos')
    expect(landed.html).toContain('/app/cases/K-0001')
    expect(landed.html).not.toContain('/app/cases/K-0002')
  })

  it('logs the worked example through the session form and shows the TAS of both as-of dates', async () => {
    const b = browser()
    const start = await b.send('/app/auth/google?back=%2Fapp%2Fsessions%2Fnew%3Fgoal%3DT-0001')
    let form = await b.go(await chooseAccount(b, start.headers.get('location') ?? '', 'peksos@uji.example'))
    expect(form.url).toBe('http://casebook.uji/app/sessions/new?goal=T-0001')
    const ids: string[] = []
    for (const s of WORKED_SESSIONS) {
      const saved = await b.post(
        '/app/sessions/new',
        {
          _csrf: hidden(form.html, '_csrf'),
          _idem: hidden(form.html, '_idem'),
          case_id: 'K-0001',
          goal_id: 'T-0001',
          task: s.task,
          assistance: s.assistance,
          rating: 'rating' in s ? String(s.rating) : '',
          date: s.date,
          worker: 'peksos-uji',
        },
        '/app/sessions/new?goal=T-0001',
      )
      expect(saved.status, textOf(saved.html, 'status-session')).toBe(201)
      ids.push(/sesi (S-\d+)/.exec(textOf(saved.html, 'status-session'))?.[1] ?? '')
      form = saved
    }
    expect(ids).toEqual(['S-0001', 'S-0002', 'S-0003', 'S-0004', 'S-0005', 'S-0006', 'S-0007', 'S-0008', 'S-0009'])

    const on13 = await b.go('/app/cases/K-0001?as_of=2025-03-13')
    expect(on13.html).toContain('Level 2 · Sebagian Tercapai · 56.3 %')
    expect(on13.html).toContain('hari ke-10 (Rab 19 Mar 2025): 2 dari 4 tugas dikuasai — menunggu')
    const on19 = await b.go('/app/cases/K-0001?as_of=2025-03-19')
    expect(on19.html).toContain('Level 4 · Sangat Tercapai · 93.8 %')

    const sheet = await rowsByKey(SHEET, 'sessions')
    expect(sheet.map((r) => [r.session_id, r.task, r.assistance, r.worker])).toEqual(
      WORKED_SESSIONS.map((s, i) => [ids[i], s.task, s.assistance, 'peksos-uji']),
    )
  })
})
