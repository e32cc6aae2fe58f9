/**
 * @module
 * Small pieces several pages show: a goal's TAS level, its milestones as text and as an inline
 * SVG timeline (classes only, no inline style: strict CSP), and one line of "what is due" with
 * the link to the form that resolves it.
 */
import { type GoalProgress, type Lang, levelLabel, type MilestoneProgress } from '../../domain'
import type { DueItem } from '../../domain/due-tasks'
import { GOAL_STATUS_LABELS, MILESTONE_STATUS_LABELS, nextMilestone } from '../../domain/progress-tab'
import { COLUMN_BY_KEY } from '../../domain/tables'
import { humanize, shortDate, tr } from './i18n'

/** `Level 2 · Sebagian Tercapai · 56.3 %` as a coloured badge. */
export function LevelBadge(props: { progress: GoalProgress; lang: Lang }) {
  const p = props.progress
  return (
    <span class={`badge lv${p.level}`}>
      {`${tr(props.lang, 'level')} ${p.level} · ${levelLabel(p.level, props.lang)} · ${p.percent} %`}
    </span>
  )
}

/** `hari ke-10 (Rab 19 Mar 2025): 2 dari 4 tugas dikuasai`. */
export const milestoneText = (m: Pick<MilestoneProgress, 'day' | 'date' | 'target' | 'mastered'>, lang: Lang): string =>
  `${tr(lang, 'day')}${m.day} (${shortDate(m.date, lang)}): ${m.mastered} ${tr(lang, 'of')} ${m.target} ${tr(lang, 'tasksWord')} ${tr(lang, 'mastered')}`

/** The next milestone of a goal, or nothing when it has none. */
export function NextMilestone(props: { progress: GoalProgress; lang: Lang }) {
  const m = nextMilestone(props.progress.milestones, props.progress.as_of)
  if (m === null) return null
  return (
    <span>
      {tr(props.lang, 'nextMilestone')}: {milestoneText(m, props.lang)} —{' '}
      {MILESTONE_STATUS_LABELS[m.status][props.lang]}
    </span>
  )
}

export const goalStatusText = (p: GoalProgress, lang: Lang): string => GOAL_STATUS_LABELS[p.status][lang]

const W = 320
const LEFT = 14
const RIGHT = W - 14

/**
 * Where `asOf` falls between the milestones, in working days: interpolated between the two
 * milestone dates around it (day 1 is the start date), so no calendar is needed here.
 */
function dayOfAsOf(startDate: string, milestones: readonly MilestoneProgress[], asOf: string): number {
  const points = [{ day: 1, date: startDate }, ...milestones.map((m) => ({ day: m.day, date: m.date }))]
  const serial = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { day: number; date: string }
    const b = points[i] as { day: number; date: string }
    if (asOf <= b.date) {
      if (asOf <= a.date) return a.day
      return a.day + ((b.day - a.day) * (serial(asOf) - serial(a.date))) / Math.max(1, serial(b.date) - serial(a.date))
    }
  }
  return (points[points.length - 1] as { day: number }).day
}

/** The milestone timeline of a goal: working days left to right, one dot per milestone. */
export function MilestoneTimeline(props: {
  progress: GoalProgress
  startDate: string
  durationDays: number
  lang: Lang
}) {
  const { progress: p, lang } = props
  if (p.milestones.length === 0) return null
  const last = Math.max(props.durationDays, ...p.milestones.map((m) => m.day))
  // Tenths of a unit are finer than a phone's pixels; more digits would only weigh.
  const x = (day: number) =>
    Math.round(10 * (LEFT + ((RIGHT - LEFT) * (Math.min(Math.max(day, 1), last) - 1)) / Math.max(1, last - 1))) / 10
  const todayX = x(dayOfAsOf(props.startDate, p.milestones, p.as_of))
  const summary = p.milestones
    .map((m) => `${milestoneText(m, lang)} — ${MILESTONE_STATUS_LABELS[m.status][lang]}`)
    .join('; ')
  return (
    <figure>
      <svg class="timeline" viewBox={`0 0 ${W} 64`} role="img" aria-label={`${tr(lang, 'timeline')}: ${summary}`}>
        <line class="axis" x1={LEFT} y1="32" x2={RIGHT} y2="32" />
        <line class="today" x1={todayX} y1="8" x2={todayX} y2="56" />
        {p.milestones.map((m) => (
          <>
            <circle class={m.status} cx={x(m.day)} cy="32" r="7" />
            <text x={x(m.day)} y="16" text-anchor="middle">{`H${m.day}`}</text>
            <text x={x(m.day)} y="56" text-anchor="middle">{`${m.mastered}/${m.target}`}</text>
          </>
        ))}
      </svg>
      <figcaption class="muted">
        {tr(lang, 'timeline')} · {tr(lang, 'today')}: {shortDate(p.as_of, lang)}
      </figcaption>
    </figure>
  )
}

/** The form that resolves a due item. */
export function dueLink(item: DueItem): string {
  switch (item.kind) {
    case 'goal_behind':
    case 'milestone_due':
    case 'goal_idle':
      return `/app/sessions/new?goal=${encodeURIComponent(item.goal_id)}`
    case 'assessment_missing':
      return `/app/assessments/new?case=${encodeURIComponent(item.case_id)}`
    case 'coverage_incomplete': {
      const first = item.missing[0] ?? item.untriangulated[0]
      const domain = first === undefined ? '' : `&tool=${first.tool}&domain=${encodeURIComponent(first.domain)}`
      return `/app/assessments/new?case=${encodeURIComponent(item.case_id)}${domain}`
    }
    case 'closure_missing':
      return `/app/cases/${encodeURIComponent(item.case_id)}#case-form`
    default:
      return item satisfies never
  }
}

const domainList = (refs: readonly { tool: string; domain: string }[]): string =>
  refs.map((r) => `${r.tool.toUpperCase()} ${humanize(r.domain).toLowerCase()}`).join(', ')

/** What a due item says, in one line. */
export function dueText(item: DueItem, lang: Lang): string {
  switch (item.kind) {
    case 'goal_behind':
      return item.missed.map((m) => milestoneText(m, lang)).join('; ')
    case 'milestone_due':
      return milestoneText(item, lang)
    case 'goal_idle':
      return `${item.working_days} ${tr(lang, 'workingDays')} · ${tr(lang, 'lastSession')}: ${
        item.last_session === null ? tr(lang, 'noSessionYet') : shortDate(item.last_session, lang)
      }`
    case 'assessment_missing':
      return `${item.working_days} ${tr(lang, 'workingDays')} ${tr(lang, 'sinceConsent')} (${shortDate(item.consent_date, lang)})`
    case 'coverage_incomplete':
      return [
        item.missing.length === 0 ? '' : `${tr(lang, 'notAssessed')}: ${domainList(item.missing)}`,
        item.untriangulated.length === 0 ? '' : `${tr(lang, 'oneSource')}: ${domainList(item.untriangulated)}`,
      ]
        .filter((s) => s !== '')
        .join(' · ')
    case 'closure_missing':
      return item.fields.map((f) => COLUMN_BY_KEY.cases.get(f)?.label[lang] ?? f).join(', ')
    default:
      return item satisfies never
  }
}

/** The action a due item's link names. */
export const dueAction = (item: DueItem, lang: Lang): string =>
  item.kind === 'assessment_missing' || item.kind === 'coverage_incomplete'
    ? tr(lang, 'newAssessment')
    : item.kind === 'closure_missing'
      ? tr(lang, 'completeCase')
      : tr(lang, 'logSessionFor')

/** One due item: what, about which case/goal, and the link that resolves it. */
export function DueLine(props: { item: DueItem; lang: Lang; showWorker: boolean }) {
  const { item, lang } = props
  return (
    <li class="card">
      <strong>{tr(lang, `due_${item.kind}`)}</strong>
      <br />
      <a href={`/app/cases/${encodeURIComponent(item.case_id)}`}>
        {item.case_id} · {item.initials}
      </a>
      {'goal_id' in item ? ` · ${item.goal_id}` : ''}
      {props.showWorker ? <span class="muted"> · {item.worker}</span> : null}
      <br />
      <span>{dueText(item, lang)}</span>
      <br />
      <a class="button secondary" href={dueLink(item)}>
        {dueAction(item, lang)}
      </a>
    </li>
  )
}
