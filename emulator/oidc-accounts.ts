/**
 * The Google accounts the local sign-in page offers: every email of a `Staff` tab in the
 * emulator's spreadsheets, with its staff id, role and active box, so `npm run dev` signs in as
 * a demo worker with no Google account. Columns are found the way the casebook binds them — the
 * header cell's developer metadata `column=<key>` — or, in a sheet typed by hand, by the header
 * text (key or Indonesian/English label). Read-only; values as the sheet computes them.
 */
import { ValueReader } from './cell-values.js'
import { metadataByIndex } from './developer-metadata.js'
import type { EmulatorStore } from './emulator-store.js'
import type { SheetModel, SpreadsheetModel } from './spreadsheet-model.js'

export type StaffAccount = {
  readonly email: string
  readonly staffId: string
  readonly role: string
  readonly active: boolean
  /** Title of the spreadsheet whose Staff tab lists it. */
  readonly spreadsheet: string
}

/** The header metadata key the casebook template binds columns with (src/sheets/header-binding.ts). */
const COLUMN_METADATA_KEY = 'column'
const STAFF_TITLE = 'staff'

/** Header texts accepted when a column carries no metadata: key, Indonesian and English label. */
const HEADER_NAMES: Readonly<Record<'email' | 'staff_id' | 'role' | 'active', readonly string[]>> = {
  email: ['email', 'e-mail'],
  staff_id: ['staff_id', 'id staf', 'staff id'],
  role: ['role', 'peran'],
  active: ['active', 'aktif'],
}
type Field = keyof typeof HEADER_NAMES

function columnsOf(ss: SpreadsheetModel, sheet: SheetModel, reader: ValueReader): Partial<Record<Field, number>> {
  const found: Partial<Record<Field, number>> = {}
  for (const [index, list] of metadataByIndex(ss, sheet.properties.sheetId, 'COLUMNS')) {
    for (const m of list) {
      if (m.metadataKey !== COLUMN_METADATA_KEY) continue
      const key = m.metadataValue as Field | undefined
      if (key !== undefined && key in HEADER_NAMES) found[key] ??= index
    }
  }
  const header = sheet.rows[0] ?? []
  header.forEach((_cell, index) => {
    const text = String(reader.effective(sheet, 0, index) ?? '')
      .trim()
      .toLowerCase()
    for (const field of Object.keys(HEADER_NAMES) as Field[]) {
      if (found[field] === undefined && HEADER_NAMES[field].includes(text)) found[field] = index
    }
  })
  return found
}

const truthy = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(true|ya|yes|1)$/i.test(v.trim()))

/** Every Staff-tab email of every spreadsheet, in sheet order; rows without an email are left out. */
export function staffAccounts(store: EmulatorStore): StaffAccount[] {
  const out: StaffAccount[] = []
  const seen = new Set<string>()
  for (const ss of store.spreadsheets.values()) {
    const sheet = ss.sheets.find((s) => s.properties.title.trim().toLowerCase() === STAFF_TITLE)
    if (sheet === undefined) continue
    const reader = new ValueReader(ss)
    const col = columnsOf(ss, sheet, reader)
    if (col.email === undefined) continue
    const cell = (row: number, c: number | undefined): unknown =>
      c === undefined ? undefined : reader.effective(sheet, row, c)
    for (let row = 1; row < sheet.rows.length; row++) {
      const email = String(cell(row, col.email) ?? '').trim()
      if (!email.includes('@')) continue
      const key = `${ss.spreadsheetId}\u0000${email.toLowerCase()}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({
        email,
        staffId: String(cell(row, col.staff_id) ?? '').trim(),
        role: String(cell(row, col.role) ?? '').trim(),
        active: truthy(cell(row, col.active)),
        spreadsheet: ss.properties.title,
      })
    }
  }
  return out
}
