import { describe, expect, it } from 'vitest'
import { err, formatMilestones, ok, parseMilestones } from '../../src/domain/index'

describe('parseMilestones', () => {
  it.each([
    {
      text: '5:1, 10:3, 15:5',
      value: [
        { day: 5, count: 1 },
        { day: 10, count: 3 },
        { day: 15, count: 5 },
      ],
    },
    {
      text: ' 5 : 2 ;10:2 ',
      value: [
        { day: 5, count: 2 },
        { day: 10, count: 2 },
      ],
    },
    { text: '', value: [] },
  ])('reads "$text"', ({ text, value }) => {
    expect(parseMilestones(text)).toEqual(ok(value))
  })

  it.each([
    { text: '5:1, 5:2', error: 'milestones_order' },
    { text: '10:3, 5:1', error: 'milestones_order' },
    { text: '5:3, 10:2', error: 'milestones_order' },
    { text: '5/1', error: 'milestones_format' },
    { text: '5:1,', error: 'milestones_format' },
    { text: '0:1', error: 'milestones_format' },
    { text: 'hari 5: 1', error: 'milestones_format' },
  ])('rejects "$text" with $error', ({ text, error }) => {
    expect(parseMilestones(text)).toEqual(err(error))
  })

  it('writes the canonical form back', () => {
    expect(
      formatMilestones([
        { day: 5, count: 1 },
        { day: 10, count: 3 },
      ]),
    ).toBe('5:1, 10:3')
  })
})
