/**
 * @module
 * Entity tags of case rows (RFC 9110 §8.8.3): the ledger's row version, sent quoted in `ETag`
 * and expected back in `If-Match`. A PATCH without one is refused with 428, because a blind
 * update could overwrite what a person just typed into the sheet.
 */
import { err, ok, type Result } from '../domain/result'
import type { HttpFailure } from './problem'

export const formatEtag = (version: string): string => `"${version}"`

const TAG_RE = /^(?:W\/)?"([\x21\x23-\x7e]{1,200})"$|^([\x21\x23-\x7e]{1,200})$/

/**
 * The one version an `If-Match` names. Quotes are optional (curl users forget them); `*` and
 * lists are refused with 428 because they would not protect against a lost update.
 */
export function parseIfMatch(header: string | undefined): Result<string, HttpFailure> {
  const value = header?.trim()
  if (value === undefined || value === '' || value === '*') return err({ kind: 'precondition_required' })
  if (value.includes(',')) return err({ kind: 'precondition_required' })
  const m = TAG_RE.exec(value)
  const tag = m?.[1] ?? m?.[2]
  return tag === undefined ? err({ kind: 'header_invalid', header: 'If-Match' }) : ok(tag)
}
