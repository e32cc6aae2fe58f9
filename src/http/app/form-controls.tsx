/**
 * @module
 * The markup of forms (layout.tsx (iii) documents the contract): a labelled control per derived
 * {@link FormField} with its help, `id="f-<name>"`, the error slot `err-<name>` and the value
 * the person typed; the form element with its API endpoint and transport fields; the status slot.
 * Forms are `novalidate`: the server's Indonesian messages, next to each field, are the ones
 * people read (the browser's own would come in the phone's language).
 */
import type { Child } from 'hono/jsx'
import type { Lang } from '../../domain'
import type { FieldOption, FormField } from './form-fields'
import { tr } from './i18n'

/** What the person typed (or the default), by input name. */
export type FormValues = Readonly<Record<string, string>>
/** Messages by input name. */
export type FormErrors = Readonly<Record<string, string>>

const describedBy = (field: FormField): string =>
  field.help === undefined ? `err-${field.name}` : `help-${field.name} err-${field.name}`

function Options(props: { options: readonly FieldOption[]; value: string; lang: Lang; blank: boolean }) {
  const groups = new Map<string | undefined, FieldOption[]>()
  for (const o of props.options) groups.set(o.group, [...(groups.get(o.group) ?? []), o])
  const option = (o: FieldOption) => (
    <option value={o.value} selected={o.value === props.value} data-case={o.caseId}>
      {o.label}
    </option>
  )
  return (
    <>
      {props.blank ? <option value="">{tr(props.lang, 'choose')}</option> : null}
      {[...groups].map(([group, options]) =>
        group === undefined ? options.map(option) : <optgroup label={group}>{options.map(option)}</optgroup>,
      )}
    </>
  )
}

export type FieldProps = {
  readonly field: FormField
  readonly lang: Lang
  readonly value?: string | undefined
  readonly error?: string | undefined
}

/** One field: label, help, control, error slot. */
export function Field({ field, lang, value = '', error }: FieldProps) {
  const c = field.control
  const id = `f-${field.name}`
  const invalid = error === undefined ? undefined : 'true'
  const errorSlot = (
    <p class="field-error" id={`err-${field.name}`}>
      {error ?? ''}
    </p>
  )
  const help =
    field.help === undefined ? null : (
      <span class="help" id={`help-${field.name}`}>
        {field.help}
      </span>
    )
  const mark = field.required ? (
    <span class="req" aria-hidden="true">
      {' *'}
    </span>
  ) : (
    <span class="muted">{` (${tr(lang, 'optional')})`}</span>
  )
  if (c.type === 'hidden') return <input type="hidden" name={field.name} value={value} />
  if (c.type === 'choices') {
    return (
      <fieldset class="field" aria-describedby={describedBy(field)} aria-invalid={invalid}>
        <legend>
          {field.label}
          {mark}
        </legend>
        {help}
        <div class="choices">
          {c.options.map((o, i) => (
            <label class="choice">
              <input
                type="radio"
                name={field.name}
                value={o.value}
                checked={o.value === value}
                id={i === 0 ? id : undefined}
                required={field.required && i === 0}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
        {errorSlot}
      </fieldset>
    )
  }
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-describedby': describedBy(field),
    'aria-invalid': invalid,
  }
  const control =
    c.type === 'select' ? (
      <select {...common}>
        <Options options={c.options} value={value} lang={lang} blank={true} />
      </select>
    ) : c.type === 'textarea' ? (
      <textarea {...common} maxlength={c.maxLength}>
        {value}
      </textarea>
    ) : c.type === 'checkbox' ? (
      <input {...common} type="checkbox" value="TRUE" checked={value === 'TRUE'} />
    ) : (
      <>
        <input
          {...common}
          type={c.type}
          value={value}
          min={c.min}
          max={c.max}
          step={c.step}
          maxlength={c.maxLength}
          inputmode={c.type === 'number' ? (c.step === '1' ? 'numeric' : 'decimal') : undefined}
          list={c.suggestions === undefined || c.suggestions.length === 0 ? undefined : `list-${field.name}`}
          autocomplete="off"
        />
        {c.suggestions === undefined || c.suggestions.length === 0 ? null : (
          <datalist id={`list-${field.name}`}>
            {c.suggestions.map((s) => (
              <option value={s} />
            ))}
          </datalist>
        )}
      </>
    )
  return (
    <div class="field">
      <label for={id}>
        {field.label}
        {mark}
      </label>
      {help}
      {control}
      {errorSlot}
    </div>
  )
}

/** Every field of a list, with its value and error. */
export function Fields(props: {
  readonly fields: readonly FormField[]
  readonly lang: Lang
  readonly values: FormValues
  readonly errors: FormErrors
}) {
  return (
    <>
      {props.fields.map((f) => (
        <Field
          field={f}
          lang={props.lang}
          value={props.values[f.name] ?? f.defaultValue}
          error={props.errors[f.name]}
        />
      ))}
    </>
  )
}

export type NoticeKind = 'ok' | 'warn' | 'bad'

/** The status slot of a form (`status-<form>`), empty or with a message. */
export function StatusSlot(props: {
  readonly id: string
  readonly kind?: NoticeKind | undefined
  readonly children?: Child
}) {
  return (
    <div
      class={`notice${props.kind === undefined ? '' : ` ${props.kind}`}`}
      id={props.id}
      role="status"
      aria-live="polite"
    >
      {props.children}
    </div>
  )
}

export type DataFormProps = {
  /** The form's name: `data-form`, and the status slot `status-<name>`. */
  readonly name: string
  /** Where the browser posts (the /app route). */
  readonly action: string
  /** The JSON API endpoint the same data goes to. */
  readonly api: string
  readonly method?: 'POST' | 'PATCH'
  readonly csrf: string
  /** Idempotency key of this rendering (absent on PATCH forms). */
  readonly idem?: string
  /** The row version a PATCH form was rendered from (→ If-Match). */
  readonly etag?: string
  readonly rows?: number
  readonly status?: { readonly kind: NoticeKind; readonly message: Child } | undefined
  readonly children?: Child
}

/** A data form with its transport fields and status slot (layout.tsx (iii)). */
export function DataForm(props: DataFormProps) {
  return (
    <form
      method="post"
      action={props.action}
      novalidate
      data-form={props.name}
      data-api={props.api}
      data-method={props.method === 'PATCH' ? 'PATCH' : undefined}
      data-rows={props.rows === undefined ? undefined : String(props.rows)}
    >
      <StatusSlot id={`status-${props.name}`} kind={props.status?.kind}>
        {props.status?.message}
      </StatusSlot>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.idem === undefined ? null : <input type="hidden" name="_idem" value={props.idem} />}
      {props.etag === undefined ? null : <input type="hidden" name="_etag" value={props.etag} />}
      {props.children}
    </form>
  )
}
