/**
 * @module
 * The ledger's SQLite schema and its migrations. `PRAGMA user_version` is not available in
 * Durable Objects, so the version lives in an own `_schema` table; each migration runs once, in
 * order, inside one transaction with the version bump. Cell text never goes into the audit or
 * sync_state tables; typed rows live only in `rows` and `outbox`, which mirror the sheet itself.
 */

/** What the ledger needs of `ctx.storage`: synchronous SQL and synchronous transactions. */
export type SqlStore = {
  readonly sql: SqlStorage
  transactionSync<T>(fn: () => T): T
}

const MIGRATIONS: readonly (readonly string[])[] = [
  [
    // One row per sheet row known to the ledger (data tabs), keyed by its id. `row_json` is the
    // typed row (null when a cell could not be decoded); `etag` the version hash of its cells.
    `CREATE TABLE rows (
      tab TEXT NOT NULL,
      id TEXT NOT NULL,
      row_json TEXT,
      etag TEXT NOT NULL,
      sheet_row INTEGER,
      valid INTEGER NOT NULL,
      status TEXT NOT NULL,
      origin TEXT NOT NULL,
      state TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (tab, id)
    ) WITHOUT ROWID`,
    // Rows accepted from the API and not yet confirmed in the sheet, in acceptance order.
    // `uncertain` = a write carrying the row was sent (at `sent_at`) and its outcome is unknown;
    // `settled` = that write got an answer (a 5xx), so the sheet's state is final and a read
    // tells the truth; without an answer (timeout, restart) Google may still apply it later.
    `CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      tab TEXT NOT NULL,
      id TEXT NOT NULL,
      op TEXT NOT NULL,
      payload TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      uncertain INTEGER NOT NULL DEFAULT 0,
      sent_at INTEGER,
      settled INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    )`,
    'CREATE INDEX outbox_row ON outbox (tab, id)',
    `CREATE TABLE idempotency (
      actor TEXT NOT NULL,
      key TEXT NOT NULL,
      body_hash TEXT NOT NULL,
      status INTEGER NOT NULL,
      response TEXT NOT NULL,
      tab TEXT NOT NULL,
      row_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (actor, key)
    ) WITHOUT ROWID`,
    'CREATE INDEX idempotency_created ON idempotency (created_at)',
    'CREATE INDEX idempotency_row ON idempotency (tab, row_id)',
    // The highest id number seen or assigned per tab: ids are never reused.
    'CREATE TABLE counters (tab TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID',
    // Who did what, when: ids and counts only, never cell text.
    `CREATE TABLE audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      tab TEXT,
      row_id TEXT,
      counts TEXT
    )`,
    'CREATE INDEX audit_at ON audit (at)',
    // Small JSON documents: last sync report, backoff, header binding cache, written grids, …
    'CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID',
  ],
  [
    // The staff id that submitted each outbox row: the Log tab names who the written rows came
    // from. Rows accepted before this migration have none.
    'ALTER TABLE outbox ADD COLUMN actor TEXT',
  ],
  [
    // Each outbox row's named state (outbox-state.ts) replaces the `uncertain`/`settled` flags:
    // an in-doubt row always waits the grace period now, whatever answer left it in doubt.
    "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'queued'",
    "UPDATE outbox SET state = CASE WHEN uncertain = 1 THEN 'uncertain' ELSE 'queued' END",
    'ALTER TABLE outbox DROP COLUMN uncertain',
    'ALTER TABLE outbox DROP COLUMN settled',
  ],
]

/** Schema version this code expects. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Brings the database to {@link SCHEMA_VERSION}; a no-op when it is there already. */
export function migrate(store: SqlStore): void {
  store.sql.exec('CREATE TABLE IF NOT EXISTS _schema (version INTEGER NOT NULL)')
  const rows = store.sql.exec<{ version: number }>('SELECT version FROM _schema').toArray()
  let version = rows[0]?.version ?? 0
  if (rows.length === 0) store.sql.exec('INSERT INTO _schema (version) VALUES (0)')
  if (version > SCHEMA_VERSION) throw new Error(`ledger schema ${version} is newer than this code (${SCHEMA_VERSION})`)
  while (version < SCHEMA_VERSION) {
    const steps = MIGRATIONS[version] ?? []
    const next = version + 1
    store.transactionSync(() => {
      for (const statement of steps) store.sql.exec(statement)
      store.sql.exec('UPDATE _schema SET version = ?', next)
    })
    version = next
  }
}

/** A JSON document of sync_state, or undefined. */
export function readState<T>(store: SqlStore, key: string): T | undefined {
  const row = store.sql.exec<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', key).toArray()[0]
  return row === undefined ? undefined : (JSON.parse(row.value) as T)
}

/** Writes (or with `undefined`, deletes) a JSON document of sync_state. */
export function writeState(store: SqlStore, key: string, value: unknown): void {
  if (value === undefined) store.sql.exec('DELETE FROM sync_state WHERE key = ?', key)
  else store.sql.exec('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)', key, JSON.stringify(value))
}
