// The supervision pages' HTTP tests (issue 9): the field app on the fake ledger with domain.md's
// worked example logged for K-0001 / T-0001 (G1), signed in as one role, and what a page weighs
// on first load. Synthetic staff ids and initials only.
import { NOW } from '../../http/support/harness'
import { WORKED_SESSIONS } from '../../support/worked-example'
import type { Browser, Page } from './browser'
import { EMAILS, fieldApp, signedIn } from './field-app'
import { gzipSize, pageAssets } from './page-html'

export type Role = keyof typeof EMAILS

/** The nine sessions of G1 on the centre's K-0001 / T-0001, by its worker. */
export function withWorkedExample(app: ReturnType<typeof fieldApp>): void {
  for (const s of WORKED_SESSIONS) {
    app.ledger.seed('sessions', { case_id: 'K-0001', goal_id: 'T-0001', worker: 'peksos-uji', ...s })
  }
}

/** The field app with the worked example, and a browser signed in as `who`, on 2025-03-20. */
export async function signedInAs(who: Role) {
  const app = fieldApp()
  withWorkedExample(app)
  const b = await signedIn(app, EMAILS[who])
  app.clock.set(NOW)
  return { app, b }
}

/** HTML + CSS + JS of a page's first load, gzip bytes. */
export async function firstLoadGzip(b: Browser, page: Page): Promise<number> {
  let total = await gzipSize(page.html)
  for (const asset of pageAssets(page.html)) {
    const res = await b.send(asset)
    if (res.status !== 200) throw new Error(`${asset} answered ${res.status}`)
    total += await gzipSize(await res.text())
  }
  return total
}

/** The visible text of some HTML: tags dropped, entities decoded, white space collapsed. */
export const textOfHtml = (html: string): string =>
  html
    .replace(/<(script|style|title|desc)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim()

/** The HTML of the report section with this id, up to the next one (or the end of main). */
export function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`)
  if (start < 0) throw new Error(`no section ${id}`)
  const next = html.indexOf('<section id="', start + 1)
  return html.slice(start, next < 0 ? html.indexOf('</main>', start) : next)
}

/** The HTML of a dashboard section (`<section class="card…" id="…">`), up to the next one. */
export function dashboardSection(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`)
  if (start < 0) throw new Error(`no section ${id}`)
  const next = html.indexOf('<section class="card', start)
  return html.slice(start, next < 0 ? html.indexOf('</main>', start) : next)
}

/** Each table row of some HTML as the texts of its cells (header cells included). */
export function tableRows(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOfHtml(`<x>${cell[1]}`)),
  )
}
