// The sync's plan is a pure function of what was read and what the ledger knows: these tests give
// it a sheet as values and check the writes and transitions it decides, without a spreadsheet.
import { describe, expect, it } from 'vitest'
import { type DataTabKey, isoToSerial, type RawCell, TABLES, type TabKey } from '../../src/domain'
import type { MirrorEntry, MirrorView } from '../../src/ledger/mirror'
import type { OutboxRow } from '../../src/ledger/outbox'
import type { OutboxState } from '../../src/ledger/outbox-state'
import { planSync, type SyncInput } from '../../src/ledger/sync-plan'
import { templateLayout } from '../support/template-layout'

type Row = Readonly<Record<string, RawCell>>

/** A tab as values.batchGet answers it: the header labels, then each row in template column order. */
const tabValues = (tab: TabKey, rows: readonly Row[]): RawCell[][] => [
  TABLES[tab].columns.map((c) => c.label.id),
  ...rows.map((row) => TABLES[tab].columns.map((c) => row[c.key] ?? '')),
]

const STAFF: Row[] = [{ staff_id: 'peksos-uji', role: 'worker', active: true }]
const CASE: Row = {
  case_id: 'K-0001',
  initials: 'AB',
  sex: 'L',
  birth_date: isoToSerial('2012-04-01'),
  cluster: 'anak',
  service: 'residensial',
  worker: 'peksos-uji',
  stage: 'implementasi',
  consent_date: isoToSerial('2025-01-02'),
  status: 'aktif',
}
const GOAL: Row = {
  goal_id: 'T-0001',
  case_id: 'K-0001',
  title: 'Menyapu halaman',
  method: 'casework',
  start_date: isoToSerial('2025-01-06'),
  duration_days: 300,
  target_count: 2,
}
const session = (over: Row = {}): Row => ({
  case_id: 'K-0001',
  goal_id: 'T-0001',
  date: isoToSerial('2025-03-04'),
  task: 'menyapu teras',
  assistance: 'minimal',
  worker: 'peksos-uji',
  ...over,
})

const NOW = 1_741_000_000_000

const emptyMirror: MirrorView = { get: () => undefined, entries: () => [] }

function input(tabs: Partial<Record<TabKey, readonly Row[]>>, over: Partial<SyncInput> = {}): SyncInput {
  const layout = templateLayout()
  const byTitle = new Map<string, RawCell[][]>()
  for (const tab of Object.keys(TABLES) as TabKey[]) {
    byTitle.set(TABLES[tab].title, tabValues(tab, tabs[tab] ?? (tab === 'staff' ? STAFF : [])))
  }
  return {
    layout,
    values: (title) => byTitle.get(title) ?? [],
    pending: [],
    mirror: emptyMirror,
    reference: { staff: [], holidays: [], lists: { cluster: [] } as never },
    lastIds: { cases: 0, assessments: 0, goals: 0, sessions: 0, events: 0, feedback: 0 },
    today: '2025-03-05',
    now: NOW,
    typing: {},
    typingDelayMs: 60_000,
    ...over,
  }
}

const outboxRow = (tab: DataTabKey, id: string, state: OutboxState, seq = 1): OutboxRow => ({
  seq,
  tab,
  id,
  payload: '{}',
  bytes: 2,
  createdAt: 0,
  attempts: 1,
  state,
  sentAt: 0,
  lastError: null,
  actor: 'peksos-uji',
})

describe('planSync', () => {
  it('gives a typed row without an id the next id above every id seen and counted', () => {
    const plan = planSync(
      input(
        { cases: [CASE], goals: [GOAL], sessions: [session({ session_id: 'S-0007' }), session()] },
        { lastIds: { cases: 1, assessments: 0, goals: 1, sessions: 3, events: 0, feedback: 0 } },
      ),
    )
    expect(plan.rowWrites).toEqual([
      expect.objectContaining({
        tab: 'sessions',
        rowIndex: 2,
        id: 'S-0008',
        cells: new Map([['session_id', 'S-0008']]),
      }),
    ])
    expect(plan.lastIds.sessions).toBe(8)
    expect(plan.counts).toMatchObject({ idsAssigned: 1, statusesChanged: 0, touchedIds: ['S-0008'] })
    expect(plan.mirror.puts.map((p) => [p.entry.id, p.assigned])).toContainEqual(['S-0008', true])
  })

  it('explains an invalid row in its _status and leaves it out of the valid rows', () => {
    const plan = planSync(
      input({ cases: [CASE], goals: [GOAL], sessions: [session({ session_id: 'S-0001', rating: 7 })] }),
    )
    const [write] = plan.rowWrites
    expect(write?.cells.get('_status')).toMatch(/0–4/)
    expect(plan.counts.rowsInvalid).toBe(1)
  })

  it('clears a stale _status on a row that holds nothing else', () => {
    const plan = planSync(input({ cases: [CASE], goals: [GOAL], sessions: [{ _status: 'lama' }] }))
    expect(plan.rowWrites).toEqual([
      expect.objectContaining({ tab: 'sessions', rowIndex: 1, cells: new Map([['_status', null]]) }),
    ])
  })

  it('writes nothing to the data tabs when every row already has its id and status', () => {
    const plan = planSync(input({ cases: [CASE], goals: [GOAL], sessions: [session({ session_id: 'S-0001' })] }))
    expect(plan.rowWrites).toEqual([])
  })

  it('counts an in-doubt outbox row the sheet holds as landed, and nothing else', () => {
    const pending = [
      outboxRow('sessions', 'S-0001', 'uncertain', 1),
      outboxRow('sessions', 'S-0002', 'uncertain', 2),
      outboxRow('sessions', 'S-0003', 'queued', 3),
    ]
    const plan = planSync(
      input(
        {
          cases: [CASE],
          goals: [GOAL],
          sessions: [session({ session_id: 'S-0001' }), session({ session_id: 'S-0003' })],
        },
        { pending },
      ),
    )
    expect(plan.landed.map((r) => r.id)).toEqual(['S-0001'])
  })

  it('forgets synced rows that are no longer in the sheet, and keeps pending ones', () => {
    const entry = (id: string, state: MirrorEntry['state']): MirrorEntry => ({
      tab: 'sessions',
      id,
      row: null,
      etag: 'x',
      sheetRow: null,
      valid: true,
      status: '',
      origin: 'api',
      state,
    })
    const entries = [entry('S-0005', 'synced'), entry('S-0006', 'pending')]
    const mirror: MirrorView = {
      get: () => undefined,
      entries: <K extends DataTabKey>(tab: K) => (tab === 'sessions' ? entries : []) as MirrorEntry<K>[],
    }
    const plan = planSync(input({ cases: [CASE], goals: [GOAL] }, { mirror }))
    expect(plan.mirror.removes).toEqual([{ tab: 'sessions', id: 'S-0005' }])
  })
})

describe('planSync and a row still being typed', () => {
  const typing = [CASE, GOAL]
  const halfTyped = { case_id: 'K-0001', goal_id: 'T-0001' }

  it('gives a row missing required cells neither an id nor a message while it is new', () => {
    const plan = planSync(input({ cases: [typing[0] as Row], goals: [typing[1] as Row], sessions: [halfTyped] }))
    expect(plan.rowWrites).toEqual([])
    expect(plan.counts.idsAssigned).toBe(0)
    expect(Object.values(plan.typing.seen)).toEqual([NOW])
    expect(plan.typing.recheckAt).toBe(NOW + 60_000)
  })

  it('still waits when the same content was first seen 59 s ago, and says when to look again', () => {
    const first = planSync(input({ cases: [CASE], goals: [GOAL], sessions: [halfTyped] }))
    const later = planSync(
      input({ cases: [CASE], goals: [GOAL], sessions: [halfTyped] }, { now: NOW + 59_000, typing: first.typing.seen }),
    )
    expect(later.rowWrites).toEqual([])
    expect(later.typing.recheckAt).toBe(NOW + 60_000)
  })

  it('starts the minute again when the row changed', () => {
    const first = planSync(input({ cases: [CASE], goals: [GOAL], sessions: [halfTyped] }))
    const changed = { ...halfTyped, task: 'menyapu' }
    const later = planSync(
      input({ cases: [CASE], goals: [GOAL], sessions: [changed] }, { now: NOW + 59_000, typing: first.typing.seen }),
    )
    expect(later.rowWrites).toEqual([])
    expect(later.typing.recheckAt).toBe(NOW + 59_000 + 60_000)
  })

  it('judges a row left incomplete for the whole minute: an id and its message', () => {
    const first = planSync(input({ cases: [CASE], goals: [GOAL], sessions: [halfTyped] }))
    const later = planSync(
      input({ cases: [CASE], goals: [GOAL], sessions: [halfTyped] }, { now: NOW + 60_000, typing: first.typing.seen }),
    )
    const [write] = later.rowWrites
    expect(write?.cells.get('session_id')).toBe('S-0001')
    expect(write?.cells.get('_status')).toMatch(/wajib diisi/)
    expect(later.typing.recheckAt).toBeUndefined()
  })

  it('gives a complete row its id at once, however recently it changed', () => {
    const plan = planSync(input({ cases: [CASE], goals: [GOAL], sessions: [session()] }))
    expect(plan.rowWrites.map((w) => w.cells.get('session_id'))).toEqual(['S-0001'])
    expect(plan.typing.seen).toEqual({})
  })

  it('takes back the id and the message of a row emptied again', () => {
    const plan = planSync(
      input({ cases: [CASE], goals: [GOAL], sessions: [{ session_id: 'S-0004', _status: 'lama' }] }),
    )
    expect(plan.rowWrites.map((w) => [w.rowIndex, Object.fromEntries(w.cells)])).toEqual([
      [1, { _status: null, session_id: null }],
    ])
  })
})
