/**
 * @module
 * Reading a printed PDF's text with poppler's `pdftotext` (the case report's print test, issue 9).
 * Like a missing Chromium, a missing `pdftotext` skips that test with a loud note — unless
 * REQUIRE_BROWSER=1 (set by .ci/run, which installs poppler-utils), when the run fails instead.
 */
import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** `pdftotext` on the PATH (or PDFTOTEXT_PATH), or undefined. */
export function findPdftotext(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.PDFTOTEXT_PATH?.trim()
  const candidates = explicit ? [explicit] : (env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'pdftotext'))
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

export const HOW_TO_GET_PDFTOTEXT = [
  'Install poppler-utils:',
  '  Debian/Ubuntu:  sudo apt-get install poppler-utils',
  '  macOS:          brew install poppler',
  '  or point PDFTOTEXT_PATH at a pdftotext executable.',
].join('\n')

/**
 * The pdftotext found for this run; says loudly when there is none (and throws under
 * REQUIRE_BROWSER=1, where nothing may be skipped).
 */
export function pdftotextOrWarn(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findPdftotext(env)
  if (found !== undefined) return found
  const note = `PDF TEXT CHECKS SKIPPED (test/browser): no pdftotext found.\n${HOW_TO_GET_PDFTOTEXT}`
  if (env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${note}`)
  const rule = '!'.repeat(78)
  console.warn(`\n${rule}\n${note}\n${rule}\n`)
  return undefined
}

/** The text of a PDF file, its layout kept (columns of a line stay on that line), pages split by form feeds. */
export async function pdfText(pdftotext: string, pdfPath: string): Promise<string> {
  const { stdout } = await run(pdftotext, ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 16 * 1024 * 1024 })
  return stdout
}
