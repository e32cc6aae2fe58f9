/**
 * Drive v3 files create/get/delete, limited to what the recorded traffic does with spreadsheet
 * files: create one (a new spreadsheet with Sheet1), read its name and times, delete it.
 * Drive still answers errors in the legacy envelope with `errors[]`.
 */
import type { EmulatorStore } from './emulator-store.js'
import { newSpreadsheetId } from './ids.js'
import { createSpreadsheet } from './spreadsheet-factory.js'
import type { SpreadsheetModel } from './spreadsheet-model.js'

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet'

export interface DriveAnswer {
  readonly status: number
  readonly json?: unknown
  readonly createdId?: string
}

const driveError = (
  code: number,
  reason: string,
  message: string,
  extra: Record<string, string> = {},
): DriveAnswer => ({
  status: code,
  json: {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason, ...extra }],
    },
  },
})

const notFound = (id: string): DriveAnswer =>
  driveError(404, 'notFound', `File not found: ${id}.`, { location: 'fileId', locationType: 'parameter' })

function fileJson(ss: SpreadsheetModel): Record<string, unknown> {
  return {
    kind: 'drive#file',
    id: ss.spreadsheetId,
    name: ss.properties.title,
    mimeType: SPREADSHEET_MIME,
    createdTime: new Date(ss.createdTime).toISOString(),
    modifiedTime: new Date(ss.modifiedTime).toISOString(),
    owners: [{ kind: 'drive#user', emailAddress: ss.owner, me: true }],
  }
}

function select(
  file: Record<string, unknown>,
  fields: string | null,
  fallback: readonly string[],
): Record<string, unknown> {
  const wanted = fields === null || fields.trim() === '' ? fallback : fields.split(',').map((f) => f.trim())
  if (wanted.includes('*')) return file
  const out: Record<string, unknown> = {}
  for (const key of wanted) if (key in file) out[key] = file[key]
  return out
}

const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'] as const

export interface DriveContext {
  readonly store: EmulatorStore
  readonly caller: string
  readonly now: number
  readonly random: () => number
}

export function handleDrive(
  ctx: DriveContext,
  method: string,
  fileId: string | undefined,
  query: URLSearchParams,
  body: unknown,
): DriveAnswer {
  if (fileId === undefined) {
    if (method !== 'POST') return driveError(404, 'notFound', 'Method not found.')
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    if (b.mimeType !== SPREADSHEET_MIME) {
      return driveError(
        400,
        'badRequest',
        `The local emulator only stores Google Sheets files (mimeType ${SPREADSHEET_MIME}).`,
      )
    }
    const spreadsheetId = newSpreadsheetId(ctx.random)
    const title = typeof b.name === 'string' && b.name !== '' ? b.name : 'Untitled spreadsheet'
    const created = createSpreadsheet(
      { properties: { title } },
      { spreadsheetId, owner: ctx.caller, now: ctx.now, random: ctx.random },
    )
    if (!created.ok) return driveError(400, 'badRequest', created.error.message)
    ctx.store.put(created.value)
    return {
      status: 200,
      json: select(fileJson(created.value), query.get('fields'), DEFAULT_FIELDS),
      createdId: spreadsheetId,
    }
  }
  const ss = ctx.store.spreadsheets.get(fileId)
  if (!ss) return notFound(fileId)
  if (method === 'GET') return { status: 200, json: select(fileJson(ss), query.get('fields'), DEFAULT_FIELDS) }
  if (method === 'DELETE') {
    ctx.store.delete(fileId)
    return { status: 204 }
  }
  return driveError(404, 'notFound', 'Method not found.')
}
