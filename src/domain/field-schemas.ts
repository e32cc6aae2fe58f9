/**
 * @module
 * The zod value schemas shared by the row schemas: what a decoded cell looks like once typed
 * (dates as `YYYY-MM-DD`, ids in canonical form, codes in lower_snake_case).
 */
import * as z from 'zod'
import { type DataTabKey, idPattern } from './ids'
import { isWellFormedMilestones } from './milestones'

/** Initials only (no full names): 1–8 letters, dots or spaces, with at least one letter. */
export const INITIALS_RE = /^(?=[^\p{L}]*\p{L})[\p{L}. ]{1,8}$/u

/** A normalised code (see normalize.ts): no whitespace, no upper-case letters. */
export const CODE_RE = /^[^\s\p{Lu}]+$/u

export const EMAIL_RE = z.regexes.email

/** Text limits, in characters: short labels, titles, and free notes. */
export const SHORT_TEXT = 200
export const LONG_TEXT = 5000

export const isoDateSchema = () => z.iso.date()
export const idSchema = (tab: DataTabKey) => z.string().regex(new RegExp(idPattern(tab)))
export const shortText = () => z.string().min(1).max(SHORT_TEXT)
export const longText = () => z.string().min(1).max(LONG_TEXT)
export const codeSchema = () => z.string().max(SHORT_TEXT).regex(CODE_RE)
export const initialsSchema = () => z.string().regex(INITIALS_RE)
export const milestonesSchema = () => z.string().refine(isWellFormedMilestones, 'milestones_format')
/** Staff id or email of a staff member (matched case-insensitively against the Staff tab). */
export const staffRefSchema = () => z.string().min(1).max(SHORT_TEXT)
/** A session rating: 0–4, or `N` = no opportunity to work on the task (domain.md "Session"). */
export const ratingSchema = () => z.union([z.int().min(0).max(4), z.literal('N')])
/** An ordinal 0–4 on the Task Achievement Scale. */
export const levelSchema = () => z.int().min(0).max(4)
