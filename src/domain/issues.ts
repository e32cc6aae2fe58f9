/**
 * @module
 * Validation issues: a machine code (snake_case), the column key, a severity and a message in
 * Indonesian and English. Messages name columns by their sheet label and rows by id; they never
 * repeat what a person typed into a cell (privacy: messages reach logs and API answers).
 */

/** Every issue code the domain can report. */
export const ISSUE_CODES = [
  // one cell (cell codecs)
  'required',
  'invalid_type',
  'not_a_number',
  'not_integer',
  'out_of_range',
  'invalid_date',
  'invalid_boolean',
  'invalid_option',
  'invalid_email',
  'invalid_initials',
  'invalid_id',
  'invalid_format',
  'invalid_rating',
  'milestones_format',
  'milestones_order',
  'too_long',
  'invalid_characters',
  // API / form input
  'unknown_field',
  'read_only_field',
  // one row (row rules)
  'date_in_future',
  'closure_required',
  'domain_required',
  'domain_not_allowed',
  'milestones_exceed_target',
  'milestones_exceed_duration',
  'assistance_required',
  'withdrawal_incomplete',
  'next_date_before_date',
  'referral_target_required',
  'participant_not_role',
  'approve_goal_only',
  'feedback_text_required',
  'reply_required',
  'resolved_before_feedback',
  // several rows (cross-row rules)
  'not_in_list',
  'case_not_found',
  'goal_not_found',
  'goal_case_mismatch',
  'consent_missing',
  'before_consent',
  'case_not_active',
  'case_closed',
  'duplicate_id',
  'worker_unknown',
  'worker_inactive',
  'before_goal_start',
  'after_goal_end',
  'event_after_closure',
  'target_not_found',
  'target_case_mismatch',
  'from_not_supervisor',
  'termination_event_missing',
] as const
export type IssueCode = (typeof ISSUE_CODES)[number]

export type Severity = 'error' | 'warning'
export type Lang = 'id' | 'en'
export type Bilingual = { readonly id: string; readonly en: string }

export type Issue = {
  /** Column key the issue is about. */
  readonly field: string
  readonly code: IssueCode
  readonly message: Bilingual
  readonly severity: Severity
}

/** What a message may mention: the column label, bounds, ids and list names — never a cell value. */
export type IssueParams = {
  readonly label: Bilingual
  readonly min?: number
  readonly max?: number
  readonly options?: readonly string[]
  readonly list?: string
  readonly example?: string
  readonly case_id?: string
  readonly goal_id?: string
  readonly id?: string
  readonly tool?: string
  readonly date?: string
  /** A feedback target's id (T-/S-/A-/P-). */
  readonly target?: string
}

const q = (text: string): string => `"${text}"`
const bounds = (p: IssueParams, lang: Lang): string => {
  if (p.min !== undefined && p.max !== undefined) return lang === 'id' ? `${p.min}–${p.max}` : `${p.min}–${p.max}`
  if (p.min !== undefined) return lang === 'id' ? `minimal ${p.min}` : `at least ${p.min}`
  return lang === 'id' ? `maksimal ${p.max}` : `at most ${p.max}`
}
const optionsText = (p: IssueParams): string => (p.options ?? []).join(', ')

/** The message catalogue, Indonesian first: clear, non-technical, one sentence each. */
const MESSAGES: Readonly<Record<IssueCode, (p: IssueParams) => Bilingual>> = {
  required: (p) => ({ id: `Kolom ${q(p.label.id)} wajib diisi.`, en: `${q(p.label.en)} is required.` }),
  invalid_type: (p) => ({
    id: `Isi kolom ${q(p.label.id)} tidak dikenali.`,
    en: `${q(p.label.en)} has a value of the wrong type.`,
  }),
  not_a_number: (p) => ({ id: `Kolom ${q(p.label.id)} harus berisi angka.`, en: `${q(p.label.en)} must be a number.` }),
  not_integer: (p) => ({
    id: `Kolom ${q(p.label.id)} harus bilangan bulat.`,
    en: `${q(p.label.en)} must be a whole number.`,
  }),
  out_of_range: (p) => ({
    id: `Kolom ${q(p.label.id)} harus ${p.max === undefined ? bounds(p, 'id') : `antara ${bounds(p, 'id')}`}.`,
    en: `${q(p.label.en)} must be ${p.max === undefined ? bounds(p, 'en') : `between ${bounds(p, 'en')}`}.`,
  }),
  invalid_date: (p) => ({
    id: `Kolom ${q(p.label.id)} bukan tanggal yang benar (tulis TTTT-BB-HH atau HH/BB/TTTT).`,
    en: `${q(p.label.en)} is not a valid date (write YYYY-MM-DD or DD/MM/YYYY).`,
  }),
  invalid_boolean: (p) => ({
    id: `Kolom ${q(p.label.id)} harus dicentang atau tidak (TRUE/FALSE, ya/tidak).`,
    en: `${q(p.label.en)} must be TRUE or FALSE (yes/no).`,
  }),
  invalid_option: (p) => ({
    id: `Pilihan di kolom ${q(p.label.id)} tidak dikenal; pilih salah satu: ${optionsText(p)}.`,
    en: `${q(p.label.en)} must be one of: ${optionsText(p)}.`,
  }),
  invalid_email: (p) => ({
    id: `Kolom ${q(p.label.id)} bukan alamat email yang benar.`,
    en: `${q(p.label.en)} is not a valid email address.`,
  }),
  invalid_initials: (p) => ({
    id: `Kolom ${q(p.label.id)} hanya boleh berisi inisial: 1–8 huruf, titik atau spasi (jangan nama lengkap).`,
    en: `${q(p.label.en)} must hold initials only: 1–8 letters, dots or spaces (no full names).`,
  }),
  invalid_id: (p) => ({
    id: `Kolom ${q(p.label.id)} harus berupa ID seperti ${p.example ?? ''}.`,
    en: `${q(p.label.en)} must be an id like ${p.example ?? ''}.`,
  }),
  invalid_format: (p) => ({
    id: `Isi kolom ${q(p.label.id)} tidak sesuai format${p.example === undefined ? '' : ` (contoh: ${p.example})`}.`,
    en: `${q(p.label.en)} is not in the expected format${p.example === undefined ? '' : ` (e.g. ${p.example})`}.`,
  }),
  invalid_rating: (p) => ({
    id: `Kolom ${q(p.label.id)} harus 0–4, atau N bila tidak ada kesempatan mengerjakan tugas.`,
    en: `${q(p.label.en)} must be 0–4, or N when there was no opportunity to work on the task.`,
  }),
  milestones_format: (p) => ({
    id: `Kolom ${q(p.label.id)} harus ditulis hari:jumlah dipisah koma, misalnya 5:1, 10:3, 15:5.`,
    en: `${q(p.label.en)} must be written day:count separated by commas, e.g. 5:1, 10:3, 15:5.`,
  }),
  milestones_order: (p) => ({
    id: `Kolom ${q(p.label.id)}: hari harus terus bertambah dan jumlah tugas tidak boleh berkurang.`,
    en: `${q(p.label.en)}: days must increase and counts must never decrease.`,
  }),
  too_long: (p) => ({
    id: `Kolom ${q(p.label.id)} terlalu panjang (maksimal ${p.max} karakter).`,
    en: `${q(p.label.en)} is too long (at most ${p.max} characters).`,
  }),
  invalid_characters: (p) => ({
    id: `Kolom ${q(p.label.id)} berisi karakter tersembunyi yang tidak diizinkan (karakter kontrol, pengatur arah teks, atau baris baru di luar kolom catatan); ketik ulang isinya.`,
    en: `${q(p.label.en)} contains hidden characters that are not allowed (control characters, text-direction controls, or line breaks outside notes); retype it.`,
  }),
  unknown_field: (p) => ({ id: `Kolom ${q(p.label.id)} tidak dikenal.`, en: `${q(p.label.en)} is not a known field.` }),
  read_only_field: (p) => ({
    id: `Kolom ${q(p.label.id)} diisi oleh sistem dan tidak boleh dikirim.`,
    en: `${q(p.label.en)} is filled in by the system and must not be sent.`,
  }),
  date_in_future: (p) => ({
    id: `Kolom ${q(p.label.id)} tidak boleh sesudah hari ini.`,
    en: `${q(p.label.en)} must not be after today.`,
  }),
  closure_required: (p) => ({
    id: `Kolom ${q(p.label.id)} wajib diisi bila status kasus selesai atau dirujuk.`,
    en: `${q(p.label.en)} is required when the case status is selesai or dirujuk.`,
  }),
  domain_required: (p) => ({
    id: `Kolom ${q(p.label.id)} wajib diisi untuk instrumen ${p.tool ?? ''}.`,
    en: `${q(p.label.en)} is required for the ${p.tool ?? ''} tool.`,
  }),
  domain_not_allowed: (p) => ({
    id: `Domain ini tidak sesuai dengan instrumen ${p.tool ?? ''}; pilih salah satu: ${optionsText(p)}.`,
    en: `This domain does not belong to the ${p.tool ?? ''} tool; choose one of: ${optionsText(p)}.`,
  }),
  milestones_exceed_target: (p) => ({
    id: `Kolom ${q(p.label.id)}: jumlah tugas pada tonggak terakhir melebihi target jumlah tugas.`,
    en: `${q(p.label.en)}: the last milestone count is above the target count.`,
  }),
  milestones_exceed_duration: (p) => ({
    id: `Kolom ${q(p.label.id)}: hari pada tonggak terakhir melebihi durasi (hari kerja).`,
    en: `${q(p.label.en)}: the last milestone day is beyond the duration (working days).`,
  }),
  assistance_required: (p) => ({
    id: `Kolom ${q(p.label.id)} wajib diisi bila nilai kosong (nilai diturunkan dari tingkat bantuan).`,
    en: `${q(p.label.en)} is required when the rating is blank (the rating is derived from it).`,
  }),
  withdrawal_incomplete: (p) => ({
    id: `Penarikan baris perlu tanggal dan alasan: isi juga kolom ${q(p.label.id)}.`,
    en: `A withdrawal needs both a date and a reason: fill in ${q(p.label.en)} too.`,
  }),
  not_in_list: (p) => ({
    id: `Pilihan di kolom ${q(p.label.id)} tidak ada di daftar ${q(p.list ?? '')} (tab Lists).`,
    en: `${q(p.label.en)} is not in the ${q(p.list ?? '')} list (Lists tab).`,
  }),
  case_not_found: (p) => ({
    id: `Kasus ${p.case_id ?? ''} tidak ada di tab Cases.`,
    en: `Case ${p.case_id ?? ''} is not in the Cases tab.`,
  }),
  goal_not_found: (p) => ({
    id: `Tujuan ${p.goal_id ?? ''} tidak ada di tab Goals.`,
    en: `Goal ${p.goal_id ?? ''} is not in the Goals tab.`,
  }),
  goal_case_mismatch: (p) => ({
    id: `Tujuan ${p.goal_id ?? ''} bukan milik kasus ${p.case_id ?? ''}.`,
    en: `Goal ${p.goal_id ?? ''} does not belong to case ${p.case_id ?? ''}.`,
  }),
  consent_missing: (p) => ({
    id: `Kasus ${p.case_id ?? ''} belum mempunyai tanggal persetujuan (informed consent).`,
    en: `Case ${p.case_id ?? ''} has no informed consent date yet.`,
  }),
  before_consent: (p) => ({
    id: `${p.label.id} sebelum tanggal persetujuan (informed consent) kasus ${p.case_id ?? ''}.`,
    en: `${p.label.en} is before the informed consent date of case ${p.case_id ?? ''}.`,
  }),
  case_not_active: (p) => ({
    id: `Kasus ${p.case_id ?? ''} tidak aktif; sesi hanya dicatat untuk kasus aktif.`,
    en: `Case ${p.case_id ?? ''} is not active; sessions are logged for active cases only.`,
  }),
  case_closed: (p) => ({
    id: `Kasus ${p.case_id ?? ''} sudah tidak aktif (selesai atau dirujuk); asesmen, tujuan dan sesi baru hanya dapat dicatat untuk kasus aktif.`,
    en: `Case ${p.case_id ?? ''} is no longer active (closed or referred); new assessments, goals and sessions can only be recorded for active cases.`,
  }),
  duplicate_id: (p) => ({
    id: `ID ${p.id ?? ''} dipakai di lebih dari satu baris.`,
    en: `Id ${p.id ?? ''} is used on more than one row.`,
  }),
  worker_unknown: (p) => ({
    id: `Peksos di kolom ${q(p.label.id)} tidak terdaftar di tab Staff.`,
    en: `The worker in ${q(p.label.en)} is not listed in the Staff tab.`,
  }),
  worker_inactive: (p) => ({
    id: `Peksos di kolom ${q(p.label.id)} sudah tidak aktif di tab Staff.`,
    en: `The worker in ${q(p.label.en)} is no longer active in the Staff tab.`,
  }),
  before_goal_start: (p) => ({
    id: `${p.label.id} sebelum tanggal mulai tujuan ${p.goal_id ?? ''}.`,
    en: `${p.label.en} is before the start date of goal ${p.goal_id ?? ''}.`,
  }),
  after_goal_end: (p) => ({
    id: `${p.label.id} sesudah hari kerja terakhir tujuan ${p.goal_id ?? ''} (${p.date ?? ''}).`,
    en: `${p.label.en} is after the last working day of goal ${p.goal_id ?? ''} (${p.date ?? ''}).`,
  }),
  next_date_before_date: (p) => ({
    id: `Kolom ${q(p.label.id)} tidak boleh sebelum tanggal peristiwa.`,
    en: `${q(p.label.en)} must not be before the event date.`,
  }),
  referral_target_required: (p) => ({
    id: `Kolom ${q(p.label.id)} wajib diisi untuk rujukan (referral): sebutkan lembaga atau layanan tujuan.`,
    en: `${q(p.label.en)} is required for a referral: name the institution or service referred to.`,
  }),
  participant_not_role: (p) => ({
    id: `Kolom ${q(p.label.id)} hanya berisi peran (bukan nama), dipisah koma, dari daftar participant_role di tab Lists, mis. ${optionsText(p)}.`,
    en: `${q(p.label.en)} holds roles only (no names), separated by commas, from the participant_role list in the Lists tab, e.g. ${optionsText(p)}.`,
  }),
  approve_goal_only: (p) => ({
    id: `Jenis approve (persetujuan) hanya untuk tujuan (T-…); untuk sesi, asesmen atau peristiwa pakai revise atau comment di kolom ${q(p.label.id)}.`,
    en: `approve is for goals (T-…) only; for a session, assessment or event use revise or comment in ${q(p.label.en)}.`,
  }),
  feedback_text_required: (p) => ({
    id: `Kolom ${q(p.label.id)} wajib diisi untuk revise dan comment.`,
    en: `${q(p.label.en)} is required for revise and comment.`,
  }),
  reply_required: (p) => ({
    id: `Menandai umpan balik selesai perlu balasan: isi juga kolom ${q(p.label.id)}.`,
    en: `Marking feedback resolved needs a reply: fill in ${q(p.label.en)} too.`,
  }),
  resolved_before_feedback: (p) => ({
    id: `Kolom ${q(p.label.id)} tidak boleh sebelum tanggal umpan balik.`,
    en: `${q(p.label.en)} must not be before the date of the feedback.`,
  }),
  event_after_closure: (p) => ({
    id: `Kasus ${p.case_id ?? ''} sudah tidak aktif pada tanggal ini; sesudah kasus ditutup hanya tindak lanjut (follow_up) yang dicatat.`,
    en: `Case ${p.case_id ?? ''} was no longer active on this date; after closure only a follow-up (follow_up) is recorded.`,
  }),
  target_not_found: (p) => ({
    id: `${p.target ?? ''} tidak ada di tab Goals, Sessions, Assessments atau Events.`,
    en: `${p.target ?? ''} is not in the Goals, Sessions, Assessments or Events tab.`,
  }),
  target_case_mismatch: (p) => ({
    id: `${p.target ?? ''} bukan milik kasus ${p.case_id ?? ''}.`,
    en: `${p.target ?? ''} does not belong to case ${p.case_id ?? ''}.`,
  }),
  from_not_supervisor: (p) => ({
    id: `Kolom ${q(p.label.id)} harus menyebut koordinator atau admin yang aktif di tab Staff; hanya mereka yang memberi umpan balik.`,
    en: `${q(p.label.en)} must name an active coordinator or admin of the Staff tab; only they give feedback.`,
  }),
  termination_event_missing: (p) => ({
    id: `Kasus ${p.case_id ?? ''} pada tahap terminasi tetapi belum ada peristiwa terminasi (termination) di tab Events.`,
    en: `Case ${p.case_id ?? ''} is at stage terminasi but has no termination event in the Events tab.`,
  }),
}

/** Codes that are warnings unless the rule says otherwise: the row is accepted and still counts. */
const WARNING_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'worker_inactive',
  'before_goal_start',
  'after_goal_end',
  'termination_event_missing',
])

/** The message of a code, in both languages. */
export const issueMessage = (code: IssueCode, params: IssueParams): Bilingual => MESSAGES[code](params)

/** Builds an issue; the severity defaults to the code's usual one. */
export function makeIssue(field: string, code: IssueCode, params: IssueParams, severity?: Severity): Issue {
  return {
    field,
    code,
    message: MESSAGES[code](params),
    severity: severity ?? (WARNING_CODES.has(code) ? 'warning' : 'error'),
  }
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error')

/** A sheet cell holds 50,000 characters; the status stays readable far below that. */
export const MAX_STATUS_LENGTH = 500

/**
 * The one-line text of the system-owned `_status` column: errors first, then warnings after
 * "Peringatan:" ("Warning:"). Empty when the row has no issue at all. A row with warnings only is
 * valid (it counts in progress) but still says why it looks odd. Longer texts are cut at whole
 * messages and end with "(+n lagi)".
 */
export function formatStatus(issues: readonly Issue[], lang: Lang = 'id'): string {
  if (issues.length === 0) return ''
  const seen = new Set<string>()
  const errors: string[] = []
  const warnings: string[] = []
  for (const issue of issues) {
    const text = issue.message[lang]
    if (seen.has(text)) continue
    seen.add(text)
    ;(issue.severity === 'error' ? errors : warnings).push(text)
  }
  const parts = [...errors]
  const prefix = lang === 'id' ? 'Peringatan:' : 'Warning:'
  warnings.forEach((w, i) => {
    parts.push(i === 0 ? `${prefix} ${w}` : w)
  })
  let out = ''
  for (let i = 0; i < parts.length; i++) {
    const next = out === '' ? (parts[i] as string) : `${out} ${parts[i]}`
    const more = parts.length - i - 1
    const tail = more > 0 ? ` (+${more} ${lang === 'id' ? 'lagi' : 'more'})` : ''
    if (next.length + tail.length > MAX_STATUS_LENGTH && out !== '') {
      return `${out} (+${parts.length - i} ${lang === 'id' ? 'lagi' : 'more'})`
    }
    out = next
  }
  return out
}
