/**
 * @module
 * `/app/cases/new` (issue 8; coordinators and admins, as `POST /api/cases`): a referral — initials
 * only, sex, birth date, cluster (the Lists tab's list in force), service, the referral, the
 * assigned worker (active staff), the stage (`akses` by default) and, when it is already given,
 * informed consent. Closure fields belong to the case page, later.
 */
import type { Context } from 'hono'
import type { Lang, Lists } from '../../../domain'
import { DEFAULT_LISTS } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { DataForm, Fields, type FormErrors, type NoticeKind } from '../form-controls'
import { refusalOf } from '../form-errors'
import { type FormField, formFields } from '../form-fields'
import { formValues, idOf, namesOf, refusedStatus, savedStatus } from '../form-page'
import { tr } from '../i18n'
import { newIdem, page, problemPage } from '../page'
import { formText, postRow, rowFields } from '../post-row'

const CASE_KEYS = [
  'initials',
  'sex',
  'birth_date',
  'cluster',
  'service',
  'education',
  'referral_source',
  'referral_date',
  'worker',
  'stage',
  'consent_date',
  'status',
  'notes',
] as const

export function newCaseFields(view: FieldView, lang: Lang): FormField[] {
  const lists: Lists = { ...DEFAULT_LISTS, cluster: view.clusters }
  return formFields(
    'cases',
    CASE_KEYS,
    lang,
    {
      sex: { choices: true },
      worker: { options: view.staff.map((s) => ({ value: s.staff_id, label: s.staff_id })) },
    },
    lists,
  )
}

export async function caseFormPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  if (actor.role === 'worker') return problemPage(c, { kind: 'forbidden', reason: 'role' })
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  let idem = formText(posted ?? {}, '_idem') || newIdem()
  const outcome =
    posted === undefined ? undefined : await postRow(c.var.ledger, actor, 'cases', rowFields(posted), idem)
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const fields = newCaseFields(view.value, lang)
  let values: Record<string, string> = formValues(posted)
  let errors: FormErrors = {}
  let status: { kind: NoticeKind; message: unknown } | undefined
  let httpStatus = 200
  if (outcome?.ok === true) {
    const k = outcome.row
    const saved = savedStatus('cases', outcome, lang, `${k.initials} · ${k.worker}`)
    status = {
      kind: saved.kind,
      message: (
        <>
          {saved.message} · <a href={`/app/cases/${encodeURIComponent(idOf('cases', k))}`}>{tr(lang, 'openCase')}</a>
        </>
      ),
    }
    httpStatus = outcome.status
    values = {}
    idem = newIdem()
  } else if (outcome?.ok === false) {
    c.set('problem', outcome.problem.kind)
    const refusal = refusalOf(outcome.problem, lang, c.var.requestId, namesOf(fields))
    errors = refusal.fields
    status = refusedStatus(refusal, lang)
    httpStatus = refusal.status
  }
  return page(
    c,
    httpStatus,
    tr(lang, 'newCase'),
    <DataForm
      name="case-new"
      action="/app/cases/new"
      api="/api/cases"
      csrf={c.var.signedIn.csrf}
      idem={idem}
      status={status as never}
    >
      <Fields fields={fields} lang={lang} values={{ stage: 'akses', status: 'aktif', ...values }} errors={errors} />
      <div class="actions">
        <button type="submit">{tr(lang, 'save')}</button>
      </div>
    </DataForm>,
  )
}
