/**
 * @module
 * The Worker's configuration, parsed with zod from the bindings (`[vars]` in wrangler.toml,
 * secrets, `.dev.vars` locally) at the edge of the program (house style 7, 14). Everything below
 * receives a typed {@link Config}, never `env`. A bad or missing key is an expected failure: it
 * comes back as a {@link ConfigError} naming the keys — never their values, which are secrets.
 * The schema is the ledger's env schema (src/ledger/config.ts: spreadsheet, Google endpoints and
 * key, time zone, every `LEDGER_*` tuning knob) plus the Worker's own keys, parsed by the same
 * {@link parseEnv}: a value the Durable Object would refuse is reported here, when the Worker
 * starts, as one "server misconfigured" answer — not as a failure inside the object on every
 * request.
 */
import * as z from 'zod'
import { err, ok, type Result } from './domain/result'
import {
  blankToUndefined,
  buildLedgerEnvSchema,
  type ConfigError,
  isSafeEndpoint,
  parseEnv,
  withDefault,
} from './ledger/config'

export type { ConfigError } from './ledger/config'

const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional())

/** A whole number from a `[vars]` number or its text form. */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

/** An origin as browsers send it: scheme://host[:port], no path, no trailing slash. */
const ORIGIN_RE = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/

/**
 * The bindings the Worker reads, by their environment names. Built on first use: zod schemas
 * cost CPU to construct, and nothing at module scope should slow the Worker's startup.
 */
function buildEnvSchema() {
  const originList = z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .pipe(z.array(z.string().regex(ORIGIN_RE)))

  return buildLedgerEnvSchema().extend({
    /** The spreadsheet this deployment serves (one ledger Durable Object per spreadsheet). */
    SPREADSHEET_ID: z.preprocess(blankToUndefined, z.string().trim().min(1).max(200)),
    /** HMAC-SHA256 key of the API bearer tokens (JWT HS256); ≥ 32 characters (≈ 192 bits when random base64). */
    AUTH_SECRET: z.preprocess(blankToUndefined, z.string().min(32)),
    /** HMAC-SHA256 key shared with the Apps Script webhook; absent = webhook calls are refused. */
    WEBHOOK_SECRET: optional(z.string().min(32)),
    /** Comma-separated browser origins allowed to call the API; none by default. */
    CORS_ORIGINS: withDefault(originList, ''),
    /** Largest accepted request body, in bytes. */
    MAX_BODY_BYTES: withDefault(int(1024, 1_048_576), 65_536),
    // Google sign-in to the field app (/app). All three of client id, client secret and session
    // secret, or none (then /app says sign-in is not configured; the API is unaffected).
    /**
     * The OpenID Connect issuer; its discovery document names the endpoints and the keys that
     * sign id tokens, so like Google's other endpoints: https unless on this machine.
     */
    OIDC_ISSUER: withDefault(z.url().refine(isSafeEndpoint), 'https://accounts.google.com'),
    OIDC_CLIENT_ID: optional(z.string().trim().min(1).max(300)),
    OIDC_CLIENT_SECRET: optional(z.string().min(1).max(300)),
    /**
     * The registered redirect URI; default: this request's origin + /app/auth/callback. It
     * carries the authorisation code: https unless on this machine.
     */
    OIDC_REDIRECT_URI: optional(z.url().refine(isSafeEndpoint)),
    /** Key of the session and sign-in cookies (AES-GCM) and of the CSRF tokens; ≥ 32 characters. */
    SESSION_SECRET: optional(z.string().min(32)),
    /** How long a sign-in lasts, in hours (a field day by default). */
    SESSION_HOURS: withDefault(int(1, 168), 12),
  })
}

let envSchema: ReturnType<typeof buildEnvSchema> | undefined

export type Config = {
  readonly spreadsheetId: string
  readonly sheetsApiBase: string
  readonly googleTokenUrl: string
  readonly googleServiceAccountJson: string
  readonly authSecret: string
  readonly webhookSecret: string | undefined
  readonly corsOrigins: readonly string[]
  readonly timezone: string
  readonly maxBodyBytes: number
  /** Google sign-in to the field app; absent when not configured. */
  readonly signIn?: SignInConfig
}

export type SignInConfig = {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  readonly redirectUri: string | undefined
  readonly sessionSecret: string
  readonly sessionSeconds: number
}

/** The keys Google sign-in to the field app needs together. */
const SIGN_IN_KEYS = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'SESSION_SECRET'] as const

/** Parses the bindings. Unknown bindings (the Durable Object namespace, …) are ignored. */
export function parseConfig(env: unknown): Result<Config, ConfigError> {
  envSchema ??= buildEnvSchema()
  const parsed = parseEnv(envSchema, env)
  if (!parsed.ok) return err(parsed.error)
  const e = parsed.value
  const signIn = [e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.SESSION_SECRET]
  const missing = SIGN_IN_KEYS.filter((_, i) => signIn[i] === undefined)
  // Sign-in needs all three secrets or none: a half-configured sign-in is a mistake to report.
  if (missing.length > 0 && missing.length < SIGN_IN_KEYS.length) return err({ kind: 'config_invalid', keys: missing })
  return ok({
    spreadsheetId: e.SPREADSHEET_ID,
    sheetsApiBase: e.SHEETS_API_BASE,
    googleTokenUrl: e.GOOGLE_TOKEN_URL,
    googleServiceAccountJson: e.GOOGLE_SERVICE_ACCOUNT_JSON,
    authSecret: e.AUTH_SECRET,
    webhookSecret: e.WEBHOOK_SECRET,
    corsOrigins: e.CORS_ORIGINS,
    timezone: e.TIMEZONE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    ...(e.OIDC_CLIENT_ID === undefined || e.OIDC_CLIENT_SECRET === undefined || e.SESSION_SECRET === undefined
      ? {}
      : {
          signIn: {
            issuer: e.OIDC_ISSUER.replace(/\/+$/, ''),
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUri: e.OIDC_REDIRECT_URI,
            sessionSecret: e.SESSION_SECRET,
            sessionSeconds: e.SESSION_HOURS * 3600,
          },
        }),
  })
}
