/**
 * @module
 * Row ids of the data tabs: `<prefix>-<number>`, zero-padded to at least 4 digits (K-0001).
 * Ids are assigned by the system when the id cell is blank and are never reused or changed
 * (domain.md "Case"); a person may also type one by hand, so the ledger keeps its counter above
 * the largest number it has seen ({@link parseIdNumber}).
 */

/** The tabs whose rows carry a system-assigned id. */
export type DataTabKey = 'cases' | 'assessments' | 'goals' | 'sessions' | 'events' | 'feedback'

export const DATA_TABS: readonly DataTabKey[] = ['cases', 'assessments', 'goals', 'sessions', 'events', 'feedback']

/**
 * The data tabs added to the template after sheets were made from it (issue 9): a spreadsheet
 * provisioned earlier may lack them. The ledger binds them when present and reports them missing
 * otherwise, and the rest of the sheet keeps syncing (src/ledger/sheet-layout.ts);
 * `scripts/provision.ts --upgrade` adds them.
 */
export const LATER_DATA_TABS: readonly DataTabKey[] = ['events', 'feedback']

/** K = kasus, A = asesmen, T = tujuan, S = sesi, P = peristiwa, U = umpan balik. */
export const ID_PREFIXES: Readonly<Record<DataTabKey, string>> = {
  cases: 'K',
  assessments: 'A',
  goals: 'T',
  sessions: 'S',
  events: 'P',
  feedback: 'U',
}

/** Id column of each data tab. */
export const ID_COLUMNS = {
  cases: 'case_id',
  assessments: 'assessment_id',
  goals: 'goal_id',
  sessions: 'session_id',
  events: 'event_id',
  feedback: 'feedback_id',
} as const satisfies Record<DataTabKey, string>

const ID_RES: Readonly<Record<DataTabKey, RegExp>> = {
  cases: /^K-(\d{1,15})$/,
  assessments: /^A-(\d{1,15})$/,
  goals: /^T-(\d{1,15})$/,
  sessions: /^S-(\d{1,15})$/,
  events: /^P-(\d{1,15})$/,
  feedback: /^U-(\d{1,15})$/,
}

/** The id pattern of a tab as regex source (for the zod schemas and the template). */
export const idPattern = (tab: DataTabKey): string => `^${ID_PREFIXES[tab]}-\\d{1,15}$`

/** `formatId('cases', 7)` → `K-0007`; numbers above 9999 simply get more digits (K-12345). */
export function formatId(tab: DataTabKey, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`id number must be a positive integer, got ${n}`)
  return `${ID_PREFIXES[tab]}-${String(n).padStart(4, '0')}`
}

/**
 * The number inside an id of that tab (`K-0007` → 7, `K-7` → 7), or undefined when the text is
 * not an id of that tab. Expects the canonical form (trimmed, upper-case prefix) that the cell
 * codec produces.
 */
export function parseIdNumber(tab: DataTabKey, id: string): number | undefined {
  const m = ID_RES[tab].exec(id)
  if (m === null || m[1] === undefined) return undefined
  return Number(m[1])
}

/** True when `id` is a well-formed id of that tab. */
export const isIdOf = (tab: DataTabKey, id: string): boolean => ID_RES[tab].test(id)
