/**
 * @module
 * The shell of the supervision pages (issue 9): the field app's own Layout and page headers
 * (page.tsx), plus the supervision stylesheet (charts, the laptop-wide grid, the A4 print rules)
 * that the field forms do not load. `wide` pages (dashboard, report) use a laptop's width.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { ColumnSpec, Lang, TabKey } from '../../domain'
import { COLUMN_BY_KEY, isValidIsoDate, makeIssue } from '../../domain'
import type { HttpProblem } from '../problem'
import type { FieldEnv } from './field-env'
import { Layout } from './layout'
import { here, PAGE_HEADERS, shellUser } from './page'

/** A whole supervision page: `body` inside the shell with the supervision stylesheet. */
export function supervisionPage(
  c: Context<FieldEnv>,
  status: number,
  title: string,
  body: Child,
  options: { readonly wide?: boolean; readonly heading?: Child } = {},
): Response | Promise<Response> {
  return c.html(
    <Layout lang={c.var.lang} title={title} here={here(c)} user={shellUser(c)} stylesheets={['supervision.css']}>
      <div class={options.wide === true ? 'wide' : undefined}>
        <h1>{options.heading ?? title}</h1>
        {body}
      </div>
    </Layout>,
    status as 200,
    PAGE_HEADERS,
  )
}

/** The header label of a column in `lang`: what the sheet's header says (the row schema's label). */
export function columnLabel(tab: TabKey, key: string, lang: Lang): string {
  const spec: ColumnSpec | undefined = COLUMN_BY_KEY[tab].get(key)
  return spec?.label[lang] ?? key
}

/**
 * `?as_of=` as the progress endpoints take it (query.ts): a YYYY-MM-DD date; blank or absent is
 * `today`; anything else is the same `query_invalid` problem, here as a 400 page.
 */
export function asOfQuery(
  c: Context<FieldEnv>,
  today: string,
): { ok: true; value: string } | { ok: false; problem: HttpProblem } {
  const asked = c.req.query('as_of')?.trim() ?? ''
  if (asked === '') return { ok: true, value: today }
  if (isValidIsoDate(asked)) return { ok: true, value: asked }
  const issue = makeIssue('as_of', 'invalid_date', { label: { id: 'as_of', en: 'as_of' } })
  return { ok: false, problem: { kind: 'query_invalid', issues: [issue] } }
}

/**
 * A wide table on a phone: a region that scrolls sideways, focusable so a keyboard can scroll it
 * too (axe: scrollable-region-focusable), named by `label`.
 */
export function ScrollRegion(props: { label: string; children: Child }) {
  return (
    <section class="scroll" aria-label={props.label} tabindex={0}>
      {props.children}
    </section>
  )
}

/** A column head: its text, or `{ num }` for a column of figures (right-aligned, as its cells). */
export type ColumnHead = string | { readonly num: string }

/**
 * The report's and dashboard's table: a {@link ScrollRegion} named `label`, an optional caption,
 * one header row of `columns`, then the caller's body (one `<tbody>`, or one per group, and a
 * `<tfoot>`); each table says only its columns and rows.
 */
export function ScrollTable(props: {
  label: string
  caption?: Child
  columns: readonly ColumnHead[]
  children: Child
}) {
  return (
    <ScrollRegion label={props.label}>
      <table>
        {props.caption === undefined ? null : <caption class="muted">{props.caption}</caption>}
        <TableHead columns={props.columns} />
        {props.children}
      </table>
    </ScrollRegion>
  )
}

/** A table's one header row (the charts' table alternatives use it too). */
export function TableHead(props: { columns: readonly ColumnHead[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((h) =>
          typeof h === 'string' ? (
            <th scope="col">{h}</th>
          ) : (
            <th scope="col" class="num">
              {h.num}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}
