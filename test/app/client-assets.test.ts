import { describe, expect, it } from 'vitest'
import { assetUrl, SHELL_ASSETS } from '../../src/http/app/client-assets'
import { CLIENT_ASSETS } from '../../src/http/app/client-assets.generated'
import { harness } from '../http/support/harness'

describe('the client assets, served by the Worker', () => {
  it.each(['app.css', 'app.js'] as const)('serves %s at its hashed URL, immutable', async (name) => {
    const { send } = harness()
    const url = assetUrl(name)
    expect(url).toMatch(new RegExp(`^/app/static/${name.split('.')[0]}\\.[0-9a-f]{10}\\.${name.split('.')[1]}$`))
    const res = await send(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-type')).toBe(CLIENT_ASSETS[name].type)
    expect(await res.text()).toBe(CLIENT_ASSETS[name].body)
  })

  it.each([
    ['another version of a file', '/app/static/app.0000000000.css'],
    ['a file that does not exist', '/app/static/nope.0000000000.js'],
    ['the service worker under /static', `/app/static/sw.${CLIENT_ASSETS['sw.js'].hash}.js`],
    ['a name without a hash', '/app/static/app.css'],
  ])('answers 404 for %s', async (_name, path) => {
    const res = await harness().send(path)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it('serves the service worker at /app/sw.js for scope /app/, revalidated, starting with the shell manifest', async () => {
    const res = await harness().send('/app/sw.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('service-worker-allowed')).toBe('/app/')
    const text = await res.text()
    const first = text.split('\n')[0] ?? ''
    const manifest = JSON.parse(first.replace(/^self\.CASEBOOK_SHELL = /, '').replace(/;$/, ''))
    expect(manifest.assets).toEqual(SHELL_ASSETS)
    expect(manifest.assets).toEqual(expect.arrayContaining([assetUrl('app.css'), assetUrl('app.js')]))
    expect(text.endsWith(CLIENT_ASSETS['sw.js'].body)).toBe(true)
  })
})
