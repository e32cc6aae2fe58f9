/**
 * Request bodies are checked against the Sheets message definitions the way Google's proto JSON
 * parser does: unknown fields are rejected (this catches typos such as `inheritBefore`), wrong JSON
 * types are rejected, null means "not set", and snake_case names are accepted and normalised to
 * camelCase. Error paths are snake_case like Google's (`requests[0].insert_dimension`).
 */
import { type ApiError, fail, invalidValue, type Outcome, ok, unknownField } from './google-errors.js'
import { SHEETS_MESSAGES } from './request-schema.generated.js'

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const join = (path: string, field: string): string => (path === '' ? field : `${path}.${field}`)

const LIST_VALUE = 'type.googleapis.com/google.protobuf.ListValue'

function check(value: unknown, type: string, path: string): Outcome<unknown> {
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return fail(invalidValue(path, 'TYPE_MESSAGE', value))
    const inner = type.slice(0, -2)
    const out: unknown[] = []
    for (let i = 0; i < value.length; i++) {
      const r = check(value[i], inner, `${path}[${i}]`)
      if (!r.ok) return r
      out.push(r.value)
    }
    return ok(out)
  }
  switch (type) {
    case 's':
      return typeof value === 'string' ? ok(value) : fail(invalidValue(path, 'TYPE_STRING', value))
    case 'n':
      if (typeof value === 'number') return ok(value)
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return ok(Number(value))
      return fail(invalidValue(path, 'TYPE_INT32', value))
    case 'b':
      return typeof value === 'boolean' ? ok(value) : fail(invalidValue(path, 'TYPE_BOOL', value))
    case 'a':
    case 'm':
      return ok(value)
    case 'v': {
      if (!Array.isArray(value)) return fail(invalidValue(path, LIST_VALUE, value))
      for (let i = 0; i < value.length; i++) {
        if (!Array.isArray(value[i])) return fail(invalidValue(`${path}[${i}]`, LIST_VALUE, value[i]))
      }
      return ok(value)
    }
    default: {
      const message = type.startsWith('M:') ? type.slice(2) : type
      return checkMessage(value, message, path)
    }
  }
}

/** Validates `value` as message `name` (e.g. "BatchUpdateSpreadsheetRequest"); returns it normalised. */
export function checkMessage(value: unknown, name: string, path = ''): Outcome<Record<string, unknown>> {
  const fields = SHEETS_MESSAGES[name]
  if (fields === undefined) throw new Error(`unknown message ${name}`)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(invalidValue(path, `type.googleapis.com/google.apps.sheets.v4.${name}`, value))
  }
  const out: Record<string, unknown> = {}
  for (const [rawKey, v] of Object.entries(value)) {
    const key = rawKey in fields ? rawKey : camel(rawKey)
    const type = fields[key]
    if (type === undefined) return fail(unknownField(rawKey, path))
    if (v === null) continue
    const r = check(v, type, join(path, snake(key)))
    if (!r.ok) return r
    out[key] = r.value
  }
  return ok(out)
}

/** Parses a JSON body; an empty body is `{}` (values.clear is sent without one, §1.1). */
export function parseJsonBody(text: string): Outcome<unknown> {
  if (text.trim() === '') return ok({})
  try {
    return ok(JSON.parse(text))
  } catch {
    const error: ApiError = {
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: `Invalid JSON payload received. Unexpected token.\n${text.slice(0, 40)}\n^`,
    }
    return fail(error)
  }
}
