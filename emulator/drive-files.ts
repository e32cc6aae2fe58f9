/**
 * Drive v3 files create/get/delete, limited to what the recorded traffic does with spreadsheet
 * files: create one (a new spreadsheet with Sheet1), read its name and times, delete it; and
 * the file's permissions (list, share, unshare), which decide who may use it (sharing.ts).
 * Drive still answers errors in the legacy envelope with `errors[]`, and answers "not found" for
 * a file the caller may not see.
 */
import type { EmulatorStore } from './emulator-store.js'
import { applyMask, parseFieldMask } from './field-mask.js'
import { newSpreadsheetId } from './ids.js'
import {
  canRead,
  canWrite,
  type GrantInput,
  parseGrant,
  permissionJson,
  permissionsJson,
  roleOf,
  userPermissionId,
  withGrant,
} from './sharing.js'
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
  if (!ss || !canRead(ss, ctx.caller)) return notFound(fileId)
  if (method === 'GET') return { status: 200, json: select(fileJson(ss), query.get('fields'), DEFAULT_FIELDS) }
  if (method === 'DELETE') {
    if (roleOf(ss, ctx.caller) !== 'owner') return insufficient()
    ctx.store.delete(fileId)
    return { status: 204 }
  }
  return driveError(404, 'notFound', 'Method not found.')
}

const insufficient = (): DriveAnswer =>
  driveError(403, 'insufficientFilePermissions', 'The user does not have sufficient permissions for this file.')

/** A Drive `fields` selection (`permissions(id,role)`, `*`); unknown names select nothing. */
function masked(json: Record<string, unknown>, fields: string | null): unknown {
  if (fields === null || fields.trim() === '') return json
  const tree = parseFieldMask(fields)
  return tree ? applyMask(json, tree) : json
}

/**
 * /drive/v3/files/{fileId}/permissions[/{permissionId}]: list (any access), create and delete
 * (writers and the owner; Drive lets writers share by default). The owner's own permission cannot
 * be deleted.
 */
export function handleDrivePermissions(
  ctx: DriveContext,
  method: string,
  fileId: string,
  permissionId: string | undefined,
  query: URLSearchParams,
  body: unknown,
): DriveAnswer {
  const ss = ctx.store.spreadsheets.get(fileId)
  if (!ss || !canRead(ss, ctx.caller)) return notFound(fileId)
  if (method === 'GET' && permissionId === undefined) {
    return {
      status: 200,
      json: masked({ kind: 'drive#permissionList', permissions: permissionsJson(ss) }, query.get('fields')),
    }
  }
  if (method === 'POST' && permissionId === undefined) {
    if (!canWrite(ss, ctx.caller)) return insufficient()
    const grant = parseGrant((typeof body === 'object' && body !== null ? body : {}) as GrantInput)
    if (!grant.ok) return driveError(400, 'invalidSharingRequest', grant.error.message)
    ss.permissions = withGrant(ss, grant.value)
    ctx.store.changed()
    return { status: 200, json: masked(permissionJson(grant.value), query.get('fields')) }
  }
  if (method === 'DELETE' && permissionId !== undefined) {
    if (!canWrite(ss, ctx.caller)) return insufficient()
    if (permissionId === userPermissionId(ss.owner)) {
      return driveError(403, 'cannotDeletePermission', "The owner's permission cannot be deleted.")
    }
    const remaining = (ss.permissions ?? []).filter((p) => p.id !== permissionId)
    if (remaining.length === (ss.permissions ?? []).length) {
      return driveError(404, 'notFound', `Permission not found: ${permissionId}.`)
    }
    ss.permissions = remaining
    ctx.store.changed()
    return { status: 204 }
  }
  return driveError(404, 'notFound', 'Method not found.')
}
