import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator'
import { parseProvisionArgs, provision } from '../../scripts/provision'
import { buildTemplate } from '../../sheets-template/build-template'
import { V1_TEMPLATE_REQUESTS } from '../support/earlier-template'

describe('parseProvisionArgs', () => {
  it.each([
    [['--key', 'sa.json', '--spreadsheet', 'abc'], { keyFile: 'sa.json', spreadsheetId: 'abc' }],
    [
      ['--key', 'sa.json', '--create', 'Sentra X', '--share', 'a@contoh.id', '--share', 'b@contoh.id'],
      { create: 'Sentra X', share: ['a@contoh.id', 'b@contoh.id'] },
    ],
    [
      ['--spreadsheet', 'abc', '--root-url', 'http://127.0.0.1:8788/'],
      { rootUrl: 'http://127.0.0.1:8788/', token: 'provision-local' },
    ],
    [['--key', 'sa.json', '--spreadsheet', 'abc', '--upgrade'], { spreadsheetId: 'abc', upgrade: true }],
  ])('reads %j', (argv, expected) => {
    const parsed = parseProvisionArgs(argv)
    expect(parsed.ok ? parsed.value : parsed.error).toMatchObject(expected)
  })

  it.each([
    [['--key', 'sa.json'], 'Pilih salah satu'],
    [['--key', 'sa.json', '--create', 'X', '--spreadsheet', 'abc'], 'Pilih salah satu'],
    [['--create', 'X'], '--key wajib'],
    [['--key', 'sa.json', '--spreadsheet', 'abc', '--share', 'a@contoh.id'], '--share hanya'],
    [['--key', 'sa.json', '--spreadsheet', 'abc', '--bogus'], 'Unknown option'],
    [['--key', 'sa.json', '--create', 'X', '--upgrade'], '--upgrade hanya'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseProvisionArgs(argv)
    expect(parsed.ok ? 'ok' : parsed.error).toContain(message)
  })
})

describe('provision against the emulator with the googleapis client', () => {
  const emulator = createEmulator()
  let server: ReturnType<typeof serve>
  let rootUrl = ''
  const template = buildTemplate()

  beforeAll(async () => {
    server = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const titlesOf = async (id: string): Promise<(string | null | undefined)[]> => {
    const response = await emulator.app.fetch(
      new Request(`http://emulator.test/v4/spreadsheets/${id}?fields=sheets.properties.title`, {
        headers: { authorization: 'Bearer uji' },
      }),
    )
    const body = (await response.json()) as sheets_v4.Schema$Spreadsheet
    return (body.sheets ?? []).map((s) => s.properties?.title)
  }

  it('creates a spreadsheet and builds every tab in it', async () => {
    const result = await provision({ create: 'Sentra Uji', rootUrl, token: 'uji', share: [] })
    expect(result.ok ? { ...result.value, spreadsheetId: 'x', spreadsheetUrl: 'x' } : result.error).toEqual({
      spreadsheetId: 'x',
      spreadsheetUrl: 'x',
      created: true,
      requests: template.requests.length,
      tabs: 12,
      shared: 0,
    })
    if (result.ok) expect(await titlesOf(result.value.spreadsheetId)).toEqual(template.tabs.map((t) => t.title))
  })

  it('builds an existing empty spreadsheet, and refuses a second time', async () => {
    const put = await emulator.app.fetch(
      new Request('http://emulator.test/_emulator/spreadsheets/kosong', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { title: 'Kosong' } }),
      }),
    )
    expect(put.status).toBe(200)
    const first = await provision({ spreadsheetId: 'kosong', rootUrl, token: 'uji', share: [] })
    expect(first.ok).toBe(true)
    expect(await titlesOf('kosong')).toEqual(template.tabs.map((t) => t.title))
    const second = await provision({ spreadsheetId: 'kosong', rootUrl, token: 'uji', share: [] })
    expect(second.ok ? 'ok' : second.error).toContain('sudah memakai template')
  })

  it('upgrades a casebook made from the first template with --upgrade, and says what it added', async () => {
    const put = await emulator.app.fetch(
      new Request('http://emulator.test/_emulator/spreadsheets/lama', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { title: 'Lama' } }),
      }),
    )
    expect(put.status).toBe(200)
    const built = await emulator.app.fetch(
      new Request('http://emulator.test/v4/spreadsheets/lama:batchUpdate', {
        method: 'POST',
        headers: { authorization: 'Bearer uji', 'content-type': 'application/json' },
        body: JSON.stringify({ requests: V1_TEMPLATE_REQUESTS }),
      }),
    )
    expect(built.status).toBe(200)
    // The plain provision refuses it and points at --upgrade.
    const plain = await provision({ spreadsheetId: 'lama', rootUrl, token: 'uji', share: [] })
    expect(plain.ok ? 'ok' : plain.error).toContain('--upgrade')
    const upgraded = await provision({ spreadsheetId: 'lama', rootUrl, token: 'uji', share: [], upgrade: true })
    expect(upgraded.ok ? upgraded.value.upgraded : upgraded.error).toBe(
      'Templat v1 → v2: ditambahkan / added tab Events, Feedback; kolom/columns Lists.event_kind, Lists.feedback_kind, Lists.participant_role, Progress.approval; 3 grafik/charts.',
    )
    expect(await titlesOf('lama')).toEqual(template.tabs.map((t) => t.title))
    const again = await provision({ spreadsheetId: 'lama', rootUrl, token: 'uji', share: [], upgrade: true })
    expect(again.ok ? [again.value.requests, again.value.upgraded] : again.error).toEqual([
      0,
      'Spreadsheet sudah memakai templat v2; tidak ada yang ditambahkan. / Already on template v2; nothing added.',
    ])
  })
})
