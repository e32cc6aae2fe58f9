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
import { Fields } from '../form-controls'
import { type FormField, formFields } from '../form-fields'
import { idOf, namesOf, newRowShown, postForm, SaveForm, savedStatus } from '../form-page'
import { tr } from '../i18n'
import { page, problemPage } from '../page'

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
  const sent = await postForm(c, 'cases', posted)
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const fields = newCaseFields(view.value, lang)
  const shown = newRowShown(c, sent, posted, namesOf(fields), (outcome) => {
    const k = outcome.row
    const saved = savedStatus('cases', outcome, lang, `${k.initials} · ${k.worker}`)
    const link = `/app/cases/${encodeURIComponent(idOf('cases', k))}`
    return {
      status: {
        kind: saved.kind,
        message: (
          <>
            {saved.message} · <a href={link}>{tr(lang, 'openCase')}</a>
          </>
        ),
      },
    }
  })
  return page(
    c,
    shown.httpStatus,
    tr(lang, 'newCase'),
    <SaveForm
      name="case-new"
      action="/app/cases/new"
      api="/api/cases"
      csrf={c.var.signedIn.csrf}
      shown={shown}
      lang={lang}
    >
      <Fields
        fields={fields}
        lang={lang}
        values={{ stage: 'akses', status: 'aktif', ...shown.values }}
        errors={shown.errors}
      />
    </SaveForm>,
  )
}
