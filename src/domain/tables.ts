/**
 * @module
 * The registry of sheet tabs: title, labels, id column and prefix, row schema and the column
 * specs derived from it. Data tabs end with the system-owned `_status` column (the Indonesian
 * validation message), which is part of the sheet but not of the API row.
 */
import * as z from 'zod'
import { AssessmentSchema } from './assessment-row'
import { CaseSchema } from './case-row'
import { type ColumnSpec, col, columnSpec, columnsOf } from './columns'
import { EventSchema } from './event-row'
import { FeedbackSchema } from './feedback-row'
import { GoalSchema } from './goal-row'
import { type DataTabKey, ID_COLUMNS, ID_PREFIXES } from './ids'
import type { Bilingual } from './issues'
import { ListsRowSchema } from './lists-row'
import { SessionSchema } from './session-row'
import { HolidaySchema } from './settings-row'
import { StaffSchema } from './staff-row'

export type TabKey =
  | 'cases'
  | 'assessments'
  | 'goals'
  | 'sessions'
  | 'events'
  | 'feedback'
  | 'staff'
  | 'settings'
  | 'lists'

export const TAB_KEYS: readonly TabKey[] = [
  'cases',
  'assessments',
  'goals',
  'sessions',
  'events',
  'feedback',
  'staff',
  'settings',
  'lists',
]

export type TableSpec = {
  readonly key: TabKey
  /** Sheet tab name. */
  readonly title: string
  readonly label: Bilingual
  readonly idColumn?: string
  /** Prefix of system-assigned ids (data tabs only). */
  readonly idPrefix?: string
  /** Row schema of the typed row (the API row; no `_status`). */
  readonly schema: z.ZodObject
  /** Every sheet column, in order, including `_status` on data tabs. */
  readonly columns: readonly ColumnSpec[]
}

export const STATUS_KEY = '_status'

/** The system-owned validation message column of each data tab. */
export const STATUS_COLUMN: ColumnSpec = columnSpec(
  STATUS_KEY,
  col(z.string().max(50_000).optional(), {
    label: { id: 'Status validasi', en: 'Validation status' },
    help: {
      id: 'Diisi sistem: kosong bila baris benar, atau apa yang perlu diperbaiki.',
      en: 'Filled in by the system: empty when the row is valid, otherwise what to fix.',
    },
    kind: 'status',
    owner: 'system',
  }),
)

const dataTable = <S extends z.ZodObject>(key: DataTabKey, title: string, label: Bilingual, schema: S) => ({
  key,
  title,
  label,
  idColumn: ID_COLUMNS[key],
  idPrefix: ID_PREFIXES[key],
  schema,
  columns: [...columnsOf(schema.shape), STATUS_COLUMN] as readonly ColumnSpec[],
})

export const TABLES = {
  cases: dataTable('cases', 'Cases', { id: 'Kasus', en: 'Cases' }, CaseSchema),
  assessments: dataTable('assessments', 'Assessments', { id: 'Asesmen', en: 'Assessments' }, AssessmentSchema),
  goals: dataTable('goals', 'Goals', { id: 'Rencana Intervensi', en: 'Intervention plan' }, GoalSchema),
  sessions: dataTable('sessions', 'Sessions', { id: 'Sesi', en: 'Sessions' }, SessionSchema),
  events: dataTable('events', 'Events', { id: 'Peristiwa Kasus', en: 'Case events' }, EventSchema),
  feedback: dataTable(
    'feedback',
    'Feedback',
    { id: 'Umpan Balik Supervisi', en: 'Supervisor feedback' },
    FeedbackSchema,
  ),
  staff: {
    key: 'staff',
    title: 'Staff',
    label: { id: 'Staf', en: 'Staff' },
    idColumn: 'staff_id',
    schema: StaffSchema,
    columns: columnsOf(StaffSchema.shape) as readonly ColumnSpec[],
  },
  settings: {
    key: 'settings',
    title: 'Settings',
    label: { id: 'Pengaturan (hari libur)', en: 'Settings (holidays)' },
    schema: HolidaySchema,
    columns: columnsOf(HolidaySchema.shape) as readonly ColumnSpec[],
  },
  lists: {
    key: 'lists',
    title: 'Lists',
    label: { id: 'Daftar pilihan', en: 'Dropdown lists' },
    schema: ListsRowSchema,
    columns: columnsOf(ListsRowSchema.shape) as readonly ColumnSpec[],
  },
} as const satisfies Record<TabKey, TableSpec>

/** The typed row of a tab. */
export type RowOf<K extends TabKey> = z.output<(typeof TABLES)[K]['schema']>

/** Column spec by key, per tab (O(1) lookups for codecs and rules). */
export const COLUMN_BY_KEY: Readonly<Record<TabKey, ReadonlyMap<string, ColumnSpec>>> = {
  cases: new Map(TABLES.cases.columns.map((c) => [c.key, c])),
  assessments: new Map(TABLES.assessments.columns.map((c) => [c.key, c])),
  goals: new Map(TABLES.goals.columns.map((c) => [c.key, c])),
  sessions: new Map(TABLES.sessions.columns.map((c) => [c.key, c])),
  events: new Map(TABLES.events.columns.map((c) => [c.key, c])),
  feedback: new Map(TABLES.feedback.columns.map((c) => [c.key, c])),
  staff: new Map(TABLES.staff.columns.map((c) => [c.key, c])),
  settings: new Map(TABLES.settings.columns.map((c) => [c.key, c])),
  lists: new Map(TABLES.lists.columns.map((c) => [c.key, c])),
}

/** The spec of one column; throws on an unknown key (a bug: keys are compile-time constants). */
export function columnOf(tab: TabKey, key: string): ColumnSpec {
  const spec = COLUMN_BY_KEY[tab].get(key)
  if (spec === undefined) throw new Error(`unknown column ${tab}.${key}`)
  return spec
}
