/**
 * @module
 * `/app`, the home page (issue 8): the signed-in worker's active cases with each goal's TAS level
 * and next milestone, how much is due, and the way to every form. A coordinator first sees the
 * caseload per worker and picks one (`?worker=`), or their own cases.
 */
import type { Context } from 'hono'
import type { Lang } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { humanize, tr } from '../i18n'
import { page, problemPage } from '../page'
import { goalStatusText, LevelBadge, NextMilestone } from '../pieces'

/** The cases of a view as cards: goals with level and next milestone, and what to do next. */
export function CaseCards(props: { view: FieldView; lang: Lang }) {
  const { view, lang } = props
  if (view.cases.length === 0) return <p class="muted">{tr(lang, 'noCases')}</p>
  return (
    <ul class="plain">
      {view.cases.map((c) => {
        const goals = view.goals
          .map((g, i) => ({ goal: g, progress: view.progress[i] }))
          .filter((g) => g.goal.case_id === c.case_id)
        return (
          <li class="card">
            <h2>
              <a href={`/app/cases/${encodeURIComponent(c.case_id)}`}>
                {c.case_id} · {c.initials}
              </a>
            </h2>
            <p class="muted">
              {tr(lang, 'stage')}: {humanize(c.stage)} · {c.worker}
              {c.sync === 'pending' ? ` · ${tr(lang, 'pendingSync')}` : ''}
            </p>
            {goals.length === 0 ? (
              <p class="muted">
                {tr(lang, 'noGoals')}{' '}
                <a href={`/app/goals/new?case=${encodeURIComponent(c.case_id)}`}>{tr(lang, 'newGoal')}</a>
              </p>
            ) : (
              <ul class="plain">
                {goals.map(({ goal, progress }) => (
                  <li>
                    <p>
                      <strong>{goal.title}</strong> <span class="muted">({goal.goal_id})</span>
                      <br />
                      {progress === undefined ? null : <LevelBadge progress={progress} lang={lang} />}{' '}
                      {progress === undefined ? null : <span class="muted">{goalStatusText(progress, lang)}</span>}
                      <br />
                      {progress === undefined ? null : <NextMilestone progress={progress} lang={lang} />}
                    </p>
                    <p>
                      <a class="button secondary" href={`/app/sessions/new?goal=${encodeURIComponent(goal.goal_id)}`}>
                        {tr(lang, 'logSessionFor')}
                      </a>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** A coordinator's worker filter (a GET form: works without JavaScript). */
export function WorkerFilter(props: { view: FieldView; lang: Lang; action: string; chosen: string | undefined }) {
  const { lang } = props
  return (
    <form method="get" action={props.action} class="card">
      <div class="field">
        <label for="f-worker-filter">{tr(lang, 'filterWorker')}</label>
        <select id="f-worker-filter" name="worker">
          <option value="">{tr(lang, 'everyone')}</option>
          {props.view.staff.map((s) => (
            <option value={s.staff_id} selected={s.staff_id === props.chosen}>
              {s.staff_id}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {tr(lang, 'show')}
      </button>
    </form>
  )
}

/** Active cases and due items per worker (a coordinator's overview). */
function Caseload(props: { view: FieldView; lang: Lang }) {
  const { view, lang } = props
  const rows = new Map<string, { cases: number; due: number }>()
  for (const c of view.cases) rows.set(c.worker, { cases: (rows.get(c.worker)?.cases ?? 0) + 1, due: 0 })
  for (const d of view.due) {
    const row = rows.get(d.worker)
    if (row !== undefined) row.due++
  }
  return (
    <div class="scroll">
      <table>
        <caption class="muted">{tr(lang, 'caseload')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(lang, 'filterWorker')}</th>
            <th scope="col">{tr(lang, 'activeCases')}</th>
            <th scope="col">{tr(lang, 'dueCount')}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows].map(([worker, row]) => (
            <tr>
              <td>
                <a href={`/app?worker=${encodeURIComponent(worker)}`}>{worker}</a>
              </td>
              <td>{row.cases}</td>
              <td>
                <a href={`/app/tasks?worker=${encodeURIComponent(worker)}`}>{row.due}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export async function homePage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const coordinator = actor.role !== 'worker'
  const worker = coordinator ? c.req.query('worker') || undefined : undefined
  const view = await c.var.ledger.fieldView(
    actor,
    todayIn(deps.config.timezone, deps.now()),
    worker === undefined ? {} : { worker },
  )
  if (!view.ok) return problemPage(c, view.error)
  const v = view.value
  const dueHref = worker === undefined ? '/app/tasks' : `/app/tasks?worker=${encodeURIComponent(worker)}`
  return page(
    c,
    200,
    coordinator && worker === undefined ? tr(lang, 'allCases') : tr(lang, 'myCases'),
    <>
      <p class="notice warn">
        <a href={dueHref}>
          {tr(lang, 'tasks')}: {v.due.length}
        </a>
      </p>
      {coordinator ? <WorkerFilter view={v} lang={lang} action="/app" chosen={worker} /> : null}
      {coordinator && worker === undefined ? <Caseload view={v} lang={lang} /> : <CaseCards view={v} lang={lang} />}
    </>,
  )
}
