/**
 * A1 notation as Google parses and prints it (google-sheets-api-v4.md §3). Pure string work: no
 * sheet lookup here (that is range-resolution.ts). Indexes are 0-based, ends exclusive, and an
 * absent bound means "open" (A:A has no row bounds).
 */

/** ZZZ: the largest column Google accepts (18,278 columns). */
export const MAX_COLUMNS = 18278

export interface Bounds {
  readonly startRow?: number
  readonly endRow?: number
  readonly startCol?: number
  readonly endCol?: number
}

export interface ClosedBounds {
  readonly startRow: number
  readonly endRow: number
  readonly startCol: number
  readonly endCol: number
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** "A" → 0; case-insensitive; undefined past ZZZ or on non-letters. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n <= MAX_COLUMNS ? n - 1 : undefined
}

type Part =
  | { readonly kind: 'cell'; readonly row: number; readonly col: number }
  | { readonly kind: 'col'; readonly col: number }
  | { readonly kind: 'row'; readonly row: number }

function parsePart(text: string): Part | undefined {
  const cell = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/.exec(text)
  if (cell?.[1] !== undefined && cell[2] !== undefined) {
    const col = columnIndex(cell[1])
    const row = Number(cell[2]) - 1
    if (col === undefined || !Number.isSafeInteger(row)) return undefined
    return { kind: 'cell', row, col }
  }
  const col = /^\$?([A-Za-z]{1,3})$/.exec(text)
  if (col?.[1] !== undefined) {
    const index = columnIndex(col[1])
    return index === undefined ? undefined : { kind: 'col', col: index }
  }
  const row = /^\$?([1-9][0-9]*)$/.exec(text)
  if (row?.[1] !== undefined) {
    const index = Number(row[1]) - 1
    return Number.isSafeInteger(index) ? { kind: 'row', row: index } : undefined
  }
  return undefined
}

/**
 * Parses an area: A1, A1:B2, A:C, 1:5, A5:A (open downwards), A1:1 (open rightwards).
 * Reversed corners are swapped (D4:A1 = A1:D4). Undefined when it is not an area.
 */
export function parseArea(text: string): Bounds | undefined {
  const pieces = text.split(':')
  if (pieces.length === 1) {
    const only = parsePart(text)
    if (only?.kind !== 'cell') return undefined
    return { startRow: only.row, endRow: only.row + 1, startCol: only.col, endCol: only.col + 1 }
  }
  if (pieces.length !== 2) return undefined
  const a = parsePart(pieces[0] ?? '')
  const b = parsePart(pieces[1] ?? '')
  if (a === undefined || b === undefined) return undefined
  if (a.kind === 'cell' && b.kind === 'cell') {
    return {
      startRow: Math.min(a.row, b.row),
      endRow: Math.max(a.row, b.row) + 1,
      startCol: Math.min(a.col, b.col),
      endCol: Math.max(a.col, b.col) + 1,
    }
  }
  if (a.kind === 'col' && b.kind === 'col') {
    return { startCol: Math.min(a.col, b.col), endCol: Math.max(a.col, b.col) + 1 }
  }
  if (a.kind === 'row' && b.kind === 'row') {
    return { startRow: Math.min(a.row, b.row), endRow: Math.max(a.row, b.row) + 1 }
  }
  if (a.kind === 'cell' && b.kind === 'col') {
    // A5:A → from row 5 down, columns A..A (whichever order the columns come in).
    return { startRow: a.row, startCol: Math.min(a.col, b.col), endCol: Math.max(a.col, b.col) + 1 }
  }
  if (a.kind === 'cell' && b.kind === 'row') {
    // A1:1 → row 1 (or rows a..b) from column A rightwards.
    return { startRow: Math.min(a.row, b.row), endRow: Math.max(a.row, b.row) + 1, startCol: a.col }
  }
  // Google rejects the mirrored forms (A:B5, 1:B5); the stricter choice is to do the same.
  return undefined
}

/** A closed area in A1: a single cell is "A1", never "A1:A1". */
export function formatArea(b: ClosedBounds): string {
  const start = `${columnLetters(b.startCol)}${b.startRow + 1}`
  if (b.endRow - b.startRow === 1 && b.endCol - b.startCol === 1) return start
  return `${start}:${columnLetters(b.endCol - 1)}${b.endRow}`
}

/**
 * Sheet titles are printed bare only when they are plain identifiers that cannot be read as a cell
 * or an R1C1 reference (§3.4); everything else is quoted with ' doubled.
 */
export function quoteSheetTitle(title: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) &&
    !/^[A-Za-z]{1,3}[0-9]+$/.test(title) &&
    !/^[Rr][0-9]*[Cc][0-9]*$/.test(title)
  return plain ? title : `'${title.replaceAll("'", "''")}'`
}

export function formatRange(title: string, b: ClosedBounds): string {
  return `${quoteSheetTitle(title)}!${formatArea(b)}`
}

export interface SplitRange {
  /** Sheet title as written (unquoted), when the input names one. */
  readonly sheet?: string
  readonly quoted: boolean
  /** The part after "!", or the whole input when there is no sheet part. */
  readonly area?: string
}

/**
 * Splits "Sheet!A1", "'It''s'!A1", "'My Sheet'", "🌵 sheet 1!A:A" into sheet and area parts.
 * Unquoted names may contain spaces and emoji; the split is at the last "!" (§3.2).
 * Undefined when the quoting is malformed.
 */
export function splitRange(input: string): SplitRange | undefined {
  if (input.startsWith("'")) {
    let i = 1
    let title = ''
    for (;;) {
      if (i >= input.length) return undefined
      const ch = input[i]
      if (ch === "'") {
        if (input[i + 1] === "'") {
          title += "'"
          i += 2
          continue
        }
        break
      }
      title += ch
      i++
    }
    const rest = input.slice(i + 1)
    if (rest === '') return { sheet: title, quoted: true }
    if (!rest.startsWith('!') || rest.length === 1) return undefined
    return { sheet: title, quoted: true, area: rest.slice(1) }
  }
  const bang = input.lastIndexOf('!')
  if (bang === -1) return { quoted: false, area: input }
  const sheet = input.slice(0, bang)
  const area = input.slice(bang + 1)
  if (sheet === '' || area === '') return undefined
  return { sheet, quoted: false, area }
}
