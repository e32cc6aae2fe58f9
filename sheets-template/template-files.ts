/**
 * @module
 * The committed files generated from the template (pure; scripts/template.ts writes them and
 * test/template checks them): `template.json` (the tabs and the batchUpdate requests, pretty and in
 * a stable order) and one CSV of header labels per tab for people who build the sheet by hand.
 * The `Lists` CSV also carries the default values: without them every dropdown would be empty.
 * A hand-made sheet has no developer metadata, so the Worker cannot bind it; the README says so.
 */
import { DEFAULT_LISTS, LIST_NAMES } from '../src/domain/lists'
import type { Template } from './build-template'

export type GeneratedFile = { readonly path: string; readonly content: string }

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\n`

/** The CSV of one tab: its Indonesian header labels (and, for `Lists`, the default values). */
export function tabCsv(template: Template, key: Template['tabs'][number]['key']): string | undefined {
  const tab = template.tabs.find((t) => t.key === key)
  if (tab === undefined || tab.columns.length === 0) return undefined
  let csv = csvLine(tab.columns.map((c) => c.label.id))
  if (key === 'lists') {
    const depth = Math.max(...LIST_NAMES.map((name) => DEFAULT_LISTS[name].length))
    for (let r = 0; r < depth; r++) csv += csvLine(LIST_NAMES.map((name) => DEFAULT_LISTS[name][r] ?? ''))
  }
  return csv
}

/** Every generated file, paths relative to the repository root, in a stable order. */
export function templateFiles(template: Template): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'sheets-template/template.json', content: `${JSON.stringify(template, null, 2)}\n` },
  ]
  for (const tab of template.tabs) {
    const content = tabCsv(template, tab.key)
    if (content !== undefined) files.push({ path: `sheets-template/csv/${tab.title}.csv`, content })
  }
  return files
}
