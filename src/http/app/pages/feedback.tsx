/**
 * @module
 * Supervisor feedback in the field app (issue 9 point 2):
 * - `/app/feedback/new?case=&target=&kind=` — a coordinator or admin approves a goal (the plan),
 *   asks for a revision with a note, or comments on a goal, session, assessment or event of the
 *   case: the Feedback tab's fields, derived from its schema, posting exactly what `POST
 *   /api/feedback` takes (`from` is the caller). The goal's approval state and the earlier
 *   feedback on the same item are shown above the form. A worker gets the API's 403.
 * - `/app/feedback/:id` — one piece of feedback; to the worker of its case, while it is open, the
 *   form that answers it and marks it resolved: what `PATCH /api/feedback/{id}` runs, with the
 *   row's version (a change made in the sheet meanwhile is a 412 said plainly, never an
 *   overwrite). Whoever may see the case may read it; others get a 404, as from the API.
 *   That form posts to the page itself, not through the offline queue: the queue's PATCH sends
 *   only fields changed from what the page showed, so a resolved date shown as today would never
 *   be sent; here a blank date means today, and resolving needs a connection.
 * Decided where the issue is silent: resolving is offered to the case's worker only — the one the
 * feedback is addressed to — although the API also lets coordinators change it; an approval
 * needs no answer and is never open.
 */
import type { Context } from 'hono'
import {
  APPROVAL_LABELS,
  type ApprovalState,
  type Assessment,
  type CaseEvent,
  COLUMN_BY_KEY,
  FEEDBACK_KINDS,
  type Feedback,
  type Goal,
  type GoalApproval,
  isOpenFeedback,
  isWithdrawn,
  type Lang,
  makeIssue,
  type Session,
} from '../../../domain'
import type { DueItem } from '../../../domain/due-tasks'
import { todayIn } from '../../../ledger/clock'
import type { Actor } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { Fields, StatusSlot } from '../form-controls'
import { type FieldOption, type FormField, formFields } from '../form-fields'
import {
  formValues,
  namesOf,
  newRowShown,
  type PatchShown,
  patchShown,
  postForm,
  SaveButton,
  SaveForm,
  savedStatus,
} from '../form-page'
import { patchFromForm } from '../form-patch'
import { humanize, shortDate, tr } from '../i18n'
import { problemPage } from '../page'
import { formText } from '../post-row'
import { supervisionPage } from '../supervision-page'
import { st } from '../supervision-text'
import { eventKindLabel } from './event-form'

/** A kind of feedback in words. */
export const feedbackKindLabel = (kind: string, lang: Lang): string =>
  (FEEDBACK_KINDS as readonly string[]).includes(kind) ? st(lang, `feedback_${kind as Feedback['kind']}`) : kind

/** The items of a case feedback may be about, grouped: goals, sessions, assessments, events. */
export function targetOptions(
  items: {
    readonly goals: readonly Goal[]
    readonly sessions: readonly Session[]
    readonly assessments: readonly Assessment[]
    readonly events: readonly CaseEvent[]
  },
  lang: Lang,
): FieldOption[] {
  return [
    ...items.goals.map((g) => ({
      value: g.goal_id,
      label: `${g.goal_id} · ${g.title}`,
      group: st(lang, 'targetGoals'),
    })),
    ...items.sessions
      .filter((s) => !isWithdrawn(s))
      .map((s) => ({
        value: s.session_id,
        label: `${s.session_id} · ${shortDate(s.date, lang)} · ${s.task}`,
        group: st(lang, 'targetSessions'),
      })),
    ...items.assessments
      .filter((a) => !isWithdrawn(a))
      .map((a) => ({
        value: a.assessment_id,
        label: `${a.assessment_id} · ${shortDate(a.date, lang)} · ${a.tool.toUpperCase()} ${a.domain ?? ''}`.trim(),
        group: st(lang, 'targetAssessments'),
      })),
    ...items.events.map((e) => ({
      value: e.event_id,
      label: `${e.event_id} · ${shortDate(e.date, lang)} · ${eventKindLabel(e.kind, lang)}`,
      group: st(lang, 'targetEvents'),
    })),
  ]
}

/** The kinds offered for a target: approving is for goals only (the plan); no target yet → all. */
export const kindsFor = (target: string): readonly Feedback['kind'][] =>
  target === '' || target.startsWith('T-') ? FEEDBACK_KINDS : FEEDBACK_KINDS.filter((k) => k !== 'approve')

export function giveFeedbackFields(targets: readonly FieldOption[], target: string, lang: Lang): FormField[] {
  return [
    ...formFields('feedback', ['case_id'], lang, { case_id: { hidden: true } }),
    ...formFields('feedback', ['target', 'kind', 'text', 'date'], lang, {
      target: { options: targets },
      kind: { options: kindsFor(target).map((k) => ({ value: k, label: feedbackKindLabel(k, lang) })), choices: true },
    }),
  ]
}

/** One line of a feedback row: date · from · kind · about, then its note. */
export function FeedbackLine(props: { f: Feedback; lang: Lang }) {
  const { f, lang } = props
  return (
    <>
      <strong>{feedbackKindLabel(f.kind, lang)}</strong>
      <span class="muted">
        {' '}
        · {shortDate(f.date, lang)} · {f.from} · {f.target}
      </span>
      {f.text === undefined ? null : <p>{f.text}</p>}
      {f.resolved_date === undefined ? null : (
        <p class="muted">
          {st(lang, 'resolvedWord')} {shortDate(f.resolved_date, lang)}
          {f.reply === undefined ? '' : `: ${f.reply}`}
        </p>
      )}
    </>
  )
}

const caseLink = (caseId: string, anchor = ''): string => `/app/cases/${encodeURIComponent(caseId)}${anchor}`

export async function giveFeedbackPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  if (actor.role === 'worker') return problemPage(c, { kind: 'forbidden', reason: 'role' })
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const caseId = (posted === undefined ? (c.req.query('case') ?? '') : formText(posted, 'case_id')).trim().toUpperCase()
  if (caseId === '') return chooseCase(c, deps, today)
  const sent = await postForm(c, 'feedback', posted)
  const [detail, sessions, assessments, events, feedback] = await Promise.all([
    c.var.ledger.getCase(actor, caseId, today),
    c.var.ledger.listSessions(actor, caseId),
    c.var.ledger.listAssessments(actor, caseId),
    c.var.ledger.listEvents(actor, caseId),
    c.var.ledger.listFeedback(actor, caseId, today),
  ])
  if (!detail.ok) return problemPage(c, detail.error)
  if (!sessions.ok) return problemPage(c, sessions.error)
  if (!assessments.ok) return problemPage(c, assessments.error)
  if (!events.ok) return problemPage(c, events.error)
  if (!feedback.ok) return problemPage(c, feedback.error)
  const target = (posted === undefined ? (c.req.query('target') ?? '') : formText(posted, 'target'))
    .trim()
    .toUpperCase()
  const targets = targetOptions(
    {
      goals: detail.value.goals,
      sessions: sessions.value,
      assessments: assessments.value.assessments,
      events: events.value,
    },
    lang,
  )
  const fields = giveFeedbackFields(targets, target, lang)
  const shown = newRowShown(c, sent, posted, namesOf(fields), (outcome) => {
    const f = outcome.row
    return {
      status: savedStatus('feedback', outcome, lang, `${f.target} · ${feedbackKindLabel(f.kind, lang)}`),
      keep: { case_id: f.case_id, target: f.target },
    }
  })
  const kind = c.req.query('kind') ?? ''
  const fresh = {
    case_id: caseId,
    target,
    date: today,
    kind: kindsFor(target).includes(kind as Feedback['kind']) ? kind : '',
  }
  const approval = feedback.value.approvals.find((a) => a.goal_id === target)
  const earlier = feedback.value.feedback.filter((f) => f.target === target)
  const k = detail.value.case
  return supervisionPage(
    c,
    shown.httpStatus,
    `${st(lang, 'giveFeedback')} · ${k.case_id} · ${k.initials}`,
    <>
      {approval === undefined ? null : <ApprovalLine approval={approval} lang={lang} />}
      {earlier.length === 0 ? null : (
        <details class="card">
          <summary>
            {st(lang, 'history')} ({earlier.length})
          </summary>
          <ul class="plain">
            {earlier.map((f) => (
              <li>
                <FeedbackLine f={f} lang={lang} />
              </li>
            ))}
          </ul>
        </details>
      )}
      <SaveForm
        name="feedback"
        action="/app/feedback/new"
        api="/api/feedback"
        csrf={c.var.signedIn.csrf}
        shown={shown}
        lang={lang}
      >
        <Fields fields={fields} lang={lang} values={{ ...fresh, ...shown.values }} errors={shown.errors} />
      </SaveForm>
      <p>
        <a href={caseLink(k.case_id, '#feedback')}>{st(lang, 'backToCase')}</a>
      </p>
    </>,
  )
}

/**
 * The badge colour of each approval state, in the field app's own badge classes (app.css: the TAS
 * level colours), so the pages that show it need no other stylesheet.
 */
const APPROVAL_BADGE: Readonly<Record<ApprovalState, string>> = {
  approved: 'badge lv4',
  revised: 'badge lv2',
  revision_requested: 'badge lv0',
  not_reviewed: 'badge',
}

/** The badge of open feedback (amber, as a level-2 badge). */
export const OPEN_BADGE = 'badge lv2'

/** A goal's plan approval as a badge: `Persetujuan: disetujui (Sen 10 Mar 2025, koordinator-uji)`. */
export function ApprovalLine(props: { approval: GoalApproval; lang: Lang }) {
  const { approval: a, lang } = props
  return (
    <p>
      {st(lang, 'approval')}: <span class={APPROVAL_BADGE[a.state]}>{APPROVAL_LABELS[a.state][lang]}</span>
      {a.date === null ? null : (
        <span class="muted">
          {' '}
          ({shortDate(a.date, lang)}
          {a.from === null ? '' : `, ${a.from}`})
        </span>
      )}
    </p>
  )
}

/** Without `?case=`: the active cases to give feedback on, each one tap away. */
async function chooseCase(c: Context<FieldEnv>, _deps: AppDeps, today: string) {
  const lang = c.var.lang
  const view = await c.var.ledger.fieldView(c.var.actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  return supervisionPage(
    c,
    200,
    st(lang, 'giveFeedback'),
    <>
      <p>{st(lang, 'chooseCase')}</p>
      <ul class="nav-list">
        {view.value.cases.map((k) => (
          <li>
            <a href={`/app/feedback/new?case=${encodeURIComponent(k.case_id)}`}>
              {k.case_id} · {k.initials} · {k.worker}
            </a>
          </li>
        ))}
      </ul>
    </>,
  )
}

/** The reply column's label, as the sheet's header says it (for the blank-reply message). */
const REPLY_LABEL = COLUMN_BY_KEY.feedback.get('reply')?.label ?? { id: 'reply', en: 'reply' }

/** The fields a worker answers feedback with. */
export const resolveFields = (lang: Lang): FormField[] => formFields('feedback', ['reply', 'resolved_date'], lang)

/** True when `actor` is offered the answer form: the case's worker, while the feedback is open. */
export const mayResolve = (actor: Actor, f: Feedback, today: string): boolean =>
  actor.role === 'worker' && isOpenFeedback(f, today)

export async function feedbackPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const id = (c.req.param('id') ?? '').trim().toUpperCase()
  const today = todayIn(deps.config.timezone, deps.now())
  const before = await c.var.ledger.getRow(actor, 'feedback', id)
  if (!before.ok) return problemPage(c, before.error)
  const fields = resolveFields(lang)
  let shown: PatchShown = { status: undefined, errors: {}, values: {}, httpStatus: 200 }
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  if (posted !== undefined) {
    if (!mayResolve(actor, before.value.row, today)) {
      return problemPage(c, { kind: 'forbidden', reason: 'role' })
    }
    // Resolving is a reply with a date (validate-row.ts): without a reply nothing is resolved.
    if (formText(posted, 'reply').trim() === '') {
      shown = {
        httpStatus: 422,
        errors: { reply: makeIssue('reply', 'reply_required', { label: REPLY_LABEL }).message[lang] },
        status: { kind: 'bad', message: tr(lang, 'fixBelow') },
        values: formValues(posted),
      }
    } else {
      // A reply left undated was written today.
      const form = formText(posted, 'resolved_date').trim() === '' ? { ...posted, resolved_date: today } : posted
      const answer = await patchFromForm(c.var.ledger, {
        tab: 'feedback',
        id,
        current: before.value.row,
        etag: before.value.etag,
        form,
        fields,
        actor,
      })
      shown = patchShown(c, answer, posted, fields, {
        saved: st(lang, 'resolvedSaved'),
        changed: st(lang, 'feedbackChanged'),
      })
    }
  }
  const { status, errors, values } = shown
  const now = posted === undefined ? before : await c.var.ledger.getRow(actor, 'feedback', id)
  if (!now.ok) return problemPage(c, now.error)
  const f = now.value.row
  const open = isOpenFeedback(f, today)
  return supervisionPage(
    c,
    shown.httpStatus,
    `${st(lang, 'feedbackTitle')} ${f.feedback_id}`,
    <>
      <div class="card" id={`feedback-${f.feedback_id}`}>
        <p>
          <span class={open ? OPEN_BADGE : 'badge lv4'}>
            {open
              ? st(lang, 'openWord')
              : f.kind === 'approve'
                ? feedbackKindLabel('approve', lang)
                : st(lang, 'resolvedWord')}
          </span>{' '}
          <a href={caseLink(f.case_id)}>{f.case_id}</a> · {humanize(f.target)}
        </p>
        <FeedbackLine f={f} lang={lang} />
      </div>
      <StatusSlot id="status-resolve" kind={status?.kind}>
        {status?.message}
      </StatusSlot>
      {mayResolve(actor, f, today) ? (
        <>
          <h2>{st(lang, 'resolveTitle')}</h2>
          <p class="muted">{st(lang, 'resolveLead')}</p>
          <form method="post" action={`/app/feedback/${encodeURIComponent(f.feedback_id)}`} novalidate class="card">
            <input type="hidden" name="_csrf" value={c.var.signedIn.csrf} />
            <input type="hidden" name="_etag" value={now.value.etag} />
            <Fields fields={fields} lang={lang} values={{ resolved_date: today, ...values }} errors={errors} />
            <SaveButton lang={lang} />
          </form>
        </>
      ) : null}
      <p>
        <a href={caseLink(f.case_id, `#feedback-${encodeURIComponent(f.feedback_id)}`)}>{st(lang, 'backToCase')}</a>
      </p>
    </>,
  )
}

type OpenFeedbackItem = Extract<DueItem, { kind: 'feedback_open' }>

/**
 * The feedback waiting for the signed-in worker (what is due's `feedback_open` items), for the
 * home page: each with its note, how long it has waited, and the way to answer it.
 */
export function OpenFeedbackList(props: { due: readonly DueItem[]; lang: Lang }) {
  const { lang } = props
  const items = props.due.filter((d): d is OpenFeedbackItem => d.kind === 'feedback_open')
  if (items.length === 0) return null
  return (
    <section aria-labelledby="open-feedback-h">
      <h2 id="open-feedback-h">
        {st(lang, 'openFeedbackForYou')} ({items.length})
      </h2>
      <ul class="plain">
        {items.map((f) => (
          <li class="card">
            <strong>{feedbackKindLabel(f.feedback_kind, lang)}</strong>
            <span class="muted">
              {' '}
              · <a href={caseLink(f.case_id, `#feedback-${encodeURIComponent(f.feedback_id)}`)}>{f.case_id}</a> ·{' '}
              {f.initials} · {f.target} · {shortDate(f.date, lang)} · {f.from} · {f.working_days}{' '}
              {tr(lang, 'workingDays')}
            </span>
            {f.text === null ? null : <p>{f.text}</p>}
            <a class="button" href={`/app/feedback/${encodeURIComponent(f.feedback_id)}`}>
              {st(lang, 'resolve')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
