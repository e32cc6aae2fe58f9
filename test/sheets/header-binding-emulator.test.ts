import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TABLES } from '../../src/domain'
import { areaRange, rowsRange, sheetRange } from '../../src/sheets/a1'
import {
  allBound,
  bindByLabels,
  bindHeaders,
  columnMarksFromSearch,
  columnMarksFromSpreadsheet,
  columnMarksSearchRequest,
  labelDrift,
  sheetRefsFromSpreadsheet,
  type TabBinding,
} from '../../src/sheets/header-binding'
import { appendRowsRequest, decodeValueRange, encodeRow, rawCell } from '../../src/sheets/row-codec'
import { emulatorClient, provisionCasebookWith } from './emulator-sheet'

// Header binding on the real casebook template in the emulator: staff move, insert and relabel
// columns; the `column` developer metadata moves with its column and the binding follows.

/** The casebook the tests below look at: shared by the read-only ones, fresh for each that rearranges it. */
let spreadsheetId = ''
const freshId = () => `sheets-binding-emu-${crypto.randomUUID().slice(0, 8)}`
const { client } = emulatorClient()
const sessions = TABLES.sessions
const tabs = [
  TABLES.cases,
  TABLES.assessments,
  TABLES.goals,
  TABLES.sessions,
  TABLES.staff,
  TABLES.settings,
  TABLES.lists,
].map((table) => ({ title: table.title, keys: table.columns.map((column) => column.key) }))
const keyLabels = sessions.columns.map((column) => ({
  key: column.key,
  labels: [column.label.id, column.label.en, column.key],
}))

async function bindFromSearch() {
  const spreadsheet = await client.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' })
  const search = await client.developerMetadata.search({ spreadsheetId, requestBody: columnMarksSearchRequest() })
  if (!spreadsheet.ok || !search.ok) throw new Error('read failed')
  return bindHeaders({
    sheets: sheetRefsFromSpreadsheet(spreadsheet.value),
    marks: columnMarksFromSearch(search.value),
    tabs,
  })
}

async function sessionsBinding(): Promise<TabBinding> {
  const result = (await bindFromSearch()).get(sessions.title)
  if (!result?.ok) throw new Error(`Sessions did not bind: ${JSON.stringify(result)}`)
  return result.value
}

async function headerRow(): Promise<unknown[]> {
  const read = await client.values.get({ spreadsheetId, range: rowsRange(sessions.title, 0) })
  if (!read.ok) throw new Error('header read failed')
  return read.value.values?.[0] ?? []
}

async function sessionRecords(binding: TabBinding) {
  const read = await client.values.get({ spreadsheetId, range: sheetRange(sessions.title) })
  if (!read.ok) throw new Error('rows read failed')
  const decoded = decodeValueRange(read.value, binding.columns, rawCell, { dataStartRow: 1 })
  if (!decoded.ok) throw new Error('decode failed')
  return decoded.value.map((row) => row.cells)
}

const record = {
  session_id: 'SES-0001',
  case_id: 'KAS-0001',
  goal_id: 'REN-0001',
  task: 'memilah pakaian',
  assistance: 'penuh',
  worker: 'peksos-uji',
}

async function batchUpdate(requests: sheets_v4.Schema$Request[]) {
  const result = await client.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } })
  expect(result.ok, JSON.stringify(result)).toBe(true)
}

// The template is 255 requests; generous for a busy 2-core CI machine.
const PROVISION_MS = 30_000

describe('bindHeaders on the provisioned casebook', () => {
  beforeAll(async () => {
    spreadsheetId = freshId()
    await provisionCasebookWith(client, spreadsheetId)
  }, PROVISION_MS)

  it('binds every key of every data and config tab in template order', async () => {
    const bound = allBound(await bindFromSearch())
    expect(bound.ok, JSON.stringify(bound)).toBe(true)
    if (!bound.ok) return
    for (const { title, keys } of tabs) {
      expect([...(bound.value.get(title)?.columns ?? [])]).toEqual(keys.map((key, index) => [key, index]))
    }
  })

  it('reads the same binding from spreadsheets.get column metadata as from developerMetadata.search', async () => {
    const viaGet = await client.spreadsheets.get({
      spreadsheetId,
      ranges: [rowsRange(sessions.title, 0)],
      fields: 'sheets(properties(sheetId,title),data(startColumn,columnMetadata.developerMetadata))',
    })
    expect(viaGet.ok).toBe(true)
    if (!viaGet.ok) return
    const fromGet = bindHeaders({
      sheets: sheetRefsFromSpreadsheet(viaGet.value),
      marks: columnMarksFromSpreadsheet(viaGet.value),
      tabs: tabs.filter((tab) => tab.title === sessions.title),
    }).get(sessions.title)
    expect(fromGet).toEqual({ ok: true, value: await sessionsBinding() })
  })

  it('matches the Indonesian header labels to the same columns', async () => {
    const binding = await sessionsBinding()
    const labels = bindByLabels(await headerRow(), keyLabels)
    expect(labels.missing).toEqual([])
    expect(labelDrift(binding, labels)).toEqual([])
  })
})

describe('bindHeaders after staff rearrange the Sessions tab', () => {
  // Each test rearranges a casebook of its own, holding one session row.
  beforeEach(async () => {
    spreadsheetId = freshId()
    await provisionCasebookWith(client, spreadsheetId)
    const binding = await sessionsBinding()
    await batchUpdate([appendRowsRequest(binding.sheetId, [encodeRow(record, binding.columns)])])
  }, PROVISION_MS)

  it('follows a column moved with moveDimension, and rows decode to the same record', async () => {
    const before = await sessionsBinding()
    const taskColumn = before.columns.get('task') ?? -1

    // Staff drag the `task` column to the far left.
    await batchUpdate([
      {
        moveDimension: {
          source: { sheetId: before.sheetId, dimension: 'COLUMNS', startIndex: taskColumn, endIndex: taskColumn + 1 },
          destinationIndex: 0,
        },
      },
    ])

    const after = await sessionsBinding()
    expect(after.columns.get('task')).toBe(0)
    expect(after.columns.get('session_id')).toBe((before.columns.get('session_id') ?? -1) + 1)
    expect(await sessionRecords(after)).toEqual([
      expect.objectContaining({ session_id: 'SES-0001', task: 'memilah pakaian', worker: 'peksos-uji' }),
    ])
  })

  it('ignores a staff column inserted in the middle', async () => {
    const before = await sessionsBinding()
    const at = before.columns.get('date') ?? -1
    await batchUpdate([
      {
        insertDimension: {
          range: { sheetId: before.sheetId, dimension: 'COLUMNS', startIndex: at, endIndex: at + 1 },
          inheritFromBefore: true,
        },
      },
    ])
    await client.values.batchUpdate({
      spreadsheetId,
      requestBody: {
        valueInputOption: 'USER_ENTERED',
        data: [{ range: areaRange(sessions.title, { startRow: 0, startColumn: at }), values: [['Catatan staf']] }],
      },
    })

    const after = await sessionsBinding()
    expect(after.columns.get('date')).toBe(at + 1)
    expect(after.extra).toEqual(new Map())
    expect(bindByLabels(await headerRow(), keyLabels).unknown).toEqual([{ column: at, label: 'Catatan staf' }])
    expect(await sessionRecords(after)).toEqual([
      expect.objectContaining({ session_id: 'SES-0001', task: 'memilah pakaian' }),
    ])
  })

  it('keeps the binding when staff rename a header label; the label report shows the drift', async () => {
    const before = await sessionsBinding()
    const taskColumn = before.columns.get('task') ?? -1
    await client.values.batchUpdate({
      spreadsheetId,
      requestBody: {
        valueInputOption: 'USER_ENTERED',
        data: [
          {
            range: areaRange(sessions.title, { startRow: 0, startColumn: taskColumn }),
            values: [['Kegiatan latihan']],
          },
        ],
      },
    })

    const after = await sessionsBinding()
    expect(after).toEqual(before)
    const labels = bindByLabels(await headerRow(), keyLabels)
    expect(labels.missing).toEqual(['task'])
    expect(labelDrift(after, labels)).toEqual([{ key: 'task', column: taskColumn, labelColumn: null }])
  })

  it('reports a deleted keyed column as missing and a second mark as a duplicate, never guessing', async () => {
    const before = await sessionsBinding()
    const notes = before.columns.get('notes') ?? -1
    const worker = before.columns.get('worker') ?? -1
    await batchUpdate([
      {
        deleteDimension: {
          range: { sheetId: before.sheetId, dimension: 'COLUMNS', startIndex: notes, endIndex: notes + 1 },
        },
      },
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: 'column',
            metadataValue: 'task',
            visibility: 'DOCUMENT',
            location: {
              dimensionRange: {
                sheetId: before.sheetId,
                dimension: 'COLUMNS',
                startIndex: worker > notes ? worker - 1 : worker,
                endIndex: (worker > notes ? worker - 1 : worker) + 1,
              },
            },
          },
        },
      },
    ])

    const result = (await bindFromSearch()).get(sessions.title)
    expect(result?.ok).toBe(false)
    if (result?.ok !== false) return
    expect(result.error).toEqual(
      expect.arrayContaining([
        {
          kind: 'column_has_two_keys',
          tab: sessions.title,
          column: worker > notes ? worker - 1 : worker,
          keys: ['task', 'worker'],
        },
        { kind: 'missing_key', tab: sessions.title, key: 'notes' },
        { kind: 'missing_key', tab: sessions.title, key: 'worker' },
      ]),
    )
  })
})
