/**
 * @module
 * Row versions (the `ETag` of api.md): a stable hash of a row's canonical cells, so a version
 * computed from an API row and one computed from the same row read back from the sheet agree,
 * and any edit — by the API or by a person in the sheet — changes it.
 */
import { type CellValue, encodeCell, type RawCell, STATUS_KEY, TABLES, type TabKey } from '../domain'

/** cyrb53 (public domain): a fast 53-bit string hash with good dispersion; not cryptographic. */
function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** 14 hex digits of a string's hash. */
export const hashText = (text: string): string => cyrb53(text).toString(16).padStart(14, '0')

/**
 * Canonical cells of a typed row: every column except `_status`, in schema order, each as the
 * value written RAW (dates as day serials). Two rows with the same values give the same text.
 */
export function canonicalCells(tab: TabKey, row: Readonly<Record<string, unknown>>): RawCell[] {
  const out: RawCell[] = []
  for (const column of TABLES[tab].columns) {
    if (column.key === STATUS_KEY) continue
    out.push(encodeCell(column, row[column.key] as CellValue | undefined))
  }
  return out
}

/** Version of a typed row. */
export const rowEtag = (tab: TabKey, row: Readonly<Record<string, unknown>>): string =>
  hashText(JSON.stringify(canonicalCells(tab, row)))

/** Version of a row whose cells could not all be decoded: its raw cells by key. */
export function rawEtag(tab: TabKey, record: Readonly<Record<string, RawCell>>): string {
  const cells: RawCell[] = []
  for (const column of TABLES[tab].columns) if (column.key !== STATUS_KEY) cells.push(record[column.key] ?? null)
  return hashText(`raw:${JSON.stringify(cells)}`)
}
