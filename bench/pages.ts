/**
 * `npx tsx bench/pages.ts` (part of `npm run bench`): the weight of every field-app page on first
 * load — the gzip sizes of its HTML and of every file it loads, in a fresh browser context with no
 * cache and no service worker — against the 30 KiB budget of issue 8 point 5, axe-core's serious
 * and critical findings on the same page, and what the service worker fetches once per device.
 * Runs the real local system (emulator + wrangler dev) and a real Chromium at 360 × 640; without a
 * Chromium it says so and measures nothing.
 */
import { type BrowserContext, chromium } from 'playwright-core'
import { findChromium, HOW_TO_GET_CHROMIUM, launchOptions } from '../test/browser/support/chromium'
import { APP_PAGES, axeViolations, PAGE_BUDGET_BYTES, pageWeight, signIn } from '../test/browser/support/field-app'
import { startLocalSystem } from '../test/browser/support/local-system'
import { PHONE } from '../test/browser/support/phone'

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

const found = findChromium()
if (found === undefined) {
  console.log(`skipped: no Chromium on this machine.\n${HOW_TO_GET_CHROMIUM}`)
  process.exit(0)
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date())
const system = await startLocalSystem({ root: process.cwd(), today, ports: [9500, 9599] })
const browser = await chromium.launch(launchOptions(found))
try {
  const sessions = new Map<string, StorageState>()
  for (const [who, staffId] of [
    ['worker', 'peksos-demo'],
    ['coordinator', 'koordinator-demo'],
  ] as const) {
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' })
    await signIn(await context.newPage(), system.workerUrl, staffId)
    sessions.set(who, await context.storageState())
    await context.close()
  }

  console.log(
    `Chromium ${browser.version()} at 360 × 640; gzip level 6 of each file as served; budget ${kib(PAGE_BUDGET_BYTES)} per page.\n`,
  )
  console.log('| page | signed in as | HTML | CSS | JS | total (gzip) | budget | axe serious/critical |')
  console.log('| --- | --- | ---: | ---: | ---: | ---: | :---: | :---: |')
  const pages = [{ path: '/app/sign-in', who: 'anyone' } as const, ...APP_PAGES]
  let over = 0
  for (const { path, who } of pages) {
    const url = `${system.workerUrl}${path.replace('{case}', 'K-0001')}`
    const storageState = who === 'anyone' ? undefined : sessions.get(who)
    const options = { ...PHONE, ...(storageState === undefined ? {} : { storageState }) }
    const context = await browser.newContext({ ...options, serviceWorkers: 'block' })
    const page = await context.newPage()
    const weight = await pageWeight(page, url)
    const sum = (type: string) => weight.files.filter((f) => f.type === type).reduce((s, f) => s + f.gzip, 0)
    const violations = await axeViolations(page)
    await context.close()
    if (weight.gzip > PAGE_BUDGET_BYTES) over++
    console.log(
      `| ${weight.path} | ${who} | ${kib(sum('document'))} | ${kib(sum('stylesheet'))} | ${kib(sum('script'))} | **${kib(weight.gzip)}** | ${weight.gzip <= PAGE_BUDGET_BYTES ? 'ok' : 'OVER'} | ${violations.length === 0 ? '0' : violations.map((v) => `${v.id} (${v.impact})`).join(', ')} |`,
    )
  }

  // Once per device: the service worker's script and the pages it saves ahead for offline use.
  const context = await browser.newContext({
    ...PHONE,
    storageState: sessions.get('worker') ?? { cookies: [], origins: [] },
  })
  const swBytes: Promise<number>[] = []
  context.on('response', (response) => {
    if (response.request().serviceWorker() !== null || new URL(response.url()).pathname === '/app/sw.js') {
      swBytes.push(
        response.body().then(
          (b) => b.length,
          () => 0,
        ),
      )
    }
  })
  const page = await context.newPage()
  await page.goto(`${system.workerUrl}/app`)
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.waitForTimeout(2_000)
  const totals = await Promise.all(swBytes)
  console.log(
    `\nService worker, once per device after the first page: ${totals.length} requests, ${kib(totals.reduce((a, b) => a + b, 0))} as served (uncompressed), in the background.`,
  )
  await context.close()
  if (over > 0) console.log(`\n${over} page(s) over the budget.`)
} finally {
  await browser.close()
  await system.stop()
}
