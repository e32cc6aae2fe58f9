import { describe, expect, it } from 'vitest'
import { type AssetName, assetUrl } from '../../src/http/app/client-assets'
import { ASSET_HASHES } from '../../src/http/app/client-assets.generated'
import { harness } from '../http/support/harness'

// The field app's client files are static files (public/app/, `npm run assets`), served before
// the Worker sees the request; the harness routes requests the same way (test/support/static-assets.ts).

const NAMES = Object.keys(ASSET_HASHES) as AssetName[]

/** First 10 hex digits of the SHA-256 of a text (the hash its URL must name). */
async function hashOf(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return [...digest.slice(0, 5)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

describe('the client assets, served as static files', () => {
  it.each(NAMES)('serves %s at its hashed URL, immutable, with the hash of what it serves', async (name) => {
    const url = assetUrl(name)
    const [base, ext] = name.split('.')
    expect(url).toMatch(new RegExp(`^/app/static/${base}\\.[0-9a-f]{10}\\.${ext}$`))
    const res = await harness().send(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-type')).toBe(
      ext === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    )
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await hashOf(await res.text())).toBe(ASSET_HASHES[name])
  })

  it.each([
    ['another version of a file', '/app/static/app.0000000000.css'],
    ['a file that does not exist', '/app/static/nope.0000000000.js'],
    ['the service worker under /static', '/app/static/sw.0000000000.js'],
    ['a name without a hash', '/app/static/app.css'],
  ])('answers 404 (from the Worker, as a problem) for %s', async (_name, path) => {
    const res = await harness().send(path)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it('serves the service worker at /app/sw.js for scope /app/, revalidated, starting with the shell manifest', async () => {
    const res = await harness().send('/app/sw.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('service-worker-allowed')).toBe('/app/')
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const text = await res.text()
    const first = text.split('\n')[0] ?? ''
    const manifest = JSON.parse(first.replace(/^self\.CASEBOOK_SHELL = /, '').replace(/;$/, ''))
    expect(manifest.assets).toEqual(NAMES.map(assetUrl))
    expect(manifest.assets).toEqual(expect.arrayContaining([assetUrl('app.css'), assetUrl('app.js')]))
    expect(text).toContain('CASEBOOK_SHELL')
  })
})
