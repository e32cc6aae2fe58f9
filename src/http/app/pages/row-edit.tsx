/**
 * @module
 * `/app/sessions/:id/edit` and `/app/assessments/:id/edit` (issue 8, "Correcting a mistake"),
 * linked from the case page for the rows a worker logged (coordinators: every row). Two forms,
 * both `PATCH /api/<tab>/<id>` with the row's version: correct the fields, or withdraw the row
 * (date and reason) — it stays in the sheet, marked, out of progress and coverage; nothing is
 * deleted. A staff edit in the sheet since the page was shown answers 412, said plainly, and
 * the page shows the row as it is now.
 */
import type { Context } from 'hono'
import { type Lang, type RowOf, staffKey } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { Actor, CorrectableTab, FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import { FIELD_ACCESS, ROLES_OF_ACCESS } from '../../field-rules'
import type { FieldEnv } from '../field-env'
import { DataForm, Fields } from '../form-controls'
import { type FormField, formFields } from '../form-fields'
import { type PatchShown, patchShown } from '../form-page'
import { patchFromForm, shownValue } from '../form-patch'
import { shortDate, tr } from '../i18n'
import { page, problemPage } from '../page'
import { formText } from '../post-row'
import { assessmentFields } from './assessment-form'
import { SESSION_FORM_KEYS, workerField } from './session-form'

const WITHDRAWAL = ['withdrawn_date', 'withdrawn_reason'] as const

/** True when the actor may correct the row (the ledger decides again; this only hides links). */
export const mayCorrect = (actor: Actor, row: { readonly worker: string }): boolean =>
  actor.role !== 'worker' || staffKey(row.worker) === staffKey(actor.staffId)

/** The correction fields of a row: what its new-row form asks, within the field table. */
function correctionFields(tab: CorrectableTab, row: RowOf<CorrectableTab>, view: FieldView, actor: Actor, lang: Lang) {
  const allowed = (f: FormField) =>
    ROLES_OF_ACCESS[(FIELD_ACCESS[tab] as Record<string, 'own' | 'coordinator'>)[f.key] ?? 'coordinator'].includes(
      actor.role,
    )
  if (tab === 'assessments') {
    const tool = (row as RowOf<'assessments'>).tool
    return assessmentFields(view, tool, actor, lang).filter(
      (f) => f.key !== 'tool' && f.control.type !== 'hidden' && allowed(f),
    )
  }
  const goals = view.goals.filter((g) => g.case_id === row.case_id)
  return [
    ...formFields('sessions', ['goal_id', ...SESSION_FORM_KEYS], lang, {
      goal_id: { options: goals.map((g) => ({ value: g.goal_id, label: `${g.title} (${g.goal_id})` })) },
      task: { suggestions: goals.flatMap((g) => view.tasks[g.goal_id] ?? []) },
      assistance: { choices: true },
    }),
    ...workerField('sessions', view, actor, lang),
  ].filter((f) => f.control.type !== 'hidden' && allowed(f))
}

export async function rowEditPage(c: Context<FieldEnv>, deps: AppDeps, tab: CorrectableTab) {
  const lang = c.var.lang
  const actor = c.var.actor
  const id = (c.req.param('id') ?? '').trim().toUpperCase()
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const word = tab === 'sessions' ? tr(lang, 'session') : tr(lang, 'assessment')
  const before = await c.var.ledger.getRow(actor, tab, id)
  if (!before.ok) return problemPage(c, before.error)
  // Seeing a row (its case is yours) is not changing it (it must be yours): as PATCH answers.
  if (!mayCorrect(actor, before.value.row)) {
    return problemPage(c, { kind: 'not_found', resource: tab === 'sessions' ? 'session' : 'assessment', id })
  }
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const correct = correctionFields(tab, before.value.row, view.value, actor, lang)
  const withdraw = formFields(tab, WITHDRAWAL, lang)
  const which = posted === undefined ? undefined : formText(posted, '_action') === 'withdraw' ? 'withdraw' : 'correct'
  const fields = which === 'withdraw' ? withdraw : correct

  let shown: PatchShown = { status: undefined, errors: {}, values: {}, httpStatus: 200 }
  if (posted !== undefined) {
    const answer = await patchFromForm(c.var.ledger, {
      tab,
      id,
      current: before.value.row,
      etag: before.value.etag,
      form: posted,
      fields,
      actor,
    })
    shown = patchShown(c, answer, posted, fields, {
      saved: `${tr(lang, 'savedAs')}: ${word} ${id}`,
      changed: tr(lang, 'rowChanged'),
    })
  }
  const { status, errors, values, httpStatus } = shown
  // After a change, the row as it is now (its new version for the next change).
  const now = posted === undefined ? before : await c.var.ledger.getRow(actor, tab, id)
  if (!now.ok) return problemPage(c, now.error)
  const row = now.value.row as Record<string, unknown>
  const current: Record<string, string> = {}
  for (const f of [...correct, ...withdraw]) current[f.name] = shownValue(row[f.key])
  if (current.withdrawn_date === '') current.withdrawn_date = today
  const api = `/api/${tab}/${encodeURIComponent(id)}`
  const action = `/app/${tab}/${encodeURIComponent(id)}/edit`
  const statusOf = (form: 'correct' | 'withdraw') => (which === form ? status : undefined)
  return page(
    c,
    httpStatus,
    `${tr(lang, 'correct')}: ${word} ${id}`,
    <>
      <p>
        <a href={`/app/cases/${encodeURIComponent(String(row.case_id))}`}>
          {tr(lang, 'caseWord')} {String(row.case_id)}
        </a>
        {now.value.withdrawn ? (
          <strong class="req">
            {' '}
            · {tr(lang, 'withdrawnOn')} {shortDate(String(row.withdrawn_date), lang)}
          </strong>
        ) : null}
      </p>
      <DataForm
        name="correct"
        action={action}
        api={api}
        method="PATCH"
        csrf={c.var.signedIn.csrf}
        etag={now.value.etag}
        status={statusOf('correct')}
      >
        <Fields
          fields={correct}
          lang={lang}
          values={{ ...current, ...(which === 'correct' ? values : {}) }}
          errors={which === 'correct' ? errors : {}}
        />
        <div class="actions">
          <button type="submit" name="_action" value="correct">
            {tr(lang, 'save')}
          </button>
        </div>
      </DataForm>
      <h2>{tr(lang, 'withdraw')}</h2>
      <p class="muted">{tr(lang, 'withdrawLead')}</p>
      <DataForm
        name="withdraw"
        action={action}
        api={api}
        method="PATCH"
        csrf={c.var.signedIn.csrf}
        etag={now.value.etag}
        status={statusOf('withdraw')}
      >
        <Fields
          fields={withdraw}
          lang={lang}
          values={{ ...current, ...(which === 'withdraw' ? values : {}) }}
          errors={which === 'withdraw' ? errors : {}}
        />
        <div class="actions">
          <button type="submit" name="_action" value="withdraw" class="secondary">
            {tr(lang, 'withdraw')}
          </button>
        </div>
      </DataForm>
    </>,
  )
}
