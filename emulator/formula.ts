/**
 * A small formula evaluator: enough of Sheets for simple arithmetic, comparisons, text joins,
 * cell and range references and a handful of common functions. Anything else evaluates to a
 * Sheets error value (#NAME?, #ERROR!) rather than throwing.
 */
import { type Bounds, parseArea, splitRange } from './a1-notation.js'

export interface FormulaError {
  readonly error: '#DIV/0!' | '#VALUE!' | '#REF!' | '#NAME?' | '#NUM!' | '#N/A' | '#ERROR!'
  readonly message: string
}
/** undefined = an empty cell. */
export type Scalar = number | string | boolean | FormulaError | undefined
type Grid = readonly (readonly Scalar[])[]
type Value = Scalar | { readonly grid: Grid }

export interface FormulaContext {
  /** Values of a reference: `sheet` as written (undefined = the formula's own sheet). */
  readonly values: (sheet: string | undefined, bounds: Bounds) => Grid | FormulaError
}

export const isError = (v: unknown): v is FormulaError => typeof v === 'object' && v !== null && 'error' in v
const err = (error: FormulaError['error'], message: string): FormulaError => ({ error, message })

type Token =
  | { readonly t: 'num'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'ref'; readonly sheet: string | undefined; readonly area: string }
  | { readonly t: 'name'; readonly v: string }
  | { readonly t: 'op'; readonly v: string }

const REF =
  /^(\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?[0-9]+:\$?[0-9]+|\$?[A-Za-z]{1,3}\$?[0-9]+:\$?[A-Za-z]{1,3})/

function tokenize(src: string): Token[] | FormulaError {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const ch = src[i] ?? ''
    if (/\s/.test(ch)) {
      i++
      continue
    }
    const rest = src.slice(i)
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest)
    if (num?.[0] !== undefined) {
      out.push({ t: 'num', v: Number(num[0]) })
      i += num[0].length
      continue
    }
    if (ch === '"') {
      let j = i + 1
      let s = ''
      for (;;) {
        if (j >= src.length) return err('#ERROR!', 'Formula parse error.')
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"'
            j += 2
            continue
          }
          break
        }
        s += src[j]
        j++
      }
      out.push({ t: 'str', v: s })
      i = j + 1
      continue
    }
    // sheet-qualified reference: 'My sheet'!A1 or Sheet1!A1:B2
    const qualified = /^('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!/.exec(rest)
    if (qualified?.[0] !== undefined && qualified[1] !== undefined) {
      const after = rest.slice(qualified[0].length)
      const ref = REF.exec(after)
      if (ref?.[0] === undefined) return err('#ERROR!', 'Formula parse error.')
      const split = splitRange(`${qualified[1]}!A1`)
      out.push({ t: 'ref', sheet: split?.sheet, area: ref[0] })
      i += qualified[0].length + ref[0].length
      continue
    }
    const ref = REF.exec(rest)
    if (ref?.[0] !== undefined && !/^[A-Za-z0-9_(]/.test(rest.slice(ref[0].length))) {
      out.push({ t: 'ref', sheet: undefined, area: ref[0] })
      i += ref[0].length
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest)
    if (name?.[0] !== undefined) {
      out.push({ t: 'name', v: name[0].toUpperCase() })
      i += name[0].length
      continue
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>%,():])/.exec(rest)
    if (op?.[0] !== undefined) {
      out.push({ t: 'op', v: op[0] })
      i += op[0].length
      continue
    }
    return err('#ERROR!', 'Formula parse error.')
  }
  return out
}

type Node =
  | { readonly k: 'lit'; readonly v: Scalar }
  | { readonly k: 'ref'; readonly sheet: string | undefined; readonly area: string }
  | { readonly k: 'un'; readonly op: string; readonly a: Node }
  | { readonly k: 'bin'; readonly op: string; readonly a: Node; readonly b: Node }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly k: 'name'; readonly name: string }

class Parser {
  private pos = 0
  constructor(private readonly tokens: readonly Token[]) {}
  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.pos]
    return t?.t === 'op' && ops.includes(t.v) ? t.v : undefined
  }
  parse(): Node {
    const node = this.comparison()
    if (this.pos !== this.tokens.length) throw new SyntaxError('trailing tokens')
    return node
  }
  private binary(next: () => Node, ops: string[]): Node {
    let a = next()
    for (let op = this.peekOp(...ops); op !== undefined; op = this.peekOp(...ops)) {
      this.pos++
      a = { k: 'bin', op, a, b: next() }
    }
    return a
  }
  private comparison = (): Node => this.binary(this.concat, ['=', '<>', '<', '>', '<=', '>='])
  private concat = (): Node => this.binary(this.additive, ['&'])
  private additive = (): Node => this.binary(this.multiplicative, ['+', '-'])
  private multiplicative = (): Node => this.binary(this.power, ['*', '/'])
  private power = (): Node => this.binary(this.unary, ['^'])
  private unary = (): Node => {
    const op = this.peekOp('+', '-')
    if (op !== undefined) {
      this.pos++
      return { k: 'un', op, a: this.unary() }
    }
    let node = this.primary()
    while (this.peekOp('%')) {
      this.pos++
      node = { k: 'un', op: '%', a: node }
    }
    return node
  }
  private primary(): Node {
    const t = this.tokens[this.pos++]
    if (t === undefined) throw new SyntaxError('unexpected end')
    if (t.t === 'num') return { k: 'lit', v: t.v }
    if (t.t === 'str') return { k: 'lit', v: t.v }
    if (t.t === 'ref') return { k: 'ref', sheet: t.sheet, area: t.area }
    if (t.t === 'name') {
      if (this.peekOp('(')) {
        this.pos++
        const args: Node[] = []
        if (!this.peekOp(')')) {
          for (;;) {
            args.push(this.comparison())
            if (this.peekOp(',')) {
              this.pos++
              continue
            }
            break
          }
        }
        if (!this.peekOp(')')) throw new SyntaxError('missing )')
        this.pos++
        return { k: 'call', name: t.v, args }
      }
      if (t.v === 'TRUE' || t.v === 'FALSE') return { k: 'lit', v: t.v === 'TRUE' }
      return { k: 'name', name: t.v }
    }
    if (t.v === '(') {
      const inner = this.comparison()
      if (!this.peekOp(')')) throw new SyntaxError('missing )')
      this.pos++
      return inner
    }
    throw new SyntaxError(`unexpected ${t.v}`)
  }
}

function toNumber(v: Scalar): number | FormulaError {
  if (v === undefined) return 0
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (isError(v)) return v
  const n = Number(v.trim())
  if (v.trim() !== '' && Number.isFinite(n)) return n
  return err('#VALUE!', `Function expects number values. But '${v}' is a text and cannot be coerced to a number.`)
}

function toText(v: Scalar): string | FormulaError {
  if (v === undefined) return ''
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (typeof v === 'number') return String(v)
  return v
}

function toBool(v: Scalar): boolean | FormulaError {
  if (v === undefined) return false
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  if (isError(v)) return v
  const up = v.toUpperCase()
  if (up === 'TRUE' || up === 'FALSE') return up === 'TRUE'
  return err('#VALUE!', `Function expects boolean values. But '${v}' is a text and cannot be coerced to a boolean.`)
}

function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar): number => (typeof v === 'number' || v === undefined ? 0 : typeof v === 'string' ? 1 : 2)
  const av = a === undefined ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a
  const bv = b === undefined ? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0) : b
  const ra = rank(av)
  const rb = rank(bv)
  if (ra !== rb) return ra - rb
  if (typeof av === 'string' && typeof bv === 'string') return av.toLowerCase().localeCompare(bv.toLowerCase())
  return Number(av) - Number(bv)
}

function flatten(values: readonly Value[]): Scalar[] {
  const out: Scalar[] = []
  for (const v of values) {
    if (typeof v === 'object' && v !== null && 'grid' in v) for (const row of v.grid) out.push(...row)
    else out.push(v)
  }
  return out
}

const ROUND = (n: number, digits: number): number => {
  const f = 10 ** digits
  return Math.round((n + Number.EPSILON * Math.sign(n)) * f) / f
}

export function evaluateFormula(formula: string, ctx: FormulaContext): Scalar {
  const src = formula.replace(/^[=+]/, '')
  const tokens = tokenize(src)
  if (isError(tokens)) return tokens
  let ast: Node
  try {
    ast = new Parser(tokens).parse()
  } catch {
    return err('#ERROR!', 'Formula parse error.')
  }
  const value = evaluate(ast, ctx)
  return scalarOf(value)
}

function scalarOf(v: Value): Scalar {
  if (typeof v === 'object' && v !== null && 'grid' in v) {
    if (v.grid.length === 1 && v.grid[0]?.length === 1) return v.grid[0][0]
    return err('#VALUE!', 'An array value could not be found.')
  }
  return v
}

function evaluate(node: Node, ctx: FormulaContext): Value {
  switch (node.k) {
    case 'lit':
      return node.v
    case 'name':
      return err('#NAME?', `Unknown range name: '${node.name}'.`)
    case 'ref': {
      const bounds = parseArea(node.area)
      if (!bounds) return err('#REF!', 'Reference does not exist.')
      const grid = ctx.values(node.sheet, bounds)
      return isError(grid) ? grid : { grid }
    }
    case 'un': {
      const a = scalarOf(evaluate(node.a, ctx))
      const n = toNumber(a)
      if (isError(n)) return n
      return node.op === '-' ? -n : node.op === '%' ? n / 100 : n
    }
    case 'bin':
      return binary(node.op, scalarOf(evaluate(node.a, ctx)), scalarOf(evaluate(node.b, ctx)))
    case 'call':
      return call(node.name, node.args, ctx)
  }
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a
  if (isError(b)) return b
  if (op === '&') {
    const x = toText(a)
    const y = toText(b)
    return isError(x) ? x : isError(y) ? y : x + y
  }
  if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
    const c = compare(a, b)
    if (op === '=') return c === 0
    if (op === '<>') return c !== 0
    if (op === '<') return c < 0
    if (op === '>') return c > 0
    if (op === '<=') return c <= 0
    return c >= 0
  }
  const x = toNumber(a)
  const y = toNumber(b)
  if (isError(x)) return x
  if (isError(y)) return y
  if (op === '+') return x + y
  if (op === '-') return x - y
  if (op === '*') return x * y
  if (op === '/') return y === 0 ? err('#DIV/0!', 'Function DIVIDE parameter 2 cannot be zero.') : x / y
  const p = x ** y
  return Number.isFinite(p) ? p : err('#NUM!', 'Result too large.')
}

function numbersOf(args: readonly Node[], ctx: FormulaContext, countText: boolean): number[] | FormulaError {
  const out: number[] = []
  for (const arg of args) {
    const v = evaluate(arg, ctx)
    if (typeof v === 'object' && v !== null && 'grid' in v) {
      for (const s of flatten([v])) {
        if (isError(s)) return s
        if (typeof s === 'number') out.push(s)
        else if (countText && s !== undefined) out.push(Number.NaN)
      }
    } else {
      if (isError(v)) return v
      const n = toNumber(v)
      if (isError(n)) return n
      out.push(n)
    }
  }
  return out
}

function call(name: string, args: readonly Node[], ctx: FormulaContext): Value {
  const arg = (i: number): Scalar => {
    const node = args[i]
    return node === undefined ? undefined : scalarOf(evaluate(node, ctx))
  }
  switch (name) {
    case 'SUM':
    case 'AVERAGE':
    case 'MIN':
    case 'MAX':
    case 'COUNT': {
      const nums = numbersOf(args, ctx, false)
      if (isError(nums)) return nums
      if (name === 'COUNT') return nums.length
      if (name === 'SUM') return nums.reduce((s, n) => s + n, 0)
      if (name === 'AVERAGE')
        return nums.length === 0
          ? err('#DIV/0!', 'Evaluation of function AVERAGE caused a divide by zero error.')
          : nums.reduce((s, n) => s + n, 0) / nums.length
      if (nums.length === 0) return 0
      return name === 'MIN' ? Math.min(...nums) : Math.max(...nums)
    }
    case 'COUNTA':
      return flatten(args.map((a) => evaluate(a, ctx))).filter((v) => v !== undefined && v !== '').length
    case 'ROUND': {
      const n = toNumber(arg(0))
      const d = toNumber(arg(1))
      if (isError(n)) return n
      if (isError(d)) return d
      return ROUND(n, Math.trunc(d))
    }
    case 'ABS': {
      const n = toNumber(arg(0))
      return isError(n) ? n : Math.abs(n)
    }
    case 'IF': {
      const c = toBool(arg(0))
      if (isError(c)) return c
      return c ? arg(1) : args.length > 2 ? arg(2) : false
    }
    case 'IFERROR': {
      const v = arg(0)
      return isError(v) ? arg(1) : v
    }
    case 'AND':
    case 'OR': {
      const flags = flatten(args.map((a) => evaluate(a, ctx))).filter((v) => v !== undefined)
      const bools: boolean[] = []
      for (const f of flags) {
        const b = toBool(f)
        if (isError(b)) return b
        bools.push(b)
      }
      return name === 'AND' ? bools.every(Boolean) : bools.some(Boolean)
    }
    case 'NOT': {
      const b = toBool(arg(0))
      return isError(b) ? b : !b
    }
    case 'CONCATENATE':
    case 'CONCAT': {
      let s = ''
      for (const v of flatten(args.map((a) => evaluate(a, ctx)))) {
        const t = toText(v)
        if (isError(t)) return t
        s += t
      }
      return s
    }
    case 'LEN':
    case 'UPPER':
    case 'LOWER':
    case 'TRIM': {
      const t = toText(arg(0))
      if (isError(t)) return t
      if (name === 'LEN') return t.length
      if (name === 'UPPER') return t.toUpperCase()
      if (name === 'LOWER') return t.toLowerCase()
      return t.trim().replace(/\s+/g, ' ')
    }
    case 'ISBLANK':
      return arg(0) === undefined
    default:
      return err('#NAME?', `Unknown function: '${name}'.`)
  }
}

/** Sheets' ErrorValue.type for a formula error (CellData.effectiveValue.errorValue). */
export function errorType(e: FormulaError): string {
  switch (e.error) {
    case '#DIV/0!':
      return 'DIVIDE_BY_ZERO'
    case '#VALUE!':
      return 'VALUE'
    case '#REF!':
      return 'REF'
    case '#NAME?':
      return 'NAME'
    case '#NUM!':
      return 'NUM'
    case '#N/A':
      return 'N_A'
    default:
      return 'ERROR'
  }
}
