import { describe, expect, it } from 'vitest'
import { milestonePreview } from '../../src/domain/milestone-preview'
import { WORKED_GOAL, WORKED_HOLIDAYS } from '../support/worked-example'

describe('the milestone preview', () => {
  it("dates G1's milestones on working days around the holiday: day 5 Wed 12 March, day 10 Wed 19 March", () => {
    expect(milestonePreview(WORKED_GOAL, WORKED_HOLIDAYS)).toEqual({
      ok: true,
      value: {
        day1: '2025-03-05',
        last_day: '2025-03-19',
        rows: [
          { day: 5, count: 2, date: '2025-03-12', beyond_duration: false, above_target: false },
          { day: 10, count: 4, date: '2025-03-19', beyond_duration: false, above_target: false },
        ],
      },
    })
  })

  it('moves every date when a holiday is added', () => {
    const preview = milestonePreview(WORKED_GOAL, [...WORKED_HOLIDAYS, '2025-03-11'])
    expect(preview.ok && preview.value.rows.map((r) => r.date)).toEqual(['2025-03-13', '2025-03-20'])
  })

  it('starts on the next working day when the start date is not one', () => {
    const preview = milestonePreview({ ...WORKED_GOAL, start_date: '2025-03-08', milestones: '1:1' }, WORKED_HOLIDAYS)
    expect(preview.ok && [preview.value.day1, preview.value.rows[0]?.date]).toEqual(['2025-03-10', '2025-03-10'])
  })

  it('marks milestones beyond the duration or above the target, as the save would refuse them', () => {
    const preview = milestonePreview(
      { start_date: '2025-03-05', duration_days: 5, target_count: 2, milestones: '5:2, 10:4' },
      WORKED_HOLIDAYS,
    )
    expect(preview.ok && preview.value.rows.map((r) => [r.beyond_duration, r.above_target])).toEqual([
      [false, false],
      [true, true],
    ])
  })

  it('previews the days without a duration or a target, and no milestones as none', () => {
    expect(milestonePreview({ start_date: '2025-03-05', milestones: '' }, [])).toEqual({
      ok: true,
      value: { day1: '2025-03-05', last_day: null, rows: [] },
    })
  })

  it.each([
    ['5-2', 'milestones_format'],
    ['10:2, 5:3', 'milestones_order'],
  ])('says why %s cannot be read', (milestones, code) => {
    expect(milestonePreview({ start_date: '2025-03-05', milestones }, [])).toEqual({ ok: false, error: code })
  })
})
