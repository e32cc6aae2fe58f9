import { describe, expect, it } from 'vitest'

describe('node project', () => {
  it('runs', () => {
    expect(1 + 1).toBe(2)
  })
})
