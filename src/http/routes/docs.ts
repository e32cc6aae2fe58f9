/**
 * @module
 * `GET /openapi.json` and `GET /docs` (public), plus `/` → `/docs`. The page has no script and
 * loads nothing from elsewhere; the CSP says so.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { renderDocsPage } from '../openapi/docs-page'
import { openApiDocument } from '../openapi/document'
import { json } from '../respond'

let page: string | undefined

export const docsRoutes = (): Hono<AppEnv> =>
  new Hono<AppEnv>()
    .get('/', (c) => c.redirect('/docs', 302))
    .get('/openapi.json', () => json(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' }))
    .get('/docs', () => {
      page ??= renderDocsPage(openApiDocument())
      return new Response(page, {
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy':
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
          'Cache-Control': 'public, max-age=300',
        },
      })
    })
