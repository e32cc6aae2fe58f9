// A small browser for the field app's HTTP tests: a cookie jar per host, redirects followed across
// the app and the emulator's Google sign-in, and form posts with the headers a browser sends
// (Origin, Sec-Fetch-Site). The app is called in-process; every other origin goes through the
// workers project's outbound routing to the in-process emulator (test/support/google-outbound.ts).

export type Page = { readonly status: number; readonly url: string; readonly html: string; readonly res: Response }

type Fetcher = (request: Request) => Promise<Response>

export const APP_ORIGIN = 'http://casebook.uji'

export class Browser {
  readonly jar = new Map<string, Map<string, string>>()

  constructor(
    private readonly app: Fetcher,
    readonly origin: string = APP_ORIGIN,
  ) {}

  private cookiesFor(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(url: URL, res: Response): void {
    const jar = this.jar.get(url.host) ?? new Map<string, string>()
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === ''
      if (gone) jar.delete(name)
      else jar.set(name, value)
    }
    this.jar.set(url.host, jar)
  }

  /** The value of a cookie this browser holds for the app. */
  cookie(name: string): string | undefined {
    return this.jar.get(new URL(this.origin).host)?.get(name)
  }

  setCookie(name: string, value: string): void {
    const host = new URL(this.origin).host
    const jar = this.jar.get(host) ?? new Map<string, string>()
    jar.set(name, value)
    this.jar.set(host, jar)
  }

  /** One request, no redirect following. `from` is the page the request is made from. */
  async send(url: string, init: RequestInit & { from?: string } = {}): Promise<Response> {
    const target = new URL(url, this.origin)
    const headers = new Headers(init.headers)
    const cookies = this.cookiesFor(target)
    if (cookies !== '') headers.set('cookie', cookies)
    const method = init.method ?? 'GET'
    if (method !== 'GET' && init.from !== undefined && !headers.has('origin')) {
      const from = new URL(init.from, this.origin)
      headers.set('origin', from.origin)
      headers.set('sec-fetch-site', from.origin === target.origin ? 'same-origin' : 'cross-site')
    }
    const request = new Request(target.href, { ...init, headers, redirect: 'manual' })
    const res = target.origin === this.origin ? await this.app(request) : await fetch(request)
    this.remember(target, res)
    return res
  }

  /** A navigation: follows redirects (303 and 302 become GET) until a page. */
  async go(url: string, init: RequestInit & { from?: string } = {}): Promise<Page> {
    let current = new URL(url, this.origin).href
    let res = await this.send(current, init)
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++) {
      const location = res.headers.get('location')
      if (location === null) break
      current = new URL(location, current).href
      res = await this.send(current)
    }
    return { status: res.status, url: current, html: await res.text(), res }
  }

  /** Posts a form as a browser does (urlencoded, from `from`), following the answer's redirects. */
  post(url: string, fields: Record<string, string>, from: string): Promise<Page> {
    return this.go(url, {
      method: 'POST',
      from,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }
}

/** The value of a hidden input in a page. */
export function hidden(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name.replace('.', '\\.')}" value="([^"]*)"`).exec(html)
  if (m?.[1] === undefined) throw new Error(`no hidden input ${name}`)
  return m[1].replaceAll('&amp;', '&').replaceAll('&quot;', '"')
}

/** The text of an element by id (tags stripped, entities for & < > " decoded). */
export function textOf(html: string, id: string): string {
  const m = new RegExp(`id="${id.replace('.', '\\.')}"[^>]*>([\\s\\S]*?)</(?:p|div|span)>`).exec(html)
  return (m?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .trim()
}
