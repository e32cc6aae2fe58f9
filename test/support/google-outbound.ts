/**
 * Workers-test wiring (imported by vitest.config.ts, runs in the Vitest Node process): ONE
 * emulator for the whole workers project, a throwaway RSA-2048 service-account key generated per
 * run (never written to disk or committed), and the miniflare outboundService that routes Google
 * hosts to the in-process emulator and blocks everything else.
 *
 * Workers tests share this emulator, and files may run concurrently: scope faults and stats with
 * `spreadsheet_id` and use unique spreadsheet ids instead of calling /_emulator/reset.
 */
import { generateKeyPairSync } from 'node:crypto'
import { createEmulator } from '../../emulator/index.js'

export const TEST_SERVICE_ACCOUNT_EMAIL = 'casebook-sync@sentra-casebook-test.iam.gserviceaccount.com'
/** Owner of spreadsheets created through the control endpoints (a staff member's account). */
export const TEST_SHEET_OWNER = 'koordinator@sentra-casebook-test.example'

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})

/** Strict auth: the Worker must sign a valid RS256 assertion and ask for the right scopes. */
export const emulator = createEmulator({
  authMode: 'strict',
  defaultPrincipal: TEST_SHEET_OWNER,
  serviceAccounts: [{ client_email: TEST_SERVICE_ACCOUNT_EMAIL, public_key_pem: publicKey }],
})

/** A Google-style service-account key file for the throwaway key. */
export const serviceAccountJson = JSON.stringify({
  type: 'service_account',
  project_id: 'sentra-casebook-test',
  private_key_id: 'throwaway-test-key',
  private_key: privateKey,
  client_email: TEST_SERVICE_ACCOUNT_EMAIL,
  client_id: '100000000000000000001',
  token_uri: 'https://oauth2.googleapis.com/token',
})

/** Bindings the workers project passes to the Worker (override [vars] and .dev.vars). */
export const googleBindings = {
  GOOGLE_SERVICE_ACCOUNT_JSON: serviceAccountJson,
  SHEETS_API_BASE: 'https://sheets.googleapis.com',
  GOOGLE_TOKEN_URL: 'https://oauth2.googleapis.com/token',
} as const

/** Every fetch of the Worker, its Durable Objects and the test files lands here. */
export async function outboundService(req: Request): Promise<Response> {
  const url = new URL(req.url)
  const toEmulator =
    url.hostname === 'sheets.googleapis.com' ||
    // Google sign-in (the field app): discovery, account chooser, token and keys of the emulator's IdP.
    url.hostname === 'accounts.google.com' ||
    (url.hostname === 'oauth2.googleapis.com' && url.pathname === '/token') ||
    (url.hostname === 'www.googleapis.com' &&
      (url.pathname.startsWith('/drive/v3/') || url.pathname === '/oauth2/v4/token'))
  if (toEmulator) return emulator.app.fetch(req)
  return new Response(`blocked outbound fetch to ${url.href}`, { status: 599 })
}
