/**
 * @module
 * Validation of a whole spreadsheet snapshot in O(rows): decode every row of every tab, build
 * the lookup context from the sheet itself (Staff, Settings, Lists, cases and goals by id),
 * report duplicate ids, then apply the row and cross-row rules to each row. Each row gets its
 * issues and the `_status` text to write back; rows with errors are skipped in progress.
 */
import type { Assessment } from './assessment-row'
import type { Case } from './case-row'
import { decodeCellValue } from './cell-codecs'
import { decodeRowInto, type RawRecord } from './decode-row'
import type { CaseEvent } from './event-row'
import type { Feedback } from './feedback-row'
import type { Goal } from './goal-row'
import { DATA_TABS, ID_COLUMNS } from './ids'
import type { IsoDate } from './iso-date'
import { formatStatus, hasErrors, type Issue, makeIssue } from './issues'
import { type ListsRow, listsFromRows } from './lists-row'
import type { Session } from './session-row'
import type { Holiday } from './settings-row'
import type { StaffMember } from './staff-row'
import { columnOf, type RowOf, type TabKey } from './tables'
import { validateRowInto } from './validate-row'
import { buildValidationContext, staffKey, type ValidationContext } from './validation-context'

/** Raw records of each tab, in sheet order (missing tabs = no rows). */
export type RawSnapshot = { readonly [K in TabKey]?: readonly RawRecord[] }

export type RowReport<T> = {
  /** Position in the input array of that tab. */
  readonly index: number
  /** The decoded row; undefined when a cell could not be decoded. */
  readonly row: T | undefined
  readonly issues: readonly Issue[]
  /** No errors (warnings allowed): the row counts in progress. */
  readonly valid: boolean
  /** The `_status` text (Indonesian), '' when there is no issue. */
  readonly status: string
}

export type SnapshotReport = {
  readonly cases: readonly RowReport<Case>[]
  readonly assessments: readonly RowReport<Assessment>[]
  readonly goals: readonly RowReport<Goal>[]
  readonly sessions: readonly RowReport<Session>[]
  readonly events: readonly RowReport<CaseEvent>[]
  readonly feedback: readonly RowReport<Feedback>[]
  readonly staff: readonly RowReport<StaffMember>[]
  readonly settings: readonly RowReport<Holiday>[]
  readonly lists: readonly RowReport<ListsRow>[]
  /** The context built from the snapshot (reuse it for progress and single-row checks). */
  readonly context: ValidationContext
  readonly rowsRead: number
  readonly rowsInvalid: number
}

/** A row report while the rules run; `issues` is the shared empty array until one is found. */
type Work<T> = { index: number; row: T | undefined; issues: Issue[]; valid: boolean; status: string }

const NO_ISSUES: Issue[] = []

/** Appends issues found in the scratch array (then empties it) to a row. */
function take<T>(w: Work<T>, scratch: Issue[]): void {
  if (scratch.length === 0) return
  w.issues = w.issues === NO_ISSUES ? scratch.slice() : w.issues.concat(scratch)
  scratch.length = 0
}

function decodeAll<K extends TabKey>(tab: K, records: readonly RawRecord[] | undefined, scratch: Issue[]) {
  const out: Work<RowOf<K>>[] = []
  if (records === undefined) return out
  for (let index = 0; index < records.length; index++) {
    const row = decodeRowInto(tab, records[index] as RawRecord, scratch)
    const w: Work<RowOf<K>> = { index, row, issues: NO_ISSUES, valid: true, status: '' }
    take(w, scratch)
    out.push(w)
  }
  return out
}

/**
 * Flags every row whose id is used by more than one row (all of them: sheet order is not a
 * reliable "first", staff sort rows). A row whose other cells failed still has its id read from
 * the raw cell, so it is counted too.
 */
function flagDuplicateIds(
  tab: TabKey,
  idKey: string,
  records: readonly RawRecord[] | undefined,
  work: Work<Readonly<Record<string, unknown>>>[],
  normalize: (id: string) => string,
): void {
  if (records === undefined) return
  const column = columnOf(tab, idKey)
  // id → index of its first row; that row is flagged too once a second one turns up.
  const first = new Map<string, number>()
  const flag = (w: Work<unknown> | undefined, id: string) => {
    if (w !== undefined) w.issues = [...w.issues, makeIssue(idKey, 'duplicate_id', { label: column.label, id })]
  }
  for (let i = 0; i < work.length; i++) {
    const w = work[i]
    const fromRow = w?.row?.[idKey]
    const value = fromRow !== undefined ? fromRow : decodeCellValue(column, records[i]?.[idKey])
    if (typeof value !== 'string') continue
    const id = normalize(value)
    const j = first.get(id)
    if (j === undefined) first.set(id, i)
    else {
      if (j >= 0) {
        flag(work[j], id)
        first.set(id, -1)
      }
      flag(w, id)
    }
  }
}

function rowsOf<T>(work: readonly Work<T>[]): T[] {
  const out: T[] = []
  for (const w of work) if (w.row !== undefined) out.push(w.row)
  return out
}

/** Settles validity and the `_status` text; the work items become the reports. */
function report<T>(work: Work<T>[]): RowReport<T>[] {
  for (const w of work) {
    if (w.issues.length === 0) {
      w.valid = w.row !== undefined
      continue
    }
    w.valid = w.row !== undefined && !hasErrors(w.issues)
    w.status = formatStatus(w.issues)
  }
  return work
}

/**
 * Decodes and validates every row of a snapshot. `today` is the centre's current date (for
 * "not in the future" rules); everything else comes from the snapshot.
 */
export function validateSnapshot(snapshot: RawSnapshot, options: { readonly today: IsoDate }): SnapshotReport {
  const scratch: Issue[] = []
  const staff = decodeAll('staff', snapshot.staff, scratch)
  const settings = decodeAll('settings', snapshot.settings, scratch)
  const lists = decodeAll('lists', snapshot.lists, scratch)
  const data = {
    cases: decodeAll('cases', snapshot.cases, scratch),
    assessments: decodeAll('assessments', snapshot.assessments, scratch),
    goals: decodeAll('goals', snapshot.goals, scratch),
    sessions: decodeAll('sessions', snapshot.sessions, scratch),
    events: decodeAll('events', snapshot.events, scratch),
    feedback: decodeAll('feedback', snapshot.feedback, scratch),
  }

  flagDuplicateIds('staff', 'staff_id', snapshot.staff, staff, staffKey)
  for (const tab of DATA_TABS) {
    flagDuplicateIds(tab, ID_COLUMNS[tab], snapshot[tab], data[tab], (id) => id)
  }

  // Rows whose cells decoded are looked up even if a rule fails on them, so one bad field on a
  // case does not cascade into "case not found" on all its sessions.
  const context = buildValidationContext({
    today: options.today,
    cases: rowsOf(data.cases),
    goals: rowsOf(data.goals),
    sessions: rowsOf(data.sessions),
    assessments: rowsOf(data.assessments),
    events: rowsOf(data.events),
    staff: rowsOf(staff),
    lists: listsFromRows(rowsOf(lists)),
    holidays: rowsOf(settings).map((h) => h.date),
  })

  for (const tab of DATA_TABS) {
    for (const w of data[tab] as Work<RowOf<typeof tab>>[]) {
      if (w.row === undefined) continue
      validateRowInto(tab, w.row, context, scratch)
      take(w, scratch)
    }
  }
  for (const w of staff) {
    if (w.row === undefined) continue
    validateRowInto('staff', w.row, context, scratch)
    take(w, scratch)
  }

  const reports = {
    cases: report(data.cases),
    assessments: report(data.assessments),
    goals: report(data.goals),
    sessions: report(data.sessions),
    events: report(data.events),
    feedback: report(data.feedback),
    staff: report(staff),
    settings: report(settings),
    lists: report(lists),
  }
  let rowsRead = 0
  let rowsInvalid = 0
  for (const rows of Object.values(reports)) {
    rowsRead += rows.length
    for (const r of rows) if (!r.valid) rowsInvalid++
  }
  return { ...reports, context, rowsRead, rowsInvalid }
}
