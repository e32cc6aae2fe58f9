/**
 * Holds the spreadsheets, serialises work per spreadsheet (a promise-chain mutex), and runs
 * changes as transactions: the work gets a copy, and only a successful run is committed.
 */
import { ApiFailure, type Outcome } from './google-errors.js'
import { cloneForTransaction, type SpreadsheetModel } from './spreadsheet-model.js'

export interface EmulatorSnapshot {
  readonly version: 1
  readonly spreadsheets: readonly unknown[]
}

export class EmulatorStore {
  readonly spreadsheets = new Map<string, SpreadsheetModel>()
  private readonly tails = new Map<string, Promise<unknown>>()
  private readonly listeners = new Set<() => void>()

  /** Runs `work` after every earlier piece of work on the same spreadsheet has finished. */
  async withLock<T>(spreadsheetId: string, work: () => Promise<T> | T): Promise<T> {
    const previous = this.tails.get(spreadsheetId) ?? Promise.resolve()
    const run = previous.then(work, work)
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    this.tails.set(spreadsheetId, tail)
    try {
      return await run
    } finally {
      if (this.tails.get(spreadsheetId) === tail) this.tails.delete(spreadsheetId)
    }
  }

  /**
   * Applies `change` to a copy of the spreadsheet and commits it when the outcome is ok. An
   * ApiFailure thrown inside becomes the failed outcome; nothing of the copy survives.
   */
  transact<T>(
    spreadsheetId: string,
    now: number,
    change: (ss: SpreadsheetModel) => Outcome<T>,
  ): Outcome<T> | undefined {
    const current = this.spreadsheets.get(spreadsheetId)
    if (!current) return undefined
    const draft = cloneForTransaction(current)
    let outcome: Outcome<T>
    try {
      outcome = change(draft)
    } catch (e) {
      if (e instanceof ApiFailure) return { ok: false, error: e.error }
      throw e
    }
    if (outcome.ok) {
      draft.modifiedTime = now
      this.spreadsheets.set(spreadsheetId, draft)
      this.changed()
    }
    return outcome
  }

  put(ss: SpreadsheetModel): void {
    this.spreadsheets.set(ss.spreadsheetId, ss)
    this.changed()
  }

  delete(spreadsheetId: string): boolean {
    const had = this.spreadsheets.delete(spreadsheetId)
    if (had) this.changed()
    return had
  }

  clear(): void {
    this.spreadsheets.clear()
    this.changed()
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  changed(): void {
    for (const l of this.listeners) l()
  }

  /** The whole state as JSON text (sparse rows become nulls). */
  snapshotJson(): string {
    return JSON.stringify({ version: 1, spreadsheets: [...this.spreadsheets.values()] })
  }

  snapshot(): EmulatorSnapshot {
    return JSON.parse(this.snapshotJson()) as EmulatorSnapshot
  }

  /** Replaces the state with a snapshot; nulls in row arrays become holes again. */
  load(snapshot: EmulatorSnapshot): void {
    if (snapshot.version !== 1 || !Array.isArray(snapshot.spreadsheets)) throw new Error('unsupported snapshot')
    this.spreadsheets.clear()
    for (const raw of snapshot.spreadsheets) {
      const ss = raw as SpreadsheetModel
      for (const sheet of ss.sheets) {
        sheet.rows = sheet.rows.map((row) =>
          row === null || row === undefined ? undefined : row.map((c) => c ?? undefined),
        )
        sheet.rowProps = sheet.rowProps.map((p) => (p === null ? undefined : p))
        sheet.colProps = sheet.colProps.map((p) => (p === null ? undefined : p))
      }
      this.spreadsheets.set(ss.spreadsheetId, ss)
    }
    this.changed()
  }
}
