/**
 * @module
 * Column metadata carried by the zod schema of each sheet row (house style 3). Each field schema
 * is registered in {@link COLUMN_META} with what zod cannot say (labels, kind, owner, list);
 * everything zod can say (required, default, enum values, bounds, max length) is read back from
 * the schema itself by {@link columnsOf}, so there is exactly one source of truth.
 */
import * as z from 'zod'
import type { DataTabKey } from './ids'
import type { Bilingual } from './issues'
import type { ListName } from './lists'

/**
 * How a cell is read and written (see cell-codecs.ts):
 * - `id`: this row's id (system-owned when blank); `ref`: an id of another tab;
 * - `text`, `initials`, `email`, `date` (ISO text in the row, a day serial in the sheet);
 * - `int`, `number` (decimal comma accepted), `rating` (0–4 or `N`), `boolean` (checkbox);
 * - `enum` (fixed options), `list` (options from the `Lists` tab, checked against the context),
 *   `code` (a free lower_snake_case code, e.g. an assessment domain);
 * - `milestones` (`5:1, 10:3, 15:5`); `status` (the system-owned validation message).
 */
export type ColumnKind =
  | 'id'
  | 'ref'
  | 'text'
  | 'initials'
  | 'email'
  | 'date'
  | 'int'
  | 'number'
  | 'rating'
  | 'boolean'
  | 'enum'
  | 'list'
  | 'code'
  | 'milestones'
  | 'status'

export type Owner = 'staff' | 'system'

/** What each column declares next to its zod schema. */
export type ColumnMeta = {
  readonly label: Bilingual
  readonly help?: Bilingual
  readonly kind: ColumnKind
  /** Defaults to 'staff'. System-owned columns are filled by the system and protected in the sheet. */
  readonly owner?: Owner
  /** Dropdown source in the `Lists` tab (enum, list and code columns). */
  readonly list?: ListName
  /** Tab whose id an `id`/`ref` column holds. */
  readonly idTab?: DataTabKey
  /** Tabs whose ids a `ref` column may hold when it names rows of several tabs (a feedback target). */
  readonly idTabs?: readonly DataTabKey[]
}

/** One column of a tab, complete: what the template, the codecs and the API docs need. */
export type ColumnSpec = {
  readonly key: string
  readonly label: Bilingual
  readonly help?: Bilingual
  readonly kind: ColumnKind
  readonly owner: Owner
  /** True when a blank cell is an error (`required`); false for optional and defaulted columns. */
  readonly required: boolean
  /** Value of a blank cell when the schema has a default (mastery_level 4, success_level 3, weight 1). */
  readonly defaultValue?: number | string | boolean
  /** Fixed options of an `enum` column, canonical spelling. */
  readonly values?: readonly string[]
  readonly list?: ListName
  readonly idTab?: DataTabKey
  readonly idTabs?: readonly DataTabKey[]
  /** Inclusive numeric bounds (int, number). */
  readonly min?: number
  readonly max?: number
  /** Maximum text length in characters. */
  readonly maxLength?: number
  /** The pattern a text value must match (ids, initials, emails, staff ids). */
  readonly pattern?: RegExp
  /** The field's zod schema (typed value, not the raw cell). */
  readonly schema: z.ZodType
}

/** Registry of column metadata; kept apart from zod's global registry so OpenAPI output stays clean. */
export const COLUMN_META = z.registry<ColumnMeta>()

/**
 * Declares a column: registers `meta` for the schema and adds an OpenAPI title/description
 * (English label and help) through zod's `.meta()`. Returns the schema with its type intact.
 */
export function col<S extends z.ZodType>(schema: S, meta: ColumnMeta): S {
  const described = schema.meta(
    meta.help === undefined ? { title: meta.label.en } : { title: meta.label.en, description: meta.help.en },
  ) as S
  COLUMN_META.add(described, meta)
  return described
}

/** Strips optional/default/nullable wrappers to reach the value schema. */
function innermost(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType
    else return s
  }
}

const finite = (n: number | null): number | undefined =>
  n === null || !Number.isFinite(n) || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n

/** The first regex check of a string schema (zod keeps it in the check's definition). */
function patternOf(schema: z.ZodString): RegExp | undefined {
  for (const check of schema._zod.def.checks ?? []) {
    const pattern: unknown = (check._zod.def as { pattern?: unknown }).pattern
    if (pattern instanceof RegExp) return pattern
  }
  return undefined
}

/** The column spec of one field, read from its schema and its registered metadata. */
export function columnSpec(key: string, schema: z.ZodType): ColumnSpec {
  const meta = COLUMN_META.get(schema)
  if (meta === undefined) throw new Error(`column ${key} has no metadata (declare it with col())`)
  const blank = schema.safeParse(undefined)
  const inner = innermost(schema)
  const spec: {
    -readonly [K in keyof ColumnSpec]: ColumnSpec[K]
  } = { key, label: meta.label, kind: meta.kind, owner: meta.owner ?? 'staff', required: !blank.success, schema }
  if (meta.help !== undefined) spec.help = meta.help
  if (meta.list !== undefined) spec.list = meta.list
  if (meta.idTab !== undefined) spec.idTab = meta.idTab
  if (meta.idTabs !== undefined) spec.idTabs = meta.idTabs
  if (blank.success && blank.data !== undefined) spec.defaultValue = blank.data as number | string | boolean
  if (inner instanceof z.ZodEnum) spec.values = inner.options.map(String)
  if (inner instanceof z.ZodNumber) {
    const min = finite(inner.minValue)
    const max = finite(inner.maxValue)
    if (min !== undefined) spec.min = min
    if (max !== undefined) spec.max = max
  }
  if (inner instanceof z.ZodString) {
    if (inner.maxLength !== null) spec.maxLength = inner.maxLength
    const pattern = patternOf(inner)
    if (pattern !== undefined) spec.pattern = pattern
  }
  return spec
}

/** Column specs of a row schema, in field (= column) order. */
export function columnsOf(shape: Readonly<Record<string, z.ZodType>>): ColumnSpec[] {
  return Object.entries(shape).map(([key, schema]) => columnSpec(key, schema))
}
