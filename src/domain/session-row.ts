/**
 * @module
 * The `Sessions` tab ("Sesi", domain.md "Session"): one task worked on in one intervention
 * session, rated 0–4 (or N), or derived from the assistance level when the rating is blank. A
 * session logged by mistake is withdrawn, never deleted (withdrawal.ts).
 */
import * as z from 'zod'
import { col } from './columns'
import { idSchema, isoDateSchema, longText, ratingSchema, shortText, staffRefSchema } from './field-schemas'
import { ASSISTANCE_LEVELS } from './lists'
import { withdrawalColumns } from './withdrawal'

export const SessionSchema = z.strictObject({
  session_id: col(idSchema('sessions'), {
    label: { id: 'ID Sesi', en: 'Session ID' },
    help: { id: 'Diisi sistem bila kosong, mis. S-0001.', en: 'Filled in by the system when blank, e.g. S-0001.' },
    kind: 'id',
    owner: 'system',
    idTab: 'sessions',
  }),
  case_id: col(idSchema('cases'), { label: { id: 'ID Kasus', en: 'Case ID' }, kind: 'ref', idTab: 'cases' }),
  goal_id: col(idSchema('goals'), { label: { id: 'ID Tujuan', en: 'Goal ID' }, kind: 'ref', idTab: 'goals' }),
  date: col(isoDateSchema(), { label: { id: 'Tanggal sesi', en: 'Session date' }, kind: 'date' }),
  task: col(shortText(), {
    label: { id: 'Tugas', en: 'Task' },
    help: {
      id: 'Nama tugas; sama dengan sesi sebelumnya untuk tugas yang sama.',
      en: 'Task name; same text for the same task.',
    },
    kind: 'text',
  }),
  assistance: col(z.enum(ASSISTANCE_LEVELS).optional(), {
    label: { id: 'Tingkat bantuan', en: 'Assistance' },
    help: {
      id: 'mandiri (4), minimal (3), sebagian (2), penuh (1), tidak_tercapai (0).',
      en: 'mandiri = independent (4), minimal (3), sebagian = about half (2), penuh = full (1), tidak_tercapai = could not (0).',
    },
    kind: 'enum',
    list: 'assistance',
  }),
  rating: col(ratingSchema().optional(), {
    label: { id: 'Nilai (0–4 / N)', en: 'Rating (0–4 / N)' },
    help: {
      id: 'Kosongkan agar diturunkan dari tingkat bantuan; N = tidak ada kesempatan.',
      en: 'Leave blank to derive it from the assistance; N = no opportunity.',
    },
    kind: 'rating',
  }),
  techniques: col(shortText().optional(), { label: { id: 'Teknik', en: 'Techniques' }, kind: 'text' }),
  participants: col(shortText().optional(), { label: { id: 'Peserta', en: 'Participants' }, kind: 'text' }),
  worker: col(staffRefSchema(), { label: { id: 'Peksos', en: 'Social worker' }, kind: 'text' }),
  duration_min: col(z.int().min(0).max(1440).optional(), {
    label: { id: 'Durasi (menit)', en: 'Duration (minutes)' },
    kind: 'int',
  }),
  notes: col(longText().optional(), { label: { id: 'Catatan', en: 'Notes' }, kind: 'text' }),
  ...withdrawalColumns(),
})

export type Session = z.output<typeof SessionSchema>
