import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator/index'

const BASE = 'http://127.0.0.1:8788'

async function seeded() {
  const emulator = createEmulator()
  const created = await emulator.app.fetch(
    new Request(`${BASE}/_emulator/spreadsheets/lokal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    }),
  )
  expect(created.status).toBe(200)
  return emulator
}

/** A request as a browser or a script would send it: an explicit Host header, as on the wire. */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { host: '127.0.0.1:8788', ...headers },
    ...(body === undefined ? {} : { body }),
  })
}

const EDIT = JSON.stringify({ spreadsheetId: 'lokal', range: 'Sheet1!A1', values: [['diubah']] })

describe('the control endpoints refuse what a web page in the developer’s browser could send', () => {
  it.each([
    [
      'a text/plain POST (a simple cross-site request)',
      'POST',
      '/_emulator/reset',
      { 'content-type': 'text/plain' },
      415,
    ],
    ['a form POST', 'POST', '/_emulator/reset', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['a POST without content-type (a Blob body)', 'POST', '/_emulator/reset', {}, 415],
    ['a DELETE without content-type', 'DELETE', '/_emulator/spreadsheets/lokal', {}, 415],
    [
      'JSON from a foreign Origin',
      'POST',
      '/_emulator/reset',
      { 'content-type': 'application/json', origin: 'https://evil.example' },
      403,
    ],
    [
      'JSON from an opaque Origin',
      'POST',
      '/_emulator/reset',
      { 'content-type': 'application/json', origin: 'null' },
      403,
    ],
    [
      'JSON from another local port',
      'POST',
      '/_emulator/reset',
      { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
      403,
    ],
    [
      'a DNS-rebinding page (its own name pointed at 127.0.0.1)',
      'POST',
      '/_emulator/reset',
      { 'content-type': 'application/json', host: 'evil.example:8788' },
      403,
    ],
    ['a rebinding page reading the state', 'GET', '/_emulator/snapshot', { host: 'rebind.evil.example' }, 403],
  ])('refuses %s', async (_, method, path, headers, status) => {
    const emulator = await seeded()
    const res = await emulator.app.fetch(request(method, path, headers, method === 'GET' ? undefined : '{}'))
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe(
      status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'PERMISSION_DENIED',
    )
    expect(emulator.store.spreadsheets.has('lokal')).toBe(true)
  })

  it.each([
    ['127.0.0.1:8788', undefined],
    ['localhost:8788', 'http://localhost:8788'],
    ['[::1]:8788', 'http://[::1]:8788'],
    ['127.0.0.1:8788', 'http://127.0.0.1:8788'],
  ])('accepts JSON on host %s from origin %s (scripts, tests and the sheet view)', async (host, origin) => {
    const emulator = await seeded()
    const res = await emulator.app.fetch(
      request(
        'POST',
        '/_emulator/edit',
        { host, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        EDIT,
      ),
    )
    expect(res.status).toBe(200)
  })

  it('accepts exactly what the sheet view page sends when a cell is edited', async () => {
    const emulator = await seeded()
    const page = await (await emulator.app.fetch(request('GET', '/?spreadsheet=lokal', {}))).text()
    // The page posts JSON to a same-origin path; a browser adds its own Origin and Host.
    expect(page).toContain("fetch('/_emulator/edit',{method:'POST',headers:{'content-type':'application/json'}")
    const res = await emulator.app.fetch(
      request('POST', '/_emulator/edit', { 'content-type': 'application/json', origin: BASE }, EDIT),
    )
    expect(res.status).toBe(200)
    const snapshot = (await (await emulator.app.fetch(request('GET', '/_emulator/snapshot', {}))).json()) as {
      spreadsheets: { sheets: { rows: { value: unknown }[][] }[] }[]
    }
    expect(snapshot.spreadsheets[0]?.sheets[0]?.rows[0]?.[0]?.value).toEqual({ stringValue: 'diubah' })
  })

  it('leaves the Sheets API, the token endpoint and the sheet view to their own rules', async () => {
    const emulator = await seeded()
    const api = await emulator.app.fetch(
      request('GET', '/v4/spreadsheets/lokal/values/A1', { authorization: 'Bearer x', host: 'sheets.googleapis.com' }),
    )
    expect(api.status).toBe(200)
    expect((await emulator.app.fetch(request('GET', '/', {}))).status).toBe(200)
  })
})
