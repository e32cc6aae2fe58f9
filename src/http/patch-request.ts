/**
 * @module
 * What every PATCH reads before the ledger is asked (cases, sessions, assessments), in this
 * order: `If-Match` (428 without one: a blind update could overwrite what a person just typed
 * into the sheet), the body (JSON, merge-patch JSON or a form), the field table of
 * field-rules.ts (403 for a field the role may not change, decided before any lookup), and each
 * field's codec (422). The ledger then finds the row, checks ownership and the version, and
 * applies the row rules.
 */
import type { Context } from 'hono'
import type { InputOf } from '../domain'
import { ok, type Result } from '../domain/result'
import type { AppEnv } from './app-env'
import { parseIfMatch } from './etag'
import { checkPatchFields, type PatchTab } from './field-rules'
import type { HttpProblem } from './problem'
import { FORM_TYPE, JSON_TYPE, MERGE_PATCH_TYPE, readBody } from './request-body'
import { validatePatch } from './validate-input'

export type PatchInput<K extends PatchTab> = { readonly ifMatch: string; readonly patch: Partial<InputOf<K>> }

export async function readPatch<K extends PatchTab>(
  c: Context<AppEnv>,
  tab: K,
): Promise<Result<PatchInput<K>, HttpProblem>> {
  const ifMatch = parseIfMatch(c.req.header('if-match'))
  if (!ifMatch.ok) return ifMatch
  const body = await readBody(c.req.raw, { accept: [JSON_TYPE, MERGE_PATCH_TYPE, FORM_TYPE] })
  if (!body.ok) return body
  const allowed = checkPatchFields(tab, c.var.actor, Object.keys(body.value))
  if (!allowed.ok) return allowed
  const patch = validatePatch(tab, body.value)
  if (!patch.ok) return patch
  return ok({ ifMatch: ifMatch.value, patch: patch.value })
}
