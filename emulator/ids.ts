/** Ids in Google's shapes, drawn from the injected random source so seeded runs repeat. */

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** 44 characters of [A-Za-z0-9_-] starting with "1", like every recorded spreadsheet id (§2.1). */
export function newSpreadsheetId(random: () => number): string {
  let id = '1'
  for (let i = 0; i < 43; i++) id += ID_CHARS[Math.floor(random() * ID_CHARS.length)] ?? 'A'
  return id
}

/** A positive int32 not in `taken` (sheet, protected-range and metadata ids are random int32s). */
export function newInt32(random: () => number, taken: (id: number) => boolean): number {
  for (;;) {
    const id = 1 + Math.floor(random() * 2_147_483_646)
    if (!taken(id)) return id
  }
}
