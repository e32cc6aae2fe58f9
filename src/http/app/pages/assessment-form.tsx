/**
 * @module
 * `/app/assessments/new` (issue 8): tool first (`?tool=`; one tap in a list), then its domains —
 * BPSS, ILS and Saleebey offer exactly theirs (domain.md "Assessment", TOOL_DOMAINS); genogram,
 * ecomap and lainnya take a free domain — then case, source, method, score, date and finding.
 * `?case=` and `?domain=` come from "what is due" links. The case page shows coverage and
 * triangulation.
 */
import type { Context } from 'hono'
import { type Lang, TOOL_DOMAINS, TOOLS, type Tool } from '../../../domain'
import { todayIn } from '../../../ledger/clock'
import type { Actor, FieldView } from '../../../ledger/contract'
import type { AppDeps } from '../../app-env'
import type { FieldEnv } from '../field-env'
import { Fields } from '../form-controls'
import { type FormField, formFields } from '../form-fields'
import { namesOf, newRowShown, postForm, SaveForm, savedStatus } from '../form-page'
import { humanize, optionLabel, tr } from '../i18n'
import { page, problemPage } from '../page'
import { formText } from '../post-row'
import { workerField } from './session-form'

const ASSESSMENT_KEYS = ['case_id', 'domain', 'source', 'method', 'score', 'date', 'finding'] as const

const isTool = (text: string | undefined): text is Tool => (TOOLS as readonly string[]).includes(text ?? '')

/** Cases an assessment can be logged for: visible, active, with informed consent. */
const caseOptions = (view: FieldView) =>
  view.cases
    .filter((c) => c.consent_date !== undefined)
    .map((c) => ({ value: c.case_id, label: `${c.case_id} · ${c.initials}` }))

export function assessmentFields(view: FieldView, tool: Tool, actor: Actor, lang: Lang): FormField[] {
  const domains = TOOL_DOMAINS[tool]
  return [
    ...formFields('assessments', ['tool'], lang, { tool: { hidden: true } }),
    ...formFields('assessments', ASSESSMENT_KEYS, lang, {
      case_id: { options: caseOptions(view) },
      source: { choices: true },
      ...(domains === null
        ? {}
        : { domain: { options: domains.map((d) => ({ value: d, label: humanize(d) })), choices: true } }),
    }),
    ...workerField('assessments', view, actor, lang),
  ]
}

function ToolChooser(props: { lang: Lang; caseId: string }) {
  const suffix = props.caseId === '' ? '' : `&case=${encodeURIComponent(props.caseId)}`
  return (
    <ul class="nav-list">
      {TOOLS.map((tool) => (
        <li>
          <a href={`/app/assessments/new?tool=${tool}${suffix}`}>{optionLabel('tool', tool, props.lang)}</a>
        </li>
      ))}
    </ul>
  )
}

export async function assessmentFormPage(c: Context<FieldEnv>, deps: AppDeps) {
  const lang = c.var.lang
  const actor = c.var.actor
  const today = todayIn(deps.config.timezone, deps.now())
  const posted = c.req.method === 'POST' ? c.var.form : undefined
  const tool = posted === undefined ? c.req.query('tool') : formText(posted, 'tool')
  const caseId = (c.req.query('case') ?? '').trim().toUpperCase()
  if (!isTool(tool)) {
    return page(c, 200, tr(lang, 'chooseTool'), <ToolChooser lang={lang} caseId={caseId} />)
  }
  const sent = await postForm(c, 'assessments', posted)
  const view = await c.var.ledger.fieldView(actor, today, {})
  if (!view.ok) return problemPage(c, view.error)
  const fields = assessmentFields(view.value, tool, actor, lang)
  const shown = newRowShown(c, sent, posted, namesOf(fields), (outcome) => {
    const a = outcome.row
    return {
      status: savedStatus(
        'assessments',
        outcome,
        lang,
        `${a.case_id} · ${a.tool.toUpperCase()} ${a.domain ?? ''} · ${a.source}`,
      ),
      // The next assessment is most often the same case and tool, another domain or source.
      keep: { case_id: a.case_id },
    }
  })
  const fresh = {
    tool,
    case_id: caseId,
    domain: c.req.query('domain') ?? '',
    date: today,
    worker: actor.role === 'worker' ? actor.staffId : '',
  }
  return page(
    c,
    shown.httpStatus,
    `${tr(lang, 'newAssessment')}: ${optionLabel('tool', tool, lang)}`,
    <SaveForm
      name="assessment"
      action="/app/assessments/new"
      api="/api/assessments"
      csrf={c.var.signedIn.csrf}
      shown={shown}
      lang={lang}
    >
      <p>
        <a href={`/app/assessments/new${caseId === '' ? '' : `?case=${encodeURIComponent(caseId)}`}`}>
          {tr(lang, 'chooseTool')}
        </a>
      </p>
      <Fields fields={fields} lang={lang} values={{ ...fresh, ...shown.values }} errors={shown.errors} />
    </SaveForm>,
  )
}
