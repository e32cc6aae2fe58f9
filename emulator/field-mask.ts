/**
 * FieldMask handling (§1.4): `a.b`, `a/b`, `a(b,c.d)`, `*`. Used both for partial responses
 * (`fields=` on reads) and for the `fields` of update* batch requests.
 */

export type MaskTree = ReadonlyMap<string, MaskTree | true>

/** Parses a mask; undefined when it is malformed. */
export function parseFieldMask(text: string): MaskTree | undefined {
  let pos = 0
  const src = text.replace(/\s+/g, '')
  const parseList = (): Map<string, MaskTree | true> | undefined => {
    const out = new Map<string, MaskTree | true>()
    for (;;) {
      const names: string[] = []
      for (;;) {
        const m = /^(\*|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(pos))
        if (!m?.[0]) return undefined
        names.push(m[0])
        pos += m[0].length
        if (src[pos] === '.' || src[pos] === '/') {
          pos++
          continue
        }
        break
      }
      let leaf: MaskTree | true = true
      if (src[pos] === '(') {
        pos++
        const inner = parseList()
        if (!inner || src[pos] !== ')') return undefined
        pos++
        leaf = inner
      }
      merge(out, names, leaf)
      if (src[pos] === ',') {
        pos++
        continue
      }
      return out
    }
  }
  const tree = parseList()
  return tree && pos === src.length ? tree : undefined
}

function merge(into: Map<string, MaskTree | true>, names: readonly string[], leaf: MaskTree | true): void {
  const [head, ...rest] = names
  if (head === undefined) return
  const existing = into.get(head)
  if (existing === true) return
  if (rest.length === 0) {
    if (leaf === true || existing === undefined) {
      into.set(head, leaf)
      return
    }
    const merged = new Map(existing)
    for (const [k, v] of leaf) merge(merged, [k], v)
    into.set(head, merged)
    return
  }
  const child = new Map(existing ?? [])
  merge(child, rest, leaf)
  into.set(head, child)
}

/** Flattens a mask into dotted paths ("a.b", "a.c"); `*` stays a path segment. */
export function maskPaths(tree: MaskTree, prefix = ''): string[] {
  const out: string[] = []
  for (const [k, v] of tree) {
    const path = prefix === '' ? k : `${prefix}.${k}`
    if (v === true) out.push(path)
    else out.push(...maskPaths(v, path))
  }
  return out
}

type Json = unknown

/**
 * Keeps only the masked paths. Objects that become empty are kept as {} (a present message prints
 * as {}); the caller decides which lists to trim. Absent input yields undefined.
 */
export function applyMask(value: Json, tree: MaskTree | true): Json {
  if (tree === true || value === undefined || value === null) return value
  if (Array.isArray(value)) return value.map((v) => applyMask(v, tree))
  if (typeof value !== 'object') return value
  if (tree.get('*') === true) return value
  const out: Record<string, Json> = {}
  const obj = value as Record<string, Json>
  for (const [k, sub] of tree) {
    if (k === '*') continue
    if (!(k in obj)) continue
    const v = applyMask(obj[k], sub)
    if (v !== undefined) out[k] = v
  }
  return out
}

/** Reads a dotted path. */
export function getPath(obj: Json, path: string): Json {
  let cur: Json = obj
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, Json>)[part]
  }
  return cur
}

/**
 * Copies the value at `path` from `source` into `target` (a plain object tree), deleting the field
 * when the source has none: update requests clear masked fields that the request leaves unset.
 */
export function setPath(target: Record<string, Json>, path: string, source: Json): void {
  const parts = path.split('.')
  const value = getPath(source, path)
  let cur: Record<string, Json> = target
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] ?? ''
    const next = cur[key]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (value === undefined) return
      cur[key] = {}
    } else {
      cur[key] = { ...(next as Record<string, Json>) }
    }
    cur = cur[key] as Record<string, Json>
  }
  const last = parts[parts.length - 1] ?? ''
  if (value === undefined || value === null) delete cur[last]
  else cur[last] = structuredClone(value)
}

/**
 * The first path of `tree` that names no field of `message` (dotted, as Google reports it), or
 * undefined when every path resolves. `fieldsOf` gives a message's fields as type codes
 * (request-schema.generated.ts: `M:Name` and `M:Name[]` are messages; other types have no fields).
 * `*` matches every field at its level.
 */
export function unmatchedMaskPath(
  tree: MaskTree,
  message: string,
  fieldsOf: (message: string) => Readonly<Record<string, string>> | undefined,
  prefix = '',
): string | undefined {
  const fields = fieldsOf(message) ?? {}
  for (const [name, sub] of tree) {
    const path = prefix === '' ? name : `${prefix}.${name}`
    if (name === '*') continue
    const type = fields[name]
    if (type === undefined) return path
    if (sub === true) continue
    const inner = /^M:(\w+)(?:\[\])?$/.exec(type)?.[1]
    if (inner === undefined) return `${path}.${[...sub.keys()][0] ?? ''}`
    const bad = unmatchedMaskPath(sub, inner, fieldsOf, path)
    if (bad !== undefined) return bad
  }
  return undefined
}
