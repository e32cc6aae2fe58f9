/**
 * @module
 * The HTTP boundary's validation (house style 7): a raw body record → a typed row, using only the
 * domain's row schemas and codecs (TABLES / decodeInput / decodeCell), so the API, the sheet and
 * the OpenAPI document cannot disagree. Every field problem comes back at once as a
 * `body_invalid` failure carrying the domain's issues (codes and Indonesian/English messages).
 */
import {
  COLUMN_BY_KEY,
  cellIssue,
  type DataTabKey,
  decodeCell,
  decodeInput,
  type InputOf,
  type Issue,
  issueMessage,
  type RawRecord,
} from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { HttpFailure } from './problem'

/** A new row of `tab`: unknown fields, system-owned ids and every cell problem are reported. */
export function validateNewRow<K extends DataTabKey>(tab: K, record: RawRecord): Result<InputOf<K>, HttpFailure> {
  const decoded = decodeInput(tab, record)
  if (decoded.row === undefined || decoded.issues.length > 0)
    return err({ kind: 'body_invalid', issues: decoded.issues })
  return ok(decoded.row)
}

const issue = (field: string, code: Issue['code'], label = { id: field, en: field }): Issue => ({
  field,
  code,
  message: issueMessage(code, { label }),
  severity: 'error',
})

/**
 * A partial update of a row (a case, a session or an assessment): only the fields sent, each
 * decoded by its column's codec. Unknown and system-owned fields are refused like on create. A
 * field sent blank is refused as `required` — the API cannot clear a cell (staff clear cells in
 * the sheet itself), because a blank that silently erased a consent date would be worse than an
 * error.
 */
export function validatePatch<K extends DataTabKey>(
  tab: K,
  record: RawRecord,
): Result<Partial<InputOf<K>>, HttpFailure> {
  const columns = COLUMN_BY_KEY[tab]
  const patch: Record<string, unknown> = {}
  const issues: Issue[] = []
  for (const key of Object.keys(record)) {
    const column = columns.get(key)
    if (column === undefined) {
      issues.push(issue(key, 'unknown_field'))
      continue
    }
    if (column.owner === 'system') {
      issues.push(issue(key, 'read_only_field', column.label))
      continue
    }
    const decoded = decodeCell(column, record[key])
    if (!decoded.ok) issues.push(cellIssue(column, decoded.error))
    else if (decoded.value === undefined) issues.push(cellIssue(column, 'required'))
    else patch[key] = decoded.value
  }
  if (issues.length > 0) return err({ kind: 'body_invalid', issues })
  if (Object.keys(patch).length === 0) return err({ kind: 'body_empty' })
  return ok(patch as Partial<InputOf<K>>)
}
