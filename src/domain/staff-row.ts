/**
 * @module
 * The `Staff` tab: who may use the API and who can be named as a case's worker. No names are
 * needed: a staff id (e.g. `peksos-uji`), an optional email, a role and an active checkbox.
 * Unticking `active` revokes that person's tokens at the next sync (architecture.md "Auth").
 */
import * as z from 'zod'
import { col } from './columns'
import { codeSchema, EMAIL_RE, SHORT_TEXT } from './field-schemas'
import { ROLES } from './lists'

/** Staff ids: letters, digits, dots, hyphens and underscores; matched case-insensitively. */
export const STAFF_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export const StaffSchema = z.strictObject({
  staff_id: col(z.string().regex(STAFF_ID_RE), {
    label: { id: 'ID Staf', en: 'Staff ID' },
    help: { id: 'Mis. peksos-01; dipakai di kolom Peksos.', en: 'E.g. peksos-01; used in the worker columns.' },
    kind: 'text',
  }),
  email: col(z.string().max(SHORT_TEXT).regex(EMAIL_RE).optional(), {
    label: { id: 'Email', en: 'Email' },
    kind: 'email',
  }),
  role: col(z.enum(ROLES), {
    label: { id: 'Peran', en: 'Role' },
    help: {
      id: 'worker (kasus sendiri), coordinator (semua kasus, sinkronisasi), admin.',
      en: 'worker (own cases), coordinator (all cases, sync), admin.',
    },
    kind: 'enum',
    list: 'role',
  }),
  active: col(z.boolean().default(false), {
    label: { id: 'Aktif', en: 'Active' },
    help: { id: 'Centang bila masih bertugas; kosong = tidak aktif.', en: 'Ticked while on duty; blank = inactive.' },
    kind: 'boolean',
  }),
  cluster: col(codeSchema().optional(), {
    label: { id: 'Klaster', en: 'Cluster' },
    kind: 'list',
    list: 'cluster',
  }),
})

export type StaffMember = z.output<typeof StaffSchema>
