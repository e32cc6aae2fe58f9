/**
 * @module
 * What every data form page does with an answer: the values to show again (what the person
 * typed), the saved notice (the new id, or that the row waits for the sheet: 202 pending), and
 * a refusal as field messages plus a status line (form-errors.ts). {@link postForm} and
 * {@link newRowShown} are the whole round of a new-row form, {@link patchShown} that of a
 * correction form, so that each page only says what is its own (its summary, what it keeps).
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { type DataTabKey, ID_COLUMNS, type Lang, type RawRecord } from '../../domain'
import type { FieldEnv } from './field-env'
import { DataForm, type DataFormProps, type FormErrors, type NoticeKind } from './form-controls'
import { type FormRefusal, refusalOf } from './form-errors'
import type { FormField } from './form-fields'
import type { FormPatchAnswer } from './form-patch'
import { tr } from './i18n'
import { newIdem } from './page'
import { formText, postRow, type RowOutcome, rowFields } from './post-row'

/** A form's status line. */
export type FormStatus = { readonly kind: NoticeKind; readonly message: Child }

/** The string fields of a posted form, as the inputs show them again. */
export function formValues(form: RawRecord | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(form ?? {})) if (typeof value === 'string') out[key] = value
  return out
}

export const namesOf = (fields: readonly FormField[], extra: readonly string[] = []): Set<string> =>
  new Set([...fields.map((f) => f.name), ...extra])

const TAB_WORD = {
  sessions: 'session',
  assessments: 'assessment',
  goals: 'goal',
  cases: 'case',
  events: 'event',
  feedback: 'feedback',
} as const

/** The id of a stored row. */
export const idOf = <K extends DataTabKey>(tab: K, row: object): string =>
  String((row as Record<string, unknown>)[ID_COLUMNS[tab]] ?? '')

/** "Tersimpan: sesi S-0012 — …" or "Diterima dan menunggu …: sesi S-0012 — …". */
export function savedStatus<K extends DataTabKey>(
  tab: K,
  outcome: Extract<RowOutcome<K>, { ok: true }>,
  lang: Lang,
  summary: string,
): { kind: NoticeKind; message: Child } {
  const id = idOf(tab, outcome.row)
  const what = `${tr(lang, TAB_WORD[tab])} ${id}`
  const lead = outcome.status === 202 ? tr(lang, 'pendingAs') : tr(lang, 'savedAs')
  return {
    kind: outcome.status === 202 ? 'warn' : 'ok',
    message: (
      <>
        <strong>
          {lead}: {what}
        </strong>
        {summary === '' ? '' : ` — ${summary}`}
        {outcome.replayed ? <span class="muted"> ({tr(lang, 'replayed')})</span> : null}
      </>
    ),
  }
}

/** The status line of a refusal: its title and detail, and messages that name no input. */
export function refusedStatus(refusal: FormRefusal, lang: Lang): { kind: NoticeKind; message: Child } {
  return {
    kind: 'bad',
    message: (
      <>
        <strong>{refusal.status === 422 ? tr(lang, 'fixBelow') : refusal.title}</strong>
        {refusal.status === 422 ? null : ` ${refusal.detail}`}
        {refusal.others.length === 0 ? null : (
          <ul>
            {refusal.others.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        )}
      </>
    ),
  }
}

/** A posted new-row form, sent: its idempotency key and the API's answer (none on GET). */
export type SentForm<K extends DataTabKey> = {
  readonly idem: string
  readonly outcome: RowOutcome<K> | undefined
}

/**
 * Sends a posted form's row as `POST /api/<tab>` would, under the form's own idempotency key (a
 * double submit stores one row); `send: false` (a preview) keeps the key and sends nothing.
 */
export async function postForm<K extends DataTabKey>(
  c: Context<FieldEnv>,
  tab: K,
  posted: RawRecord | undefined,
  send = true,
): Promise<SentForm<K>> {
  const idem = formText(posted ?? {}, '_idem') || newIdem()
  const outcome =
    posted === undefined || !send ? undefined : await postRow(c.var.ledger, c.var.actor, tab, rowFields(posted), idem)
  return { idem, outcome }
}

/** What a form page shows after an answer: its status line, messages, values, status code, key. */
export type FormShown = {
  readonly status: FormStatus | undefined
  readonly errors: FormErrors
  readonly values: Record<string, string>
  readonly httpStatus: number
  /** The idempotency key of the next submit: a new one once a row is stored. */
  readonly idem: string
}

/**
 * A new-row form after its answer. Stored: the page's saved notice, the values it keeps for the
 * next row (none by default) and a new key; refused: the API's problem (logged as the request's
 * problem), its messages next to the inputs `names`, what the person typed, the API's status.
 */
export function newRowShown<K extends DataTabKey>(
  c: Context<FieldEnv>,
  sent: SentForm<K>,
  posted: RawRecord | undefined,
  names: ReadonlySet<string>,
  saved: (outcome: Extract<RowOutcome<K>, { ok: true }>) => {
    readonly status: FormStatus
    readonly keep?: Record<string, string>
  },
): FormShown {
  const { outcome } = sent
  if (outcome === undefined)
    return { status: undefined, errors: {}, values: formValues(posted), httpStatus: 200, idem: sent.idem }
  if (outcome.ok) {
    const { status, keep } = saved(outcome)
    return { status, errors: {}, values: keep ?? {}, httpStatus: outcome.status, idem: newIdem() }
  }
  c.set('problem', outcome.problem.kind)
  const refusal = refusalOf(outcome.problem, c.var.lang, c.var.requestId, names)
  return {
    status: refusedStatus(refusal, c.var.lang),
    errors: refusal.fields,
    values: formValues(posted),
    httpStatus: refusal.status,
    idem: sent.idem,
  }
}

/** A correction form's status line and messages (no idempotency key: PATCH carries a version). */
export type PatchShown = Omit<FormShown, 'idem'>

/**
 * A correction form after its answer (form-patch.ts). A version that no longer matches (a staff
 * edit in the sheet meanwhile) is said with the page's own words, `changed`, and the page shows
 * the row as it is now rather than what was typed; any other refusal puts its messages next to
 * the inputs and keeps what was typed.
 */
export function patchShown(
  c: Context<FieldEnv>,
  answer: FormPatchAnswer,
  posted: RawRecord,
  fields: readonly FormField[],
  words: { readonly saved: Child; readonly changed: Child },
): PatchShown {
  const lang = c.var.lang
  const none = { errors: {}, values: {}, httpStatus: 200 }
  if (answer.kind === 'saved') return { ...none, status: { kind: 'ok', message: words.saved } }
  if (answer.kind === 'unchanged') return { ...none, status: { kind: 'warn', message: tr(lang, 'nothingChanged') } }
  c.set('problem', answer.problem.kind)
  const refusal = refusalOf(answer.problem, lang, c.var.requestId, namesOf(fields))
  if (answer.problem.kind === 'precondition_failed')
    return { ...none, httpStatus: refusal.status, status: { kind: 'bad', message: words.changed } }
  return {
    status: refusedStatus(refusal, lang),
    errors: refusal.fields,
    values: formValues(posted),
    httpStatus: refusal.status,
  }
}

/** The one save button of a form. */
export const SaveButton = (props: { lang: Lang }) => (
  <div class="actions">
    <button type="submit">{tr(props.lang, 'save')}</button>
  </div>
)

/**
 * A new-row form as most pages draw it: its status line and key from `shown`, the page's inputs
 * (`children`), the save button, then `after` (e.g. the way back to the case).
 */
export function SaveForm(
  props: Omit<DataFormProps, 'idem' | 'status' | 'method' | 'etag'> & {
    readonly shown: FormShown
    readonly lang: Lang
    readonly after?: Child
  },
) {
  const { shown, lang, after, children, ...form } = props
  return (
    <DataForm {...form} idem={shown.idem} status={shown.status}>
      {children}
      <SaveButton lang={lang} />
      {after}
    </DataForm>
  )
}
