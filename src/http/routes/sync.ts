/**
 * @module
 * `POST /api/sync` — pull the sheet now — for a coordinator/admin bearer token, or for the Apps
 * Script onEdit/onChange webhook signed with `X-Timestamp`/`X-Signature` (no token: the script
 * holds only the shared secret). `GET /api/sync/status` for coordinators. Any webhook call means
 * "sync now" (the ledger coalesces bursts); of the signed body only the onChange `change` type is
 * used: a structural change makes the ledger check its column binding before the next write.
 */
import type { MiddlewareHandler } from 'hono'
import { Hono } from 'hono/tiny'
import type { AppDeps, AppEnv } from '../app-env'
import { requireRole, requireStaff, STAFF_WIDE } from '../auth'
import { json, problem } from '../respond'
import { withSheetAccessMessage } from '../sheet-access'
import { verifyWebhookSignature } from '../webhook-signature'

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

/** The onChange `changeType` a signed body names (`{"change":"INSERT_COLUMN",…}`), if any. */
function changeOf(rawBody: string): string | undefined {
  try {
    const body: unknown = JSON.parse(rawBody)
    if (typeof body !== 'object' || body === null) return undefined
    const change = (body as Record<string, unknown>).change
    return typeof change === 'string' && /^[A-Z_]{1,32}$/.test(change) ? change : undefined
  } catch {
    return undefined
  }
}

/** The webhook path: verifies the signature over the raw body (size-limited by `bodyLimit`, app.ts) and syncs. */
function webhookSync(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const rawBody = decoder.decode(bytes)
    const verified = await verifyWebhookSignature({
      secret: deps.config.webhookSecret,
      timestamp: c.req.header('x-timestamp'),
      signature: c.req.header('x-signature'),
      rawBody,
      now: deps.now(),
    })
    if (!verified.ok) return problem(c, { kind: 'signature_invalid', reason: verified.error.reason })
    const change = changeOf(rawBody)
    const report = await (change === undefined ? c.var.ledger.sync('webhook') : c.var.ledger.sync('webhook', change))
    return report.ok ? json(report.value) : problem(c, report.error)
  }
}

export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', async (c, next) =>
      // A bearer token wins; without one the request must be a signed webhook call.
      c.req.header('authorization') === undefined ? webhookSync(deps)(c, next) : next(),
    )
    .post('/', requireStaff(deps), requireRole(...STAFF_WIDE), async (c) => {
      const report = await c.var.ledger.sync('api')
      return report.ok ? json(report.value) : problem(c, report.error)
    })
    .get('/status', requireStaff(deps), requireRole(...STAFF_WIDE), async (c) =>
      json(withSheetAccessMessage(await c.var.ledger.syncStatus(), c.var.lang)),
    )
}
