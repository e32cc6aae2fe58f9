/**
 * @module
 * What the case page (`/app/cases/:id`, wt/app's) shows of supervision (issue 9 points 1–2):
 * each goal's plan approval, and for coordinators the way to approve it or ask for a revision;
 * the case's events with the way to record one; every piece of feedback on the case — open ones
 * first, each at `#feedback-<id>` (what is due links there), the worker's way to answer it — and
 * a comment link beside each session, assessment and event for coordinators. Only what the role
 * may do is offered; the API refuses the rest anyway.
 */
import type { CaseEvent, Feedback, GoalApproval, Lang } from '../../domain'
import type { Actor } from '../../ledger/contract'
import { shortDate } from './i18n'
import { eventKindLabel } from './pages/event-form'
import { ApprovalLine, FeedbackLine, OPEN_BADGE } from './pages/feedback'
import { columnLabel } from './supervision-page'
import { st } from './supervision-text'

const giveHref = (caseId: string, target: string, kind: 'approve' | 'comment'): string =>
  `/app/feedback/new?case=${encodeURIComponent(caseId)}&target=${encodeURIComponent(target)}&kind=${kind}`

/** Coordinators and admins give feedback (issue 9 point 2). */
export const givesFeedback = (actor: Actor): boolean => actor.role !== 'worker'

/** A goal's approval, and for coordinators the link to approve it or ask for a revision. */
export function GoalApprovalLine(props: {
  approval: GoalApproval | undefined
  caseId: string
  actor: Actor
  lang: Lang
}) {
  const { approval, lang } = props
  if (approval === undefined) return null
  return (
    <>
      <ApprovalLine approval={approval} lang={lang} />
      {givesFeedback(props.actor) ? (
        <p>
          <a class="button secondary" href={giveHref(props.caseId, approval.goal_id, 'approve')}>
            {st(lang, 'approveOrRevise')}
          </a>
        </p>
      ) : null}
    </>
  )
}

/** ` · Komentar` beside a session, assessment or event, for coordinators. */
export function CommentLink(props: { caseId: string; target: string; actor: Actor; lang: Lang }) {
  if (!givesFeedback(props.actor)) return null
  return (
    <>
      {' · '}
      <a href={giveHref(props.caseId, props.target, 'comment')}>{st(props.lang, 'comment')}</a>
    </>
  )
}

/** The case's events, newest first, and the way to record one. */
export function EventsSection(props: { events: readonly CaseEvent[]; caseId: string; actor: Actor; lang: Lang }) {
  const { lang } = props
  const label = (key: string) => columnLabel('events', key, lang)
  const events = [...props.events].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
  return (
    <>
      <h2 id="events">{st(lang, 'events')}</h2>
      {events.length === 0 ? <p class="muted">{st(lang, 'noEvents')}</p> : null}
      <ul class="plain">
        {events.map((e) => (
          <li class="card" id={`event-${e.event_id}`}>
            <strong>{eventKindLabel(e.kind, lang)}</strong>
            <span class="muted">
              {' '}
              · {shortDate(e.date, lang)} · {e.event_id} · {e.worker}
            </span>
            <CommentLink caseId={props.caseId} target={e.event_id} actor={props.actor} lang={lang} />
            <p>{e.summary}</p>
            <dl class="facts">
              {e.participants === undefined ? null : (
                <>
                  <dt>{label('participants')}</dt>
                  <dd>{e.participants}</dd>
                </>
              )}
              {e.decisions === undefined ? null : (
                <>
                  <dt>{label('decisions')}</dt>
                  <dd>{e.decisions}</dd>
                </>
              )}
              {e.referred_to === undefined ? null : (
                <>
                  <dt>{label('referred_to')}</dt>
                  <dd>{e.referred_to}</dd>
                </>
              )}
              {e.next_date === undefined ? null : (
                <>
                  <dt>{label('next_date')}</dt>
                  <dd>{shortDate(e.next_date, lang)}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
      <p>
        <a class="button secondary" href={`/app/events/new?case=${encodeURIComponent(props.caseId)}`}>
          {st(lang, 'newEvent')}
        </a>
      </p>
    </>
  )
}

/** Every piece of feedback on the case, open first (oldest first), then the rest (newest first). */
export function FeedbackSection(props: {
  feedback: readonly (Feedback & { readonly open: boolean })[]
  caseId: string
  actor: Actor
  lang: Lang
}) {
  const { lang, actor } = props
  const open = props.feedback.filter((f) => f.open)
  const rest = props.feedback.filter((f) => !f.open).reverse()
  return (
    <>
      <h2 id="feedback">{st(lang, 'feedbackTitle')}</h2>
      {props.feedback.length === 0 ? <p class="muted">{st(lang, 'noFeedback')}</p> : null}
      <ul class="plain">
        {[...open, ...rest].map((f) => (
          <li class="card" id={`feedback-${f.feedback_id}`}>
            {f.open ? <span class={OPEN_BADGE}>{st(lang, 'openWord')}</span> : null} <FeedbackLine f={f} lang={lang} />
            {f.open && actor.role === 'worker' ? (
              <a class="button" href={`/app/feedback/${encodeURIComponent(f.feedback_id)}`}>
                {st(lang, 'resolve')}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
      {givesFeedback(actor) ? (
        <p>
          <a class="button secondary" href={`/app/feedback/new?case=${encodeURIComponent(props.caseId)}`}>
            {st(lang, 'giveFeedback')}
          </a>
        </p>
      ) : null}
    </>
  )
}
