import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  countWorkingDays,
  firstWorkingDay,
  isWorkingDay,
  lastWorkingDay,
  prepareCalendar,
  weekday,
  workingDayDate,
  workingDayNumber,
} from '../../src/domain/index'

/** The definition, day by day: Monday–Friday and not a holiday. */
const naiveIsWorking = (date: string, holidays: readonly string[]) =>
  weekday(date) !== 0 && weekday(date) !== 6 && !holidays.includes(date)

function naiveWorkingDayDate(start: string, n: number, holidays: readonly string[]): string {
  let d = start
  while (!naiveIsWorking(d, holidays)) d = addDays(d, 1)
  for (let k = 1; k < n; ) {
    d = addDays(d, 1)
    if (naiveIsWorking(d, holidays)) k++
  }
  return d
}

function naiveCount(from: string, to: string, holidays: readonly string[]): number {
  let count = 0
  for (let d = from; d <= to; d = addDays(d, 1)) if (naiveIsWorking(d, holidays)) count++
  return count
}

const BASE = '2025-01-01'
const arbDate = fc.integer({ min: 0, max: 400 }).map((k) => addDays(BASE, k))
const arbHolidays = fc.uniqueArray(arbDate, { maxLength: 40 })

describe('working-day calendar', () => {
  it('gives the working days of the worked example (holiday 2025-03-07)', () => {
    const days = Array.from({ length: 10 }, (_, i) => workingDayDate('2025-03-05', i + 1, ['2025-03-07']))
    expect(days).toEqual([
      '2025-03-05',
      '2025-03-06',
      '2025-03-10',
      '2025-03-11',
      '2025-03-12',
      '2025-03-13',
      '2025-03-14',
      '2025-03-17',
      '2025-03-18',
      '2025-03-19',
    ])
    expect(lastWorkingDay('2025-03-05', 10, ['2025-03-07'])).toBe('2025-03-19')
  })

  it('agrees with a naive day-by-day walk for day n', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 120 }), arbHolidays, (start, n, holidays) => {
        expect(workingDayDate(start, n, prepareCalendar(holidays))).toBe(naiveWorkingDayDate(start, n, holidays))
      }),
    )
  })

  it('agrees with a naive day-by-day count of working days', () => {
    fc.assert(
      fc.property(arbDate, arbDate, arbHolidays, (a, b, holidays) => {
        expect(countWorkingDays(a, b, holidays)).toBe(naiveCount(a, b, holidays))
      }),
    )
  })

  it('numbers a working day as the day whose date it is', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 80 }), arbHolidays, (start, n, holidays) => {
        const cal = prepareCalendar(holidays)
        expect(workingDayNumber(start, workingDayDate(start, n, cal), cal)).toBe(n)
      }),
    )
  })

  it('starts on the next working day after a weekend or holiday', () => {
    expect(firstWorkingDay('2025-03-07', ['2025-03-07'])).toBe('2025-03-10')
    expect(isWorkingDay('2025-03-08', [])).toBe(false)
    expect(isWorkingDay('2025-03-10', [])).toBe(true)
  })
})

describe('calendarOf', () => {
  it('sees holidays added to the same array between calls', () => {
    const holidays: string[] = []
    expect(workingDayDate('2025-03-06', 2, holidays)).toBe('2025-03-07')
    holidays.push('2025-03-07')
    expect(workingDayDate('2025-03-06', 2, holidays)).toBe('2025-03-10')
  })
})
