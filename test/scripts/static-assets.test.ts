import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { contentHash, generatedFiles, minifyClientFile, PUBLIC_DIR, publicFiles } from '../../scripts/static-assets'
import { ASSET_HASHES } from '../../src/http/app/client-assets.generated'

const root = join(import.meta.dirname, '..', '..')
const read = (path: string): string => readFileSync(join(root, path), 'utf8')

/** public/_headers as URL → header name → value. */
function headerRules(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    if (!line.startsWith(' ')) {
      current = new Map()
      rules.set(line, current)
      continue
    }
    const colon = line.indexOf(':')
    current?.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return rules
}

describe('public/ and the hashes module', () => {
  it('are what `npm run assets` generates from the sources, file for file (run it after editing a client file, a schema or the docs)', async () => {
    const expected = await generatedFiles(root)
    const committed = [...publicFiles(root), 'src/http/app/client-assets.generated.ts'].sort()
    expect(committed).toEqual([...expected.keys()].sort())
    for (const [path, text] of expected) expect(read(path), path).toBe(text)
  })

  it('name each client file by the hash of what it serves, and the Worker links to those names', () => {
    const hashed = publicFiles(root).filter((path) => path.startsWith(`${PUBLIC_DIR}/app/static/`))
    expect(hashed.length).toBe(Object.keys(ASSET_HASHES).length)
    for (const path of hashed) {
      const [, base, hash, ext] = /\/([a-z0-9-]+)\.([0-9a-f]{10})\.([a-z]+)$/.exec(path) ?? []
      expect(contentHash(read(path)), path).toBe(hash)
      expect(ASSET_HASHES[`${base}.${ext}` as keyof typeof ASSET_HASHES]).toBe(hash)
    }
  })

  it('give every file one header rule with its media type and nosniff, and the URL each is served at', () => {
    const rules = headerRules(read(`${PUBLIC_DIR}/_headers`))
    const served = publicFiles(root)
      .filter((path) => path !== `${PUBLIC_DIR}/_headers`)
      .map((path) => path.slice(PUBLIC_DIR.length))
    expect([...rules.keys()].sort()).toEqual(served.sort())
    for (const [url, headers] of rules) {
      expect(headers.get('x-content-type-options'), url).toBe('nosniff')
      expect(headers.get('x-frame-options'), url).toBe('DENY')
      expect(headers.get('content-type'), url).toMatch(
        /^(text\/(css|javascript|html)|application\/json); charset=utf-8$/,
      )
      expect(headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'")
    }
    expect(rules.get('/app/sw.js')?.get('service-worker-allowed')).toBe('/app/')
  })

  it("allows the docs page's one inline style by its hash, and nothing else inline", async () => {
    const html = read(`${PUBLIC_DIR}/docs`)
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '')
    expect(styles.length).toBe(1)
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(styles[0]))
    const csp = headerRules(read(`${PUBLIC_DIR}/_headers`))
      .get('/docs')
      ?.get('content-security-policy')
    expect(csp).toContain(`style-src 'self' 'sha256-${Buffer.from(digest).toString('base64')}';`)
    expect(csp).toContain("script-src 'self';")
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+="/i)
  })
})

describe('the Worker bundle', () => {
  it("leaves out the OpenAPI builder, hono/jwt and Hono's default routers (public/ holds the document; jose checks tokens; hono/tiny routes)", async () => {
    const result = await build({
      entryPoints: [join(root, 'src', 'index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      external: ['cloudflare:*', 'node:*'],
      jsx: 'automatic',
      jsxImportSource: 'hono/jsx',
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((path) => path.startsWith('src/http/app/'))).toBe(true)
    expect(
      inputs.filter(
        (path) =>
          path.includes('src/http/openapi/') ||
          path.includes('hono/dist/utils/jwt/') ||
          path.includes('hono/dist/router/reg-exp-router/') ||
          path.includes('hono/dist/router/smart-router/'),
      ),
    ).toEqual([])
  })
})

describe('client file minification (esbuild)', () => {
  it.each([
    ['CSS: drops comments and indentation', 'a.css', '/* why */\n.a {\n  color: red;\n}\n', '.a{color:red}\n'],
    [
      'CSS: keeps the spaces around + in selectors',
      'a.css',
      '.choice input:checked + span {\n  color: red;\n}',
      '.choice input:checked+span{color:red}\n',
    ],
    [
      'CSS: keeps media queries',
      'a.css',
      '@media (min-width: 40rem) {\n  main {\n    padding: 1rem;\n  }\n}',
      '@media(min-width:40rem){main{padding:1rem}}\n',
    ],
    [
      'JS: keeps the top-level names other classic scripts use',
      'a.js',
      '// why\nfunction queueState(count) {\n  const waiting = count + 1\n  return waiting * waiting\n}\nself.state = queueState\n',
      'function queueState(e){const t=e+1;return t*t}self.state=queueState;\n',
    ],
    [
      'JS: keeps non-ASCII text as it is',
      'a.js',
      "self.label = 'Menunggu dikirim …'\n",
      'self.label="Menunggu dikirim \u2026";\n',
    ],
  ])('%s', (_name, file, text, expected) => {
    expect(minifyClientFile(file, text)).toBe(expected)
  })
})
