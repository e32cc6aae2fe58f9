/**
 * @module
 * The `Cases` tab ("Kasus", domain.md "Case"): one row per client (Penerima Manfaat), identified
 * by initials only.
 */
import * as z from 'zod'
import { col } from './columns'
import {
  codeSchema,
  idSchema,
  initialsSchema,
  isoDateSchema,
  longText,
  shortText,
  staffRefSchema,
} from './field-schemas'
import { CASE_STATUSES, SERVICES, SEXES, STAGES } from './lists'

export const CaseSchema = z.strictObject({
  case_id: col(idSchema('cases'), {
    label: { id: 'ID Kasus', en: 'Case ID' },
    help: { id: 'Diisi sistem bila kosong, mis. K-0001.', en: 'Filled in by the system when blank, e.g. K-0001.' },
    kind: 'id',
    owner: 'system',
    idTab: 'cases',
  }),
  initials: col(initialsSchema(), {
    label: { id: 'Inisial PM', en: 'Client initials' },
    help: { id: 'Hanya inisial, 1–8 huruf (tanpa nama lengkap).', en: 'Initials only, 1–8 letters (no full name).' },
    kind: 'initials',
  }),
  sex: col(z.enum(SEXES), {
    label: { id: 'Jenis kelamin', en: 'Sex' },
    help: { id: 'L = laki-laki, P = perempuan.', en: 'L = male, P = female.' },
    kind: 'enum',
    list: 'sex',
  }),
  birth_date: col(isoDateSchema(), {
    label: { id: 'Tanggal lahir', en: 'Birth date' },
    help: { id: 'Usia dihitung otomatis.', en: 'Age is derived, never typed.' },
    kind: 'date',
  }),
  cluster: col(codeSchema(), {
    label: { id: 'Klaster', en: 'Cluster' },
    help: { id: 'Daftar dapat ditambah di tab Lists.', en: 'The list can be extended in the Lists tab.' },
    kind: 'list',
    list: 'cluster',
  }),
  service: col(z.enum(SERVICES), { label: { id: 'Jenis layanan', en: 'Service type' }, kind: 'enum', list: 'service' }),
  education: col(shortText().optional(), { label: { id: 'Pendidikan', en: 'Education' }, kind: 'text' }),
  referral_source: col(shortText().optional(), {
    label: { id: 'Sumber rujukan', en: 'Referral source' },
    kind: 'text',
  }),
  referral_date: col(isoDateSchema().optional(), {
    label: { id: 'Tanggal rujukan', en: 'Referral date' },
    kind: 'date',
  }),
  worker: col(staffRefSchema(), {
    label: { id: 'Peksos pengampu', en: 'Assigned social worker' },
    help: { id: 'ID staf atau email dari tab Staff.', en: 'Staff id or email from the Staff tab.' },
    kind: 'text',
  }),
  stage: col(z.enum(STAGES), {
    label: { id: 'Tahapan', en: 'Stage' },
    help: { id: 'Tahapan proses layanan, berurutan.', en: "The centre's business process, in order." },
    kind: 'enum',
    list: 'stage',
  }),
  consent_date: col(isoDateSchema().optional(), {
    label: { id: 'Tanggal persetujuan (informed consent)', en: 'Informed consent date' },
    help: {
      id: 'Wajib sebelum asesmen, rencana atau sesi apa pun dicatat.',
      en: 'Required before any assessment, goal or session of the case is accepted.',
    },
    kind: 'date',
  }),
  status: col(z.enum(CASE_STATUSES), {
    label: { id: 'Status kasus', en: 'Case status' },
    kind: 'enum',
    list: 'status',
  }),
  closed_date: col(isoDateSchema().optional(), {
    label: { id: 'Tanggal selesai', en: 'Closed date' },
    help: { id: 'Wajib bila status selesai atau dirujuk.', en: 'Required when the status is selesai or dirujuk.' },
    kind: 'date',
  }),
  closure_reason: col(shortText().optional(), {
    label: { id: 'Alasan terminasi', en: 'Closure reason' },
    help: { id: 'Wajib bila status selesai atau dirujuk.', en: 'Required when the status is selesai or dirujuk.' },
    kind: 'text',
  }),
  referred_to: col(shortText().optional(), {
    label: { id: 'Dirujuk ke', en: 'Referred to' },
    help: { id: 'Wajib bila status selesai atau dirujuk.', en: 'Required when the status is selesai or dirujuk.' },
    kind: 'text',
  }),
  notes: col(longText().optional(), { label: { id: 'Catatan', en: 'Notes' }, kind: 'text' }),
})

export type Case = z.output<typeof CaseSchema>
