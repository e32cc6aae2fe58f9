import { describe, expect, it } from 'vitest'
import { formatStatus, ISSUE_CODES, type Issue, issueMessage, MAX_STATUS_LENGTH } from '../../src/domain/index'

const issue = (code: Issue['code'], severity: Issue['severity'], id: string): Issue => ({
  field: 'date',
  code,
  severity,
  message: { id, en: `${id} (en)` },
})

describe('formatStatus', () => {
  it('is empty for a row without issues', () => {
    expect(formatStatus([])).toBe('')
  })

  it('puts errors first and warnings after "Peringatan:"', () => {
    const text = formatStatus([issue('after_goal_end', 'warning', 'W1.'), issue('required', 'error', 'E1.')])
    expect(text).toBe('E1. Peringatan: W1.')
    expect(formatStatus([issue('after_goal_end', 'warning', 'W1.')], 'en')).toBe('Warning: W1. (en)')
  })

  it('stays short enough for a cell, ending with how many messages were left out', () => {
    const many = Array.from({ length: 40 }, (_, i) => issue('required', 'error', `Kolom nomor ${i} wajib diisi.`))
    const text = formatStatus(many)
    expect(text.length).toBeLessThanOrEqual(MAX_STATUS_LENGTH + 20)
    expect(text).toMatch(/\(\+\d+ lagi\)$/)
  })
})

describe('issue catalogue', () => {
  it('has an Indonesian and an English message for every code', () => {
    for (const code of ISSUE_CODES) {
      const m = issueMessage(code, { label: { id: 'Tanggal sesi', en: 'Session date' }, case_id: 'K-0001' })
      expect(m.id.length, code).toBeGreaterThan(10)
      expect(m.en.length, code).toBeGreaterThan(10)
    }
  })

  it('says the consent rule the way staff read it', () => {
    expect(
      issueMessage('before_consent', { label: { id: 'Tanggal sesi', en: 'Session date' }, case_id: 'K-0001' }).id,
    ).toBe('Tanggal sesi sebelum tanggal persetujuan (informed consent) kasus K-0001.')
  })
})
