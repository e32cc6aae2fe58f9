/**
 * Developer metadata (§2.8, §5.8): JSON form, DataFilter matching for developerMetadata.search,
 * and the location rules of createDeveloperMetadata.
 */
import type { ApiError } from './google-errors.js'
import { invalidArgument } from './google-errors.js'
import { resolveRange, withinGrid } from './range-resolution.js'
import type { DeveloperMetadataModel, Dimension, MetadataLocation, SpreadsheetModel } from './spreadsheet-model.js'
import { findSheetById } from './spreadsheet-model.js'

export function locationJson(loc: MetadataLocation): Record<string, unknown> {
  switch (loc.locationType) {
    case 'SPREADSHEET':
      return { locationType: 'SPREADSHEET', spreadsheet: true }
    case 'SHEET':
      return { locationType: 'SHEET', sheetId: loc.sheetId }
    default:
      return {
        locationType: loc.locationType,
        dimensionRange: {
          ...(loc.sheetId === 0 ? {} : { sheetId: loc.sheetId }),
          dimension: loc.locationType === 'ROW' ? 'ROWS' : 'COLUMNS',
          startIndex: loc.index,
          endIndex: loc.index + 1,
        },
      }
  }
}

export function metadataJson(m: DeveloperMetadataModel): Record<string, unknown> {
  return {
    metadataId: m.metadataId,
    metadataKey: m.metadataKey,
    ...(m.metadataValue === undefined ? {} : { metadataValue: m.metadataValue }),
    location: locationJson(m.location),
    visibility: m.visibility,
  }
}

interface LocationInput {
  readonly spreadsheet?: boolean
  readonly sheetId?: number
  readonly dimensionRange?: {
    readonly sheetId?: number
    readonly dimension?: string
    readonly startIndex?: number
    readonly endIndex?: number
  }
  readonly locationType?: string
}

/** Parses a DeveloperMetadataLocation given in a request; an error text when it is invalid. */
export function parseLocation(ss: SpreadsheetModel, input: LocationInput | undefined): MetadataLocation | string {
  if (!input) return 'location is required.'
  const set = [input.spreadsheet === true, input.sheetId !== undefined, input.dimensionRange !== undefined].filter(
    Boolean,
  ).length
  if (set !== 1) return 'Exactly one of spreadsheet, sheetId or dimensionRange must be set in the location.'
  if (input.spreadsheet === true) return { locationType: 'SPREADSHEET' }
  if (input.sheetId !== undefined) {
    if (!findSheetById(ss, input.sheetId)) return `No grid with id: ${input.sheetId}`
    return { locationType: 'SHEET', sheetId: input.sheetId }
  }
  const d = input.dimensionRange
  const sheetId = d?.sheetId ?? 0
  const sheet = findSheetById(ss, sheetId)
  if (!sheet) return `No grid with id: ${sheetId}`
  if (d?.dimension !== 'ROWS' && d?.dimension !== 'COLUMNS') return 'dimensionRange.dimension must be ROWS or COLUMNS.'
  if (d.startIndex === undefined || d.endIndex === undefined || d.endIndex - d.startIndex !== 1) {
    return 'Developer metadata may only be associated with a single row or column; the dimensionRange must be bounded and span exactly one.'
  }
  const size =
    d.dimension === 'ROWS' ? sheet.properties.gridProperties.rowCount : sheet.properties.gridProperties.columnCount
  if (d.startIndex < 0 || d.endIndex > size)
    return `The dimensionRange [${d.startIndex}, ${d.endIndex}) is outside the grid.`
  return { locationType: d.dimension === 'ROWS' ? 'ROW' : 'COLUMN', sheetId, index: d.startIndex }
}

export interface DataFilterInput {
  readonly developerMetadataLookup?: {
    readonly metadataId?: number
    readonly metadataKey?: string
    readonly metadataValue?: string
    readonly visibility?: string
    readonly locationType?: string
    readonly locationMatchingStrategy?: string
    readonly metadataLocation?: LocationInput
  }
  readonly a1Range?: string
  readonly gridRange?: {
    readonly sheetId?: number
    readonly startRowIndex?: number
    readonly endRowIndex?: number
    readonly startColumnIndex?: number
    readonly endColumnIndex?: number
  }
}

interface Area {
  readonly sheetId: number
  readonly rows: readonly [number, number]
  readonly cols: readonly [number, number]
}

function areaOfLocation(ss: SpreadsheetModel, loc: MetadataLocation): Area | undefined {
  if (loc.locationType === 'SPREADSHEET') return undefined
  const sheet = findSheetById(ss, loc.sheetId)
  if (!sheet) return undefined
  const g = sheet.properties.gridProperties
  if (loc.locationType === 'SHEET') return { sheetId: loc.sheetId, rows: [0, g.rowCount], cols: [0, g.columnCount] }
  if (loc.locationType === 'ROW')
    return { sheetId: loc.sheetId, rows: [loc.index, loc.index + 1], cols: [0, g.columnCount] }
  return { sheetId: loc.sheetId, rows: [0, g.rowCount], cols: [loc.index, loc.index + 1] }
}

const intersects = (a: Area, b: Area): boolean =>
  a.sheetId === b.sheetId &&
  a.rows[0] < b.rows[1] &&
  b.rows[0] < a.rows[1] &&
  a.cols[0] < b.cols[1] &&
  b.cols[0] < a.cols[1]

function sameLocation(a: MetadataLocation, b: MetadataLocation): boolean {
  if (a.locationType !== b.locationType) return false
  if (a.locationType === 'SPREADSHEET') return true
  if (b.locationType === 'SPREADSHEET') return false
  if (a.sheetId !== b.sheetId) return false
  if (a.locationType === 'SHEET' || b.locationType === 'SHEET') return true
  return a.index === b.index
}

function areaOfFilterRange(ss: SpreadsheetModel, f: DataFilterInput): Area | ApiError | undefined {
  if (f.a1Range !== undefined) {
    const r = resolveRange(ss, f.a1Range)
    if (!r.ok) return r.error
    const b = withinGrid(r.value)
    if (!b.ok) return b.error
    return {
      sheetId: r.value.sheet.properties.sheetId,
      rows: [b.value.startRow, b.value.endRow],
      cols: [b.value.startCol, b.value.endCol],
    }
  }
  if (f.gridRange !== undefined) {
    const g = f.gridRange
    const sheet = findSheetById(ss, g.sheetId ?? 0)
    if (!sheet) return invalidArgument(`No grid with id: ${g.sheetId ?? 0}`)
    const p = sheet.properties.gridProperties
    return {
      sheetId: sheet.properties.sheetId,
      rows: [g.startRowIndex ?? 0, g.endRowIndex ?? p.rowCount],
      cols: [g.startColumnIndex ?? 0, g.endColumnIndex ?? p.columnCount],
    }
  }
  return undefined
}

/** Metadata selected by one DataFilter; an ApiError when the filter itself is invalid. */
export function matchFilter(ss: SpreadsheetModel, f: DataFilterInput): readonly DeveloperMetadataModel[] | ApiError {
  const set = [f.developerMetadataLookup, f.a1Range, f.gridRange].filter((x) => x !== undefined).length
  if (set !== 1) return invalidArgument('Exactly one of developerMetadataLookup, a1Range or gridRange must be set.')
  const lookup = f.developerMetadataLookup
  if (lookup === undefined) {
    const area = areaOfFilterRange(ss, f)
    if (area === undefined || 'code' in area) return area ?? []
    // A range filter selects the metadata whose location intersects the range (never spreadsheet-level).
    return ss.developerMetadata.filter((m) => {
      const a = areaOfLocation(ss, m.location)
      return a !== undefined && intersects(a, area)
    })
  }
  const strategy = lookup.locationMatchingStrategy
  if (strategy !== undefined && lookup.metadataLocation === undefined) {
    return invalidArgument('locationMatchingStrategy requires metadataLocation to be set.')
  }
  let where: MetadataLocation | undefined
  if (lookup.metadataLocation !== undefined) {
    const parsed = parseLocation(ss, lookup.metadataLocation)
    if (typeof parsed === 'string') return invalidArgument(parsed)
    where = parsed
    if (strategy === 'EXACT_LOCATION' && lookup.locationType !== undefined) {
      return invalidArgument('locationType must not be set when locationMatchingStrategy is EXACT_LOCATION.')
    }
  }
  if (lookup.locationType === 'SPREADSHEET' && strategy !== 'EXACT_LOCATION' && where !== undefined) {
    return invalidArgument('locationType SPREADSHEET cannot be used with INTERSECTING_LOCATION matching.')
  }
  return ss.developerMetadata.filter((m) => {
    if (lookup.metadataId !== undefined && m.metadataId !== lookup.metadataId) return false
    if (lookup.metadataKey !== undefined && m.metadataKey !== lookup.metadataKey) return false
    if (lookup.metadataValue !== undefined && m.metadataValue !== lookup.metadataValue) return false
    if (lookup.visibility !== undefined && m.visibility !== lookup.visibility) return false
    if (lookup.locationType !== undefined && m.location.locationType !== lookup.locationType) return false
    if (where !== undefined) {
      if (strategy === 'EXACT_LOCATION') return sameLocation(m.location, where)
      if (where.locationType === 'SPREADSHEET') return m.location.locationType === 'SPREADSHEET'
      const a = areaOfLocation(ss, m.location)
      const b = areaOfLocation(ss, where)
      return a !== undefined && b !== undefined && intersects(a, b)
    }
    return true
  })
}

/** Indexes ROW/COLUMN metadata of one sheet and dimension by row/column index. */
export function metadataByIndex(
  ss: SpreadsheetModel,
  sheetId: number,
  dim: Dimension,
): ReadonlyMap<number, DeveloperMetadataModel[]> {
  const out = new Map<number, DeveloperMetadataModel[]>()
  const type = dim === 'ROWS' ? 'ROW' : 'COLUMN'
  for (const m of ss.developerMetadata) {
    const loc = m.location
    if (loc.locationType !== type || loc.sheetId !== sheetId) continue
    const list = out.get(loc.index)
    if (list) list.push(m)
    else out.set(loc.index, [m])
  }
  return out
}
