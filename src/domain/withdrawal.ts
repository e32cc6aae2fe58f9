/**
 * @module
 * Withdrawing a session or assessment row that was logged by mistake (api.md `PATCH
 * /api/sessions/{id}`, `PATCH /api/assessments/{id}`; issue 8 "Correcting a mistake"). A
 * withdrawal never deletes: the row stays in the sheet with the date and reason of its
 * withdrawal, and is left out of everything derived from the rows — TAS progress (domain.md "Task
 * Achievement Scale": a withdrawn session is not one of the goal's sessions), assessment coverage
 * and triangulation (domain.md "Assessment", derived), the Dashboard's counts. Staff withdraw a
 * row in the sheet by typing both cells; the API writes the same two cells.
 */
import { col } from './columns'
import { isoDateSchema, shortText } from './field-schemas'

/** The two withdrawal columns, last before `_status` on Sessions and Assessments. */
export const WITHDRAWAL_KEYS = ['withdrawn_date', 'withdrawn_reason'] as const
export type WithdrawalKey = (typeof WITHDRAWAL_KEYS)[number]

/**
 * Fresh withdrawal column schemas for one row schema (each tab registers its own, so a label or
 * help text may later differ per tab without touching the other).
 */
export const withdrawalColumns = () => ({
  withdrawn_date: col(isoDateSchema().optional(), {
    label: { id: 'Tanggal ditarik', en: 'Withdrawn on' },
    help: {
      id: 'Isi bila baris ini salah catat: baris tetap ada tetapi tidak dihitung lagi. Wajib bersama alasan.',
      en: 'Fill in when this row was logged by mistake: it stays but no longer counts. Needs a reason too.',
    },
    kind: 'date',
  }),
  withdrawn_reason: col(shortText().optional(), {
    label: { id: 'Alasan penarikan', en: 'Withdrawal reason' },
    help: {
      id: 'Mengapa baris ini ditarik, mis. salah kasus atau sesi tidak jadi dilaksanakan.',
      en: 'Why the row was withdrawn, e.g. wrong case, or the session did not take place.',
    },
    kind: 'text',
  }),
})

/** The withdrawal fields a row may carry (a decoded Session or Assessment fits). */
export type WithdrawalFields = {
  readonly withdrawn_date?: string | null | undefined
  readonly withdrawn_reason?: string | null | undefined
}

/**
 * True when the row is withdrawn: it has a withdrawal date. A reason without a date is an
 * incomplete withdrawal (a row issue), and the row still counts until the date is filled.
 */
export const isWithdrawn = (row: WithdrawalFields): boolean =>
  typeof row.withdrawn_date === 'string' && row.withdrawn_date !== ''
