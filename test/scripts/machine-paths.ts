/**
 * Finds paths of one particular machine in text: what a leaked absolute path looks like when a
 * file was written on a developer's computer or this build machine (a home folder, a macOS or
 * Windows user folder, root's home, the shared work folder, macOS per-user temp folders). URL
 * paths (`https://host/home/…`) and API paths (`/api/…`, `/v4/…`) are not machine paths: a
 * match must start a path, not continue a host name or another path.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Roots whose next segments name one machine's user or layout. Assembled from their names so this
 * file does not name them itself.
 */
const root = (...segments: string[]): string => `/${segments.join('/')}/`
const POSIX_ROOTS = [
  `${root('home')}[A-Za-z0-9_.-]+/`,
  `${root('Users')}[^/\\s'"\x60]+/`,
  root('root'),
  root('work'),
  root('var', 'folders'),
]

/**
 * A POSIX root at the start of a path (after a quote, space, `=`, `(`… or `file://`), or a Windows
 * user folder (a drive letter, then Users and a name).
 */
const MACHINE_PATH = new RegExp(
  String.raw`(?:^|[^A-Za-z0-9_.~/\\-]|file://)(${POSIX_ROOTS.join('|')})|\b([A-Za-z]:[\\/]+Users[\\/]+[^\\/\s'"]+)`,
  'g',
)

export interface MachinePath {
  /** 1-based line number. */
  readonly line: number
  readonly match: string
}

export function findMachinePaths(text: string): MachinePath[] {
  const found: MachinePath[] = []
  const lines = text.split('\n')
  lines.forEach((line, i) => {
    for (const m of line.matchAll(MACHINE_PATH)) found.push({ line: i + 1, match: (m[1] ?? m[2] ?? '').trim() })
  })
  return found
}

/** Folders never scanned when walking a tree that is not a git checkout. */
const SKIPPED = new Set(['.git', 'node_modules', '.wrangler', '.data', 'coverage', 'dist'])

/**
 * The files git tracks under `root` plus new ones it would track (not ignored), or, outside a
 * checkout, every file but the usual generated folders.
 */
export function projectFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return out.split('\0').filter((f) => f !== '')
  } catch {
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (SKIPPED.has(name)) continue
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else files.push(relative(root, path))
      }
    }
    walk(root)
    return files
  }
}

/** Every machine path in the project's text files, as `file:line: match`. Binary files are skipped. */
export function scanProject(root: string, files: readonly string[] = projectFiles(root)): string[] {
  const out: string[] = []
  for (const file of files) {
    let bytes: Buffer
    try {
      bytes = readFileSync(join(root, file))
    } catch {
      continue // listed by git but deleted in the work tree
    }
    if (bytes.includes(0)) continue
    for (const hit of findMachinePaths(bytes.toString('utf8'))) out.push(`${file}:${hit.line}: ${hit.match}`)
  }
  return out
}
