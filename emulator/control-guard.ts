/**
 * The control endpoints (/_emulator/*) can empty, load and edit the local sheet, so a web page
 * open in the developer's browser must not reach them. Three checks, each closing one door:
 *
 * - a request that changes something (anything but GET/HEAD) must say `content-type:
 *   application/json`: a page can send a form or text/plain POST without asking, but a JSON one
 *   only after a CORS preflight, which the emulator never approves;
 * - the `Origin` header, which browsers send with such requests, must be absent (a script or
 *   test) or the emulator's own (its sheet view, which posts /_emulator/edit as JSON);
 * - the `Host` must be a name that reaches this machine only from itself — loopback addresses,
 *   `localhost` and `*.localhost`, the reserved `.test` domain (RFC 6761) that in-process tests
 *   use, or the Google API hosts the emulator stands in for in tests — so a DNS-rebinding page
 *   (its own name pointed at 127.0.0.1) is refused.
 */
import type { ApiError } from './google-errors.js'

/** Hosts the emulator answers for when tests route Google's traffic to it in-process. */
const GOOGLE_HOSTS: ReadonlySet<string> = new Set([
  'sheets.googleapis.com',
  'www.googleapis.com',
  'oauth2.googleapis.com',
])

/** The hostname of a Host header value (`127.0.0.1:8788`, `[::1]:8788`, `localhost`), lower-cased. */
function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.lastIndexOf(':')
  return colon === -1 ? h : h.slice(0, colon)
}

export function isLocalHostname(hostname: string): boolean {
  return (
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname === '[::1]' ||
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname.endsWith('.test') ||
    GOOGLE_HOSTS.has(hostname)
  )
}

const refused = (code: number, status: string, message: string): ApiError => ({ code, status, message })

/** Why a control request is refused as possibly cross-site, or undefined when it may go on. */
export function crossSiteRefusal(req: Request): ApiError | undefined {
  const url = new URL(req.url)
  const host = req.headers.get('host') ?? url.host
  if (!isLocalHostname(hostnameOf(host))) {
    return refused(403, 'PERMISSION_DENIED', `Emulator control endpoints answer only on a loopback host, not ${host}.`)
  }
  const origin = req.headers.get('origin')
  if (origin !== null) {
    let originHost: string | undefined
    try {
      originHost = new URL(origin).host
    } catch {
      originHost = undefined
    }
    if (originHost === undefined || originHost.toLowerCase() !== host.trim().toLowerCase()) {
      return refused(403, 'PERMISSION_DENIED', 'Emulator control endpoints refuse requests from other sites.')
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    if (type !== 'application/json') {
      return refused(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Emulator control requests that change something must be sent as content-type: application/json.',
      )
    }
  }
  return undefined
}
