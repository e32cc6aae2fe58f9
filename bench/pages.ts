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
    const status = weight.files.find((f) => f.type === 'document')?.status ?? 0
    const verdict = status !== 200 ? `HTTP ${status}` : weight.gzip <= PAGE_BUDGET_BYTES ? 'ok' : 'OVER'
    if (verdict !== 'ok') over++
    console.log(
      `| ${weight.path} | ${who} | ${kib(sum('document'))} | ${kib(sum('stylesheet'))} | ${kib(sum('script'))} | **${kib(weight.gzip)}** | ${verdict} | ${violations.length === 0 ? '0' : violations.map((v) => `${v.id} (${v.impact})`).join(', ')} |`,
    )
  }

  // Once per device: the service worker's script and the pages it saves ahead for offline use.
  const context = await browser.newContext({
    ...PHONE,
    storageState: sessions.get('worker') ?? { cookies: [], origins: [] },
  })
  const fetched: Promise<{ url: string; bytes: number }>[] = []
  context.on('requestfinished', (request) => {
    if (request.serviceWorker() === null) return
    // responseBodySize ≤ 0: answered from the HTTP cache (the page had just loaded the asset).
    fetched.push(request.sizes().then(({ responseBodySize }) => ({ url: request.url(), bytes: responseBodySize })))
  })
  const page = await context.newPage()
  await page.goto(`${system.workerUrl}/app`)
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker')
  // The install saves the pages ahead in the background; give it time to finish.
  await page.waitForTimeout(5_000)
  const network = (await Promise.all(fetched)).filter((f) => f.bytes > 0)
  const saved = network.filter((f) => !new URL(f.url).pathname.startsWith('/app/static/'))
  console.log(
    `\nOnce per device, after the first page, in the background: the service worker fetched ${network.length} files from the network, ${kib(network.reduce((a, f) => a + f.bytes, 0))} uncompressed (wrangler dev sends no gzip) — its own script and ${saved.length - 1} pages and lists to keep for offline use; assets came from the HTTP cache.`,
  )
  await context.close()
  if (over > 0) console.log(`\n${over} page(s) over the budget or not answering 200.`)
} finally {
  await browser.close()
  await system.stop()
}
