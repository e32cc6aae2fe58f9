/**
 * @module
 * The local `.dev.vars` file (git-ignored; wrangler dev loads it as the Worker's secrets): read
 * it, and create or complete it with fresh random secrets and a throwaway service-account key for
 * the local emulator. A person's values are kept (only local emulator URLs follow the emulator's
 * port), so whoever pointed it at a real Google Sheet keeps their settings. Used by
 * `npm run token` and `npm run dev`; also the ports and wrangler arguments of `npm run dev`.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'

/** The spreadsheet id the local emulator is seeded with. */
export const DEMO_SPREADSHEET_ID = 'sentra-demo'

/** The emulator's port when EMULATOR_PORT is not set. */
export const DEFAULT_EMULATOR_PORT = 8788
/** The Worker's port (wrangler dev) when WORKER_PORT is not set. */
export const DEFAULT_WORKER_PORT = 8787

/** The local emulator's settings on `port` (`npm run dev` also passes them on wrangler's command line). */
export function localDefaults(port = DEFAULT_EMULATOR_PORT) {
  return {
    SPREADSHEET_ID: DEMO_SPREADSHEET_ID,
    SHEETS_API_BASE: `http://127.0.0.1:${port}`,
    GOOGLE_TOKEN_URL: `http://127.0.0.1:${port}/token`,
    // Google sign-in to the field app: the emulator is the OpenID Connect provider locally.
    OIDC_ISSUER: `http://127.0.0.1:${port}`,
    OIDC_CLIENT_ID: 'casebook-local',
  } as const
}

/** A port from the environment (`EMULATOR_PORT`, `WORKER_PORT`, …), or the fallback; a bad value is an error. */
export function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${name} must be a port number (1–65535), not "${raw}"`)
  return port
}

/** `http://127.0.0.1:<port>…` or `http://localhost:<port>…`: the local emulator, not Google. */
const LOCAL_URL = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)(\/.*)?$/

/** The local emulator's port named by a URL, or undefined for any other URL (a real Google one). */
export function localEmulatorPort(url: string | undefined): number | undefined {
  const m = url === undefined ? null : LOCAL_URL.exec(url.trim())
  return m?.[1] === undefined ? undefined : Number(m[1])
}

/** A random secret: 32 bytes as base64url (43 characters, 256 bits). */
export const randomSecret = (): string => randomBytes(32).toString('base64url')

/** A service-account key file for a freshly generated RSA key, accepted by the local emulator. */
export function throwawayServiceAccountJson(port = DEFAULT_EMULATOR_PORT): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  return JSON.stringify({
    type: 'service_account',
    project_id: 'sentra-casebook-local',
    private_key_id: 'local-throwaway',
    private_key: privateKey,
    client_email: 'casebook-local@sentra-casebook-local.iam.gserviceaccount.com',
    token_uri: localDefaults(port).GOOGLE_TOKEN_URL,
  })
}

/**
 * Parses dotenv-style text as wrangler reads `.dev.vars`: `KEY=value`, `KEY="value"` (with `\n`
 * escapes), `KEY='value'` (literal), `export KEY=…`, comments and blank lines.
 */
export function parseDevVars(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (m === null) continue
    const [, key = '', rest = ''] = m
    let value = rest.trim()
    const quote = value[0]
    if ((quote === '"' || quote === "'" || quote === '`') && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1)
      if (quote === '"') value = value.replaceAll('\\n', '\n').replaceAll('\\r', '\r')
    } else {
      const hash = value.indexOf(' #')
      if (hash >= 0) value = value.slice(0, hash).trim()
    }
    out[key] = value
  }
  return out
}

/**
 * One `KEY=value` line. JSON and other text with quotes or spaces goes in single quotes, which
 * dotenv keeps literally (a `\n` inside the service-account JSON stays two characters, and
 * JSON.parse turns it into the newline the PEM needs).
 */
export function formatDevVar(key: string, value: string): string {
  if (/^[A-Za-z0-9_./:@+-]*$/.test(value)) return `${key}=${value}`
  if (value.includes("'") || value.includes('\n')) throw new Error(`${key}: value cannot be written on one line`)
  return `${key}='${value}'`
}

export type DevVars = {
  /** True when the file did not exist and was written now. */
  readonly created: boolean
  /** Keys added now (secrets are named, never printed). */
  readonly added: readonly string[]
  /** Local emulator URLs moved to the emulator's port in use now. */
  readonly moved: readonly string[]
  readonly values: Readonly<Record<string, string>> & { readonly AUTH_SECRET: string; readonly WEBHOOK_SECRET: string }
}

/**
 * Makes sure `path` holds AUTH_SECRET, WEBHOOK_SECRET, GOOGLE_SERVICE_ACCOUNT_JSON and the local
 * emulator defaults, generating what is missing and appending it; returns every value. Values a
 * person set are kept, except that, given the `emulatorPort` in use (`npm run dev`), URLs of the
 * local emulator on another port are moved to it, so `.dev.vars` (and `npm run dev:worker`)
 * follow EMULATOR_PORT; a URL of Google is never touched.
 */
export async function ensureDevVars(path: string, emulatorPort?: number): Promise<DevVars> {
  let text: string | undefined
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const values = parseDevVars(text ?? '')
  const defaults = localDefaults(emulatorPort ?? DEFAULT_EMULATOR_PORT)
  const wanted: Record<string, () => string> = {
    AUTH_SECRET: randomSecret,
    WEBHOOK_SECRET: randomSecret,
    GOOGLE_SERVICE_ACCOUNT_JSON: () => throwawayServiceAccountJson(emulatorPort ?? DEFAULT_EMULATOR_PORT),
    OIDC_CLIENT_SECRET: randomSecret,
    SESSION_SECRET: randomSecret,
    ...Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, () => v])),
  }
  const added: string[] = []
  for (const [key, make] of Object.entries(wanted)) {
    if (values[key] === undefined || values[key].trim() === '') {
      values[key] = make()
      added.push(key)
    }
  }
  const moved: string[] = []
  let lines = (text ?? '').split('\n')
  for (const key of ['SHEETS_API_BASE', 'GOOGLE_TOKEN_URL', 'OIDC_ISSUER'] as const) {
    const port = localEmulatorPort(values[key])
    if (emulatorPort === undefined || added.includes(key) || port === undefined || port === emulatorPort) continue
    values[key] = defaults[key]
    moved.push(key)
    // Rewrite the line in place, so comments and order stay as the person left them.
    lines = lines.map((line) =>
      new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=`).test(line) ? formatDevVar(key, defaults[key]) : line,
    )
  }
  if (added.length > 0 || moved.length > 0) {
    const header =
      text === undefined
        ? [
            '# Local secrets for `wrangler dev` (git-ignored; generated by scripts/dev-vars.ts).',
            '# For a real Google Sheet: put the service-account JSON on one line in single quotes, set',
            '# SPREADSHEET_ID, SHEETS_API_BASE=https://sheets.googleapis.com and',
            '# GOOGLE_TOKEN_URL=https://oauth2.googleapis.com/token. For Google sign-in to /app: OIDC_ISSUER=',
            '# https://accounts.google.com and the OAuth client id and secret of your Google Cloud project.',
          ]
        : []
    const kept = text === undefined ? '' : lines.join('\n')
    const prefix = kept === '' || kept.endsWith('\n') ? kept : `${kept}\n`
    const body = [...header, ...added.map((key) => formatDevVar(key, values[key] ?? ''))].join('\n')
    await writeFile(path, body === '' ? prefix : `${prefix}${body}\n`, { mode: 0o600 })
  }
  const { AUTH_SECRET = '', WEBHOOK_SECRET = '' } = values
  return { created: text === undefined, added, moved, values: { ...values, AUTH_SECRET, WEBHOOK_SECRET } }
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it), for wrangler's inspector. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * `wrangler dev`'s arguments: the Worker on 127.0.0.1:`workerPort`, its inspector on
 * `inspectorPort` (so two instances never fight over wrangler's default 9229), and `vars`
 * overriding `.dev.vars` / wrangler.toml.
 */
export function wranglerDevArgs(opts: {
  readonly workerPort: number
  readonly inspectorPort: number
  readonly vars?: Readonly<Record<string, string>>
}): string[] {
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.workerPort),
    '--inspector-port',
    String(opts.inspectorPort),
  ]
  for (const [key, value] of Object.entries(opts.vars ?? {})) args.push('--var', `${key}:${value}`)
  return args
}

/** What `GET /api/health` says when Google refuses the service account (src/http/sheet-access.ts). */
type HealthProblem = {
  readonly problem?: {
    readonly spreadsheet_id?: unknown
    readonly service_account?: unknown
    readonly message?: unknown
  }
}

/**
 * The lines `npm run dev` prints while the Worker reports that it may not use the spreadsheet:
 * the Worker's own words, and on the local emulator the command that shares it. Undefined when
 * health reports no such problem.
 */
export function sheetAccessNotice(health: unknown, emulatorUrl: string): string[] | undefined {
  const problem = (health as HealthProblem | null)?.problem
  if (problem === undefined || typeof problem.message !== 'string') return undefined
  const lines = [`the Worker cannot use the spreadsheet: ${problem.message}`]
  if (typeof problem.spreadsheet_id === 'string' && typeof problem.service_account === 'string') {
    const grant = JSON.stringify({ type: 'user', role: 'writer', emailAddress: problem.service_account })
    lines.push(
      'on the local emulator, share it (as its owner) with:',
      `  curl -X POST ${emulatorUrl}/drive/v3/files/${encodeURIComponent(problem.spreadsheet_id)}/permissions -H 'authorization: Bearer local-owner' -H 'content-type: application/json' -d '${grant}'`,
    )
  }
  return lines
}
