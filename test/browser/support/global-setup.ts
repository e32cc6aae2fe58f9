/**
 * @module
 * Vitest global setup of the `browser` project: one Chromium (a Playwright browser server every
 * test file connects to, each test in a fresh context) and one local system (emulator + Worker
 * under wrangler dev) for the whole run. Without a Chromium the browser tests are skipped with a
 * loud note — unless REQUIRE_BROWSER=1 (set by .ci/run), when the run fails instead.
 */
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { mintToken } from '../../../src/http/auth-token'
import { findChromium, HOW_TO_GET_CHROMIUM, launchOptions } from './chromium'
import { signIn } from './field-app'
import type { BrowserHarness, StorageState } from './harness'
import { startLocalSystem } from './local-system'
import { PHONE } from './phone'
import { browserTestPorts } from './ports'

declare module 'vitest' {
  export interface ProvidedContext {
    browserHarness: BrowserHarness | null
  }
}

/** Who is signed in for the tests (demo staff of scripts/demo-centre.ts). */
const SIGNED_IN = ['peksos-demo', 'koordinator-demo'] as const

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
  // The browser starts while the system does; whichever fails, the other is stopped.
  const t0 = Date.now()
  const took = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`
  const timings: string[] = []
  const [launched, started] = await Promise.allSettled([
    chromium.launchServer(launchOptions(found)).finally(() => timings.push(`Chromium ${took(t0)}`)),
    startLocalSystem({ root: process.cwd(), today: todayInJakarta(), ports: browserTestPorts() }).finally(() =>
      timings.push(`emulator + wrangler dev ${took(t0)}`),
    ),
  ])
  if (launched.status === 'rejected' || started.status === 'rejected') {
    await Promise.allSettled([
      launched.status === 'fulfilled' ? launched.value.close() : undefined,
      started.status === 'fulfilled' ? started.value.stop() : undefined,
    ])
    throw launched.status === 'rejected' ? launched.reason : (started as PromiseRejectedResult).reason
  }
  const server = launched.value
  const system = started.value
  const stop = async () => {
    await Promise.allSettled([server.close(), system.stop()])
  }
  // The demo worker and coordinator sign in once, through the emulator's Google page; test files
  // reuse their cookies (the sign-in itself has its own test).
  const signedIn: Record<string, StorageState> = {}
  try {
    const browser = await chromium.connect(server.wsEndpoint())
    await Promise.all(
      SIGNED_IN.map(async (staffId) => {
        const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' })
        await signIn(await context.newPage(), system.workerUrl, staffId)
        signedIn[staffId] = await context.storageState()
        await context.close()
      }),
    )
    await browser.close()
    timings.push(`signed in ${took(t0)}`)
    console.log(`browser tests: ${found.path} (${found.source}); ${timings.join(', ')}`)
  } catch (e) {
    await stop()
    throw e
  }
  project.provide('browserHarness', {
    wsEndpoint: server.wsEndpoint(),
    signedIn,
    chromium: found,
    workerUrl: system.workerUrl,
    emulatorUrl: system.emulatorUrl,
    spreadsheetId: system.spreadsheetId,
    // For what staff do outside the app (POST /api/sync after typing in the sheet), not for pages.
    coordinatorToken: await mintToken(
      { staffId: 'koordinator-demo', role: 'coordinator', ttlSeconds: 3600 },
      system.secrets.AUTH_SECRET,
      Date.now(),
    ),
  })
  return stop
}
