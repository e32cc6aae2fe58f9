/**
 * @module
 * `/app/tasks`, what is due (issue 8 point 3): the signed-in worker's list, or for a coordinator
 * everyone's (`?worker=` narrows it), computed by src/domain/due-tasks.ts as of today in the
 * centre's time zone; each item links to the form that resolves it.
 */
import type { Context } from 'hono'
import { todayIn } from '../../../ledger/clock'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { shortDate, tr } from '../i18n'
import { page, problemPage } from '../page'
import { DueLine } from '../pieces'
import { WorkerFilter } from './home'

export async function tasksPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const coordinator = actor.role !== 'worker'
  const worker = coordinator ? c.req.query('worker') || undefined : undefined
  const asOf = todayIn(deps.config.timezone, deps.now())
  const view = await c.var.ledger.fieldView(actor, asOf, worker === undefined ? {} : { worker })
  if (!view.ok) return problemPage(c, view.error)
  const due = view.value.due
  return page(
    c,
    200,
    tr(lang, 'tasks'),
    <>
      <p class="muted">{shortDate(asOf, lang)}</p>
      {coordinator ? <WorkerFilter view={view.value} lang={lang} action="/app/tasks" chosen={worker} /> : null}
      {due.length === 0 ? (
        <p class="notice ok">{tr(lang, 'noItems')}</p>
      ) : (
        <ul class="plain">
          {due.map((item) => (
            <DueLine item={item} lang={lang} showWorker={coordinator} />
          ))}
        </ul>
      )}
    </>,
  )
}
