/**
 * @module
 * The `Events` tab ("Peristiwa Kasus", issue 9 point 1): the steps of the centre's process that
 * are not assessments, goals or sessions — the case conference with the supervisor, the contract
 * with the client, home visits, termination, referral and follow-up (users.md "A case, start to
 * end", steps 5 and 9). Participants are written as roles from the `participant_role` list, never
 * as names. The rules (consent before a contract or conference, a referral names where, follow-up
 * after closure) are row rules in validate-row.ts.
 */
import * as z from 'zod'
import { col } from './columns'
import { idSchema, isoDateSchema, longText, shortText, staffRefSchema } from './field-schemas'
import { EVENT_KINDS } from './lists'

export const EventSchema = z.strictObject({
  event_id: col(idSchema('events'), {
    label: { id: 'ID Peristiwa', en: 'Event ID' },
    help: { id: 'Diisi sistem bila kosong, mis. P-0001.', en: 'Filled in by the system when blank, e.g. P-0001.' },
    kind: 'id',
    owner: 'system',
    idTab: 'events',
  }),
  case_id: col(idSchema('cases'), { label: { id: 'ID Kasus', en: 'Case ID' }, kind: 'ref', idTab: 'cases' }),
  date: col(isoDateSchema(), { label: { id: 'Tanggal peristiwa', en: 'Event date' }, kind: 'date' }),
  kind: col(z.enum(EVENT_KINDS), {
    label: { id: 'Jenis peristiwa', en: 'Event kind' },
    help: {
      id: 'case_conference (konferensi kasus), contract (kontrak), home_visit (kunjungan rumah), termination (terminasi), referral (rujukan), follow_up (tindak lanjut), lainnya.',
      en: 'case_conference, contract, home_visit, termination, referral, follow_up, lainnya (other).',
    },
    kind: 'enum',
    list: 'event_kind',
  }),
  participants: col(shortText().optional(), {
    label: { id: 'Peserta (peran)', en: 'Participants (roles)' },
    help: {
      id: 'Peran, bukan nama, dipisah koma, dari daftar participant_role di tab Lists; mis. klien, peksos, supervisor, orang_tua.',
      en: 'Roles, not names, separated by commas, from the participant_role list in the Lists tab; e.g. klien, peksos, supervisor, orang_tua.',
    },
    kind: 'text',
    list: 'participant_role',
  }),
  summary: col(longText(), {
    label: { id: 'Ringkasan', en: 'Summary' },
    help: { id: 'Apa yang terjadi dan dibahas.', en: 'What happened and what was discussed.' },
    kind: 'text',
  }),
  decisions: col(longText().optional(), {
    label: { id: 'Keputusan / kesepakatan', en: 'Decisions / agreements' },
    kind: 'text',
  }),
  next_date: col(isoDateSchema().optional(), {
    label: { id: 'Tanggal berikutnya', en: 'Next date' },
    help: {
      id: 'Tanggal pertemuan atau tindak lanjut berikutnya, bila ada.',
      en: 'The date of the next meeting or follow-up, if any.',
    },
    kind: 'date',
  }),
  worker: col(staffRefSchema(), {
    label: { id: 'Peksos', en: 'Social worker' },
    help: { id: 'ID staf atau email yang mencatat.', en: 'Staff id or email of who recorded it.' },
    kind: 'text',
  }),
  referred_to: col(shortText().optional(), {
    label: { id: 'Dirujuk ke', en: 'Referred to' },
    help: {
      id: 'Wajib untuk rujukan (referral): lembaga atau layanan tujuan.',
      en: 'Required for a referral: the institution or service referred to.',
    },
    kind: 'text',
  }),
})

export type CaseEvent = z.output<typeof EventSchema>
