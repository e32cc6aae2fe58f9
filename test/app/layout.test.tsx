import { describe, expect, it } from 'vitest'
import { assetUrl } from '../../src/http/app/client-assets'
import { Layout } from '../../src/http/app/layout'

const render = async (node: unknown): Promise<string> => String(await (node as Promise<string> | string))

describe('the page shell', () => {
  it('links the stylesheet and the module script by their hashed URLs and has a main and an aria-live queue state', async () => {
    const html = await render(
      <Layout lang="id" title="Beranda" here="/app" user={{ staffId: 'peksos-uji', role: 'worker', csrf: 'tok-123' }}>
        <p>isi</p>
      </Layout>,
    )
    expect(html).toContain(`<link rel="stylesheet" href="${assetUrl('app.css')}"/>`)
    expect(html).toContain(`<script type="module" src="${assetUrl('app.js')}"></script>`)
    expect(html).toMatch(/<main id="main"><p>isi<\/p><\/main>/)
    expect(html).toContain('<p id="queue-state" class="queue-state" role="status" aria-live="polite" hidden="">')
    expect(html).toContain('<meta name="csrf-token" content="tok-123"/>')
    expect(html).toContain('<html lang="id">')
  })

  it('has no inline script or style attribute (strict CSP)', async () => {
    const html = await render(
      <Layout
        lang="en"
        title="Home"
        here="/app"
        user={{ staffId: 'koordinator-uji', role: 'coordinator', csrf: 't' }}
      />,
    )
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(html).not.toMatch(/\sstyle=/)
    expect(html).not.toMatch(/\son[a-z]+=/)
  })

  it('switches language back to the same page', async () => {
    const html = await render(<Layout lang="id" title="x" here="/app/tasks?worker=a" />)
    expect(html).toContain('href="/app/lang/en?back=%2Fapp%2Ftasks%3Fworker%3Da"')
    expect(html).not.toContain('csrf-token')
  })
})
