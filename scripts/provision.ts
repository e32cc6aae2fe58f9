// Provisioning CLI: builds the casebook in a Google spreadsheet with the official client.
//
//   npx tsx scripts/provision.ts --key sa.json --spreadsheet <id>           (recommended)
//   npx tsx scripts/provision.ts --key sa.json --create "Sentra X" [--share staf@contoh.id]
//   npx tsx scripts/provision.ts --spreadsheet <id> --root-url http://127.0.0.1:8788/   (emulator)
//   npx tsx scripts/provision.ts --key sa.json --spreadsheet <id> --upgrade
//
// --upgrade brings a casebook made from an earlier template up to this one (template v2, issue 9:
// the Events and Feedback tabs, the Progress approval column, three Lists columns, the Dashboard
// charts), adding only what is missing and changing no cell staff typed (upgrade-template.ts).
// Until then the Worker keeps syncing the sheet and refuses only writes to the missing tabs.
// --spreadsheet applies the template to an existing EMPTY spreadsheet that a person created and
// shared with the service account as Editor (service accounts often have no Drive storage of
// their own, and a sheet they create is invisible to staff until shared: --share does that).
// --root-url points the client at the emulator, with a preset access token instead of the JWT
// flow (the token endpoint is not rewritten by rootUrl; google-sheets-api-v4.md §7.2); given
// --key too, the key's own signed assertion is exchanged at the emulator's /token, so the
// emulator knows the service account and its Drive sharing applies as on Google.
// A spreadsheet not shared with the service account (Google's 403) is said plainly: which one,
// and that it must be shared with the key's client_email as Editor.
// Imports the Sheets module only, never the googleapis root (seconds and 1.5 GB to type-check).
// Prints ids and counts only.
import { createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { auth, sheets } from 'googleapis/build/src/apis/sheets'
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { describeApplyError, existingSheets, planTemplate, rangeHasValues } from '../sheets-template/apply-template'
import { buildTemplate } from '../sheets-template/build-template'
import {
  describeUpgrade,
  describeUpgradeError,
  planUpgrade,
  UPGRADE_FIELDS,
  upgradeInput,
  upgradeSearchRequest,
} from '../sheets-template/upgrade-template'
import { err, ok, type Result } from '../src/domain/result'
import { formatSheetName } from '../src/sheets/a1'

const SCOPES = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file']

export type ProvisionOptions = {
  /** Service-account key file (JSON); not needed with rootUrl. */
  readonly keyFile?: string
  readonly create?: string
  readonly spreadsheetId?: string
  /** API root of an emulator, e.g. `http://127.0.0.1:8788/`. */
  readonly rootUrl?: string
  /** Access token sent to the emulator (any is accepted there). */
  readonly token: string
  /** Emails given Editor access to a created spreadsheet. */
  readonly share: readonly string[]
  /** Bring an existing casebook up to this template instead of building an empty spreadsheet. */
  readonly upgrade?: boolean
}

export const USAGE = `Pemakaian / usage:
  npx tsx scripts/provision.ts --key sa.json --spreadsheet <id>
  npx tsx scripts/provision.ts --key sa.json --create "Sentra X" [--share staf@contoh.id ...]
  npx tsx scripts/provision.ts --spreadsheet <id> --root-url http://127.0.0.1:8788/ [--token t]
  npx tsx scripts/provision.ts --key sa.json --spreadsheet <id> --upgrade`

/** Parses the command line; a wrong combination is an error value with the usage text. */
export function parseProvisionArgs(argv: readonly string[]): Result<ProvisionOptions, string> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: false }>>
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false })
  } catch (e) {
    return err(`${(e as Error).message}\n${USAGE}`)
  }
  const v = parsed.values
  if ((v.create === undefined) === (v.spreadsheet === undefined)) {
    return err(
      `Pilih salah satu: --create atau --spreadsheet. / Give exactly one of --create, --spreadsheet.\n${USAGE}`,
    )
  }
  if (v['root-url'] === undefined && v.key === undefined) {
    return err(`--key wajib untuk Google. / --key is required for Google.\n${USAGE}`)
  }
  if ((v.share ?? []).length > 0 && v.create === undefined) {
    return err(`--share hanya dengan --create. / --share only goes with --create.\n${USAGE}`)
  }
  if (v.upgrade === true && v.spreadsheet === undefined) {
    return err(`--upgrade hanya dengan --spreadsheet. / --upgrade only goes with --spreadsheet.\n${USAGE}`)
  }
  return ok({
    ...(v.key === undefined ? {} : { keyFile: v.key }),
    ...(v.create === undefined ? {} : { create: v.create }),
    ...(v.spreadsheet === undefined ? {} : { spreadsheetId: v.spreadsheet }),
    ...(v['root-url'] === undefined ? {} : { rootUrl: v['root-url'] }),
    token: v.token ?? 'provision-local',
    share: v.share ?? [],
    ...(v.upgrade === true ? { upgrade: true } : {}),
  })
}

const OPTIONS = {
  key: { type: 'string' },
  create: { type: 'string' },
  spreadsheet: { type: 'string' },
  'root-url': { type: 'string' },
  token: { type: 'string' },
  share: { type: 'string', multiple: true },
  upgrade: { type: 'boolean' },
} as const

type AuthClient = InstanceType<typeof auth.OAuth2> | InstanceType<typeof auth.JWT>

type ServiceAccountKey = { readonly client_email: string; readonly private_key: string }

function readKey(keyFile: string): ServiceAccountKey {
  const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { client_email?: unknown; private_key?: unknown }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new Error('the key file has no client_email/private_key (is it a service-account JSON key?)')
  }
  return { client_email: key.client_email, private_key: key.private_key }
}

/** An access token from the emulator's /token for the key's own RS256 assertion (the JWT-bearer grant). */
async function emulatorToken(rootUrl: string, key: ServiceAccountKey): Promise<string> {
  const tokenUrl = `${rootUrl.replace(/\/?$/, '/')}token`
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const iat = Math.floor(Date.now() / 1000)
  const input = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: key.client_email, scope: SCOPES.join(' '), aud: tokenUrl, iat, exp: iat + 3600 })}`
  const signature = createSign('RSA-SHA256').update(input).sign(key.private_key).toString('base64url')
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: `${input}.${signature}`,
    }),
  })
  const body = (await res.json()) as { access_token?: unknown }
  if (!res.ok || typeof body.access_token !== 'string') throw new Error(`the emulator's /token answered ${res.status}`)
  return body.access_token
}

async function authClient(options: ProvisionOptions, key: ServiceAccountKey | undefined): Promise<AuthClient> {
  if (options.rootUrl !== undefined) {
    const client = new auth.OAuth2()
    client.setCredentials({
      access_token: key === undefined ? options.token : await emulatorToken(options.rootUrl, key),
    })
    return client
  }
  if (key === undefined) throw new Error('--key is required for Google')
  return new auth.JWT({ email: key.client_email, key: key.private_key, scopes: SCOPES })
}

/** The HTTP status of a googleapis (gaxios) error, if it is one. */
const statusOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number'
    ? (e as { status: number }).status
    : undefined

/** Google's 403 on a spreadsheet, said plainly: which one, and whom to share it with as Editor. */
export function notSharedMessage(spreadsheetId: string, serviceAccount: string | undefined): string {
  const who = serviceAccount ?? 'client_email kunci akun layanan / the client_email of the service-account key'
  return (
    `Spreadsheet ${spreadsheetId} belum dibagikan ke ${who} sebagai Editor: buka spreadsheet itu, klik Bagikan, tambahkan ${who} sebagai Editor, lalu jalankan lagi.\n` +
    `Spreadsheet ${spreadsheetId} is not shared with ${who} as Editor: open it, click Share, add ${who} as Editor, then run this again.`
  )
}

export type ProvisionReport = {
  readonly spreadsheetId: string
  readonly spreadsheetUrl: string | undefined
  readonly created: boolean
  readonly requests: number
  readonly tabs: number
  readonly shared: number
  /** For --upgrade: what was added, in one line. */
  readonly upgraded?: string
}

/** Creates (optionally) and provisions a spreadsheet. Throws on transport errors (a CLI). */
export async function provision(options: ProvisionOptions): Promise<Result<ProvisionReport, string>> {
  const key = options.keyFile === undefined ? undefined : readKey(options.keyFile)
  const client = await authClient(options, key)
  try {
    return await provisionWith(client, options)
  } catch (e) {
    // Google's 403: the spreadsheet is not shared with the service account (or only for viewing).
    if (statusOf(e) === 403 && options.spreadsheetId !== undefined) {
      return err(notSharedMessage(options.spreadsheetId, key?.client_email))
    }
    throw e
  }
}

async function provisionWith(client: AuthClient, options: ProvisionOptions): Promise<Result<ProvisionReport, string>> {
  const api = sheets({
    version: 'v4',
    auth: client,
    ...(options.rootUrl === undefined ? {} : { rootUrl: options.rootUrl }),
  })
  const template = buildTemplate()
  if (options.upgrade === true) return upgradeWith(api, options.spreadsheetId ?? '', template)

  let spreadsheetId = options.spreadsheetId ?? ''
  let spreadsheetUrl: string | undefined
  if (options.create !== undefined) {
    const created = await api.spreadsheets.create({
      requestBody: { properties: { title: options.create, locale: template.locale, timeZone: template.timeZone } },
      fields: 'spreadsheetId,spreadsheetUrl',
    })
    spreadsheetId = created.data.spreadsheetId ?? ''
    spreadsheetUrl = created.data.spreadsheetUrl ?? undefined
    if (spreadsheetId === '') return err('spreadsheets.create returned no spreadsheetId')
  }

  const got = await api.spreadsheets.get({ spreadsheetId, fields: 'spreadsheetUrl,sheets.properties(sheetId,title)' })
  spreadsheetUrl = got.data.spreadsheetUrl ?? spreadsheetUrl
  const existing = existingSheets(got.data)
  let hasValues = false
  const first = existing[0]
  if (existing.length === 1 && first !== undefined) {
    const values = await api.spreadsheets.values.get({ spreadsheetId, range: formatSheetName(first.title) })
    hasValues = rangeHasValues(values.data)
  }
  const plan = planTemplate(template, existing, hasValues)
  if (!plan.ok) return err(describeApplyError(plan.error))
  const requestBody: sheets_v4.Schema$BatchUpdateSpreadsheetRequest = { requests: plan.value }
  await api.spreadsheets.batchUpdate({ spreadsheetId, requestBody })

  // Drive permissions through the same authorised client: no Drive module to load or type-check.
  const driveRoot = (options.rootUrl ?? 'https://www.googleapis.com/').replace(/\/?$/, '/')
  for (const emailAddress of options.share) {
    await client.request({
      url: `${driveRoot}drive/v3/files/${encodeURIComponent(spreadsheetId)}/permissions?sendNotificationEmail=false`,
      method: 'POST',
      data: { type: 'user', role: 'writer', emailAddress },
    })
  }
  return ok({
    spreadsheetId,
    spreadsheetUrl,
    created: options.create !== undefined,
    requests: plan.value.length,
    tabs: template.tabs.length,
    shared: options.share.length,
  })
}

/** --upgrade: one get, one metadata search, one batchUpdate of what is missing (upgrade-template.ts). */
async function upgradeWith(
  api: ReturnType<typeof sheets>,
  spreadsheetId: string,
  template: ReturnType<typeof buildTemplate>,
): Promise<Result<ProvisionReport, string>> {
  const got = await api.spreadsheets.get({ spreadsheetId, fields: `spreadsheetUrl,${UPGRADE_FIELDS}` })
  const search = await api.spreadsheets.developerMetadata.search({ spreadsheetId, requestBody: upgradeSearchRequest() })
  const plan = planUpgrade(upgradeInput(got.data, search.data), template)
  if (!plan.ok) return err(describeUpgradeError(plan.error))
  if (plan.value.requests.length > 0) {
    await api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [...plan.value.requests] } })
  }
  return ok({
    spreadsheetId,
    spreadsheetUrl: got.data.spreadsheetUrl ?? undefined,
    created: false,
    requests: plan.value.requests.length,
    tabs: template.tabs.length,
    shared: 0,
    upgraded: describeUpgrade(plan.value.summary),
  })
}

async function main(): Promise<number> {
  const parsed = parseProvisionArgs(process.argv.slice(2))
  if (!parsed.ok) {
    console.error(parsed.error)
    return 2
  }
  const result = await provision(parsed.value)
  if (!result.ok) {
    console.error(result.error)
    return 1
  }
  const r = result.value
  if (r.upgraded !== undefined) {
    console.log(`${r.spreadsheetId}: ${r.upgraded} (${r.requests} requests)`)
    return 0
  }
  console.log(
    `${r.created ? 'dibuat / created' : 'dipakai / used'} ${r.spreadsheetId}: ${r.tabs} tab, ${r.requests} requests${r.shared > 0 ? `, dibagikan ke ${r.shared} email` : ''}`,
  )
  if (r.spreadsheetUrl !== undefined) console.log(r.spreadsheetUrl)
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      // googleapis errors carry Google's message (never cell values); keep it to one line.
      console.error(`gagal / failed: ${e instanceof Error ? e.message : String(e)}`)
      process.exitCode = 1
    },
  )
}
