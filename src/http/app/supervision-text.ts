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
  // the case report
  report: b('Laporan kasus', 'Case report'),
  openReport: b('Laporan kasus (cetak)', 'Case report (print)'),
  reportLead: b(
    'Disusun otomatis dari baris spreadsheet sentra, per tanggal di atas. Klien hanya disebut dengan inisial.',
    "Assembled from the centre spreadsheet's rows as of the date above. The client is named by initials only.",
  ),
  reportAsOf: b('Per tanggal', 'As of'),
  printedBy: b('Dibuka', 'Opened'),
  byWord: b('oleh', 'by'),
  printHint: b(
    'Untuk mencetak atau menyimpan PDF: menu peramban → Cetak (kertas A4).',
    "To print or save a PDF: the browser's menu → Print (A4 paper).",
  ),
  profile: b('Profil klien', 'Client profile'),
  age: b('Usia', 'Age'),
  yearsOld: b('tahun', 'years'),
  assessmentSummary: b('Ringkasan asesmen', 'Assessment summary'),
  findings: b('Temuan per instrumen dan domain', 'Findings per tool and domain'),
  noAssessments: b('Belum ada asesmen.', 'No assessment yet.'),
  coverageComplete: b('Semua domain BPSS dan ILS tercakup', 'Every BPSS and ILS domain is covered'),
  coverageIncomplete: b('Belum semua domain BPSS dan ILS tercakup', 'Not every BPSS and ILS domain is covered yet'),
  allTriangulated: b('semua domain tertriangulasi', 'every domain triangulated'),
  notAllTriangulated: b('belum semua domain tertriangulasi', 'not every domain triangulated yet'),
  plan: b('Rencana intervensi', 'Intervention plan'),
  smartTarget: b('Target SMART', 'SMART target'),
  inWorkingDays: b('dikuasai dalam', 'mastered in'),
  noGoals: b('Belum ada tujuan.', 'No goals yet.'),
  sessionLog: b('Catatan sesi', 'Session log'),
  noSessions: b('Belum ada sesi.', 'No session yet.'),
  withdrawnLeftOut: b(
    'baris yang ditarik (salah catat) tidak dicantumkan.',
    'withdrawn rows (logged by mistake) are left out.',
  ),
  evaluation: b('Evaluasi (Skala Pencapaian Tugas)', 'Evaluation (Task Achievement Scale)'),
  task: b('Tugas', 'Task'),
  rating: b('Nilai', 'Rating'),
  masteredCol: b('Dikuasai', 'Mastered'),
  sessionsCol: b('Sesi', 'Sessions'),
  lastDate: b('Terakhir', 'Last'),
  ratingSum: b('Jumlah nilai', 'Rating sum'),
  mean: b('Rata-rata', 'Mean'),
  levelCol: b('Level', 'Level'),
  labelCol: b('Keterangan', 'Label'),
  percent: b('Persentase', 'Percent'),
  success: b('Berhasil', 'Success'),
  yes: b('ya', 'yes'),
  no: b('tidak', 'no'),
  goalStatus: b('Status tujuan', 'Goal status'),
  targetCol: b('Target', 'Target'),
  statusCol: b('Status', 'Status'),
  milestonesTitle: b('Tonggak', 'Milestones'),
  evaluationNote: b(
    'Rata-rata = jumlah nilai ÷ target efektif; level = rata-rata dibulatkan ke atas dari ,5; persentase = jumlah ÷ (4 × target efektif). Tugas bernilai N (tidak ada kesempatan) tidak dihitung.',
    'Mean = rating sum ÷ effective target; level = the mean rounded half up; percent = sum ÷ (4 × effective target). Tasks rated N (no opportunity) are not counted.',
  ),
  tScoreTitle: b('Skor-T kasus (Goal Attainment Scaling)', 'Case T-score (Goal Attainment Scaling)'),
  tScoreNote: b(
    'T = 50 berarti sesuai rencana; di atas 50 melampaui rencana, di bawah 50 belum mencapainya.',
    'T = 50 means as planned; above 50 beyond the plan, below 50 short of it.',
  ),
  weight: b('Bobot', 'Weight'),
  signatures: b('Pengesahan', 'Sign-off'),
  signWorker: b('Pekerja sosial', 'Social worker'),
  signCoordinator: b('Mengetahui, koordinator', 'Acknowledged, coordinator'),
  nameAndDate: b('nama, tanda tangan dan tanggal', 'name, signature and date'),
  dayWord: b('hari ke-', 'day '),
  // the dashboard
  dashboard: b('Dasbor koordinator', 'Coordinator dashboard'),
  dashboardLead: b(
    'Angka yang sama dengan tab Dashboard di spreadsheet dan GET /api/dashboard, per tanggal di atas.',
    'The same figures as the Dashboard tab of the spreadsheet and GET /api/dashboard, as of the date above.',
  ),
  weekOf: b('minggu ini', 'this week'),
  activeCases: b('Kasus aktif', 'Active cases'),
  sessionsThisWeek: b('Sesi minggu ini', 'Sessions this week'),
  openFeedbackCount: b('Umpan balik terbuka', 'Open feedback'),
  goalsByStatus: b('Tujuan kasus aktif per status', 'Goals of active cases by status'),
  tasLevels: b('Level TAS tujuan yang sudah mulai', 'TAS level of started goals'),
  caseload: b('Beban kasus per peksos', 'Caseload per worker'),
  workerCol: b('Peksos', 'Worker'),
  stageFunnel: b('Corong tahapan kasus aktif', 'Stage funnel of active cases'),
  stageCol: b('Tahapan', 'Stage'),
  atStage: b('Saat ini di tahap ini', 'At this stage now'),
  reached: b('Sudah mencapai tahap ini', 'Reached this stage'),
  funnelDesc: b('kasus aktif yang sudah mencapai tiap tahap', 'active cases that reached each stage'),
  clusterService: b(
    'Kasus aktif per klaster × jenis layanan (laporan bulanan)',
    'Active cases by cluster × service (the monthly report)',
  ),
  clusterCol: b('Klaster', 'Cluster'),
  total: b('Jumlah', 'Total'),
  byStatus: b('Semua kasus per status', 'All cases by status'),
  approvals: b('Persetujuan rencana (tujuan kasus aktif)', 'Plan approval (goals of active cases)'),
  goalsBehind: b('Tujuan tertinggal dari rencana', 'Goals behind plan'),
  missedMilestones: b('Tonggak terlewat', 'Missed milestones'),
  masteredOfTarget: b('Dikuasai / target', 'Mastered / target'),
  staleFeedback: b('Umpan balik terbuka lebih dari 3 hari kerja', 'Open feedback older than 3 working days'),
  ageWorkingDays: b('Umur (hari kerja)', 'Age (working days)'),
  aboutCol: b('Tentang', 'About'),
  kindCol: b('Jenis', 'Kind'),
  fromCol: b('Dari', 'From'),
  curves: b('Kurva tonggak per tujuan', 'Milestone curve of each goal'),
  curvesLead: b(
    'Tujuan yang tertinggal lebih dulu. Garis putus-putus: rencana; garis biru: tugas yang dikuasai per hari kerja.',
    'Goals behind plan first. Dashed: the plan; blue: tasks mastered by each working day.',
  ),
  pageOf: b('Halaman', 'Page'),
  previous: b('Sebelumnya', 'Previous'),
  nextPage: b('Berikutnya', 'Next'),
  none: b('Tidak ada.', 'None.'),
  noCurves: b('Belum ada tujuan pada kasus aktif.', 'No goal of an active case yet.'),
} as const satisfies Record<string, Bilingual>

export type SupervisionTextKey = keyof typeof SUPERVISION_TEXT

/** A supervision-page text in `lang`. */
export const st = (lang: Lang, key: SupervisionTextKey): string => SUPERVISION_TEXT[key][lang]
