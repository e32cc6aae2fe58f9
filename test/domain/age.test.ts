import { describe, expect, it } from 'vitest'
import { ageOn } from '../../src/domain/age'

describe('ageOn', () => {
  it.each([
    ['the day before the 13th birthday', '2012-06-01', '2025-05-31', 12],
    ['on the 13th birthday', '2012-06-01', '2025-06-01', 13],
    ['on the day of birth', '2012-06-01', '2012-06-01', 0],
    ['a 29 February birthday on 28 February of a common year', '2012-02-29', '2025-02-28', 12],
    ['a 29 February birthday on 1 March of a common year', '2012-02-29', '2025-03-01', 13],
    ['a date before the birth', '2012-06-01', '2012-05-31', null],
  ])('%s: %s on %s → %s', (_name, birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age)
  })
})
