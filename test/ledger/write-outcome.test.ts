// What an answer to a write proves: only a 2xx (applied) and refusals Google gives before applying
// anything (not applied) are proof; every other answer leaves the write in doubt.
import { describe, expect, it } from 'vitest'
import { err, ok } from '../../src/domain'
import { writeOutcome } from '../../src/ledger/write-outcome'
import type { SheetsError } from '../../src/sheets'

const method = 'spreadsheets.batchUpdate' as const

describe('writeOutcome', () => {
  it('counts a 2xx as applied', () => {
    expect(writeOutcome(ok({ spreadsheetId: 'x' }))).toBe('applied')
  })

  it.each<[string, SheetsError, string]>([
    ['429', { kind: 'rate_limited', method, retryAfterMs: null, attempts: 1 }, 'not_applied'],
    [
      '400',
      { kind: 'bad_request', method, status: 400, googleStatus: 'INVALID_ARGUMENT', message: '', attempts: 1 },
      'refused',
    ],
    ['403', { kind: 'permission_denied', method, message: '', attempts: 1 }, 'not_applied'],
    ['404', { kind: 'not_found', method, message: '', attempts: 1 }, 'not_applied'],
    ['401 twice', { kind: 'unauthenticated', method, message: '', attempts: 2 }, 'not_applied'],
    ['503', { kind: 'outcome_unknown', method, cause: 'server_error', status: 503, attempts: 1 }, 'unknown'],
    ['408', { kind: 'outcome_unknown', method, cause: 'server_error', status: 408, attempts: 1 }, 'unknown'],
    ['500', { kind: 'outcome_unknown', method, cause: 'server_error', status: 500, attempts: 1 }, 'unknown'],
    ['a timeout', { kind: 'outcome_unknown', method, cause: 'timeout', status: null, attempts: 1 }, 'unknown'],
    [
      'a dropped connection',
      { kind: 'outcome_unknown', method, cause: 'network', status: null, attempts: 1 },
      'unknown',
    ],
    ['an unparsable 2xx', { kind: 'invalid_response', method, status: 200, message: '', attempts: 1 }, 'unknown'],
  ])('reads %s as %s', (_answer, error, expected) => {
    expect(writeOutcome(err(error))).toBe(expected)
  })
})
