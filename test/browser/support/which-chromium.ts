/**
 * `npx tsx test/browser/support/which-chromium.ts`: prints the Chromium the browser tests would
 * use and exits 0, or says how to get one and exits 1 (.ci/run installs one then).
 */
import { findChromium, HOW_TO_GET_CHROMIUM } from './chromium'

const found = findChromium()
if (found === undefined) {
  console.error(`No Chromium for the browser tests.\n${HOW_TO_GET_CHROMIUM}`)
  process.exit(1)
}
console.log(`Chromium for the browser tests: ${found.path} (${found.source})`)
