/**
 * The print test's pdftotext lookup: found on the PATH or PDFTOTEXT_PATH; when missing, a loud
 * skip — or a failure under REQUIRE_BROWSER=1 (.ci/run), as for a missing Chromium.
 */
import { describe, expect, it, vi } from 'vitest'
import { findPdftotext, pdftotextOrWarn } from './support/pdf-text'

describe('finding pdftotext', () => {
  it.each([
    ['on no PATH', { PATH: '' }],
    ['at a PDFTOTEXT_PATH that is not an executable', { PDFTOTEXT_PATH: '/nonexistent/pdftotext', PATH: '/usr/bin' }],
  ])('finds nothing %s', (_name, env) => {
    expect(findPdftotext(env)).toBeUndefined()
  })

  it('says loudly what it skips and how to get pdftotext', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(pdftotextOrWarn({ PATH: '' })).toBeUndefined()
      expect(warn.mock.calls[0]?.[0]).toMatch(/PDF TEXT CHECKS SKIPPED[\s\S]*apt-get install poppler-utils/)
    } finally {
      warn.mockRestore()
    }
  })

  it('fails instead under REQUIRE_BROWSER=1, where nothing may be skipped', () => {
    expect(() => pdftotextOrWarn({ PATH: '', REQUIRE_BROWSER: '1' })).toThrow(
      /REQUIRE_BROWSER=1 but PDF TEXT CHECKS SKIPPED/,
    )
  })

  it.skipIf(findPdftotext() === undefined)('finds the one on this machine’s PATH', () => {
    expect(findPdftotext()).toMatch(/pdftotext$/)
  })
})
