/**
 * @module
 * The `Lists` tab: one column per dropdown list, header = list name, one value per row. Only the
 * extensible lists (`cluster`) are read back; the fixed ones are shown for the dropdowns and
 * always come from the rules ({@link DEFAULT_LISTS}).
 */
import * as z from 'zod'
import { col } from './columns'
import { SHORT_TEXT } from './field-schemas'
import { DEFAULT_LISTS, EXTENSIBLE_LISTS, LIST_NAMES, type ListName, type Lists } from './lists'
import { normalizeCode } from './normalize'

const listColumn = (name: ListName) =>
  col(z.string().min(1).max(SHORT_TEXT).optional(), {
    label: { id: name, en: name },
    kind: 'text',
    list: name,
  })

export const ListsRowSchema = z.strictObject(
  Object.fromEntries(LIST_NAMES.map((name) => [name, listColumn(name)])) as Record<
    ListName,
    ReturnType<typeof listColumn>
  >,
)

export type ListsRow = z.output<typeof ListsRowSchema>

/**
 * The lists in force, from the decoded rows of the `Lists` tab: an extensible list is its column
 * (values normalised like the cells that use them, duplicates dropped); an empty or missing
 * column falls back to the default, so a fresh or damaged tab never rejects every case.
 */
export function listsFromRows(rows: readonly ListsRow[]): Lists {
  const out: Record<ListName, readonly string[]> = { ...DEFAULT_LISTS }
  for (const name of EXTENSIBLE_LISTS) {
    const values = new Set<string>()
    for (const row of rows) {
      const v = row[name]
      if (v !== undefined) {
        const code = normalizeCode(v)
        if (code !== '') values.add(code)
      }
    }
    if (values.size > 0) out[name] = [...values]
  }
  return out
}
