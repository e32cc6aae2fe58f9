// An outbox row's life as a table of named transitions: which answer moves it where, and why a
// row in doubt is never sent again before a read shows it missing.
import { describe, expect, it } from 'vitest'
import { inDoubt, nextOutboxState, OUTBOX_STATES, type OutboxEvent } from '../../src/ledger/outbox-state'

describe('nextOutboxState', () => {
  it.each([
    ['queued', 'send', 'sending'],
    ['sending', 'applied', 'completed'],
    ['sending', 'not_applied', 'queued'],
    ['sending', 'unknown', 'uncertain'],
    ['sending', 'interrupted', 'uncertain'],
    ['uncertain', 'found', 'completed'],
    ['sending', 'found', 'completed'],
    ['uncertain', 'missing', 'queued'],
  ] as const)('takes a %s row on %s to %s', (from, event, to) => {
    expect(nextOutboxState(from, event)).toBe(to)
  })

  it.each([
    ['uncertain', 'send'],
    ['queued', 'applied'],
    ['uncertain', 'applied'],
    ['queued', 'found'],
    ['queued', 'missing'],
    ['uncertain', 'unknown'],
  ] as const)('leaves a %s row where it is on %s', (from, event) => {
    expect(nextOutboxState(from, event)).toBe(from)
  })

  it('sends a row only from queued: a row in doubt must first be found missing', () => {
    const events: OutboxEvent[] = ['send', 'applied', 'not_applied', 'unknown', 'found', 'missing', 'interrupted']
    for (const state of OUTBOX_STATES) {
      for (const event of events) {
        const to = nextOutboxState(state, event)
        if (to === 'sending' && to !== state) expect([state, event]).toEqual(['queued', 'send'])
      }
    }
  })

  it.each([
    ['queued', false],
    ['sending', true],
    ['uncertain', true],
  ] as const)('counts a %s row as in doubt: %s', (state, expected) => {
    expect(inDoubt(state)).toBe(expected)
  })
})
