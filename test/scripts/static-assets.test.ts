import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CLIENT_DIR,
  clientAssetsModule,
  contentHash,
  GENERATED_MODULE,
  minifyCss,
  readClientAssets,
} from '../../scripts/client-assets'
import { CLIENT_ASSETS } from '../../src/http/app/client-assets.generated'

const root = join(import.meta.dirname, '..', '..')

describe('the client assets module', () => {
  it('is what `npm run assets` generates from src/http/app/client (run it after editing a client file)', () => {
    const committed = readFileSync(join(root, GENERATED_MODULE), 'utf8')
    expect(committed).toBe(clientAssetsModule(readClientAssets(join(root, CLIENT_DIR))))
  })

  it('holds the stylesheet, the module script and the service worker, each hashed by its served text', () => {
    expect(Object.keys(CLIENT_ASSETS)).toEqual(expect.arrayContaining(['app.css', 'app.js', 'sw.js']))
    for (const asset of Object.values(CLIENT_ASSETS)) expect(asset.hash).toBe(contentHash(asset.body))
  })

  it('changes the hash when a file changes', () => {
    expect(contentHash('a{color:red}')).not.toBe(contentHash('a{color:blue}'))
    expect(contentHash('a{color:red}')).toMatch(/^[0-9a-f]{10}$/)
  })
})

describe('CSS minification', () => {
  it.each([
    ['drops comments and indentation', '/* why */\n.a {\n  color: red;\n}\n', '.a{color:red}'],
    [
      'keeps selectors and the spaces around + (calc needs them)',
      '.choice input:checked + span {\n  color: red;\n}',
      '.choice input:checked + span{color:red}',
    ],
    [
      'keeps media queries',
      '@media (min-width: 40rem) {\n  main {\n    padding: 1rem;\n  }\n}',
      '@media (min-width:40rem){main{padding:1rem}}',
    ],
    [
      'keeps quoted attribute values',
      'input[type="date"],\nselect {\n  width: 100%;\n}',
      'input[type="date"],select{width:100%}',
    ],
  ])('%s', (_name, css, expected) => {
    expect(minifyCss(css)).toBe(expected)
  })
})
