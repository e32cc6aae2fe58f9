import { describe, expect, it } from 'vitest'
import { harness } from './emulator-harness'

async function fresh(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options)
  await h.createSpreadsheet('ss', [
    { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 1000, columnCount: 26 } },
  ])
  return h
}

const sheetProps = async (h: Awaited<ReturnType<typeof fresh>>) =>
  (await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties')).json.sheets.map(
    (s: { properties: unknown }) => s.properties,
  )

describe('spreadsheets.batchUpdate envelope (§5)', () => {
  it('mirrors the requests in its replies, {} for kinds without a reply', async () => {
    const h = await fresh({ random: () => 0.25 })
    const res = await h.batchUpdate('ss', [
      { addSheet: { properties: { title: 'Goals', gridProperties: { rowCount: 2, columnCount: 2 } } } },
      {
        updateSheetProperties: {
          properties: { sheetId: 0, gridProperties: { frozenRowCount: 1 } },
          fields: 'gridProperties.frozenRowCount',
        },
      },
      { addNamedRange: { namedRange: { name: 'Header', range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 } } } },
    ])
    expect(res.json).toEqual({
      spreadsheetId: 'ss',
      replies: [
        {
          addSheet: {
            properties: {
              sheetId: 536870912,
              title: 'Goals',
              index: 1,
              sheetType: 'GRID',
              gridProperties: { rowCount: 2, columnCount: 2 },
            },
          },
        },
        {},
        {
          addNamedRange: {
            namedRange: { namedRangeId: '536870912', name: 'Header', range: { startRowIndex: 0, endRowIndex: 1 } },
          },
        },
      ],
    })
  })

  it('applies nothing when a later request is invalid', async () => {
    const h = await fresh()
    const res = await h.batchUpdate('ss', [
      { addSheet: { properties: { title: 'Goals' } } },
      { updateSheetProperties: { properties: { sheetId: 99, title: 'x' }, fields: 'title' } },
    ])
    expect(res.json).toEqual({
      error: {
        code: 400,
        message: 'Invalid requests[1].updateSheetProperties: No grid with id: 99',
        status: 'INVALID_ARGUMENT',
      },
    })
    expect((await sheetProps(h)).map((p: { title: string }) => p.title)).toEqual(['Sheet1'])
  })

  it('lets later requests see earlier effects', async () => {
    const h = await fresh()
    const res = await h.batchUpdate('ss', [
      { addSheet: { properties: { sheetId: 5, title: 'Sessions' } } },
      { updateSheetProperties: { properties: { sheetId: 5, title: 'Sesi' }, fields: 'title' } },
    ])
    expect(res.status).toBe(200)
    expect((await sheetProps(h)).map((p: { title: string }) => p.title)).toEqual(['Sheet1', 'Sesi'])
  })

  it.each([
    [
      {
        insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, inheritBefore: true },
      },
      'Invalid JSON payload received. Unknown name "inheritBefore" at \'requests[0].insert_dimension\': Cannot find field.',
    ],
    [
      { addSheet: { properties: { title: 5 } } },
      "Invalid value at 'requests[0].add_sheet.properties.title' (TYPE_STRING), 5",
    ],
    [
      { frobnicate: {} },
      'Invalid JSON payload received. Unknown name "frobnicate" at \'requests[0]\': Cannot find field.',
    ],
    [{}, 'Invalid requests[0]: No request specified.'],
    [
      { addSheet: {}, deleteSheet: { sheetId: 0 } },
      "Invalid JSON payload received. Oneof field 'kind' is already set. Cannot set 'deleteSheet'",
    ],
    [
      { findReplace: { find: 'a', replacement: 'b', allSheets: true } },
      'Invalid requests[0].findReplace: This request kind is not supported by the local Sheets emulator.',
    ],
    [
      { updateSheetProperties: { properties: { sheetId: 0, hidden: true }, fields: 'hidden' } },
      "Invalid requests[0].updateSheetProperties: You can't hide all the sheets in a document.",
    ],
    [
      { addSheet: { properties: { title: 'sheet1' } } },
      'Invalid requests[0].addSheet: A sheet with the name "sheet1" already exists. Please enter another name.',
    ],
    [
      {
        insertDimension: {
          range: { sheetId: 0, dimension: 'ROWS', startIndex: 1000, endIndex: 1001 },
          inheritFromBefore: false,
        },
      },
      'Invalid requests[0].insertDimension: range.startIndex must be less than the grid size (1000) if inheritFromBefore is false.',
    ],
    [
      { deleteSheet: { sheetId: 0 } },
      "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.",
    ],
    [
      { updateSheetProperties: { properties: { sheetId: 0, title: 'x' } } },
      "Invalid requests[0].updateSheetProperties: At least one field must be updated, but 'fields' is empty.",
    ],
    [
      { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1000 } } },
      "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.",
    ],
    [
      {
        appendCells: {
          sheetId: 0,
          rows: [{ values: Array.from({ length: 27 }, () => ({ userEnteredValue: { stringValue: 'x' } })) }],
          fields: 'userEnteredValue',
        },
      },
      'Invalid requests[0].appendCells: Attempting to write column: 26, beyond the last requested column of: 25',
    ],
    [
      {
        setDataValidation: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 },
          rule: { condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '1' }] } },
        },
      },
      'Invalid requests[0].setDataValidation: Invalid DataValidation: condition NUMBER_BETWEEN expects 2 values, got 1.',
    ],
    [
      { addNamedRange: { namedRange: { name: 'A1', range: { sheetId: 0 } } } },
      'Invalid requests[0].addNamedRange: The name "A1" is not a valid name for a named range.',
    ],
  ])("rejects %j with Google's error", async (request, message) => {
    const h = await fresh()
    const res = await h.batchUpdate('ss', [request])
    expect(res.status).toBe(400)
    expect(res.json.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message })
  })

  it('accepts snake_case field names as proto JSON does', async () => {
    const h = await fresh()
    const res = await h.batchUpdate('ss', [
      {
        update_sheet_properties: {
          properties: { sheet_id: 0, grid_properties: { frozen_row_count: 2 } },
          fields: 'gridProperties.frozenRowCount',
        },
      },
    ])
    expect(res.status).toBe(200)
    expect((await sheetProps(h))[0].gridProperties).toEqual({ rowCount: 1000, columnCount: 26, frozenRowCount: 2 })
  })

  it('returns the updated spreadsheet on request', async () => {
    const h = await fresh()
    const res = await h.call('POST', '/v4/spreadsheets/ss:batchUpdate', {
      requests: [{ updateSpreadsheetProperties: { properties: { title: 'Kasus' }, fields: 'title' } }],
      includeSpreadsheetInResponse: true,
    })
    expect(res.json.updatedSpreadsheet.properties.title).toBe('Kasus')
  })
})

describe('sheet properties', () => {
  it('stores tab colours quantised to 8 bits and printed as float32 (§1.2)', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        updateSheetProperties: {
          properties: { sheetId: 0, tabColorStyle: { rgbColor: { red: 1, green: 0, blue: 0.498 } } },
          fields: 'tabColorStyle',
        },
      },
    ])
    const res = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties.tabColorStyle')
    expect(res.json).toEqual({
      sheets: [{ properties: { tabColorStyle: { rgbColor: { red: 1, blue: 0.49803922 } } } }],
    })
  })

  it('answers {"sheets":[{"properties":{}}]} for an unset masked field', async () => {
    const h = await fresh()
    expect((await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.properties.tabColorStyle')).json).toEqual({
      sheets: [{ properties: {} }],
    })
  })

  it('deletes the data cut off by shrinking the grid', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
    ])
    await h.batchUpdate('ss', [
      {
        updateSheetProperties: {
          properties: { sheetId: 0, gridProperties: { rowCount: 2, columnCount: 2 } },
          fields: 'gridProperties/rowCount,gridProperties/columnCount',
        },
      },
      {
        updateSheetProperties: {
          properties: { sheetId: 0, gridProperties: { rowCount: 5, columnCount: 5 } },
          fields: 'gridProperties(rowCount,columnCount)',
        },
      },
    ])
    expect((await h.values('ss', 'Sheet1')).json).toEqual({
      range: 'Sheet1!A1:E5',
      majorDimension: 'ROWS',
      values: [
        ['a', 'b'],
        ['d', 'e'],
      ],
    })
  })

  it('moves sheets with indexes in before-the-move coordinates', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      { addSheet: { properties: { sheetId: 1, title: 'S2' } } },
      { addSheet: { properties: { sheetId: 2, title: 'S3' } } },
    ])
    await h.batchUpdate('ss', [{ updateSheetProperties: { properties: { sheetId: 0, index: 2 }, fields: 'index' } }])
    expect((await sheetProps(h)).map((p: { title: string; index: number }) => `${p.index}:${p.title}`)).toEqual([
      '0:S2',
      '1:Sheet1',
      '2:S3',
    ])
    await h.batchUpdate('ss', [{ updateSheetProperties: { properties: { sheetId: 2, index: 0 }, fields: 'index' } }])
    expect((await sheetProps(h)).map((p: { title: string }) => p.title)).toEqual(['S3', 'S2', 'Sheet1'])
  })

  it('updates spreadsheet title, locale and time zone', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        updateSpreadsheetProperties: {
          properties: { timeZone: 'Asia/Jakarta', locale: 'in_ID' },
          fields: 'timeZone,locale',
        },
      },
    ])
    const res = await h.call('GET', '/v4/spreadsheets/ss?fields=properties(locale,timeZone,title)')
    expect(res.json).toEqual({ properties: { title: 'Test', locale: 'in_ID', timeZone: 'Asia/Jakarta' } })
  })
})

describe('cell formats, notes and validation (§5.3, §5.4)', () => {
  it('reads back a repeatCell format with the colour-style mirrors (recorded)', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        repeatCell: {
          range: { startRowIndex: 1, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2, sheetId: 0 },
          cell: {
            userEnteredFormat: {
              backgroundColor: { green: 1, blue: 1 },
              horizontalAlignment: 'CENTER',
              textFormat: { foregroundColor: { red: 1, green: 1 }, fontSize: 12, bold: true },
            },
          },
          fields: 'userEnteredFormat(backgroundColor,horizontalAlignment,textFormat)',
        },
      },
    ])
    const res = await h.call(
      'GET',
      `/v4/spreadsheets/ss?includeGridData=False&ranges=${encodeURIComponent('Sheet1!A2')}&fields=sheets.data.rowData.values.userEnteredFormat`,
    )
    expect(res.json).toEqual({
      sheets: [
        {
          data: [
            {
              rowData: [
                {
                  values: [
                    {
                      userEnteredFormat: {
                        backgroundColor: { green: 1, blue: 1 },
                        horizontalAlignment: 'CENTER',
                        textFormat: {
                          foregroundColor: { red: 1, green: 1 },
                          fontSize: 12,
                          bold: true,
                          foregroundColorStyle: { rgbColor: { red: 1, green: 1 } },
                        },
                        backgroundColorStyle: { rgbColor: { green: 1, blue: 1 } },
                      },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    })
  })

  it('sets only the masked subfield, keeping the rest of the format', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        repeatCell: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 },
          cell: { userEnteredFormat: { horizontalAlignment: 'CENTER' } },
          fields: 'userEnteredFormat.horizontalAlignment',
        },
      },
      {
        repeatCell: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 },
          cell: { userEnteredFormat: { textFormat: { bold: true } } },
          fields: 'userEnteredFormat.textFormat.bold',
        },
      },
    ])
    const res = await h.call(
      'GET',
      '/v4/spreadsheets/ss?ranges=Sheet1!Z1&fields=sheets.data.rowData.values.userEnteredFormat',
    )
    expect(res.json.sheets[0].data[0].rowData[0].values[0].userEnteredFormat).toEqual({
      horizontalAlignment: 'CENTER',
      textFormat: { bold: true },
    })
  })

  it('returns notes with interior {} and trailing cells dropped (§1.4)', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A2', [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ])
    await h.batchUpdate('ss', [
      {
        updateCells: {
          start: { sheetId: 0, rowIndex: 1, columnIndex: 1 },
          rows: [{ values: [{ note: "Or don't" }] }],
          fields: 'note',
        },
      },
      {
        updateCells: {
          range: { sheetId: 0, startRowIndex: 2, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 },
          rows: [{ values: [{ note: 'another note' }, {}, { note: 'test' }] }],
          fields: 'note',
        },
      },
    ])
    const res = await h.call(
      'GET',
      `/v4/spreadsheets/ss?fields=sheets.data.rowData.values.note&ranges=${encodeURIComponent("'Sheet1'!A2:C3")}`,
    )
    expect(res.json).toEqual({
      sheets: [
        {
          data: [
            {
              rowData: [
                { values: [{}, { note: "Or don't" }] },
                { values: [{ note: 'another note' }, {}, { note: 'test' }] },
              ],
            },
          ],
        },
      ],
    })
    const none = await h.call(
      'GET',
      `/v4/spreadsheets/ss?fields=sheets.data.rowData.values.note&ranges=${encodeURIComponent("'Sheet1'!D5:E6")}`,
    )
    expect(none.json).toEqual({ sheets: [{ data: [{}] }] })
  })

  it('clears masked fields of range cells that the rows do not cover', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        updateCells: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 },
          rows: [{ values: [{ note: 'a' }, { note: 'b' }] }, { values: [{ note: 'c' }, { note: 'd' }] }],
          fields: 'note',
        },
      },
      {
        updateCells: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 },
          rows: [{ values: [{ note: 'x' }] }],
          fields: 'note',
        },
      },
    ])
    const res = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.data.rowData.values.note')
    expect(res.json.sheets[0].data[0].rowData).toEqual([{ values: [{ note: 'x' }] }])
  })

  it('appends cells after the last row with values, growing the grid', async () => {
    const h = harness()
    await h.createSpreadsheet('ss', [
      { sheetId: 0, title: 'Sessions', gridProperties: { rowCount: 2, columnCount: 3 } },
    ])
    await h.update('ss', 'Sessions!A1', [['id', 'date']])
    await h.batchUpdate('ss', [
      {
        appendCells: {
          sheetId: 0,
          rows: [
            { values: [{ userEnteredValue: { stringValue: 'S-1' } }, { userEnteredValue: { numberValue: 45352 } }] },
            { values: [{ userEnteredValue: { stringValue: '=1+1' } }, { userEnteredValue: { numberValue: 45353 } }] },
          ],
          fields: 'userEnteredValue',
        },
      },
    ])
    const res = await h.values('ss', 'Sessions', 'valueRenderOption=UNFORMATTED_VALUE')
    expect(res.json).toEqual({
      range: 'Sessions!A1:C3',
      majorDimension: 'ROWS',
      values: [
        ['id', 'date'],
        ['S-1', 45352],
        ['=1+1', 45353],
      ],
    })
  })

  it('stores validation on every cell without blocking API writes (§5.3)', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        setDataValidation: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 },
          rule: {
            condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'y' }] },
            showCustomUi: false,
            strict: true,
            inputMessage: 'n',
          },
        },
      },
    ])
    expect((await h.update('ss', 'Sheet1!A1', [['not in list']])).status).toBe(200)
    const res = await h.call(
      'GET',
      '/v4/spreadsheets/ss?ranges=Sheet1!A1:B1&fields=sheets.data.rowData.values.dataValidation',
    )
    const rule = {
      condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'y' }] },
      strict: true,
      inputMessage: 'n',
    }
    expect(res.json.sheets[0].data[0].rowData[0].values).toEqual([{ dataValidation: rule }, { dataValidation: rule }])
  })

  it('keeps conditional format rules in order and refuses unsupported formats', async () => {
    const h = await fresh()
    const rule = (value: string) => ({
      ranges: [{ sheetId: 0, startColumnIndex: 3, endColumnIndex: 4 }],
      booleanRule: {
        condition: { type: 'NUMBER_EQ', values: [{ userEnteredValue: value }] },
        format: { backgroundColor: { red: 1 } },
      },
    })
    await h.batchUpdate('ss', [
      { addConditionalFormatRule: { rule: rule('4'), index: 0 } },
      { addConditionalFormatRule: { rule: rule('0'), index: 0 } },
    ])
    const res = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.conditionalFormats')
    expect(
      res.json.sheets[0].conditionalFormats.map(
        (r: { booleanRule: { condition: { values: { userEnteredValue: string }[] } } }) =>
          r.booleanRule.condition.values[0]?.userEnteredValue,
      ),
    ).toEqual(['0', '4'])
    const bad = await h.batchUpdate('ss', [
      {
        addConditionalFormatRule: {
          rule: {
            ...rule('1'),
            booleanRule: { condition: { type: 'BLANK' }, format: { textFormat: { fontSize: 20 } } },
          },
        },
      },
    ])
    expect(bad.json.error.message).toBe(
      'Invalid requests[0].addConditionalFormatRule: Conditional formats cannot set textFormat.fontSize.',
    )
  })
})

describe('dimension properties', () => {
  it('sets row heights and hides columns, read back as row/column metadata', async () => {
    const h = await fresh()
    await h.batchUpdate('ss', [
      {
        updateDimensionProperties: {
          range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 },
          properties: { pixelSize: 40 },
          fields: 'pixelSize',
        },
      },
      {
        updateDimensionProperties: {
          range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 },
          properties: { hiddenByUser: true },
          fields: 'hiddenByUser',
        },
      },
    ])
    const res = await h.call(
      'GET',
      '/v4/spreadsheets/ss?ranges=Sheet1!A1:C2&fields=sheets.data(rowMetadata,columnMetadata)',
    )
    expect(res.json.sheets[0].data[0]).toEqual({
      rowMetadata: [{ pixelSize: 40 }, { pixelSize: 21 }],
      columnMetadata: [{ pixelSize: 100 }, { pixelSize: 100, hiddenByUser: true }, { pixelSize: 100 }],
    })
  })

  it('auto-resizes columns to their widest value', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [['short', 'a much longer header label']])
    await h.batchUpdate('ss', [
      { autoResizeDimensions: { dimensions: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 } } },
    ])
    const res = await h.call(
      'GET',
      '/v4/spreadsheets/ss?ranges=Sheet1!A1:B1&fields=sheets.data.columnMetadata.pixelSize',
    )
    const [a, b] = res.json.sheets[0].data[0].columnMetadata.map((c: { pixelSize: number }) => c.pixelSize)
    expect(b).toBeGreaterThan(a)
  })
})

describe('protected ranges (§5.5)', () => {
  const protect = (warningOnly: boolean) => ({
    addProtectedRange: {
      protectedRange: {
        range: { startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2, sheetId: 0 },
        description: null,
        warningOnly,
        requestingUserCanEdit: false,
        editors: warningOnly ? null : { users: [], groups: [] },
      },
    },
  })

  it('replies with editors {} and lists the owner as editor when read back (recorded)', async () => {
    const h = await fresh({ random: () => 0.5 })
    const res = await h.batchUpdate('ss', [protect(false)])
    expect(res.json.replies[0]).toEqual({
      addProtectedRange: {
        protectedRange: {
          protectedRangeId: 1073741824,
          range: { startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 },
          requestingUserCanEdit: true,
          editors: {},
        },
      },
    })
    const got = await h.call('GET', '/v4/spreadsheets/ss?fields=sheets.protectedRanges')
    expect(got.json.sheets[0].protectedRanges[0].editors).toEqual({
      users: ['telegram-budgeter@telegram-budgeter.iam.gserviceaccount.com'],
    })
  })

  it('blocks a non-editor writing into a protected range, but not a warning-only one', async () => {
    const h = harness({ authMode: 'strict', defaultPrincipal: 'owner@example.test' })
    await h.createSpreadsheet('ss', [{ sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 10, columnCount: 5 } }])
    await h.call('PUT', '/_emulator/spreadsheets/ss/permissions', {
      permissions: [{ type: 'user', role: 'writer', emailAddress: 'sync@example.iam.gserviceaccount.com' }],
    })
    const ownerToken = (await h.call('POST', '/_emulator/token', { client_email: 'owner@example.test' })).json
      .access_token
    const otherToken = (
      await h.call('POST', '/_emulator/token', { client_email: 'sync@example.iam.gserviceaccount.com' })
    ).json.access_token
    const as = (token: string) => ({ authorization: `Bearer ${token}` })
    await h.call('POST', '/v4/spreadsheets/ss:batchUpdate', { requests: [protect(false)] }, as(ownerToken))
    const blocked = await h.call(
      'PUT',
      '/v4/spreadsheets/ss/values/B2?valueInputOption=RAW',
      { values: [['x']] },
      as(otherToken),
    )
    expect(blocked.json.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message:
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    })
    expect(
      (await h.call('PUT', '/v4/spreadsheets/ss/values/C3?valueInputOption=RAW', { values: [['x']] }, as(otherToken)))
        .status,
    ).toBe(200)
    expect(
      (await h.call('PUT', '/v4/spreadsheets/ss/values/B2?valueInputOption=RAW', { values: [['x']] }, as(ownerToken)))
        .status,
    ).toBe(200)
    const ids = (
      await h.call(
        'GET',
        '/v4/spreadsheets/ss?fields=sheets.protectedRanges.protectedRangeId',
        undefined,
        as(ownerToken),
      )
    ).json
    await h.call(
      'POST',
      '/v4/spreadsheets/ss:batchUpdate',
      {
        requests: [
          { deleteProtectedRange: { protectedRangeId: ids.sheets[0].protectedRanges[0].protectedRangeId } },
          protect(true),
        ],
      },
      as(ownerToken),
    )
    expect(
      (await h.call('PUT', '/v4/spreadsheets/ss/values/B2?valueInputOption=RAW', { values: [['y']] }, as(otherToken)))
        .status,
    ).toBe(200)
  })
})

describe('merges, basic filters, groups and copy/cut (seen in real traffic, §5.10)', () => {
  const area = (r0: number, r1: number, c0: number, c1: number) => ({
    sheetId: 0,
    startRowIndex: r0,
    endRowIndex: r1,
    startColumnIndex: c0,
    endColumnIndex: c1,
  })
  const sheetJson = async (h: Awaited<ReturnType<typeof fresh>>) =>
    (await h.call('GET', '/v4/spreadsheets/ss?includeGridData=false')).json.sheets[0]

  it('merges by rows, columns or all, keeps only the top-left value and replaces inner merges', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [
      ['1', 'b', '2', '3'],
      ['x', 'y', 'z', 'w'],
    ])
    await h.batchUpdate('ss', [{ mergeCells: { mergeType: 'MERGE_ROWS', range: area(0, 2, 0, 2) } }])
    expect((await sheetJson(h)).merges).toEqual([
      { startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 },
      { startRowIndex: 1, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 },
    ])
    await h.batchUpdate('ss', [{ mergeCells: { mergeType: 'MERGE_ALL', range: area(0, 2, 0, 2) } }])
    expect((await sheetJson(h)).merges).toEqual([
      { startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 },
    ])
    expect((await h.values('ss', 'Sheet1!A1:D2')).json.values).toEqual([
      ['1', '', '2', '3'],
      ['', '', 'z', 'w'],
    ])
    const partial = await h.batchUpdate('ss', [{ unmergeCells: { range: area(0, 1, 0, 4) } }])
    expect(partial.json.error.message).toBe(
      'Invalid requests[0].unmergeCells: You must select all cells in a merged range to merge or unmerge them.',
    )
    await h.batchUpdate('ss', [{ unmergeCells: { range: area(0, 4, 0, 4) } }])
    expect((await sheetJson(h)).merges).toBeUndefined()
  })

  it('sets and clears a basic filter, clamping an open range to the grid', async () => {
    const h = harness()
    await h.createSpreadsheet('ss', [
      { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 20, columnCount: 20 } },
    ])
    await h.batchUpdate('ss', [{ setBasicFilter: { filter: { range: { sheetId: 0 } } } }])
    expect((await sheetJson(h)).basicFilter).toEqual({
      range: { startRowIndex: 0, endRowIndex: 20, startColumnIndex: 0, endColumnIndex: 20 },
    })
    await h.batchUpdate('ss', [{ clearBasicFilter: { sheetId: 0 } }])
    expect((await sheetJson(h)).basicFilter).toBeUndefined()
  })

  it('groups rows, replying with every group and its depth, and keeps the control flag after removal', async () => {
    const h = await fresh()
    const added = await h.batchUpdate('ss', [
      { addDimensionGroup: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 4 } } },
      { addDimensionGroup: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
    ])
    expect(added.json.replies[1]).toEqual({
      addDimensionGroup: {
        dimensionGroups: [
          { range: { dimension: 'ROWS', startIndex: 0, endIndex: 4 }, depth: 1 },
          { range: { dimension: 'ROWS', startIndex: 1, endIndex: 2 }, depth: 2 },
        ],
      },
    })
    await h.batchUpdate('ss', [
      { deleteDimensionGroup: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
      { deleteDimensionGroup: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 4 } } },
    ])
    const sheet = await sheetJson(h)
    expect(sheet.rowGroups).toBeUndefined()
    expect(sheet.properties.gridProperties.rowGroupControlAfter).toBe(true)
  })

  it('copies, tiles and cuts cells', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [['A1'], ['A2']])
    await h.batchUpdate('ss', [
      {
        copyPaste: {
          source: area(0, 2, 0, 1),
          destination: area(0, 4, 1, 2),
          pasteType: 'PASTE_NORMAL',
          pasteOrientation: 'NORMAL',
        },
      },
      {
        copyPaste: {
          source: area(0, 2, 0, 1),
          destination: area(5, 6, 0, 1),
          pasteType: 'PASTE_VALUES',
          pasteOrientation: 'TRANSPOSE',
        },
      },
      {
        cutPaste: {
          source: area(0, 2, 0, 1),
          destination: { sheetId: 0, rowIndex: 0, columnIndex: 2 },
          pasteType: 'PASTE_NORMAL',
        },
      },
    ])
    expect((await h.values('ss', 'Sheet1!A1:C6')).json.values).toEqual([
      ['', 'A1', 'A1'],
      ['', 'A2', 'A2'],
      ['', 'A1'],
      ['', 'A2'],
      [],
      ['A1', 'A2'],
    ])
  })
})
