import { describe, expect, it } from 'vitest'
import { hidden, textOf } from './support/browser'
import { chooseAccount, EMAILS, fieldApp, signedIn, signIn } from './support/field-app'

// Sign in with Google (issue 8 point 1) through HTTP, with the emulator as Google: the whole
// authorization-code flow with PKCE, state and nonce, the Staff tab by email, the session cookie,
// sign-out and CSRF. The app is http://casebook.uji (not loopback: Secure, __Host- cookies).

const SESSION_COOKIE = '__Host-casebook_session'

describe('signing in with Google', () => {
  it('takes a worker from the app to the account chooser and back, signed in with the Staff row’s role', async () => {
    const app = fieldApp()
    const b = app.browser()
    const start = await b.send('/app/auth/google?back=%2Fapp%2Ftasks')
    expect(start.status).toBe(302)
    const auth = new URL(start.headers.get('location') ?? '')
    expect(auth.origin + auth.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth')
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      client_id: 'casebook-uji.apps.googleusercontent.com',
      redirect_uri: 'http://casebook.uji/app/auth/callback',
      response_type: 'code',
      scope: 'openid email',
      code_challenge_method: 'S256',
    })
    for (const p of ['state', 'nonce', 'code_challenge']) expect(auth.searchParams.get(p)).toMatch(/^[\w-]{20,}$/)
    const callback = await chooseAccount(b, auth.href, EMAILS.worker)
    const back = await b.send(callback)
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe('/app/tasks')
    const setCookie = back.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? ''
    expect(setCookie).toMatch(/; Max-Age=43200/)
    expect(setCookie).toMatch(/; Path=\//)
    expect(setCookie).toMatch(/; HttpOnly/)
    expect(setCookie).toMatch(/; Secure/)
    expect(setCookie).toMatch(/; SameSite=Lax/)
    const tasks = await b.go('/app/tasks')
    expect(tasks.status).toBe(200)
    expect(tasks.html).toContain('peksos-uji · peksos')
    expect(app.logs).toContainEqual(
      expect.objectContaining({ msg: 'sign_in', outcome: 'signed_in', staff_id: 'peksos-uji' }),
    )
    expect(JSON.stringify(app.logs)).not.toContain(EMAILS.worker)
  })

  it('matches the email case-insensitively and applies the coordinator role of the row', async () => {
    const app = fieldApp()
    const b = app.browser()
    const landed = await signIn(b, 'KOORDINATOR@Uji.Example')
    expect(landed.status).toBe(200)
    expect(landed.html).toContain('koordinator-uji · koordinator')
  })

  it('sets the cookie without Secure on a loopback address (npm run dev over http)', async () => {
    const app = fieldApp({ origin: 'http://127.0.0.1:8787' })
    const b = app.browser()
    const start = await b.send('/app/auth/google')
    const callback = await chooseAccount(b, start.headers.get('location') ?? '', EMAILS.worker)
    expect(new URL(callback).origin).toBe('http://127.0.0.1:8787')
    const back = await b.send(callback)
    const setCookie = back.headers.getSetCookie().find((c) => c.startsWith('casebook_session=')) ?? ''
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).not.toMatch(/Secure/)
    expect((await b.go('/app')).status).toBe(200)
  })

  it.each([
    ['an email that is not in the Staff tab', EMAILS.unknown, 403, 'tidak tercatat di tab Staff'],
    ['the email of an inactive staff row', EMAILS.inactive, 403, 'tidak aktif di tab Staff'],
  ])('refuses %s and gives no session', async (_name, email, status, message) => {
    const app = fieldApp()
    const b = app.browser()
    const page = await signIn(b, email)
    expect(page.status).toBe(status)
    expect(page.html).toContain(message)
    expect(b.cookie(SESSION_COOKIE)).toBeUndefined()
    expect((await b.go('/app')).url).toMatch(/\/app\/sign-in\?back=%2Fapp$/)
  })

  it('refuses a callback whose state is not the one this browser started', async () => {
    const app = fieldApp()
    const b = app.browser()
    const start = await b.send('/app/auth/google')
    const callback = new URL(await chooseAccount(b, start.headers.get('location') ?? '', EMAILS.worker))
    callback.searchParams.set('state', 'state-dari-tempat-lain')
    const page = await b.go(callback.href)
    expect(page.status).toBe(400)
    expect(page.html).toContain('sudah kedaluwarsa atau sudah dipakai')
    expect(b.cookie(SESSION_COOKIE)).toBeUndefined()
  })

  it('refuses a replayed code: once the sign-in cookie is used, and at Google when a new sign-in is started', async () => {
    const app = fieldApp()
    const b = app.browser()
    const start = await b.send('/app/auth/google')
    const callback = await chooseAccount(b, start.headers.get('location') ?? '', EMAILS.worker)
    expect((await b.go(callback)).status).toBe(200)
    const attacker = app.browser()
    expect((await attacker.go(callback)).status).toBe(400)
    // A fresh sign-in in the attacker's browser, then the stolen code with the new state.
    const fresh = await attacker.send('/app/auth/google')
    const state = new URL(fresh.headers.get('location') ?? '').searchParams.get('state') ?? ''
    const replay = new URL(callback)
    replay.searchParams.set('state', state)
    const page = await attacker.go(replay.href)
    expect(page.status).toBe(400)
    expect(attacker.cookie(SESSION_COOKIE)).toBeUndefined()
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: 'sign_in', outcome: 'code_rejected' }))
  })

  it('shows Google declining (the person cancelled) as a failed sign-in', async () => {
    const app = fieldApp()
    const b = app.browser()
    const start = await b.send('/app/auth/google')
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? ''
    const page = await b.go(`/app/auth/callback?error=access_denied&state=${state}`)
    expect(page.status).toBe(400)
    expect(page.html).toContain('Masuk tidak berhasil')
  })
})

describe('a signed-in session', () => {
  it('ends after 12 hours and asks to sign in again, coming back to the same page', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    app.clock.advance(12 * 3600_000 - 1000)
    expect((await b.go('/app/tasks')).status).toBe(200)
    app.clock.advance(2000)
    const page = await b.go('/app/tasks')
    expect(page.url).toBe('http://casebook.uji/app/sign-in?back=%2Fapp%2Ftasks&expired=1')
    expect(page.html).toContain('Sesi masuk sudah berakhir')
  })

  it('is re-checked against the Staff tab on every request: unticking Aktif ends it', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    app.ledger.staff.set('peksos-uji', { staff_id: 'peksos-uji', email: EMAILS.worker, role: 'worker', active: false })
    const page = await b.go('/app')
    expect(page.url).toMatch(/\/app\/sign-in\?back=%2Fapp&refused=inactive$/)
    expect(page.html).toContain('tidak aktif di tab Staff')
  })

  it('follows a role change in the Staff tab at the next request', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    app.ledger.staff.set('peksos-uji', {
      staff_id: 'peksos-uji',
      email: EMAILS.worker,
      role: 'coordinator',
      active: true,
    })
    expect((await b.go('/app')).html).toContain('peksos-uji · koordinator')
  })

  it('ignores a forged or damaged cookie and asks to sign in', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    const cookie = b.cookie(SESSION_COOKIE) ?? ''
    b.setCookie(SESSION_COOKIE, `${cookie.slice(0, -4)}AAAA`)
    expect((await b.go('/app')).url).toMatch(/\/app\/sign-in\?back=%2Fapp$/)
  })

  it('signs out with the form in the header, and the cookie no longer works', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    const home = await b.go('/app')
    const cookie = b.cookie(SESSION_COOKIE) ?? ''
    const out = await b.post('/app/sign-out', { _csrf: hidden(home.html, '_csrf') }, '/app')
    expect(out.url).toBe('http://casebook.uji/app/sign-in?signed_out=1')
    expect(out.html).toContain('Anda sudah keluar')
    expect(b.cookie(SESSION_COOKIE)).toBeUndefined()
    expect((await b.go('/app')).url).toMatch(/\/app\/sign-in/)
    // The browser dropped it; a copy kept elsewhere is still sealed and valid until it expires,
    // which is why the lifetime is a field day, not a month.
    expect(cookie).not.toBe('')
  })
})

describe('CSRF protection of form posts', () => {
  it.each([
    ['without the CSRF token', (_token: string) => ({}), '/app'],
    ['with another session’s token', (_token: string) => ({ _csrf: 'bukan-token-sesi-ini' }), '/app'],
    ['from another site, even with the token', (token: string) => ({ _csrf: token }), 'https://jahat.example/page'],
  ])('refuses a post %s', async (_name, fields, from) => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    const home = await b.go('/app')
    const page = await b.post('/app/sign-out', fields(hidden(home.html, '_csrf')), from)
    expect(page.status).toBe(403)
    expect(page.html).toContain('perlindungan CSRF')
    expect((await b.go('/app')).status).toBe(200)
  })
})

describe('the JSON API with the session cookie', () => {
  it('answers reads of the signed-in worker, scoped to their own cases', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    const res = await b.send('/api/cases')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { cases: { case_id: string }[] }
    expect(body.cases.map((c) => c.case_id)).toEqual(['K-0001', 'K-0003'])
  })

  it('takes a write only with the X-CSRF-Token of the page, from the same origin', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec((await b.go('/app')).html)?.[1] ?? ''
    const session = {
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: '2025-03-05',
      task: 'memilah pakaian',
      assistance: 'penuh',
      worker: 'peksos-uji',
    }
    const post = (headers: Record<string, string>) =>
      b.send('/api/sessions', {
        method: 'POST',
        from: '/app',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(session),
      })
    const refused = await post({})
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ type: '/docs#problem-csrf-refused' })
    const crossSite = await b.send('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://jahat.example', 'x-csrf-token': csrf },
      body: JSON.stringify(session),
    })
    expect(crossSite.status).toBe(403)
    const saved = await post({ 'x-csrf-token': csrf, 'idempotency-key': 'antrian-uji-1' })
    expect(saved.status).toBe(201)
    expect(await saved.json()).toMatchObject({ session_id: 'S-0001', worker: 'peksos-uji' })
  })

  it('answers 401 (expired) when the session has ended, so the offline queue keeps its items', async () => {
    const app = fieldApp()
    const b = await signedIn(app, EMAILS.worker)
    app.clock.advance(13 * 3600_000)
    const res = await b.send('/api/cases')
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ detail: expect.stringContaining('kedaluwarsa') })
  })

  it('keeps bearer tokens working as before', async () => {
    const app = fieldApp()
    const res = await app.send('/api/cases', { token: await app.token('peksos-uji', 'worker') })
    expect(res.status).toBe(200)
  })
})

describe('without sign-in configured', () => {
  it('says so on the sign-in page and on every page, and the API works with bearer tokens', async () => {
    const app = fieldApp({ signIn: null })
    const b = app.browser()
    for (const path of ['/app/sign-in', '/app', '/app/auth/google']) {
      const page = await b.go(path)
      expect(page.status).toBe(503)
      expect(textOf(page.html, 'main')).toContain('belum diatur di server ini')
    }
    expect((await app.send('/api/cases', { token: await app.token('peksos-uji', 'worker') })).status).toBe(200)
  })
})
