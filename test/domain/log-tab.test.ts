import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compactIds,
  compactNames,
  LOG_COLUMNS,
  type LogEvent,
  logRowCells,
  MAX_LOG_TEXT,
} from '../../src/domain/log-tab'

/** Reads a compactIds text back: the ids it names and the `+n` it ends with. */
function expand(text: string): { ids: string[]; more: number } {
  const m = /^(.*?)(?:^| )\+(\d+)$/.exec(text)
  const body = m === null ? text : (m[1] ?? '')
  const more = m === null ? 0 : Number(m[2])
  const ids: string[] = []
  for (const part of body === '' ? [] : body.split(', ')) {
    const range = /^([A-Z]+)-(\d+)–\1-(\d+)$/.exec(part)
    if (range === null) {
      ids.push(part)
      continue
    }
    const width = (range[2] ?? '').length
    for (let n = Number(range[2]); n <= Number(range[3]); n++) ids.push(`${range[1]}-${String(n).padStart(width, '0')}`)
  }
  return { ids, more }
}

const session = (n: number) => `S-${String(n).padStart(4, '0')}`

describe('compactIds', () => {
  it.each<[string, string[], string]>([
    ['a run of three or more as a range', ['S-0012', 'S-0013', 'S-0014'], 'S-0012–S-0014'],
    ['two in a row as a list', ['S-0012', 'S-0013'], 'S-0012, S-0013'],
    ['runs and gaps, sorted', ['S-0005', 'S-0003', 'S-0001', 'S-0002'], 'S-0001–S-0003, S-0005'],
    ['tabs in sheet order (K, A, T, S)', ['S-0001', 'T-0003', 'K-0002', 'A-0004'], 'K-0002, A-0004, T-0003, S-0001'],
    ['each id once', ['K-0001', 'K-0001', 'K-0002'], 'K-0001, K-0002'],
    ['ids past 9999 in their own width', ['S-9999', 'S-10000', 'S-10001'], 'S-9999–S-10001'],
    ['nothing as an empty text', [], ''],
  ])('writes %s', (_name, ids, expected) => {
    expect(compactIds(ids)).toBe(expected)
  })

  it('ends a list that does not fit with the number of ids left out', () => {
    const ids = Array.from({ length: 60 }, (_, i) => session(2 * i + 1))
    const text = compactIds(ids)
    const { ids: shown, more } = expand(text)
    expect(text.length).toBeLessThanOrEqual(MAX_LOG_TEXT)
    expect(more).toBeGreaterThan(0)
    expect(shown).toEqual(ids.slice(0, shown.length))
    expect(shown.length + more).toBe(60)
  })

  it('names every id once, in order, or counts it in +n, within the bound', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 120 }),
        fc.integer({ min: 20, max: 200 }),
        (numbers, max) => {
          const ids = numbers.map(session)
          const text = compactIds(ids, max)
          const { ids: shown, more } = expand(text)
          const sorted = [...numbers].sort((a, b) => a - b).map(session)
          expect(text.length).toBeLessThanOrEqual(max)
          expect(shown).toEqual(sorted.slice(0, shown.length))
          expect(shown.length + more).toBe(ids.length)
        },
      ),
    )
  })
})

describe('compactNames', () => {
  it('lists distinct staff ids sorted, and counts those that do not fit', () => {
    expect(compactNames(['peksos-uji', 'koordinator-uji', 'peksos-uji'])).toBe('koordinator-uji, peksos-uji')
    const many = Array.from({ length: 40 }, (_, i) => `peksos-${String(i).padStart(2, '0')}`)
    const text = compactNames(many)
    expect(text.length).toBeLessThanOrEqual(MAX_LOG_TEXT)
    expect(text).toMatch(/^peksos-00, peksos-01, .* \+\d+$/)
  })
})

describe('logRowCells', () => {
  const TIME = 45_730.5

  it.each<[string, LogEvent, Record<string, unknown>]>([
    [
      'rows saved from the API',
      {
        kind: 'rows_saved',
        actors: ['peksos-uji', 'koordinator-uji', 'peksos-uji'],
        ids: Array.from({ length: 9 }, (_, i) => session(12 + i)),
      },
      { event: 'Baris dari API disimpan', actor: 'koordinator-uji, peksos-uji', ids: 'S-0012–S-0020', count: 9 },
    ],
    [
      'a row patched through the API',
      { kind: 'row_patched', actor: 'koordinator-uji', id: 'K-0002', cells: 2 },
      { event: 'Baris diubah lewat API', actor: 'koordinator-uji', ids: 'K-0002', count: 2 },
    ],
    [
      'a sync that gave ids and changed statuses',
      { kind: 'sync', idsAssigned: 2, statusesChanged: 1, rows: 2, ids: ['S-0004', 'K-0003'] },
      {
        event: 'Sinkronisasi: 2 ID baru, 1 status validasi berubah',
        actor: 'sistem',
        ids: 'K-0003, S-0004',
        count: 2,
      },
    ],
    [
      'a sync that cleared a status only',
      { kind: 'sync', idsAssigned: 0, statusesChanged: 1, rows: 1, ids: ['S-0003'] },
      { event: 'Sinkronisasi: 1 status validasi berubah', actor: 'sistem', ids: 'S-0003', count: 1 },
    ],
    [
      'an outage starting',
      { kind: 'upstream_failing', failure: 'permission_denied' },
      {
        event: 'Gangguan Google Sheets mulai: akses ke sheet ditolak (permission_denied)',
        actor: 'sistem',
        ids: null,
        count: null,
      },
    ],
    [
      'an outage ending, with the failed attempts',
      { kind: 'upstream_recovered', failure: 'rate_limited', failedAttempts: 7 },
      {
        event: 'Gangguan Google Sheets selesai: kuota permintaan Google habis (rate_limited)',
        actor: 'sistem',
        ids: null,
        count: 7,
      },
    ],
    [
      'a failure kind it has no words for, by its code',
      { kind: 'upstream_failing', failure: 'quantum_flux' },
      { event: 'Gangguan Google Sheets mulai: quantum_flux', actor: 'sistem', ids: null, count: null },
    ],
  ])('writes %s', (_name, event, expected) => {
    expect(logRowCells({ time: TIME, event })).toEqual({ time: TIME, ...expected })
  })

  it('fills exactly the Log columns, and no text cell is longer than the bound', () => {
    const cells = logRowCells({
      time: TIME,
      event: {
        kind: 'rows_saved',
        actors: Array.from({ length: 50 }, (_, i) => `peksos-dengan-nama-panjang-${i}`),
        ids: Array.from({ length: 500 }, (_, i) => session(3 * i + 1)),
      },
    })
    expect(Object.keys(cells)).toEqual(LOG_COLUMNS.map((c) => c.key))
    for (const value of Object.values(cells)) {
      if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(MAX_LOG_TEXT)
    }
    expect(cells.count).toBe(500)
  })
})
