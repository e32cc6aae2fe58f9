import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseDevVars } from '../../scripts/dev-vars'
import { parseTokenArgs } from '../../scripts/token'
import { verifyToken } from '../../src/http/auth-token'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')
const SECRET = 'uji-auth-secret-0123456789abcdef-0123456789'
/** Each case starts Node with tsx (and may generate an RSA key): seconds on a loaded machine. */
const CLI_TIMEOUT_MS = 30_000

async function token(args: string[], env: Record<string, string>, cwd = ROOT) {
  // tsx's loader by absolute URL, so the script also runs from a directory without node_modules.
  const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
  return run(process.execPath, ['--import', tsx, join(ROOT, 'scripts', 'token.ts'), ...args], {
    cwd,
    env: { ...process.env, ...env },
  })
}

describe('parseTokenArgs', () => {
  it.each([
    [['--staff', 'peksos-uji', '--role', 'worker'], { staffId: 'peksos-uji', role: 'worker', ttlDays: 30 }],
    [['--staff=admin-uji', '--role=admin', '--ttl-days', '0.5'], { staffId: 'admin-uji', role: 'admin', ttlDays: 0.5 }],
  ])('reads %j', (argv, value) => {
    expect(parseTokenArgs(argv)).toEqual({ ok: true, value })
  })

  it.each([
    [[], '--staff is required'],
    [['--staff', 'x'], '--role must be worker, coordinator or admin'],
    [['--staff', 'x', '--role', 'boss'], '--role must be worker, coordinator or admin'],
    [
      ['--staff', 'x', '--role', 'admin', '--ttl-days', '400'],
      '--ttl-days must be a number of days from 1 to 366 (fractions allowed)',
    ],
    [['--staff'], '--staff needs a value'],
    [['--who', 'x'], 'unknown argument "--who"'],
  ])('refuses %j', (argv, error) => {
    expect(parseTokenArgs(argv)).toEqual({ ok: false, error })
  })
})

describe('npm run token', () => {
  it(
    'prints a token the API accepts as its last line, signed with AUTH_SECRET from the environment',
    async () => {
      const { stdout, stderr } = await token(
        ['--staff', 'koordinator-uji', '--role', 'coordinator', '--ttl-days', '2'],
        {
          AUTH_SECRET: SECRET,
        },
      )
      const last = stdout.trimEnd().split('\n').at(-1) ?? ''
      expect(await verifyToken(last, SECRET, Date.now())).toEqual({
        ok: true,
        value: { staffId: 'koordinator-uji', role: 'coordinator' },
      })
      expect(await verifyToken(last, SECRET, Date.now() + 2 * 86_400_000 + 1000)).toMatchObject({ ok: false })
      expect(stderr).toContain('koordinator-uji (coordinator)')
      expect(stderr).not.toContain(SECRET)
    },
    CLI_TIMEOUT_MS,
  )

  it(
    'creates .dev.vars when there is no AUTH_SECRET and signs with the secret it wrote',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'casebook-token-'))
      try {
        const { stdout } = await token(['--staff', 'peksos-uji', '--role', 'worker'], { AUTH_SECRET: '' }, dir)
        const secret = parseDevVars(await readFile(join(dir, '.dev.vars'), 'utf8')).AUTH_SECRET ?? ''
        expect(await verifyToken(stdout.trim().split('\n').at(-1) ?? '', secret, Date.now())).toMatchObject({
          ok: true,
        })
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    CLI_TIMEOUT_MS,
  )

  it(
    'exits 2 with the usage on bad arguments',
    async () => {
      await expect(token(['--staff', 'x'], { AUTH_SECRET: SECRET })).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('usage:'),
      })
    },
    CLI_TIMEOUT_MS,
  )
})
