/**
 * @module
 * `/app/events/new` (issue 9 point 1): a case event — case conference, contract, home visit,
 * termination, referral, follow-up — with the fields of the Events tab's schema (labels, help,
 * controls derived from it as every form's are), posting exactly what `POST /api/events` takes.
 * The domain's rules answer as field errors next to their inputs: a contract or conference before
 * informed consent (on the date), a referral without where (on referred_to), anything but a
 * follow-up after the case was closed (on the date), names among the participant roles.
 * `?case=` and `?kind=` come from the case page and from what is due (a `terminasi` case without
 * a termination event). The cases offered are the actor's active cases, plus the `?case=` one
 * when it is visible but closed (a follow-up after closure is allowed).
 */
import type { Context } from 'hono'
import { type CaseEvent, DEFAULT_LISTS, EVENT_KINDS, type Lang } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { Actor, FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { Fields } from '../form-controls'
import { type FieldOption, type FormField, formFields } from '../form-fields'
import { namesOf, newRowShown, postForm, SaveForm, savedStatus } from '../form-page'
import { problemPage } from '../page'
import { formText } from '../post-row'
import { supervisionPage } from '../supervision-page'
import { st } from '../supervision-text'

const EVENT_KEYS = ['date', 'kind', 'participants', 'summary', 'decisions', 'next_date', 'referred_to'] as const

/** A kind of event in words: `case_conference` → "Konferensi kasus". */
export const eventKindLabel = (kind: string, lang: Lang): string =>
  (EVENT_KINDS as readonly string[]).includes(kind) ? st(lang, `event_${kind as CaseEvent['kind']}`) : kind

export function eventFields(cases: readonly FieldOption[], view: FieldView, actor: Actor, lang: Lang): FormField[] {
  return [
    ...formFields('events', ['case_id'], lang, { case_id: { options: cases } }),
    ...formFields('events', EVENT_KEYS, lang, {
      kind: { options: EVENT_KINDS.map((k) => ({ value: k, label: eventKindLabel(k, lang) })) },
      // The roles of the default list (a centre's own additions in the Lists tab are accepted too).
      participants: { suggestions: DEFAULT_LISTS.participant_role },
    }),
    ...formFields('events', ['worker'], lang, {
      worker:
        actor.role === 'worker'
          ? { hidden: true }
          : { options: view.staff.map((s) => ({ value: s.staff_id, label: s.staff_id })) },
    }),
  ]
}

export async function eventFormPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const asked = (c.req.query('case') ?? '').trim().toUpperCase()
  const sent = await postForm(c, 'events', posted)
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const cases: FieldOption[] = view.value.cases.map((k) => ({
    value: k.case_id,
    label: `${k.case_id} · ${k.initials}`,
  }))
  const chosen = posted === undefined ? asked : formText(posted, 'case_id').trim().toUpperCase()
  if (chosen !== '' && !cases.some((o) => o.value === chosen)) {
    // A closed case (a follow-up after closure): offered when the actor may see it.
    const closed = await c.var.ledger.getCase(actor, chosen, today)
    if (closed.ok)
      cases.push({
        value: closed.value.case.case_id,
        label: `${closed.value.case.case_id} · ${closed.value.case.initials}`,
      })
  }
  const fields = eventFields(cases, view.value, actor, lang)
  const shown = newRowShown(c, sent, posted, namesOf(fields), (outcome) => {
    const e = outcome.row
    return {
      status: savedStatus('events', outcome, lang, `${e.case_id} · ${eventKindLabel(e.kind, lang)} · ${e.date}`),
      keep: { case_id: e.case_id },
    }
  })
  const kind = c.req.query('kind') ?? ''
  const fresh = {
    case_id: asked,
    date: today,
    kind: (EVENT_KINDS as readonly string[]).includes(kind) ? kind : '',
    worker: actor.role === 'worker' ? actor.staffId : '',
  }
  return supervisionPage(
    c,
    shown.httpStatus,
    st(lang, 'newEvent'),
    <SaveForm
      name="event"
      action="/app/events/new"
      api="/api/events"
      csrf={c.var.signedIn.csrf}
      shown={shown}
      lang={lang}
      after={
        chosen === '' ? null : (
          <p>
            <a href={`/app/cases/${encodeURIComponent(chosen)}#events`}>{st(lang, 'backToCase')}</a>
          </p>
        )
      }
    >
      <Fields fields={fields} lang={lang} values={{ ...fresh, ...shown.values }} errors={shown.errors} />
    </SaveForm>,
  )
}
