/**
 * @module
 * What every data form page does with an answer: the values to show again (what the person
 * typed), the saved notice (the new id, or that the row waits for the sheet: 202 pending), and
 * a refusal as field messages plus a status line (form-errors.ts).
 */
import type { Child } from 'hono/jsx'
import { type DataTabKey, ID_COLUMNS, type Lang, type RawRecord } from '../../domain'
import type { NoticeKind } from './form-controls'
import type { FormRefusal } from './form-errors'
import type { FormField } from './form-fields'
import { tr } from './i18n'
import type { RowOutcome } from './post-row'

/** The string fields of a posted form, as the inputs show them again. */
export function formValues(form: RawRecord | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(form ?? {})) if (typeof value === 'string') out[key] = value
  return out
}

export const namesOf = (fields: readonly FormField[], extra: readonly string[] = []): Set<string> =>
  new Set([...fields.map((f) => f.name), ...extra])

const TAB_WORD = { sessions: 'session', assessments: 'assessment', goals: 'goal', cases: 'case' } as const

/** The id of a stored row. */
export const idOf = <K extends DataTabKey>(tab: K, row: object): string =>
  String((row as Record<string, unknown>)[ID_COLUMNS[tab]] ?? '')

/** "Tersimpan: sesi S-0012 — …" or "Diterima dan menunggu …: sesi S-0012 — …". */
export function savedStatus<K extends DataTabKey>(
  tab: K,
  outcome: Extract<RowOutcome<K>, { ok: true }>,
  lang: Lang,
  summary: string,
): { kind: NoticeKind; message: Child } {
  const id = idOf(tab, outcome.row)
  const what = `${tr(lang, TAB_WORD[tab])} ${id}`
  const lead = outcome.status === 202 ? tr(lang, 'pendingAs') : tr(lang, 'savedAs')
  return {
    kind: outcome.status === 202 ? 'warn' : 'ok',
    message: (
      <>
        <strong>
          {lead}: {what}
        </strong>
        {summary === '' ? '' : ` — ${summary}`}
        {outcome.replayed ? <span class="muted"> ({tr(lang, 'replayed')})</span> : null}
      </>
    ),
  }
}

/** The status line of a refusal: its title and detail, and messages that name no input. */
export function refusedStatus(refusal: FormRefusal, lang: Lang): { kind: NoticeKind; message: Child } {
  return {
    kind: 'bad',
    message: (
      <>
        <strong>{refusal.status === 422 ? tr(lang, 'fixBelow') : refusal.title}</strong>
        {refusal.status === 422 ? null : ` ${refusal.detail}`}
        {refusal.others.length === 0 ? null : (
          <ul>
            {refusal.others.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        )}
      </>
    ),
  }
}
