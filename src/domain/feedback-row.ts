/**
 * @module
 * The `Feedback` tab ("Umpan Balik Supervisi", issue 9 point 2): a coordinator's or supervisor's
 * word on one item of a case — approving a goal (the intervention plan), asking for a revision
 * with a note, or commenting on a goal, session, assessment or event. The worker answers open
 * feedback with a reply and marks it resolved. A goal's approval state is derived from these rows
 * alone (goal-approval.ts). Who may give and resolve is checked by the ledger (API) and by the
 * row rules (`from` names an active coordinator or admin; validate-row.ts).
 */
import * as z from 'zod'
import { col } from './columns'
import { idSchema, isoDateSchema, longText, staffRefSchema } from './field-schemas'
import { ID_PREFIXES } from './ids'
import { FEEDBACK_KINDS } from './lists'

/** The tabs whose rows feedback may be about: goals, sessions, assessments and events. */
export const FEEDBACK_TARGET_TABS = ['goals', 'sessions', 'assessments', 'events'] as const
export type FeedbackTargetTab = (typeof FEEDBACK_TARGET_TABS)[number]

const TARGET_RE = new RegExp(`^(${FEEDBACK_TARGET_TABS.map((t) => ID_PREFIXES[t]).join('|')})-\\d{1,15}$`)

export const FeedbackSchema = z.strictObject({
  feedback_id: col(idSchema('feedback'), {
    label: { id: 'ID Umpan Balik', en: 'Feedback ID' },
    help: { id: 'Diisi sistem bila kosong, mis. U-0001.', en: 'Filled in by the system when blank, e.g. U-0001.' },
    kind: 'id',
    owner: 'system',
    idTab: 'feedback',
  }),
  case_id: col(idSchema('cases'), { label: { id: 'ID Kasus', en: 'Case ID' }, kind: 'ref', idTab: 'cases' }),
  target: col(z.string().regex(TARGET_RE), {
    label: { id: 'Tentang (ID)', en: 'About (id)' },
    help: {
      id: 'ID tujuan (T-), sesi (S-), asesmen (A-) atau peristiwa (P-) kasus ini.',
      en: 'The id of a goal (T-), session (S-), assessment (A-) or event (P-) of this case.',
    },
    kind: 'ref',
    idTabs: FEEDBACK_TARGET_TABS,
  }),
  date: col(isoDateSchema(), { label: { id: 'Tanggal', en: 'Date' }, kind: 'date' }),
  from: col(staffRefSchema(), {
    label: { id: 'Dari (koordinator)', en: 'From (coordinator)' },
    help: {
      id: 'ID staf atau email koordinator/admin yang aktif di tab Staff.',
      en: 'Staff id or email of an active coordinator or admin in the Staff tab.',
    },
    kind: 'text',
  }),
  kind: col(z.enum(FEEDBACK_KINDS), {
    label: { id: 'Jenis', en: 'Kind' },
    help: {
      id: 'approve (setujui rencana/tujuan), revise (minta revisi, dengan catatan), comment (komentar).',
      en: 'approve (the goal, i.e. the plan), revise (ask for a revision, with a note), comment.',
    },
    kind: 'enum',
    list: 'feedback_kind',
  }),
  text: col(longText().optional(), {
    label: { id: 'Catatan', en: 'Note' },
    help: { id: 'Wajib untuk revise dan comment.', en: 'Required for revise and comment.' },
    kind: 'text',
  }),
  resolved_date: col(isoDateSchema().optional(), {
    label: { id: 'Tanggal selesai ditindaklanjuti', en: 'Resolved on' },
    help: {
      id: 'Diisi peksos saat umpan balik sudah ditindaklanjuti; wajib bersama balasan.',
      en: 'Filled in by the worker once the feedback is dealt with; needs a reply too.',
    },
    kind: 'date',
  }),
  reply: col(longText().optional(), {
    label: { id: 'Balasan peksos', en: "Worker's reply" },
    help: {
      id: 'Apa yang sudah dilakukan atau jawaban atas catatan.',
      en: 'What was done, or the answer to the note.',
    },
    kind: 'text',
  }),
})

export type Feedback = z.output<typeof FeedbackSchema>
