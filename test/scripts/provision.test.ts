// npm run provision against a served emulator, with a service-account key: a spreadsheet not
// shared with the key's client_email is said plainly (which one, whom to share it with as
// Editor), in the function's result and in the command's output; sharing it fixes it.
import { execFile } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator/index'
import { notSharedMessage, provision } from '../../scripts/provision'
import { buildTemplate } from '../../sheets-template/build-template'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')
const SA = 'casebook-provision@sentra-uji.iam.gserviceaccount.com'

const emulator = createEmulator()
let server: ReturnType<typeof serve>
let rootUrl = ''
let dir = ''
let keyFile = ''

beforeAll(async () => {
  server = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  dir = await mkdtemp(join(tmpdir(), 'casebook-provision-'))
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  keyFile = join(dir, 'sa.json')
  await writeFile(keyFile, JSON.stringify({ type: 'service_account', client_email: SA, private_key: privateKey }))
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

/** An empty spreadsheet a person made, shared with nobody but its owner (the emulator's default principal). */
async function personalSpreadsheet(id: string): Promise<void> {
  const res = await fetch(`${rootUrl}_emulator/spreadsheets/${id}?shared_with=`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  expect(res.status).toBe(200)
}

/** The owner shares it in Drive (an opaque token acts as the owner in permissive auth). */
async function shareAs(id: string, role: 'reader' | 'writer'): Promise<void> {
  const res = await fetch(`${rootUrl}drive/v3/files/${id}/permissions`, {
    method: 'POST',
    headers: { authorization: 'Bearer pemilik', 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'user', role, emailAddress: SA }),
  })
  expect(res.status).toBe(200)
}

const TEMPLATE = buildTemplate()

/** The titles of a spreadsheet's tabs, in order, as the owner sees them. */
async function sheetTitles(id: string): Promise<string[]> {
  const res = await fetch(`${rootUrl}v4/spreadsheets/${id}?fields=sheets.properties.title`, {
    headers: { authorization: 'Bearer pemilik' },
  })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { sheets: { properties: { title: string } }[] }
  return body.sheets.map((sheet) => sheet.properties.title)
}

const options = (spreadsheetId: string) => ({ keyFile, spreadsheetId, rootUrl, token: 'x', share: [] })

describe('provision with a spreadsheet the service account may not use', () => {
  it('says which spreadsheet and that it must be shared with the client_email as Editor, until it is', async () => {
    await personalSpreadsheet('belum-dibagi')
    expect(await provision(options('belum-dibagi'))).toEqual({ ok: false, error: notSharedMessage('belum-dibagi', SA) })
    await shareAs('belum-dibagi', 'writer')
    const done = await provision(options('belum-dibagi'))
    expect(done.ok ? done.value.tabs : done.error).toBe(TEMPLATE.tabs.length)
    expect(await sheetTitles('belum-dibagi')).toEqual(TEMPLATE.tabs.map((tab) => tab.title))
  })

  it('says the same when it is shared for viewing only', async () => {
    await personalSpreadsheet('hanya-lihat')
    await shareAs('hanya-lihat', 'reader')
    expect(await provision(options('hanya-lihat'))).toEqual({ ok: false, error: notSharedMessage('hanya-lihat', SA) })
  })

  it('prints it from npm run provision and exits 1', async () => {
    await personalSpreadsheet('cli-belum-dibagi')
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
    const cli = run(process.execPath, [
      '--import',
      tsx,
      join(ROOT, 'scripts', 'provision.ts'),
      '--key',
      keyFile,
      '--spreadsheet',
      'cli-belum-dibagi',
      '--root-url',
      rootUrl,
    ])
    await expect(cli).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`Spreadsheet cli-belum-dibagi is not shared with ${SA} as Editor`),
    })
  }, 30_000)

  it('shares a spreadsheet it creates with the people named by --share, through Drive', async () => {
    const created = await provision({ keyFile, create: 'Sentra Uji', rootUrl, token: 'x', share: ['staf@contoh.id'] })
    if (!created.ok) throw new Error(created.error)
    const sharing = await fetch(`${rootUrl}_emulator/spreadsheets/${created.value.spreadsheetId}/permissions`)
    expect(
      ((await sharing.json()) as { permissions: { role: string; emailAddress: string }[] }).permissions.map(
        (p) => `${p.role}:${p.emailAddress}`,
      ),
    ).toEqual([`owner:${SA}`, 'writer:staf@contoh.id'])
  })
})

describe('notSharedMessage', () => {
  it('names the key’s client_email, or the field to look for when there is no key', () => {
    expect(notSharedMessage('abc', SA)).toContain(`add ${SA} as Editor`)
    expect(notSharedMessage('abc', undefined)).toContain('the client_email of the service-account key')
  })
})
