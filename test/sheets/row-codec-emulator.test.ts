import { beforeAll, describe, expect, it } from 'vitest'
import { decodeRow, TABLES } from '../../src/domain'
import { areaRange, sheetRange } from '../../src/sheets/a1'
import {
  bindHeaders,
  columnMarksFromSearch,
  columnMarksSearchRequest,
  sheetRefsFromSpreadsheet,
  type TabBinding,
} from '../../src/sheets/header-binding'
import { decodeValueRange, rawCell } from '../../src/sheets/row-codec'
import { staffEdit } from '../support/emulator-control'
import { emulatorClient, provisionCasebookWith } from './emulator-sheet'

// Decoding the Sessions tab exactly as values.batchGet returns it after staff typed into the
// sheet (USER_ENTERED) and a tool wrote text with RAW: ragged rows, an empty row in the middle,
// dates as day serials, numbers typed as text. Dates are typed ISO here; day-first typing in the
// template's in_ID locale (`05/03/2025` = 5 March) is covered by test/emulator/spreadsheet-locale.test.ts.

const spreadsheetId = `sheets-rowcodec-emu-${crypto.randomUUID().slice(0, 8)}`
const { client } = emulatorClient()
const sessions = TABLES.sessions
let binding: TabBinding

beforeAll(async () => {
  await provisionCasebookWith(client, spreadsheetId)
  const [spreadsheet, search] = await Promise.all([
    client.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' }),
    client.developerMetadata.search({ spreadsheetId, requestBody: columnMarksSearchRequest() }),
  ])
  if (!spreadsheet.ok || !search.ok) throw new Error('setup read failed')
  const bound = bindHeaders({
    sheets: sheetRefsFromSpreadsheet(spreadsheet.value),
    marks: columnMarksFromSearch(search.value),
    tabs: [{ title: sessions.title, keys: sessions.columns.map((c) => c.key) }],
  }).get(sessions.title)
  if (!bound?.ok) throw new Error('Sessions did not bind')
  binding = bound.value

  // Columns: session_id case_id goal_id date task assistance rating techniques participants worker duration_min notes _status
  await staffEdit(spreadsheetId, areaRange(sessions.title, { startRow: 1, startColumn: 0 }), [
    ['S-0001', 'K-0001', 'T-0001', '2025-03-05', 'memilah pakaian', 'penuh', '', '', '', 'peksos-uji'],
    ['S-0002', ' k-0001', 'T-0001', '2025-03-06', 'Memilah pakaian ', ' Sebagian ', "'3", '', '', 'peksos-uji', '45'],
  ])
  await staffEdit(spreadsheetId, areaRange(sessions.title, { startRow: 4, startColumn: 0 }), [
    ['S-0004', 'K-0001', 'T-0001', '2025-03-11', 'merendam', 'mandiri', 'N', '', '', 'peksos-uji', '', 'bahan habis'],
  ])
  // A tool writing text with RAW: the date and the duration stay text.
  const raw = await client.values.batchUpdate({
    spreadsheetId,
    requestBody: {
      valueInputOption: 'RAW',
      data: [
        {
          range: areaRange(sessions.title, { startRow: 5, startColumn: 0 }),
          values: [['S-0005', 'K-0001', 'T-0001', '2025-03-12', 'merendam', 'minimal', '', '', '', 'peksos-uji', '30']],
        },
      ],
    },
  })
  expect(raw.ok, JSON.stringify(raw)).toBe(true)
}, 30_000) // the template is 255 requests; generous for a busy 2-core CI machine

describe('decodeValueRange on the Sessions tab as the API returns it', () => {
  it('receives ragged rows, an empty interior row, serial dates and text numbers from batchGet', async () => {
    const read = await client.values.batchGet({ spreadsheetId, ranges: [sheetRange(sessions.title)] })
    expect(read.ok).toBe(true)
    if (!read.ok) return
    const [range] = read.value.valueRanges ?? []
    expect(range?.range).toMatch(/^Sessions!A1:[A-Z]+\d+$/)
    expect(range?.values?.slice(1)).toEqual([
      ['S-0001', 'K-0001', 'T-0001', 45721, 'memilah pakaian', 'penuh', '', '', '', 'peksos-uji'],
      ['S-0002', ' k-0001', 'T-0001', 45722, 'Memilah pakaian ', ' Sebagian ', '3', '', '', 'peksos-uji', 45],
      [],
      ['S-0004', 'K-0001', 'T-0001', 45727, 'merendam', 'mandiri', 'N', '', '', 'peksos-uji', '', 'bahan habis'],
      ['S-0005', 'K-0001', 'T-0001', '2025-03-12', 'merendam', 'minimal', '', '', '', 'peksos-uji', '30'],
    ])
  })

  it('decodes every row to the typed session with the domain codecs', async () => {
    const read = await client.values.batchGet({ spreadsheetId, ranges: [sheetRange(sessions.title)] })
    if (!read.ok) throw new Error('read failed')
    const [range = {}] = read.value.valueRanges ?? []
    const rows = decodeValueRange(range, binding.columns, rawCell, { dataStartRow: 1 })
    expect(rows.ok).toBe(true)
    if (!rows.ok) return

    expect(rows.value.map((row) => [row.rowIndex, decodeRow('sessions', row.cells)])).toEqual([
      [
        1,
        {
          issues: [],
          row: {
            session_id: 'S-0001',
            case_id: 'K-0001',
            goal_id: 'T-0001',
            date: '2025-03-05',
            task: 'memilah pakaian',
            assistance: 'penuh',
            worker: 'peksos-uji',
          },
        },
      ],
      [
        2,
        {
          issues: [],
          row: {
            session_id: 'S-0002',
            case_id: 'K-0001',
            goal_id: 'T-0001',
            date: '2025-03-06',
            task: 'Memilah pakaian',
            assistance: 'sebagian',
            rating: 3,
            worker: 'peksos-uji',
            duration_min: 45,
          },
        },
      ],
      [
        4,
        {
          issues: [],
          row: {
            session_id: 'S-0004',
            case_id: 'K-0001',
            goal_id: 'T-0001',
            date: '2025-03-11',
            task: 'merendam',
            assistance: 'mandiri',
            rating: 'N',
            worker: 'peksos-uji',
            notes: 'bahan habis',
          },
        },
      ],
      [
        5,
        {
          issues: [],
          row: {
            session_id: 'S-0005',
            case_id: 'K-0001',
            goal_id: 'T-0001',
            date: '2025-03-12',
            task: 'merendam',
            assistance: 'minimal',
            worker: 'peksos-uji',
            duration_min: 30,
          },
        },
      ],
    ])
  })
})
