// Helpers for the Sheets client tests that run against the in-process emulator (every fetch of
// the workers project goes there, see test/support/google-outbound.ts): the client as the Worker
// wires it, and a casebook provisioned THROUGH that client. Talking to the emulator directly
// (spreadsheets, faults, stats) is test/support/emulator-control.ts. Each test file uses its own
// spreadsheet ids, because files may run concurrently against the one shared emulator.

import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { buildTemplate } from '../../sheets-template/build-template'
import { createSheetsClient, type SheetsClient, type SheetsClientDeps } from '../../src/sheets/client'
import {
  createServiceAccountTokenSource,
  parseServiceAccount,
  type TokenSource,
} from '../../src/sheets/service-account'
import { createSpreadsheet, GOOGLE_TOKEN_URL, SHEETS_API_BASE } from '../support/emulator-control'

const bindings = env as unknown as Record<string, string | undefined>

/** A fetch that counts token-endpoint requests on the way to the emulator. */
export function countingFetch() {
  const counts = { token: 0, sheets: 0 }
  const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new Request(input, init).url
    if (url === GOOGLE_TOKEN_URL) counts.token++
    else counts.sheets++
    return fetch(input, init)
  }) as typeof fetch
  return { fetch: fetchFn, counts }
}

/** The token source the Worker builds from its bindings, against the emulator's strict /token. */
export function bindingsTokenSource(fetchFn: typeof fetch, now: () => number = Date.now): TokenSource {
  const parsed = parseServiceAccount(bindings.GOOGLE_SERVICE_ACCOUNT_JSON)
  if (!parsed.ok) throw new Error(`test binding GOOGLE_SERVICE_ACCOUNT_JSON: ${parsed.error.kind}`)
  return createServiceAccountTokenSource({
    serviceAccount: parsed.value,
    fetch: fetchFn,
    now,
    tokenUrl: GOOGLE_TOKEN_URL,
  })
}

/** A client as the Worker wires it, with sleeps recorded (and skipped) instead of waited. */
export function emulatorClient(overrides: Partial<SheetsClientDeps> = {}) {
  const counting = countingFetch()
  const sleeps: number[] = []
  const client: SheetsClient = createSheetsClient({
    fetch: counting.fetch,
    baseUrl: SHEETS_API_BASE,
    tokenSource: bindingsTokenSource(counting.fetch),
    now: Date.now,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    timeoutMs: 5_000,
    ...overrides,
  })
  return { client, sleeps, counts: counting.counts }
}

/**
 * A fresh spreadsheet turned into the casebook by the real template (tabs, headers, column keys),
 * applied by `client` (the ledger's casebook, with staff and tuning, is test/support/casebook.ts).
 */
export async function provisionCasebookWith(client: SheetsClient, spreadsheetId: string): Promise<void> {
  await createSpreadsheet(spreadsheetId)
  const template = buildTemplate()
  const applied = await client.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: { requests: [...template.requests] },
  })
  expect(applied.ok, JSON.stringify(applied)).toBe(true)
}
