/**
 * @module
 * `/app/sessions/new` (issue 8): case → goal of that case (one tap in a list of the worker's
 * goals; `?goal=` keeps it) → task (the goal's earlier tasks suggested, a new one allowed) →
 * assistance as big buttons → optional rating 0–4/N → date (today in the centre's time zone),
 * techniques, participants, duration, notes. Posts to the same route without JavaScript and to
 * `POST /api/sessions` with it (data-api); the same codecs and ledger either way.
 */
import type { Context } from 'hono'
import type { Goal, Lang } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { Actor, FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { Fields, type FormValues } from '../form-controls'
import { type FieldOption, type FormField, formFields } from '../form-fields'
import { type FormShown, namesOf, newRowShown, postForm, SaveForm, savedStatus } from '../form-page'
import { optionLabel, tr } from '../i18n'
import { page, problemPage } from '../page'
import { LevelBadge } from '../pieces'
import { formText } from '../post-row'

/** The session columns the form asks for, in the order a worker fills them in after a session. */
export const SESSION_FORM_KEYS = [
  'task',
  'assistance',
  'rating',
  'date',
  'techniques',
  'participants',
  'duration_min',
  'notes',
] as const

/** Who a row is logged for: a worker always themselves; a coordinator may name another worker. */
export function workerField(
  tab: 'sessions' | 'assessments',
  view: FieldView,
  actor: Actor,
  lang: Lang,
  name = 'worker',
) {
  const staffOptions: FieldOption[] = view.staff.map((s) => ({ value: s.staff_id, label: s.staff_id }))
  return formFields(tab, ['worker'], lang, {
    worker: actor.role === 'worker' ? { hidden: true, name } : { options: staffOptions, name },
  })
}

export function sessionFields(view: FieldView, goal: Goal, actor: Actor, lang: Lang): FormField[] {
  return [
    ...formFields('sessions', ['case_id', 'goal_id'], lang, { case_id: { hidden: true }, goal_id: { hidden: true } }),
    ...formFields('sessions', SESSION_FORM_KEYS, lang, {
      task: { suggestions: view.tasks[goal.goal_id] ?? [] },
      assistance: { choices: true },
    }),
    ...workerField('sessions', view, actor, lang),
  ]
}

/** Step 1: the worker's goals, by case, each one tap away. */
function GoalChooser(props: { view: FieldView; lang: Lang; base: string }) {
  const { view, lang } = props
  const withGoals = view.cases.filter((c) => view.goals.some((g) => g.case_id === c.case_id))
  if (withGoals.length === 0) {
    return (
      <p class="notice warn">
        {tr(lang, 'noGoals')} <a href="/app/goals/new">{tr(lang, 'newGoal')}</a>
      </p>
    )
  }
  return (
    <>
      <p>{tr(lang, 'chooseGoalLead')}</p>
      {withGoals.map((c) => (
        <section class="card">
          <h2>
            {c.case_id} · {c.initials}
          </h2>
          <ul class="nav-list">
            {view.goals.map((g, i) =>
              g.case_id !== c.case_id ? null : (
                <li>
                  <a href={`${props.base}?goal=${encodeURIComponent(g.goal_id)}`}>
                    <span>
                      {g.title} <span class="muted">({g.goal_id})</span>
                      <br />
                      {view.progress[i] === undefined ? null : <LevelBadge progress={view.progress[i]} lang={lang} />}
                    </span>
                  </a>
                </li>
              ),
            )}
          </ul>
        </section>
      ))}
    </>
  )
}

function SessionForm(props: {
  view: FieldView
  goal: Goal
  fields: FormField[]
  lang: Lang
  csrf: string
  shown: FormShown
  values: FormValues
}) {
  const { view, goal, lang } = props
  const theCase = view.cases.find((c) => c.case_id === goal.case_id)
  return (
    <SaveForm
      name="session"
      action="/app/sessions/new"
      api="/api/sessions"
      csrf={props.csrf}
      shown={props.shown}
      lang={lang}
    >
      <dl class="facts card">
        <dt>{tr(lang, 'caseWord')}</dt>
        <dd>
          {goal.case_id} · {theCase?.initials ?? ''}
        </dd>
        <dt>{tr(lang, 'goalWord')}</dt>
        <dd>
          {goal.title} ({goal.goal_id}) · <a href="/app/sessions/new">{tr(lang, 'change')}</a>
        </dd>
      </dl>
      <Fields fields={props.fields} lang={lang} values={props.values} errors={props.shown.errors} />
    </SaveForm>
  )
}

const freshValues = (goal: Goal, actor: Actor, today: string, view: FieldView): Record<string, string> => ({
  case_id: goal.case_id,
  goal_id: goal.goal_id,
  date: today,
  worker: actor.role === 'worker' ? actor.staffId : (view.cases.find((c) => c.case_id === goal.case_id)?.worker ?? ''),
})

export async function sessionFormPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const sent = await postForm(c, 'sessions', posted)
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  // The next session is for the goal just logged (a fresh form for the same goal).
  const goalId =
    sent.outcome?.ok === true
      ? sent.outcome.row.goal_id
      : posted === undefined
        ? (c.req.query('goal') ?? '').trim().toUpperCase()
        : formText(posted, 'goal_id')
  const goal = view.value.goals.find((g) => g.goal_id === goalId)
  const fields = goal === undefined ? [] : sessionFields(view.value, goal, actor, lang)
  const shown = newRowShown(c, sent, posted, namesOf(fields), (outcome) => {
    const s = outcome.row
    const how = s.rating === undefined ? optionLabel('assistance', s.assistance ?? '', lang) : `${s.rating}`
    return { status: savedStatus('sessions', outcome, lang, `${s.task} · ${how} · ${s.date}`) }
  })
  const { status } = shown
  if (goal === undefined) {
    return page(
      c,
      shown.httpStatus,
      tr(lang, 'chooseGoal'),
      <>
        {status === undefined ? null : <p class={`notice ${status.kind}`}>{status.message}</p>}
        <GoalChooser view={view.value} lang={lang} base="/app/sessions/new" />
      </>,
    )
  }
  return page(
    c,
    shown.httpStatus,
    tr(lang, 'newSession'),
    <SessionForm
      view={view.value}
      goal={goal}
      fields={fields}
      lang={lang}
      csrf={c.var.signedIn.csrf}
      shown={shown}
      values={{ ...freshValues(goal, actor, today, view.value), ...shown.values }}
    />,
  )
}
