import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { caseTScore } from '../../src/domain/index'

describe('caseTScore', () => {
  it('gives 60.00 for the worked example with only G1 (level 4, success 3)', () => {
    expect(caseTScore([{ level: 4, success_level: 3, weight: 1 }])).toBe(60)
  })

  it('gives 45.98 with a second goal of weight 2 at level 2', () => {
    expect(
      caseTScore([
        { level: 4, success_level: 3, weight: 1 },
        { level: 2, success_level: 3, weight: 2 },
      ]),
    ).toBe(45.98)
  })

  it('gives 50 when every goal is at its success level', () => {
    expect(
      caseTScore([
        { level: 3, success_level: 3, weight: 1 },
        { level: 2, success_level: 2, weight: 3 },
      ]),
    ).toBe(50)
  })

  it('clamps each goal to ±2 levels from its success level', () => {
    expect(caseTScore([{ level: 0, success_level: 4, weight: 1 }])).toBe(30)
    expect(caseTScore([{ level: 4, success_level: 0, weight: 1 }])).toBe(70)
  })

  it('weighs every goal 1 when all weights are 0', () => {
    const zero = [
      { level: 4, success_level: 3, weight: 0 },
      { level: 2, success_level: 3, weight: 0 },
    ]
    const ones = zero.map((g) => ({ ...g, weight: 1 }))
    expect(caseTScore(zero)).toBe(caseTScore(ones))
  })

  it('gives 50 for a case without goals', () => {
    expect(caseTScore([])).toBe(50)
  })

  it('stays within 50 ± 20/√0.3 and has at most two decimals', () => {
    const arbGoal = fc.record({
      level: fc.integer({ min: 0, max: 4 }),
      success_level: fc.integer({ min: 0, max: 4 }),
      weight: fc.integer({ min: 0, max: 10 }),
    })
    fc.assert(
      fc.property(fc.array(arbGoal, { minLength: 1, maxLength: 8 }), (goals) => {
        const t = caseTScore(goals)
        expect(Math.abs(t - 50)).toBeLessThanOrEqual(20 / Math.sqrt(0.3) + 0.01)
        expect(Math.round(t * 100) / 100).toBe(t)
      }),
    )
  })
})
