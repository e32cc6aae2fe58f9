/**
 * @module
 * What a browser test file needs: the browser and local system the global setup started
 * (`harness`, null when the machine has no Chromium), a `describe` that skips without one,
 * a connection per file, a phone-sized context per test, and screenshots as artifacts.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import type { FoundChromium } from './chromium'
import { PHONE } from './phone'

export type BrowserHarness = {
  readonly wsEndpoint: string
  readonly chromium: FoundChromium
  readonly workerUrl: string
  readonly emulatorUrl: string
  readonly spreadsheetId: string
}

export const harness: BrowserHarness | null = inject('browserHarness')

/** A describe block that is skipped (the global setup said why, loudly) when there is no Chromium. */
export const describeInBrowser = describe.skipIf(harness === null)

/** Folder for screenshots and other artifacts of a run (git-ignored). */
export const ARTIFACTS_DIR = join('test-results', 'browser')

/** The harness inside a describeInBrowser block (where it is never null). */
export function requireHarness(): BrowserHarness {
  if (harness === null) throw new Error('browser tests need a Chromium (see the note at the start of the run)')
  return harness
}

/** Connects to the shared browser for the file's tests; the connection closes after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await chromium.connect(requireHarness().wsEndpoint)
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (browser === undefined) throw new Error('useBrowser(): the browser is not connected yet')
    return browser
  }
}

export const phoneContext = (browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> =>
  browser.newContext({ ...PHONE, ...options })

/** Saves a full-page screenshot as a test artifact and returns its path. */
export async function artifactScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true })
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
