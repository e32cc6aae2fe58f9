import { describe, expect, it } from 'vitest'
import { DATA_TABS, DEFAULT_LISTS, TABLES } from '../../src/domain'
import { formField, formFields } from '../../src/http/app/form-fields'

// Form fields are derived from the row schemas (house style 3): names, labels, help, required,
// options and bounds come from the column specs, never restated.

describe('a derived form field', () => {
  it.each(
    DATA_TABS.flatMap((tab) =>
      TABLES[tab].columns.filter((c) => c.owner === 'staff').map((c) => [tab, c.key] as const),
    ),
  )('%s.%s: named by its column key, labelled and required as the schema says, in both languages', (tab, key) => {
    const spec = TABLES[tab].columns.find((c) => c.key === key)
    const id = formField(tab, key, 'id', {}, DEFAULT_LISTS)
    const en = formField(tab, key, 'en', {}, DEFAULT_LISTS)
    expect(id.name).toBe(key)
    expect([id.label, en.label]).toEqual([spec?.label.id, spec?.label.en])
    expect([id.help, en.help]).toEqual([spec?.help?.id, spec?.help?.en])
    expect(id.required).toBe(spec?.required)
  })

  it.each([
    ['sessions', 'date', { type: 'date' }],
    ['sessions', 'duration_min', { type: 'number', min: 0, max: 1440, step: '1' }],
    ['goals', 'weight', { type: 'number', min: 0, max: 100, step: 'any' }],
    ['sessions', 'task', { type: 'text', maxLength: 200 }],
    ['sessions', 'notes', { type: 'textarea', maxLength: 5000 }],
    ['cases', 'initials', { type: 'text' }],
  ] as const)('%s.%s gets the control of its kind and bounds', (tab, key, control) => {
    expect(formField(tab, key, 'id').control).toEqual(control)
  })

  it('offers an enum column’s options from the schema, in its order, with readable labels', () => {
    const field = formField('sessions', 'assistance', 'id', { choices: true })
    expect(field.control).toEqual({
      type: 'choices',
      options: [
        { value: 'mandiri', label: 'Mandiri (4)' },
        { value: 'minimal', label: 'Bantuan minimal (3)' },
        { value: 'sebagian', label: 'Bantuan sebagian (2)' },
        { value: 'penuh', label: 'Bantuan penuh (1)' },
        { value: 'tidak_tercapai', label: 'Tidak tercapai (0)' },
      ],
    })
    expect(field.required).toBe(false)
  })

  it('offers a rating as 0–4 or N, and a small bounded integer as a dropdown of its values', () => {
    const rating = formField('sessions', 'rating', 'en').control
    expect(rating.type === 'select' && rating.options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', 'N'])
    const score = formField('assessments', 'score', 'id').control
    expect(score.type === 'select' && score.options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4'])
  })

  it('pre-fills a defaulted column with its default (mastery 4, success 3, weight 1)', () => {
    expect(formFields('goals', ['mastery_level', 'success_level', 'weight'], 'id').map((f) => f.defaultValue)).toEqual([
      '4',
      '3',
      '1',
    ])
  })

  it('takes a list column’s options from the Lists tab in force (clusters staff added)', () => {
    const lists = { ...DEFAULT_LISTS, cluster: ['anak', 'lansia'] }
    const cluster = formField('cases', 'cluster', 'id', {}, lists).control
    expect(cluster.type === 'select' && cluster.options.map((o) => o.value)).toEqual(['anak', 'lansia'])
  })

  it('lets a page narrow the options, rename the input for a group row, hide it or add suggestions', () => {
    const goal = formField('sessions', 'goal_id', 'id', {
      name: '2.goal_id',
      options: [{ value: 'T-0001', label: 'Memasak' }],
    })
    expect([goal.name, goal.key, goal.control]).toEqual([
      '2.goal_id',
      'goal_id',
      { type: 'select', options: [{ value: 'T-0001', label: 'Memasak' }] },
    ])
    expect(formField('sessions', 'worker', 'id', { hidden: true }).control).toEqual({ type: 'hidden' })
    expect(formField('sessions', 'task', 'id', { suggestions: ['merendam'] }).control).toMatchObject({
      suggestions: ['merendam'],
    })
  })

  it.each([
    ['sessions', 'session_id'],
    ['sessions', '_status'],
    ['sessions', 'not_a_column'],
  ] as const)('refuses %s.%s: system-owned and unknown columns are never a form field', (tab, key) => {
    expect(() => formField(tab, key, 'id')).toThrow(/no staff column/)
  })
})
