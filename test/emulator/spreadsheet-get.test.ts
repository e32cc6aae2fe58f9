import { describe, expect, it } from 'vitest'
import { harness } from './emulator-harness'

async function casebook() {
  const h = harness()
  await h.createSpreadsheet(
    'ss',
    [
      { sheetId: 0, title: 'Cases', gridProperties: { rowCount: 20, columnCount: 4, frozenRowCount: 1 } },
      { sheetId: 11, title: 'Goals', gridProperties: { rowCount: 10, columnCount: 3 }, hidden: true },
    ],
    'Casebook',
  )
  await h.update('ss', 'Cases!A1', [
    ['case_id', 'initials'],
    ['K-1', 'AB'],
  ])
  await h.batchUpdate('ss', [
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: 'tab',
          metadataValue: 'cases',
          visibility: 'DOCUMENT',
          location: { sheetId: 0 },
        },
      },
    },
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: 'schema',
          metadataValue: 'v1',
          visibility: 'DOCUMENT',
          location: { spreadsheet: true },
        },
      },
    },
  ])
  return h
}

describe('spreadsheets.get (§2.2)', () => {
  it('answers the default shape without grid data', async () => {
    const h = await casebook()
    const res = await h.call('GET', '/v4/spreadsheets/ss?includeGridData=false')
    expect(Object.keys(res.json)).toEqual([
      'spreadsheetId',
      'properties',
      'sheets',
      'developerMetadata',
      'spreadsheetUrl',
    ])
    expect(res.json.properties).toMatchObject({
      title: 'Casebook',
      locale: 'en_US',
      autoRecalc: 'ON_CHANGE',
      timeZone: 'Etc/GMT',
    })
    expect(res.json.sheets[1].properties).toEqual({
      sheetId: 11,
      title: 'Goals',
      index: 1,
      sheetType: 'GRID',
      gridProperties: { rowCount: 10, columnCount: 3 },
      hidden: true,
    })
    expect(res.json.sheets[0].data).toBeUndefined()
  })

  it('applies a sub-selection mask with nested parentheses', async () => {
    const h = await casebook()
    const res = await h.call(
      'GET',
      `/v4/spreadsheets/ss?fields=${encodeURIComponent('sheets(properties(sheetId,title,gridProperties),developerMetadata)')}`,
    )
    expect(res.json).toEqual({
      sheets: [
        {
          properties: {
            sheetId: 0,
            title: 'Cases',
            gridProperties: { rowCount: 20, columnCount: 4, frozenRowCount: 1 },
          },
          developerMetadata: [
            {
              metadataId: expect.any(Number),
              metadataKey: 'tab',
              metadataValue: 'cases',
              location: { locationType: 'SHEET', sheetId: 0 },
              visibility: 'DOCUMENT',
            },
          ],
        },
        { properties: { sheetId: 11, title: 'Goals', gridProperties: { rowCount: 10, columnCount: 3 } } },
      ],
    })
  })

  it('answers {} when the mask selects nothing that exists', async () => {
    const h = await casebook()
    expect((await h.call('GET', '/v4/spreadsheets/ss?fields=namedRanges')).json).toEqual({})
  })

  it('returns only the sheets the ranges touch, with one GridData per range', async () => {
    const h = await casebook()
    const res = await h.call(
      'GET',
      `/v4/spreadsheets/ss?includeGridData=true&ranges=${encodeURIComponent('Cases!A2:B3')}&ranges=${encodeURIComponent('Cases!D1')}`,
    )
    expect(res.json.sheets).toHaveLength(1)
    const [first, second] = res.json.sheets[0].data
    expect(first.startRow).toBe(1)
    expect(first.rowData).toEqual([
      {
        values: [
          expect.objectContaining({
            userEnteredValue: { stringValue: 'K-1' },
            effectiveValue: { stringValue: 'K-1' },
            formattedValue: 'K-1',
          }),
          expect.objectContaining({ formattedValue: 'AB' }),
        ],
      },
    ])
    expect(first.rowMetadata).toEqual([{ pixelSize: 21 }, { pixelSize: 21 }])
    expect(second).toEqual({ startColumn: 3, rowMetadata: [{ pixelSize: 21 }], columnMetadata: [{ pixelSize: 100 }] })
  })

  it('gives effective values of formulas and their errors', async () => {
    const h = await casebook()
    await h.update('ss', 'Cases!C1', [['=2*21', '=1/0']], 'USER_ENTERED')
    const res = await h.call(
      'GET',
      `/v4/spreadsheets/ss?ranges=${encodeURIComponent('Cases!C1:D1')}&fields=${encodeURIComponent('sheets.data.rowData.values(userEnteredValue,effectiveValue,formattedValue)')}`,
    )
    expect(res.json.sheets[0].data[0].rowData[0].values).toEqual([
      { userEnteredValue: { formulaValue: '=2*21' }, effectiveValue: { numberValue: 42 }, formattedValue: '42' },
      {
        userEnteredValue: { formulaValue: '=1/0' },
        effectiveValue: {
          errorValue: { type: 'DIVIDE_BY_ZERO', message: 'Function DIVIDE parameter 2 cannot be zero.' },
        },
        formattedValue: '#DIV/0!',
      },
    ])
  })

  it('rejects a malformed mask', async () => {
    const h = await casebook()
    expect((await h.call('GET', '/v4/spreadsheets/ss?fields=sheets(properties')).status).toBe(400)
  })

  it("creates with spreadsheets.create and Google's defaults", async () => {
    const h = harness()
    const res = await h.call('POST', '/v4/spreadsheets', { properties: { title: 'Baru' } })
    expect(res.json.sheets).toEqual([
      {
        properties: {
          sheetId: 0,
          title: 'Sheet1',
          index: 0,
          sheetType: 'GRID',
          gridProperties: { rowCount: 1000, columnCount: 26 },
        },
      },
    ])
    expect(res.json.spreadsheetUrl).toBe(`https://docs.google.com/spreadsheets/d/${res.json.spreadsheetId}/edit`)
  })
})
