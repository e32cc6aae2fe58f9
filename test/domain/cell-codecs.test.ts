import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CellValue,
  type ColumnSpec,
  columnOf,
  DEFAULT_LISTS,
  decodeCell,
  encodeCell,
  err,
  formatId,
  ok,
  serialToIso,
  TAB_KEYS,
  TABLES,
} from '../../src/domain/index'

describe('decodeCell reads what the Sheets API and forms send', () => {
  it.each([
    { tab: 'sessions', key: 'assistance', raw: ' Mandiri ', value: 'mandiri' },
    { tab: 'sessions', key: 'assistance', raw: 'TIDAK TERCAPAI', value: 'tidak_tercapai' },
    { tab: 'cases', key: 'sex', raw: 'p', value: 'P' },
    { tab: 'cases', key: 'cluster', raw: ' Disabilitas Fisik ', value: 'disabilitas_fisik' },
    { tab: 'cases', key: 'case_id', raw: ' k-0007 ', value: 'K-0007' },
    { tab: 'cases', key: 'birth_date', raw: 43831, value: '2020-01-01' },
    { tab: 'cases', key: 'birth_date', raw: 43831.75, value: '2020-01-01' },
    { tab: 'cases', key: 'birth_date', raw: '2020-01-01', value: '2020-01-01' },
    { tab: 'cases', key: 'birth_date', raw: '5/3/2025', value: '2025-03-05' },
    { tab: 'cases', key: 'birth_date', raw: '05/03/2025', value: '2025-03-05' },
    { tab: 'cases', key: 'birth_date', raw: '2025-3-5', value: '2025-03-05' },
    { tab: 'sessions', key: 'rating', raw: '3', value: 3 },
    { tab: 'sessions', key: 'rating', raw: 3, value: 3 },
    { tab: 'sessions', key: 'rating', raw: ' n ', value: 'N' },
    { tab: 'sessions', key: 'duration_min', raw: '45', value: 45 },
    { tab: 'goals', key: 'weight', raw: '1,5', value: 1.5 },
    { tab: 'goals', key: 'weight', raw: '', value: 1 },
    { tab: 'goals', key: 'mastery_level', raw: undefined, value: 4 },
    { tab: 'goals', key: 'success_level', raw: null, value: 3 },
    { tab: 'goals', key: 'milestones', raw: '5:1;10 : 3,15:5', value: '5:1, 10:3, 15:5' },
    { tab: 'staff', key: 'active', raw: true, value: true },
    { tab: 'staff', key: 'active', raw: 'ya', value: true },
    { tab: 'staff', key: 'active', raw: 'TIDAK', value: false },
    { tab: 'staff', key: 'active', raw: undefined, value: false },
    { tab: 'staff', key: 'email', raw: ' Peksos-Uji@Example.org ', value: 'peksos-uji@example.org' },
    { tab: 'cases', key: 'notes', raw: '  =SUM(A1:A3)  ', value: '=SUM(A1:A3)' },
    { tab: 'cases', key: 'education', raw: 9, value: '9' },
    { tab: 'cases', key: 'education', raw: '   ', value: undefined },
  ] as const)('decodes $tab.$key $raw as $value', ({ tab, key, raw, value }) => {
    expect(decodeCell(columnOf(tab, key), raw)).toEqual(ok(value))
  })

  it.each([
    { tab: 'cases', key: 'initials', raw: '', code: 'required' },
    { tab: 'cases', key: 'initials', raw: 'Budi Santoso', code: 'invalid_initials' },
    { tab: 'cases', key: 'initials', raw: '12', code: 'invalid_initials' },
    { tab: 'cases', key: 'case_id', raw: 'X-0001', code: 'invalid_id' },
    { tab: 'cases', key: 'birth_date', raw: '2025-02-29', code: 'invalid_date' },
    { tab: 'cases', key: 'birth_date', raw: '31/04/2025', code: 'invalid_date' },
    { tab: 'cases', key: 'birth_date', raw: 'kemarin', code: 'invalid_date' },
    { tab: 'cases', key: 'birth_date', raw: 0, code: 'invalid_date' },
    { tab: 'cases', key: 'birth_date', raw: true, code: 'invalid_date' },
    { tab: 'cases', key: 'sex', raw: 'X', code: 'invalid_option' },
    { tab: 'cases', key: 'sex', raw: { v: 'L' }, code: 'invalid_type' },
    { tab: 'assessments', key: 'score', raw: 5, code: 'out_of_range' },
    { tab: 'assessments', key: 'score', raw: '2.5', code: 'not_integer' },
    { tab: 'assessments', key: 'score', raw: 'tiga', code: 'not_a_number' },
    { tab: 'sessions', key: 'rating', raw: 5, code: 'invalid_rating' },
    { tab: 'sessions', key: 'rating', raw: 'baik', code: 'invalid_rating' },
    { tab: 'goals', key: 'weight', raw: -1, code: 'out_of_range' },
    { tab: 'goals', key: 'milestones', raw: '5-1, 10-3', code: 'milestones_format' },
    { tab: 'goals', key: 'milestones', raw: '0:1', code: 'milestones_format' },
    { tab: 'goals', key: 'milestones', raw: '10:1, 5:3', code: 'milestones_order' },
    { tab: 'goals', key: 'milestones', raw: '5:3, 10:1', code: 'milestones_order' },
    { tab: 'staff', key: 'active', raw: 'mungkin', code: 'invalid_boolean' },
    { tab: 'staff', key: 'email', raw: 'bukan-email', code: 'invalid_email' },
    { tab: 'staff', key: 'staff_id', raw: 'peksos uji', code: 'invalid_format' },
    { tab: 'goals', key: 'title', raw: 'x'.repeat(201), code: 'too_long' },
  ] as const)('rejects $tab.$key $raw with $code', ({ tab, key, raw, code }) => {
    expect(decodeCell(columnOf(tab, key), raw)).toEqual(err(code))
  })
})

describe('encodeCell', () => {
  it('writes dates as day serials and text as-is', () => {
    expect(encodeCell(columnOf('sessions', 'date'), '2020-01-01')).toBe(43831)
    expect(encodeCell(columnOf('sessions', 'notes'), '=IMPORTXML("x")')).toBe('=IMPORTXML("x")')
    expect(encodeCell(columnOf('sessions', 'rating'), 'N')).toBe('N')
    expect(encodeCell(columnOf('sessions', 'notes'), undefined)).toBeNull()
  })
})

// ---- round trip: decode(encode(v)) = v for every valid value of every column ---------------------

const arbText = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.constantFrom('=1+1', '+62 812', '-5', '@peksos', '=HYPERLINK("http://x")', 'Catatan: “bagus” ✓', '日本語'),
      fc.tuple(fc.constantFrom('=', '+', '-', '@'), fc.string({ minLength: 1, maxLength: 20 })).map(([p, s]) => p + s),
    )
    .map((s) => s.trim().slice(0, max).trim())
    .filter((s) => s.length > 0)

function arbValue(column: ColumnSpec): fc.Arbitrary<CellValue> {
  switch (column.kind) {
    case 'id':
    case 'ref':
      // A feedback target names a row of one of several tabs (idTabs).
      return fc
        .tuple(fc.constantFrom(...(column.idTabs ?? [column.idTab ?? 'cases'])), fc.integer({ min: 1, max: 99_999 }))
        .map(([tab, n]) => formatId(tab, n))
    case 'text':
      if (column.key === 'staff_id') return fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/)
      return arbText(column.maxLength ?? 200)
    case 'status':
      return arbText(500)
    case 'initials':
      return fc.stringMatching(/^[A-Z][A-Za-z. ]{0,6}[A-Z.]$/).filter((s) => s.trim() === s)
    case 'email':
      return fc.constantFrom('peksos-uji@example.org', 'a.b@dinsos.go.id')
    case 'date':
      return fc.integer({ min: 2, max: 401_768 }).map(serialToIso) // 1900-01-01 … 2999-12-31
    case 'int':
      return fc.integer({ min: column.min ?? -1000, max: column.max ?? 1000 })
    case 'number':
      return fc.double({ min: column.min ?? 0, max: column.max ?? 100, noNaN: true, noDefaultInfinity: true })
    case 'rating':
      return fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant('N'))
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...(column.values ?? []))
    case 'list':
    case 'code':
      return fc.constantFrom(...(column.list === undefined ? ['lainnya'] : DEFAULT_LISTS[column.list]))
    case 'milestones':
      return fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }).chain((days) =>
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: days.length, maxLength: days.length }).map((steps) => {
          const sorted = [...days].sort((a, b) => a - b)
          let count = 0
          const pairs: string[] = []
          sorted.forEach((d, i) => {
            count += steps[i] ?? 0
            pairs.push(`${d}:${count}`)
          })
          return pairs.join(', ')
        }),
      )
  }
}

describe('cell codecs round-trip', () => {
  const columns = TAB_KEYS.flatMap((tab) => TABLES[tab].columns.map((column) => ({ tab, column })))
  it.each(columns.map(({ tab, column }) => ({ name: `${tab}.${column.key}`, column })))(
    'decode(encode(v)) = v for $name',
    ({ column }) => {
      fc.assert(
        fc.property(arbValue(column), (value) => {
          expect(decodeCell(column, encodeCell(column, value))).toEqual(ok(value))
          // and the typed value satisfies the column's zod schema
          expect(column.schema.safeParse(value).success).toBe(true)
        }),
        { numRuns: 60 },
      )
    },
  )
})
