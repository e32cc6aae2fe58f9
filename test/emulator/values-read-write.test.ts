import { describe, expect, it } from 'vitest'
import { harness } from './emulator-harness'

const sheet1 = (rowCount = 1000, columnCount = 26) => [
  { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount, columnCount } },
]

async function fresh(rowCount?: number, columnCount?: number) {
  const h = harness()
  await h.createSpreadsheet('ss', sheet1(rowCount, columnCount))
  return h
}

describe('values.get trimming (§2.3)', () => {
  it('drops trailing empties, keeps interior "" cells and [] rows (golden A1)', async () => {
    const h = await fresh()
    const put = await h.update('ss', "'Sheet1'!A1", [
      ['A1', 'B1', '', 'D1'],
      ['', 'b2', '', ''],
      ['', '', '', ''],
      ['A4', 'B4', '', 'D4'],
    ])
    expect(put.json).toEqual({
      spreadsheetId: 'ss',
      updatedRange: 'Sheet1!A1:D4',
      updatedRows: 4,
      updatedColumns: 4,
      updatedCells: 16,
    })
    const got = await h.values('ss', "'Sheet1'!A1:D4")
    expect(got.json).toEqual({
      range: 'Sheet1!A1:D4',
      majorDimension: 'ROWS',
      values: [['A1', 'B1', '', 'D1'], ['', 'b2'], [], ['A4', 'B4', '', 'D4']],
    })
  })

  it('omits values entirely for an empty range', async () => {
    const h = await fresh()
    expect((await h.values('ss', 'Sheet1!A1:D1')).json).toEqual({ range: 'Sheet1!A1:D1', majorDimension: 'ROWS' })
  })

  it('trims column-wise with majorDimension=COLUMNS', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [
      ['x', 'v1'],
      ['', 'v2'],
      ['', ''],
      ['', 'v4'],
    ])
    const got = await h.values('ss', "'Sheet1'!A1:C4", 'majorDimension=COLUMNS')
    expect(got.json).toEqual({
      range: 'Sheet1!A1:C4',
      majorDimension: 'COLUMNS',
      values: [['x'], ['v1', 'v2', '', 'v4']],
    })
  })

  it('returns ranges in request order from batchGet', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [['A1', 'B1'], [], [], ['', 'B4', '', 'D4']])
    const res = await h.call(
      'GET',
      `/v4/spreadsheets/ss/values:batchGet?ranges=${encodeURIComponent("'Sheet1'!B4:D4")}&ranges=${encodeURIComponent("'Sheet1'!A1:B1")}`,
    )
    expect(res.json).toEqual({
      spreadsheetId: 'ss',
      valueRanges: [
        { range: 'Sheet1!B4:D4', majorDimension: 'ROWS', values: [['B4', '', 'D4']] },
        { range: 'Sheet1!A1:B1', majorDimension: 'ROWS', values: [['A1', 'B1']] },
      ],
    })
  })
})

describe('value input and rendering (§4)', () => {
  it('renders the golden A2 block in every render option', async () => {
    const h = await fresh(2, 4)
    await h.update(
      'ss',
      "'Sheet1'!A1:D2",
      [
        ['=4/2', '2020-01-01', 'string', 53],
        ['=3/2', 0.12, '1999-01-02', ''],
      ],
      'USER_ENTERED',
    )
    const get = async (q: string) => (await h.values('ss', "'Sheet1'", q)).json.values
    expect(await get('valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER')).toEqual([
      [2, 43831, 'string', 53],
      [1.5, 0.12, 36162],
    ])
    expect(await get('valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=FORMATTED_STRING')).toEqual([
      [2, '2020-01-01', 'string', 53],
      [1.5, 0.12, '1999-01-02'],
    ])
    expect(await get('')).toEqual([
      ['2', '2020-01-01', 'string', '53'],
      ['1.5', '0.12', '1999-01-02'],
    ])
    expect(await get('valueRenderOption=FORMULA')).toEqual([
      ['=4/2', 43831, 'string', 53],
      ['=3/2', 0.12, 36162],
    ])
  })

  it.each([
    ['0042', '42', 42],
    ['2,000,000.01', '2,000,000.01', 2000000.01],
    ['= 1 / 1024', '0.0009765625', 0.0009765625],
    ['=1/3', '0.3333333333', 1 / 3],
    ['50%', '50%', 0.5],
    ['12.5%', '12.50%', 0.125],
    ['$1.50', '$1.50', 1.5],
    ['1e3', '1.00E+03', 1000],
    ['TRUE', 'TRUE', true],
    ['false', 'FALSE', false],
    ['1/2/2020', '1/2/2020', 43832],
    ['2024-02-29', '2024-02-29', 45351],
    ['12:30', '12:30', 0.5208333333333334],
    ["'0042", '0042', '0042'],
    ['a\nb', 'a\nb', 'a\nb'],
    ['2023-02-30', '2023-02-30', '2023-02-30'],
    ['=1+"x"', '#VALUE!', '#VALUE!'],
    ['=1/0', '#DIV/0!', '#DIV/0!'],
    ['=NOPE(1)', '#NAME?', '#NAME?'],
  ])('USER_ENTERED %j shows %j and is %j unformatted', async (input, formatted, unformatted) => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [[input]], 'USER_ENTERED')
    expect((await h.values('ss', 'Sheet1!A1')).json.values).toEqual([[formatted]])
    const raw = await h.values('ss', 'Sheet1!A1', 'valueRenderOption=UNFORMATTED_VALUE')
    if (typeof unformatted === 'number') expect(raw.json.values[0][0]).toBeCloseTo(unformatted, 10)
    else expect(raw.json.values).toEqual([[unformatted]])
  })

  it('keeps RAW text as text: numbers-as-strings, formulas and apostrophes stay literal', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [['12345', '=1+1', "'x", '+62 812', '-5']])
    const res = await h.values('ss', 'Sheet1!A1:E1', 'valueRenderOption=UNFORMATTED_VALUE')
    expect(res.json.values).toEqual([['12345', '=1+1', "'x", '+62 812', '-5']])
    const formula = await h.values('ss', 'Sheet1!A1:E1', 'valueRenderOption=FORMULA')
    expect(formula.json.values).toEqual([['12345', '=1+1', "'x", '+62 812', '-5']])
  })

  it('evaluates references to other cells on read, so formulas never go stale', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [[2, 3, '=A1*B1', '=SUM(A1:C1)']], 'USER_ENTERED')
    expect((await h.values('ss', 'Sheet1!A1:D1')).json.values).toEqual([['2', '3', '6', '11']])
    await h.update('ss', 'Sheet1!A1', [[10]])
    expect((await h.values('ss', 'Sheet1!A1:D1')).json.values).toEqual([['10', '3', '30', '43']])
  })

  it('turns a circular reference into #REF! instead of looping', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [['=B1', '=A1']], 'USER_ENTERED')
    expect((await h.values('ss', 'Sheet1!A1:B1')).json.values).toEqual([['#REF!', '#REF!']])
  })
})

describe('values.update counting and limits (§2.4)', () => {
  it('skips nulls without counting them (golden A3)', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [
      ['a', 'b', 'c', 'd'],
      ['e', 'f', 'g', 'h'],
    ])
    const res = await h.update('ss', "'Sheet1'!A1:D6", [
      ['X', null, null, null],
      [null, null, null, null],
      [null, null, null, null],
      [null, null, null, null],
      [null, null, null, null],
      [null, null, null, 'Y'],
    ])
    expect(res.json).toEqual({
      spreadsheetId: 'ss',
      updatedRange: 'Sheet1!A1:D6',
      updatedRows: 2,
      updatedColumns: 2,
      updatedCells: 2,
    })
    expect((await h.values('ss', 'Sheet1!A1:D2')).json.values).toEqual([
      ['X', 'b', 'c', 'd'],
      ['e', 'f', 'g', 'h'],
    ])
  })

  it('reports the data extent, ragged rows widening it', async () => {
    const h = await fresh()
    const res = await h.update('ss', "'Sheet1'!A1:D4", [
      ['A1', 'B1'],
      [1, 2, 3, 4],
    ])
    expect(res.json).toMatchObject({ updatedRange: 'Sheet1!A1:D2', updatedRows: 2, updatedColumns: 4, updatedCells: 6 })
  })

  it.each([
    [
      'Sheet1!A1:B2',
      [['a'], ['b'], ['c']],
      'Requested writing within range [Sheet1!A1:B2], but tried writing to row [3]',
    ],
    [
      'Sheet1!A1:B2',
      [['a', 'b', 'c']],
      'Requested writing within range [Sheet1!A1:B2], but tried writing to column [C]',
    ],
    [
      'A1:G10',
      [[1, 2, 3, 4, 5, 6, 7, 8]],
      'Requested writing within range [Sheet1!A1:G10], but tried writing to column [H]',
    ],
    ['Sheet1!Y1', [['a', 'b', 'c']], 'Range (Sheet1!Y1:AA1) exceeds grid limits. Max rows: 1000, max columns: 26'],
    ['Sheet1!A1001', [['a']], 'Range (Sheet1!A1001) exceeds grid limits. Max rows: 1000, max columns: 26'],
  ])('rejects writing to %s beyond its bounds', async (range, values, message) => {
    const h = await fresh()
    const res = await h.update('ss', range, values)
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe(message)
    expect((await h.values('ss', 'Sheet1')).json.values).toBeUndefined()
  })

  it.each([
    ['{"values":"X"}', 'Invalid value at \'data.values\' (type.googleapis.com/google.protobuf.ListValue), "X"'],
    ['{"values":["X"]}', 'Invalid value at \'data.values[0]\' (type.googleapis.com/google.protobuf.ListValue), "X"'],
    ['{"values":[[{"a":1}]]}', 'Invalid values[0][0]: struct_value {\n}'],
    ['{"valuez":[["a"]]}', 'Invalid JSON payload received. Unknown name "valuez" at \'data\': Cannot find field.'],
    [
      '{"range":"Sheet1!B1","values":[["a"]]}',
      'Requested writing within range [Sheet1!A1], but the request body has a different range [Sheet1!B1]',
    ],
  ])('rejects the body %s', async (body, message) => {
    const h = await fresh()
    const res = await h.call(
      'PUT',
      `/v4/spreadsheets/ss/values/${encodeURIComponent('Sheet1!A1')}?valueInputOption=RAW`,
      body,
    )
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe(message)
  })

  it.each([
    ['', "'valueInputOption' is required but not specified"],
    [
      'valueInputOption=USER_ENTER',
      'Invalid value at \'value_input_option\' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "USER_ENTER"',
    ],
    [
      'valueInputOption=RAW&foo=1',
      'Invalid JSON payload received. Unknown name "foo": Cannot bind query parameter. Field \'foo\' could not be found in request message.',
    ],
  ])('rejects the query %j', async (query, message) => {
    const h = await fresh()
    const res = await h.call('PUT', `/v4/spreadsheets/ss/values/A1?${query}`, { values: [['a']] })
    expect(res.json.error.message).toBe(message)
  })

  it('returns the written values with includeValuesInResponse', async () => {
    const h = await fresh()
    const res = await h.call(
      'PUT',
      '/v4/spreadsheets/ss/values/A1?valueInputOption=USER_ENTERED&includeValuesInResponse=true&responseValueRenderOption=UNFORMATTED_VALUE',
      {
        values: [['2020-01-01', '=2*3']],
      },
    )
    expect(res.json.updatedData).toEqual({ range: 'Sheet1!A1:B1', majorDimension: 'ROWS', values: [[43831, 6]] })
  })

  it('writes COLUMNS input column by column', async () => {
    const h = await fresh()
    const res = await h.call(
      'PUT',
      `/v4/spreadsheets/ss/values/${encodeURIComponent('Sheet1!B1')}?valueInputOption=RAW`,
      {
        majorDimension: 'COLUMNS',
        values: [
          ['b1', 'b2', 'b3', 'b4'],
          ['c1', 'c2', 'c3', 'c4'],
        ],
      },
    )
    expect(res.json.updatedRange).toBe('Sheet1!B1:C4')
    expect((await h.values('ss', 'Sheet1!B1:C2')).json.values).toEqual([
      ['b1', 'c1'],
      ['b2', 'c2'],
    ])
  })
})

describe('values.batchUpdate (§2.5)', () => {
  it('sums cells and counts distinct rows, columns and sheets', async () => {
    const h = await fresh()
    const res = await h.call('POST', '/v4/spreadsheets/ss/values:batchUpdate', {
      valueInputOption: 'RAW',
      data: [
        { range: "'Sheet1'!A1:D1", values: [['A1', 'B1', '', 'D1']] },
        { range: "'Sheet1'!A4:D4", values: [['A4', 'B4', '', 'D4']] },
      ],
    })
    expect(res.json).toEqual({
      spreadsheetId: 'ss',
      totalUpdatedRows: 2,
      totalUpdatedColumns: 4,
      totalUpdatedCells: 8,
      totalUpdatedSheets: 1,
      responses: [
        { spreadsheetId: 'ss', updatedRange: 'Sheet1!A1:D1', updatedRows: 1, updatedColumns: 4, updatedCells: 4 },
        { spreadsheetId: 'ss', updatedRange: 'Sheet1!A4:D4', updatedRows: 1, updatedColumns: 4, updatedCells: 4 },
      ],
    })
  })

  it('applies nothing when one range fails', async () => {
    const h = await fresh()
    const res = await h.call('POST', '/v4/spreadsheets/ss/values:batchUpdate', {
      valueInputOption: 'RAW',
      data: [
        { range: 'Sheet1!A1', values: [['kept?']] },
        { range: 'Nope!A1', values: [['x']] },
      ],
    })
    expect(res.json.error.message).toBe('Unable to parse range: Nope!A1')
    expect((await h.values('ss', 'Sheet1!A1')).json.values).toBeUndefined()
  })

  it('requires valueInputOption in the body', async () => {
    const h = await fresh()
    const res = await h.call('POST', '/v4/spreadsheets/ss/values:batchUpdate', { data: [] })
    expect(res.json.error.message).toBe("'valueInputOption' is required but not specified")
  })
})

describe('values.clear and batchClear (§2.7)', () => {
  it('clears values only, keeping formats and notes, and reports the clamped range', async () => {
    const h = await fresh()
    await h.update('ss', 'Sheet1!A1', [['2020-01-01']], 'USER_ENTERED')
    await h.batchUpdate('ss', [
      {
        updateCells: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
          rows: [{ values: [{ note: 'n' }] }],
          fields: 'note',
        },
      },
    ])
    const cleared = await h.call('POST', `/v4/spreadsheets/ss/values/${encodeURIComponent("'Sheet1'")}:clear`)
    expect(cleared.json).toEqual({ spreadsheetId: 'ss', clearedRange: 'Sheet1!A1:Z1000' })
    await h.update('ss', 'Sheet1!A1', [[43832]])
    expect((await h.values('ss', 'Sheet1!A1')).json.values).toEqual([['2020-01-02']])
    const note = await h.call('GET', '/v4/spreadsheets/ss?ranges=Sheet1!A1&fields=sheets.data.rowData.values.note')
    expect(note.json).toEqual({ sheets: [{ data: [{ rowData: [{ values: [{ note: 'n' }] }] }] }] })
  })

  it('accepts an unencoded custom verb and clamps ranges larger than the grid', async () => {
    const h = await fresh(4, 4)
    const res = await h.call('POST', '/v4/spreadsheets/ss/values/Sheet1!A1:Z99:clear')
    expect(res.json).toEqual({ spreadsheetId: 'ss', clearedRange: 'Sheet1!A1:D4' })
  })

  it('answers every cleared range of a batch', async () => {
    const h = await fresh()
    const res = await h.call('POST', '/v4/spreadsheets/ss/values:batchClear', {
      ranges: ["'Sheet1'!A1:B1", "'Sheet1'!C2:E2"],
    })
    expect(res.json).toEqual({ spreadsheetId: 'ss', clearedRanges: ['Sheet1!A1:B1', 'Sheet1!C2:E2'] })
  })
})

describe('errors of unknown spreadsheets and methods', () => {
  it('answers 404 NOT_FOUND for an unknown spreadsheet', async () => {
    const h = harness()
    const res = await h.call('GET', '/v4/spreadsheets/test?includeGridData=false')
    expect(res.status).toBe(404)
    expect(res.json).toEqual({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } })
  })

  it('answers with JSON pretty-printed as Google does, compact with prettyPrint=false', async () => {
    const h = await fresh()
    const pretty = await h.emulator.app.fetch(
      new Request('http://e/v4/spreadsheets/ss/values/A1', { headers: { authorization: 'Bearer t' } }),
    )
    expect(pretty.headers.get('content-type')).toBe('application/json; charset=UTF-8')
    expect(await pretty.text()).toBe('{\n  "range": "Sheet1!A1",\n  "majorDimension": "ROWS"\n}\n')
    const compact = await h.emulator.app.fetch(
      new Request('http://e/v4/spreadsheets/ss/values/A1?prettyPrint=false', {
        headers: { authorization: 'Bearer t' },
      }),
    )
    expect(await compact.text()).toBe('{"range":"Sheet1!A1","majorDimension":"ROWS"}\n')
  })
})
