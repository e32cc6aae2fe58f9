import { describe, expect, it } from 'vitest'
import { isoToSerial, type RawSnapshot, validateSnapshot } from '../../src/domain/index'

const d = isoToSerial // dates arrive as day serials with SERIAL_NUMBER

/** A sheet as read through the API: serial dates, loose text, one extra cluster in Lists. */
const snapshot = (): RawSnapshot => ({
  staff: [
    { staff_id: 'peksos-uji', role: 'worker', active: true },
    { staff_id: 'koord-uji', email: 'koord@example.org', role: 'coordinator', active: 'ya' },
  ],
  settings: [{ date: d('2025-03-07'), description: 'libur' }],
  lists: [{ cluster: 'anak' }, { cluster: 'Lansia' }, { sex: 'L' }],
  cases: [
    {
      case_id: 'K-0001',
      initials: 'AB',
      sex: 'L',
      birth_date: d('2012-07-14'),
      cluster: 'Lansia',
      service: 'residensial',
      worker: 'peksos-uji',
      stage: 'implementasi',
      consent_date: d('2025-02-20'),
      status: 'Aktif',
    },
    {
      case_id: 'K-0002',
      initials: 'CD',
      sex: 'P',
      birth_date: d('2010-01-02'),
      cluster: 'anak',
      service: 'daycare',
      worker: 'peksos-uji',
      stage: 'akses',
      status: 'aktif',
    },
    {
      case_id: 'K-0002',
      initials: 'EF',
      sex: 'P',
      birth_date: d('2011-01-02'),
      cluster: 'anak',
      service: 'daycare',
      worker: 'peksos-uji',
      stage: 'akses',
      status: 'aktif',
    },
  ],
  goals: [
    {
      goal_id: 'T-0001',
      case_id: 'K-0001',
      title: 'Mencuci pakaian sendiri',
      method: 'casework',
      start_date: d('2025-03-05'),
      duration_days: 10,
      target_count: 4,
      milestones: '5:2, 10:4',
    },
  ],
  sessions: [
    {
      session_id: 'S-0001',
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: d('2025-03-05'),
      task: 'memilah',
      assistance: 'penuh',
      worker: 'peksos-uji',
    },
    {
      session_id: 'S-0002',
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: d('2025-03-20'),
      task: 'memilah',
      assistance: 'mandiri',
      worker: 'koord@example.org',
    },
    {
      session_id: 'S-0003',
      case_id: 'K-0002',
      goal_id: 'T-0001',
      date: d('2025-03-06'),
      task: 'memilah',
      assistance: 'mandiri',
      worker: 'peksos-uji',
    },
    {
      session_id: 'S-0004',
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: 'besok',
      task: 'memilah',
      assistance: 'mandiri',
      worker: 'peksos-uji',
    },
  ],
})

describe('validateSnapshot', () => {
  const report = validateSnapshot(snapshot(), { today: '2025-04-30' })
  const codesOf = (rows: readonly { issues: readonly { code: string }[] }[]) =>
    rows.map((r) => r.issues.map((i) => i.code))

  it('accepts a cluster that staff added in the Lists tab', () => {
    expect(report.cases[0]).toMatchObject({ valid: true, status: '', row: { cluster: 'lansia', status: 'aktif' } })
    expect(report.context.lists.cluster).toEqual(['anak', 'lansia'])
  })

  it('flags every row that shares an id, whatever the sheet order', () => {
    expect(codesOf(report.cases)).toEqual([[], ['duplicate_id'], ['duplicate_id']])
    expect(report.cases[1]?.status).toBe('ID K-0002 dipakai di lebih dari satu baris.')
  })

  it('uses the Settings holidays for the goal’s working days', () => {
    // Day 10 is 2025-03-19 only because 2025-03-07 is a holiday; 03-20 is after the goal.
    expect(report.sessions[1]).toMatchObject({ valid: true, issues: [{ code: 'after_goal_end', severity: 'warning' }] })
    expect(report.sessions[1]?.status).toBe(
      'Peringatan: Tanggal sesi sesudah hari kerja terakhir tujuan T-0001 (2025-03-19).',
    )
  })

  it('checks cross-row rules against the sheet itself, staff matched by email too', () => {
    expect(codesOf(report.sessions)).toEqual([
      [],
      ['after_goal_end'],
      ['consent_missing', 'goal_case_mismatch'],
      ['invalid_date'],
    ])
    expect(report.sessions[3]).toMatchObject({ valid: false, row: undefined })
  })

  it('counts rows read and rows with errors', () => {
    expect(report.rowsRead).toBe(2 + 1 + 3 + 3 + 1 + 4)
    expect(report.rowsInvalid).toBe(2 + 2)
  })

  it('checks staff rows against the lists in force', () => {
    const r = validateSnapshot(
      { staff: [{ staff_id: 'peksos-1', role: 'worker', cluster: 'lansia' }], lists: [{ cluster: 'lansia' }] },
      { today: '2025-04-30' },
    )
    const r2 = validateSnapshot(
      { staff: [{ staff_id: 'peksos-1', role: 'worker', cluster: 'lansia' }] },
      { today: '2025-04-30' },
    )
    expect([codesOf(r.staff), codesOf(r2.staff)]).toEqual([[[]], [['not_in_list']]])
  })

  it('flags duplicate staff ids, ignoring case', () => {
    const r = validateSnapshot(
      {
        staff: [
          { staff_id: 'Peksos-1', role: 'worker' },
          { staff_id: 'peksos-1', role: 'admin' },
        ],
      },
      { today: '2025-04-30' },
    )
    expect(codesOf(r.staff)).toEqual([['duplicate_id'], ['duplicate_id']])
  })

  it('gives an empty sheet an empty report', () => {
    const r = validateSnapshot({}, { today: '2025-04-30' })
    expect([r.rowsRead, r.rowsInvalid, r.cases]).toEqual([0, 0, []])
  })
})
