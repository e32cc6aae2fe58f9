// A row still being typed is left alone: incomplete and changed within the minute → wait; complete,
// or left incomplete for the minute → judged (id and message).
import { describe, expect, it } from 'vitest'
import { missingRequired, TYPING_DELAY_MS, typingVerdict } from '../../src/domain/index'

const T0 = 1_700_000_000_000

describe('typingVerdict', () => {
  it.each([
    { name: 'a complete row, just changed', complete: true, age: 0, expected: { kind: 'judge' } },
    { name: 'a complete row, long unchanged', complete: true, age: 3_600_000, expected: { kind: 'judge' } },
    {
      name: 'an incomplete row, just changed',
      complete: false,
      age: 0,
      expected: { kind: 'wait', until: T0 + TYPING_DELAY_MS },
    },
    {
      name: 'an incomplete row changed 59.999 s ago',
      complete: false,
      age: TYPING_DELAY_MS - 1,
      expected: { kind: 'wait', until: T0 + TYPING_DELAY_MS },
    },
    {
      name: 'an incomplete row changed exactly a minute ago',
      complete: false,
      age: TYPING_DELAY_MS,
      expected: { kind: 'judge' },
    },
    { name: 'an incomplete row changed an hour ago', complete: false, age: 3_600_000, expected: { kind: 'judge' } },
  ])('judges $name: $expected.kind', ({ complete, age, expected }) => {
    expect(typingVerdict({ complete, changedAt: T0, now: T0 + age })).toEqual(expected)
  })

  it('takes another delay when asked', () => {
    expect(typingVerdict({ complete: false, changedAt: T0, now: T0 + 500, delayMs: 1000 })).toEqual({
      kind: 'wait',
      until: T0 + 1000,
    })
  })
})

describe('missingRequired', () => {
  it.each([
    {
      name: 'one cell typed into a session row',
      cells: { case_id: 'K-0001' },
      missing: ['goal_id', 'date', 'task', 'worker'],
    },
    {
      name: 'a session row without its optional cells',
      cells: { case_id: 'K-0001', goal_id: 'T-0001', date: 45717, task: 'menyapu', worker: 'peksos-uji' },
      missing: [],
    },
    {
      name: 'blanks and spaces',
      cells: { case_id: ' ', goal_id: '', date: null, task: 'x', worker: 'y' },
      missing: ['case_id', 'goal_id', 'date'],
    },
    {
      name: 'the system cells alone (id, _status)',
      cells: { session_id: 'S-0001', _status: 'pesan' },
      missing: ['case_id', 'goal_id', 'date', 'task', 'worker'],
    },
  ])('lists the blank required cells of $name', ({ cells, missing }) => {
    expect(missingRequired('sessions', cells)).toEqual(missing)
  })

  it('never asks for the id: the system fills it', () => {
    expect(missingRequired('cases', {})).not.toContain('case_id')
  })
})
