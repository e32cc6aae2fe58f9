/**
 * @module
 * The ledger's configuration, parsed once per Durable Object instance from the Worker's env
 * (boundary: strings in, typed values out), and the project's one env parser ({@link parseEnv},
 * one error shape {@link ConfigError}) that the Worker's config (src/config.ts) uses too. Tuning
 * knobs have production defaults; tests and benchmarks shorten backoffs and raise the quota
 * through env vars, or through a per-ledger override row in SQLite ({@link TUNING_OVERRIDE_KEY})
 * that survives a restart of the object.
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

/** The one error shape of configuration (Worker and ledger): the env keys at fault, never their values. */
export type ConfigError = { readonly kind: 'config_invalid'; readonly keys: readonly string[] }

/** Blank strings count as absent (an empty `.dev.vars` line must not beat a default). */
export const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** A blank or missing value is replaced by `fallback`, which then goes through `schema` like any value. */
export const withDefault = <S extends z.ZodType>(schema: S, fallback: z.input<S>) =>
  z.preprocess((v) => blankToUndefined(v) ?? fallback, schema)

/** True when the runtime knows the IANA time zone (Intl throws RangeError otherwise). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: name })
    return true
  } catch {
    return false
  }
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '[::1]'])

/**
 * Google's endpoints carry the service account's tokens and the casebook: https only, except on
 * the machine itself (the local emulator, `http://127.0.0.1:8788`).
 */
export function isSafeEndpoint(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'https:') return true
  return (
    parsed.protocol === 'http:' && (LOOPBACK_HOSTS.has(parsed.hostname) || /^127\.\d+\.\d+\.\d+$/.test(parsed.hostname))
  )
}

const endpoint = (fallback: string) => withDefault(z.url().refine(isSafeEndpoint), fallback)

/**
 * The env keys the ledger reads, by their environment names: Google's endpoints, the service
 * account, the time zone, and one key per tuning knob ({@link TUNING_ENV}; blank or missing →
 * the knob's default, hours scaled to ms). The Worker's own config extends it (src/config.ts),
 * so a bad tuning value is reported when the Worker starts, not inside the Durable Object.
 */
export function buildLedgerEnvSchema() {
  const tuning: Record<string, z.ZodType> = {}
  for (const [knob, { name, scale }] of Object.entries(TUNING_ENV)) {
    tuning[name] = z.preprocess(
      (v) => {
        const value = blankToUndefined(v)
        return value === undefined || scale === undefined ? value : Number(value) * scale
      },
      TuningSchema.shape[knob as keyof Tuning],
    )
  }
  return z.object({
    /** The spreadsheet (optional here: the object is normally addressed by its name). */
    SPREADSHEET_ID: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200).optional()),
    SHEETS_API_BASE: endpoint('https://sheets.googleapis.com'),
    GOOGLE_TOKEN_URL: endpoint('https://oauth2.googleapis.com/token'),
    /** Service-account key JSON; its fields are checked by src/sheets/service-account.ts. */
    GOOGLE_SERVICE_ACCOUNT_JSON: z.preprocess(blankToUndefined, z.string().min(2)),
    /** The centre's time zone: "today" for progress, as_of defaults and `date_in_future` checks. */
    TIMEZONE: withDefault(z.string().refine(isTimeZone), 'Asia/Jakarta'),
    ...tuning,
  })
}

/**
 * The one env parser of the project (the Worker's config and the ledger's): `schema` maps env
 * names to typed values; a failure names every key at fault, sorted, and never a value (the
 * service-account JSON and the secrets are values).
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: unknown): Result<z.output<S>, ConfigError> {
  const parsed = schema.safeParse(env ?? {})
  if (parsed.success) return ok(parsed.data)
  const keys = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '(env)')))].sort()
  return err({ kind: 'config_invalid', keys })
}

let ledgerEnvSchema: ReturnType<typeof buildLedgerEnvSchema> | undefined

/** Parses the ledger's config from the Worker env (see {@link parseEnv}). */
export function parseLedgerConfig(env: Readonly<Record<string, unknown>>): Result<LedgerConfig, ConfigError> {
  ledgerEnvSchema ??= buildLedgerEnvSchema()
  const parsed = parseEnv(ledgerEnvSchema, env)
  if (!parsed.ok) return parsed
  const e = parsed.value
  const tuning: Record<string, unknown> = {}
  for (const [knob, { name }] of Object.entries(TUNING_ENV)) tuning[knob] = e[name as keyof typeof e]
  return ok({
    spreadsheetId: e.SPREADSHEET_ID ?? null,
    sheetsApiBase: e.SHEETS_API_BASE,
    tokenUrl: e.GOOGLE_TOKEN_URL,
    serviceAccountJson: e.GOOGLE_SERVICE_ACCOUNT_JSON,
    timeZone: e.TIMEZONE,
    tuning: tuning as Tuning,
  })
}

/** Tuning with a partial override applied; unknown or invalid override fields are ignored. */
export function applyTuningOverride(tuning: Tuning, override: unknown): Tuning {
  if (typeof override !== 'object' || override === null) return tuning
  const merged = TuningSchema.safeParse({ ...tuning, ...override })
  return merged.success ? merged.data : tuning
}
