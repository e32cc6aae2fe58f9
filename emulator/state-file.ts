/**
 * Node-only persistence for `npm run emulator`: the state is loaded from a JSON file at start and
 * written behind changes (debounced), atomically (write a temp file, then rename), so a crash
 * never leaves a half-written state and a restart keeps the data.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { EmulatorSnapshot } from './emulator-store.js'

export function readStateFile(path: string): EmulatorSnapshot | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  const parsed = JSON.parse(text) as EmulatorSnapshot
  if (parsed.version !== 1) throw new Error(`${path}: unsupported state version`)
  return parsed
}

export function writeStateFileAtomically(path: string, json: string): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.tmp-${process.pid}`
  writeFileSync(temp, json)
  renameSync(temp, path)
}

export interface StateWriter {
  /** Marks the state dirty; the write happens `delayMs` after the last change. */
  readonly schedule: () => void
  /** Writes now if dirty (used on shutdown). */
  readonly flush: () => void
}

export function createStateWriter(path: string, snapshotJson: () => string, delayMs = 250): StateWriter {
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirty = false
  const flush = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!dirty) return
    dirty = false
    writeStateFileAtomically(path, snapshotJson())
  }
  return {
    schedule: () => {
      dirty = true
      if (timer) clearTimeout(timer)
      timer = setTimeout(flush, delayMs)
    },
    flush,
  }
}
