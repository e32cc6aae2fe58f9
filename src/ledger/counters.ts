/**
 * @module
 * Id counters per data tab (domain.md "Case": ids are never reused or changed). The counter is
 * the highest number assigned or seen in the sheet, so a person typing `K-0100` by hand moves it
 * past 100 and the next assigned id is `K-0101`.
 */
import { DATA_TABS, type DataTabKey, formatId, parseIdNumber } from '../domain'
import type { SqlStore } from './store'

export class IdCounters {
  private readonly last = new Map<DataTabKey, number>()

  constructor(private readonly store: SqlStore) {
    for (const r of store.sql.exec<{ tab: string; last: number }>('SELECT tab, last FROM counters').toArray()) {
      if ((DATA_TABS as readonly string[]).includes(r.tab)) this.last.set(r.tab as DataTabKey, r.last)
    }
  }

  /** The id the next {@link take} would return (nothing is stored). */
  peek(tab: DataTabKey): string {
    return formatId(tab, (this.last.get(tab) ?? 0) + 1)
  }

  /** Assigns the next id of a tab and stores the counter. */
  take(tab: DataTabKey): string {
    const next = (this.last.get(tab) ?? 0) + 1
    this.set(tab, next)
    return formatId(tab, next)
  }

  /** Keeps the counter at or above the number inside `id` (ids seen in the sheet). */
  observe(tab: DataTabKey, id: string): void {
    const n = parseIdNumber(tab, id)
    if (n !== undefined && n > (this.last.get(tab) ?? 0)) this.set(tab, n)
  }

  /** The highest number assigned or seen, per tab (0 before any). */
  snapshot(): Record<DataTabKey, number> {
    return Object.fromEntries(DATA_TABS.map((tab) => [tab, this.last.get(tab) ?? 0])) as Record<DataTabKey, number>
  }

  /** Raises counters to `last` (a sync's plan saw or assigned up to there); never lowers one. */
  raise(last: Readonly<Record<DataTabKey, number>>): void {
    for (const tab of DATA_TABS) if (last[tab] > (this.last.get(tab) ?? 0)) this.set(tab, last[tab])
  }

  private set(tab: DataTabKey, value: number): void {
    this.store.sql.exec('INSERT OR REPLACE INTO counters (tab, last) VALUES (?, ?)', tab, value)
    this.last.set(tab, value)
  }
}
