/**
 * @module
 * Which Chromium the browser tests drive, and how it is launched. playwright-core brings no
 * browser of its own, so one is looked for, in order: `CHROMIUM_PATH` (an explicit choice), the
 * browser `npx playwright install chromium` downloaded (honours `PLAYWRIGHT_BROWSERS_PATH`), then
 * the usual system installs (Debian's `chromium` package, Chrome). Nothing is downloaded here.
 */
import { accessSync, constants } from 'node:fs'
import { chromium, type LaunchOptions } from 'playwright-core'

export type FoundChromium = { readonly path: string; readonly source: string }

/** Where system packages put Chromium or Chrome (Linux, macOS). */
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
] as const

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The first usable Chromium, or undefined when the machine has none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium | undefined {
  const explicit = env.CHROMIUM_PATH?.trim()
  if (explicit) return isExecutable(explicit) ? { path: explicit, source: 'CHROMIUM_PATH' } : undefined
  const playwrights = chromium.executablePath()
  if (isExecutable(playwrights)) return { path: playwrights, source: 'npx playwright install chromium' }
  const system = SYSTEM_PATHS.find(isExecutable)
  return system === undefined ? undefined : { path: system, source: 'system package' }
}

/**
 * Flags that work in containers and on CI: no sandbox (root in a container has none to give), no
 * GPU, no QUIC and none of Chromium's own background traffic (updates, sync, field trials), so the
 * only requests the browser makes are the test's. Playwright adds `--headless` and a fresh
 * `--user-data-dir` itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

export const launchOptions = (found: FoundChromium): LaunchOptions => ({
  executablePath: found.path,
  headless: true,
  args: [...CHROMIUM_ARGS],
})

/** What to tell someone whose machine has no Chromium. */
export const HOW_TO_GET_CHROMIUM = [
  'Install one of:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  anywhere:       npx playwright install chromium',
  '  or point CHROMIUM_PATH at a Chromium/Chrome executable.',
].join('\n')
