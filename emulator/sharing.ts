/**
 * Drive sharing of spreadsheets: who may read and who may edit each one. Google answers a
 * principal the spreadsheet was not shared with `403 PERMISSION_DENIED "The caller does not have
 * permission"` (§6.2, recorded), and a reader that tries to write the same — the most common
 * set-up mistake with a real Sheet, so the emulator reproduces it.
 *
 * The owner (the principal that created the spreadsheet) may do everything. Other grants are
 * Drive permissions: a `user` by e-mail address or `anyone` (with the link), each `writer`,
 * `commenter` or `reader`. A spreadsheet saved before sharing was modelled has no permission
 * list at all and stays open to everyone, as it was.
 */
import { type ApiError, fail, invalidArgument, type Outcome, ok } from './google-errors.js'
import type { SpreadsheetModel } from './spreadsheet-model.js'

export const GRANTED_ROLES = ['writer', 'commenter', 'reader'] as const
export type GrantedRole = (typeof GRANTED_ROLES)[number]
export type Role = 'owner' | GrantedRole

export interface PermissionModel {
  readonly id: string
  readonly type: 'user' | 'anyone'
  readonly role: GrantedRole
  /** Lower-cased for `user` grants; absent for `anyone`. */
  readonly emailAddress?: string
}

export interface GrantInput {
  readonly type?: unknown
  readonly role?: unknown
  readonly emailAddress?: unknown
}

/** Google's answer to a caller the spreadsheet is not shared with (recorded, §6.2). */
export const noPermission = (): ApiError => ({
  code: 403,
  status: 'PERMISSION_DENIED',
  message: 'The caller does not have permission',
})

/** Drive's permission id of an `anyone` grant. */
export const ANYONE_ID = 'anyoneWithLink'

/**
 * A user's permission id: stable per e-mail address (Drive gives each user one id across files),
 * 20 digits like Drive's, from a 64-bit FNV-1a hash of the address.
 */
export function userPermissionId(email: string): string {
  let h = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(email.toLowerCase())) {
    h ^= BigInt(byte)
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString().padStart(20, '0').slice(-20)
}

/** The caller's role on a spreadsheet, or undefined when it was not shared with them. */
export function roleOf(ss: SpreadsheetModel, email: string): Role | undefined {
  if (email.toLowerCase() === ss.owner.toLowerCase()) return 'owner'
  if (ss.permissions === undefined) return 'writer'
  const lower = email.toLowerCase()
  const rank = (r: GrantedRole): number => GRANTED_ROLES.length - GRANTED_ROLES.indexOf(r)
  let best: GrantedRole | undefined
  for (const p of ss.permissions) {
    if (p.type === 'user' && p.emailAddress !== lower) continue
    if (best === undefined || rank(p.role) > rank(best)) best = p.role
  }
  return best
}

export const canRead = (ss: SpreadsheetModel, email: string): boolean => roleOf(ss, email) !== undefined

export function canWrite(ss: SpreadsheetModel, email: string): boolean {
  const role = roleOf(ss, email)
  return role === 'owner' || role === 'writer'
}

/** A grant from a Drive permissions.create body (or the control endpoints): checked, normalised. */
export function parseGrant(input: GrantInput): Outcome<PermissionModel> {
  const type = input.type ?? 'user'
  if (type !== 'user' && type !== 'anyone') {
    return fail(invalidArgument('The local emulator shares with type "user" or "anyone" only.'))
  }
  if (!(GRANTED_ROLES as readonly unknown[]).includes(input.role)) {
    return fail(invalidArgument('role must be "writer", "commenter" or "reader".'))
  }
  const role = input.role as GrantedRole
  if (type === 'anyone') return ok({ id: ANYONE_ID, type, role })
  const email = input.emailAddress
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    return fail(invalidArgument('A user permission needs an emailAddress.'))
  }
  return ok({ id: userPermissionId(email), type, role, emailAddress: email.toLowerCase() })
}

/** The permission list with `grant` added, replacing an earlier grant to the same grantee. */
export function withGrant(ss: SpreadsheetModel, grant: PermissionModel): PermissionModel[] {
  return [...(ss.permissions ?? []).filter((p) => p.id !== grant.id), grant]
}

/** Drive's `permission` resource, the owner's included. */
export function permissionJson(p: PermissionModel | { readonly owner: string }): Record<string, unknown> {
  if ('owner' in p) {
    return {
      kind: 'drive#permission',
      id: userPermissionId(p.owner),
      type: 'user',
      role: 'owner',
      emailAddress: p.owner.toLowerCase(),
    }
  }
  return {
    kind: 'drive#permission',
    id: p.id,
    type: p.type,
    role: p.role,
    ...(p.emailAddress === undefined ? {} : { emailAddress: p.emailAddress }),
  }
}

/** Every permission of a spreadsheet as Drive lists them: the owner first. */
export function permissionsJson(ss: SpreadsheetModel): Record<string, unknown>[] {
  const open: PermissionModel[] =
    ss.permissions === undefined ? [{ id: ANYONE_ID, type: 'anyone', role: 'writer' }] : []
  return [permissionJson({ owner: ss.owner }), ...(ss.permissions ?? open).map((p) => permissionJson(p))]
}
