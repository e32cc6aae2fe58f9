// Every npm script that runs a file of this repository names a file that exists: a renamed script
// (scripts/client-assets.ts became static-assets.ts once, and `npm run assets` broke unnoticed)
// fails here instead of on a developer's machine.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts

/** The repository files a script's command line names (`tsx scripts/dev.ts`, `-p test/tsconfig.json`, …). */
const filesOf = (command: string): string[] =>
  command
    .split(/\s+/)
    .filter((word) => /^(?:\.\/)?(?:scripts|bench|emulator|test|src)\/[\w./-]+\.(?:ts|json)$/.test(word))

const rows = Object.entries(scripts).flatMap(([name, command]) => filesOf(command).map((file) => ({ name, file })))

describe('the npm scripts', () => {
  it('name some repository files (the check below is not empty)', () => {
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['dev', 'assets', 'token', 'provision', 'bench']))
  })

  it.each(rows)('npm run $name names $file, which exists', ({ file }) => {
    expect(existsSync(join(ROOT, file))).toBe(true)
  })
})
