/**
 * @module
 * The phone the field app is built for (users.md: a field worker's phone, issue 8 point 5):
 * 360 × 640 CSS pixels, touch, Indonesian, the centre's time zone. One device pixel per CSS
 * pixel keeps screenshots small.
 */
import type { BrowserContextOptions } from 'playwright-core'

export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'id-ID',
  timezoneId: 'Asia/Jakarta',
}
