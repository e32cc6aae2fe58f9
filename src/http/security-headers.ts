/**
 * @module
 * Security headers with Hono's own `secureHeaders` (hono/secure-headers), in two layers:
 *
 * - {@link securityHeaders}, on every answer (API JSON, problems, files, pages): `nosniff`,
 *   `X-Frame-Options: DENY`, HSTS, `Referrer-Policy: no-referrer`, same-origin COOP/CORP, and a
 *   CSP that lets an API answer load nothing and be framed by nobody (`default-src 'none';
 *   frame-ancestors 'none'`). It never replaces a header a route set itself (`overwrite: false`).
 * - {@link pageSecurity}, on each HTML page (the docs page; the field app's /app pages reuse it):
 *   the strict page policy {@link PAGE_CSP} — everything from this origin only, no inline script
 *   at all, no inline style except the exact ones a page declares (by SHA-256 hash), images from
 *   this origin or `data:` (inline SVG needs nothing), the service worker from this origin, no
 *   plugins, no `<base>`, forms post here only, never framed.
 */
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from './app-env'

type Csp = Readonly<Record<string, readonly string[]>>

/** What every answer carries (a page's own CSP replaces the `csp` one). */
const COMMON = {
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  // Keep a header a route chose itself (a page's CSP, an asset's caching headers).
  overwrite: false,
} as const

/** The CSP of answers that are not pages: load nothing, be framed by nobody. */
export const API_CSP: Csp = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
}

/** The CSP of HTML pages: strict, same-origin only, no inline script. */
export const PAGE_CSP: Csp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

const toOptions = (csp: Csp) =>
  Object.fromEntries(Object.entries(csp).map(([directive, sources]) => [directive, [...sources]]))

/** The headers of every answer (mounted once, first, by createApp). */
export const securityHeaders = (): MiddlewareHandler<AppEnv> =>
  secureHeaders({ ...COMMON, contentSecurityPolicy: toOptions(API_CSP) })

/** The CSP source of one inline `<style>` element's exact text: `'sha256-…'`. */
export async function cspHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  let binary = ''
  for (const byte of digest) binary += String.fromCharCode(byte)
  return `'sha256-${btoa(binary)}'`
}

export type PageSecurityOptions = {
  /** The exact text of each inline `<style>` element the page has (allowed by hash). */
  readonly inlineStyles?: readonly string[]
  /**
   * Extra sources per directive (camelCase, as secureHeaders names them), added to {@link PAGE_CSP}
   * — e.g. `{ formAction: ['https://accounts.google.com'] }` for a form whose answer redirects to
   * Google sign-in (browsers apply form-action to that redirect).
   */
  readonly extra?: Csp
  /** `Cross-Origin-Opener-Policy` of the page (default `same-origin`; a sign-in popup needs `same-origin-allow-popups`). */
  readonly openerPolicy?: 'same-origin' | 'same-origin-allow-popups' | 'unsafe-none'
}

/**
 * Route middleware for an HTML page: {@link PAGE_CSP} (plus `options`). Set by the page's route,
 * so the app-wide {@link securityHeaders} leaves it in place. The hashes are computed once, on
 * the first request.
 */
export function pageSecurity(options: PageSecurityOptions = {}): MiddlewareHandler<AppEnv> {
  let middleware: Promise<MiddlewareHandler<AppEnv>> | undefined
  const build = async (): Promise<MiddlewareHandler<AppEnv>> => {
    const hashes = await Promise.all((options.inlineStyles ?? []).map(cspHash))
    const csp: Record<string, readonly string[]> = { ...PAGE_CSP }
    for (const [directive, sources] of Object.entries(options.extra ?? {})) {
      csp[directive] = [...(csp[directive] ?? []), ...sources]
    }
    csp.styleSrc = [...(csp.styleSrc ?? []), ...hashes]
    return secureHeaders({
      ...COMMON,
      overwrite: true,
      crossOriginOpenerPolicy: options.openerPolicy ?? 'same-origin',
      contentSecurityPolicy: toOptions(csp),
    })
  }
  return async (c, next) => {
    middleware ??= build()
    return (await middleware)(c, next)
  }
}
