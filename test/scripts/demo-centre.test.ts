// The demo centre `npm run dev` seeds (scripts/demo-centre.ts) passes every rule of the domain as
// typed, on any day: a demo that opened with red `_status` cells would teach the wrong lesson.
import { describe, expect, it } from 'vitest'
import { DEMO_STAFF, demoRows, demoValues } from '../../scripts/demo-centre'
import { type RawSnapshot, TABLES, type TabKey, validateSnapshot } from '../../src/domain'

/** The demo's rows as the sheet would hand them to the sync: cells by column key. */
function snapshot(today: string): RawSnapshot {
  const rows = demoRows(today)
  const out: Record<string, Record<string, unknown>[]> = {}
  for (const [tab, tabRows] of Object.entries(rows) as [TabKey, Parameters<typeof demoValues>[1]][]) {
    const keys = TABLES[tab].columns.map((c) => c.key)
    out[tab] = demoValues(tab, tabRows).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]])))
  }
  // The sync gives every id-less row its id before validating: do the same, by tab order.
  for (const tab of ['assessments', 'sessions', 'events', 'feedback'] as const) {
    const id = TABLES[tab].idColumn
    const prefix = TABLES[tab].idPrefix
    out[tab] = (out[tab] ?? []).map((r, i) => ({
      ...r,
      [id]: r[id] === '' ? `${prefix}-${String(i + 1).padStart(4, '0')}` : r[id],
    }))
  }
  return out as RawSnapshot
}

describe('the demo centre', () => {
  it.each(['2026-01-05', '2026-03-18', '2026-07-31'])('has no row with an error or a warning as of %s', (today) => {
    const report = validateSnapshot(snapshot(today), { today })
    const problems = (Object.keys(TABLES) as TabKey[]).flatMap((tab) =>
      report[tab].filter((r) => r.status !== '').map((r) => `${tab}[${r.index}]: ${r.status}`),
    )
    expect(problems).toEqual([])
  })

  it("shows supervision: events of K-0001 and K-0004, and the coordinator's feedback", () => {
    const rows = demoRows('2026-03-18')
    expect(rows.events?.map((e) => `${e.case_id} ${e.kind}`)).toEqual([
      'K-0001 case_conference',
      'K-0001 contract',
      'K-0004 termination',
      'K-0004 referral',
      'K-0004 follow_up',
    ])
    expect(rows.feedback?.every((f) => f.from === DEMO_STAFF.coordinator)).toBe(true)
    expect(rows.feedback?.map((f) => f.kind)).toEqual(['approve', 'comment', 'revise'])
  })
})
