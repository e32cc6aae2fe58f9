/**
 * @module
 * `/app/goals/new` (issue 8): a SMART goal with its milestone plan. The milestones are written as
 * the sheet holds them (`5:1, 10:3, 15:5`, the column's own help says how) and previewed before
 * saving: "Pratinjau tanggal" posts the form without saving and shows each milestone's calendar
 * date — working day n from the start date, skipping weekends and the Settings tab's holidays
 * (src/domain/milestone-preview.ts) — and the goal's last working day. Works without JavaScript;
 * the preview is also shown next to any refusal, so a milestone past the duration is easy to see.
 */
import type { Context } from 'hono'
import { COLUMN_BY_KEY, decodeCell, type Lang, type RawRecord } from '../../../domain'
import { type MilestonePreview, milestonePreview } from '../../../domain/milestone-preview'
import { todayIn } from '../../../ledger/clock'
import type { FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { DataForm, Fields } from '../form-controls'
import { type FormField, formFields } from '../form-fields'
import { namesOf, newRowShown, postForm, SaveButton, savedStatus } from '../form-page'
import { shortDate, tr } from '../i18n'
import { page, problemPage } from '../page'
import { formText } from '../post-row'

const MAIN_KEYS = [
  'case_id',
  'title',
  'method',
  'techniques',
  'start_date',
  'duration_days',
  'target_count',
  'unit',
  'milestones',
] as const
const MORE_KEYS = ['indicator', 'parties', 'mastery_level', 'success_level', 'weight'] as const

export const goalFields = (view: FieldView, lang: Lang): { main: FormField[]; more: FormField[] } => ({
  main: formFields('goals', MAIN_KEYS, lang, {
    case_id: {
      options: view.cases
        .filter((c) => c.consent_date !== undefined)
        .map((c) => ({ value: c.case_id, label: `${c.case_id} · ${c.initials}` })),
    },
    method: { choices: true },
  }),
  more: formFields('goals', MORE_KEYS, lang),
})

/** The typed value of one goal field as typed, or undefined when blank or not valid yet. */
function typed(form: RawRecord, key: string): unknown {
  const column = COLUMN_BY_KEY.goals.get(key)
  if (column === undefined) return undefined
  const decoded = decodeCell(column, form[key])
  return decoded.ok ? decoded.value : undefined
}

/** The preview of what was typed, or why there is none. */
export function previewOf(
  form: RawRecord,
  holidays: readonly string[],
): { preview: MilestonePreview } | { error: 'no_start' | 'milestones_format' | 'milestones_order' } {
  const start = typed(form, 'start_date')
  if (typeof start !== 'string') return { error: 'no_start' }
  const duration = typed(form, 'duration_days')
  const target = typed(form, 'target_count')
  const result = milestonePreview(
    {
      start_date: start,
      duration_days: typeof duration === 'number' ? duration : undefined,
      target_count: typeof target === 'number' ? target : undefined,
      milestones: typeof form.milestones === 'string' ? form.milestones : '',
    },
    holidays,
  )
  return result.ok ? { preview: result.value } : { error: result.error }
}

function Preview(props: { form: RawRecord; holidays: readonly string[]; lang: Lang }) {
  const { lang } = props
  const result = previewOf(props.form, props.holidays)
  if ('error' in result) {
    return result.error === 'no_start' ? <p class="muted">{tr(lang, 'previewNeedsStart')}</p> : null
  }
  const p = result.preview
  return (
    <section class="card" id="milestone-preview" aria-live="polite">
      <h2>{tr(lang, 'previewTitle')}</h2>
      <dl class="facts">
        <dt>{tr(lang, 'previewDay1')}</dt>
        <dd>{shortDate(p.day1, lang)}</dd>
        {p.last_day === null ? null : (
          <>
            <dt>{tr(lang, 'previewLast')}</dt>
            <dd>{shortDate(p.last_day, lang)}</dd>
          </>
        )}
      </dl>
      {p.rows.length === 0 ? null : (
        <table>
          <thead>
            <tr>
              <th scope="col">{tr(lang, 'day').trim()}</th>
              <th scope="col">{tr(lang, 'tasksWord')}</th>
              <th scope="col">{tr(lang, 'previewTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{r.day}</td>
                <td>{r.count}</td>
                <td>
                  {shortDate(r.date, lang)}
                  {r.beyond_duration ? <strong class="req"> · {tr(lang, 'previewBeyond')}</strong> : null}
                  {r.above_target ? <strong class="req"> · {tr(lang, 'previewAbove')}</strong> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export async function goalFormPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const previewOnly = posted !== undefined && formText(posted, '_action') === 'preview'
  // A preview keeps the form's key: the save that follows it is the same submit.
  const sent = await postForm(c, 'goals', posted, !previewOnly)
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const { main, more } = goalFields(view.value, lang)
  const { status, errors, values, httpStatus, idem } = newRowShown(
    c,
    sent,
    posted,
    namesOf([...main, ...more]),
    (outcome) => ({ status: savedStatus('goals', outcome, lang, `${outcome.row.case_id} · ${outcome.row.title}`) }),
  )
  // A refused goal shows its milestones again, beside the messages.
  const showPreview = previewOnly || sent.outcome?.ok === false
  const shown = { case_id: (c.req.query('case') ?? '').trim().toUpperCase(), start_date: today, ...values }
  return page(
    c,
    httpStatus,
    tr(lang, 'newGoal'),
    <DataForm
      name="goal"
      action="/app/goals/new"
      api="/api/goals"
      csrf={c.var.signedIn.csrf}
      idem={idem}
      status={status}
    >
      <Fields fields={main} lang={lang} values={shown} errors={errors} />
      {showPreview ? <Preview form={posted ?? {}} holidays={view.value.holidays} lang={lang} /> : null}
      <div class="actions">
        <button type="submit" name="_action" value="preview" class="secondary">
          {tr(lang, 'preview')}
        </button>
      </div>
      <details open={more.some((f) => errors[f.name] !== undefined)}>
        <summary>{tr(lang, 'advanced')}</summary>
        <Fields fields={more} lang={lang} values={shown} errors={errors} />
      </details>
      <SaveButton lang={lang} />
    </DataForm>,
  )
}
