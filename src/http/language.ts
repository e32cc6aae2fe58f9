/**
 * @module
 * The language of messages: Indonesian unless the request's `Accept-Language` prefers English
 * (users.md: staff read Indonesian; English is available on request).
 */
import type { Lang } from '../domain'

/**
 * The preferred supported language of an `Accept-Language` header (RFC 9110 §12.5.4): the
 * highest-q range that names `id` or `en` (or a subtag such as `en-GB`, `id-ID`). Ties keep the
 * order of the header; `*` and unknown languages never win over Indonesian, the default.
 */
export function preferredLanguage(header: string | undefined): Lang {
  if (header === undefined) return 'id'
  let best: { lang: Lang; q: number } | undefined
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';')
    const primary = range.trim().toLowerCase().split('-')[0]
    const lang: Lang | undefined = primary === 'en' ? 'en' : primary === 'id' || primary === 'in' ? 'id' : undefined
    if (lang === undefined) continue
    let q = 1
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)
      if (m?.[1] !== undefined) q = Number(m[1])
    }
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue
    if (best === undefined || q > best.q) best = { lang, q }
  }
  return best?.lang ?? 'id'
}
