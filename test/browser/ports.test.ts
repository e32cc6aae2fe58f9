/** The browser tests' port range: the default, a range of one's own, and a clear refusal of a bad one. */
import { describe, expect, it } from 'vitest'
import { browserTestPorts } from './support/ports'

describe('the browser tests’ port range', () => {
  it.each([
    ['9500–9599 without BROWSER_TEST_PORTS', {}, [9500, 9599]],
    ['9500–9599 when BROWSER_TEST_PORTS is blank', { BROWSER_TEST_PORTS: ' ' }, [9500, 9599]],
    ['the range BROWSER_TEST_PORTS gives', { BROWSER_TEST_PORTS: '18800-18899' }, [18800, 18899]],
  ])('is %s', (_name, env, range) => {
    expect(browserTestPorts(env)).toEqual(range)
  })

  it.each([['18899-18800'], ['18800-18801'], ['80-90'], ['18800'], ['18800-99999'], ['a-b']])(
    'refuses BROWSER_TEST_PORTS=%s, saying what a range looks like',
    (given) => {
      expect(() => browserTestPorts({ BROWSER_TEST_PORTS: given })).toThrow(/like 18800-18899/)
    },
  )
})
