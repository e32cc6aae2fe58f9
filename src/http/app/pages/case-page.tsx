/**
 * @module
 * `/app/cases/:id` (issue 8): the case — its facts and T-score, each goal with its TAS level and
 * milestone timeline (inline SVG), its sessions, its assessments with BPSS/ILS coverage and
 * triangulation — and the form that changes consent, stage and closure within what the role may
 * change (src/http/field-rules.ts: a worker the process fields of an own case; coordinators every
 * staff field). That form is a PATCH: it sends only the fields that differ from what the page
 * showed, with the row's version (`_etag` → If-Match), so a change someone made in the sheet
 * meanwhile answers 412, said plainly, never an overwrite.
 */
import type { Context } from 'hono'
import {
  type Assessment,
  type AssessmentCoverage,
  type CaseEvent,
  isValidIsoDate,
  isWithdrawn,
  type Lang,
  type Session,
} from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { Actor, CaseDetail, CaseFeedback } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import { FIELD_ACCESS, ROLES_OF_ACCESS } from '../../field-rules'
import { CommentLink, EventsSection, FeedbackSection, GoalApprovalLine } from '../case-supervision'
import type { FieldEnv } from '../field-env'
import { DataForm, Fields, type FormErrors } from '../form-controls'
import { type FormField, formFields } from '../form-fields'
import { type FormStatus, type PatchShown, patchShown, SaveButton } from '../form-page'
import { patchFromForm, shownValue } from '../form-patch'
import { humanize, optionLabel, shortDate, tr } from '../i18n'
import { page, problemPage } from '../page'
import { goalStatusText, LevelBadge, MilestoneTimeline, NextMilestone } from '../pieces'
import { st } from '../supervision-text'
import { mayCorrect } from './row-edit'

/** The case fields the page's form offers, in the order of the process. */
const PROCESS_KEYS = [
  'consent_date',
  'stage',
  'status',
  'closed_date',
  'closure_reason',
  'referred_to',
  'worker',
  'education',
  'notes',
] as const

/** The fields of the form this actor may change (field-rules.ts). */
export function caseFormFields(actor: Actor, staff: readonly string[], lang: Lang): FormField[] {
  const keys = PROCESS_KEYS.filter((k) => ROLES_OF_ACCESS[FIELD_ACCESS.cases[k]].includes(actor.role))
  return formFields('cases', keys, lang, {
    worker: { options: staff.map((s) => ({ value: s, label: s })) },
  })
}

function CoverageTable(props: { coverage: AssessmentCoverage; lang: Lang }) {
  const { coverage, lang } = props
  const rows = [
    ...coverage.bpss.map((d) => ({ tool: 'BPSS', ...d })),
    ...coverage.ils.map((d) => ({ tool: 'ILS', ...d })),
  ]
  return (
    <div class="scroll">
      <table>
        <caption class="muted">{tr(lang, 'coverage')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(lang, 'domain')}</th>
            <th scope="col">{tr(lang, 'sources')}</th>
            <th scope="col">{tr(lang, 'triangulated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr>
              <td>
                {d.tool} {humanize(d.domain).toLowerCase()}
              </td>
              <td>{d.covered ? d.sources.map((s) => humanize(s).toLowerCase()).join(', ') : tr(lang, 'notCovered')}</td>
              <td>{d.triangulated ? `✓ ${tr(lang, 'triangulated')}` : d.covered ? tr(lang, 'oneSource') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Withdrawn rows stay listed, struck through, with when (withdrawal.ts); the rest link to their correction page. */
function RowActions(props: {
  tab: 'sessions' | 'assessments'
  row: Session | Assessment
  id: string
  actor: Actor
  lang: Lang
}) {
  const { row, lang } = props
  if (isWithdrawn(row)) {
    return (
      <span class="muted">
        {' '}
        · {tr(lang, 'withdrawnOn')} {shortDate(String(row.withdrawn_date), lang)}
      </span>
    )
  }
  if (!mayCorrect(props.actor, row)) return null
  return (
    <>
      {' · '}
      <a href={`/app/${props.tab}/${encodeURIComponent(props.id)}/edit`}>{tr(lang, 'correctOrWithdraw')}</a>
    </>
  )
}

function SessionsTable(props: { sessions: readonly Session[]; actor: Actor; lang: Lang }) {
  const { lang } = props
  if (props.sessions.length === 0) return <p class="muted">{tr(lang, 'noSessionYet')}</p>
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{tr(lang, 'previewTitle').split(' ')[0]}</th>
            <th scope="col">{tr(lang, 'goalWord')}</th>
            <th scope="col">{tr(lang, 'tasksWord')}</th>
            <th scope="col">{tr(lang, 'level')}</th>
          </tr>
        </thead>
        <tbody>
          {[...props.sessions].reverse().map((s) => (
            <tr class={isWithdrawn(s) ? 'withdrawn' : undefined}>
              <td>{shortDate(s.date, lang)}</td>
              <td>{s.goal_id}</td>
              <td>{s.task}</td>
              <td>
                {s.rating === undefined ? optionLabel('assistance', s.assistance ?? '', lang) : String(s.rating)}
                <span class="muted"> · {s.worker}</span>
                <RowActions tab="sessions" row={s} id={s.session_id} actor={props.actor} lang={lang} />
                <CommentLink caseId={s.case_id} target={s.session_id} actor={props.actor} lang={lang} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function AssessmentsTable(props: { assessments: readonly Assessment[]; actor: Actor; lang: Lang }) {
  const { lang } = props
  if (props.assessments.length === 0) return null
  return (
    <div class="scroll">
      <table>
        <tbody>
          {props.assessments.map((a) => (
            <tr class={isWithdrawn(a) ? 'withdrawn' : undefined}>
              <td>{shortDate(a.date, lang)}</td>
              <td>
                {a.tool.toUpperCase()} {a.domain === undefined ? '' : humanize(a.domain).toLowerCase()}
              </td>
              <td>
                {humanize(a.source).toLowerCase()} · {humanize(a.method).toLowerCase()}
                {a.score === undefined ? '' : ` · ${a.score}`}
                <RowActions tab="assessments" row={a} id={a.assessment_id} actor={props.actor} lang={lang} />
                <CommentLink caseId={a.case_id} target={a.assessment_id} actor={props.actor} lang={lang} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export async function casePage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const caseId = c.req.param('id')?.trim().toUpperCase() ?? ''
  const today = todayIn(deps.config.timezone, deps.now())
  // Progress as of another day (`?as_of=`), e.g. a case conference looking back; today by default.
  const asked = c.req.query('as_of')
  const asOf = asked !== undefined && isValidIsoDate(asked) ? asked : today
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const staff = actor.role === 'worker' ? [] : await staffIds(c, today)

  let shown: PatchShown = { status: undefined, errors: {}, values: {}, httpStatus: 200 }
  if (posted !== undefined) {
    const before = await c.var.ledger.getCase(actor, caseId, today)
    if (!before.ok) return problemPage(c, before.error)
    const fields = caseFormFields(actor, staff, lang)
    const answer = await patchFromForm(c.var.ledger, {
      tab: 'cases',
      id: before.value.case.case_id,
      current: before.value.case,
      etag: before.value.etag,
      form: posted,
      fields,
      actor,
    })
    // Someone changed the row meanwhile: the page shows it as it is now, and says so plainly.
    shown = patchShown(c, answer, posted, fields, {
      saved: tr(lang, 'updateCaseSaved'),
      changed: tr(lang, 'caseChanged'),
    })
  }
  const { status, errors, values, httpStatus } = shown
  const [detail, sessions, assessments, events, feedback] = await Promise.all([
    c.var.ledger.getCase(actor, caseId, asOf),
    c.var.ledger.listSessions(actor, caseId),
    c.var.ledger.listAssessments(actor, caseId),
    // Issue 9: the case's events and supervisor feedback (case-supervision.tsx draws them).
    c.var.ledger.listEvents(actor, caseId),
    c.var.ledger.listFeedback(actor, caseId, asOf),
  ])
  if (!detail.ok) return problemPage(c, detail.error)
  if (!sessions.ok) return problemPage(c, sessions.error)
  if (!assessments.ok) return problemPage(c, assessments.error)
  if (!events.ok) return problemPage(c, events.error)
  if (!feedback.ok) return problemPage(c, feedback.error)
  return page(
    c,
    httpStatus,
    `${detail.value.case.case_id} · ${detail.value.case.initials}`,
    <CaseBody
      detail={detail.value}
      sessions={sessions.value}
      assessments={assessments.value.assessments}
      coverage={assessments.value.coverage}
      events={events.value}
      feedback={feedback.value.feedback}
      fields={caseFormFields(actor, staff, lang)}
      values={values}
      errors={errors}
      status={status}
      csrf={c.var.signedIn.csrf}
      actor={actor}
      lang={lang}
    />,
  )
}

/** Active staff ids a coordinator may assign (from the field view). */
async function staffIds(c: Context<FieldEnv>, today: string): Promise<string[]> {
  const view = await c.var.ledger.fieldView(c.var.actor, today, {})
  return view.ok ? view.value.staff.map((s) => s.staff_id) : []
}

function CaseBody(props: {
  detail: CaseDetail
  sessions: readonly Session[]
  assessments: readonly Assessment[]
  coverage: AssessmentCoverage
  events: readonly CaseEvent[]
  feedback: CaseFeedback['feedback']
  fields: readonly FormField[]
  values: Record<string, string>
  errors: FormErrors
  status: FormStatus | undefined
  csrf: string
  actor: Actor
  lang: Lang
}) {
  const { detail, lang } = props
  const k = detail.case
  const id = encodeURIComponent(k.case_id)
  const current: Record<string, string> = {}
  for (const f of props.fields) current[f.name] = shownValue((k as Record<string, unknown>)[f.key])
  return (
    <>
      <dl class="facts card">
        <dt>{tr(lang, 'stage')}</dt>
        <dd>{humanize(k.stage)}</dd>
        <dt>{tr(lang, 'filterWorker')}</dt>
        <dd>{k.worker}</dd>
        <dt>{tr(lang, 'tScore')}</dt>
        <dd>{detail.progress.t_score === null ? '–' : detail.progress.t_score.toFixed(2)}</dd>
        <dt>{humanize(k.cluster)}</dt>
        <dd>{humanize(k.service)}</dd>
      </dl>
      <p class="actions">
        <a class="button secondary" href={`/app/goals/new?case=${id}`}>
          {tr(lang, 'newGoal')}
        </a>
        <a class="button secondary" href={`/app/assessments/new?case=${id}`}>
          {tr(lang, 'newAssessment')}
        </a>
        <a class="button secondary" href={`/app/cases/${id}/report`}>
          {st(lang, 'openReport')}
        </a>
      </p>
      <h2>{tr(lang, 'goals')}</h2>
      <form method="get" action={`/app/cases/${id}`} class="card">
        <div class="field">
          <label for="f-as_of">{tr(lang, 'asOf')}</label>
          <input id="f-as_of" name="as_of" type="date" value={detail.progress.as_of} />
        </div>
        <button type="submit" class="secondary">
          {tr(lang, 'show')}
        </button>
      </form>
      {detail.goals.length === 0 ? <p class="muted">{tr(lang, 'noGoals')}</p> : null}
      {detail.goals.map((g) => {
        const p = detail.progress.goals.find((q) => q.goal_id === g.goal_id)
        return (
          <section class="card">
            <h3>
              {g.title} <span class="muted">({g.goal_id})</span>
            </h3>
            {p === undefined ? null : (
              <>
                <p>
                  <LevelBadge progress={p} lang={lang} /> <span class="muted">{goalStatusText(p, lang)}</span>
                  <br />
                  {p.tasks.filter((t) => t.mastered).length} {tr(lang, 'of')} {p.target_count} {tr(lang, 'tasksWord')}{' '}
                  {tr(lang, 'mastered')}
                  <br />
                  <NextMilestone progress={p} lang={lang} />
                </p>
                <MilestoneTimeline progress={p} startDate={g.start_date} durationDays={g.duration_days} lang={lang} />
                <GoalApprovalLine approval={p.approval} caseId={k.case_id} actor={props.actor} lang={lang} />
              </>
            )}
            <a class="button secondary" href={`/app/sessions/new?goal=${encodeURIComponent(g.goal_id)}`}>
              {tr(lang, 'logSessionFor')}
            </a>
          </section>
        )
      })}
      <h2 id="case-form">{tr(lang, 'updateCase')}</h2>
      <DataForm
        name="case"
        action={`/app/cases/${id}`}
        api={`/api/cases/${id}`}
        method="PATCH"
        csrf={props.csrf}
        etag={detail.etag}
        status={props.status}
      >
        <Fields fields={props.fields} lang={lang} values={{ ...current, ...props.values }} errors={props.errors} />
        <SaveButton lang={lang} />
      </DataForm>
      <h2>{tr(lang, 'sessions')}</h2>
      <SessionsTable sessions={props.sessions} actor={props.actor} lang={lang} />
      <h2>{tr(lang, 'assessments')}</h2>
      <CoverageTable coverage={props.coverage} lang={lang} />
      <AssessmentsTable assessments={props.assessments} actor={props.actor} lang={lang} />
      <EventsSection events={props.events} caseId={k.case_id} actor={props.actor} lang={lang} />
      <FeedbackSection feedback={props.feedback} caseId={k.case_id} actor={props.actor} lang={lang} />
    </>
  )
}
