/**
 * `npm run assets`: writes public/, the folder Workers Static Assets serves before the Worker
 * sees a request (wrangler.toml `[assets]`), so none of these files costs the Worker's bundle,
 * startup or CPU (architecture.md: bundle ≤ 150 KiB gzip):
 *
 * - the field app's client files (src/http/app/client/*), minified by esbuild, at
 *   `app/static/<name>.<hash>.<ext>` (hash: the first 10 hex digits of the SHA-256 of the served
 *   text, so a cached copy can never be stale), and the service worker at `app/sw.js` (one URL
 *   forever, scope /app/), starting with the line `self.CASEBOOK_SHELL = { version, assets }`;
 * - the OpenAPI document (`openapi.json`) and the docs page (`docs`, served at /docs), built from
 *   the same zod schemas as before (src/http/openapi) — z.toJSONSchema runs here, not in Workers;
 * - `_headers`: each file's headers, exactly what the Worker's own middleware (securityHeaders,
 *   pageSecurity) would put on it — found by running that middleware here — plus its media type
 *   and caching;
 *
 * and src/http/app/client-assets.generated.ts, the hashes the Worker's pages link to.
 *
 * Deterministic: running it twice changes nothing; test/scripts/static-assets.test.ts fails when
 * a committed file differs from what the sources produce. A fresh clone needs no build step
 * (public/ is committed); `npm run dev` regenerates on change.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { type Dirent, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, extname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transformSync } from 'esbuild'
import { Hono } from 'hono'
import type { AppEnv } from '../src/http/app-env'
import { DOCS_STYLE, renderDocsPage } from '../src/http/openapi/docs-page'
import { openApiDocument } from '../src/http/openapi/document'
import { pageSecurity, securityHeaders } from '../src/http/security-headers'

export const CLIENT_DIR = join('src', 'http', 'app', 'client')
export const PUBLIC_DIR = 'public'
export const GENERATED_MODULE = join('src', 'http', 'app', 'client-assets.generated.ts')
export const SERVICE_WORKER = 'sw.js'

/** Media types of the text files the client folder may hold (binary files are not supported). */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
}

/** A hashed file for a year; the service worker, the document and the page revalidated or briefly cached. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
const DOCUMENTS = 'public, max-age=300'

export type ClientAsset = { readonly name: string; readonly type: string; readonly hash: string; readonly body: string }

/**
 * The served text of a client file: esbuild's minifier (comments, whitespace, local names; the
 * top-level names of the classic scripts stay, since outbox.js, offline.js and sw.js share them
 * as globals). No syntax is lowered: the sources are already what the supported browsers run.
 */
export function minifyClientFile(name: string, text: string): string {
  const loader = extname(name) === '.css' ? 'css' : 'js'
  return transformSync(text, { loader, minify: true, legalComments: 'none', charset: 'utf8' }).code
}

/** First 10 hex digits of the SHA-256 of the served text: changes whenever the file does. */
export const contentHash = (body: string): string =>
  createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 10)

/** The client files of a folder, sorted by name, as served. */
export function readClientAssets(dir: string): ClientAsset[] {
  return readdirSync(dir)
    .filter((name) => MEDIA_TYPES[extname(name)] !== undefined)
    .sort()
    .map((name) => {
      const body = minifyClientFile(name, readFileSync(join(dir, name), 'utf8'))
      return { name, type: MEDIA_TYPES[extname(name)] as string, hash: contentHash(body), body }
    })
}

/** `/app/static/app.6e9d3b0fdd.css` for `app.css` (the Worker's assetUrl builds the same). */
export function hashedUrl(asset: Pick<ClientAsset, 'name' | 'hash'>): string {
  const dot = asset.name.lastIndexOf('.')
  return `/app/static/${asset.name.slice(0, dot)}.${asset.hash}${asset.name.slice(dot)}`
}

/**
 * The line the service worker starts with: the hashed URLs of every other asset (what the shell
 * needs offline) and a version that changes whenever any client file does.
 */
export function shellManifest(assets: readonly ClientAsset[]): string {
  const version = assets.map((a) => a.hash.slice(0, 4)).join('')
  const shell = assets.filter((a) => a.name !== SERVICE_WORKER).map(hashedUrl)
  return `self.CASEBOOK_SHELL = ${JSON.stringify({ version, assets: shell })};\n`
}

/** The hashes module the Worker imports (no file contents: those are in public/). */
export function hashesModule(assets: readonly ClientAsset[]): string {
  const entries = assets
    .filter((a) => a.name !== SERVICE_WORKER)
    .map((a) => `  ${JSON.stringify(a.name)}: ${JSON.stringify(a.hash)},`)
  return [
    '// Generated by scripts/static-assets.ts from src/http/app/client/. Do not edit: change the files there',
    '// and run `npm run assets` (npm run dev does it on change). The files themselves are in public/app/static/.',
    '// biome-ignore-all format: generated; the drift test compares it byte for byte',
    'export const ASSET_HASHES = {',
    ...entries,
    '} as const satisfies Readonly<Record<string, string>>',
    '',
  ].join('\n')
}

/** One file of public/: its URL path, its text and its own headers (media type, caching). */
type StaticFile = { readonly url: string; readonly body: string; readonly headers: Readonly<Record<string, string>> }

function staticFiles(assets: readonly ClientAsset[]): StaticFile[] {
  const doc = openApiDocument()
  const sw = assets.find((a) => a.name === SERVICE_WORKER)
  if (sw === undefined) throw new Error(`${CLIENT_DIR} has no ${SERVICE_WORKER}`)
  return [
    ...assets
      .filter((a) => a !== sw)
      .map((a) => ({
        url: hashedUrl(a),
        body: a.body,
        headers: { 'Content-Type': a.type, 'Cache-Control': IMMUTABLE },
      })),
    {
      url: `/app/${SERVICE_WORKER}`,
      body: shellManifest(assets) + sw.body,
      // One URL for life (a service worker's URL must not change): revalidated on every check.
      headers: { 'Content-Type': sw.type, 'Cache-Control': 'no-cache', 'Service-Worker-Allowed': '/app/' },
    },
    {
      url: '/openapi.json',
      body: JSON.stringify(doc),
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': DOCUMENTS },
    },
    {
      url: '/docs',
      body: renderDocsPage(doc),
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': DOCUMENTS },
    },
  ]
}

/**
 * The Worker's own header layers, run here: securityHeaders on every answer, the strict page
 * policy on everything under /app (as fieldAppRoutes mounts it) and on the docs page with its one
 * inline style allowed by hash. What they add to each file's own headers is what `_headers` says.
 */
async function headerLines(files: readonly StaticFile[]): Promise<string> {
  const own = new Map(files.map((f) => [f.url, f.headers]))
  const app = new Hono<AppEnv>()
  app.use(securityHeaders())
  app.use('/app/*', pageSecurity())
  app.use('/docs', pageSecurity({ inlineStyles: [DOCS_STYLE] }))
  app.get('*', (c) => new Response(null, { headers: own.get(c.req.path) ?? {} }))
  const rules: string[] = [
    '# Generated by scripts/static-assets.ts (npm run assets). Each file of public/ with the headers the',
    "# Worker's own middleware gives its answers (src/http/security-headers.ts), its media type and caching.",
  ]
  for (const file of files) {
    const res = await app.request(file.url)
    rules.push(file.url, ...[...res.headers].map(([name, value]) => `  ${name}: ${value}`))
  }
  return `${rules.join('\n')}\n`
}

/** Every generated file (paths relative to the repository root, `/`-separated) and its text. */
export async function generatedFiles(root: string): Promise<Map<string, string>> {
  const assets = readClientAssets(join(root, CLIENT_DIR))
  const files = staticFiles(assets)
  const out = new Map<string, string>()
  out.set(`${PUBLIC_DIR}/_headers`, await headerLines(files))
  for (const f of files) out.set(`${PUBLIC_DIR}${f.url}`, f.body)
  out.set(GENERATED_MODULE.split(sep).join('/'), hashesModule(assets))
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)))
}

/** The files now under public/ (relative to the repository root, `/`-separated), sorted. */
export function publicFiles(root: string): string[] {
  const walk = (dir: string): string[] => {
    let entries: Dirent[]
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true })
    } catch {
      return []
    }
    return entries.flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : e.isFile() ? [`${dir}/${e.name}`] : []))
  }
  return walk(PUBLIC_DIR).sort()
}

const readOrUndefined = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** Regenerates everything under `root`; the paths it wrote or removed (none when up to date). */
export async function writeStaticAssets(root: string): Promise<string[]> {
  const files = await generatedFiles(root)
  const changed: string[] = []
  for (const stale of publicFiles(root).filter((path) => !files.has(path))) {
    rmSync(join(root, stale))
    changed.push(stale)
  }
  for (const [path, text] of files) {
    const full = join(root, path)
    if (readOrUndefined(full) === text) continue
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, text)
    changed.push(path)
  }
  return changed
}

/**
 * Runs this script in a fresh Node process (fresh modules, so an edited schema is seen): what
 * `npm run dev` does when a source changes. Resolves with the script's output line.
 */
export function regenerateInChild(root: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('scripts', 'static-assets.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`npm run assets failed: ${output.trim()}`)),
    )
  })
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const changed = await writeStaticAssets(root)
  console.log(changed.length === 0 ? 'static assets unchanged' : `static assets: wrote ${changed.join(', ')}`)
}
