/**
 * @module
 * Who is asking (architecture.md "Auth"): a bearer token signed by the Worker names a staff id
 * and a role; the ledger then confirms the staff row is still active (a deactivated row stops
 * working at the next sync). Roles: `worker` (own cases — the ledger scopes every answer),
 * `coordinator` (everything and sync), `admin` (everything).
 */
import type { MiddlewareHandler } from 'hono'
import type { Role } from '../ledger/contract'
import { cookieActor } from './app/session-auth'
import type { AppDeps, AppEnv } from './app-env'
import { verifyToken } from './auth-token'
import { problem } from './respond'

const BEARER_RE = /^Bearer[ ]+([A-Za-z0-9_.-]+)[ ]*$/i

/** 401 unless the request carries a valid token of an active staff member; sets `actor`. */
export function requireStaff(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization')
    if (header === undefined || header.trim() === '') {
      // The field app's pages call the API with their session cookie (CSRF-checked on writes).
      const viaCookie = await cookieActor(c, deps)
      if (viaCookie === undefined) return problem(c, { kind: 'unauthenticated', reason: 'missing' })
      if (!viaCookie.ok) return problem(c, viaCookie.error)
      c.set('actor', viaCookie.value)
      return next()
    }
    const token = BEARER_RE.exec(header)?.[1]
    if (token === undefined) return problem(c, { kind: 'unauthenticated', reason: 'invalid' })
    const verified = await verifyToken(token, deps.config.authSecret, deps.now())
    if (!verified.ok) {
      return problem(c, {
        kind: 'unauthenticated',
        reason: verified.error.kind === 'token_expired' ? 'expired' : 'invalid',
      })
    }
    const known = await c.var.ledger.authenticate(verified.value)
    if (!known.ok) return problem(c, known.error)
    c.set('actor', known.value)
    return next()
  }
}

/** 403 unless the authenticated actor has one of `roles` (after {@link requireStaff}). */
export function requireRole(...roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.var.actor.role)) return problem(c, { kind: 'forbidden', reason: 'role' })
    return next()
  }
}

/** The roles that see every case and may trigger a sync. */
export const STAFF_WIDE: readonly Role[] = ['coordinator', 'admin']
