import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import {
  COLUMN_META,
  DEFAULT_LISTS,
  EXTENSIBLE_LISTS,
  formatId,
  LIST_NAMES,
  parseIdNumber,
  STATUS_KEY,
  TAB_KEYS,
  TABLES,
} from '../../src/domain/index'

describe('TABLES', () => {
  it('names the sheet tabs', () => {
    expect(TAB_KEYS.map((k) => TABLES[k].title)).toEqual([
      'Cases',
      'Assessments',
      'Goals',
      'Sessions',
      'Events',
      'Feedback',
      'Staff',
      'Settings',
      'Lists',
    ])
  })

  it('keeps the columns in schema order, with the system-owned _status last on data tabs', () => {
    for (const key of ['cases', 'assessments', 'goals', 'sessions', 'events', 'feedback'] as const) {
      const { columns, schema, idColumn } = TABLES[key]
      expect(columns.map((c) => c.key)).toEqual([...Object.keys(schema.shape), STATUS_KEY])
      expect(columns[0]).toMatchObject({ key: idColumn, kind: 'id', owner: 'system' })
      expect(columns.at(-1)).toMatchObject({ label: { id: 'Status validasi' }, owner: 'system', required: false })
    }
  })

  it('derives required, defaults, options and bounds from the zod schema', () => {
    const goals = new Map(TABLES.goals.columns.map((c) => [c.key, c]))
    expect(goals.get('mastery_level')).toMatchObject({ required: false, defaultValue: 4, min: 0, max: 4 })
    expect(goals.get('success_level')).toMatchObject({ required: false, defaultValue: 3 })
    expect(goals.get('weight')).toMatchObject({ required: false, defaultValue: 1, min: 0 })
    expect(goals.get('method')).toMatchObject({ required: true, values: ['casework', 'groupwork'] })
    expect(goals.get('unit')).toMatchObject({ required: false, kind: 'text' })
  })

  it('gives every column an Indonesian and an English label and registered metadata', () => {
    for (const key of TAB_KEYS) {
      for (const [field, schema] of Object.entries(TABLES[key].schema.shape)) {
        expect(COLUMN_META.get(schema as z.ZodType), `${key}.${field}`).toBeDefined()
      }
      for (const c of TABLES[key].columns) {
        expect(c.label.id.length).toBeGreaterThan(0)
        expect(c.label.en.length).toBeGreaterThan(0)
      }
    }
  })

  it('produces an OpenAPI-ready JSON schema with English titles and no internal metadata', () => {
    const json = z.toJSONSchema(TABLES.sessions.schema) as { properties: Record<string, Record<string, unknown>> }
    expect(json.properties.date).toMatchObject({ type: 'string', format: 'date', title: 'Session date' })
    expect(json.properties.date).not.toHaveProperty('kind')
  })

  it('has one Lists column per list, the extensible ones included', () => {
    expect(TABLES.lists.columns.map((c) => c.key)).toEqual([...LIST_NAMES])
    expect(EXTENSIBLE_LISTS).toEqual(['cluster', 'participant_role'])
    expect(DEFAULT_LISTS.cluster).toContain('disabilitas_intelektual')
    // Lists added later go last, so earlier sheets' list columns keep their letters.
    expect(LIST_NAMES.slice(-3)).toEqual(['event_kind', 'feedback_kind', 'participant_role'])
  })
})

describe('formatId and parseIdNumber', () => {
  it.each([
    { tab: 'cases', n: 1, id: 'K-0001' },
    { tab: 'assessments', n: 42, id: 'A-0042' },
    { tab: 'goals', n: 9999, id: 'T-9999' },
    { tab: 'sessions', n: 123456, id: 'S-123456' },
  ] as const)('formats $tab number $n as $id and reads it back', ({ tab, n, id }) => {
    expect(formatId(tab, n)).toBe(id)
    expect(parseIdNumber(tab, id)).toBe(n)
  })

  it('reads hand-typed ids without padding, and nothing from another tab', () => {
    expect(parseIdNumber('cases', 'K-7')).toBe(7)
    expect(parseIdNumber('cases', 'S-0007')).toBeUndefined()
    expect(parseIdNumber('cases', 'K-')).toBeUndefined()
  })
})
