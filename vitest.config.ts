import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { LongestFirstSequencer } from './test/browser/support/sequencer.js'
import { googleBindings, outboundService } from './test/support/google-outbound.js'

// Three projects: the pure core, the emulator and the template run in Node (fast, fast-check
// friendly); everything that is Worker code runs inside workerd with every outbound fetch
// routed to the in-process emulator (see test/support/google-outbound.ts); the browser tests
// drive a real Chromium against the real local system (test/browser/support/global-setup.ts)
// after the other two, so they never compete with them for the CPU.
export default defineConfig({
  test: {
    // Longest files first, so none starts last and runs alone (see the module).
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{domain,emulator,template,scripts,contract}/**/*.test.ts'],
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              outboundService,
              bindings: { ...googleBindings },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/{sheets,ledger,http}/**/*.test.ts', 'test/app/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/support/global-setup.ts'],
          sequence: { groupOrder: 1 },
          // The files mostly wait on Chromium and the Worker (other processes): run three at once.
          maxWorkers: 3,
          testTimeout: 60_000,
          // Pages answer within seconds, but a loaded 2-core machine can take a while.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
