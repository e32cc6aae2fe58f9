/**
 * @module
 * A refusal as a form shows it: the same problem+json the API answers (problem.ts), its error
 * pointers (`/<key>`) mapped to the inputs they name — each message next to its field — and the
 * rest (a rule about the whole row, a refusal of the request) in the form's status slot.
 */
import type { Lang } from '../../domain'
import { type HttpProblem, renderProblem } from '../problem'

export type FormRefusal = {
  readonly title: string
  readonly detail: string
  /** Messages by input name. */
  readonly fields: Readonly<Record<string, string>>
  /** Messages whose pointer names no input of the form. */
  readonly others: readonly string[]
  readonly status: number
}

/** `/a~1b` → `a/b` (RFC 6901). */
const unpointer = (pointer: string): string => pointer.slice(1).replaceAll('~1', '/').replaceAll('~0', '~')

/** Maps a problem onto the inputs `names`; group rows pass their prefix (`2.`). */
export function refusalOf(
  problem: HttpProblem,
  lang: Lang,
  requestId: string,
  names: ReadonlySet<string>,
  prefix = '',
): FormRefusal {
  const { body, status } = renderProblem(problem, lang, requestId)
  const fields: Record<string, string> = {}
  const others: string[] = []
  for (const e of body.errors) {
    const name = `${prefix}${unpointer(e.pointer)}`
    if (names.has(name)) fields[name] = fields[name] === undefined ? e.message : `${fields[name]} ${e.message}`
    else others.push(e.message)
  }
  return { title: body.title, detail: body.detail, fields, others, status }
}
