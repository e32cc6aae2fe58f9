/**
 * @module
 * The words of the supervision pages (issue 9: the dashboard, the case report, case events and
 * supervisor feedback), Indonesian first with English on the switch — kept apart from the field
 * app's own i18n.ts so the two grow without stepping on each other. Column labels still come
 * from the row schemas; level labels from the domain.
 */
import type { Bilingual, Lang } from '../../domain'

const b = (id: string, en: string): Bilingual => ({ id, en })

export const SUPERVISION_TEXT = {
  // charts
  chartTable: b('Tabel data grafik', 'Chart data as a table'),
  count: b('Jumlah', 'Count'),
  planned: b('Rencana', 'Planned'),
  masteredCount: b('Dikuasai', 'Mastered'),
  workingDay: b('Hari kerja', 'Working day'),
  date: b('Tanggal', 'Date'),
  curveTitle: b('Kurva tonggak', 'Milestone curve'),
  curveDesc: b(
    'Jumlah tugas yang direncanakan dikuasai per hari kerja, dibanding jumlah yang benar-benar dikuasai.',
    'Tasks planned to be mastered by each working day, against the tasks actually mastered.',
  ),
  curveAsOf: b('per', 'as of'),
  curveNoData: b('belum ada sesi', 'no session yet'),
  milestoneWord: b('tonggak', 'milestone'),
  tasksUnit: b('tugas', 'tasks'),
} as const satisfies Record<string, Bilingual>

export type SupervisionTextKey = keyof typeof SUPERVISION_TEXT

/** A supervision-page text in `lang`. */
export const st = (lang: Lang, key: SupervisionTextKey): string => SUPERVISION_TEXT[key][lang]
