/**
 * @module
 * `/app/sessions/group` (issue 8): one group session — the cooking class — for several clients.
 * Step 1 picks the clients (a GET form: `?case=K-0001&case=K-0002`); step 2 gives each client a
 * row (`<i>.goal_id`, `<i>.task`, `<i>.assistance`, `<i>.rating`, with `<i>.case_id` hidden)
 * under the shared fields (date, techniques, participants, duration, notes, worker). Saving posts
 * one session row per client, each on its own with its own idempotency key (`<_idem>.<i>`), so
 * each row is answered on its own — saved with its id, or what to fix — and sending the form
 * again after a fix never stores a saved row twice (layout.tsx (iii), group forms).
 */
import type { Context } from 'hono'
import type { Lang, RawRecord } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { Actor, CaseSummary, FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { DataForm, Fields, type FormErrors, StatusSlot } from '../form-controls'
import { refusalOf } from '../form-errors'
import { type FormField, formFields } from '../form-fields'
import { type FormStatus, formValues, idOf, namesOf, refusedStatus } from '../form-page'
import { tr } from '../i18n'
import { newIdem, page, problemPage } from '../page'
import { formText, postRow, type RowOutcome } from '../post-row'
import { workerField } from './session-form'

/** Fields each client's row has, and the fields every row shares. */
const ROW_KEYS = ['goal_id', 'task', 'assistance', 'rating'] as const
const SHARED_KEYS = ['date', 'techniques', 'participants', 'duration_min', 'notes'] as const
/** The most clients one form takes (a class, not the whole centre). */
const MAX_ROWS = 20

/** The fields of row `i` (1-based) for case `c`: its goals, their earlier tasks. */
function rowFields(view: FieldView, c: CaseSummary, i: number, lang: Lang): FormField[] {
  const goals = view.goals.filter((g) => g.case_id === c.case_id)
  const tasks = [...new Set(goals.flatMap((g) => view.tasks[g.goal_id] ?? []))]
  return [
    ...formFields('sessions', ['case_id'], lang, { case_id: { hidden: true, name: `${i}.case_id` } }),
    ...formFields('sessions', ROW_KEYS, lang, {
      goal_id: {
        name: `${i}.goal_id`,
        options: goals.map((g) => ({ value: g.goal_id, label: `${g.title} (${g.goal_id})` })),
      },
      task: { name: `${i}.task`, suggestions: tasks },
      assistance: { name: `${i}.assistance`, choices: true },
      rating: { name: `${i}.rating` },
    }),
  ]
}

const sharedFields = (view: FieldView, actor: Actor, lang: Lang): FormField[] => [
  ...formFields('sessions', SHARED_KEYS, lang),
  ...workerField('sessions', view, actor, lang),
]

/** The rows of a posted group form, by index: row fields without their prefix, plus the shared ones. */
export function groupRows(form: RawRecord): { index: number; fields: Record<string, unknown> }[] {
  const shared: Record<string, unknown> = {}
  const rows = new Map<number, Record<string, unknown>>()
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith('_')) continue
    const m = /^(\d{1,2})\.(.+)$/.exec(name)
    if (m === null) {
      shared[name] = value
      continue
    }
    const index = Number(m[1])
    if (index < 1 || index > MAX_ROWS) continue
    rows.set(index, { ...rows.get(index), [m[2] as string]: value })
  }
  return [...rows]
    .filter(([, row]) => typeof row.case_id === 'string' && row.case_id.trim() !== '')
    .sort(([a], [b]) => a - b)
    .map(([index, row]) => ({ index, fields: { ...shared, ...row } }))
}

/** Cases a group session can be logged for: active, consented, with a goal. */
const eligible = (view: FieldView): CaseSummary[] =>
  view.cases.filter((c) => c.consent_date !== undefined && view.goals.some((g) => g.case_id === c.case_id))

function CasePicker(props: { view: FieldView; lang: Lang; chosen: readonly string[] }) {
  const { lang } = props
  const cases = eligible(props.view)
  if (cases.length === 0) return <p class="notice warn">{tr(lang, 'noConsentCases')}</p>
  return (
    <form method="get" action="/app/sessions/group" class="card">
      <fieldset class="field">
        <legend>{tr(lang, 'chooseCases')}</legend>
        <span class="help">{tr(lang, 'chooseCasesLead')}</span>
        {cases.map((c) => (
          <label class="check">
            <input type="checkbox" name="case" value={c.case_id} checked={props.chosen.includes(c.case_id)} />
            <span>
              {c.case_id} · {c.initials}
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit">{tr(lang, 'next')}</button>
    </form>
  )
}

export async function groupSessionPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const v = view.value
  let idem = formText(posted ?? {}, '_idem') || newIdem()

  // The chosen clients: from the query on GET, from the posted rows on POST.
  const chosenIds =
    posted === undefined
      ? [...new Set(c.req.queries('case') ?? [])].map((id) => id.trim().toUpperCase())
      : groupRows(posted).map((r) => String(r.fields.case_id).trim().toUpperCase())
  const chosen = chosenIds
    .map((id) => v.cases.find((k) => k.case_id === id))
    .filter((k): k is CaseSummary => k !== undefined)
    .slice(0, MAX_ROWS)
  if (chosen.length === 0) {
    return page(c, 200, tr(lang, 'groupSession'), <CasePicker view={v} lang={lang} chosen={[]} />)
  }

  const rows = chosen.map((k, i) => ({ index: i + 1, theCase: k, fields: rowFields(v, k, i + 1, lang) }))
  const shared = sharedFields(v, actor, lang)
  let values: Record<string, string> = formValues(posted)
  const errors: Record<string, string> = {}
  const rowStatus = new Map<number, FormStatus>()
  let status: FormStatus | undefined
  let httpStatus = 200

  if (posted !== undefined) {
    const outcomes: { index: number; outcome: RowOutcome<'sessions'> }[] = []
    for (const row of groupRows(posted)) {
      outcomes.push({
        index: row.index,
        outcome: await postRow(c.var.ledger, actor, 'sessions', row.fields, `${idem}.${row.index}`),
      })
    }
    const sharedNames = namesOf(shared)
    for (const { index, outcome } of outcomes) {
      if (outcome.ok) {
        const pending = outcome.status === 202
        rowStatus.set(index, {
          kind: pending ? 'warn' : 'ok',
          message: `${pending ? tr(lang, 'pendingAs') : tr(lang, 'rowSaved')}: ${tr(lang, 'session')} ${idOf('sessions', outcome.row)}${outcome.replayed ? ` (${tr(lang, 'replayed')})` : ''}`,
        })
        continue
      }
      const rowNames = namesOf(rows.find((r) => r.index === index)?.fields ?? [])
      // A row's messages go next to its own fields; a shared field's message, next to that field.
      const refusal = refusalOf(outcome.problem, lang, c.var.requestId, rowNames, `${index}.`)
      Object.assign(errors, refusal.fields)
      const sharedRefusal = refusalOf(outcome.problem, lang, c.var.requestId, sharedNames)
      for (const [name, message] of Object.entries(sharedRefusal.fields)) errors[name] ??= message
      const others = refusal.others.filter((m) => !Object.values(sharedRefusal.fields).includes(m))
      rowStatus.set(index, refusedStatus({ ...refusal, others }, lang))
    }
    const failed = outcomes.filter((o) => !o.outcome.ok).length
    if (failed === 0) {
      status = { kind: 'ok', message: tr(lang, 'groupSavedAll') }
      httpStatus = outcomes.some((o) => o.outcome.ok && o.outcome.status === 202) ? 202 : 201
      idem = newIdem()
      values = {}
    } else {
      c.set('problem', 'group_rows_refused')
      status = { kind: 'bad', message: tr(lang, 'groupSomeFailed') }
      httpStatus = 422
    }
  }

  const fresh: Record<string, string> = {
    date: today,
    worker: actor.role === 'worker' ? actor.staffId : (chosen[0]?.worker ?? ''),
  }
  for (const r of rows) {
    fresh[`${r.index}.case_id`] = r.theCase.case_id
    const goals = v.goals.filter((g) => g.case_id === r.theCase.case_id)
    if (goals.length === 1) fresh[`${r.index}.goal_id`] = goals[0]?.goal_id ?? ''
  }
  const shown = { ...fresh, ...values }
  return page(
    c,
    httpStatus,
    tr(lang, 'groupSession'),
    <DataForm
      name="group"
      action="/app/sessions/group"
      api="/api/sessions"
      csrf={c.var.signedIn.csrf}
      idem={idem}
      rows={rows.length}
      status={status}
    >
      {rows.map((r) => (
        <fieldset class="card">
          <legend>
            {tr(lang, 'groupRow')} {r.index}: {r.theCase.case_id} · {r.theCase.initials}
          </legend>
          <StatusSlot id={`status-group-${r.index}`} kind={rowStatus.get(r.index)?.kind}>
            {rowStatus.get(r.index)?.message}
          </StatusSlot>
          <Fields fields={r.fields} lang={lang} values={shown} errors={errors as FormErrors} />
        </fieldset>
      ))}
      <fieldset class="card">
        <legend>{tr(lang, 'groupShared')}</legend>
        <Fields fields={shared} lang={lang} values={shown} errors={errors as FormErrors} />
      </fieldset>
      <div class="actions">
        <button type="submit">{tr(lang, 'saveAll')}</button>
        <a class="button secondary" href="/app/sessions/group">
          {tr(lang, 'change')}
        </a>
      </div>
    </DataForm>,
  )
}
