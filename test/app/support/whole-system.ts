import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import worker from '../../../src/index'
import { AUTH_SECRET, WEBHOOK_SECRET } from '../../http/support/harness'
import { Browser } from './browser'
import { SIGN_IN } from './field-app'

// The whole system behind the field app, for the tests that run it end to end: the Worker entry
// (src/index.ts) with its config parsed from these bindings, the ledger Durable Object, the
// casebook `sheet` in the emulator and the emulator's Google sign-in.

/** The bindings of a Worker whose casebook is `sheet`. */
export const wholeSystemVars = (sheet: string) => ({
  SPREADSHEET_ID: sheet,
  AUTH_SECRET,
  WEBHOOK_SECRET,
  OIDC_ISSUER: SIGN_IN.issuer,
  OIDC_CLIENT_ID: SIGN_IN.clientId,
  OIDC_CLIENT_SECRET: SIGN_IN.clientSecret,
  SESSION_SECRET: SIGN_IN.sessionSecret,
})

/** A fresh browser (its own cookies) on the Worker entry with `vars` over the test bindings. */
export function wholeSystemBrowser(vars: Record<string, string>): Browser {
  const workerEnv = { ...(env as unknown as Record<string, unknown>), ...vars } as unknown as Env
  return new Browser(async (request) => {
    const ctx = createExecutionContext()
    const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, workerEnv, ctx)
    await waitOnExecutionContext(ctx)
    return res
  })
}
