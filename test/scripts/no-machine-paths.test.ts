import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findMachinePaths, scanProject } from './machine-paths'

const ROOT = join(import.meta.dirname, '..', '..')

/** Paths assembled at run time, so this file never names a machine path itself. */
const p = (...segments: string[]): string => segments.join('/')
const win = (...segments: string[]): string => segments.join('\\')

describe('findMachinePaths', () => {
  it.each([
    [`const SHARED = '${p('', 'work', 'shared', 'conformance', '')}'`, p('', 'work', '')],
    [`cd ${p('', 'home', 'ani', 'casebook')} && npm test`, p('', 'home', 'ani', '')],
    [`"${p('', 'Users', 'budi', 'src', 'x.ts')}"`, p('', 'Users', 'budi', '')],
    [`at (${p('', 'root', '.npm', '_npx')})`, p('', 'root', '')],
    [`TMP=${p('', 'var', 'folders', 'xy', 'T')}`, p('', 'var', 'folders', '')],
    [`${p('file:', '', '', 'home', 'ani', 'a.json')}`, p('', 'home', 'ani', '')],
    [`key: '${win('C:', 'Users', 'Ani', 'sa.json')}'`, win('C:', 'Users', 'Ani')],
    [`key: ${p('D:', 'Users', 'ani', 'sa.json')}`, p('D:', 'Users', 'ani')],
  ])('flags %s', (text, match) => {
    expect(findMachinePaths(`first line\n${text}`)).toEqual([{ line: 2, match }])
  })

  it.each([
    ['a URL path', `https://example.test${p('', 'home', 'ani', 'index.html')}`],
    ['an API path', "app.get('/api/cases/:id', handler) and GET /v4/spreadsheets/{id}/values/A1"],
    ['a relative path', p('..', 'shared', 'design', 'domain.md')],
    ['a path inside the repository', p('test', 'emulator', 'cassettes', 'LICENSE.txt')],
    ['the system temp folder', `${p('', 'tmp', 'casebook-x')} and os.tmpdir()`],
    ['a word that ends like a root', `homework${p('', 'root', 'cause')}`],
  ])('leaves %s alone', (_, text) => {
    expect(findMachinePaths(text)).toEqual([])
  })
})

describe('the repository', () => {
  it('names no path of a particular machine in any tracked file', () => {
    expect(scanProject(ROOT)).toEqual([])
  })

  it('would fail on a planted file naming one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-paths-'))
    try {
      await writeFile(join(dir, 'clean.ts'), "export const base = 'https://sheets.googleapis.com/v4'\n")
      await writeFile(join(dir, 'leak.ts'), `// ok\nconst dir = '${p('', 'work', 'shared', 'x.json')}'\n`)
      await writeFile(join(dir, 'image.bin'), Buffer.from([0, 1, 2, ...Buffer.from(p('', 'work', ''))]))
      expect(scanProject(dir)).toEqual([`leak.ts:2: ${p('', 'work', '')}`])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
