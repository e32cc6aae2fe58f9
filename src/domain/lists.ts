/**
 * @module
 * The dropdown lists of the sheet (one column each in the `Lists` tab, header = list name).
 * Every list except `cluster` and `participant_role` is fixed by the rules of domain.md; those two
 * staff may extend by typing new values in their `Lists` column (domain.md "Case"; the roles of
 * case-event participants, issue 9).
 */

/** Case clusters (domain.md "Case"); the default content of the extensible `cluster` list. */
export const CLUSTERS = [
  'anak',
  'disabilitas_fisik',
  'disabilitas_intelektual',
  'disabilitas_mental',
  'disabilitas_sensorik',
  'disabilitas_ganda',
  'kelompok_rentan',
] as const
export const SEXES = ['L', 'P'] as const
export const SERVICES = ['residensial', 'daycare', 'keluarga', 'komunitas'] as const
/** The centre's business process, in order (domain.md "Case"). */
export const STAGES = [
  'akses',
  'pendekatan_awal',
  'asesmen',
  'perencanaan',
  'implementasi',
  'supervisi',
  'monev',
  'terminasi',
] as const
export const CASE_STATUSES = ['aktif', 'selesai', 'dirujuk'] as const
export const TOOLS = ['bpss', 'ils', 'saleebey', 'genogram', 'ecomap', 'lainnya'] as const
export const BPSS_DOMAINS = ['biologis', 'psikologis', 'sosial', 'spiritual'] as const
export const ILS_DOMAINS = ['fisik', 'sosial', 'ekonomi', 'psikologis'] as const
export const SALEEBEY_DOMAINS = [
  'kekuatan_personal',
  'kekuatan_lingkungan',
  'hambatan_personal',
  'hambatan_lingkungan',
] as const
export const SOURCES = ['klien', 'keluarga', 'pengasuh', 'dokumen', 'profesi_lain'] as const
export const ASSESSMENT_METHODS = ['wawancara', 'observasi', 'studi_dokumentasi', 'tes'] as const
export const GOAL_METHODS = ['casework', 'groupwork'] as const
/** Session assistance levels, from independent to could-not-do (domain.md "Session"). */
export const ASSISTANCE_LEVELS = ['mandiri', 'minimal', 'sebagian', 'penuh', 'tidak_tercapai'] as const
export const ROLES = ['worker', 'coordinator', 'admin'] as const
/**
 * Kinds of case event (issue 9 point 1, users.md "A case, start to end" steps 5 and 9): the case
 * conference with the supervisor, the contract with the client, a home visit, termination,
 * referral, a follow-up after closure, anything else.
 */
export const EVENT_KINDS = [
  'case_conference',
  'contract',
  'home_visit',
  'termination',
  'referral',
  'follow_up',
  'lainnya',
] as const
/**
 * Kinds of supervisor feedback (issue 9 point 2): `approve` a goal (the plan), ask to `revise`
 * with a note, or `comment`. Which kind fits which target is a row rule (validate-row.ts).
 */
export const FEEDBACK_KINDS = ['approve', 'revise', 'comment'] as const
/**
 * Who takes part in a case event, as roles — never names (issue 9: "participants (roles, not
 * names)"). The default content of the extensible `participant_role` list: a centre adds its own
 * roles in the `Lists` tab.
 */
export const PARTICIPANT_ROLES = [
  'klien',
  'peksos',
  'supervisor',
  'koordinator',
  'manajer_kasus',
  'orang_tua',
  'keluarga',
  'pengasuh',
  'psikolog',
  'dokter',
  'guru',
  'instruktur',
  'pendamping',
  'lembaga_rujukan',
  'lainnya',
] as const

export type Sex = (typeof SEXES)[number]
export type Service = (typeof SERVICES)[number]
export type Stage = (typeof STAGES)[number]
export type CaseStatus = (typeof CASE_STATUSES)[number]
export type Tool = (typeof TOOLS)[number]
export type Source = (typeof SOURCES)[number]
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number]
export type GoalMethod = (typeof GOAL_METHODS)[number]
export type Assistance = (typeof ASSISTANCE_LEVELS)[number]
export type Role = (typeof ROLES)[number]
export type EventKind = (typeof EVENT_KINDS)[number]
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

/**
 * Allowed domains per assessment tool (domain.md "Assessment"); `null` = free domain
 * (genogram, ecomap, lainnya).
 */
export const TOOL_DOMAINS: Readonly<Record<Tool, readonly string[] | null>> = {
  bpss: BPSS_DOMAINS,
  ils: ILS_DOMAINS,
  saleebey: SALEEBEY_DOMAINS,
  genogram: null,
  ecomap: null,
  lainnya: null,
}

/** Every named list, in the column order of the `Lists` tab. */
export const LIST_NAMES = [
  'cluster',
  'sex',
  'service',
  'stage',
  'status',
  'tool',
  'domain',
  'source',
  'method',
  'goal_method',
  'assistance',
  'role',
  // Added with the Events and Feedback tabs (issue 9): last, so the columns of the lists above
  // keep their letters in sheets made from an earlier template.
  'event_kind',
  'feedback_kind',
  'participant_role',
] as const
export type ListName = (typeof LIST_NAMES)[number]

/** The lists staff may extend in the `Lists` tab. */
export const EXTENSIBLE_LISTS: readonly ListName[] = ['cluster', 'participant_role']

export type Lists = Readonly<Record<ListName, readonly string[]>>

const unique = (values: readonly string[]): string[] => [...new Set(values)]

/**
 * The content the template writes into the `Lists` tab. `domain` is the union of the fixed
 * domains, offered as suggestions (free text is allowed for genogram/ecomap/lainnya).
 */
export const DEFAULT_LISTS: Lists = {
  cluster: CLUSTERS,
  sex: SEXES,
  service: SERVICES,
  stage: STAGES,
  status: CASE_STATUSES,
  tool: TOOLS,
  domain: unique([...BPSS_DOMAINS, ...ILS_DOMAINS, ...SALEEBEY_DOMAINS]),
  source: SOURCES,
  method: ASSESSMENT_METHODS,
  goal_method: GOAL_METHODS,
  assistance: ASSISTANCE_LEVELS,
  role: ROLES,
  event_kind: EVENT_KINDS,
  feedback_kind: FEEDBACK_KINDS,
  participant_role: PARTICIPANT_ROLES,
}

export const isExtensibleList = (name: ListName): boolean => EXTENSIBLE_LISTS.includes(name)
