/**
 * @module
 * `/docs`: the OpenAPI document rendered as one self-contained HTML page (no script, no CDN, no
 * external asset — it must work offline and under a strict CSP): every route with its roles,
 * parameters, body fields with their Indonesian/English labels, examples and answers; every
 * schema; every problem type (the `type` of a problem links here).
 */
import { PROBLEM_CATALOGUE, toProblem } from '../problem'
import { OPERATIONS, type Operation } from './document'

type Json = Record<string, unknown>

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)

const asJson = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {})
const refName = (ref: unknown): string | undefined =>
  typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined

/** A short human type for a JSON schema: `string (date)`, `one of: a, b`, `Goal[]`, `integer 0–4`. */
function typeText(schema: Json): string {
  const name = refName(schema.$ref)
  if (name !== undefined) return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map((s) => typeText(asJson(s))).join(' | ')
  if (Array.isArray(schema.enum))
    return `one of: <code>${schema.enum.map((v) => escapeHtml(String(v))).join('</code>, <code>')}</code>`
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`
  if (schema.type === 'array') return `${typeText(asJson(schema.items))}[]`
  const type =
    typeof schema.type === 'string' ? schema.type : Array.isArray(schema.type) ? schema.type.join(' | ') : 'any'
  const bits: string[] = []
  if (typeof schema.format === 'string') bits.push(schema.format === 'date' ? 'YYYY-MM-DD' : schema.format)
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number')
    bits.push(`${schema.minimum}–${schema.maximum}`)
  if (typeof schema.maxLength === 'number') bits.push(`≤ ${schema.maxLength} chars`)
  if (typeof schema.pattern === 'string' && schema.format === undefined)
    bits.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`)
  return `${escapeHtml(type)}${bits.length > 0 ? ` <small>(${bits.join(', ')})</small>` : ''}`
}

/** The fields of an object schema as a table (labels and help from the domain's column metadata). */
function fieldsTable(schema: Json): string {
  const properties = asJson(schema.properties)
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
  const rows = Object.entries(properties).map(([key, raw]) => {
    const p = asJson(raw)
    const label = asJson(p['x-label'])
    const help = asJson(p['x-help'])
    const labelText =
      typeof label.id === 'string' ? `${escapeHtml(label.id)}<br><small>${escapeHtml(String(label.en))}</small>` : ''
    const notes = [
      typeof help.id === 'string' ? `${escapeHtml(help.id)} <small>/ ${escapeHtml(String(help.en))}</small>` : '',
      typeof help.id !== 'string' && typeof p.description === 'string' ? escapeHtml(p.description) : '',
      p.default !== undefined ? `default <code>${escapeHtml(JSON.stringify(p.default))}</code>` : '',
      p['x-owner'] === 'system' ? '<em>system-owned</em>' : '',
      typeof asJson(p['x-access']).id === 'string'
        ? `<b>diubah oleh / changed by:</b> ${escapeHtml(String(asJson(p['x-access']).id))} <small>/ ${escapeHtml(String(asJson(p['x-access']).en))}</small>`
        : '',
    ]
      .filter((s) => s !== '')
      .join('<br>')
    return `<tr><td><code>${escapeHtml(key)}</code></td><td>${labelText}</td><td>${typeText(p)}</td><td>${required.has(key) ? 'yes' : ''}</td><td>${notes}</td></tr>`
  })
  if (rows.length === 0) return `<p>${typeText(schema)}</p>`
  return `<table><thead><tr><th>field</th><th>label (id / en)</th><th>type</th><th>required</th><th>notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function operationSection(op: Operation, doc: Json): string {
  const item = asJson(asJson(asJson(doc.paths)[op.path])[op.method])
  const params = (Array.isArray(item.parameters) ? item.parameters : []).map(asJson)
  const paramRows = params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(String(p.name))}</code></td><td>${escapeHtml(String(p.in))}</td><td>${p.required === true ? 'yes' : ''}</td><td>${typeText(asJson(p.schema))}</td><td>${escapeHtml(String(p.description ?? ''))}</td></tr>`,
    )
    .join('')
  const body = asJson(asJson(asJson(item.requestBody).content)['application/json'])
  const bodyRef = refName(asJson(body.schema).$ref)
  const responses = Object.entries(asJson(item.responses))
    .map(([status, r]) => {
      const content = asJson(asJson(r).content)
      const schema = asJson(Object.values(content).map(asJson)[0]?.schema)
      return `<li><b>${escapeHtml(status)}</b> ${escapeHtml(String(asJson(r).description ?? ''))}${schema.$ref !== undefined ? ` — ${typeText(schema)}` : ''}</li>`
    })
    .join('')
  const example =
    body.example ?? Object.values(asJson(asJson(item.responses)['200']).content ?? {}).map(asJson)[0]?.example
  const who = op.who === 'public' ? 'public' : op.who.join(', ')
  return `<section id="op-${op.operationId}">
<h3><span class="m m-${op.method}">${op.method.toUpperCase()}</span> <code>${escapeHtml(op.path)}</code></h3>
<p>${escapeHtml(op.summary.id)} <small>/ ${escapeHtml(op.summary.en)}</small><br><b>Who:</b> ${escapeHtml(who)}${op.webhook === true ? ' — or the Apps Script webhook (X-Timestamp, X-Signature)' : ''}${op.idempotent === true ? '<br>Accepts <code>Idempotency-Key</code>.' : ''}</p>
${paramRows === '' ? '' : `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>required</th><th>type</th><th>description</th></tr></thead><tbody>${paramRows}</tbody></table>`}
${bodyRef === undefined ? '' : `<h4>Body — <a href="#schema-${escapeHtml(bodyRef)}">${escapeHtml(bodyRef)}</a> (JSON or form)</h4>${fieldsTable(asJson(asJson(asJson(asJson(doc.components).schemas))[bodyRef]))}`}
${example === undefined ? '' : `<h4>Example</h4><pre>${escapeHtml(JSON.stringify(example, null, 2))}</pre>`}
<h4>Answers</h4><ul>${responses}</ul>
</section>`
}

/** The page's one inline style sheet (its CSP allows exactly this text, by hash). */
export const DOCS_STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#1d2330}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #dde;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin:2rem 0 .3rem}section{border-left:3px solid #dde;padding-left:1rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:14px}th,td{border:1px solid #dde;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f4f8}code{background:#f3f4f8;padding:0 .2rem;border-radius:3px}pre{background:#f3f4f8;padding:.6rem;overflow:auto}
.m{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:.05rem .3rem}
.m-get{background:#2f6fb3}.m-post{background:#2e8b57}.m-patch{background:#b8860b}small{color:#566}`

/** The docs page for an OpenAPI document built by {@link openApiDocument}. */
export function renderDocsPage(doc: Json): string {
  const info = asJson(doc.info)
  const schemas = asJson(asJson(doc.components).schemas)
  const toc = OPERATIONS.map(
    (op) =>
      `<li><a href="#op-${op.operationId}"><span class="m m-${op.method}">${op.method.toUpperCase()}</span> ${escapeHtml(op.path)}</a> — ${escapeHtml(op.summary.id)}</li>`,
  ).join('')
  // Several kinds share a type (a missing token and an inactive staff row are both "unauthenticated").
  const problemTypes = new Map(PROBLEM_CATALOGUE.map(toProblem).map((spec) => [spec.slug, spec]))
  const problems = [...problemTypes.values()]
    .map(
      (spec) =>
        `<tr id="problem-${spec.slug}"><td><code>${spec.slug}</code></td><td>${spec.status}</td><td>${escapeHtml(spec.title.id)}<br><small>${escapeHtml(spec.title.en)}</small></td><td>${escapeHtml(spec.detail.id)}<br><small>${escapeHtml(spec.detail.en)}</small></td></tr>`,
    )
    .join('')
  const schemaSections = Object.entries(schemas)
    .map(
      ([name, s]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${typeof asJson(s).description === 'string' ? `<p>${escapeHtml(String(asJson(s).description))}</p>` : ''}${fieldsTable(asJson(s))}</section>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(String(info.title))} — dokumentasi API</title><style>${DOCS_STYLE}</style></head>
<body>
<h1>${escapeHtml(String(info.title))}</h1>
<p>${escapeHtml(String(info.description))}</p>
<p>Dokumen mesin / machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(String(doc.openapi))}).</p>
<h2>Cara pakai / How to call it</h2>
<ul>
<li><b>Token:</b> <code>Authorization: Bearer &lt;token&gt;</code> on everything under <code>/api</code> except <code>/api/health</code>: a JWT (HS256; claims <code>sub</code> = staff id, <code>role</code>, <code>iat</code>, <code>exp</code>, at most 366 days); issue one with <code>npm run token -- --staff peksos-demo --role worker</code>. Roles: <code>worker</code> (own cases), <code>coordinator</code> (all cases, sync), <code>admin</code>.</li>
<li><b>Body:</b> <code>application/json</code> or <code>application/x-www-form-urlencoded</code>; field names are the sheet's column keys; dates <code>YYYY-MM-DD</code> (forms may also send <code>DD/MM/YYYY</code>). Unknown and system-owned fields are refused. Limit 64 KiB by default.</li>
<li><b>Idempotency-Key</b> on POSTs: resend safely after a timeout — the same key and body answer the first answer again.</li>
<li><b>ETag / If-Match</b> on cases: PATCH needs the ETag of your last GET (428 without it, 412 when someone changed the row).</li>
<li><b>201 / 202:</b> 201 = the row is in the sheet; 202 with <code>"sync": "pending"</code> = safely queued, it reaches the sheet shortly.</li>
<li><b>Errors:</b> <code>application/problem+json</code> with <code>errors: [{ pointer, code, message }]</code>; Indonesian unless <code>Accept-Language: en</code>.</li>
</ul>
<h2>Alamat / Routes</h2><ul>${toc}</ul>
${OPERATIONS.map((op) => operationSection(op, doc)).join('\n')}
<h2 id="problems">Jenis masalah / Problem types</h2>
<table><thead><tr><th>type</th><th>status</th><th>title (id / en)</th><th>example detail</th></tr></thead><tbody>${problems}</tbody></table>
<h2>Skema / Schemas</h2>
${schemaSections}
</body></html>`
}
