import { describe, expect, it } from 'vitest'
import { decodeInput, decodeRow } from '../../src/domain/index'

describe('decodeRow', () => {
  it('decodes a session row as the Sheets API returns it', () => {
    const decoded = decodeRow('sessions', {
      session_id: 'S-0001',
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: 45721,
      task: ' memilah pakaian ',
      assistance: 'Sebagian',
      rating: '',
      worker: 'peksos-uji',
      duration_min: 45,
      extra_column_added_by_staff: 'ignored',
      _status: 'old message, ignored',
    })
    expect(decoded).toEqual({
      row: {
        session_id: 'S-0001',
        case_id: 'K-0001',
        goal_id: 'T-0001',
        date: '2025-03-05',
        task: 'memilah pakaian',
        assistance: 'sebagian',
        worker: 'peksos-uji',
        duration_min: 45,
      },
      issues: [],
    })
  })

  it('reports every cell problem of a row at once, with field, code and both languages', () => {
    const decoded = decodeRow('cases', {
      case_id: 'K-0002',
      initials: 'Budi Santoso',
      sex: 'X',
      birth_date: '31/02/2012',
      cluster: 'anak',
      service: 'residensial',
      stage: 'akses',
      status: 'aktif',
    })
    expect(decoded.row).toBeUndefined()
    expect(decoded.issues.map((i) => [i.field, i.code, i.severity])).toEqual([
      ['initials', 'invalid_initials', 'error'],
      ['sex', 'invalid_option', 'error'],
      ['birth_date', 'invalid_date', 'error'],
      ['worker', 'required', 'error'],
    ])
    expect(decoded.issues[1]?.message).toEqual({
      id: 'Pilihan di kolom "Jenis kelamin" tidak dikenal; pilih salah satu: L, P.',
      en: '"Sex" must be one of: L, P.',
    })
  })

  it('never repeats the typed value in a message', () => {
    const decoded = decodeRow('cases', { initials: 'Siti Rahmawati', birth_date: 'rahasia' })
    for (const issue of decoded.issues) {
      expect(issue.message.id).not.toContain('Siti')
      expect(issue.message.id).not.toContain('rahasia')
      expect(issue.message.en).not.toContain('Siti')
    }
  })

  it('asks for an id when the id cell is blank (the ledger fills ids before decoding)', () => {
    const decoded = decodeRow('goals', {})
    expect(decoded.issues.find((i) => i.field === 'goal_id')?.code).toBe('required')
  })
})

describe('decodeInput', () => {
  const goalForm = {
    case_id: 'K-0001',
    title: 'Memasak nasi goreng',
    method: 'casework',
    start_date: '2025-03-05',
    duration_days: '15',
    target_count: '5',
    milestones: '5:1, 10:3, 15:5',
  }

  it('decodes form strings into typed values and fills defaults', () => {
    expect(decodeInput('goals', goalForm)).toEqual({
      row: {
        ...goalForm,
        duration_days: 15,
        target_count: 5,
        mastery_level: 4,
        success_level: 3,
        weight: 1,
      },
      issues: [],
    })
  })

  it('rejects unknown fields and system-owned fields', () => {
    const decoded = decodeInput('goals', { ...goalForm, goal_id: 'T-0099', _status: 'x', nama_lengkap: 'x' })
    expect(decoded.row).toBeUndefined()
    expect(decoded.issues.map((i) => [i.field, i.code])).toEqual([
      ['goal_id', 'read_only_field'],
      ['_status', 'read_only_field'],
      ['nama_lengkap', 'unknown_field'],
    ])
  })
})
