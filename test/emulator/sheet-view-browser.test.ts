/**
 * The sheet view in a real browser: editing a cell still works behind the control endpoints'
 * cross-site guard, and a page from another origin cannot edit the sheet. Needs a Chromium
 * (CHROMIUM_PATH, or /usr/bin/chromium); without one the test says so and is skipped.
 */
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../../emulator/index'

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
)

type Server = ReturnType<typeof serve>

const serveOn = (fetch: (req: Request) => Response | Promise<Response>) =>
  new Promise<{ server: Server; origin: string }>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => {
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
    })
  })

describe.skipIf(CHROMIUM === undefined)('the sheet view in Chromium', () => {
  const emulator = createEmulator()
  let sheets: { server: Server; origin: string }
  let evil: { server: Server; origin: string }

  beforeAll(async () => {
    sheets = await serveOn(emulator.app.fetch)
    await fetch(`${sheets.origin}/_emulator/spreadsheets/lihat`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sheets: [{ properties: { sheetId: 0, title: 'Kasus' } }] }),
    })
    // A page of another site that tries to empty the sheet the ways a page can.
    evil = await serveOn(
      () =>
        new Response(
          `<!doctype html><script>
            const target = ${JSON.stringify(sheets.origin)};
            Promise.allSettled([
              fetch(target + '/_emulator/reset', { method: 'POST', mode: 'no-cors', body: '{}' }),
              fetch(target + '/_emulator/reset', { method: 'POST', mode: 'no-cors', body: new Blob(['{}']) }),
              fetch(target + '/_emulator/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
            ]).then(() => { document.title = 'done' })
          </script>`,
          { headers: { 'content-type': 'text/html' } },
        ),
    )
  })

  afterAll(async () => {
    for (const s of [sheets, evil]) await new Promise((resolve) => s?.server.close(resolve))
  })

  it('edits a cell like typing into Sheets, and a page of another site cannot reset the sheet', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM ?? '', args: ['--no-sandbox'] })
    try {
      const page = await browser.newPage()
      await page.goto(`${sheets.origin}/?spreadsheet=lihat`)
      await page.click('td[data-range="Kasus!A1"]')
      await page.keyboard.type('ketik di browser')
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
      expect(await page.textContent('td[data-range="Kasus!A1"]')).toBe('ketik di browser')

      const attacker = await browser.newPage()
      await attacker.goto(evil.origin)
      await attacker.waitForFunction(() => document.title === 'done')
      expect(emulator.store.spreadsheets.has('lihat')).toBe(true)
    } finally {
      await browser.close()
    }
  }, 60_000)
})
