/**
 * @module
 * The `Goals` tab ("Rencana Intervensi", domain.md "Goal"): one SMART goal of a case's
 * intervention plan, measured on the Task Achievement Scale over working days.
 */
import * as z from 'zod'
import { col } from './columns'
import { idSchema, isoDateSchema, levelSchema, longText, milestonesSchema, shortText } from './field-schemas'
import { GOAL_METHODS } from './lists'

export const GoalSchema = z.strictObject({
  goal_id: col(idSchema('goals'), {
    label: { id: 'ID Tujuan', en: 'Goal ID' },
    help: { id: 'Diisi sistem bila kosong, mis. T-0001.', en: 'Filled in by the system when blank, e.g. T-0001.' },
    kind: 'id',
    owner: 'system',
    idTab: 'goals',
  }),
  case_id: col(idSchema('cases'), { label: { id: 'ID Kasus', en: 'Case ID' }, kind: 'ref', idTab: 'cases' }),
  title: col(shortText(), { label: { id: 'Tujuan', en: 'Goal' }, kind: 'text' }),
  method: col(z.enum(GOAL_METHODS), {
    label: { id: 'Metode intervensi', en: 'Intervention method' },
    kind: 'enum',
    list: 'goal_method',
  }),
  techniques: col(shortText().optional(), { label: { id: 'Teknik', en: 'Techniques' }, kind: 'text' }),
  start_date: col(isoDateSchema(), {
    label: { id: 'Tanggal mulai', en: 'Start date' },
    help: {
      id: 'Hari kerja ke-1 (atau hari kerja berikutnya bila libur).',
      en: 'Working day 1 (or the next working day if it is not one).',
    },
    kind: 'date',
  }),
  duration_days: col(z.int().min(1).max(1000), {
    label: { id: 'Durasi (hari kerja)', en: 'Duration (working days)' },
    kind: 'int',
  }),
  target_count: col(z.int().min(1).max(1000), {
    label: { id: 'Target jumlah tugas', en: 'Target number of tasks' },
    kind: 'int',
  }),
  unit: col(shortText().optional(), {
    label: { id: 'Satuan', en: 'Unit' },
    help: { id: 'Mis. resep, keterampilan.', en: 'E.g. recipes, skills.' },
    kind: 'text',
  }),
  milestones: col(milestonesSchema().optional(), {
    label: { id: 'Tonggak capaian', en: 'Milestones' },
    help: {
      id: 'hari:jumlah, mis. 5:1, 10:3, 15:5 = hari kerja ke-5 1 tugas dikuasai, ke-10 3, ke-15 5.',
      en: 'day:count, e.g. 5:1, 10:3, 15:5 = by working day 5, 1 task mastered; by day 10, 3; by day 15, 5.',
    },
    kind: 'milestones',
  }),
  mastery_level: col(levelSchema().default(4), {
    label: { id: 'Tingkat penguasaan', en: 'Mastery level' },
    help: {
      id: 'Nilai minimal agar tugas dianggap dikuasai (bawaan 4).',
      en: 'Rating at which a task is mastered (default 4).',
    },
    kind: 'int',
  }),
  success_level: col(levelSchema().default(3), {
    label: { id: 'Tingkat keberhasilan', en: 'Success level' },
    help: {
      id: 'Level capaian minimal agar tujuan berhasil (bawaan 3).',
      en: 'Level at which the goal succeeds (default 3).',
    },
    kind: 'int',
  }),
  weight: col(z.number().min(0).max(100).default(1), {
    label: { id: 'Bobot', en: 'Weight' },
    help: { id: 'Bobot dalam skor-T kasus (bawaan 1).', en: "Weight in the case's T-score (default 1)." },
    kind: 'number',
  }),
  indicator: col(longText().optional(), { label: { id: 'Indikator', en: 'Indicator' }, kind: 'text' }),
  parties: col(shortText().optional(), { label: { id: 'Pihak terlibat', en: 'Parties involved' }, kind: 'text' }),
})

export type Goal = z.output<typeof GoalSchema>
