/**
 * @module
 * The plain words for a sheet that refuses the service account (ledger contract
 * `SheetAccessProblem`), added to the health and sync-status answers: which spreadsheet, and what
 * a person must do — most often share it with the service account's address as Editor.
 * Indonesian by default, English on request; ids and the client_email only, never a secret.
 */
import type { Lang } from '../domain'
import type { SheetAccessProblem } from '../ledger/contract'

export type SheetAccessAnswer = SheetAccessProblem & { readonly message: string }

export function sheetAccessMessage(problem: SheetAccessProblem, lang: Lang): string {
  const sheet = problem.spreadsheet_id
  const account = problem.service_account
  switch (problem.code) {
    case 'sheet_not_shared':
      return lang === 'en'
        ? `Spreadsheet ${sheet} is not shared with the service account${account === null ? '' : ` ${account}`}: share it with ${account ?? 'the client_email of the service-account key'} as Editor (Share in Google Sheets).`
        : `Spreadsheet ${sheet} belum dibagikan ke akun layanan${account === null ? '' : ` ${account}`}: bagikan spreadsheet itu ke ${account ?? 'client_email pada kunci akun layanan'} sebagai Editor (tombol Bagikan di Google Sheets).`
    case 'sheets_api_disabled':
      return lang === 'en'
        ? `Google refuses spreadsheet ${sheet}: the Google Sheets API is not enabled in the Google Cloud project of the service account${account === null ? '' : ` ${account}`}. Enable it there.`
        : `Google menolak spreadsheet ${sheet}: Google Sheets API belum diaktifkan di proyek Google Cloud milik akun layanan${account === null ? '' : ` ${account}`}. Aktifkan API itu di sana.`
    case 'token_scopes':
      return lang === 'en'
        ? `Google refuses spreadsheet ${sheet}: the service account's token lacks the spreadsheets scope.`
        : `Google menolak spreadsheet ${sheet}: token akun layanan tidak memiliki cakupan (scope) spreadsheets.`
  }
}

/** The answer with its problem, if any, put into words. */
export function withSheetAccessMessage<T extends { readonly problem?: SheetAccessProblem }>(
  answer: T,
  lang: Lang,
): Omit<T, 'problem'> & { readonly problem?: SheetAccessAnswer } {
  const { problem, ...rest } = answer
  return problem === undefined ? rest : { ...rest, problem: { ...problem, message: sheetAccessMessage(problem, lang) } }
}
