import { describe, expect, it } from 'vitest'
import { accessDenial, type SheetsError } from '../../src/sheets'

const denied = (message: string): SheetsError => ({
  kind: 'permission_denied',
  method: 'values.batchGet',
  message,
  attempts: 1,
})

describe('accessDenial: what a 403 asks a person to fix', () => {
  it.each([
    ['The caller does not have permission', 'not_shared'],
    [
      'Google Sheets API has not been used in project 100000000001 before or it is disabled. Enable it by visiting …',
      'api_disabled',
    ],
    ['Request had insufficient authentication scopes.', 'scopes'],
    ['Something else Google may say', 'not_shared'],
  ])('reads %j as %s', (message, denial) => {
    expect(accessDenial(denied(message))).toBe(denial)
  })

  it('is undefined for any other error', () => {
    expect(
      accessDenial({
        kind: 'not_found',
        method: 'values.get',
        message: 'Requested entity was not found.',
        attempts: 1,
      }),
    ).toBeUndefined()
  })
})
