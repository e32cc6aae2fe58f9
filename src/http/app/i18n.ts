/**
 * @module
 * The field app's own words, Indonesian first (users.md: staff read Indonesian; English on the
 * switch, remembered in the `lang` cookie). Column labels, help texts and validation messages are
 * not here: they come from the row schemas and the domain's issue catalogue, so a form says what
 * the sheet's header and `_status` say. Option labels here only make codes readable
 * (`pendekatan_awal` → "Pendekatan awal"); the options themselves come from the schemas.
 */
import type { Bilingual, Lang } from '../../domain'

const b = (id: string, en: string): Bilingual => ({ id, en })

export const TEXT = {
  appName: b('Buku Kasus', 'Casebook'),
  skip: b('Langsung ke isi', 'Skip to content'),
  signOut: b('Keluar', 'Sign out'),
  switchLang: b('English', 'Bahasa Indonesia'),
  home: b('Beranda', 'Home'),
  tasks: b('Yang perlu dikerjakan', 'What is due'),
  newSession: b('Catat sesi', 'Log a session'),
  groupSession: b('Sesi kelompok', 'Group session'),
  newAssessment: b('Catat asesmen', 'Log an assessment'),
  newGoal: b('Tujuan baru', 'New goal'),
  newCase: b('Kasus baru', 'New case'),
  myCases: b('Kasus saya', 'My cases'),
  allCases: b('Semua kasus', 'All cases'),
  noCases: b('Belum ada kasus.', 'No cases yet.'),
  noGoals: b('Belum ada tujuan.', 'No goals yet.'),
  role_worker: b('peksos', 'social worker'),
  role_coordinator: b('koordinator', 'coordinator'),
  role_admin: b('admin', 'admin'),
  required: b('wajib', 'required'),
  optional: b('boleh kosong', 'optional'),
  choose: b('— pilih —', '— choose —'),
  save: b('Simpan', 'Save'),
  saveAll: b('Simpan semua', 'Save all'),
  preview: b('Pratinjau tanggal', 'Preview dates'),
  next: b('Lanjut', 'Continue'),
  change: b('Ganti', 'Change'),
  fixBelow: b(
    'Data belum tersimpan. Perbaiki kolom yang ditandai lalu simpan lagi.',
    'Not saved yet. Fix the marked fields and save again.',
  ),
  savedAs: b('Tersimpan', 'Saved'),
  pendingAs: b(
    'Diterima dan menunggu dikirim ke spreadsheet; akan muncul di sheet begitu Google menjawab',
    'Accepted and waiting to reach the spreadsheet; it appears in the sheet as soon as Google answers',
  ),
  replayed: b('Sudah tersimpan sebelumnya (dikirim dua kali)', 'Already saved before (sent twice)'),
  // sign-in
  signInTitle: b('Masuk', 'Sign in'),
  signInLead: b(
    'Masuk dengan akun Google yang emailnya tercatat di tab Staff spreadsheet sentra.',
    "Sign in with the Google account whose email is in the centre spreadsheet's Staff tab.",
  ),
  signInButton: b('Masuk dengan Google', 'Sign in with Google'),
  signInNotConfigured: b(
    'Masuk dengan Google belum diatur di server ini (OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, SESSION_SECRET). Hubungi admin.',
    'Sign-in with Google is not configured on this server (OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, SESSION_SECRET). Ask the administrator.',
  ),
  signedOut: b('Anda sudah keluar.', 'You are signed out.'),
  sessionExpired: b(
    'Sesi masuk sudah berakhir. Silakan masuk lagi.',
    'Your sign-in has expired. Please sign in again.',
  ),
  signInFailed: b('Masuk tidak berhasil. Silakan coba lagi.', 'Sign-in did not work. Please try again.'),
  signInStale: b(
    'Permintaan masuk ini sudah kedaluwarsa atau sudah dipakai. Silakan mulai lagi.',
    'This sign-in request has expired or was already used. Please start again.',
  ),
  signInUnknown: b(
    'Email ini tidak tercatat di tab Staff. Minta koordinator menambahkannya, lalu masuk lagi.',
    'This email is not in the Staff tab. Ask a coordinator to add it, then sign in again.',
  ),
  signInInactive: b(
    'Akun staf untuk email ini tidak aktif di tab Staff. Hubungi koordinator.',
    'The staff row for this email is not active in the Staff tab. Ask a coordinator.',
  ),
  signInUnverified: b(
    'Email akun Google ini belum terverifikasi.',
    'The email of this Google account is not verified.',
  ),
  signInUnavailable: b(
    'Layanan masuk Google tidak dapat dihubungi. Coba lagi sebentar lagi.',
    'Google sign-in cannot be reached. Please try again shortly.',
  ),
  csrfRefused: b(
    'Formulir ini ditolak karena tidak dikirim dari halaman aplikasi ini (perlindungan CSRF). Muat ulang halaman lalu kirim lagi.',
    'This form was refused because it was not sent from this app’s page (CSRF protection). Reload the page and send it again.',
  ),
  notFoundTitle: b('Halaman tidak ditemukan', 'Page not found'),
  // home, cases, goals
  caseload: b('Beban kasus per peksos', 'Caseload per worker'),
  activeCases: b('Kasus aktif', 'Active cases'),
  dueCount: b('Perlu dikerjakan', 'Due'),
  filterWorker: b('Peksos', 'Worker'),
  everyone: b('Semua peksos', 'Every worker'),
  show: b('Tampilkan', 'Show'),
  goals: b('Tujuan', 'Goals'),
  level: b('Level', 'Level'),
  nextMilestone: b('Tonggak berikutnya', 'Next milestone'),
  mastered: b('dikuasai', 'mastered'),
  of: b('dari', 'of'),
  tasksWord: b('tugas', 'tasks'),
  day: b('hari ke-', 'day '),
  lastSession: b('Sesi terakhir', 'Last session'),
  noSessionYet: b('belum ada sesi', 'no session yet'),
  logSessionFor: b('Catat sesi', 'Log a session'),
  openCase: b('Buka kasus', 'Open case'),
  stage: b('Tahap', 'Stage'),
  sessions: b('Sesi', 'Sessions'),
  assessments: b('Asesmen', 'Assessments'),
  coverage: b('Cakupan dan triangulasi', 'Coverage and triangulation'),
  covered: b('tercakup', 'covered'),
  notCovered: b('belum', 'not yet'),
  triangulated: b('triangulasi', 'triangulated'),
  oneSource: b('satu sumber', 'one source'),
  sources: b('Sumber', 'Sources'),
  domain: b('Domain', 'Domain'),
  timeline: b('Garis waktu tonggak', 'Milestone timeline'),
  today: b('hari ini', 'today'),
  updateCase: b('Persetujuan dan tahap', 'Consent and stage'),
  updateCaseSaved: b('Perubahan kasus tersimpan.', 'The case was updated.'),
  caseChanged: b(
    'Kasus ini baru saja diubah orang lain (mis. di spreadsheet). Data terbaru ditampilkan di bawah; periksa lalu simpan lagi bila perlu.',
    'Someone else just changed this case (e.g. in the spreadsheet). The latest data is shown below; check it and save again if needed.',
  ),
  nothingChanged: b('Tidak ada yang diubah.', 'Nothing was changed.'),
  tScore: b('Skor-T kasus', 'Case T-score'),
  asOf: b('Capaian per tanggal', 'Progress as of'),
  pendingSync: b('menunggu sinkron', 'waiting to sync'),
  noItems: b('Tidak ada yang perlu dikerjakan saat ini.', 'Nothing is due right now.'),
  // what is due
  due_goal_behind: b('Tertinggal dari rencana', 'Behind plan'),
  due_milestone_due: b('Tonggak minggu ini', 'Milestone this week'),
  due_goal_idle: b('Belum ada sesi', 'No recent session'),
  due_assessment_missing: b('Belum ada asesmen', 'No assessment yet'),
  due_coverage_incomplete: b('Asesmen belum lengkap', 'Assessment incomplete'),
  due_closure_missing: b('Terminasi belum lengkap', 'Closure incomplete'),
  workingDays: b('hari kerja', 'working days'),
  sinceConsent: b('sejak persetujuan', 'since consent'),
  notAssessed: b('belum diases', 'not assessed'),
  completeCase: b('Lengkapi kasus', 'Complete the case'),
  // forms
  chooseGoal: b('Pilih tujuan', 'Choose a goal'),
  chooseGoalLead: b(
    'Sesi dicatat untuk satu tujuan dari kasus Anda.',
    'A session is logged for one goal of your cases.',
  ),
  chooseCases: b('Pilih klien', 'Choose the clients'),
  chooseCasesLead: b(
    'Pilih klien yang ikut sesi kelompok ini; tiap klien dicatat sebagai satu baris sesi.',
    'Choose the clients who took part; each one is logged as a session row of their own.',
  ),
  chooseTool: b('Pilih instrumen', 'Choose a tool'),
  caseWord: b('Kasus', 'Case'),
  goalWord: b('Tujuan', 'Goal'),
  session: b('sesi', 'session'),
  assessment: b('asesmen', 'assessment'),
  goal: b('tujuan', 'goal'),
  case: b('kasus', 'case'),
  groupRow: b('Klien', 'Client'),
  groupShared: b('Untuk semua klien', 'For every client'),
  rowSaved: b('Tersimpan', 'Saved'),
  rowFix: b('Perbaiki baris ini', 'Fix this row'),
  groupSavedAll: b('Semua baris tersimpan.', 'Every row was saved.'),
  groupSomeFailed: b(
    'Sebagian baris belum tersimpan. Perbaiki yang ditandai lalu kirim lagi; baris yang sudah tersimpan tidak akan tercatat dua kali.',
    'Some rows are not saved yet. Fix the marked ones and send again; rows already saved are not stored twice.',
  ),
  noConsentCases: b(
    'Belum ada kasus aktif Anda dengan tanggal persetujuan.',
    'None of your active cases has an informed consent date yet.',
  ),
  previewTitle: b('Tanggal tonggak', 'Milestone dates'),
  previewDay1: b('Hari ke-1', 'Day 1'),
  previewLast: b('Hari kerja terakhir', 'Last working day'),
  previewBeyond: b('melewati durasi', 'beyond the duration'),
  previewAbove: b('melebihi target', 'above the target'),
  previewNeedsStart: b(
    'Isi tanggal mulai untuk melihat tanggal tonggak.',
    'Fill in the start date to see the milestone dates.',
  ),
  advanced: b('Pengaturan lanjutan', 'More settings'),
  withdraw: b('Tarik', 'Withdraw'),
  correct: b('Koreksi', 'Correct'),
  correctOrWithdraw: b('Koreksi / tarik', 'Correct / withdraw'),
  withdrawnOn: b('ditarik', 'withdrawn'),
  withdrawLead: b(
    'Salah catat? Baris yang ditarik tetap ada di spreadsheet dengan tanggal dan alasannya, tetapi tidak dihitung lagi.',
    'Logged by mistake? A withdrawn row stays in the spreadsheet with its date and reason, but no longer counts.',
  ),
  rowChanged: b(
    'Baris ini baru saja diubah orang lain (mis. di spreadsheet). Data terbaru ditampilkan di bawah; periksa lalu simpan lagi bila perlu.',
    'Someone else just changed this row (e.g. in the spreadsheet). The latest data is shown below; check it and save again if needed.',
  ),
} as const satisfies Record<string, Bilingual>

export type TextKey = keyof typeof TEXT

/** A text in `lang`. */
export const tr = (lang: Lang, key: TextKey): string => TEXT[key][lang]

/** Readable display labels of codes that are not self-explanatory; others are humanised. */
const OPTION_LABELS: Readonly<Record<string, Bilingual>> = {
  'assistance:mandiri': b('Mandiri (4)', 'Independent (4)'),
  'assistance:minimal': b('Bantuan minimal (3)', 'Light prompting (3)'),
  'assistance:sebagian': b('Bantuan sebagian (2)', 'About half (2)'),
  'assistance:penuh': b('Bantuan penuh (1)', 'Full guidance (1)'),
  'assistance:tidak_tercapai': b('Tidak tercapai (0)', 'Could not (0)'),
  'sex:L': b('L – laki-laki', 'L – male'),
  'sex:P': b('P – perempuan', 'P – female'),
  'tool:bpss': b('BPSS (bio-psiko-sosial-spiritual)', 'BPSS (bio-psycho-social-spiritual)'),
  'tool:ils': b('ILS (keterampilan hidup mandiri)', 'ILS (independent living skills)'),
  'tool:saleebey': b('Saleebey (kuadran kekuatan)', 'Saleebey (strengths quadrant)'),
  'rating:N': b('N – tidak ada kesempatan', 'N – no opportunity'),
}

/** `pendekatan_awal` → `Pendekatan awal`. */
export const humanize = (code: string): string => {
  const words = code.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The display label of option `value` of list/column `group` (e.g. `assistance`, `stage`). */
export const optionLabel = (group: string, value: string, lang: Lang): string =>
  OPTION_LABELS[`${group}:${value}`]?.[lang] ?? humanize(value)

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
}
const WEEKDAYS: Readonly<Record<Lang, readonly string[]>> = {
  id: ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
}

/** `2025-03-12` → `Rab 12 Mar 2025` / `Wed 12 Mar 2025` (weekday from the date itself, UTC). */
export function shortDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (m === null) return iso
  const [, y, mo, d] = m
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()
  return `${WEEKDAYS[lang][day]} ${Number(d)} ${MONTHS[lang][Number(mo) - 1]} ${y}`
}
