/**
 * The order of test files (test/browser/support/sequencer.ts): group by group, the longest first
 * within each, so no long file is left to run alone at the end.
 */
import { describe, expect, it } from 'vitest'
import { longestFirst, type Timed } from './support/sequencer'

const file = (item: string, group: number, seconds: number): Timed<string> => ({ item, group, seconds })

describe('longestFirst: the order files are handed to the pool', () => {
  it.each([
    [
      'the longest first, however small its file',
      [file('outbox', 1, 13), file('worked-example', 1, 43), file('pages', 1, 57)],
      ['pages', 'worked-example', 'outbox'],
    ],
    [
      'every file of an earlier group before any of a later one',
      [file('browser', 1, 60), file('node', 0, 0.5), file('workers', 0, 18)],
      ['workers', 'node', 'browser'],
    ],
    ['equal ones in the order given', [file('b', 0, 1), file('a', 0, 1), file('c', 0, 2)], ['c', 'b', 'a']],
  ] as const)('%s', (_name, files, order) => {
    expect(longestFirst(files)).toEqual(order)
  })
})
