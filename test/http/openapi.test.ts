import { describe, expect, it } from 'vitest'
import { type DataTabKey, decodeInput, TABLES } from '../../src/domain'
import { FIELD_ACCESS } from '../../src/http/field-rules'
import { OPERATIONS, openApiDocument, REQUEST_EXAMPLES } from '../../src/http/openapi/document'
import { PROBLEM_CATALOGUE, toProblem } from '../../src/http/problem'
import { validatePatch } from '../../src/http/validate-input'
import { staticAnswer } from '../support/static-assets'
import { harness } from './support/harness'

type Json = Record<string, unknown>
const doc = openApiDocument() as Json & {
  paths: Record<string, Record<string, Json>>
  components: { schemas: Record<string, Json> }
}

/** Every `$ref` anywhere in a JSON value. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out)
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v)
      else refs(v, out)
    }
  }
  return out
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the Worker and its static files serve', async () => {
    const routed = harness()
      // The field app under /app (HTML pages, its assets and lists.json) is not the JSON API.
      .app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/' && !r.path.startsWith('/app'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    // The document and the docs page are files of public/ (npm run assets), answered before the Worker.
    const files: string[] = []
    for (const op of OPERATIONS) {
      const answer = await staticAnswer(new Request(`http://casebook.uji${op.path}`))
      if (answer !== undefined) files.push(`${op.method.toUpperCase()} ${op.path}`)
      await answer?.body?.cancel()
    }
    expect(files).toEqual(['GET /openapi.json', 'GET /docs'])
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`)
    expect(new Set([...routed, ...files])).toEqual(new Set(documented))
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(OPERATIONS.map((op) => op.path))].sort())
  })

  it('is OpenAPI 3.1 with a bearer scheme and every $ref resolving to a component', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } })
    const missing = refs(doc).filter(
      (r) => doc.components.schemas[r.replace('#/components/schemas/', '')] === undefined,
    )
    expect(missing).toEqual([])
  })

  it.each(['cases', 'assessments', 'goals', 'sessions', 'events', 'feedback'] as const)(
    'describes a new %s row from the domain schema: staff columns, required ones (worker/from defaults to the caller), no unknown fields',
    (tab: DataTabKey) => {
      const name = {
        cases: 'CaseInput',
        assessments: 'AssessmentInput',
        goals: 'GoalInput',
        sessions: 'SessionInput',
        events: 'EventInput',
        feedback: 'FeedbackInput',
      }[tab]
      const schema = doc.components.schemas[name] as {
        properties: Record<string, Json>
        required: string[]
        additionalProperties: boolean
      }
      const staffColumns = TABLES[tab].columns.filter((c) => c.owner === 'staff')
      expect(Object.keys(schema.properties)).toEqual(staffColumns.map((c) => c.key))
      const author = tab === 'feedback' ? 'from' : 'worker'
      expect(schema.required).toEqual(staffColumns.filter((c) => c.required && c.key !== author).map((c) => c.key))
      expect(schema.additionalProperties).toBe(false)
      for (const c of staffColumns) expect(schema.properties[c.key]?.['x-label']).toEqual(c.label)
    },
  )

  it.each(['cases', 'assessments', 'goals', 'sessions', 'events', 'feedback'] as const)(
    'has a %s request example the domain accepts',
    (tab) => {
      expect(decodeInput(tab, REQUEST_EXAMPLES[tab]).issues).toEqual([])
    },
  )

  it.each([
    ['case_patch', 'cases'],
    ['session_patch', 'sessions'],
    ['assessment_patch', 'assessments'],
    ['feedback_patch', 'feedback'],
  ] as const)('has a %s example the PATCH validator accepts', (example, tab) => {
    expect(validatePatch(tab, REQUEST_EXAMPLES[example])).toMatchObject({ ok: true })
  })

  it('documents a problem answer for every error status an operation can give', () => {
    for (const op of OPERATIONS) {
      const responses = doc.paths[op.path]?.[op.method]?.responses as Record<string, Json>
      for (const status of op.problems ?? [])
        expect(responses[String(status)], `${op.operationId} ${status}`).toBeDefined()
    }
  })

  it.each([
    ['CasePatch', 'cases', '/api/cases/{case_id}', 'notes'],
    ['SessionPatch', 'sessions', '/api/sessions/{session_id}', 'notes'],
    ['AssessmentPatch', 'assessments', '/api/assessments/{assessment_id}', 'finding'],
  ] as const)(
    'shows in %s who may change each field, from the one table the PATCH handler reads',
    (schema, tab, path, own) => {
      const properties = doc.components.schemas[schema]?.properties as Record<string, Json>
      const shown = Object.fromEntries(
        Object.entries(properties).map(([key, p]) => [key, (p['x-access'] as { level: string }).level]),
      )
      expect(shown).toEqual(FIELD_ACCESS[tab])
      expect(properties.worker?.['x-access']).toMatchObject({ roles: ['coordinator', 'admin'] })
      const patch = doc.paths[path]?.patch as { description: string; responses: Record<string, Json> }
      expect(patch.description).toContain('| `worker` | coordinator, admin |')
      expect(patch.description).toContain(`| \`${own}\` | worker (own case/row), coordinator, admin |`)
      expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['403', '404', '412', '422', '428']))
      expect(patch.responses['403']?.description).toContain('Forbidden')
    },
  )

  it.each([
    ['/api/sessions', 'post'],
    ['/api/assessments', 'post'],
  ])('says on %s that worker defaults to the caller, and lists the 403 and 422 answers', (path, method) => {
    const op = doc.paths[path]?.[method] as { description: string; responses: Record<string, Json> }
    expect(op.description).toContain('`worker` defaults to the caller')
    expect(op.description).toContain('case_closed')
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['403', '422']))
  })

  it("shows in FeedbackPatch that a worker answers feedback (resolved_date, reply) and the rest is the coordinator's", () => {
    const properties = doc.components.schemas.FeedbackPatch?.properties as Record<string, Json>
    const shown = Object.fromEntries(
      Object.entries(properties).map(([key, p]) => [key, (p['x-access'] as { level: string }).level]),
    )
    expect(shown).toEqual(FIELD_ACCESS.feedback)
    expect(shown).toMatchObject({ resolved_date: 'own', reply: 'own', text: 'coordinator', kind: 'coordinator' })
    const patch = doc.paths['/api/feedback/{feedback_id}']?.patch as { description: string }
    expect(patch.description).toContain('| `reply` | worker (own case/row), coordinator, admin |')
    expect(patch.description).toContain('reply_required')
  })

  it.each([
    ['/api/events', ['consent', 'referral_target_required', 'participant_not_role', 'event_after_closure']],
    ['/api/feedback', ['approve_goal_only', 'from_not_supervisor', 'revision_requested']],
  ])('states the rules of %s and only coordinators give feedback', (path, words) => {
    const op = doc.paths[path]?.post as { description: string; 'x-roles': string[] }
    for (const word of words) expect(op.description).toContain(word)
    if (path === '/api/feedback') expect(op['x-roles']).toEqual(['coordinator', 'admin'])
  })

  it('describes the dashboard answer for coordinators and admins only', () => {
    const op = doc.paths['/api/dashboard']?.get as { 'x-roles': string[] }
    expect(op['x-roles']).toEqual(['coordinator', 'admin'])
    const schema = doc.components.schemas.Dashboard as { properties: Record<string, Json> }
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['tas_levels', 'caseload_chart', 'goals_behind', 'feedback_stale', 'curves', 'approvals']),
    )
  })

  it('is served at /openapi.json (the file npm run assets builds from the same schemas)', async () => {
    const res = await harness().send('/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await res.json()).toEqual(doc)
  })
})

describe('the docs page', () => {
  it('is one self-contained HTML page: no script, no stylesheet link, no outside address', async () => {
    const res = await harness().send('/docs')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'self'; script-src 'self'; style-src 'self' 'sha256-/,
    )
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i)
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i)
  })

  it('shows every route, its body fields with Indonesian labels, examples and every problem type', async () => {
    const html = await (await harness().send('/docs')).text()
    for (const op of OPERATIONS) expect(html).toContain(`id="op-${op.operationId}"`)
    expect(html).toContain('Tanggal sesi')
    expect(html).toContain('memilah pakaian')
    expect(html).toContain('<b>diubah oleh / changed by:</b> koordinator, admin')
    for (const p of PROBLEM_CATALOGUE) expect(html).toContain(`id="problem-${toProblem(p).slug}"`)
  })

  it('redirects / to the docs', async () => {
    const res = await harness().send('/')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/docs')
  })
})
