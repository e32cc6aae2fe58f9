import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'
import { describe, expect, it } from 'vitest'
import {
  allBound,
  bindByLabels,
  bindHeaders,
  type ColumnMark,
  columnMarksFromSearch,
  columnMarksFromSpreadsheet,
  columnMarksSearchRequest,
  labelDrift,
  normalizeLabel,
  sheetRefsFromSpreadsheet,
} from '../../src/sheets/header-binding'

const columnMetadata = (
  sheetId: number,
  column: number,
  key: string,
  span = 1,
): sheets_v4.Schema$DeveloperMetadata => ({
  metadataId: 1000 + column,
  metadataKey: 'column',
  metadataValue: key,
  visibility: 'DOCUMENT',
  location: {
    locationType: 'COLUMN',
    // proto3 JSON leaves out sheetId 0, as Google does.
    dimensionRange: {
      ...(sheetId === 0 ? {} : { sheetId }),
      dimension: 'COLUMNS',
      startIndex: column,
      endIndex: column + span,
    },
  },
})

const search = (
  ...metadata: sheets_v4.Schema$DeveloperMetadata[]
): sheets_v4.Schema$SearchDeveloperMetadataResponse => ({
  matchedDeveloperMetadata: metadata.map((developerMetadata) => ({
    developerMetadata,
    dataFilters: [columnMarksSearchRequest().dataFilters?.[0] ?? {}],
  })),
})

const sheets = [
  { sheetId: 0, title: 'Cases' },
  { sheetId: 71, title: 'Sessions' },
]
const tabs = [
  { title: 'Cases', keys: ['case_id', 'initials', 'sex'] },
  { title: 'Sessions', keys: ['session_id', 'case_id'] },
] as const

describe('columnMarksFromSearch', () => {
  it('keeps single-column `column` marks with their sheet and index', () => {
    const marks = columnMarksFromSearch(
      search(
        columnMetadata(0, 0, 'case_id'),
        columnMetadata(71, 4, 'session_id'),
        {
          metadataKey: 'rowId',
          metadataValue: 'S-1',
          location: { dimensionRange: { dimension: 'ROWS', startIndex: 3, endIndex: 4 } },
        },
        columnMetadata(0, 2, 'spans_two', 2),
      ),
    )
    expect(marks).toEqual([
      { sheetId: 0, column: 0, key: 'case_id' },
      { sheetId: 71, column: 4, key: 'session_id' },
    ])
  })

  it('reads an empty search answer ({}) as no marks', () => {
    expect(columnMarksFromSearch({})).toEqual([])
  })
})

describe('columnMarksFromSpreadsheet', () => {
  it('reads grid column metadata, by location or else by position from startColumn', () => {
    const spreadsheet: sheets_v4.Schema$Spreadsheet = {
      sheets: [
        {
          properties: { sheetId: 71, title: 'Sessions' },
          data: [
            {
              startColumn: 2,
              columnMetadata: [
                { pixelSize: 100, developerMetadata: [{ metadataKey: 'column', metadataValue: 'date' }] },
                { pixelSize: 100 },
                { developerMetadata: [columnMetadata(71, 4, 'task'), { metadataKey: 'other', metadataValue: 'x' }] },
              ],
            },
          ],
        },
      ],
    }
    expect(columnMarksFromSpreadsheet(spreadsheet)).toEqual([
      { sheetId: 71, column: 2, key: 'date' },
      { sheetId: 71, column: 4, key: 'task' },
    ])
  })
})

describe('sheetRefsFromSpreadsheet', () => {
  it('lists sheet ids and titles, sheet 0 included when its id is left out', () => {
    expect(
      sheetRefsFromSpreadsheet({
        sheets: [{ properties: { title: 'Cases' } }, { properties: { sheetId: 5, title: 'Log' } }],
      }),
    ).toEqual([
      { sheetId: 0, title: 'Cases' },
      { sheetId: 5, title: 'Log' },
    ])
  })
})

describe('bindHeaders', () => {
  const marks: ColumnMark[] = [
    { sheetId: 0, column: 3, key: 'case_id' },
    { sheetId: 0, column: 1, key: 'initials' },
    { sheetId: 0, column: 0, key: 'sex' },
    { sheetId: 0, column: 7, key: 'extra_from_newer_template' },
    { sheetId: 71, column: 0, key: 'session_id' },
    { sheetId: 71, column: 1, key: 'case_id' },
  ]

  it('binds each key to its marked column, wherever staff moved it', () => {
    const results = bindHeaders({ sheets, marks, tabs })
    expect(results.get('Cases')).toEqual({
      ok: true,
      value: {
        sheetId: 0,
        title: 'Cases',
        columns: new Map([
          ['case_id', 3],
          ['initials', 1],
          ['sex', 0],
        ]),
        extra: new Map([['extra_from_newer_template', 7]]),
      },
    })
    expect(results.get('Sessions')).toMatchObject({
      ok: true,
      value: {
        sheetId: 71,
        columns: new Map([
          ['session_id', 0],
          ['case_id', 1],
        ]),
      },
    })
  })

  it.each([
    [
      'a missing key',
      marks.filter((m) => m.key !== 'initials'),
      [{ kind: 'missing_key', tab: 'Cases', key: 'initials' }],
    ],
    [
      'a key marked on two columns',
      [...marks, { sheetId: 0, column: 9, key: 'sex' }],
      [{ kind: 'duplicate_key', tab: 'Cases', key: 'sex', columns: [0, 9] }],
    ],
    [
      'two keys on one column',
      [...marks, { sheetId: 0, column: 1, key: 'birth_date' }],
      [
        { kind: 'column_has_two_keys', tab: 'Cases', column: 1, keys: ['birth_date', 'initials'] },
        { kind: 'missing_key', tab: 'Cases', key: 'initials' },
      ],
    ],
  ])('reports %s instead of guessing', (_case, input, problems) => {
    const results = bindHeaders({ sheets, marks: input, tabs })
    expect(results.get('Cases')).toEqual({ ok: false, error: problems })
    expect(results.get('Sessions')?.ok).toBe(true)
  })

  it('ignores the same key marked twice on the same column', () => {
    const results = bindHeaders({ sheets, marks: [...marks, { sheetId: 0, column: 0, key: 'sex' }], tabs })
    expect(results.get('Cases')?.ok).toBe(true)
  })

  it('reports a missing tab, and allBound gathers every problem', () => {
    const results = bindHeaders({ sheets: [sheets[0] ?? { sheetId: 0, title: 'Cases' }], marks, tabs })
    expect(allBound(results)).toEqual({ ok: false, error: [{ kind: 'missing_tab', tab: 'Sessions' }] })
    expect(allBound(bindHeaders({ sheets, marks, tabs })).ok).toBe(true)
  })
})

describe('bindByLabels', () => {
  const keyLabels = [
    { key: 'case_id', labels: ['ID Kasus', 'Case ID', 'case_id'] },
    { key: 'initials', labels: ['Inisial', 'Initials'] },
    { key: 'sex', labels: ['Jenis Kelamin', 'Sex'] },
  ] as const

  it('matches labels ignoring case, spacing and width, and lists the rest', () => {
    const report = bindByLabels([' jenis  kelamin ', 'INISIAL', '', 'Catatan staf', 'id kasus'], keyLabels)
    expect(report).toEqual({
      columns: new Map([
        ['case_id', 4],
        ['initials', 1],
        ['sex', 0],
      ]),
      missing: [],
      duplicates: [],
      unknown: [{ column: 3, label: 'Catatan staf' }],
    })
  })

  it('reports a renamed label as missing and a repeated one as duplicate', () => {
    const report = bindByLabels(['ID Kasus', 'Nama singkat', 'Sex', 'Jenis kelamin'], keyLabels)
    expect(report.missing).toEqual(['initials'])
    expect(report.duplicates).toEqual([{ key: 'sex', columns: [2, 3] }])
    expect(report.unknown).toEqual([{ column: 1, label: 'Nama singkat' }])
  })

  it('normalises full-width and non-breaking spaces', () => {
    expect(normalizeLabel('\u00a0ＩＤ\u3000Kasus ')).toBe('id kasus')
  })
})

describe('labelDrift', () => {
  it('lists keys whose label is elsewhere or gone; the metadata column stays the truth', () => {
    const binding = {
      sheetId: 0,
      title: 'Cases',
      columns: new Map([
        ['case_id', 0],
        ['initials', 1],
        ['sex', 2],
      ]),
      extra: new Map(),
    }
    const labels = bindByLabels(
      ['ID Kasus', 'Nama singkat', 'Inisial'],
      [
        { key: 'case_id', labels: ['ID Kasus'] },
        { key: 'initials', labels: ['Inisial'] },
        { key: 'sex', labels: ['Jenis Kelamin'] },
      ],
    )
    expect(labelDrift(binding, labels)).toEqual([
      { key: 'initials', column: 1, labelColumn: 2 },
      { key: 'sex', column: 2, labelColumn: null },
    ])
  })
})
