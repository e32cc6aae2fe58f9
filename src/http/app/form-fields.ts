/**
 * @module
 * Form fields derived from the row schemas (house style 3): each input of the field app is named
 * by its column key and gets its label, help, kind of control, options and bounds from the
 * column's {@link ColumnSpec} — the same spec the sheet's header, dropdowns and `_status`
 * messages come from — so the form posts exactly what the API takes. Pages choose which columns
 * a form shows and may narrow a control (the goals of one case, the domains of one tool).
 */
import type { ColumnSpec, DataTabKey, Lang, Lists } from '../../domain'
import { COLUMN_BY_KEY } from '../../domain'
import { SHORT_TEXT } from '../../domain/field-schemas'
import { optionLabel } from './i18n'

export type FieldOption = {
  readonly value: string
  readonly label: string
  /** `<optgroup>` label (goals grouped by case). */
  readonly group?: string
  /** The case an option belongs to (`data-case`: the client hides other cases' goals). */
  readonly caseId?: string
}

export type FieldControl =
  | { readonly type: 'select'; readonly options: readonly FieldOption[] }
  /** Radio buttons drawn as big buttons (assistance, method): one tap on a phone. */
  | { readonly type: 'choices'; readonly options: readonly FieldOption[] }
  | {
      readonly type: 'text' | 'date' | 'number' | 'email'
      readonly min?: number
      readonly max?: number
      readonly step?: string
      readonly maxLength?: number
      /** Suggestions (`<datalist>`): typing something new stays allowed. */
      readonly suggestions?: readonly string[]
    }
  | { readonly type: 'textarea'; readonly maxLength?: number }
  | { readonly type: 'checkbox' }
  | { readonly type: 'hidden' }

export type FormField = {
  /** The input's name: the column key (`<i>.<key>` in a group row). */
  readonly name: string
  readonly key: string
  readonly label: string
  readonly help?: string
  readonly required: boolean
  readonly control: FieldControl
  /** What a blank input means (the schema's default: mastery 4, success 3, weight 1), shown pre-filled. */
  readonly defaultValue?: string
}

/** Integer columns with at most this many values are a dropdown (score 0–4, levels 0–4). */
const MAX_INT_OPTIONS = 11
/** The rating column's values (domain.md "Session": 0–4, or N). */
const RATINGS = ['0', '1', '2', '3', '4', 'N'] as const

/** How a page narrows or replaces a field's derived control. */
export type FieldOverride = {
  /** Replace the options (goals of the chosen case, domains of the chosen tool, staff). */
  readonly options?: readonly FieldOption[]
  /** Radio buttons instead of a dropdown. */
  readonly choices?: boolean
  readonly suggestions?: readonly string[]
  readonly hidden?: boolean
  /** A different input name (group rows: `2.task`). */
  readonly name?: string
}

function optionsOf(spec: ColumnSpec, lang: Lang, lists: Lists | undefined): FieldOption[] | undefined {
  const group = spec.list ?? spec.key
  const values = spec.values ?? (spec.kind === 'list' && spec.list !== undefined ? lists?.[spec.list] : undefined)
  if (spec.kind === 'rating') return RATINGS.map((v) => ({ value: v, label: optionLabel('rating', v, lang) }))
  const { min, max } = spec
  if (spec.kind === 'int' && min !== undefined && max !== undefined && max - min < MAX_INT_OPTIONS) {
    return Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).map((v) => ({ value: v, label: v }))
  }
  return values?.map((v) => ({ value: v, label: optionLabel(group, v, lang) }))
}

/** The control a column gets by its kind and bounds. */
function controlOf(spec: ColumnSpec, lang: Lang, lists: Lists | undefined, over: FieldOverride): FieldControl {
  if (over.hidden === true) return { type: 'hidden' }
  const options = over.options ?? optionsOf(spec, lang, lists)
  if (options !== undefined) return over.choices === true ? { type: 'choices', options } : { type: 'select', options }
  switch (spec.kind) {
    case 'date':
      return { type: 'date' }
    case 'int':
    case 'number':
      return {
        type: 'number',
        step: spec.kind === 'int' ? '1' : 'any',
        ...(spec.min === undefined ? {} : { min: spec.min }),
        ...(spec.max === undefined ? {} : { max: spec.max }),
      }
    case 'email':
      return { type: 'email', ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }) }
    case 'boolean':
      return { type: 'checkbox' }
    default:
      if (spec.maxLength !== undefined && spec.maxLength > SHORT_TEXT)
        return { type: 'textarea', maxLength: spec.maxLength }
      return {
        type: 'text',
        ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }),
        ...(over.suggestions === undefined ? {} : { suggestions: over.suggestions }),
      }
  }
}

/** The form field of one column of `tab`. */
export function formField(
  tab: DataTabKey,
  key: string,
  lang: Lang,
  over: FieldOverride = {},
  lists?: Lists,
): FormField {
  const spec = COLUMN_BY_KEY[tab].get(key)
  if (spec === undefined || spec.owner === 'system') throw new Error(`no staff column ${tab}.${key}`)
  return {
    name: over.name ?? key,
    key,
    label: spec.label[lang],
    ...(spec.help === undefined ? {} : { help: spec.help[lang] }),
    required: spec.required,
    control: controlOf(spec, lang, lists, over),
    ...(spec.defaultValue === undefined ? {} : { defaultValue: String(spec.defaultValue) }),
  }
}

/** The form fields of `keys` of `tab`, in that order, with per-key overrides. */
export function formFields(
  tab: DataTabKey,
  keys: readonly string[],
  lang: Lang,
  overrides: Readonly<Record<string, FieldOverride>> = {},
  lists?: Lists,
): FormField[] {
  return keys.map((key) => formField(tab, key, lang, overrides[key] ?? {}, lists))
}
