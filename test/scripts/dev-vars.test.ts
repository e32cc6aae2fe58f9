import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SPREADSHEET_ID, ensureDevVars, formatDevVar, parseDevVars } from '../../scripts/dev-vars'
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
    expect(vars.added).toEqual(['WEBHOOK_SECRET', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'SPREADSHEET_ID', 'GOOGLE_TOKEN_URL'])
    const text = await readFile(path, 'utf8')
    expect(text.startsWith('# mine\nAUTH_SECRET="kept-secret')).toBe(true)
    expect(await ensureDevVars(path)).toMatchObject({ created: false, added: [], values: vars.values })
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
