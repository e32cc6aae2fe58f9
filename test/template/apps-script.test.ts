import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { templateTabs } from '../../sheets-template/build-template'

// Code.gs runs in Google's V8 runtime; here it runs in a Node VM with fakes of the few Apps Script
// services it touches, so the body, headers and signature are checked against Node's own HMAC.

const CODE = readFileSync(join(import.meta.dirname, '..', '..', 'sheets-template', 'apps-script', 'Code.gs'), 'utf8')
const SECRET = 'rahasia-uji'

const signed = (bytes: Uint8Array): number[] => [...bytes].map((b) => (b > 127 ? b - 256 : b))

type Post = { url: string; params: { payload: number[]; headers: Record<string, string>; method: string } }

function appsScript(properties: Record<string, string> = { WORKER_URL: 'https://worker.test/', SYNC_SECRET: SECRET }) {
  const clock = { ms: Date.UTC(2025, 2, 13, 2, 0, 0) }
  const cache = new Map<string, { value: string; until: number }>()
  const posts: Post[] = []
  const context = {
    Date: { now: () => clock.ms },
    console: { warn: () => undefined, log: () => undefined },
    PropertiesService: { getScriptProperties: () => ({ getProperty: (k: string) => properties[k] ?? null }) },
    LockService: { getScriptLock: () => ({ tryLock: () => true, releaseLock: () => undefined }) },
    CacheService: {
      getScriptCache: () => ({
        get: (k: string) => {
          const hit = cache.get(k)
          return hit !== undefined && hit.until > clock.ms ? hit.value : null
        },
        put: (k: string, value: string, seconds: number) => {
          cache.set(k, { value, until: clock.ms + seconds * 1000 })
        },
      }),
    },
    Utilities: {
      Charset: { UTF_8: 'UTF-8' },
      computeHmacSha256Signature: (value: string, key: string, charset: string) => {
        expect(charset).toBe('UTF-8')
        return signed(createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(value, 'utf8')).digest())
      },
      newBlob: (text: string) => ({ getBytes: () => signed(Buffer.from(text, 'utf8')) }),
    },
    UrlFetchApp: {
      fetch: (url: string, params: Post['params']) => {
        posts.push({ url, params })
        return { getResponseCode: () => 200 }
      },
    },
  }
  runInNewContext(CODE, context)
  const edit = (sheet: string, range = 'B5') =>
    (context as unknown as { onEditSync: (e: unknown) => void }).onEditSync({
      range: { getSheet: () => ({ getName: () => sheet }), getA1Notation: () => range },
      source: { getId: () => 'sheet-uji' },
    })
  const change = (changeType: string) =>
    (context as unknown as { onChangeSync: (e: unknown) => void }).onChangeSync({
      changeType,
      source: { getId: () => 'sheet-uji' },
    })
  return { edit, change, posts, clock, context }
}

const bodyOf = (post: Post): string => Buffer.from(post.params.payload.map((b) => b & 0xff)).toString('utf8')

describe('the Apps Script onEdit webhook', () => {
  it('posts the edited tab and range to /api/sync, signed over "<ts>.<body>"', () => {
    const { edit, posts } = appsScript()
    edit('Sessions', 'C12')
    expect(posts).toHaveLength(1)
    const post = posts[0] as Post
    expect(post.url).toBe('https://worker.test/api/sync')
    expect(post.params.method).toBe('post')
    const body = bodyOf(post)
    const ts = Date.UTC(2025, 2, 13, 2, 0, 0) / 1000
    expect(body).toBe(`{"spreadsheetId":"sheet-uji","sheet":"Sessions","range":"C12","ts":${ts}}`)
    expect(post.params.headers['X-Timestamp']).toBe(String(ts))
    expect(post.params.headers['X-Signature']).toBe(createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex'))
  })

  it('signs the UTF-8 bytes it sends when a tab has a non-ASCII name', () => {
    const { edit, posts } = appsScript()
    edit('Sesi – Kelas Tata Boga')
    const post = posts[0] as Post
    const body = bodyOf(post)
    expect(JSON.parse(body).sheet).toBe('Sesi – Kelas Tata Boga')
    const ts = post.params.headers['X-Timestamp']
    expect(post.params.headers['X-Signature']).toBe(createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex'))
  })

  it.each(
    templateTabs()
      .filter((t) => t.role === 'computed')
      .map((t) => t.title),
  )('ignores edits to the computed tab %s', (title) => {
    const { edit, posts } = appsScript()
    edit(title)
    expect(posts).toHaveLength(0)
  })

  it('ignores exactly the template’s computed tabs', () => {
    const { context } = appsScript()
    const computed = templateTabs()
      .filter((t) => t.role === 'computed')
      .map((t) => t.title)
    expect([...(context as unknown as { COMPUTED_TABS: string[] }).COMPUTED_TABS]).toEqual(computed)
  })

  it.each([
    [0, 1],
    [9_999, 1],
    [10_000, 2],
  ])('after an edit posts, another one %i ms later makes %i post(s) in all', (gap, expected) => {
    const { edit, posts, clock } = appsScript()
    edit('Cases')
    clock.ms += gap
    edit('Goals')
    expect(posts).toHaveLength(expected)
  })

  it('installs one onEdit and one onChange trigger, replacing older ones and keeping others', () => {
    const { context } = appsScript()
    const calls: string[] = []
    const trigger = (handler: string) => ({ getHandlerFunction: () => handler })
    Object.assign(context, {
      SpreadsheetApp: { getActive: () => 'spreadsheet-aktif' },
      ScriptApp: {
        getProjectTriggers: () => [trigger('onEditSync'), trigger('laporanMingguan'), trigger('onChangeSync')],
        deleteTrigger: (t: ReturnType<typeof trigger>) => calls.push(`delete ${t.getHandlerFunction()}`),
        newTrigger: (name: string) => ({
          forSpreadsheet: (ss: string) => ({
            onEdit: () => ({ create: () => calls.push(`create ${name} ${ss} onEdit`) }),
            onChange: () => ({ create: () => calls.push(`create ${name} ${ss} onChange`) }),
          }),
        }),
      },
    })
    const script = context as unknown as { installTrigger: () => void; onEditSync: unknown; onChangeSync: unknown }
    script.installTrigger()
    expect(calls).toEqual([
      'delete onEditSync',
      'delete onChangeSync',
      'create onEditSync spreadsheet-aktif onEdit',
      'create onChangeSync spreadsheet-aktif onChange',
    ])
    expect(typeof script.onEditSync).toBe('function')
    expect(typeof script.onChangeSync).toBe('function')
  })

  it.each([[{ SYNC_SECRET: SECRET }], [{ WORKER_URL: 'https://worker.test' }]])(
    'posts nothing while a Script Property is missing (%o)',
    (properties) => {
      const { edit, posts } = appsScript(properties)
      edit('Cases')
      expect(posts).toHaveLength(0)
    },
  )
})

describe('the Apps Script onChange webhook', () => {
  it('posts the change type to /api/sync, signed over "<ts>.<body>"', () => {
    const { change, posts } = appsScript()
    change('INSERT_COLUMN')
    expect(posts).toHaveLength(1)
    const post = posts[0] as Post
    expect(post.url).toBe('https://worker.test/api/sync')
    const body = bodyOf(post)
    const ts = Date.UTC(2025, 2, 13, 2, 0, 0) / 1000
    expect(body).toBe(`{"spreadsheetId":"sheet-uji","change":"INSERT_COLUMN","ts":${ts}}`)
    expect(post.params.headers['X-Timestamp']).toBe(String(ts))
    expect(post.params.headers['X-Signature']).toBe(createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex'))
  })

  it.each([
    ['INSERT_COLUMN', 1],
    ['REMOVE_COLUMN', 1],
    ['INSERT_GRID', 1],
    ['REMOVE_GRID', 1],
    ['OTHER', 1],
    ['INSERT_ROW', 1],
    ['REMOVE_ROW', 1],
    ['EDIT', 0],
    ['FORMAT', 0],
    ['', 0],
  ])('a change of type %j makes %i post(s)', (changeType, expected) => {
    const { change, posts } = appsScript()
    change(changeType)
    expect(posts).toHaveLength(expected)
    if (expected > 0) expect(JSON.parse(bodyOf(posts[0] as Post)).change).toBe(changeType)
  })

  it('posts a structural change even right after an edit was posted', () => {
    const { edit, change, posts } = appsScript()
    edit('Cases')
    change('OTHER')
    expect(posts.map((p) => JSON.parse(bodyOf(p)).change ?? 'edit')).toEqual(['edit', 'OTHER'])
  })

  it('lets row inserts and removals share the edit debounce (they move no column)', () => {
    const { edit, change, posts } = appsScript()
    edit('Cases')
    change('REMOVE_ROW')
    expect(posts).toHaveLength(1)
  })

  it.each([
    [0, 1],
    [1_999, 1],
    [2_000, 2],
  ])('after a structural change posts, another one %i ms later makes %i post(s) in all', (gap, expected) => {
    const { change, posts, clock } = appsScript()
    change('OTHER')
    clock.ms += gap
    change('INSERT_COLUMN')
    expect(posts).toHaveLength(expected)
  })
})
