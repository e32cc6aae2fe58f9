/**
 * `npm run token -- --staff <id> --role <worker|coordinator|admin> [--ttl-days 30]`
 *
 * Issues an API bearer token: a JWT (HS256) with claims `sub` (the staff id), `role`, `iat` and
 * `exp`, signed with AUTH_SECRET — from the environment, else from `.dev.vars` (created with fresh
 * secrets when missing, as `npm run dev` would). The token is printed alone
 * as the LAST line of stdout so scripts can take it with `| tail -n 1`; notes go to stderr.
 * The staff id must also be an active row of the Staff tab with at least this role, or the API
 * answers 401/403.
 */
import { join } from 'node:path'
import { mintToken } from '../src/http/auth-token'
import type { Role } from '../src/ledger/contract'
import { ensureDevVars } from './dev-vars'

const ROLES: readonly Role[] = ['worker', 'coordinator', 'admin']
const USAGE = 'usage: npm run token -- --staff <staff id> --role <worker|coordinator|admin> [--ttl-days 30]'

export type TokenArgs = { readonly staffId: string; readonly role: Role; readonly ttlDays: number }

/** Parses the command line; a message (for stderr) when it is wrong. */
export function parseTokenArgs(argv: readonly string[]): { ok: true; value: TokenArgs } | { ok: false; error: string } {
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const m = /^--(staff|role|ttl-days)(?:=(.*))?$/.exec(arg)
    if (m === null) return { ok: false, error: `unknown argument ${JSON.stringify(arg)}` }
    const name = m[1] ?? ''
    const value = m[2] ?? argv[++i]
    if (value === undefined || value.startsWith('--')) return { ok: false, error: `--${name} needs a value` }
    flags.set(name, value)
  }
  const staffId = flags.get('staff')
  const role = ROLES.find((r) => r === flags.get('role'))
  const ttlDays = Number(flags.get('ttl-days') ?? '30')
  if (staffId === undefined || staffId === '') return { ok: false, error: '--staff is required' }
  if (role === undefined) return { ok: false, error: '--role must be worker, coordinator or admin' }
  if (!Number.isFinite(ttlDays) || ttlDays <= 0 || ttlDays > 366) {
    return { ok: false, error: '--ttl-days must be a number of days from 1 to 366 (fractions allowed)' }
  }
  return { ok: true, value: { staffId, role, ttlDays } }
}

async function main(): Promise<number> {
  const args = parseTokenArgs(process.argv.slice(2))
  if (!args.ok) {
    console.error(`${args.error}\n${USAGE}`)
    return 2
  }
  let secret = process.env.AUTH_SECRET
  if (secret === undefined || secret === '') {
    const vars = await ensureDevVars(join(process.cwd(), '.dev.vars'))
    if (vars.created) console.error('wrote .dev.vars with fresh local secrets')
    secret = vars.values.AUTH_SECRET
  }
  const { staffId, role, ttlDays } = args.value
  const ttlSeconds = Math.max(1, Math.round(ttlDays * 86_400))
  let token: string
  try {
    token = await mintToken({ staffId, role, ttlSeconds }, secret, Date.now())
  } catch (e) {
    console.error(`cannot mint a token: ${e instanceof RangeError ? e.message : 'the staff id is not valid'}`)
    return 2
  }
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString()
  console.error(`token for ${staffId} (${role}), valid until ${expires}`)
  console.log(token)
  return 0
}

// Run only as a script (tests import parseTokenArgs).
if (process.argv[1]?.endsWith('token.ts') === true) {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e))
      process.exitCode = 1
    },
  )
}
