/**
 * @module
 * Idempotency keys (architecture.md "Write path" 5): a key is scoped to the staff member who
 * sent it; the same key with the same body answers the first answer again, with a different
 * body it is a conflict. The stored answer is the accepted row and whether it reached the sheet
 * (202 becomes 201 once the row is flushed). Keys expire after a TTL.
 */
import type { DataTabKey } from '../domain'
import type { SqlStore } from './store'

export type StoredAnswer = {
  readonly bodyHash: string
  readonly status: 201 | 202
  readonly tab: DataTabKey
  readonly rowId: string
  /** The accepted row as JSON text. */
  readonly rowJson: string
}

/** The stored answer of a key, if any and not expired. */
export function findAnswer(store: SqlStore, actor: string, key: string, notBefore: number): StoredAnswer | undefined {
  const row = store.sql
    .exec<{ body_hash: string; status: number; tab: string; row_id: string; response: string; created_at: number }>(
      'SELECT body_hash, status, tab, row_id, response, created_at FROM idempotency WHERE actor = ? AND key = ?',
      actor,
      key,
    )
    .toArray()[0]
  if (row === undefined || row.created_at < notBefore) return undefined
  return {
    bodyHash: row.body_hash,
    status: row.status === 201 ? 201 : 202,
    tab: row.tab as DataTabKey,
    rowId: row.row_id,
    rowJson: row.response,
  }
}

export function storeAnswer(
  store: SqlStore,
  entry: StoredAnswer & { readonly actor: string; readonly key: string; readonly at: number },
): void {
  store.sql.exec(
    'INSERT OR REPLACE INTO idempotency (actor, key, body_hash, status, response, tab, row_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    entry.actor,
    entry.key,
    entry.bodyHash,
    entry.status,
    entry.rowJson,
    entry.tab,
    entry.rowId,
    entry.at,
  )
}

/** Flushed rows: their stored answers become 201 (one statement per tab). */
export function markAnswersSynced(store: SqlStore, rows: readonly { tab: string; id: string }[]): void {
  const byTab = new Map<string, string[]>()
  for (const { tab, id } of rows) byTab.set(tab, [...(byTab.get(tab) ?? []), id])
  for (const [tab, ids] of byTab) {
    store.sql.exec(
      'UPDATE idempotency SET status = 201 WHERE status = 202 AND tab = ? AND row_id IN (SELECT value FROM json_each(?))',
      tab,
      JSON.stringify(ids),
    )
  }
}

/** Forgets keys older than `before` (epoch ms); returns how many. */
export function expireAnswers(store: SqlStore, before: number): number {
  return store.sql.exec('DELETE FROM idempotency WHERE created_at < ?', before).rowsWritten
}
