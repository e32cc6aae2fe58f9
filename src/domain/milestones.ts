/**
 * @module
 * Goal milestones (domain.md "Goal"): text like `5:1, 10:3, 15:5` = "by working day 5, 1 task
 * mastered; by day 10, 3; by day 15, 5". Days strictly increase and counts never decrease; the
 * bounds against target_count and duration_days are row rules (row-rules.ts).
 */
import { err, ok, type Result } from './result'

export type Milestone = { readonly day: number; readonly count: number }

/** One `day:count` pair; spaces around the parts are allowed, `;` also separates pairs. */
const PAIR_RE = /^(\d{1,4})\s*:\s*(\d{1,4})$/

/**
 * Parses milestone text. Blank text = no milestones. Errors: `milestones_format` (not
 * `day:count` pairs, or day 0) and `milestones_order` (days not strictly increasing or counts
 * decreasing).
 */
export function parseMilestones(text: string): Result<Milestone[], 'milestones_format' | 'milestones_order'> {
  const trimmed = text.trim()
  if (trimmed === '') return ok([])
  const out: Milestone[] = []
  for (const part of trimmed.split(/[,;]/)) {
    const m = PAIR_RE.exec(part.trim())
    if (m === null) return err('milestones_format')
    const day = Number(m[1])
    const count = Number(m[2])
    if (day < 1) return err('milestones_format')
    const prev = out[out.length - 1]
    if (prev !== undefined && (day <= prev.day || count < prev.count)) return err('milestones_order')
    out.push({ day, count })
  }
  return ok(out)
}

/** Canonical text of milestones: `5:1, 10:3, 15:5`. */
export const formatMilestones = (milestones: readonly Milestone[]): string =>
  milestones.map((m) => `${m.day}:${m.count}`).join(', ')

/** True when the text parses (for the zod schema). */
export const isWellFormedMilestones = (text: string): boolean => parseMilestones(text).ok
