/**
 * @module
 * Vitest global setup of the `browser` project: one Chromium (a Playwright browser server every
 * test file connects to, each test in a fresh context) and one local system (emulator + Worker
 * under wrangler dev) for the whole run. Without a Chromium the browser tests are skipped with a
 * loud note — unless REQUIRE_BROWSER=1 (set by .ci/run), when the run fails instead.
 */
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { findChromium, HOW_TO_GET_CHROMIUM, launchOptions } from './chromium'
import type { BrowserHarness } from './harness'
import { startLocalSystem } from './local-system'

declare module 'vitest' {
  export interface ProvidedContext {
    browserHarness: BrowserHarness | null
  }
}

/** The port range the browser tests' servers take free ports from. */
const PORTS = [9500, 9599] as const

const todayInJakarta = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())

function loudly(lines: string): void {
  const rule = '!'.repeat(78)
  console.warn(`\n${rule}\n${lines}\n${rule}\n`)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const found = findChromium()
  if (found === undefined) {
    const why = process.env.CHROMIUM_PATH
      ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable.`
      : 'No Chromium found on this machine.'
    if (process.env.REQUIRE_BROWSER === '1') {
      throw new Error(`REQUIRE_BROWSER=1 but the browser tests cannot run. ${why}\n${HOW_TO_GET_CHROMIUM}`)
    }
    const note = `BROWSER TESTS SKIPPED (test/browser): ${why}\n${HOW_TO_GET_CHROMIUM}\nThen: npm run test:browser`
    loudly(note)
    project.provide('browserHarness', null)
    // Said again at the end, where the summary is, so it does not scroll away.
    return async () => loudly(note)
  }
  const server = await chromium.launchServer(launchOptions(found))
  const system = await startLocalSystem({ root: process.cwd(), today: todayInJakarta(), ports: PORTS }).catch(
    async (e: unknown) => {
      await server.close()
      throw e
    },
  )
  project.provide('browserHarness', {
    wsEndpoint: server.wsEndpoint(),
    chromium: found,
    workerUrl: system.workerUrl,
    emulatorUrl: system.emulatorUrl,
    spreadsheetId: system.spreadsheetId,
  })
  return async () => {
    await Promise.allSettled([server.close(), system.stop()])
  }
}
