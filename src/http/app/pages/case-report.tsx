/**
 * @module
 * `/app/cases/:id/report?as_of=` (issue 9 point 5): the case report a worker assembles by hand
 * today, from the rows alone, as the record stood on the as-of date (rows dated after it are not
 * in it; withdrawn rows never are): the client's profile (initials only, age not birth date),
 * the assessment summary (findings per tool and domain, BPSS/ILS coverage and triangulation),
 * the intervention plan table (with each goal's approval), the session log, the evaluation table
 * per goal with its milestone curve, the case T-score, the case events, the feedback still open on
 * that date, and a sign-off. Printed on A4 by the supervision stylesheet (a section
 * per page, no navigation). Who may open it: whoever may open the case — its worker, and
 * coordinators and admins; another worker's case is a 404, as in the API (no existence oracle).
 * Free-text session and case notes stay in the sheet: the report carries the structured fields
 * and the assessment findings the issue asks for.
 */
import type { Context } from 'hono'
import {
  APPROVAL_LABELS,
  type Assessment,
  type AssessmentCoverage,
  type Case,
  type CaseEvent,
  type CurvePoint,
  type Feedback,
  type Goal,
  isWithdrawn,
  type Lang,
  lastWorkingDay,
  levelLabel,
  milestoneCurve,
  type Session,
  sessionRating,
} from '../../../domain'
import { ageOn } from '../../../domain/age'
import { assessmentCoverage } from '../../../domain/assessment-coverage'
import { GOAL_STATUS_LABELS, MILESTONE_STATUS_LABELS } from '../../../domain/progress-tab'
import { todayIn } from '../../../ledger/clock'
import type { CaseDetail, CaseFeedback, GoalProgressView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { humanize, optionLabel, shortDate, tr } from '../i18n'
import { problemPage } from '../page'
import { asOfQuery, columnLabel, ScrollTable, supervisionPage } from '../supervision-page'
import { st } from '../supervision-text'
import { MilestoneCurve } from '../svg-charts'
import { eventKindLabel } from './event-form'
import { feedbackKindLabel } from './feedback'

/** Everything the report shows, already narrowed to the as-of date. */
export type ReportData = {
  readonly asOf: string
  /** Today in the centre's time zone, and who opened the report (printed under the title). */
  readonly today: string
  readonly openedBy: string
  readonly detail: CaseDetail
  /** Sessions dated ≤ as_of and not withdrawn, in date order (same day: as logged). */
  readonly sessions: readonly Session[]
  readonly assessments: readonly Assessment[]
  readonly coverage: AssessmentCoverage
  /** Rows left out because they were withdrawn (sessions + assessments dated ≤ as_of). */
  readonly withdrawn: number
  /** Each goal's milestone curve, by goal id. */
  readonly curves: ReadonlyMap<string, readonly CurvePoint[]>
  /** Each goal's last working day, by goal id. */
  readonly lastDays: ReadonlyMap<string, string>
  /** Events dated ≤ as_of, by date. */
  readonly events: readonly CaseEvent[]
  /** Feedback open as of as_of (oldest first). */
  readonly openFeedback: readonly Feedback[]
}

/** The case's rows as of `asOf`: dated on or before it, withdrawn ones counted and left out. */
export function reportData(input: {
  readonly asOf: string
  readonly today: string
  readonly openedBy: string
  readonly detail: CaseDetail
  readonly sessions: readonly Session[]
  readonly assessments: readonly Assessment[]
  readonly holidays: readonly string[]
  readonly events: readonly CaseEvent[]
  /** The case's feedback with `open` as of as_of (the ledger's listFeedback). */
  readonly feedback: CaseFeedback['feedback']
}): ReportData {
  const { asOf, detail } = input
  const dated = <T extends { date: string }>(rows: readonly T[]) => rows.filter((r) => r.date <= asOf)
  const sessionsThen = dated(input.sessions)
  const assessmentsThen = dated(input.assessments)
  const sessions = sessionsThen
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !isWithdrawn(s))
    .sort((a, b) => (a.s.date < b.s.date ? -1 : a.s.date > b.s.date ? 1 : a.i - b.i))
    .map(({ s }) => s)
  const assessments = assessmentsThen.filter((a) => !isWithdrawn(a))
  const curves = new Map<string, readonly CurvePoint[]>()
  const lastDays = new Map<string, string>()
  for (const goal of detail.goals) {
    curves.set(goal.goal_id, milestoneCurve({ goal, sessions, holidays: input.holidays, asOf }))
    lastDays.set(goal.goal_id, lastWorkingDay(goal.start_date, goal.duration_days, input.holidays))
  }
  return {
    asOf,
    today: input.today,
    openedBy: input.openedBy,
    detail,
    sessions,
    assessments,
    coverage: assessmentCoverage(detail.case.case_id, assessments),
    withdrawn: sessionsThen.length - sessions.length + assessmentsThen.length - assessments.length,
    curves,
    lastDays,
    events: dated(input.events).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    openFeedback: input.feedback.filter((f) => f.open),
  }
}

export async function caseReportPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const caseId = c.req.param('id')?.trim().toUpperCase() ?? ''
  const today = todayIn(deps.config.timezone, deps.now())
  const asOf = asOfQuery(c, today)
  if (!asOf.ok) return problemPage(c, asOf.problem)
  const detail = await c.var.ledger.getCase(actor, caseId, asOf.value)
  if (!detail.ok) return problemPage(c, detail.error)
  const id = detail.value.case.case_id
  const [sessions, assessments, events, feedback, view] = await Promise.all([
    c.var.ledger.listSessions(actor, id),
    c.var.ledger.listAssessments(actor, id),
    c.var.ledger.listEvents(actor, id),
    c.var.ledger.listFeedback(actor, id, asOf.value),
    // The Settings tab's holidays (the milestone curves' working days) come with the field view.
    c.var.ledger.fieldView(actor, today, actor.role === 'worker' ? {} : { worker: detail.value.case.worker }),
  ])
  if (!sessions.ok) return problemPage(c, sessions.error)
  if (!assessments.ok) return problemPage(c, assessments.error)
  if (!events.ok) return problemPage(c, events.error)
  if (!feedback.ok) return problemPage(c, feedback.error)
  if (!view.ok) return problemPage(c, view.error)
  const data = reportData({
    asOf: asOf.value,
    today,
    openedBy: actor.staffId,
    detail: detail.value,
    sessions: sessions.value,
    assessments: assessments.value.assessments,
    holidays: view.value.holidays,
    events: events.value,
    feedback: feedback.value.feedback,
  })
  const k = detail.value.case
  return supervisionPage(
    c,
    200,
    `${st(lang, 'report')} ${k.case_id} · ${k.initials}`,
    <CaseReport data={data} lang={lang} />,
    {
      wide: true,
    },
  )
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v))

/** The report's own as-of form and print hint (not printed). */
function ReportTools(props: { caseId: string; asOf: string; lang: Lang }) {
  const { lang } = props
  return (
    <form
      method="get"
      action={`/app/cases/${encodeURIComponent(props.caseId)}/report`}
      class="card no-print report-tools"
    >
      <div class="field">
        <label for="f-as_of">{st(lang, 'reportAsOf')}</label>
        <input id="f-as_of" name="as_of" type="date" value={props.asOf} />
      </div>
      <button type="submit" class="secondary">
        {tr(lang, 'show')}
      </button>
      <p class="muted">{st(lang, 'printHint')}</p>
      <p>
        <a href={`/app/cases/${encodeURIComponent(props.caseId)}`}>{tr(lang, 'openCase')}</a>
      </p>
    </form>
  )
}

export function CaseReport(props: { data: ReportData; lang: Lang }) {
  const { data, lang } = props
  const k = data.detail.case
  return (
    <div class="report">
      <p>
        <strong>{st(lang, 'reportAsOf')}:</strong> {shortDate(data.asOf, lang)}
        <span class="muted">
          {' '}
          · {st(lang, 'printedBy')} {shortDate(data.today, lang)} {st(lang, 'byWord')} {data.openedBy}
        </span>
        <br />
        <span class="muted">{st(lang, 'reportLead')}</span>
      </p>
      <ReportTools caseId={k.case_id} asOf={data.asOf} lang={lang} />
      <section id="profile">
        <h2>1. {st(lang, 'profile')}</h2>
        <Profile k={k} asOf={data.asOf} lang={lang} />
      </section>
      <section id="assessment">
        <h2>2. {st(lang, 'assessmentSummary')}</h2>
        <AssessmentSummary assessments={data.assessments} coverage={data.coverage} lang={lang} />
      </section>
      <section id="plan">
        <h2>3. {st(lang, 'plan')}</h2>
        <PlanTable data={data} lang={lang} />
      </section>
      <section id="sessions">
        <h2>4. {st(lang, 'sessionLog')}</h2>
        <SessionLog sessions={data.sessions} withdrawn={data.withdrawn} lang={lang} />
      </section>
      <section id="evaluation">
        <h2>5. {st(lang, 'evaluation')}</h2>
        {data.detail.goals.length === 0 ? <p class="muted">{st(lang, 'noGoals')}</p> : null}
        {data.detail.goals.map((goal) => (
          <GoalEvaluation
            goal={goal}
            progress={progressOf(data, goal.goal_id)}
            curve={data.curves.get(goal.goal_id) ?? []}
            lang={lang}
          />
        ))}
        <p class="muted">{st(lang, 'evaluationNote')}</p>
        <h3>{st(lang, 'tScoreTitle')}</h3>
        <TScoreTable data={data} lang={lang} />
      </section>
      <section id="events">
        <h2>6. {st(lang, 'events')}</h2>
        <EventsTable events={data.events} lang={lang} />
      </section>
      <section id="open-feedback" class="flow">
        <h2>7. {st(lang, 'openFeedbackCount')}</h2>
        <OpenFeedbackTable feedback={data.openFeedback} lang={lang} />
      </section>
      <section id="sign-off" class="flow">
        <h2>{st(lang, 'signatures')}</h2>
        <div class="sign">
          <div>
            <strong>{st(lang, 'signWorker')}</strong>
            <p />
            <span class="muted">
              {k.worker} · {st(lang, 'nameAndDate')}
            </span>
          </div>
          <div>
            <strong>{st(lang, 'signCoordinator')}</strong>
            <p />
            <span class="muted">{st(lang, 'nameAndDate')}</span>
          </div>
        </div>
      </section>
    </div>
  )
}

const progressOf = (data: ReportData, goalId: string): GoalProgressView | undefined =>
  data.detail.progress.goals.find((p) => p.goal_id === goalId)

/** The profile: every filled staff field of the case row (birth date as age), labelled as the sheet's header. */
function Profile(props: { k: Case; asOf: string; lang: Lang }) {
  const { k, lang } = props
  const age = ageOn(k.birth_date, props.asOf)
  const rows: [string, string][] = [
    [columnLabel('cases', 'case_id', lang), k.case_id],
    [columnLabel('cases', 'initials', lang), k.initials],
    [columnLabel('cases', 'sex', lang), optionLabel('sex', k.sex, lang)],
    [st(lang, 'age'), age === null ? '–' : `${age} ${st(lang, 'yearsOld')}`],
    [columnLabel('cases', 'cluster', lang), humanize(k.cluster)],
    [columnLabel('cases', 'service', lang), humanize(k.service)],
    [columnLabel('cases', 'education', lang), text(k.education)],
    [columnLabel('cases', 'referral_source', lang), text(k.referral_source)],
    [
      columnLabel('cases', 'referral_date', lang),
      k.referral_date === undefined ? '' : shortDate(k.referral_date, lang),
    ],
    [columnLabel('cases', 'worker', lang), k.worker],
    [columnLabel('cases', 'stage', lang), humanize(k.stage)],
    [columnLabel('cases', 'consent_date', lang), k.consent_date === undefined ? '' : shortDate(k.consent_date, lang)],
    [columnLabel('cases', 'status', lang), humanize(k.status)],
    [columnLabel('cases', 'closed_date', lang), k.closed_date === undefined ? '' : shortDate(k.closed_date, lang)],
    [columnLabel('cases', 'closure_reason', lang), text(k.closure_reason)],
    [columnLabel('cases', 'referred_to', lang), text(k.referred_to)],
  ]
  return (
    <dl class="facts">
      {rows
        .filter(([, value]) => value !== '')
        .map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
    </dl>
  )
}

const domainName = (tool: string, domain: string | undefined): string =>
  `${tool.toUpperCase()}${domain === undefined || domain === '' ? '' : ` · ${humanize(domain).toLowerCase()}`}`

function AssessmentSummary(props: { assessments: readonly Assessment[]; coverage: AssessmentCoverage; lang: Lang }) {
  const { assessments, coverage, lang } = props
  if (assessments.length === 0) return <p class="muted">{st(lang, 'noAssessments')}</p>
  const domains = [
    ...coverage.bpss.map((d) => ({ tool: 'bpss', ...d })),
    ...coverage.ils.map((d) => ({ tool: 'ils', ...d })),
  ]
  // Findings grouped by tool and domain, in the order of their first assessment.
  const groups = new Map<string, Assessment[]>()
  for (const a of [...assessments].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
    const key = domainName(a.tool, a.domain)
    groups.set(key, [...(groups.get(key) ?? []), a])
  }
  return (
    <>
      <p>
        {coverage.complete ? st(lang, 'coverageComplete') : st(lang, 'coverageIncomplete')};{' '}
        {coverage.triangulated ? st(lang, 'allTriangulated') : st(lang, 'notAllTriangulated')}.
      </p>
      <ScrollTable
        label={tr(lang, 'coverage')}
        caption={tr(lang, 'coverage')}
        columns={[tr(lang, 'domain'), { num: tr(lang, 'assessments') }, tr(lang, 'sources'), tr(lang, 'triangulated')]}
      >
        <tbody>
          {domains.map((d) => (
            <tr>
              <th scope="row">{domainName(d.tool, d.domain)}</th>
              <td class="num">{d.assessments}</td>
              <td>{d.covered ? d.sources.map((s) => humanize(s).toLowerCase()).join(', ') : tr(lang, 'notCovered')}</td>
              <td>{d.triangulated ? `✓ ${st(lang, 'yes')}` : d.covered ? tr(lang, 'oneSource') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h3>{st(lang, 'findings')}</h3>
      <ScrollTable
        label={st(lang, 'findings')}
        columns={[
          columnLabel('assessments', 'date', lang),
          columnLabel('assessments', 'source', lang),
          columnLabel('assessments', 'method', lang),
          { num: columnLabel('assessments', 'score', lang) },
          columnLabel('assessments', 'finding', lang),
        ]}
      >
        {[...groups].map(([name, rows]) => (
          <tbody>
            <tr>
              <th scope="colgroup" colSpan={5}>
                {name}
              </th>
            </tr>
            {rows.map((a) => (
              <tr>
                <td>{shortDate(a.date, lang)}</td>
                <td>{humanize(a.source).toLowerCase()}</td>
                <td>{humanize(a.method).toLowerCase()}</td>
                <td class="num">{text(a.score)}</td>
                <td>{text(a.finding)}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </ScrollTable>
    </>
  )
}

/** `4 tugas dikuasai dalam 10 hari kerja (Rab 5 Mar 2025 – Rab 19 Mar 2025)`, then the indicator. */
function smartText(goal: Goal, lastDay: string | undefined, lang: Lang): string {
  const unit = goal.unit === undefined || goal.unit === '' ? st(lang, 'tasksUnit') : goal.unit
  const span = lastDay === undefined ? '' : ` (${shortDate(goal.start_date, lang)} – ${shortDate(lastDay, lang)})`
  return `${goal.target_count} ${unit} ${st(lang, 'inWorkingDays')} ${goal.duration_days} ${tr(lang, 'workingDays')}${span}`
}

function PlanTable(props: { data: ReportData; lang: Lang }) {
  const { data, lang } = props
  if (data.detail.goals.length === 0) return <p class="muted">{st(lang, 'noGoals')}</p>
  return (
    <ScrollTable
      label={st(lang, 'plan')}
      columns={[
        columnLabel('goals', 'title', lang),
        st(lang, 'smartTarget'),
        columnLabel('goals', 'milestones', lang),
        columnLabel('goals', 'method', lang),
        columnLabel('goals', 'techniques', lang),
        columnLabel('goals', 'parties', lang),
        st(lang, 'approval'),
      ]}
    >
      <tbody>
        {data.detail.goals.map((g) => {
          const p = progressOf(data, g.goal_id)
          return (
            <tr>
              <th scope="row">
                {g.title} <span class="muted">({g.goal_id})</span>
              </th>
              <td>
                {smartText(g, data.lastDays.get(g.goal_id), lang)}
                {g.indicator === undefined ? null : (
                  <>
                    <br />
                    <span class="muted">
                      {columnLabel('goals', 'indicator', lang)}: {g.indicator}
                    </span>
                  </>
                )}
              </td>
              <td>
                {(p?.milestones ?? []).map((m) => (
                  <>
                    {`${st(lang, 'dayWord')}${m.day} (${shortDate(m.date, lang)}): ${m.target}`}
                    <br />
                  </>
                ))}
              </td>
              <td>{humanize(g.method)}</td>
              <td>{text(g.techniques)}</td>
              <td>{text(g.parties)}</td>
              <td>
                {p === undefined ? '' : APPROVAL_LABELS[p.approval.state][lang]}
                {p === undefined || p.approval.date === null ? null : (
                  <span class="muted">
                    <br />
                    {shortDate(p.approval.date, lang)}
                    {p.approval.from === null ? '' : ` · ${p.approval.from}`}
                  </span>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </ScrollTable>
  )
}

function SessionLog(props: { sessions: readonly Session[]; withdrawn: number; lang: Lang }) {
  const { sessions, lang } = props
  const col = (key: string) => columnLabel('sessions', key, lang)
  return (
    <>
      {sessions.length === 0 ? (
        <p class="muted">{st(lang, 'noSessions')}</p>
      ) : (
        <ScrollTable
          label={st(lang, 'sessionLog')}
          columns={[
            col('date'),
            col('goal_id'),
            col('task'),
            col('assistance'),
            { num: st(lang, 'rating') },
            col('techniques'),
            col('participants'),
            { num: col('duration_min') },
            col('worker'),
          ]}
        >
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>{shortDate(s.date, lang)}</td>
                <td>{s.goal_id}</td>
                <td>{s.task}</td>
                <td>{s.assistance === undefined ? '' : optionLabel('assistance', s.assistance, lang)}</td>
                <td class="num">{text(sessionRating(s))}</td>
                <td>{text(s.techniques)}</td>
                <td>{text(s.participants)}</td>
                <td class="num">{text(s.duration_min)}</td>
                <td>{s.worker}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {props.withdrawn === 0 ? null : (
        <p class="muted">
          {props.withdrawn} {st(lang, 'withdrawnLeftOut')}
        </p>
      )}
    </>
  )
}

function GoalEvaluation(props: {
  goal: Goal
  progress: GoalProgressView | undefined
  curve: readonly CurvePoint[]
  lang: Lang
}) {
  const { goal, progress: p, lang } = props
  if (p === undefined) return null
  const curveId = `curve-${goal.goal_id}`
  return (
    <div class="goal-eval">
      <h3>
        {goal.title} <span class="muted">({goal.goal_id})</span>
      </h3>
      <p>
        {st(lang, 'goalStatus')}: {GOAL_STATUS_LABELS[p.status][lang]}
      </p>
      <ScrollTable
        label={`${st(lang, 'task')} · ${goal.goal_id}`}
        columns={[
          st(lang, 'task'),
          { num: st(lang, 'rating') },
          st(lang, 'masteredCol'),
          { num: st(lang, 'sessionsCol') },
          st(lang, 'lastDate'),
        ]}
      >
        <tbody>
          {p.tasks.length === 0 ? (
            <tr>
              <td colSpan={5} class="muted">
                {st(lang, 'noSessions')}
              </td>
            </tr>
          ) : null}
          {p.tasks.map((t) => (
            <tr>
              <th scope="row">{t.task}</th>
              <td class="num">{String(t.rating)}</td>
              <td>{t.mastered ? `✓ ${st(lang, 'yes')}` : st(lang, 'no')}</td>
              <td class="num">{t.sessions}</td>
              <td>{shortDate(t.last_date, lang)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <dl class="facts eval-figures">
        <dt>{st(lang, 'ratingSum')}</dt>
        <dd>{p.rating_sum}</dd>
        <dt>{st(lang, 'targetCol')}</dt>
        <dd>
          {p.target_count} {st(lang, 'tasksUnit')}
        </dd>
        <dt>{st(lang, 'mean')}</dt>
        <dd>{p.mean.toFixed(2)}</dd>
        <dt>{st(lang, 'levelCol')}</dt>
        <dd>{p.level}</dd>
        <dt>{st(lang, 'labelCol')}</dt>
        <dd>{levelLabel(p.level, lang)}</dd>
        <dt>{st(lang, 'percent')}</dt>
        <dd>{`${p.percent.toFixed(1)} %`}</dd>
        <dt>{st(lang, 'success')}</dt>
        <dd>
          {p.success ? st(lang, 'yes') : st(lang, 'no')}{' '}
          <span class="muted">
            ({columnLabel('goals', 'success_level', lang).toLowerCase()} {p.success_level})
          </span>
        </dd>
      </dl>
      {p.milestones.length === 0 ? null : (
        <ScrollTable
          label={`${st(lang, 'milestonesTitle')} · ${goal.goal_id}`}
          caption={st(lang, 'milestonesTitle')}
          columns={[
            st(lang, 'workingDay'),
            st(lang, 'date'),
            { num: st(lang, 'targetCol') },
            { num: st(lang, 'masteredCol') },
            st(lang, 'statusCol'),
          ]}
        >
          <tbody>
            {p.milestones.map((m) => (
              <tr>
                <th scope="row">{m.day}</th>
                <td>{shortDate(m.date, lang)}</td>
                <td class="num">{m.target}</td>
                <td class="num">{m.mastered}</td>
                <td>{MILESTONE_STATUS_LABELS[m.status][lang]}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <MilestoneCurve
        id={curveId}
        title={`${st(lang, 'curveTitle')} ${goal.goal_id}`}
        curve={{ days: props.curve, milestones: p.milestones, target: p.target_count }}
        lang={lang}
      />
    </div>
  )
}

function TScoreTable(props: { data: ReportData; lang: Lang }) {
  const { data, lang } = props
  const t = data.detail.progress.t_score
  if (t === null) return <p class="muted">{st(lang, 'noGoals')}</p>
  return (
    <>
      <ScrollTable
        label={st(lang, 'tScoreTitle')}
        columns={[
          columnLabel('goals', 'title', lang),
          { num: st(lang, 'levelCol') },
          { num: columnLabel('goals', 'success_level', lang) },
          { num: st(lang, 'weight') },
        ]}
      >
        <tbody>
          {data.detail.goals.map((g) => {
            const p = progressOf(data, g.goal_id)
            return (
              <tr>
                <th scope="row">
                  {g.title} <span class="muted">({g.goal_id})</span>
                </th>
                <td class="num">{text(p?.level)}</td>
                <td class="num">{text(p?.success_level)}</td>
                <td class="num">{text(g.weight ?? 1)}</td>
              </tr>
            )
          })}
        </tbody>
      </ScrollTable>
      <p>
        <strong>
          {tr(lang, 'tScore')}: T = {t.toFixed(2)}
        </strong>
        <br />
        <span class="muted">{st(lang, 'tScoreNote')}</span>
      </p>
    </>
  )
}

/** The case's events up to the as-of date: conferences, contract, visits, termination, referral, follow-up. */
function EventsTable(props: { events: readonly CaseEvent[]; lang: Lang }) {
  const { events, lang } = props
  if (events.length === 0) return <p class="muted">{st(lang, 'noEvents')}</p>
  const col = (key: string) => columnLabel('events', key, lang)
  return (
    <ScrollTable
      label={st(lang, 'events')}
      columns={[col('date'), col('kind'), col('participants'), col('summary'), col('decisions'), col('next_date')]}
    >
      <tbody>
        {events.map((e) => (
          <tr>
            <td>{shortDate(e.date, lang)}</td>
            <th scope="row">
              {eventKindLabel(e.kind, lang)}
              {e.referred_to === undefined ? '' : ` → ${e.referred_to}`}
            </th>
            <td>{text(e.participants)}</td>
            <td>{e.summary}</td>
            <td>{text(e.decisions)}</td>
            <td>{e.next_date === undefined ? '' : shortDate(e.next_date, lang)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

/** Supervisor feedback still waiting for the worker on the as-of date. */
function OpenFeedbackTable(props: { feedback: readonly Feedback[]; lang: Lang }) {
  const { feedback, lang } = props
  if (feedback.length === 0) return <p class="muted">{st(lang, 'none')}</p>
  const col = (key: string) => columnLabel('feedback', key, lang)
  return (
    <ScrollTable
      label={st(lang, 'openFeedbackCount')}
      columns={[col('date'), col('target'), col('kind'), col('from'), col('text')]}
    >
      <tbody>
        {feedback.map((f) => (
          <tr>
            <td>{shortDate(f.date, lang)}</td>
            <th scope="row">{f.target}</th>
            <td>{feedbackKindLabel(f.kind, lang)}</td>
            <td>{f.from}</td>
            <td>{text(f.text)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}
