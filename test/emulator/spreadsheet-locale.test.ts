import { describe, expect, it } from 'vitest'
import { type Harness, harness } from './emulator-harness'

// §4.1: "Parsing follows the spreadsheet locale, and formatting too". The casebook template is
// in_ID, where staff type dates day first and decimals with a comma.

/** A spreadsheet with one 20×5 tab, Sheet1, in `locale`. */
async function spreadsheetIn(locale: string): Promise<Harness> {
  const h = harness()
  const res = await h.call('PUT', '/_emulator/spreadsheets/ss', {
    properties: { title: 'Locale', locale },
    sheets: [{ properties: { sheetId: 0, title: 'Sheet1', gridProperties: { rowCount: 20, columnCount: 5 } } }],
  })
  if (res.status !== 200) throw new Error(`create failed: ${JSON.stringify(res.json)}`)
  return h
}

/** The day serial of an ISO date (days since 1899-12-30, §4.2), plus a time of day in hours. */
const serial = (iso: string, hours = 0): number =>
  (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 864e5 + hours / 24

interface Seen {
  /** UNFORMATTED_VALUE */
  readonly value: number | string
  /** FORMATTED_VALUE */
  readonly shown: string
}
const text = (typed: string): Seen => ({ value: typed, shown: typed })
const date = (iso: string, shown: string, hours = 0): Seen => ({ value: serial(iso, hours), shown })
const number = (value: number, shown: string): Seen => ({ value, shown })

async function typeAndRead(h: Harness, typed: string): Promise<{ value: unknown; shown: unknown }> {
  const put = await h.update('ss', 'Sheet1!A1', [[typed]], 'USER_ENTERED')
  expect(put.status, JSON.stringify(put.json)).toBe(200)
  const unformatted = await h.values('ss', 'Sheet1!A1', 'valueRenderOption=UNFORMATTED_VALUE')
  const formatted = await h.values('ss', 'Sheet1!A1')
  return { value: unformatted.json.values[0][0], shown: formatted.json.values[0][0] }
}

function expectSeen(actual: { value: unknown; shown: unknown }, expected: Seen): void {
  expect(actual.shown).toBe(expected.shown)
  if (typeof expected.value === 'number') expect(actual.value).toBeCloseTo(expected.value, 9)
  else expect(actual.value).toBe(expected.value)
}

describe('USER_ENTERED text in an en_US and an in_ID spreadsheet', () => {
  it.each<{ typed: string; enUS: Seen; inID: Seen }>([
    // Ambiguous day/month: the locale decides.
    { typed: '05/03/2025', enUS: date('2025-05-03', '5/3/2025'), inID: date('2025-03-05', '5/3/2025') },
    { typed: '1/2/2020', enUS: date('2020-01-02', '1/2/2020'), inID: date('2020-02-01', '1/2/2020') },
    // Unambiguous only one way round: the other locale keeps the text.
    { typed: '13/01/2025', enUS: text('13/01/2025'), inID: date('2025-01-13', '13/1/2025') },
    { typed: '01/13/2025', enUS: date('2025-01-13', '1/13/2025'), inID: text('01/13/2025') },
    // Invalid calendar dates stay text in both.
    { typed: '31/02/2025', enUS: text('31/02/2025'), inID: text('31/02/2025') },
    { typed: '02/31/2025', enUS: text('02/31/2025'), inID: text('02/31/2025') },
    { typed: '29/02/2023', enUS: text('29/02/2023'), inID: text('29/02/2023') },
    { typed: '29/02/2024', enUS: text('29/02/2024'), inID: date('2024-02-29', '29/2/2024') },
    // ISO is read year first everywhere and keeps its yyyy-mm-dd display.
    { typed: '2025-03-05', enUS: date('2025-03-05', '2025-03-05'), inID: date('2025-03-05', '2025-03-05') },
    { typed: '2025/3/5', enUS: date('2025-03-05', '2025-03-05'), inID: date('2025-03-05', '2025-03-05') },
    { typed: '2025-02-30', enUS: text('2025-02-30'), inID: text('2025-02-30') },
    // Two-digit years: 00-29 are 20xx, 30-99 are 19xx.
    { typed: '05/03/25', enUS: date('2025-05-03', '5/3/2025'), inID: date('2025-03-05', '5/3/2025') },
    { typed: '05/03/29', enUS: date('2029-05-03', '5/3/2029'), inID: date('2029-03-05', '5/3/2029') },
    { typed: '05/03/30', enUS: date('1930-05-03', '5/3/1930'), inID: date('1930-03-05', '5/3/1930') },
    { typed: '05/03/99', enUS: date('1999-05-03', '5/3/1999'), inID: date('1999-03-05', '5/3/1999') },
    // A date with a time of day.
    {
      typed: '05/03/2025 14:30',
      enUS: date('2025-05-03', '5/3/2025 14:30:00', 14.5),
      inID: date('2025-03-05', '5/3/2025 14:30:00', 14.5),
    },
    // Decimal and grouping separators swap.
    { typed: '2,5', enUS: text('2,5'), inID: number(2.5, '2,5') },
    { typed: '2.5', enUS: number(2.5, '2.5'), inID: text('2.5') },
    { typed: '-0,75', enUS: text('-0,75'), inID: number(-0.75, '-0,75') },
    { typed: '1.234,56', enUS: text('1.234,56'), inID: number(1234.56, '1.234,56') },
    { typed: '1,234.56', enUS: number(1234.56, '1,234.56'), inID: text('1,234.56') },
    { typed: '2.000', enUS: number(2, '2'), inID: number(2000, '2.000') },
    { typed: '12,5%', enUS: text('12,5%'), inID: number(0.125, '12,50%') },
    { typed: '12.5%', enUS: number(0.125, '12.50%'), inID: text('12.5%') },
    { typed: '$1.234,50', enUS: text('$1.234,50'), inID: number(1234.5, '$1.234,50') },
    { typed: '2,5e3', enUS: text('2,5e3'), inID: number(2500, '2,50E+03') },
    // Untouched by the locale.
    { typed: '0042', enUS: number(42, '42'), inID: number(42, '42') },
    { typed: '12:30', enUS: number(0.5208333333333334, '12:30'), inID: number(0.5208333333333334, '12:30') },
    { typed: "'05/03/2025", enUS: text('05/03/2025'), inID: text('05/03/2025') },
  ])('reads $typed as $enUS.shown in en_US and $inID.shown in in_ID', async ({ typed, enUS, inID }) => {
    expectSeen(await typeAndRead(await spreadsheetIn('en_US'), typed), enUS)
    expectSeen(await typeAndRead(await spreadsheetIn('in_ID'), typed), inID)
  })

  it.each<{ locale: string; typed: string; expected: Seen }>([
    // Unknown locales read and show as en_US.
    { locale: 'ja_JP', typed: '05/03/2025', expected: date('2025-05-03', '5/3/2025') },
    { locale: 'xx_YY', typed: '2,5', expected: text('2,5') },
    { locale: 'id_ID', typed: '05/03/2025', expected: date('2025-03-05', '5/3/2025') },
    { locale: 'id_ID', typed: '2,5', expected: number(2.5, '2,5') },
    { locale: 'en_GB', typed: '05/03/2025', expected: date('2025-03-05', '05/03/2025') },
    { locale: 'en_GB', typed: '2.5', expected: number(2.5, '2.5') },
    { locale: 'en_AU', typed: '5/3/25', expected: date('2025-03-05', '05/03/2025') },
    { locale: 'de_DE', typed: '05.03.2025', expected: date('2025-03-05', '05.03.2025') },
    { locale: 'de_DE', typed: '05/03/2025', expected: date('2025-03-05', '05.03.2025') },
    { locale: 'de_DE', typed: '1.234,5', expected: number(1234.5, '1.234,50') },
    { locale: 'nl_NL', typed: '5-3-2025', expected: date('2025-03-05', '5-3-2025') },
    { locale: 'fr_FR', typed: '05/03/2025', expected: date('2025-03-05', '05/03/2025') },
    { locale: 'fr_FR', typed: '2,5', expected: number(2.5, '2,5') },
  ])('reads $typed in $locale as $expected.shown', async ({ locale, typed, expected }) => {
    expectSeen(await typeAndRead(await spreadsheetIn(locale), typed), expected)
  })

  it('follows the locale set later with updateSpreadsheetProperties', async () => {
    const h = await spreadsheetIn('en_US')
    expectSeen(await typeAndRead(h, '05/03/2025'), date('2025-05-03', '5/3/2025'))
    const res = await h.batchUpdate('ss', [
      { updateSpreadsheetProperties: { properties: { locale: 'in_ID' }, fields: 'locale' } },
    ])
    expect(res.status).toBe(200)
    expectSeen(await typeAndRead(h, '05/03/2025'), date('2025-03-05', '5/3/2025'))
  })
})

describe('every USER_ENTERED write path parses in the spreadsheet locale', () => {
  const write: Record<string, (h: Harness) => Promise<{ status: number }>> = {
    'values.update': (h) => h.update('ss', 'Sheet1!A1', [['05/03/2025', '2,5']], 'USER_ENTERED'),
    'values.append': (h) => h.append('ss', 'Sheet1!A1', [['05/03/2025', '2,5']], 'valueInputOption=USER_ENTERED'),
    'values.batchUpdate': (h) =>
      h.call('POST', '/v4/spreadsheets/ss/values:batchUpdate', {
        valueInputOption: 'USER_ENTERED',
        data: [{ range: 'Sheet1!A1', values: [['05/03/2025', '2,5']] }],
      }),
    '/_emulator/edit': (h) =>
      h.call('POST', '/_emulator/edit', { spreadsheetId: 'ss', range: 'Sheet1!A1', values: [['05/03/2025', '2,5']] }),
  }

  it.each(Object.keys(write))('%s reads 05/03/2025 as 5 March and 2,5 as 2.5 in in_ID', async (path) => {
    const h = await spreadsheetIn('in_ID')
    const res = await write[path]?.(h)
    expect(res?.status).toBe(200)
    const got = await h.values('ss', 'Sheet1!A1:B1', 'valueRenderOption=UNFORMATTED_VALUE')
    expect(got.json.values).toEqual([[serial('2025-03-05'), 2.5]])
  })
})

describe('FORMATTED_VALUE shows the locale separators', () => {
  /** Writes `value` with RAW into A1, gives it `numberFormat`, returns what each locale shows. */
  async function shownIn(locale: string, value: number, numberFormat: object | undefined): Promise<unknown> {
    const h = await spreadsheetIn(locale)
    await h.update('ss', 'Sheet1!A1', [[value]])
    if (numberFormat) {
      const res = await h.batchUpdate('ss', [
        {
          repeatCell: {
            range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
            cell: { userEnteredFormat: { numberFormat } },
            fields: 'userEnteredFormat.numberFormat',
          },
        },
      ])
      expect(res.status, JSON.stringify(res.json)).toBe(200)
    }
    return (await h.values('ss', 'Sheet1!A1')).json.values[0][0]
  }

  it.each<{ value: number; format: object | undefined; enUS: string; inID: string }>([
    { value: 2.5, format: undefined, enUS: '2.5', inID: '2,5' },
    { value: 1 / 3, format: undefined, enUS: '0.3333333333', inID: '0,3333333333' },
    { value: 1234567, format: undefined, enUS: '1234567', inID: '1234567' },
    { value: 1.5e20, format: undefined, enUS: '1.5E+20', inID: '1,5E+20' },
    { value: 2.5, format: { type: 'NUMBER', pattern: '0.00' }, enUS: '2.50', inID: '2,50' },
    { value: 2, format: { type: 'NUMBER', pattern: '0' }, enUS: '2', inID: '2' },
    { value: 1234.5, format: { type: 'NUMBER', pattern: '#,##0.00' }, enUS: '1,234.50', inID: '1.234,50' },
    { value: 1234.5, format: { type: 'NUMBER' }, enUS: '1,234.50', inID: '1.234,50' },
    { value: -1234567, format: { type: 'NUMBER', pattern: '#,##0' }, enUS: '-1,234,567', inID: '-1.234.567' },
    { value: 0.125, format: { type: 'PERCENT', pattern: '0.0%' }, enUS: '12.5%', inID: '12,5%' },
    { value: 1234.5, format: { type: 'CURRENCY', pattern: '"$"#,##0.00' }, enUS: '$1,234.50', inID: '$1.234,50' },
    { value: 2500, format: { type: 'SCIENTIFIC', pattern: '0.00E+00' }, enUS: '2.50E+03', inID: '2,50E+03' },
    // A DATE format without a pattern takes the locale's date pattern.
    { value: serial('2025-03-05'), format: { type: 'DATE' }, enUS: '3/5/2025', inID: '5/3/2025' },
    {
      value: serial('2025-03-05'),
      format: { type: 'DATE', pattern: 'yyyy-mm-dd' },
      enUS: '2025-03-05',
      inID: '2025-03-05',
    },
  ])('shows $value as $enUS in en_US and $inID in in_ID', async ({ value, format, enUS, inID }) => {
    expect(await shownIn('en_US', value, format)).toBe(enUS)
    expect(await shownIn('in_ID', value, format)).toBe(inID)
  })

  it('gives formattedValue in spreadsheets.get the locale separators too', async () => {
    const h = await spreadsheetIn('in_ID')
    await h.update('ss', 'Sheet1!A1', [['2,5', '05/03/2025']], 'USER_ENTERED')
    const res = await h.call(
      'GET',
      '/v4/spreadsheets/ss?ranges=Sheet1!A1:B1&fields=sheets.data.rowData.values.formattedValue',
    )
    expect(res.json.sheets[0].data[0].rowData[0].values).toEqual([
      { formattedValue: '2,5' },
      { formattedValue: '5/3/2025' },
    ])
  })

  it('renders a date as a FORMATTED_STRING with the in_ID pattern', async () => {
    const h = await spreadsheetIn('in_ID')
    await h.update('ss', 'Sheet1!A1', [['13/01/2025']], 'USER_ENTERED')
    const res = await h.values(
      'ss',
      'Sheet1!A1',
      'valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=FORMATTED_STRING',
    )
    expect(res.json.values).toEqual([['13/1/2025']])
  })
})

describe('the HTML view in an in_ID spreadsheet', () => {
  /** The data-edit text the page offers for Sheet1!A1. */
  async function editTextOfA1(h: Harness): Promise<string | undefined> {
    const page = await (await h.emulator.app.fetch(new Request('http://e/?spreadsheet=ss&sheet=0'))).text()
    return /data-range="Sheet1!A1" data-edit="([^"]*)"/.exec(page)?.[1]
  }

  it.each<{ typed: string; option: string; edit: string }>([
    { typed: '2,5', option: 'USER_ENTERED', edit: '2,5' },
    { typed: '05/03/2025', option: 'USER_ENTERED', edit: '5/3/2025' },
    { typed: '2.5', option: 'RAW', edit: '2.5' },
    { typed: '2,5', option: 'RAW', edit: '&#39;2,5' },
  ])(
    'offers $typed ($option) for editing as $edit, which types back to the same value',
    async ({ typed, option, edit }) => {
      const h = await spreadsheetIn('in_ID')
      await h.update('ss', 'Sheet1!A1', [[typed]], option)
      const before = (await h.values('ss', 'Sheet1!A1', 'valueRenderOption=UNFORMATTED_VALUE')).json.values
      const offered = await editTextOfA1(h)
      expect(offered).toBe(edit)
      const retyped = (offered ?? '').replaceAll('&#39;', "'")
      await h.call('POST', '/_emulator/edit', { spreadsheetId: 'ss', range: 'Sheet1!A1', values: [[retyped]] })
      expect((await h.values('ss', 'Sheet1!A1', 'valueRenderOption=UNFORMATTED_VALUE')).json.values).toEqual(before)
    },
  )
})
