/**
 * @module
 * A small, obviously synthetic demo centre for the local system: the three demo staff the
 * README's quickstart uses, two holidays, four cases at different stages, assessments, one goal
 * with a few weeks of sessions and one goal just started; case events (conference, contract,
 * termination, referral, follow-up) and a coordinator's feedback (an approved plan, a revision
 * asked for, a comment left open for a week). Dates are relative to `today`, so the
 * Progress tab shows a live picture whenever the demo is seeded. Rows are written the way staff
 * type them (USER_ENTERED: dates as YYYY-MM-DD text, checkboxes as TRUE), columns in the
 * template's order (the schema's field order).
 */
import { addDays, type IsoDate, TABLES, type TabKey, weekday } from '../src/domain'

type Cell = string | number | boolean
type DemoRow = Readonly<Record<string, Cell>>

/** The demo staff; ids the README and `npm run dev` print tokens for. */
export const DEMO_STAFF = {
  admin: 'admin-demo',
  coordinator: 'koordinator-demo',
  worker: 'peksos-demo',
} as const

/** The demo staff member's (synthetic) Google account: `peksos-demo@sentra-demo.example`. */
export const demoEmail = (staffId: string): string => `${staffId}@sentra-demo.example`

/** The working day on or before `date` (the demo counts back over weekends only). */
function workday(date: IsoDate): IsoDate {
  let d = date
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1)
  return d
}

/** The `n`-th working day (Mon–Fri, no holidays) strictly before `date`, counting back. */
function workdaysBefore(date: IsoDate, n: number): IsoDate {
  let d = date
  for (let left = n; left > 0; ) {
    d = addDays(d, -1)
    if (weekday(d) !== 0 && weekday(d) !== 6) left--
  }
  return d
}

/** The demo rows per tab, keyed by column key. */
export function demoRows(today: IsoDate): Partial<Record<TabKey, DemoRow[]>> {
  const goalStart = workdaysBefore(today, 12)
  const consent = addDays(goalStart, -14)
  const worker = DEMO_STAFF.worker
  const tasks = ['mencuci beras', 'menggoreng telur', 'membuat sayur bening', 'membuat tempe goreng', 'membuat sup']
  // Session plan for T-0001: a recipe with full guidance, then about half, then independent.
  const plan: [number, number, string][] = [
    [12, 0, 'penuh'],
    [11, 0, 'sebagian'],
    [10, 0, 'mandiri'],
    [9, 1, 'penuh'],
    [8, 1, 'sebagian'],
    [7, 1, 'mandiri'],
    [6, 2, 'penuh'],
    [5, 2, 'sebagian'],
    [3, 2, 'minimal'],
    [2, 3, 'penuh'],
    [1, 3, 'sebagian'],
  ]
  const sessions = plan.map(([daysAgo, task, assistance]) => ({
    case_id: 'K-0001',
    goal_id: 'T-0001',
    date: workdaysBefore(today, daysAgo),
    task: tasks[task] ?? 'tugas',
    assistance,
    techniques: 'modelling, prompting',
    participants: 'instruktur tata boga',
    worker,
    duration_min: 90,
  }))
  return {
    staff: [
      // Emails are the accounts the emulator's Google sign-in page offers (npm run dev).
      { staff_id: DEMO_STAFF.admin, email: demoEmail(DEMO_STAFF.admin), role: 'admin', active: true },
      { staff_id: DEMO_STAFF.coordinator, email: demoEmail(DEMO_STAFF.coordinator), role: 'coordinator', active: true },
      {
        staff_id: DEMO_STAFF.worker,
        email: demoEmail(DEMO_STAFF.worker),
        role: 'worker',
        active: true,
        cluster: 'disabilitas_intelektual',
      },
      { staff_id: 'peksos-dua', email: demoEmail('peksos-dua'), role: 'worker', active: true, cluster: 'anak' },
    ],
    settings: [
      { date: workdaysBefore(today, 4), description: 'Libur contoh (data demo)' },
      { date: addDays(workday(today), 28), description: 'Libur contoh (data demo)' },
    ],
    cases: [
      {
        case_id: 'K-0001',
        initials: 'A.B.',
        sex: 'L',
        birth_date: '2009-05-14',
        cluster: 'disabilitas_intelektual',
        service: 'residensial',
        education: 'SMPLB',
        referral_source: 'Dinas Sosial (contoh)',
        referral_date: addDays(consent, -10),
        worker,
        stage: 'implementasi',
        consent_date: consent,
        status: 'aktif',
      },
      {
        case_id: 'K-0002',
        initials: 'C.D.',
        sex: 'P',
        birth_date: '2012-11-02',
        cluster: 'anak',
        service: 'daycare',
        worker,
        stage: 'asesmen',
        consent_date: addDays(today, -6),
        status: 'aktif',
      },
      {
        case_id: 'K-0003',
        initials: 'E.F.',
        sex: 'L',
        birth_date: '2001-02-20',
        cluster: 'disabilitas_fisik',
        service: 'komunitas',
        worker: 'peksos-dua',
        stage: 'akses',
        status: 'aktif',
      },
      {
        case_id: 'K-0004',
        initials: 'G.H.',
        sex: 'P',
        birth_date: '1998-08-08',
        cluster: 'disabilitas_sensorik',
        service: 'keluarga',
        worker: 'peksos-dua',
        stage: 'terminasi',
        consent_date: addDays(today, -120),
        status: 'selesai',
        closed_date: addDays(today, -20),
        closure_reason: 'Tujuan tercapai (data demo)',
        referred_to: 'Keluarga dan LKS asal (contoh)',
      },
    ],
    assessments: [
      ...(['biologis', 'psikologis', 'sosial', 'spiritual'] as const).map((domain) => ({
        case_id: 'K-0001',
        date: addDays(consent, 2),
        tool: 'bpss',
        domain,
        source: 'klien',
        method: 'wawancara',
        finding: 'Temuan contoh untuk demo',
        worker,
      })),
      {
        case_id: 'K-0001',
        date: addDays(consent, 3),
        tool: 'bpss',
        domain: 'sosial',
        source: 'pengasuh',
        method: 'wawancara',
        worker,
      },
      ...(['fisik', 'sosial', 'ekonomi', 'psikologis'] as const).map((domain, i) => ({
        case_id: 'K-0001',
        date: addDays(consent, 4),
        tool: 'ils',
        domain,
        score: 1 + (i % 3),
        source: 'klien',
        method: 'observasi',
        worker,
      })),
      {
        case_id: 'K-0002',
        date: addDays(today, -3),
        tool: 'saleebey',
        domain: 'kekuatan_personal',
        source: 'keluarga',
        method: 'wawancara',
        worker,
      },
    ],
    goals: [
      {
        goal_id: 'T-0001',
        case_id: 'K-0001',
        title: 'Dalam 15 hari kerja PM menguasai 5 resep masakan sederhana',
        method: 'casework',
        techniques: 'task analysis, modelling',
        start_date: goalStart,
        duration_days: 15,
        target_count: 5,
        unit: 'resep',
        milestones: '5:1, 10:3, 15:5',
        indicator: 'PM memasak resep tanpa bantuan',
        parties: 'instruktur tata boga',
      },
      {
        goal_id: 'T-0002',
        case_id: 'K-0001',
        title: 'PM menghitung biaya belanja bahan untuk satu resep',
        method: 'casework',
        start_date: workdaysBefore(today, 2),
        duration_days: 5,
        target_count: 3,
        milestones: '3:1, 5:3',
      },
    ],
    sessions,
    events: [
      {
        case_id: 'K-0001',
        date: addDays(consent, 5),
        kind: 'case_conference',
        participants: 'peksos, supervisor, psikolog',
        summary: 'Hasil asesmen dibahas; rencana memasak 5 resep disepakati (data demo).',
        decisions: 'Mulai intervensi tata boga; evaluasi setelah 15 hari kerja.',
        next_date: addDays(goalStart, 21),
        worker,
      },
      {
        case_id: 'K-0001',
        date: addDays(consent, 6),
        kind: 'contract',
        participants: 'klien, peksos, orang_tua',
        summary: 'Kontrak layanan dibacakan dan disetujui (data demo).',
        worker,
      },
      {
        case_id: 'K-0004',
        date: addDays(today, -20),
        kind: 'termination',
        participants: 'klien, peksos, keluarga',
        summary: 'Terminasi: tujuan tercapai (data demo).',
        worker: 'peksos-dua',
      },
      {
        case_id: 'K-0004',
        date: addDays(today, -20),
        kind: 'referral',
        participants: 'peksos, lembaga_rujukan',
        summary: 'Dirujuk kembali ke keluarga dan LKS asal (data demo).',
        worker: 'peksos-dua',
        referred_to: 'LKS asal (contoh)',
      },
      {
        case_id: 'K-0004',
        date: addDays(today, -5),
        kind: 'follow_up',
        participants: 'peksos, keluarga',
        summary: 'Tindak lanjut lewat telepon: PM menjalankan rutinitas di rumah (data demo).',
        worker: 'peksos-dua',
      },
    ],
    feedback: [
      {
        case_id: 'K-0001',
        target: 'T-0001',
        date: addDays(goalStart, -1),
        from: DEMO_STAFF.coordinator,
        kind: 'approve',
      },
      {
        case_id: 'K-0001',
        target: 'T-0001',
        date: workdaysBefore(today, 6),
        from: DEMO_STAFF.coordinator,
        kind: 'comment',
        text: 'Catat juga takaran bahan tiap resep (data demo).',
      },
      {
        case_id: 'K-0001',
        target: 'T-0002',
        date: workdaysBefore(today, 1),
        from: DEMO_STAFF.coordinator,
        kind: 'revise',
        text: 'Tonggak hari ke-3 terlalu cepat; sesuaikan (data demo).',
      },
    ],
  }
}

/** The rows of one tab as value arrays in the template's column order (no `_status`). */
export function demoValues(tab: TabKey, rows: readonly DemoRow[]): Cell[][] {
  const keys = TABLES[tab].columns.map((c) => c.key)
  return rows.map((row) => keys.map((key) => row[key] ?? ''))
}
