/**
 * @module
 * The shared handler of the four row-creating POSTs (cases, assessments, goals, sessions):
 * Idempotency-Key → body → `worker` defaulted to the caller → domain validation → ledger.submit
 * (attribution, cross-row rules, id, durable outbox) → 201 with the stored row, or 202 with `"sync": "pending"` when the sheet did not
 * answer within the request's budget (architecture.md "Write path").
 */
import type { Handler } from 'hono'
import type { DataTabKey } from '../../domain'
import type { SubmitRequest } from '../../ledger/contract'
import type { AppEnv } from '../app-env'
import { withDefaultWorker } from '../field-rules'
import { parseIdempotencyKey, requestHash } from '../idempotency'
import { FORM_TYPE, JSON_TYPE, readBody } from '../request-body'
import { json, problem } from '../respond'
import { validateNewRow } from '../validate-input'

/** Where a created row can be read back, for the `Location` header. */
const LOCATION: Partial<Record<DataTabKey, (row: Record<string, unknown>) => string>> = {
  cases: (row) => `/api/cases/${encodeURIComponent(String(row.case_id))}`,
}

export function submitHandler<K extends DataTabKey>(tab: K): Handler<AppEnv> {
  return async (c) => {
    const key = parseIdempotencyKey(c.req.header('idempotency-key'))
    if (!key.ok) return problem(c, key.error)
    const body = await readBody(c.req.raw, { accept: [JSON_TYPE, FORM_TYPE] })
    if (!body.ok) return problem(c, body.error)
    const row = validateNewRow(tab, withDefaultWorker(tab, body.value, c.var.actor))
    if (!row.ok) return problem(c, row.error)
    const request: SubmitRequest<K> = {
      tab,
      row: row.value,
      actor: c.var.actor,
      bodyHash: await requestHash(tab, row.value),
      ...(key.value === undefined ? {} : { idempotencyKey: key.value }),
    }
    const answer = await c.var.ledger.submit(request)
    if (!answer.ok) return problem(c, answer.error)
    const { status, row: stored, sync, replayed } = answer.value
    const headers: Record<string, string> = {}
    const location = LOCATION[tab]?.(stored as Record<string, unknown>)
    if (location !== undefined) headers.Location = location
    if (replayed) headers['Idempotency-Replayed'] = 'true'
    return json({ ...stored, sync }, status, headers)
  }
}
