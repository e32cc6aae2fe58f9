/**
 * The header binding a freshly provisioned casebook resolves to, built without a spreadsheet:
 * every tab's columns in template order, Progress and Log bound, the Dashboard from A1. For tests
 * of the ledger's pure planning (sync-plan, verify-and-repair) that need a Layout.
 */
import { LOG_COLUMNS, LOG_TITLE, PROGRESS_COLUMNS, TAB_KEYS, TABLES, type TabKey } from '../../src/domain'
import type { Layout, TabLayout } from '../../src/ledger/sheet-layout'

const tabLayout = (sheetId: number, title: string, keys: readonly string[], rowCount = 1000): TabLayout => ({
  sheetId,
  title,
  columns: new Map(keys.map((key, i) => [key, i])),
  rowCount,
  columnCount: Math.max(26, keys.length),
})

/** Sheet ids are this helper's own (1–9 the data and config tabs, 20–22 the computed ones); only the column positions matter to a plan. */
export function templateLayout(): Layout {
  const tabs = Object.fromEntries(
    TAB_KEYS.map((tab, i) => [
      tab,
      tabLayout(
        i + 1,
        TABLES[tab].title,
        TABLES[tab].columns.map((c) => c.key),
      ),
    ]),
  ) as Record<TabKey, TabLayout>
  return {
    tabs,
    progress: tabLayout(
      20,
      'Progress',
      PROGRESS_COLUMNS.map((c) => c.key),
    ),
    dashboard: { ...tabLayout(21, 'Dashboard', []), rowCount: 200, columnCount: 8 },
    log: tabLayout(
      22,
      LOG_TITLE,
      LOG_COLUMNS.map((c) => c.key),
    ),
    warnings: [],
  }
}
