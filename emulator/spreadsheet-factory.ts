/**
 * Builds new spreadsheets: spreadsheets.create, Drive files.create and the control endpoint that
 * creates one with a chosen id all go through createSpreadsheet.
 */
import { addSheetTo, applyRequests } from './batch-update.js'
import { normalizeFormatColors } from './colors.js'
import { ApiFailure, fail, invalidArgument, type Outcome, ok } from './google-errors.js'
import type { PermissionModel } from './sharing.js'
import { newSheet, type SpreadsheetModel, updateRow } from './spreadsheet-model.js'

type Json = Record<string, unknown>

export interface CreateOptions {
  readonly spreadsheetId: string
  readonly owner: string
  /** Drive grants besides the owner; none by default (only the creator may use it, as on Google). */
  readonly sharedWith?: readonly PermissionModel[]
  readonly now: number
  readonly random: () => number
}

const SUPPORTED_SHEET_FIELDS = new Set([
  'properties',
  'data',
  'protectedRanges',
  'conditionalFormats',
  'developerMetadata',
])

/** A Spreadsheet body (already shape-checked) → model; Google's defaults fill the gaps (§2.1). */
export function createSpreadsheet(body: Json, opts: CreateOptions): Outcome<SpreadsheetModel> {
  const props = (body.properties ?? {}) as Json
  const ss: SpreadsheetModel = {
    spreadsheetId: opts.spreadsheetId,
    properties: {
      title: typeof props.title === 'string' && props.title !== '' ? props.title : 'Untitled spreadsheet',
      locale: typeof props.locale === 'string' ? props.locale : 'en_US',
      autoRecalc: typeof props.autoRecalc === 'string' ? props.autoRecalc : 'ON_CHANGE',
      timeZone: typeof props.timeZone === 'string' ? props.timeZone : 'Etc/GMT',
    },
    sheets: [],
    namedRanges: [],
    developerMetadata: [],
    owner: opts.owner,
    permissions: [...(opts.sharedWith ?? [])],
    createdTime: opts.now,
    modifiedTime: opts.now,
  }
  const ctx = { ss, caller: opts.owner, random: opts.random }
  const sheets = (body.sheets ?? []) as Json[]
  const follow: Json[] = []
  try {
    if (sheets.length === 0) {
      ss.sheets.push(
        newSheet({
          sheetId: 0,
          title: 'Sheet1',
          sheetType: 'GRID',
          gridProperties: { rowCount: 1000, columnCount: 26 },
        }),
      )
    }
    sheets.forEach((s, i) => {
      for (const key of Object.keys(s)) {
        if (!SUPPORTED_SHEET_FIELDS.has(key)) {
          throw new ApiFailure(
            invalidArgument(`spreadsheet.sheets[${i}].${key} is not supported by the local Sheets emulator.`),
          )
        }
      }
      const p = { ...((s.properties ?? {}) as Json) }
      delete p.index
      const sheet = addSheetTo(ctx, p, (detail) => {
        throw new ApiFailure(invalidArgument(`Invalid spreadsheet.sheets[${i}]: ${detail}`))
      })
      const lower = sheet.properties.title.toLowerCase()
      if (ss.sheets.filter((x) => x.properties.title.toLowerCase() === lower).length > 1) {
        throw new ApiFailure(
          invalidArgument(
            `A sheet with the name "${sheet.properties.title}" already exists. Please enter another name.`,
          ),
        )
      }
      for (const grid of (s.data ?? []) as Json[]) {
        const r0 = typeof grid.startRow === 'number' ? grid.startRow : 0
        const c0 = typeof grid.startColumn === 'number' ? grid.startColumn : 0
        ;((grid.rowData ?? []) as Json[]).forEach((row, ri) => {
          const values = (row.values ?? []) as Json[]
          if (
            r0 + ri >= sheet.properties.gridProperties.rowCount ||
            c0 + values.length > sheet.properties.gridProperties.columnCount
          ) {
            throw new ApiFailure(invalidArgument(`spreadsheet.sheets[${i}].data lies outside the grid.`))
          }
          updateRow(sheet, r0 + ri, c0, c0 + values.length, (_cell, c) => {
            const cell = values[c - c0] ?? {}
            const entered = cell.userEnteredValue as Json | undefined
            const value =
              entered?.formulaValue !== undefined
                ? { formulaValue: String(entered.formulaValue) }
                : entered?.numberValue !== undefined
                  ? { numberValue: Number(entered.numberValue) }
                  : entered?.boolValue !== undefined
                    ? { boolValue: entered.boolValue === true }
                    : entered?.stringValue !== undefined
                      ? { stringValue: String(entered.stringValue) }
                      : undefined
            return {
              ...(value ? { value } : {}),
              ...(cell.userEnteredFormat ? { format: normalizeFormatColors(cell.userEnteredFormat as Json) } : {}),
              ...(typeof cell.note === 'string' ? { note: cell.note } : {}),
              ...(cell.dataValidation ? { validation: cell.dataValidation as Json } : {}),
            }
          })
        })
      }
      for (const p of (s.protectedRanges ?? []) as Json[]) {
        follow.push({
          addProtectedRange: {
            protectedRange: { ...p, range: { ...((p.range ?? {}) as Json), sheetId: sheet.properties.sheetId } },
          },
        })
      }
      for (const rule of (s.conditionalFormats ?? []) as Json[]) follow.push({ addConditionalFormatRule: { rule } })
      for (const m of (s.developerMetadata ?? []) as Json[])
        follow.push({ createDeveloperMetadata: { developerMetadata: m } })
    })
    for (const n of (body.namedRanges ?? []) as Json[]) follow.push({ addNamedRange: { namedRange: n } })
    for (const m of (body.developerMetadata ?? []) as Json[])
      follow.push({ createDeveloperMetadata: { developerMetadata: m } })
    applyRequests(ctx, follow)
  } catch (e) {
    if (e instanceof ApiFailure) return fail(e.error)
    throw e
  }
  if (ss.sheets.every((s) => s.properties.hidden))
    return fail(invalidArgument("You can't hide all the sheets in a document."))
  return ok(ss)
}
