/**
 * @module
 * Reading a write request's body into a record of raw fields: JSON objects and
 * `application/x-www-form-urlencoded` forms (the HTML forms post those without JavaScript; every
 * value is a string, which the domain codecs accept). The size limit is not this module's: Hono's
 * `bodyLimit` (app.ts) refuses a body past it, declared or streamed, before any route reads it.
 * Nothing here knows a row's fields: the domain decoders judge those.
 */
import type { RawRecord } from '../domain'
import { err, ok, type Result } from '../domain/result'
import type { HttpFailure } from './problem'

export const JSON_TYPE = 'application/json'
export const FORM_TYPE = 'application/x-www-form-urlencoded'
/** RFC 7396; accepted on PATCH, where a top-level object means the same as plain JSON. */
export const MERGE_PATCH_TYPE = 'application/merge-patch+json'

export type BodyOptions = {
  /** Media types this route accepts (lower-case, no parameters). */
  readonly accept: readonly string[]
}

/** The media type and charset of a Content-Type header, lower-cased. */
function mediaType(header: string | null): { type: string; charset: string | undefined } | undefined {
  if (header === null) return undefined
  const [type = '', ...params] = header.split(';')
  let charset: string | undefined
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)
    if (m?.[1] !== undefined) charset = m[1].toLowerCase()
  }
  return { type: type.trim().toLowerCase(), charset }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** A form as a record; a repeated field becomes an array (the codecs reject it as a wrong type). */
function formRecord(text: string): RawRecord {
  // A null-prototype object: a field named `__proto__` stays an ordinary (unknown) field.
  const record: Record<string, string | string[]> = Object.create(null)
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = record[key]
    record[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return record
}

/**
 * The body of a write as a raw record (its size already checked by `bodyLimit`). Order of checks:
 * empty (400), media type (415), syntax (400), shape (400: must be an object).
 */
export async function readBody(request: Request, options: BodyOptions): Promise<Result<RawRecord, HttpFailure>> {
  const bytes = new Uint8Array(await request.arrayBuffer())
  const media = mediaType(request.headers.get('content-type'))
  if (bytes.byteLength === 0) return err({ kind: 'body_empty' })
  if (
    media === undefined ||
    !options.accept.includes(media.type) ||
    (media.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8')
  ) {
    return err({ kind: 'media_type_unsupported', accepted: options.accept })
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return err({ kind: 'body_malformed' })
  }
  if (text.trim() === '') return err({ kind: 'body_empty' })
  if (media.type === FORM_TYPE) return ok(formRecord(text))
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return err({ kind: 'body_malformed' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err({ kind: 'body_not_object' })
  return ok(value as RawRecord)
}
