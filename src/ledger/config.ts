/**
 * @module
 * The ledger's configuration, parsed once per Durable Object instance from the Worker's env
 * (boundary: strings in, typed values out). Tuning knobs have production defaults; tests and
 * benchmarks shorten backoffs and raise the quota through env vars, or through a per-ledger
 * override row in SQLite ({@link TUNING_OVERRIDE_KEY}) that survives a restart of the object.
 */
import * as z from 'zod'
import { err, ok, type Result } from '../domain/result'

/** Milliseconds as env text (`"4000"`) or a number. */
const ms = (fallback: number) => z.coerce.number().int().min(0).max(86_400_000).default(fallback)
const count = (fallback: number) => z.coerce.number().min(0.001).max(1_000_000).default(fallback)

/** Every knob that shapes timing and quota; all durations in ms, rates per minute. */
export const TuningSchema = z.object({
  /** How long a submit waits for its row to reach the sheet before answering 202 pending. */
  submitBudgetMs: ms(4000),
  /**
   * Google allows 60 write and 60 read requests a minute per service account (one user); the
   * ledger keeps below that so a person's Apps Script or a second tool still has room.
   */
  writesPerMinute: count(50),
  writeBurst: count(5),
  readsPerMinute: count(50),
  readBurst: count(5),
  /** First backoff after a failed flush; doubles per consecutive failure up to backoffMaxMs. */
  backoffBaseMs: ms(1000),
  backoffMaxMs: ms(300_000),
  /** Backoff after a layout or request error (a person must usually fix the sheet). */
  layoutBackoffMs: ms(60_000),
  /** Alarm armed before each write so a crash mid-send is followed by a reconcile. */
  watchdogMs: ms(60_000),
  /** A webhook sync this soon after the last one is scheduled for later instead of re-reading. */
  syncCoalesceMs: ms(5000),
  /** Outbox rows per write are capped by their encoded size (Google advises ≤ 2 MB a request). */
  flushMaxBytes: z.coerce.number().int().min(10_000).max(2_000_000).default(1_500_000),
  /** Per HTTP attempt to Google. */
  googleTimeoutMs: ms(30_000),
  /**
   * How long a write that got no answer (timeout, dropped connection, restart) may still be
   * applied by Google; its rows are not re-sent before then, even if a read does not show them
   * yet (a server-side deadline of about 180 s is commonly cited, google-sheets-api-v4.md §6.3).
   */
  uncertainGraceMs: ms(180_000),
  /** Stored idempotency answers are forgotten after this long. */
  idempotencyTtlMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(90 * 86_400_000)
    .default(24 * 3_600_000),
  /** health() reports the sheet unreachable when the last Google call failed within this window. */
  healthWindowMs: ms(300_000),
  /**
   * A flush re-resolves the header binding (1 read) before writing when nothing has checked it
   * for this long — normally every sync does, for free; this bounds how long rows could go under
   * moved columns when syncs stop (≤ 1 read per this interval).
   */
  layoutMaxAgeMs: ms(300_000),
  /**
   * An upstream failure episode (Google or the sheet's layout failing until a write or sync works
   * again) shorter than this is not written to the Log tab: single 429s and retries stay quiet.
   */
  logEpisodeMinMs: ms(60_000),
  /** A row missing a required cell is left alone this long after it last changed (domain/typing-delay.ts). */
  typingDelayMs: ms(60_000),
  /** `debug` adds a line per Google call and per accepted row; `warn` keeps failures only. */
  logLevel: z.enum(['debug', 'info', 'warn', 'silent']).default('info'),
})

export type Tuning = z.output<typeof TuningSchema>

/**
 * Env var of each tuning knob, and the factor from its unit to the knob's. The first five share
 * their names with the Worker's config (src/config.ts), so one `[vars]` entry tunes both.
 */
export const TUNING_ENV: Readonly<Record<keyof Tuning, { readonly name: string; readonly scale?: number }>> = {
  submitBudgetMs: { name: 'SUBMIT_BUDGET_MS' },
  writesPerMinute: { name: 'WRITE_QUOTA_PER_MIN' },
  readsPerMinute: { name: 'READ_QUOTA_PER_MIN' },
  syncCoalesceMs: { name: 'SYNC_COALESCE_MS' },
  idempotencyTtlMs: { name: 'IDEMPOTENCY_TTL_HOURS', scale: 3_600_000 },
  writeBurst: { name: 'LEDGER_WRITE_BURST' },
  readBurst: { name: 'LEDGER_READ_BURST' },
  backoffBaseMs: { name: 'LEDGER_BACKOFF_BASE_MS' },
  backoffMaxMs: { name: 'LEDGER_BACKOFF_MAX_MS' },
  layoutBackoffMs: { name: 'LEDGER_LAYOUT_BACKOFF_MS' },
  watchdogMs: { name: 'LEDGER_WATCHDOG_MS' },
  flushMaxBytes: { name: 'LEDGER_FLUSH_MAX_BYTES' },
  googleTimeoutMs: { name: 'LEDGER_GOOGLE_TIMEOUT_MS' },
  uncertainGraceMs: { name: 'LEDGER_UNCERTAIN_GRACE_MS' },
  healthWindowMs: { name: 'LEDGER_HEALTH_WINDOW_MS' },
  layoutMaxAgeMs: { name: 'LEDGER_LAYOUT_MAX_AGE_MS' },
  logEpisodeMinMs: { name: 'LEDGER_LOG_EPISODE_MIN_MS' },
  typingDelayMs: { name: 'LEDGER_TYPING_DELAY_MS' },
  logLevel: { name: 'LEDGER_LOG_LEVEL' },
}

/** sync_state key of a JSON object of tuning overrides for one ledger (tests, benchmarks, ops). */
export const TUNING_OVERRIDE_KEY = 'tuning_override'

export type LedgerConfig = {
  /** Used when the object was not addressed by name (`getByName(spreadsheetId)` is the rule). */
  readonly spreadsheetId: string | null
  readonly sheetsApiBase: string
  readonly tokenUrl: string
  /** The service-account key JSON (a secret); parsed by the Sheets adapter. */
  readonly serviceAccountJson: string
  /** IANA zone of the centre: "today" for progress and date rules. */
  readonly timeZone: string
  readonly tuning: Tuning
}

export type ConfigError = { readonly kind: 'invalid_config'; readonly fields: readonly string[] }

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const EnvSchema = z.object({
  SPREADSHEET_ID: z.preprocess(blankToUndefined, z.string().min(1).optional()),
  SHEETS_API_BASE: z.preprocess(blankToUndefined, z.url().default('https://sheets.googleapis.com')),
  GOOGLE_TOKEN_URL: z.preprocess(blankToUndefined, z.url().default('https://oauth2.googleapis.com/token')),
  GOOGLE_SERVICE_ACCOUNT_JSON: z.string().min(2),
  TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('Asia/Jakarta')
      .refine((zone) => isTimeZone(zone), 'unknown time zone'),
  ),
})

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Reads the tuning env vars (blank or missing → default). */
function tuningFromEnv(env: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [knob, { name, scale }] of Object.entries(TUNING_ENV)) {
    const value = blankToUndefined(env[name])
    if (value === undefined) continue
    out[knob] = scale === undefined ? value : Number(value) * scale
  }
  return out
}

/**
 * Parses the ledger's config from the Worker env. Errors name the offending variables, never
 * their values (the service-account JSON is a secret).
 */
export function parseLedgerConfig(env: Readonly<Record<string, unknown>>): Result<LedgerConfig, ConfigError> {
  const base = EnvSchema.safeParse(env)
  const tuning = TuningSchema.safeParse(tuningFromEnv(env))
  if (!base.success || !tuning.success) {
    const fields = [
      ...(base.success ? [] : base.error.issues.map((i) => String(i.path[0] ?? '(env)'))),
      ...(tuning.success
        ? []
        : tuning.error.issues.map((i) => TUNING_ENV[i.path[0] as keyof Tuning]?.name ?? '(tuning)')),
    ]
    return err({ kind: 'invalid_config', fields: [...new Set(fields)] })
  }
  return ok({
    spreadsheetId: base.data.SPREADSHEET_ID ?? null,
    sheetsApiBase: base.data.SHEETS_API_BASE,
    tokenUrl: base.data.GOOGLE_TOKEN_URL,
    serviceAccountJson: base.data.GOOGLE_SERVICE_ACCOUNT_JSON,
    timeZone: base.data.TIMEZONE,
    tuning: tuning.data,
  })
}

/** Tuning with a partial override applied; unknown or invalid override fields are ignored. */
export function applyTuningOverride(tuning: Tuning, override: unknown): Tuning {
  if (typeof override !== 'object' || override === null) return tuning
  const merged = TuningSchema.safeParse({ ...tuning, ...override })
  return merged.success ? merged.data : tuning
}
