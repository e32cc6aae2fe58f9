/**
 * @module
 * `GET /openapi.json` and `GET /docs` (public), plus `/` → `/docs`. The page has no script and
 * loads nothing from elsewhere; its CSP is the strict page policy, with its one inline `<style>`
 * allowed by hash (security-headers.ts).
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { DOCS_STYLE, renderDocsPage } from '../openapi/docs-page'
import { openApiDocument } from '../openapi/document'
import { json } from '../respond'
import { pageSecurity } from '../security-headers'

let page: string | undefined

export const docsRoutes = (): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .get('/', (c) => c.redirect('/docs', 302))
    .get('/openapi.json', () => json(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' }))
    .get('/docs', pageSecurity({ inlineStyles: [DOCS_STYLE] }), () => {
      page ??= renderDocsPage(openApiDocument())
      return new Response(page, {
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
      })
    })
