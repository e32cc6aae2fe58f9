import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, compareIso, isoToSerial, isValidIsoDate, serialToIso, weekday } from '../../src/domain/index'

describe('isoToSerial and serialToIso', () => {
  it.each([
    { date: '1899-12-30', serial: 0 },
    { date: '1900-03-01', serial: 61 },
    { date: '1999-01-02', serial: 36162 },
    { date: '2020-01-01', serial: 43831 },
    { date: '2025-03-05', serial: 45721 },
  ])('maps $date to the Sheets serial $serial', ({ date, serial }) => {
    expect(isoToSerial(date)).toBe(serial)
    expect(serialToIso(serial)).toBe(date)
  })

  it('round-trips every serial from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -693_593, max: 2_958_465 }), (serial) => {
        expect(isoToSerial(serialToIso(serial))).toBe(serial)
      }),
    )
  })

  it('agrees with the JavaScript Date calendar', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10)
          const days = Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 86_400_000)
          expect(isoToSerial(iso)).toBe(days + 25_569) // 1970-01-01 is serial 25569
          expect(weekday(iso)).toBe(d.getUTCDay())
        },
      ),
    )
  })
})

describe('isValidIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01'])('accepts %s', (d) => {
    expect(isValidIsoDate(d)).toBe(true)
  })
  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-04-31', '2025-4-1', '25-04-01', '2025-04-01T00:00', ''])(
    'rejects %s',
    (d) => {
      expect(isValidIsoDate(d)).toBe(false)
    },
  )
})

describe('addDays and compareIso', () => {
  it('crosses month and leap-year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
  })
  it('orders dates like time', () => {
    expect([
      compareIso('2025-03-05', '2025-03-06'),
      compareIso('2025-03-06', '2025-03-06'),
      compareIso('2026-01-01', '2025-12-31'),
    ]).toEqual([-1, 0, 1])
  })
})
