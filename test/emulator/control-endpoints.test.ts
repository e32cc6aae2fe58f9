import { createHmac } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createEmulator } from '../../emulator/index'
import { createStateWriter, readStateFile } from '../../emulator/state-file'
import { harness } from './emulator-harness'

describe('seeding spreadsheets with fixed ids', () => {
  it('creates, refuses a duplicate with 409, and deletes', async () => {
    const h = harness()
    await h.createSpreadsheet('casebook-dev', [
      { sheetId: 0, title: 'Cases', gridProperties: { rowCount: 5, columnCount: 3 } },
    ])
    const dup = await h.call('PUT', '/_emulator/spreadsheets/casebook-dev', {})
    expect(dup.status).toBe(409)
    expect((await h.call('GET', '/_emulator/spreadsheets')).json.spreadsheets).toEqual([
      {
        spreadsheetId: 'casebook-dev',
        title: 'Test',
        sheets: [{ sheetId: 0, title: 'Cases', rowCount: 5, columnCount: 3 }],
      },
    ])
    expect((await h.call('DELETE', '/_emulator/spreadsheets/casebook-dev')).status).toBe(204)
    expect((await h.values('casebook-dev', 'A1')).status).toBe(404)
  })

  it('creates a spreadsheet with initial grid data and a default Sheet1 otherwise', async () => {
    const h = harness()
    const res = await h.call('PUT', '/_emulator/spreadsheets/seeded', {
      properties: { title: 'Seeded' },
      sheets: [
        {
          properties: { sheetId: 3, title: 'Staff' },
          data: [{ startRow: 1, rowData: [{ values: [{ userEnteredValue: { stringValue: 'peksos-uji' } }] }] }],
        },
      ],
    })
    expect(res.json.sheets[0].properties).toEqual({
      sheetId: 3,
      title: 'Staff',
      index: 0,
      sheetType: 'GRID',
      gridProperties: { rowCount: 1000, columnCount: 26 },
    })
    expect((await h.values('seeded', 'Staff!A2')).json.values).toEqual([['peksos-uji']])
    await h.call('PUT', '/_emulator/spreadsheets/plain', {})
    expect((await h.values('plain', 'Sheet1!A1')).status).toBe(200)
  })
})

describe('snapshot, load and reset', () => {
  it('round-trips the whole state, sparse rows and metadata included', async () => {
    const a = harness()
    await a.createSpreadsheet('ss', [
      { sheetId: 0, title: 'Cases', gridProperties: { rowCount: 50, columnCount: 5, frozenRowCount: 1 } },
    ])
    await a.update('ss', 'Cases!A1', [['id', 'opened'], [], ['K-2', '2024-02-01']], 'USER_ENTERED')
    await a.batchUpdate('ss', [
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'column',
            metadataValue: 'id',
            visibility: 'DOCUMENT',
            location: { dimensionRange: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } },
          },
        },
      },
    ])
    const snapshot = (await a.call('GET', '/_emulator/snapshot')).json
    const b = harness()
    expect((await b.call('POST', '/_emulator/load', snapshot)).json).toEqual({ loaded: 1 })
    for (const q of ['', 'valueRenderOption=UNFORMATTED_VALUE']) {
      expect((await b.values('ss', 'Cases', q)).json).toEqual((await a.values('ss', 'Cases', q)).json)
    }
    expect(
      (await b.call('GET', '/v4/spreadsheets/ss?fields=sheets.data.columnMetadata.developerMetadata')).json,
    ).toEqual((await a.call('GET', '/v4/spreadsheets/ss?fields=sheets.data.columnMetadata.developerMetadata')).json)
    await b.call('POST', '/_emulator/reset')
    expect((await b.values('ss', 'A1')).status).toBe(404)
  })

  it('starts from a state passed in the options', async () => {
    const a = harness()
    await a.createSpreadsheet('ss')
    await a.update('ss', 'A1', [['kept']])
    const b = createEmulator({ state: a.emulator.snapshot() })
    const res = await b.app.fetch(
      new Request('http://e/v4/spreadsheets/ss/values/A1', { headers: { authorization: 'Bearer t' } }),
    )
    expect(((await res.json()) as { values: unknown }).values).toEqual([['kept']])
  })

  it('rejects something that is not a snapshot', async () => {
    const h = harness()
    expect((await h.call('POST', '/_emulator/load', { hello: 1 })).status).toBe(400)
  })
})

describe('staff edits and the onEdit webhook', () => {
  it('applies USER_ENTERED semantics and signs the webhook like the Apps Script trigger', async () => {
    const sent: { url: string; headers: Headers; body: string }[] = []
    const h = harness({
      now: () => Date.UTC(2026, 0, 5, 9, 0, 0),
      fetch: async (input, init) => {
        sent.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) })
        return new Response('ok')
      },
    })
    await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Cases', gridProperties: { rowCount: 10, columnCount: 5 } }])
    await h.call('POST', '/_emulator/webhook', { url: 'http://worker.test/api/sync', secret: 's3cret' })
    const res = await h.call('POST', '/_emulator/edit', {
      spreadsheetId: 'ss',
      range: 'Cases!B5',
      values: [['2024-03-05']],
    })
    expect(res.json).toEqual({ spreadsheetId: 'ss', sheet: 'Cases', updatedRange: 'Cases!B5', updatedCells: 1 })
    expect((await h.values('ss', 'Cases!B5', 'valueRenderOption=UNFORMATTED_VALUE')).json.values).toEqual([[45356]])
    await h.emulator.webhook.settled()
    expect(sent).toHaveLength(1)
    const [hook] = sent
    const ts = 1767603600
    expect(hook?.url).toBe('http://worker.test/api/sync')
    expect(JSON.parse(hook?.body ?? '')).toEqual({ spreadsheetId: 'ss', sheet: 'Cases', range: 'B5', ts })
    expect(hook?.headers.get('x-timestamp')).toBe(String(ts))
    expect(hook?.headers.get('x-signature')).toBe(
      createHmac('sha256', 's3cret').update(`${ts}.${hook?.body}`).digest('hex'),
    )
  })

  it('counts failed deliveries without failing the edit', async () => {
    const h = harness({
      fetch: async () => {
        throw new Error('connection refused')
      },
    })
    await h.createSpreadsheet('ss')
    await h.call('POST', '/_emulator/webhook', { url: 'http://127.0.0.1:9/hook', secret: 'x' })
    expect(
      (await h.call('POST', '/_emulator/edit', { spreadsheetId: 'ss', range: 'A1', values: 'typed' })).status,
    ).toBe(200)
    await h.emulator.webhook.settled()
    expect((await h.call('GET', '/_emulator/webhook')).json).toEqual({
      url: 'http://127.0.0.1:9/hook',
      delivered: 0,
      failed: 1,
    })
  })
})

describe('the HTML view', () => {
  it('lists spreadsheets and shows a tab as a grid with every text escaped', async () => {
    const h = harness()
    await h.createSpreadsheet(
      'ss',
      [{ sheetId: 0, title: '<Kasus>', gridProperties: { rowCount: 3, columnCount: 2, frozenRowCount: 1 } }],
      'A&B "casebook"',
    )
    await h.update('ss', "'<Kasus>'!A1", [['<script>alert(1)</script>', "x' onmouseover='y"]])
    const index = await h.emulator.app.fetch(new Request('http://e/'))
    const list = await index.text()
    expect(list).toContain('A&amp;B &quot;casebook&quot;')
    expect(list).not.toContain('<Kasus>')
    const page = await (await h.emulator.app.fetch(new Request('http://e/?spreadsheet=ss&sheet=0'))).text()
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert(1)')
    expect(page).toContain('x&#39; onmouseover=&#39;y')
    expect(page).toContain('<tr class="frozen"')
    expect(page).not.toMatch(/<(link|script) [^>]*src=/)
  })

  it('answers 404 for an unknown spreadsheet', async () => {
    const h = harness()
    expect((await h.emulator.app.fetch(new Request('http://e/?spreadsheet=nope'))).status).toBe(404)
  })
})

describe('Drive v3 files for spreadsheets', () => {
  it('creates, reads selected fields and deletes a spreadsheet file', async () => {
    const h = harness({ now: () => Date.UTC(2026, 0, 5) })
    const created = await h.call('POST', '/drive/v3/files?supportsAllDrives=True', {
      name: 'Casebook',
      mimeType: 'application/vnd.google-apps.spreadsheet',
    })
    expect(created.json).toEqual({
      kind: 'drive#file',
      id: expect.any(String),
      name: 'Casebook',
      mimeType: 'application/vnd.google-apps.spreadsheet',
    })
    const id = created.json.id
    const got = await h.call('GET', `/drive/v3/files/${id}?fields=id%2Cname%2CcreatedTime%2CmodifiedTime`)
    expect(got.json).toEqual({
      id,
      name: 'Casebook',
      createdTime: '2026-01-05T00:00:00.000Z',
      modifiedTime: '2026-01-05T00:00:00.000Z',
    })
    expect((await h.call('DELETE', `/drive/v3/files/${id}?supportsAllDrives=True`)).status).toBe(204)
    const gone = await h.call('GET', `/drive/v3/files/${id}`)
    expect(gone.status).toBe(404)
    expect(gone.json.error.errors[0].reason).toBe('notFound')
  })

  it('refuses files that are not spreadsheets', async () => {
    const h = harness()
    expect((await h.call('POST', '/drive/v3/files', { name: 'x', mimeType: 'text/plain' })).status).toBe(400)
  })
})

describe('the state file', () => {
  it('writes behind changes once the debounce elapses, atomically, and reads back', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const dir = mkdtempSync(join(tmpdir(), 'emulator-state-'))
      const path = join(dir, 'nested', 'state.json')
      let text = '{"version":1,"spreadsheets":[]}'
      const writer = createStateWriter(path, () => text, 250)
      expect(readStateFile(path)).toBeUndefined()
      writer.schedule()
      text = '{"version":1,"spreadsheets":[{"spreadsheetId":"x"}]}'
      writer.schedule()
      vi.advanceTimersByTime(249)
      expect(readStateFile(path)).toBeUndefined()
      vi.advanceTimersByTime(1)
      expect(JSON.parse(readFileSync(path, 'utf8')).spreadsheets).toEqual([{ spreadsheetId: 'x' }])
      expect(readdirSync(join(dir, 'nested'))).toEqual(['state.json'])
      text = '{"version":1,"spreadsheets":[{"spreadsheetId":"x"},{"spreadsheetId":"y"}]}'
      writer.schedule()
      writer.flush()
      expect(readStateFile(path)?.spreadsheets).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
