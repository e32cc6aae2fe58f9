/**
 * Fault injection for Sheets calls (architecture.md "Faults the emulator can inject"): added
 * latency, 429/500/503 before a request is applied, "timeout" (the request hangs, then is applied
 * anyway: an ambiguous outcome for the client), "applied_then_503" (applied, answered 503) and
 * "503_then_applied" (answered 503 at once, applied `apply_delay_ms` later: Google's 503 does not
 * prove that nothing was applied, and the write may land after the client has already looked).
 * Configs may be global or scoped to one spreadsheet and/or some methods; the most specific
 * matching config wins. A `next` script is consumed before the random rates.
 */
import { fail, invalidArgument, type Outcome, ok } from './google-errors.js'

// Order matters for the random roll: new kinds go last so seeded runs of older configs stay the same.
export const FAULT_KINDS = ['429', '500', '503', 'timeout', 'applied_then_503', '503_then_applied'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]
export type FaultDecision = FaultKind | 'ok'

export interface FaultConfigInput {
  readonly latency_ms?: number
  readonly rates?: Partial<Record<FaultKind, number>>
  readonly retry_after_s?: number
  readonly enforce_quota?: boolean
  readonly timeout_ms?: number
  /** Delay of a `503_then_applied` write, in ms (default {@link DEFAULT_APPLY_DELAY_MS}). */
  readonly apply_delay_ms?: number
  readonly seed?: number
  readonly spreadsheet_id?: string
  readonly methods?: readonly string[]
  readonly next?: readonly FaultDecision[]
}

interface ActiveConfig {
  readonly input: FaultConfigInput
  readonly random: () => number
  readonly script: FaultDecision[]
  injected: number
}

/** Default hang of a "timeout" fault before the request is applied anyway, in ms. */
export const DEFAULT_TIMEOUT_MS = 30_000

/** Default delay between the 503 of a "503_then_applied" fault and the write landing, in ms. */
export const DEFAULT_APPLY_DELAY_MS = 2_000

/** mulberry32: a tiny deterministic PRNG for seeded fault runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const keyOf = (c: FaultConfigInput): string => `${c.spreadsheet_id ?? '*'}|${[...(c.methods ?? [])].sort().join(',')}`

export function parseFaultConfig(body: unknown): Outcome<FaultConfigInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail(invalidArgument('Body must be a JSON object.'))
  const b = body as Record<string, unknown>
  const allowed = [
    'latency_ms',
    'rates',
    'retry_after_s',
    'enforce_quota',
    'timeout_ms',
    'apply_delay_ms',
    'seed',
    'spreadsheet_id',
    'methods',
    'next',
  ]
  for (const k of Object.keys(b)) if (!allowed.includes(k)) return fail(invalidArgument(`Unknown fault field "${k}".`))
  const nonNegative = (k: string): boolean => b[k] === undefined || (typeof b[k] === 'number' && (b[k] as number) >= 0)
  for (const k of ['latency_ms', 'retry_after_s', 'timeout_ms', 'apply_delay_ms']) {
    if (!nonNegative(k)) return fail(invalidArgument(`${k} must be a number >= 0.`))
  }
  if (b.seed !== undefined && typeof b.seed !== 'number') return fail(invalidArgument('seed must be a number.'))
  if (b.enforce_quota !== undefined && typeof b.enforce_quota !== 'boolean')
    return fail(invalidArgument('enforce_quota must be a boolean.'))
  if (b.spreadsheet_id !== undefined && typeof b.spreadsheet_id !== 'string')
    return fail(invalidArgument('spreadsheet_id must be a string.'))
  if (b.methods !== undefined && (!Array.isArray(b.methods) || b.methods.some((m) => typeof m !== 'string'))) {
    return fail(invalidArgument('methods must be a list of method names such as "values.append".'))
  }
  const rates = b.rates
  if (rates !== undefined) {
    if (typeof rates !== 'object' || rates === null) return fail(invalidArgument('rates must be an object.'))
    let sum = 0
    for (const [k, v] of Object.entries(rates)) {
      if (!(FAULT_KINDS as readonly string[]).includes(k)) return fail(invalidArgument(`Unknown fault rate "${k}".`))
      if (typeof v !== 'number' || v < 0 || v > 1) return fail(invalidArgument(`rates.${k} must be between 0 and 1.`))
      sum += v
    }
    if (sum > 1 + 1e-9) return fail(invalidArgument('The fault rates must add up to at most 1.'))
  }
  if (b.next !== undefined) {
    if (!Array.isArray(b.next)) return fail(invalidArgument('next must be a list.'))
    for (const n of b.next) {
      if (n !== 'ok' && !(FAULT_KINDS as readonly unknown[]).includes(n))
        return fail(invalidArgument(`Unknown scripted fault "${String(n)}".`))
    }
  }
  return ok(b as FaultConfigInput)
}

export interface SelectedFault {
  readonly decision: FaultDecision
  readonly latencyMs: number
  readonly retryAfterS: number
  readonly timeoutMs: number
  readonly applyDelayMs: number
  readonly enforceQuota: boolean
}

export class FaultInjector {
  private configs: ActiveConfig[] = []

  constructor(private readonly defaultRandom: () => number) {}

  set(input: FaultConfigInput): void {
    const key = keyOf(input)
    this.configs = this.configs.filter((c) => keyOf(c.input) !== key)
    this.configs.push({
      input,
      random: input.seed === undefined ? this.defaultRandom : seededRandom(input.seed),
      script: [...(input.next ?? [])],
      injected: 0,
    })
  }

  /** Clears every config, or those scoped to one spreadsheet. */
  clear(spreadsheetId?: string): void {
    this.configs =
      spreadsheetId === undefined ? [] : this.configs.filter((c) => c.input.spreadsheet_id !== spreadsheetId)
  }

  list(): unknown[] {
    return this.configs.map((c) => ({ ...c.input, next: [...c.script], injected: c.injected }))
  }

  /** True when any active config asks for real quota enforcement. */
  quotaEnforced(): boolean {
    return this.configs.some((c) => c.input.enforce_quota === true)
  }

  private match(spreadsheetId: string | undefined, method: string): ActiveConfig | undefined {
    let best: ActiveConfig | undefined
    let bestScore = -1
    for (const c of this.configs) {
      const scoped = c.input.spreadsheet_id !== undefined
      if (scoped && c.input.spreadsheet_id !== spreadsheetId) continue
      const methods = c.input.methods
      if (methods !== undefined && !methods.includes(method)) continue
      const score = (scoped ? 2 : 0) + (methods !== undefined ? 1 : 0)
      if (score > bestScore) {
        best = c
        bestScore = score
      }
    }
    return best
  }

  /** Decides the fate of one Sheets call; consumes one scripted entry when there is one. */
  select(spreadsheetId: string | undefined, method: string): SelectedFault | undefined {
    const c = this.match(spreadsheetId, method)
    if (!c) return undefined
    let decision: FaultDecision = 'ok'
    const scripted = c.script.shift()
    if (scripted !== undefined) decision = scripted
    else {
      const roll = c.random()
      let acc = 0
      for (const kind of FAULT_KINDS) {
        acc += c.input.rates?.[kind] ?? 0
        if (roll < acc) {
          decision = kind
          break
        }
      }
    }
    if (decision !== 'ok') c.injected++
    return {
      decision,
      latencyMs: c.input.latency_ms ?? 0,
      retryAfterS: c.input.retry_after_s ?? 1,
      timeoutMs: c.input.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      applyDelayMs: c.input.apply_delay_ms ?? DEFAULT_APPLY_DELAY_MS,
      enforceQuota: c.input.enforce_quota === true,
    }
  }
}
