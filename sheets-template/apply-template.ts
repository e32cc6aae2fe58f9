/**
 * @module
 * Applying the template to a spreadsheet that exists and is empty (one sheet, no values): the
 * plan (pure: adapts the requests to the spreadsheet's own default sheet, refuses anything that
 * could hurt data) and {@link applyTemplate}, which runs it with a plain `fetch` — what the local
 * dev script uses to seed the emulator without loading `googleapis`. The provisioning CLI
 * (scripts/provision.ts) runs the same plan through the official client.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { err, ok, type Result } from '../src/domain/result'
import { formatSheetName } from '../src/sheets/a1'
import { buildTemplate, type Template } from './build-template'

type Request = sheets_v4.Schema$Request

export type ExistingSheet = { readonly sheetId: number; readonly title: string }

/** Why a spreadsheet was left untouched. Nothing is ever deleted that holds data. */
export type PlanError =
  /** Every tab of the template is already there: nothing to do. */
  | { readonly kind: 'already_provisioned' }
  /** Some template tabs exist, others not: a half-built or hand-made sheet, fix by hand. */
  | { readonly kind: 'tab_exists'; readonly titles: readonly string[] }
  /** More than one sheet, or the one sheet holds values. */
  | { readonly kind: 'not_empty'; readonly titles: readonly string[] }
  /** The existing sheet uses one of the template's fixed sheet ids. */
  | { readonly kind: 'sheet_id_taken'; readonly sheetId: number }

/** Google (or the emulator) answered a call with an error. */
export type ApplyHttpError = {
  readonly kind: 'http'
  readonly step: 'get' | 'values' | 'batchUpdate'
  readonly status: number
  readonly message: string
}

export type ApplyError = PlanError | ApplyHttpError

export type ApplyReport = {
  readonly spreadsheetId: string
  readonly requests: number
  readonly tabs: readonly ExistingSheet[]
}

/**
 * The requests that turn this spreadsheet into the casebook: the template's, with its
 * `deleteSheet` aimed at the spreadsheet's own default sheet (id 0 for a fresh one, not always).
 * `hasValues`: whether that sheet holds any value.
 */
export function planTemplate(
  template: Template,
  existing: readonly ExistingSheet[],
  hasValues: boolean,
): Result<Request[], PlanError> {
  const wanted = new Set(template.tabs.map((t) => t.title.toLowerCase()))
  const present = existing.filter((s) => wanted.has(s.title.toLowerCase())).map((s) => s.title)
  if (present.length === template.tabs.length) return err({ kind: 'already_provisioned' })
  if (present.length > 0) return err({ kind: 'tab_exists', titles: present })
  const [only, ...more] = existing
  if (only === undefined || more.length > 0 || hasValues) {
    return err({ kind: 'not_empty', titles: existing.map((s) => s.title) })
  }
  if (template.tabs.some((t) => t.sheetId === only.sheetId))
    return err({ kind: 'sheet_id_taken', sheetId: only.sheetId })
  return ok(
    template.requests.map((r) =>
      r.deleteSheet !== undefined && r.deleteSheet !== null ? { deleteSheet: { sheetId: only.sheetId } } : r,
    ),
  )
}

/** Sheet ids and titles of a spreadsheets.get answer (proto3 JSON omits sheetId 0). */
export const existingSheets = (spreadsheet: sheets_v4.Schema$Spreadsheet): ExistingSheet[] =>
  (spreadsheet.sheets ?? []).flatMap((s) =>
    typeof s.properties?.title === 'string' ? [{ sheetId: s.properties.sheetId ?? 0, title: s.properties.title }] : [],
  )

/** True when a values.get answer holds at least one non-empty cell. */
export const rangeHasValues = (range: sheets_v4.Schema$ValueRange): boolean =>
  (range.values ?? []).some((row) => row.some((cell) => cell !== '' && cell !== null && cell !== undefined))

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export type ApplyOptions = {
  /** Bearer token; the emulator accepts any (default `local-dev`). */
  readonly accessToken?: string
  readonly template?: Template
}

/** One call; a non-2xx answer is an {@link ApplyHttpError} carrying Google's message. */
export async function call(
  fetchLike: FetchLike,
  url: string,
  init: RequestInit,
  step: 'get' | 'values' | 'batchUpdate',
): Promise<Result<unknown, ApplyHttpError>> {
  const response = await fetchLike(url, init)
  const text = await response.text()
  if (!response.ok) {
    // Google's error envelope carries a message; the cell values are never echoed in it.
    let message = response.statusText
    try {
      const body = JSON.parse(text) as { error?: { message?: unknown } }
      if (typeof body.error?.message === 'string') message = body.error.message
    } catch {
      // not JSON: keep the status text
    }
    return err({ kind: 'http', step, status: response.status, message })
  }
  return ok(text === '' ? {} : JSON.parse(text))
}

/**
 * Applies the template to an existing empty spreadsheet in one batchUpdate (all or nothing, as
 * Google applies it). `baseUrl` is the API root without `/v4`: `https://sheets.googleapis.com`,
 * or the emulator's `http://127.0.0.1:8788`.
 */
export async function applyTemplate(
  fetchLike: FetchLike,
  baseUrl: string,
  spreadsheetId: string,
  options: ApplyOptions = {},
): Promise<Result<ApplyReport, ApplyError>> {
  const template = options.template ?? buildTemplate()
  const root = `${baseUrl.replace(/\/+$/, '')}/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}`
  const headers = { authorization: `Bearer ${options.accessToken ?? 'local-dev'}` }

  const got = await call(fetchLike, `${root}?fields=sheets.properties(sheetId,title)`, { headers }, 'get')
  if (!got.ok) return got
  const existing = existingSheets(got.value as sheets_v4.Schema$Spreadsheet)
  let hasValues = false
  const first = existing[0]
  if (existing.length === 1 && first !== undefined) {
    const range = encodeURIComponent(formatSheetName(first.title))
    const values = await call(fetchLike, `${root}/values/${range}`, { headers }, 'values')
    if (!values.ok) return values
    hasValues = rangeHasValues(values.value as sheets_v4.Schema$ValueRange)
  }
  const plan = planTemplate(template, existing, hasValues)
  if (!plan.ok) return plan
  const body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest = { requests: plan.value }
  const updated = await call(
    fetchLike,
    `${root}:batchUpdate`,
    { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) },
    'batchUpdate',
  )
  if (!updated.ok) return updated
  return ok({
    spreadsheetId,
    requests: plan.value.length,
    tabs: template.tabs.map((t) => ({ sheetId: t.sheetId, title: t.title })),
  })
}

/** One line per problem, for people (Indonesian first, English after). */
export function describeApplyError(error: ApplyError): string {
  switch (error.kind) {
    case 'already_provisioned':
      return 'Spreadsheet sudah memakai template ini; tidak ada yang diubah. / The spreadsheet already has the template; nothing changed.'
    case 'tab_exists':
      return `Tab sudah ada: ${error.titles.join(', ')}. Pakai spreadsheet kosong, atau --upgrade untuk buku kasus dari templat lama. / Tabs already exist; use an empty spreadsheet, or --upgrade for a casebook made from an earlier template.`
    case 'not_empty':
      return `Spreadsheet tidak kosong (${error.titles.length} sheet). Pakai spreadsheet baru yang kosong. / The spreadsheet is not empty; use a new empty one.`
    case 'sheet_id_taken':
      return `Sheet yang ada memakai sheetId ${error.sheetId} yang dipakai template. / The existing sheet uses a sheetId the template needs.`
    case 'http':
      return `Google API ${error.step}: HTTP ${error.status} ${error.message}`
  }
}
