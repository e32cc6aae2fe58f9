/**
 * @module
 * The audit log: who did what to which row, when — staff ids, row ids and counts only, never
 * cell text (users.md: a client's notes must never show up outside the sheet and the API).
 */
import type { SqlStore } from './store'

/** A sync's entry carries its counts (ids assigned, rows edited or deleted in the sheet). */
export type AuditAction = 'submit' | 'flush' | 'reconcile' | 'patch' | 'sync'

/** The actor of work the ledger does on its own (sync, flush, alarms). */
export const SYSTEM_ACTOR = 'system'

export type AuditEntry = {
  readonly at: number
  readonly actor: string
  readonly action: AuditAction
  readonly tab?: string
  readonly rowId?: string
  readonly counts?: Readonly<Record<string, number>>
}

export function audit(store: SqlStore, entry: AuditEntry): void {
  store.sql.exec(
    'INSERT INTO audit (at, actor, action, tab, row_id, counts) VALUES (?, ?, ?, ?, ?, ?)',
    entry.at,
    entry.actor,
    entry.action,
    entry.tab ?? null,
    entry.rowId ?? null,
    entry.counts === undefined ? null : JSON.stringify(entry.counts),
  )
}

export type AuditRecord = AuditEntry & { readonly seq: number }

/** The latest entries, newest first (for tests and support). */
export function recentAudit(store: SqlStore, limit = 100): AuditRecord[] {
  return store.sql
    .exec<{
      seq: number
      at: number
      actor: string
      action: AuditAction
      tab: string | null
      row_id: string | null
      counts: string | null
    }>('SELECT seq, at, actor, action, tab, row_id, counts FROM audit ORDER BY seq DESC LIMIT ?', limit)
    .toArray()
    .map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      ...(r.tab === null ? {} : { tab: r.tab }),
      ...(r.row_id === null ? {} : { rowId: r.row_id }),
      ...(r.counts === null ? {} : { counts: JSON.parse(r.counts) as Record<string, number> }),
    }))
}

/** How long audit entries are kept: a year of casework, for supervision and complaints. */
export const AUDIT_RETENTION_MS = 400 * 86_400_000

/** Drops entries older than `before` (epoch ms); returns how many. */
export function trimAudit(store: SqlStore, before: number): number {
  return store.sql.exec('DELETE FROM audit WHERE at < ?', before).rowsWritten
}
