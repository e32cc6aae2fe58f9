/**
 * A line-by-line port of shared/tools/replay-cassettes.py: same request construction, id
 * mapping, ignored keys and structural comparison, so the project's replay test and the
 * reference replayer agree on every interaction.
 */

/** Keys ignored anywhere in a body (replay-cassettes.py IGNORE). */
const IGNORE = new Set(['spreadsheetUrl', 'createdTime', 'modifiedTime', 'spreadsheetTheme', 'defaultFormat'])

export interface Cassette {
  readonly interactions: readonly {
    readonly request: { readonly method: string; readonly uri: string; readonly body?: string | null }
    readonly response: {
      readonly status: { readonly code: number }
      readonly body?: { readonly string?: string } | null
    }
  }[]
}

/** True for a VCR cassette as the reference replayer reads it; any other JSON is not one. */
export function isCassette(value: unknown): value is Cassette {
  if (value === null || typeof value !== 'object') return false
  const interactions = (value as { interactions?: unknown }).interactions
  return (
    Array.isArray(interactions) &&
    interactions.length > 0 &&
    interactions.every((it: unknown) => {
      const i = it as { request?: { method?: unknown; uri?: unknown }; response?: { status?: { code?: unknown } } }
      return (
        typeof i?.request?.method === 'string' &&
        typeof i.request.uri === 'string' &&
        typeof i.response?.status?.code === 'number'
      )
    })
  )
}

export type Send = (method: string, path: string, body: string | undefined) => Promise<{ status: number; text: string }>

/** An in-process sender for a fetch-like app (mirrors `send` in the Python replayer). */
export function appSender(
  fetchApp: (req: Request) => Response | Promise<Response>,
  base = 'http://127.0.0.1:8788',
): Send {
  return async (method, path, body) => {
    const headers: Record<string, string> = { Authorization: 'Bearer conformance' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const res = await fetchApp(new Request(base + path, { method, headers, ...(body === undefined ? {} : { body }) }))
    return { status: res.status, text: await res.text() }
  }
}

function parse(text: string): unknown {
  if (!text || text.trim() === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function norm(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => norm(x))
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      if (IGNORE.has(k)) continue
      if (k === 'error' && x !== null && typeof x === 'object' && !Array.isArray(x)) {
        const e = x as Record<string, unknown>
        const kept: Record<string, unknown> = {}
        for (const kk of ['code', 'status']) if (kk in e) kept[kk] = e[kk]
        out[k] = kept
        continue
      }
      out[k] = norm(x)
    }
    return out
  }
  return v
}

/** Python's `==` for JSON scalars: True == 1 and False == 0. */
function pyEquals(a: unknown, b: unknown): boolean {
  const num = (x: unknown): unknown => (typeof x === 'boolean' ? Number(x) : x)
  return num(a) === num(b)
}

export function same(a: unknown, b: unknown): boolean {
  const isDict = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x)
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a)
    const kb = new Set(Object.keys(b))
    return ka.length === kb.size && ka.every((k) => kb.has(k)) && ka.every((k) => same(a[k], b[k]))
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a))
  return pyEquals(a, b)
}

/** Server-assigned ids the reference rules leave unmapped: `"key": 123` or `"key": "123"`. */
const EXTRA_ID_KEYS = ['namedRangeId', 'protectedRangeId'] as const

function remap(
  text: string,
  ids: ReadonlyMap<string, string>,
  sheetIds: ReadonlyMap<number, number>,
  extraIds?: ReadonlyMap<string, string>,
): string {
  if (!text) return text
  let out = text
  for (const [old, fresh] of ids) out = out.split(old).join(fresh)
  out = out.replace(
    /("sheetId"\s*:\s*)(\d+)/g,
    (_m, prefix: string, n: string) => prefix + String(sheetIds.get(Number(n)) ?? Number(n)),
  )
  if (!extraIds) return out
  return out.replace(
    /("(?:namedRangeId|protectedRangeId)"\s*:\s*"?)(\d+)/g,
    (_m, prefix: string, n: string) => prefix + (extraIds.get(n) ?? n),
  )
}

function learnExtraIds(exp: unknown, got: unknown, into: Map<string, string>): void {
  if (Array.isArray(exp) && Array.isArray(got)) {
    exp.forEach((e, i) => {
      learnExtraIds(e, got[i], into)
    })
    return
  }
  if (exp === null || got === null || typeof exp !== 'object' || typeof got !== 'object') return
  const e = exp as Record<string, unknown>
  const g = got as Record<string, unknown>
  for (const key of EXTRA_ID_KEYS) {
    if (e[key] !== undefined && g[key] !== undefined && !into.has(String(e[key])))
      into.set(String(e[key]), String(g[key]))
  }
  for (const k of Object.keys(e)) if (k in g) learnExtraIds(e[k], g[k], into)
}

export interface ReplayResult {
  readonly ok: number
  readonly total: number
  readonly firstBad?: string
}

export interface ReplayOptions {
  /**
   * Also map namedRangeId / protectedRangeId learnt from replies, the way the reference rules map
   * sheet ids. Off = exactly the reference replayer. Google draws these ids at random, so without
   * the mapping no emulator can reproduce them (see test/emulator/conformance-replay.test.ts).
   */
  readonly mapServerAssignedIds?: boolean
}

export async function replayCassette(
  cassette: Cassette,
  send: Send,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const ids = new Map<string, string>()
  const sheetIds = new Map<number, number>()
  const extraIds = options.mapServerAssignedIds ? new Map<string, string>() : undefined
  let ok = 0
  let total = 0
  let firstBad: string | undefined
  for (const [i, it] of cassette.interactions.entries()) {
    const rq = it.request
    const rs = it.response
    const uri = remap(rq.uri, ids, sheetIds, extraIds)
    const body = remap(rq.body ?? '', ids, sheetIds, extraIds)
    const path = uri.replace(/^https:\/\/[^/]+/, '')
    const { status, text: gotText } = await send(rq.method, path, body ? body : undefined)
    const expText = rs.body?.string ?? ''
    const exp = parse(expText)
    const got = parse(gotText)
    if (
      exp &&
      got &&
      typeof exp === 'object' &&
      typeof got === 'object' &&
      !Array.isArray(exp) &&
      !Array.isArray(got)
    ) {
      const e = exp as Record<string, unknown>
      const g = got as Record<string, unknown>
      if (rq.uri.includes('drive/v3/files') && rq.method === 'POST' && 'id' in e && 'id' in g)
        ids.set(String(e.id), String(g.id))
      const er = Array.isArray(e.replies) ? e.replies : []
      const gr = Array.isArray(g.replies) ? g.replies : []
      for (let k = 0; k < Math.min(er.length, gr.length); k++) {
        const es = (er[k] as { addSheet?: { properties?: { sheetId?: number } } })?.addSheet?.properties?.sheetId
        const gs = (gr[k] as { addSheet?: { properties?: { sheetId?: number } } })?.addSheet?.properties?.sheetId
        if (es !== undefined && gs !== undefined) sheetIds.set(es, gs)
      }
      if (extraIds) learnExtraIds(e, g, extraIds)
    }
    const expN = norm(parse(remap(expText, ids, sheetIds, extraIds)))
    const gotN = norm(got)
    total++
    if (status === rs.status.code && same(expN, gotN)) ok++
    else if (firstBad === undefined)
      firstBad = `#${i} ${rq.method} ${rq.uri.slice(0, 90)} -> got ${status}, want ${rs.status.code}`
  }
  return { ok, total, ...(firstBad === undefined ? {} : { firstBad }) }
}
