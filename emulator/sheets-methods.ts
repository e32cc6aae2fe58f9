/**
 * The Sheets v4 REST surface (§1.3): routing of /v4 paths (custom verbs, encoded ranges, §1.1),
 * query-parameter checking, and one handler per method working on the store.
 */
import { formatArea, quoteSheetTitle as quoteTitle } from './a1-notation.js'
import { SCOPES } from './auth.js'
import { applyRequests } from './batch-update.js'
import type { DateTimeRenderOption, InputValue, ValueInputOption, ValueRenderOption } from './cell-values.js'
import { ValueReader } from './cell-values.js'
import { type DataFilterInput, matchFilter, metadataJson } from './developer-metadata.js'
import type { EmulatorStore } from './emulator-store.js'
import { type MaskTree, parseFieldMask, unmatchedMaskPath } from './field-mask.js'
import {
  type ApiError,
  fail,
  invalidArgument,
  invalidValue,
  notFound,
  type Outcome,
  ok,
  unknownQueryParameter,
} from './google-errors.js'
import { newSpreadsheetId } from './ids.js'
import { SHEETS_MESSAGES } from './request-schema.generated.js'
import { checkMessage } from './request-shape.js'
import { createSpreadsheet } from './spreadsheet-factory.js'
import type { SpreadsheetModel } from './spreadsheet-model.js'
import { spreadsheetJson } from './spreadsheet-view.js'
import {
  appendValues,
  clearValues,
  type MajorDimension,
  type ReadOptions,
  readValues,
  updateValues,
  type ValueRangeJson,
  valueRange,
  type WriteCounts,
} from './values-api.js'

type Json = Record<string, unknown>

const READ_SCOPES = [
  SCOPES.drive,
  SCOPES.driveFile,
  SCOPES.driveReadonly,
  SCOPES.spreadsheets,
  SCOPES.spreadsheetsReadonly,
]
const WRITE_SCOPES = [SCOPES.drive, SCOPES.driveFile, SCOPES.spreadsheets]

export interface MethodSpec {
  readonly name: string
  readonly kind: 'read' | 'write'
  readonly scopes: readonly string[]
  readonly query: readonly string[]
  /** The message it answers with: what a `fields` mask is checked against. */
  readonly response: string
}

const spec = (
  name: string,
  kind: 'read' | 'write',
  response: string,
  scopes: readonly string[],
  query: readonly string[] = [],
): MethodSpec => ({
  name,
  kind,
  scopes,
  query,
  response,
})

const RENDER = ['majorDimension', 'valueRenderOption', 'dateTimeRenderOption']
const WRITE_QUERY = [
  'valueInputOption',
  'includeValuesInResponse',
  'responseValueRenderOption',
  'responseDateTimeRenderOption',
]

export const METHODS = {
  create: spec('spreadsheets.create', 'write', 'Spreadsheet', WRITE_SCOPES),
  get: spec('spreadsheets.get', 'read', 'Spreadsheet', READ_SCOPES, [
    'ranges',
    'includeGridData',
    'excludeTablesInBandedRanges',
  ]),
  getByDataFilter: spec('spreadsheets.getByDataFilter', 'read', 'Spreadsheet', WRITE_SCOPES),
  batchUpdate: spec('spreadsheets.batchUpdate', 'write', 'BatchUpdateSpreadsheetResponse', WRITE_SCOPES),
  valuesGet: spec('values.get', 'read', 'ValueRange', READ_SCOPES, RENDER),
  valuesBatchGet: spec('values.batchGet', 'read', 'BatchGetValuesResponse', READ_SCOPES, ['ranges', ...RENDER]),
  valuesUpdate: spec('values.update', 'write', 'UpdateValuesResponse', WRITE_SCOPES, WRITE_QUERY),
  valuesBatchUpdate: spec('values.batchUpdate', 'write', 'BatchUpdateValuesResponse', WRITE_SCOPES),
  valuesAppend: spec('values.append', 'write', 'AppendValuesResponse', WRITE_SCOPES, [
    ...WRITE_QUERY,
    'insertDataOption',
  ]),
  valuesClear: spec('values.clear', 'write', 'ClearValuesResponse', WRITE_SCOPES),
  valuesBatchClear: spec('values.batchClear', 'write', 'BatchClearValuesResponse', WRITE_SCOPES),
  valuesBatchGetByDataFilter: spec(
    'values.batchGetByDataFilter',
    'read',
    'BatchGetValuesByDataFilterResponse',
    WRITE_SCOPES,
  ),
  metadataGet: spec('developerMetadata.get', 'read', 'DeveloperMetadata', WRITE_SCOPES),
  metadataSearch: spec('developerMetadata.search', 'read', 'SearchDeveloperMetadataResponse', WRITE_SCOPES),
} as const

/** Google's standard system parameters, accepted on every method. */
const STANDARD_QUERY = new Set([
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'uploadType',
  'upload_protocol',
])

export interface SheetsRoute {
  readonly spec: MethodSpec
  readonly spreadsheetId?: string
  readonly range?: string
  readonly metadataId?: string
}

/** Maps method + raw (still percent-encoded) path to a Sheets method; undefined → 404. */
export function routeSheets(httpMethod: string, rawPath: string): SheetsRoute | ApiError | undefined {
  if (rawPath === '/v4/spreadsheets' || rawPath === '/v4/spreadsheets/') {
    return httpMethod === 'POST' ? { spec: METHODS.create } : undefined
  }
  const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(rawPath)
  if (!m?.[1]) return undefined
  const id = m[1]
  // The npm client google-spreadsheet joins its base URL and '' or ':batchUpdate' with a slash
  // (GET …/{id}/, POST …/{id}/:batchUpdate), and Google accepts both.
  const raw = m[2] ?? ''
  const rest = raw === '/' ? '' : raw.startsWith('/:') ? raw.slice(1) : raw
  const withId = (s: MethodSpec, extra: Partial<SheetsRoute> = {}): SheetsRoute => ({
    spec: s,
    spreadsheetId: id,
    ...extra,
  })
  if (rest === '' && httpMethod === 'GET') return withId(METHODS.get)
  if (rest === ':batchUpdate' && httpMethod === 'POST') return withId(METHODS.batchUpdate)
  if (rest === ':getByDataFilter' && httpMethod === 'POST') return withId(METHODS.getByDataFilter)
  if (rest === '/values:batchGet' && httpMethod === 'GET') return withId(METHODS.valuesBatchGet)
  if (rest === '/values:batchUpdate' && httpMethod === 'POST') return withId(METHODS.valuesBatchUpdate)
  if (rest === '/values:batchClear' && httpMethod === 'POST') return withId(METHODS.valuesBatchClear)
  if (rest === '/values:batchGetByDataFilter' && httpMethod === 'POST')
    return withId(METHODS.valuesBatchGetByDataFilter)
  if (rest === '/developerMetadata:search' && httpMethod === 'POST') return withId(METHODS.metadataSearch)
  const meta = /^\/developerMetadata\/([0-9]+)$/.exec(rest)
  if (meta?.[1] && httpMethod === 'GET') return withId(METHODS.metadataGet, { metadataId: meta[1] })
  if (!rest.startsWith('/values/')) return undefined
  let range: string
  try {
    range = decodeURIComponent(rest.slice('/values/'.length))
  } catch {
    return invalidArgument(`Unable to parse range: ${rest.slice('/values/'.length)}`)
  }
  if (httpMethod === 'POST') {
    // The custom verb is matched on the last colon, after decoding (§1.1).
    const colon = range.lastIndexOf(':')
    const verb = colon === -1 ? '' : range.slice(colon + 1)
    const target = colon === -1 ? range : range.slice(0, colon)
    if (verb === 'append') return withId(METHODS.valuesAppend, { range: target })
    if (verb === 'clear') return withId(METHODS.valuesClear, { range: target })
    return undefined
  }
  if (httpMethod === 'GET') return withId(METHODS.valuesGet, { range })
  if (httpMethod === 'PUT') return withId(METHODS.valuesUpdate, { range })
  return undefined
}

/** Rejects query parameters the method does not define (Google's proto binding does). */
export function checkQuery(route: SheetsRoute, query: URLSearchParams): ApiError | undefined {
  for (const key of query.keys()) {
    if (STANDARD_QUERY.has(key) || route.spec.query.includes(key)) continue
    return unknownQueryParameter(key)
  }
  return undefined
}

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

function enumParam<T extends string>(
  value: string | null | undefined,
  field: string,
  typeName: string,
  allowed: readonly T[],
  fallback: T,
): Outcome<T> {
  if (value === null || value === undefined) return ok(fallback)
  if ((allowed as readonly string[]).includes(value)) return ok(value as T)
  const unspecified = `${typeName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_UNSPECIFIED`
  if (value === unspecified || value === 'DIMENSION_UNSPECIFIED') return ok(fallback)
  return fail(invalidValue(snake(field), `type.googleapis.com/google.apps.sheets.v4.${typeName}`, value))
}

function boolParam(value: string | null, field: string): Outcome<boolean> {
  if (value === null) return ok(false)
  const v = value.toLowerCase()
  if (v === 'true' || v === '1') return ok(true)
  if (v === 'false' || v === '0' || v === '') return ok(false)
  return fail(invalidValue(snake(field), 'TYPE_BOOL', value))
}

const RENDER_OPTIONS = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'] as const
const DATE_OPTIONS = ['SERIAL_NUMBER', 'FORMATTED_STRING'] as const
const DIMENSIONS = ['ROWS', 'COLUMNS'] as const

function readOptions(
  major: string | null | undefined,
  render: string | null | undefined,
  dates: string | null | undefined,
  names = { major: 'majorDimension', render: 'valueRenderOption', dates: 'dateTimeRenderOption' },
): Outcome<ReadOptions> {
  const m = enumParam<MajorDimension>(major, names.major, 'Dimension', DIMENSIONS, 'ROWS')
  if (!m.ok) return m
  const r = enumParam<ValueRenderOption>(render, names.render, 'ValueRenderOption', RENDER_OPTIONS, 'FORMATTED_VALUE')
  if (!r.ok) return r
  const d = enumParam<DateTimeRenderOption>(dates, names.dates, 'DateTimeRenderOption', DATE_OPTIONS, 'SERIAL_NUMBER')
  if (!d.ok) return d
  return ok({ majorDimension: m.value, render: r.value, dates: d.value })
}

function inputOption(value: unknown, field: string): Outcome<ValueInputOption> {
  if (value === null || value === undefined || value === '') {
    return fail(invalidArgument("'valueInputOption' is required but not specified"))
  }
  if (value === 'RAW' || value === 'USER_ENTERED') return ok(value)
  if (value === 'INPUT_VALUE_OPTION_UNSPECIFIED')
    return fail(invalidArgument('Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED'))
  return fail(invalidValue(snake(field), 'type.googleapis.com/google.apps.sheets.v4.ValueInputOption', value))
}

export interface CallContext {
  readonly route: SheetsRoute
  readonly query: URLSearchParams
  /** The request's `fields` mask, already checked by {@link responseMask}. */
  readonly mask: MaskTree | undefined
  readonly body: unknown
  readonly caller: string
  readonly store: EmulatorStore
  readonly now: number
  readonly random: () => number
}

export interface CallAnswer {
  readonly status: number
  readonly json: unknown
  /** Set when a spreadsheet was created, so stats can attribute the call. */
  readonly createdId?: string
}

const answer = (json: unknown, status = 200): Outcome<CallAnswer> => ok({ status, json })

const expandError = (path: string): ApiError =>
  invalidArgument(`Error expanding 'fields' parameter. Cannot find matching fields for path '${path}'.`)

/**
 * The `fields` mask of a request (§1.4), checked against the message the method answers with:
 * a malformed mask, or a path that names no field of it, is refused with 400 before anything is
 * applied, as Google does. Google's parser takes whitespace as part of a name, so
 * `properties, sheets.properties` fails on ' sheets.properties'.
 */
export function responseMask(query: URLSearchParams, response: string): Outcome<MaskTree | undefined> {
  const fields = query.get('fields')
  if (fields === null || fields.trim() === '') return ok(undefined)
  const spaced = fields.split(',').find((part) => /\s/.test(part))
  if (spaced !== undefined) return fail(expandError(spaced))
  const tree = parseFieldMask(fields)
  if (!tree) return fail(invalidArgument(`Invalid field selection ${fields}`))
  const unmatched = unmatchedMaskPath(tree, response, (message) => SHEETS_MESSAGES[message])
  if (unmatched !== undefined) return fail(expandError(unmatched))
  return ok(tree)
}

/** The part of a mask that applies to one field of the response; undefined when it selects none of it. */
function subMask(mask: MaskTree, field: string): MaskTree | undefined {
  if (mask.get('*') === true) return new Map([['*', true]])
  const sub = mask.get(field)
  if (sub === undefined) return undefined
  return sub === true ? new Map([['*', true]]) : sub
}

function body(ctx: CallContext, message: string, path = ''): Outcome<Json> {
  return checkMessage(ctx.body, message, path)
}

function withSpreadsheet<T>(ctx: CallContext, run: (ss: SpreadsheetModel) => Outcome<T>): Outcome<T> {
  const ss = ctx.store.spreadsheets.get(ctx.route.spreadsheetId ?? '')
  if (!ss) return fail(notFound())
  return run(ss)
}

function transact<T>(ctx: CallContext, run: (ss: SpreadsheetModel) => Outcome<T>): Outcome<T> {
  return ctx.store.transact(ctx.route.spreadsheetId ?? '', ctx.now, run) ?? fail(notFound())
}

function updatedData(
  ss: SpreadsheetModel,
  counts: { readonly sheetId: number; readonly written: WriteCounts['written'] },
  opts: ReadOptions,
): ValueRangeJson | undefined {
  const sheet = ss.sheets.find((s) => s.properties.sheetId === counts.sheetId)
  return sheet ? valueRange(new ValueReader(ss), sheet, counts.written, opts) : undefined
}

function countsJson(spreadsheetId: string, c: WriteCounts, data: ValueRangeJson | undefined): Json {
  return {
    spreadsheetId,
    updatedRange: c.updatedRange,
    ...(c.updatedRows ? { updatedRows: c.updatedRows } : {}),
    ...(c.updatedColumns ? { updatedColumns: c.updatedColumns } : {}),
    ...(c.updatedCells ? { updatedCells: c.updatedCells } : {}),
    ...(data ? { updatedData: data } : {}),
  }
}

function valuesOf(b: Json): readonly (readonly InputValue[])[] {
  return (b.values ?? []) as readonly (readonly InputValue[])[]
}

function checkBodyRange(b: Json, range: string): ApiError | undefined {
  if (typeof b.range === 'string' && b.range !== range) {
    return invalidArgument(
      `Requested writing within range [${range}], but the request body has a different range [${b.range}]`,
    )
  }
  return undefined
}

export function executeSheets(ctx: CallContext): Outcome<CallAnswer> {
  const q = ctx.query
  switch (ctx.route.spec) {
    case METHODS.create: {
      const b = body(ctx, 'Spreadsheet')
      if (!b.ok) return b
      const spreadsheetId = newSpreadsheetId(ctx.random)
      const created = createSpreadsheet(b.value, { spreadsheetId, owner: ctx.caller, now: ctx.now, random: ctx.random })
      if (!created.ok) return created
      ctx.store.put(created.value)
      const view = spreadsheetJson(created.value, new ValueReader(created.value), {
        ranges: [],
        includeGridData: false,
        mask: undefined,
        caller: ctx.caller,
      })
      if (!view.ok) return view
      return ok({ status: 200, json: view.value, createdId: spreadsheetId })
    }
    case METHODS.get: {
      const include = boolParam(q.get('includeGridData'), 'includeGridData')
      if (!include.ok) return include
      return withSpreadsheet(ctx, (ss) => {
        const view = spreadsheetJson(ss, new ValueReader(ss), {
          ranges: q.getAll('ranges'),
          includeGridData: include.value,
          mask: ctx.mask,
          caller: ctx.caller,
        })
        return view.ok ? answer(view.value) : view
      })
    }
    case METHODS.getByDataFilter: {
      const b = body(ctx, 'GetSpreadsheetByDataFilterRequest')
      if (!b.ok) return b
      return withSpreadsheet(ctx, (ss) => {
        const ranges = rangesOfFilters(ss, (b.value.dataFilters ?? []) as DataFilterInput[])
        if (!ranges.ok) return ranges
        if (ranges.value.length === 0 && ((b.value.dataFilters ?? []) as unknown[]).length > 0) return answer({})
        const view = spreadsheetJson(ss, new ValueReader(ss), {
          ranges: ranges.value,
          includeGridData: b.value.includeGridData === true,
          mask: ctx.mask,
          caller: ctx.caller,
        })
        return view.ok ? answer(view.value) : view
      })
    }
    case METHODS.batchUpdate: {
      const b = body(ctx, 'BatchUpdateSpreadsheetRequest')
      if (!b.ok) return b
      return transact(ctx, (ss) => {
        const replies = applyRequests(
          { ss, caller: ctx.caller, random: ctx.random },
          (b.value.requests ?? []) as Json[],
        )
        const out: Json = { spreadsheetId: ss.spreadsheetId, replies }
        // The spreadsheet after every request, limited to responseRanges; a `fields` mask decides
        // whether it carries grid data (responseIncludeGridData is then ignored, as documented).
        if (b.value.includeSpreadsheetInResponse === true) {
          const view = spreadsheetJson(ss, new ValueReader(ss), {
            ranges: (b.value.responseRanges ?? []) as string[],
            includeGridData: b.value.responseIncludeGridData === true,
            mask: ctx.mask === undefined ? undefined : (subMask(ctx.mask, 'updatedSpreadsheet') ?? new Map()),
            caller: ctx.caller,
          })
          if (!view.ok) return view
          out.updatedSpreadsheet = view.value
        }
        return answer(out)
      })
    }
    case METHODS.valuesGet: {
      const opts = readOptions(q.get('majorDimension'), q.get('valueRenderOption'), q.get('dateTimeRenderOption'))
      if (!opts.ok) return opts
      return withSpreadsheet(ctx, (ss) => {
        const r = readValues(ss, new ValueReader(ss), ctx.route.range ?? '', opts.value)
        return r.ok ? answer(r.value) : r
      })
    }
    case METHODS.valuesBatchGet: {
      const opts = readOptions(q.get('majorDimension'), q.get('valueRenderOption'), q.get('dateTimeRenderOption'))
      if (!opts.ok) return opts
      return withSpreadsheet(ctx, (ss) => {
        const reader = new ValueReader(ss)
        const valueRanges: ValueRangeJson[] = []
        for (const range of q.getAll('ranges')) {
          const r = readValues(ss, reader, range, opts.value)
          if (!r.ok) return r
          valueRanges.push(r.value)
        }
        return answer({ spreadsheetId: ss.spreadsheetId, ...(valueRanges.length > 0 ? { valueRanges } : {}) })
      })
    }
    case METHODS.valuesBatchGetByDataFilter: {
      const b = body(ctx, 'BatchGetValuesByDataFilterRequest')
      if (!b.ok) return b
      const opts = readOptions(
        b.value.majorDimension as string | undefined,
        b.value.valueRenderOption as string | undefined,
        b.value.dateTimeRenderOption as string | undefined,
      )
      if (!opts.ok) return opts
      return withSpreadsheet(ctx, (ss) => {
        const reader = new ValueReader(ss)
        const valueRanges: Json[] = []
        for (const filter of (b.value.dataFilters ?? []) as DataFilterInput[]) {
          const ranges = rangesOfFilters(ss, [filter])
          if (!ranges.ok) return ranges
          for (const range of ranges.value) {
            const r = readValues(ss, reader, range, opts.value)
            if (!r.ok) return r
            valueRanges.push({ valueRange: r.value, dataFilters: [filter] })
          }
        }
        return answer({ spreadsheetId: ss.spreadsheetId, ...(valueRanges.length > 0 ? { valueRanges } : {}) })
      })
    }
    case METHODS.valuesUpdate:
    case METHODS.valuesAppend: {
      const append = ctx.route.spec === METHODS.valuesAppend
      const option = inputOption(q.get('valueInputOption'), 'valueInputOption')
      if (!option.ok) return option
      const include = boolParam(q.get('includeValuesInResponse'), 'includeValuesInResponse')
      if (!include.ok) return include
      const response = readOptions(
        undefined,
        q.get('responseValueRenderOption'),
        q.get('responseDateTimeRenderOption'),
        { major: 'majorDimension', render: 'responseValueRenderOption', dates: 'responseDateTimeRenderOption' },
      )
      if (!response.ok) return response
      const insert = enumParam(
        q.get('insertDataOption'),
        'insertDataOption',
        'InsertDataOption',
        ['OVERWRITE', 'INSERT_ROWS'] as const,
        'OVERWRITE',
      )
      if (!insert.ok) return insert
      const b = body(ctx, 'ValueRange', 'data')
      if (!b.ok) return b
      const major = enumParam<MajorDimension>(
        b.value.majorDimension as string | undefined,
        'data.majorDimension',
        'Dimension',
        DIMENSIONS,
        'ROWS',
      )
      if (!major.ok) return major
      const range = ctx.route.range ?? ''
      const mismatch = checkBodyRange(b.value, range)
      if (mismatch) return fail(mismatch)
      return transact(ctx, (ss) => {
        const req = {
          range,
          values: valuesOf(b.value),
          majorDimension: major.value,
          option: option.value,
          caller: ctx.caller,
        }
        const data = (c: WriteCounts) =>
          include.value ? updatedData(ss, c, { ...response.value, majorDimension: major.value }) : undefined
        if (!append) {
          const r = updateValues(ss, req)
          if (!r.ok) return r
          return answer(countsJson(ss.spreadsheetId, r.value, data(r.value)))
        }
        const r = appendValues(ss, { ...req, insertDataOption: insert.value })
        if (!r.ok) return r
        return answer({
          spreadsheetId: ss.spreadsheetId,
          ...(r.value.tableRange === undefined ? {} : { tableRange: r.value.tableRange }),
          updates: countsJson(ss.spreadsheetId, r.value.counts, data(r.value.counts)),
        })
      })
    }
    case METHODS.valuesBatchUpdate: {
      const b = body(ctx, 'BatchUpdateValuesRequest')
      if (!b.ok) return b
      const option = inputOption(b.value.valueInputOption, 'valueInputOption')
      if (!option.ok) return option
      const response = readOptions(
        undefined,
        b.value.responseValueRenderOption as string | undefined,
        b.value.responseDateTimeRenderOption as string | undefined,
        { major: 'majorDimension', render: 'responseValueRenderOption', dates: 'responseDateTimeRenderOption' },
      )
      if (!response.ok) return response
      const data = (b.value.data ?? []) as Json[]
      return transact(ctx, (ss) => {
        const responses: Json[] = []
        const rows = new Set<string>()
        const cols = new Set<string>()
        const sheets = new Set<number>()
        let cells = 0
        for (let i = 0; i < data.length; i++) {
          const item = data[i] ?? {}
          const major = enumParam<MajorDimension>(
            item.majorDimension as string | undefined,
            `data[${i}].majorDimension`,
            'Dimension',
            DIMENSIONS,
            'ROWS',
          )
          if (!major.ok) return major
          const r = updateValues(ss, {
            range: String(item.range ?? ''),
            values: valuesOf(item),
            majorDimension: major.value,
            option: option.value,
            caller: ctx.caller,
          })
          if (!r.ok) return r
          for (const x of r.value.touchedRows) rows.add(x)
          for (const x of r.value.touchedCols) cols.add(x)
          if (r.value.updatedCells > 0) sheets.add(r.value.sheetId)
          cells += r.value.updatedCells
          const extra =
            b.value.includeValuesInResponse === true
              ? updatedData(ss, r.value, { ...response.value, majorDimension: major.value })
              : undefined
          responses.push(countsJson(ss.spreadsheetId, r.value, extra))
        }
        return answer({
          spreadsheetId: ss.spreadsheetId,
          ...(rows.size ? { totalUpdatedRows: rows.size } : {}),
          ...(cols.size ? { totalUpdatedColumns: cols.size } : {}),
          ...(cells ? { totalUpdatedCells: cells } : {}),
          ...(sheets.size ? { totalUpdatedSheets: sheets.size } : {}),
          ...(responses.length > 0 ? { responses } : {}),
        })
      })
    }
    case METHODS.valuesClear: {
      const b = body(ctx, 'ClearValuesRequest')
      if (!b.ok) return b
      return transact(ctx, (ss) => {
        const r = clearValues(ss, ctx.route.range ?? '', ctx.caller)
        return r.ok ? answer({ spreadsheetId: ss.spreadsheetId, clearedRange: r.value }) : r
      })
    }
    case METHODS.valuesBatchClear: {
      const b = body(ctx, 'BatchClearValuesRequest')
      if (!b.ok) return b
      return transact(ctx, (ss) => {
        const cleared: string[] = []
        for (const range of (b.value.ranges ?? []) as string[]) {
          const r = clearValues(ss, range, ctx.caller)
          if (!r.ok) return r
          cleared.push(r.value)
        }
        return answer({ spreadsheetId: ss.spreadsheetId, ...(cleared.length > 0 ? { clearedRanges: cleared } : {}) })
      })
    }
    case METHODS.metadataGet:
      return withSpreadsheet(ctx, (ss) => {
        const m = ss.developerMetadata.find((x) => String(x.metadataId) === ctx.route.metadataId)
        return m ? answer(metadataJson(m)) : fail(notFound())
      })
    case METHODS.metadataSearch: {
      const b = body(ctx, 'SearchDeveloperMetadataRequest')
      if (!b.ok) return b
      return withSpreadsheet(ctx, (ss) => {
        const matched: Json[] = []
        const byId = new Map<number, Json>()
        for (const filter of (b.value.dataFilters ?? []) as DataFilterInput[]) {
          const found = matchFilter(ss, filter)
          if ('code' in found) return fail(found)
          for (const m of found) {
            const existing = byId.get(m.metadataId)
            if (existing) (existing.dataFilters as unknown[]).push(filter)
            else {
              const entry = { developerMetadata: metadataJson(m), dataFilters: [filter] }
              byId.set(m.metadataId, entry)
              matched.push(entry)
            }
          }
        }
        return answer(matched.length > 0 ? { matchedDeveloperMetadata: matched } : {})
      })
    }
    default:
      return fail(notFound())
  }
}

/** A1 ranges selected by data filters: ranges as given, metadata locations clamped to the grid (§2.8). */
function rangesOfFilters(ss: SpreadsheetModel, filters: readonly DataFilterInput[]): Outcome<string[]> {
  const out: string[] = []
  for (const f of filters) {
    if (f.a1Range !== undefined) {
      out.push(f.a1Range)
      continue
    }
    if (f.gridRange !== undefined) {
      const g = f.gridRange
      const sheet = ss.sheets.find((s) => s.properties.sheetId === (g.sheetId ?? 0))
      if (!sheet) return fail(invalidArgument(`No grid with id: ${g.sheetId ?? 0}`))
      const grid = sheet.properties.gridProperties
      out.push(
        `${quoteTitle(sheet.properties.title)}!${areaText(g.startRowIndex ?? 0, g.endRowIndex ?? grid.rowCount, g.startColumnIndex ?? 0, g.endColumnIndex ?? grid.columnCount)}`,
      )
      continue
    }
    const found = matchFilter(ss, f)
    if ('code' in found) return fail(found)
    for (const m of found) {
      const loc = m.location
      if (loc.locationType === 'SPREADSHEET') continue
      const sheet = ss.sheets.find((s) => s.properties.sheetId === loc.sheetId)
      if (!sheet) continue
      const grid = sheet.properties.gridProperties
      const [r0, r1, c0, c1] =
        loc.locationType === 'SHEET'
          ? [0, grid.rowCount, 0, grid.columnCount]
          : loc.locationType === 'ROW'
            ? [loc.index, loc.index + 1, 0, grid.columnCount]
            : [0, grid.rowCount, loc.index, loc.index + 1]
      out.push(`${quoteTitle(sheet.properties.title)}!${areaText(r0, r1, c0, c1)}`)
    }
  }
  return ok(out)
}

const areaText = (r0: number, r1: number, c0: number, c1: number): string =>
  formatArea({ startRow: r0, endRow: r1, startCol: c0, endCol: c1 })
