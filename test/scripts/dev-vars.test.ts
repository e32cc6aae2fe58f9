import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_SPREADSHEET_ID,
  ensureDevVars,
  formatDevVar,
  freePort,
  parseDevVars,
  portFrom,
  sheetAccessNotice,
  wranglerDevArgs,
} from '../../scripts/dev-vars'
import { PKCS8_PEM_LABEL } from '../support/pem'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-devvars-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('ensureDevVars', () => {
  it('creates .dev.vars with fresh secrets, a throwaway service-account key and the emulator defaults', async () => {
    const path = join(dir, '.dev.vars')
    const vars = await ensureDevVars(path)
    expect(vars.created).toBe(true)
    expect(vars.values.AUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(vars.values.WEBHOOK_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(vars.values.WEBHOOK_SECRET).not.toBe(vars.values.AUTH_SECRET)
    expect(vars.values.SPREADSHEET_ID).toBe(DEMO_SPREADSHEET_ID)
    const sa = JSON.parse(vars.values.GOOGLE_SERVICE_ACCOUNT_JSON ?? '')
    expect(sa.private_key.startsWith(`-----BEGIN ${PKCS8_PEM_LABEL}-----\n`)).toBe(true)
    // What wrangler will read back is what was returned.
    expect(parseDevVars(await readFile(path, 'utf8'))).toEqual(vars.values)
  })

  it('keeps every existing value and only appends what is missing', async () => {
    const path = join(dir, '.dev.vars')
    await writeFile(
      path,
      '# mine\nAUTH_SECRET="kept-secret-0123456789abcdef-0123456789"\nSHEETS_API_BASE=https://sheets.googleapis.com',
    )
    const vars = await ensureDevVars(path)
    expect(vars.created).toBe(false)
    expect(vars.values.AUTH_SECRET).toBe('kept-secret-0123456789abcdef-0123456789')
    expect(vars.values.SHEETS_API_BASE).toBe('https://sheets.googleapis.com')
    expect(vars.added).toEqual([
      'WEBHOOK_SECRET',
      'GOOGLE_SERVICE_ACCOUNT_JSON',
      'OIDC_CLIENT_SECRET',
      'SESSION_SECRET',
      'SPREADSHEET_ID',
      'GOOGLE_TOKEN_URL',
      'OIDC_ISSUER',
      'OIDC_CLIENT_ID',
    ])
    const text = await readFile(path, 'utf8')
    expect(text.startsWith('# mine\nAUTH_SECRET="kept-secret')).toBe(true)
    expect(await ensureDevVars(path)).toMatchObject({ created: false, added: [], values: vars.values })
  })
})

describe('ensureDevVars and the emulator port (EMULATOR_PORT)', () => {
  it('writes the local emulator URLs for the port in use', async () => {
    const path = join(dir, '.dev.vars')
    const vars = await ensureDevVars(path, 9210)
    expect([vars.values.SHEETS_API_BASE, vars.values.GOOGLE_TOKEN_URL]).toEqual([
      'http://127.0.0.1:9210',
      'http://127.0.0.1:9210/token',
    ])
    expect(JSON.parse(vars.values.GOOGLE_SERVICE_ACCOUNT_JSON ?? '').token_uri).toBe('http://127.0.0.1:9210/token')
  })

  it('moves local emulator URLs to the port in use, in place, and never touches Google’s', async () => {
    const local = join(dir, 'local.vars')
    await writeFile(
      local,
      '# mine\nSHEETS_API_BASE=http://127.0.0.1:8788\nGOOGLE_TOKEN_URL=http://localhost:8788/token\n# end\n',
    )
    await ensureDevVars(local)
    const moved = await ensureDevVars(local, 9300)
    expect(moved.moved).toEqual(['SHEETS_API_BASE', 'GOOGLE_TOKEN_URL', 'OIDC_ISSUER'])
    expect(moved.values.OIDC_ISSUER).toBe('http://127.0.0.1:9300')
    const text = await readFile(local, 'utf8')
    expect(
      text.startsWith(
        '# mine\nSHEETS_API_BASE=http://127.0.0.1:9300\nGOOGLE_TOKEN_URL=http://127.0.0.1:9300/token\n# end\n',
      ),
    ).toBe(true)
    expect(parseDevVars(text)).toEqual(moved.values)

    const google = join(dir, 'google.vars')
    await writeFile(
      google,
      'SHEETS_API_BASE=https://sheets.googleapis.com\nGOOGLE_TOKEN_URL=https://oauth2.googleapis.com/token\n',
    )
    const kept = await ensureDevVars(google, 9300)
    expect(kept.moved).toEqual([])
    expect(kept.values.SHEETS_API_BASE).toBe('https://sheets.googleapis.com')
  })

  it('leaves the URLs alone when no port is given (npm run token)', async () => {
    const path = join(dir, '.dev.vars')
    await ensureDevVars(path, 9210)
    expect((await ensureDevVars(path)).values.SHEETS_API_BASE).toBe('http://127.0.0.1:9210')
  })
})

describe('ports and wrangler arguments of npm run dev', () => {
  it.each([
    [{}, 8787],
    [{ WORKER_PORT: '9211' }, 9211],
    [{ WORKER_PORT: ' ' }, 8787],
  ])('reads WORKER_PORT from %j as %i', (env, port) => {
    expect(portFrom(env, 'WORKER_PORT', 8787)).toBe(port)
  })

  it.each(['0', '70000', 'abc', '87.5'])('refuses WORKER_PORT=%s', (value) => {
    expect(() => portFrom({ WORKER_PORT: value }, 'WORKER_PORT', 8787)).toThrow(
      `WORKER_PORT must be a port number (1–65535), not "${value}"`,
    )
  })

  it('gives wrangler dev its port, its own inspector port and the vars', () => {
    expect(wranglerDevArgs({ workerPort: 9211, inspectorPort: 9229, vars: { SPREADSHEET_ID: 'sentra-demo' } })).toEqual(
      ['dev', '--ip', '127.0.0.1', '--port', '9211', '--inspector-port', '9229', '--var', 'SPREADSHEET_ID:sentra-demo'],
    )
  })

  it('finds a free inspector port, a different one while the first is taken', async () => {
    const first = await freePort()
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(first, '127.0.0.1', () => resolve()))
    try {
      expect(await freePort()).not.toBe(first)
    } finally {
      taken.close()
    }
  })
})

describe('sheetAccessNotice', () => {
  it('prints the Worker’s own words and the command that shares the sheet on the emulator', () => {
    const health = {
      ok: true,
      sheet: 'unreachable',
      outbox: 0,
      problem: {
        code: 'sheet_not_shared',
        spreadsheet_id: 'sentra-demo',
        service_account: 'casebook-local@uji.iam.gserviceaccount.com',
        message: 'Spreadsheet sentra-demo is not shared with … as Editor.',
      },
    }
    const lines = sheetAccessNotice(health, 'http://127.0.0.1:9210') ?? []
    expect(lines[0]).toBe(
      'the Worker cannot use the spreadsheet: Spreadsheet sentra-demo is not shared with … as Editor.',
    )
    expect(lines[2]).toContain('curl -X POST http://127.0.0.1:9210/drive/v3/files/sentra-demo/permissions')
    expect(lines[2]).toContain('"emailAddress":"casebook-local@uji.iam.gserviceaccount.com"')
  })

  it.each([[{ ok: true, sheet: 'reachable', outbox: 0 }], [null], ['not json']])('is silent for %j', (health) => {
    expect(sheetAccessNotice(health, 'http://127.0.0.1:8788')).toBeUndefined()
  })
})

describe('parseDevVars / formatDevVar', () => {
  it.each([
    ['KEY=plain', { KEY: 'plain' }],
    ['export KEY=plain # comment', { KEY: 'plain' }],
    ['KEY="a\\nb"', { KEY: 'a\nb' }],
    ["KEY='a\\nb'", { KEY: 'a\\nb' }],
    ['# only a comment\n\nA=1\r\nB=2', { A: '1', B: '2' }],
  ])('reads %j', (text, expected) => {
    expect(parseDevVars(text)).toEqual(expected)
  })

  it('round-trips JSON with escaped newlines through single quotes', () => {
    const json = JSON.stringify({ private_key: '-----BEGIN-----\nAAA\n-----END-----\n', email: 'a@b' })
    const line = formatDevVar('GOOGLE_SERVICE_ACCOUNT_JSON', json)
    expect(line.startsWith("GOOGLE_SERVICE_ACCOUNT_JSON='{")).toBe(true)
    expect(parseDevVars(line).GOOGLE_SERVICE_ACCOUNT_JSON).toBe(json)
  })
})
