// Security headers through hono/secure-headers: on every answer, and the strict page policy on
// HTML pages (the docs page here; the field app's pages reuse pageSecurity).
import { createExecutionContext } from 'cloudflare:test'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { assetUrl } from '../../src/http/app/client-assets'
import type { AppEnv } from '../../src/http/app-env'
import { cspHash, pageSecurity, securityHeaders } from '../../src/http/security-headers'
import worker from '../../src/index'
import { harness, SESSION, type SendInit } from './support/harness'

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const expectCommonHeaders = (res: Response) => {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('x-frame-options')).toBe('DENY')
  expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
}

describe('every answer', () => {
  it.each<[string, string, SendInit | 'worker-token']>([
    ['a JSON answer', '/api/health', {}],
    ['an authenticated JSON answer', '/api/cases', 'worker-token'],
    ['HEAD', '/api/health', { method: 'HEAD' }],
    ['an unknown address (404 problem)', '/api/tidak-ada', {}],
    ['a missing token (401 problem)', '/api/cases', {}],
    ['a wrong method (405 problem)', '/api/health', { method: 'DELETE' }],
    ['a body over the limit (413 problem)', '/api/sessions', { json: { ...SESSION, notes: 'x'.repeat(70_000) } }],
    ['the redirect to the docs', '/', {}],
  ])('carries nosniff, DENY framing and the API CSP: %s', async (_name, path, init) => {
    const h = harness()
    const res = await h.send(path, init === 'worker-token' ? { token: await h.token('peksos-uji', 'worker') } : init)
    expectCommonHeaders(res)
    expect(res.headers.get('content-security-policy')).toBe(API_CSP)
    expect(res.headers.get('x-request-id')).toMatch(/^req-uji-\d+$/)
  })

  it.each([
    ['the OpenAPI document', '/openapi.json'],
    ['a client asset', assetUrl('app.css')],
    ['the service worker', '/app/sw.js'],
  ])('also on a static file (public/_headers), which never reaches the Worker: %s', async (_name, path) => {
    const res = await harness().send(path)
    expect(res.status).toBe(200)
    expectCommonHeaders(res)
    expect(res.headers.get('x-request-id')).toBeNull()
    if (path === '/openapi.json') expect(res.headers.get('content-security-policy')).toBe(API_CSP)
    else expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/)
  })

  it('also on the "server misconfigured" answer of a Worker with a bad configuration', async () => {
    const env = { SPREADSHEET_ID: 'sheet-uji', LEDGER: { getByName: () => undefined } } as unknown as Env
    const request = new Request('http://casebook.uji/api/health') as Request<unknown, IncomingRequestCfProperties>
    const original = console.log
    console.log = () => {}
    try {
      const res = await worker.fetch(request, env, createExecutionContext())
      expect(res.status).toBe(500)
      expectCommonHeaders(res)
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      console.log = original
    }
  })
})

describe('the docs page', () => {
  it('has the strict page policy: same origin only, no inline script, its one inline style by hash', async () => {
    const res = await harness().send('/docs')
    const html = await res.text()
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    expectCommonHeaders(res)
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' ${await cspHash(style)}; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    )
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe')
  })
})

describe('pageSecurity, for any HTML page', () => {
  const page = (options: Parameters<typeof pageSecurity>[0]) => {
    const app = new Hono<AppEnv>()
    app.use(securityHeaders())
    app.get('/app', pageSecurity(options), (c) => c.html('<p>halo</p>'))
    return app
  }

  it('adds sources a page needs to the strict policy, and the app-wide headers leave it in place', async () => {
    const res = await page({ extra: { connectSrc: ['https://oauth2.googleapis.com'] } }).request('/app')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("connect-src 'self' https://oauth2.googleapis.com")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain("default-src 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('lets a page open a sign-in popup when it says so, and is same-origin otherwise', async () => {
    expect((await page({}).request('/app')).headers.get('cross-origin-opener-policy')).toBe('same-origin')
    const popup = await page({ openerPolicy: 'same-origin-allow-popups' }).request('/app')
    expect(popup.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups')
  })

  it('hashes an inline style exactly as browsers do (base64 SHA-256 of its text)', async () => {
    // The SHA-256 of the empty string, a published constant.
    expect(await cspHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
  })
})
