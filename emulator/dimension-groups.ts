/** Row and column groups as Sheets prints them: sorted, with depth = how many groups contain them. */
import type { Dimension, SheetModel } from './spreadsheet-model.js'

type Json = Record<string, unknown>

export function groupsJson(sheet: SheetModel, dim: Dimension): Json[] {
  const groups = (dim === 'ROWS' ? sheet.rowGroups : sheet.columnGroups) ?? []
  const sheetId = sheet.properties.sheetId
  return [...groups]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((g) => ({
      range: { ...(sheetId === 0 ? {} : { sheetId }), dimension: dim, startIndex: g.start, endIndex: g.end },
      depth: 1 + groups.filter((o) => o !== g && o.start <= g.start && o.end >= g.end).length,
      ...(g.collapsed ? { collapsed: true } : {}),
    }))
}

export function dimensionGroupsJson(sheet: SheetModel): Json {
  const rows = groupsJson(sheet, 'ROWS')
  const cols = groupsJson(sheet, 'COLUMNS')
  return { ...(rows.length > 0 ? { rowGroups: rows } : {}), ...(cols.length > 0 ? { columnGroups: cols } : {}) }
}
