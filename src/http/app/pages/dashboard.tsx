/**
 * @module
 * `/app/dashboard?as_of=` (issue 9 point 3; coordinators and admins): the dashboard a coordinator
 * reads before a case conference — goals by status, TAS levels, caseload per worker, the stage
 * funnel, active cases by cluster × service (the table the centre reports upward every month),
 * all cases by status, goals behind plan, open feedback older than 3 working days, and each
 * goal's milestone curve. Every figure is the domain's one dashboard function's (the ledger's
 * `dashboard` RPC: the same figures as the `Dashboard` tab and `GET /api/dashboard` for the same
 * as-of date); this page only draws them: inline SVG charts, each with its table.
 * The curves come a page at a time ({@link CURVES_PER_PAGE}, `?page=`), goals behind plan first,
 * so a centre with hundreds of goals still loads a light page on a phone.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type {
  ApprovalState,
  ClusterServiceMatrix,
  GoalBehind,
  GoalCounts,
  GoalStatus,
  Lang,
  StaleFeedback,
} from '../../../domain'
import { APPROVAL_LABELS, APPROVAL_STATES, levelLabel } from '../../../domain'
import { GOAL_STATUS_LABELS } from '../../../domain/progress-tab'
import { todayIn } from '../../../ledger/clock'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { humanize, shortDate, tr } from '../i18n'
import { problemPage } from '../page'
import { asOfQuery, columnLabel, ScrollRegion, ScrollTable, supervisionPage } from '../supervision-page'
import { st } from '../supervision-text'
import { BarChart, type CurveDay, MilestoneCurve } from '../svg-charts'

/** How many goals' curves one dashboard page draws. */
export const CURVES_PER_PAGE = 8

/**
 * The figures this page draws — the fields of the domain's dashboard summary it reads (a
 * `DashboardSummary` fits), so the page cannot show a figure the summary does not hold. The
 * rows of goals behind plan and of stale feedback are the domain's own types; the rest is
 * loosened to what the page reads (no `label` on a level, any string for a stage).
 */
export type DashboardFigures = {
  readonly as_of: string
  readonly week: { readonly start: string; readonly end: string }
  readonly active_cases: number
  readonly sessions_this_week: number
  readonly open_feedback: number
  readonly goals: GoalCounts
  readonly tas_levels: readonly { readonly level: number; readonly count: number }[]
  readonly approvals: { readonly [K in ApprovalState]: number }
  readonly caseload: readonly {
    readonly worker: string
    readonly active_cases: number
    readonly sessions_this_week: number
  }[]
  readonly by_stage: readonly { readonly stage: string; readonly count: number; readonly reached: number }[]
  readonly by_cluster_service: ClusterServiceMatrix
  readonly by_status: readonly { readonly status: string; readonly count: number }[]
  readonly goals_behind: readonly GoalBehind[]
  readonly feedback_stale: readonly StaleFeedback[]
  readonly curves: readonly {
    readonly goal_id: string
    readonly case_id: string
    readonly title: string
    readonly points: readonly CurveDay[]
  }[]
}

/** The goal statuses in the Dashboard tab's order. */
const STATUS_ORDER: readonly GoalStatus[] = ['on_track', 'behind', 'completed', 'not_started']

const caseHref = (caseId: string): string => `/app/cases/${encodeURIComponent(caseId)}`

/** The curves in the order the page draws them: goals behind plan first, then by case and goal. */
export function orderedCurves(f: DashboardFigures): DashboardFigures['curves'] {
  const behind = new Set(f.goals_behind.map((g) => g.goal_id))
  return [...f.curves.filter((c) => behind.has(c.goal_id)), ...f.curves.filter((c) => !behind.has(c.goal_id))]
}

/** `/app/dashboard?as_of=…&page=n`: the page of the curves that holds a goal's. */
export function curvePageHref(f: DashboardFigures, goalId: string, asOfInUrl: boolean): string {
  const index = orderedCurves(f).findIndex((c) => c.goal_id === goalId)
  const page = Math.floor(Math.max(0, index) / CURVES_PER_PAGE) + 1
  const query = [asOfInUrl ? `as_of=${f.as_of}` : '', page > 1 ? `page=${page}` : ''].filter((q) => q !== '')
  return `/app/dashboard${query.length === 0 ? '' : `?${query.join('&')}`}#curve-${encodeURIComponent(goalId)}`
}

function Card(props: { id: string; title: string; span?: boolean; children: Child }) {
  return (
    <section class={props.span === true ? 'card span' : 'card'} id={props.id} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
    </section>
  )
}

function ClusterServiceTable(props: { m: ClusterServiceMatrix; lang: Lang }) {
  const { m, lang } = props
  return (
    <ScrollTable
      label={st(lang, 'clusterService')}
      columns={[st(lang, 'clusterCol'), ...m.services.map((s) => ({ num: humanize(s) })), { num: st(lang, 'total') }]}
    >
      <tbody>
        {m.clusters.map((cluster, i) => (
          <tr>
            <th scope="row">{humanize(cluster)}</th>
            {(m.counts[i] ?? []).map((n) => (
              <td class="num">{n}</td>
            ))}
            <td class="num">{m.cluster_totals[i] ?? 0}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{st(lang, 'total')}</th>
          {m.service_totals.map((n) => (
            <td class="num">{n}</td>
          ))}
          <td class="num">{m.total}</td>
        </tr>
      </tfoot>
    </ScrollTable>
  )
}

function GoalsBehindTable(props: { f: DashboardFigures; asOfInUrl: boolean; lang: Lang }) {
  const { f, lang } = props
  if (f.goals_behind.length === 0) return <p class="muted">{st(lang, 'none')}</p>
  return (
    <ScrollTable
      label={st(lang, 'goalsBehind')}
      columns={[
        columnLabel('goals', 'title', lang),
        columnLabel('cases', 'case_id', lang),
        st(lang, 'workerCol'),
        { num: st(lang, 'missedMilestones') },
        { num: st(lang, 'masteredOfTarget') },
        { num: st(lang, 'levelCol') },
      ]}
    >
      <tbody>
        {f.goals_behind.map((g) => (
          <tr>
            <th scope="row">
              <a href={curvePageHref(f, g.goal_id, props.asOfInUrl)}>{g.title}</a>{' '}
              <span class="muted">({g.goal_id})</span>
            </th>
            <td>
              <a href={caseHref(g.case_id)}>
                {g.case_id} · {g.initials}
              </a>
            </td>
            <td>{g.worker}</td>
            <td class="num">{g.missed}</td>
            <td class="num">{`${g.mastered} / ${g.target_count}`}</td>
            <td class="num">{g.level}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

function StaleFeedbackTable(props: { f: DashboardFigures; lang: Lang }) {
  const { f, lang } = props
  if (f.feedback_stale.length === 0) return <p class="muted">{st(lang, 'none')}</p>
  return (
    <ScrollTable
      label={st(lang, 'staleFeedback')}
      columns={[
        st(lang, 'date'),
        { num: st(lang, 'ageWorkingDays') },
        columnLabel('cases', 'case_id', lang),
        st(lang, 'workerCol'),
        st(lang, 'aboutCol'),
        st(lang, 'kindCol'),
        st(lang, 'fromCol'),
      ]}
    >
      <tbody>
        {f.feedback_stale.map((x) => (
          <tr>
            <th scope="row">{shortDate(x.date, lang)}</th>
            <td class="num">{x.working_days}</td>
            <td>
              <a href={`${caseHref(x.case_id)}#feedback`}>
                {x.case_id} · {x.initials}
              </a>
            </td>
            <td>{x.worker}</td>
            <td>{x.target}</td>
            <td>{humanize(x.kind)}</td>
            <td>{x.from}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

function Curves(props: { f: DashboardFigures; page: number; asOfInUrl: boolean; lang: Lang }) {
  const { f, lang } = props
  const all = orderedCurves(f)
  if (all.length === 0) return <p class="muted">{st(lang, 'noCurves')}</p>
  const pages = Math.max(1, Math.ceil(all.length / CURVES_PER_PAGE))
  const page = Math.min(Math.max(1, props.page), pages)
  const shown = all.slice((page - 1) * CURVES_PER_PAGE, page * CURVES_PER_PAGE)
  const href = (n: number) => {
    const query = [props.asOfInUrl ? `as_of=${f.as_of}` : '', n > 1 ? `page=${n}` : ''].filter((q) => q !== '')
    return `/app/dashboard${query.length === 0 ? '' : `?${query.join('&')}`}#curves`
  }
  return (
    <>
      <p class="muted">{st(lang, 'curvesLead')}</p>
      <div class="curve-grid">
        {shown.map((c) => (
          <div id={`curve-${c.goal_id}`} class="curve">
            <h3>
              {c.title} <span class="muted">({c.goal_id})</span>
            </h3>
            <p class="muted">
              <a href={caseHref(c.case_id)}>{c.case_id}</a> ·{' '}
              <a href={`${caseHref(c.case_id)}/report${props.asOfInUrl ? `?as_of=${f.as_of}` : ''}#evaluation`}>
                {st(lang, 'report')}
              </a>
            </p>
            <MilestoneCurve
              id={`c-${c.goal_id}`}
              title={`${st(lang, 'curveTitle')} ${c.goal_id}`}
              curve={{ days: c.points, target: Math.max(0, ...c.points.map((p) => p.planned)) }}
              lang={lang}
            />
          </div>
        ))}
      </div>
      {pages === 1 ? null : (
        <nav class="pager" aria-label={st(lang, 'curves')}>
          {page > 1 ? <a href={href(page - 1)}>{st(lang, 'previous')}</a> : null}
          <span>{`${st(lang, 'pageOf')} ${page} / ${pages}`}</span>
          {page < pages ? <a href={href(page + 1)}>{st(lang, 'nextPage')}</a> : null}
        </nav>
      )}
    </>
  )
}

/** The dashboard's body: every section of issue 9 point 3, from `f` alone. */
export function DashboardView(props: { f: DashboardFigures; page: number; asOfInUrl: boolean; lang: Lang }) {
  const { f, lang } = props
  const started = f.tas_levels.reduce((n, l) => n + l.count, 0)
  return (
    <>
      <p>
        <strong>{st(lang, 'reportAsOf')}:</strong> {shortDate(f.as_of, lang)} · {st(lang, 'weekOf')}{' '}
        {shortDate(f.week.start, lang)} – {shortDate(f.week.end, lang)}
        <br />
        <span class="muted">{st(lang, 'dashboardLead')}</span>
      </p>
      <form method="get" action="/app/dashboard" class="card no-print report-tools">
        <div class="field">
          <label for="f-as_of">{st(lang, 'reportAsOf')}</label>
          <input id="f-as_of" name="as_of" type="date" value={f.as_of} />
        </div>
        <button type="submit" class="secondary">
          {tr(lang, 'show')}
        </button>
      </form>
      <dl class="facts card headline">
        <dt>{st(lang, 'activeCases')}</dt>
        <dd>{f.active_cases}</dd>
        <dt>{st(lang, 'sessionsThisWeek')}</dt>
        <dd>{f.sessions_this_week}</dd>
        <dt>{st(lang, 'openFeedbackCount')}</dt>
        <dd>{f.open_feedback}</dd>
      </dl>
      <div class="dash-grid">
        <Card id="goals-by-status" title={st(lang, 'goalsByStatus')}>
          <BarChart
            id="chart-goals"
            title={`${st(lang, 'goalsByStatus')} (${f.goals.total})`}
            labelHeader={st(lang, 'statusCol')}
            rows={STATUS_ORDER.map((s) => ({ label: GOAL_STATUS_LABELS[s][lang], value: f.goals[s], tone: s }))}
            lang={lang}
          />
        </Card>
        <Card id="tas-levels" title={st(lang, 'tasLevels')}>
          <BarChart
            id="chart-levels"
            title={`${st(lang, 'tasLevels')} (${started})`}
            labelHeader={st(lang, 'levelCol')}
            rows={f.tas_levels.map((l) => ({
              label: `${st(lang, 'levelCol')} ${l.level} · ${levelLabel(l.level, lang)}`,
              value: l.count,
              tone: `lv${l.level}`,
            }))}
            lang={lang}
          />
        </Card>
        <Card id="caseload" title={st(lang, 'caseload')}>
          <BarChart
            id="chart-caseload"
            title={st(lang, 'caseload')}
            labelHeader={st(lang, 'workerCol')}
            valueHeader={st(lang, 'activeCases')}
            rows={f.caseload.map((w) => ({ label: w.worker, value: w.active_cases }))}
            extraColumns={[
              { header: st(lang, 'sessionsThisWeek'), values: f.caseload.map((w) => w.sessions_this_week) },
            ]}
            empty={st(lang, 'none')}
            lang={lang}
          />
        </Card>
        <Card id="stage-funnel" title={st(lang, 'stageFunnel')}>
          <BarChart
            id="chart-funnel"
            variant="funnel"
            title={st(lang, 'stageFunnel')}
            desc={`${st(lang, 'funnelDesc')}: ${f.by_stage.map((s) => `${humanize(s.stage)} ${s.reached}`).join('; ')}`}
            labelHeader={st(lang, 'stageCol')}
            valueHeader={st(lang, 'reached')}
            rows={f.by_stage.map((s) => ({ label: humanize(s.stage), value: s.reached }))}
            extraColumns={[{ header: st(lang, 'atStage'), values: f.by_stage.map((s) => s.count) }]}
            lang={lang}
          />
        </Card>
        <Card id="approvals" title={st(lang, 'approvals')}>
          <BarChart
            id="chart-approvals"
            title={st(lang, 'approvals')}
            labelHeader={st(lang, 'statusCol')}
            rows={APPROVAL_STATES.map((s) => ({ label: APPROVAL_LABELS[s][lang], value: f.approvals[s], tone: s }))}
            lang={lang}
          />
        </Card>
        <Card id="by-status" title={st(lang, 'byStatus')}>
          <ScrollRegion label={st(lang, 'byStatus')}>
            <table>
              <tbody>
                {f.by_status.map((s) => (
                  <tr>
                    <th scope="row">{humanize(s.status)}</th>
                    <td class="num">{s.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </Card>
        <Card id="cluster-service" title={st(lang, 'clusterService')} span>
          <ClusterServiceTable m={f.by_cluster_service} lang={lang} />
        </Card>
        <Card id="goals-behind" title={`${st(lang, 'goalsBehind')} (${f.goals_behind.length})`} span>
          <GoalsBehindTable f={f} asOfInUrl={props.asOfInUrl} lang={lang} />
        </Card>
        <Card id="stale-feedback" title={`${st(lang, 'staleFeedback')} (${f.feedback_stale.length})`} span>
          <StaleFeedbackTable f={f} lang={lang} />
        </Card>
        <Card id="curves" title={st(lang, 'curves')} span>
          <Curves f={f} page={props.page} asOfInUrl={props.asOfInUrl} lang={lang} />
        </Card>
      </div>
    </>
  )
}

/** `GET /app/dashboard?as_of=&page=`: coordinators and admins (a worker gets the API's 403, as a page). */
export async function dashboardPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  if (actor.role === 'worker') return problemPage(c, { kind: 'forbidden', reason: 'role' })
  const today = todayIn(deps.config.timezone, deps.now())
  const asOf = asOfQuery(c, today)
  if (!asOf.ok) return problemPage(c, asOf.problem)
  const summary = await c.var.ledger.dashboard(actor, asOf.value)
  if (!summary.ok) return problemPage(c, summary.error)
  const page = Number.parseInt(c.req.query('page') ?? '1', 10)
  return supervisionPage(
    c,
    200,
    st(lang, 'dashboard'),
    <DashboardView
      f={summary.value}
      page={Number.isFinite(page) ? page : 1}
      asOfInUrl={(c.req.query('as_of') ?? '').trim() !== ''}
      lang={lang}
    />,
    { wide: true },
  )
}
