// The text-hygiene rule: which characters a cell may hold, in API bodies and sheet rows alike.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { columnOf, decodeCell, decodeInput, decodeRow, formatStatus, ok, TABLES } from '../../src/domain/index'
import { allowsLineBreaks, hasForbiddenCharacter } from '../../src/domain/text-hygiene'

describe('hasForbiddenCharacter', () => {
  it.each([
    ['plain Indonesian', 'memilah pakaian', false],
    ['emoji (a surrogate pair) and accents', 'memasak 🍚 — àéß', false],
    ['right-to-left text', 'مهارة', false],
    ['the harmless direction marks LRM, RLM and ALM', 'a\u200eb\u200fc\u061cd', false],
    ['a non-breaking and a zero-width space', 'a\u00a0b\u200bc', false],
    ['NUL', 'a\u0000b', true],
    ['a bell', 'a\u0007b', true],
    ['an escape (terminal colours)', '\u001b[31mmerah', true],
    ['DEL', 'a\u007fb', true],
    ['a C1 control (mis-decoded Windows-1252)', 'a\u0085b', true],
    ['a right-to-left override (Trojan Source)', 'abc\u202edcba', true],
    ['a left-to-right embedding', '\u202aabc', true],
    ['a first-strong isolate', 'a\u2068b\u2069', true],
    ['a lone high surrogate', 'a\ud83db', true],
    ['a lone high surrogate at the end', 'ab\ud83d', true],
    ['a lone low surrogate', 'a\udc4db', true],
  ])('%s in one-line text → %s', (_name, text, refused) => {
    expect(hasForbiddenCharacter(text, false)).toBe(refused)
  })

  it.each([
    ['a tab', 'a\tb'],
    ['a line feed', 'baris 1\nbaris 2'],
    ['CR LF from a form textarea', 'baris 1\r\nbaris 2'],
  ])('refuses %s in one-line text and allows it in multi-line text', (_name, text) => {
    expect(hasForbiddenCharacter(text, false)).toBe(true)
    expect(hasForbiddenCharacter(text, true)).toBe(false)
  })

  it('still refuses other controls, overrides and lone surrogates in multi-line text', () => {
    for (const text of ['a\u000bb', 'a\u202eb', 'a\udc00b']) expect(hasForbiddenCharacter(text, true)).toBe(true)
  })

  it('accepts any well-formed text without controls or bidi controls (property)', () => {
    const clean = fc.string({ unit: 'grapheme' }).filter((s) => !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(s))
    fc.assert(fc.property(clean, (text) => !hasForbiddenCharacter(text, false)))
  })
})

describe('which columns may span lines', () => {
  it('is exactly the long free-text columns: notes, findings, indicators, event summaries and decisions, feedback notes and replies', () => {
    const multiline = Object.values(TABLES).flatMap((t) =>
      t.columns.filter(allowsLineBreaks).map((c) => `${t.key}.${c.key}`),
    )
    expect(multiline.sort()).toEqual([
      'assessments.finding',
      'cases.notes',
      'events.decisions',
      'events.summary',
      'feedback.reply',
      'feedback.text',
      'goals.indicator',
      'sessions.notes',
    ])
  })
})

describe('the rule in the cell codecs', () => {
  it.each([
    ['sessions', 'task', 'menyapu\u202e'],
    ['sessions', 'task', 'baris 1\nbaris 2'],
    ['sessions', 'worker', 'peksos-uji\u0000'],
    ['cases', 'cluster', 'anak\u0001'],
    ['cases', 'closure_reason', 'selesai\ud800'],
    ['sessions', 'notes', 'catatan\u202e'],
    ['settings', 'description', 'Libur\u0007'],
  ] as const)('refuses %s.%s with invalid_characters', (tab, key, raw) => {
    expect(decodeCell(columnOf(tab, key), raw)).toEqual({ ok: false, error: 'invalid_characters' })
  })

  it('keeps the line breaks of a note', () => {
    expect(decodeCell(columnOf('sessions', 'notes'), 'baris 1\r\nbaris 2\tselesai')).toEqual(
      ok('baris 1\r\nbaris 2\tselesai'),
    )
  })

  it('gives an API field and a sheet cell the same issue, which becomes the row _status message', () => {
    const row = {
      case_id: 'K-0001',
      goal_id: 'T-0001',
      date: '2025-03-05',
      task: 'memilah\u202e pakaian',
      assistance: 'penuh',
      worker: 'peksos-uji',
    }
    const fromApi = decodeInput('sessions', row).issues
    const fromSheet = decodeRow('sessions', { ...row, session_id: 'S-0001' }).issues
    expect(fromApi).toEqual(fromSheet)
    expect(fromApi.map((i) => `${i.field} ${i.code} ${i.severity}`)).toEqual(['task invalid_characters error'])
    expect(formatStatus(fromSheet)).toBe(
      'Kolom "Tugas" berisi karakter tersembunyi yang tidak diizinkan (karakter kontrol, pengatur arah teks, atau baris baru di luar kolom catatan); ketik ulang isinya.',
    )
  })
})
