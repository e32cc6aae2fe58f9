import { describe, expect, it } from 'vitest'
import { preferredLanguage } from '../../src/http/language'
import { harness, SESSION } from './support/harness'

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['id;q=0.5, en;q=0.8', 'en'],
    ['fr, de', 'id'],
    ['fr, en;q=0.1', 'en'],
    ['en;q=0', 'id'],
    ['*', 'id'],
    ['in', 'id'],
  ])('reads %j as %s', (header, lang) => {
    expect(preferredLanguage(header)).toBe(lang)
  })
})

describe('the app', () => {
  it('answers an unknown address with a 404 problem in Indonesian', async () => {
    const res = await harness().send('/api/tidak-ada')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "detail": "Lihat /docs untuk daftar alamat API.",
        "errors": [],
        "request_id": "req-uji-1",
        "status": 404,
        "title": "Alamat tidak dikenal",
        "type": "/docs#problem-route-not-found",
      }
    `)
  })

  it.each([
    ['/api/cases/%3Cb%3Eabc%3C%2Fb%3E', 'kasus', 'K-0001'],
    ['/api/cases/S-0001/progress', 'kasus', 'K-0001'],
    ['/api/goals/rahasia/progress', 'tujuan', 'T-0001'],
  ])(
    'answers %s with 404 invalid-id naming the form of the id, not what was sent, and asks the ledger nothing',
    async (path, noun, example) => {
      const h = harness()
      const res = await h.send(path, { token: await h.token('admin-uji', 'admin') })
      const text = await res.text()
      expect(res.status).toBe(404)
      expect(JSON.parse(text)).toMatchObject({
        type: '/docs#problem-invalid-id',
        detail: `ID ${noun} di alamat ini tidak sah; bentuknya seperti ${example}.`,
      })
      expect(text).not.toMatch(/abc|<b>|S-0001|rahasia/)
      expect(h.ledger.calls.map((c) => c.method)).toEqual(['authenticate'])
    },
  )

  it('finds a case by a lower-case id with spaces around it', async () => {
    const h = harness()
    const res = await h.send('/api/cases/%20k-0001%20', { token: await h.token('admin-uji', 'admin') })
    expect(res.status).toBe(200)
    expect(h.ledger.callsOf('getCase')[0]?.[1]).toBe('K-0001')
  })

  it('answers a known address with the wrong method with 405 and Allow', async () => {
    const h = harness()
    const res = await h.send('/api/cases/K-0001', { method: 'DELETE', token: await h.token('admin-uji', 'admin') })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, PATCH')
  })

  it('turns an unexpected error into a generic 500 with the request id and logs no message', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    h.ledger.throwOnCall = new Error('rahasia: catatan klien AB')
    const res = await h.send('/api/sessions', { token, json: SESSION, headers: { 'Accept-Language': 'en' } })
    const text = await res.text()
    expect(res.status).toBe(500)
    expect(JSON.parse(text)).toMatchObject({ title: 'Internal server error', request_id: 'req-uji-1', errors: [] })
    expect(res.headers.get('x-request-id')).toBe('req-uji-1')
    expect(text).not.toContain('rahasia')
    expect(JSON.stringify(h.logs)).not.toContain('rahasia')
    expect(h.logs.find((l) => l.msg === 'unhandled')).toMatchObject({ request_id: 'req-uji-1', error: 'Error' })
  })

  it('logs one line per request with ids and no body, query or note', async () => {
    const h = harness()
    await h.send('/api/sessions', {
      token: await h.token('peksos-uji', 'worker'),
      json: { ...SESSION, notes: 'catatan pribadi' },
      headers: { 'X-Request-Id': 'klien-req-12345' },
    })
    await h.send('/api/cases/K-0001/progress?as_of=2025-03-13&worker=rahasia', {
      token: await h.token('peksos-uji', 'worker'),
    })
    expect(h.logs).toEqual([
      {
        level: 'info',
        msg: 'request',
        request_id: 'klien-req-12345',
        method: 'POST',
        route: '/api/sessions',
        status: 201,
        duration_ms: 0,
        staff_id: 'peksos-uji',
        problem: undefined,
      },
      expect.objectContaining({ route: '/api/cases/:case_id/progress', status: 200 }),
    ])
    expect(JSON.stringify(h.logs)).not.toMatch(/catatan|rahasia|2025-03-13/)
  })

  it('serves HEAD for GET routes', async () => {
    const res = await harness().send('/api/health', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
})

describe('CORS', () => {
  const preflight = {
    method: 'OPTIONS',
    headers: { Origin: 'https://forms.sentra.example', 'Access-Control-Request-Method': 'POST' },
  }

  it('adds no CORS header when no origin is configured', async () => {
    const h = harness()
    const res = await h.send('/api/health', { headers: { Origin: 'https://forms.sentra.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect((await h.send('/api/sessions', preflight)).headers.get('access-control-allow-origin')).toBeNull()
  })

  it('allows exactly the configured origins', async () => {
    const h = harness({ config: { corsOrigins: ['https://forms.sentra.example'] } })
    const ok = await h.send('/api/sessions', preflight)
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://forms.sentra.example')
    expect(ok.headers.get('access-control-allow-headers')).toContain('Idempotency-Key')
    const get = await h.send('/api/health', { headers: { Origin: 'https://forms.sentra.example' } })
    expect(get.headers.get('access-control-allow-origin')).toBe('https://forms.sentra.example')
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag')
    const other = await h.send('/api/health', { headers: { Origin: 'https://jahat.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    expect(other.headers.get('vary')).toContain('Origin')
  })
})
