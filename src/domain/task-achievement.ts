/**
 * @module
 * The Task Achievement Scale engine (domain.md "Task Achievement Scale"): a goal's progress as a
 * pure function of its row, its sessions, the holidays and an `as_of` date. Integer arithmetic
 * throughout (ratings are whole numbers), so halves round up exactly (no 2.4999… traps).
 * Inputs are read leniently so outside callers may omit optional fields.
 */
import { type IsoDate, isoToSerialOrUndefined, serialToIso } from './iso-date'
import type { Lang } from './issues'
import { type Milestone, parseMilestones } from './milestones'
import { normalizeCode } from './normalize'
import { isWithdrawn } from './withdrawal'
import {
  type CalendarSource,
  calendarOf,
  firstWorkingSerial,
  lastWorkingSerial,
  type WorkingCalendar,
  workingDaySerial,
} from './working-days'

/** The goal fields the engine reads; a decoded `Goal` row fits. Missing optional fields take defaults. */
export type GoalInput = {
  readonly goal_id: string
  readonly case_id: string
  readonly start_date: IsoDate
  readonly duration_days: number
  readonly target_count: number
  readonly milestones?: string | null | undefined
  readonly mastery_level?: number | null | undefined
  readonly success_level?: number | null | undefined
  readonly weight?: number | null | undefined
}

/** The session fields the engine reads; a decoded `Session` row fits. */
export type SessionInput = {
  readonly goal_id: string
  readonly date: IsoDate
  readonly task: string
  readonly assistance?: string | null | undefined
  readonly rating?: number | string | null | undefined
  /** Set on a session withdrawn as logged by mistake: it is not one of the goal's sessions. */
  readonly withdrawn_date?: string | null | undefined
}

export type TaskRating = number | 'N'

export type TaskProgress = {
  /** Trimmed name of the task's first session. */
  readonly task: string
  /** Rating as of `as_of`: of the latest session (same-day ties: the later row). */
  readonly rating: TaskRating
  readonly mastered: boolean
  /** Sessions of this task dated ≤ as_of. */
  readonly sessions: number
  readonly last_date: IsoDate
}

export type MilestoneStatus = 'met' | 'missed' | 'pending'

export type MilestoneProgress = {
  readonly day: number
  /** Working day `day` of the goal. */
  readonly date: IsoDate
  /** Tasks to be mastered by then. */
  readonly target: number
  /** Tasks mastered as of min(date, as_of). */
  readonly mastered: number
  readonly status: MilestoneStatus
}

export type GoalStatus = 'not_started' | 'on_track' | 'behind' | 'completed'

/** The goal progress object of api.md. */
export type GoalProgress = {
  readonly goal_id: string
  readonly case_id: string
  readonly as_of: IsoDate
  readonly target_count: number
  readonly mastery_level: number
  readonly success_level: number
  readonly tasks: readonly TaskProgress[]
  readonly rating_sum: number
  /** sum / effective target, rounded half up to 2 decimals. */
  readonly mean: number
  /** 0–4. */
  readonly level: number
  /** Indonesian label of the level. */
  readonly label: string
  /** One decimal, 0–100. */
  readonly percent: number
  readonly success: boolean
  readonly milestones: readonly MilestoneProgress[]
  readonly status: GoalStatus
  /** Date of the latest session ≤ as_of, or null when there is none. */
  readonly last_session: IsoDate | null
}

/** Level labels (domain.md TAS rule 5), index = level. */
const LABELS: Readonly<Record<Lang, readonly string[]>> = {
  id: ['Tidak Tercapai', 'Kurang Tercapai', 'Sebagian Tercapai', 'Cukup Tercapai', 'Sangat Tercapai'],
  en: ['not achieved', 'minimally achieved', 'partially achieved', 'substantially achieved', 'fully achieved'],
}

/** Label of a TAS level 0–4 (domain.md TAS rule 5). */
export function levelLabel(level: number, lang: Lang = 'id'): string {
  const label = LABELS[lang][level]
  if (label === undefined) throw new RangeError(`TAS level must be 0–4, got ${level}`)
  return label
}

/** English label of a TAS level 0–4. */
export const levelLabelEn = (level: number): string => levelLabel(level, 'en')

/** Rating derived from assistance when the rating is blank (domain.md "Session"). */
const ASSISTANCE_RATING: ReadonlyMap<string, number> = new Map([
  ['mandiri', 4],
  ['minimal', 3],
  ['sebagian', 2],
  ['penuh', 1],
  ['tidak_tercapai', 0],
])

/**
 * A session's rating: the explicit rating (0–4 or N) wins; a blank one is derived from the
 * assistance level. Undefined when neither is usable (such a session is ignored).
 */
export function sessionRating(session: Pick<SessionInput, 'rating' | 'assistance'>): TaskRating | undefined {
  const r = session.rating
  if (typeof r === 'number') {
    if (Number.isInteger(r) && r >= 0 && r <= 4) return r
  } else if (typeof r === 'string') {
    const t = r.trim().toUpperCase()
    if (t === 'N') return 'N'
    if (/^[0-4]$/.test(t)) return Number(t)
  }
  const a = session.assistance
  return typeof a === 'string' ? ASSISTANCE_RATING.get(normalizeCode(a)) : undefined
}

/** `numerator / denominator` (both ≥ 0 integers, denominator > 0) rounded half up to an integer. */
const roundHalfUp = (numerator: number, denominator: number): number =>
  Math.floor((2 * numerator + denominator) / (2 * denominator))

/** One rated session, in input order. */
type Entry = { readonly serial: number; readonly rating: TaskRating }

type TaskTimeline = {
  /** Trimmed, lower-case name: the task's identity. */
  readonly key: string
  readonly name: string
  firstSerial: number
  readonly entries: Entry[]
}

/** Rating of a task as of a day (TAS rule 1): latest entry ≤ day; same day: the later row. */
function ratingAsOf(task: TaskTimeline, day: number): TaskRating | undefined {
  let best: Entry | undefined
  for (const e of task.entries) if (e.serial <= day && (best === undefined || e.serial >= best.serial)) best = e
  return best?.rating
}

const isMastered = (rating: TaskRating | undefined, mastery: number): boolean =>
  typeof rating === 'number' && rating >= mastery

const orDefault = (value: number | null | undefined, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

const idKey = (id: string): string => id.trim().toUpperCase()

/**
 * Parsed milestones by text. Goals of one centre share a handful of milestone plans, so a small
 * memo saves re-parsing per goal and per call; it is emptied when it grows past its bound.
 */
const MILESTONE_MEMO = new Map<string, readonly Milestone[]>()
function milestonesOf(text: string | null | undefined): readonly Milestone[] {
  if (typeof text !== 'string' || text === '') return []
  let parsed = MILESTONE_MEMO.get(text)
  if (parsed === undefined) {
    const r = parseMilestones(text)
    // Malformed text (already reported by validation) means no milestones here.
    parsed = r.ok ? r.value : []
    if (MILESTONE_MEMO.size >= 512) MILESTONE_MEMO.clear()
    MILESTONE_MEMO.set(text, parsed)
  }
  return parsed
}

/** The arguments of {@link goalProgress}. */
export type GoalProgressInput = {
  readonly goal: GoalInput
  /** Sessions of any goals; only this goal's are used. */
  readonly sessions: readonly SessionInput[]
  /** Holiday dates (the `Settings` tab), or a prepared calendar. */
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}

/**
 * Progress of one goal as of a date (domain.md "Task Achievement Scale", rules 1–9). Sessions
 * dated after `asOf`, of other goals, withdrawn (withdrawal.ts), with an invalid date, without a
 * task name, or with neither a usable rating nor assistance are not seen. Throws only on an invalid `asOf` or start date
 * (callers pass decoded rows).
 */
export function goalProgress(input: GoalProgressInput): GoalProgress {
  return computeProgress(input.goal, input.sessions, calendarOf(input.holidays), input.asOf, true)
}

/**
 * Rule 1: each task's timeline of rated sessions dated ≤ `asOfSerial`, in input order, and the
 * latest session date. Tasks in order of their first session; same first day: by name, so row
 * order does not matter.
 */
function taskTimelines(
  goal: GoalInput,
  sessions: readonly SessionInput[],
  asOfSerial: number,
  filterByGoal: boolean,
): { readonly timelines: TaskTimeline[]; readonly lastSerial: number } {
  const goalKey = idKey(goal.goal_id)
  const tasks = new Map<string, TaskTimeline>()
  let lastSerial = Number.NEGATIVE_INFINITY
  for (const s of sessions) {
    if (filterByGoal && (typeof s.goal_id !== 'string' || idKey(s.goal_id) !== goalKey)) continue
    // A withdrawn session was logged by mistake: it rates no task, on any date (api.md PATCH).
    if (isWithdrawn(s)) continue
    if (typeof s.date !== 'string' || typeof s.task !== 'string') continue
    const serial = isoToSerialOrUndefined(s.date)
    if (serial === undefined || serial > asOfSerial) continue
    const name = s.task.trim()
    if (name === '') continue
    const rating = sessionRating(s)
    if (rating === undefined) continue
    const key = name.toLowerCase()
    let task = tasks.get(key)
    if (task === undefined) {
      task = { key, name, firstSerial: serial, entries: [] }
      tasks.set(key, task)
    } else if (serial < task.firstSerial) {
      // The display name is that of the task's earliest session.
      task = { key, name, firstSerial: serial, entries: task.entries }
      tasks.set(key, task)
    }
    task.entries.push({ serial, rating })
    if (serial > lastSerial) lastSerial = serial
  }
  const timelines = [...tasks.values()].sort(
    (a, b) => a.firstSerial - b.firstSerial || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  return { timelines, lastSerial }
}

/** The serials of `asOf` and of the goal's start date; throws on an invalid one (callers pass decoded rows). */
function serialsOf(goal: GoalInput, asOf: IsoDate): { readonly asOfSerial: number; readonly startSerial: number } {
  const asOfSerial = isoToSerialOrUndefined(asOf)
  if (asOfSerial === undefined) throw new RangeError('asOf must be a YYYY-MM-DD date')
  const startSerial = typeof goal.start_date === 'string' ? isoToSerialOrUndefined(goal.start_date) : undefined
  if (startSerial === undefined) throw new RangeError('goal.start_date must be a YYYY-MM-DD date')
  return { asOfSerial, startSerial }
}

function computeProgress(
  goal: GoalInput,
  sessions: readonly SessionInput[],
  cal: WorkingCalendar,
  asOf: IsoDate,
  filterByGoal: boolean,
): GoalProgress {
  const { asOfSerial } = serialsOf(goal, asOf)
  return progressFrom(goal, taskTimelines(goal, sessions, asOfSerial, filterByGoal), cal, asOf)
}

/** Rules 2–9 from the goal's task timelines (rule 1) as of `asOf`. */
function progressFrom(
  goal: GoalInput,
  { timelines, lastSerial }: { readonly timelines: readonly TaskTimeline[]; readonly lastSerial: number },
  cal: WorkingCalendar,
  asOf: IsoDate,
): GoalProgress {
  const { asOfSerial, startSerial } = serialsOf(goal, asOf)
  const mastery = orDefault(goal.mastery_level, 4)
  const successLevel = orDefault(goal.success_level, 3)
  const target = Math.max(1, Math.trunc(orDefault(goal.target_count, 1)))

  const taskRows: TaskProgress[] = timelines.map((t) => {
    const rating = ratingAsOf(t, asOfSerial) as TaskRating
    let last = t.firstSerial
    for (const e of t.entries) if (e.serial > last) last = e.serial
    return {
      task: t.name,
      rating,
      mastered: isMastered(rating, mastery),
      sessions: t.entries.length,
      last_date: serialToIso(last),
    }
  })

  // Rule 3: effective target and goal sum (best ratings, N ignored, missing tasks count 0).
  // An N task excuses a planned task only where the target would otherwise be short: with at
  // least `target` tasks the worked ones fill it, and N lowers nothing (domain.md rule 3, as
  // corrected: target 2 with tasks rated 4, 1 and N keeps 2, not 1).
  const ratings: number[] = []
  for (const t of taskRows) if (t.rating !== 'N') ratings.push(t.rating)
  const effective = Math.max(1, Math.min(target, ratings.length + Math.max(0, target - taskRows.length)))
  // Only when there are more rated tasks than the effective target do the best ones need picking.
  if (ratings.length > effective) ratings.sort((a, b) => b - a)
  let sum = 0
  for (let i = 0; i < Math.min(effective, ratings.length); i++) sum += ratings[i] as number

  // Rules 4–7: mean, level, label, percent, success — exact rational rounding.
  const level = roundHalfUp(sum, effective)
  const mean = roundHalfUp(100 * sum, effective) / 100
  const percent = roundHalfUp(1000 * sum, 4 * effective) / 10

  // Rule 8: milestones on working days.
  const milestones: MilestoneProgress[] = milestonesOf(goal.milestones).map((m) => {
    const serial = workingDaySerial(cal, startSerial, m.day)
    const evalSerial = Math.min(serial, asOfSerial)
    let mastered = 0
    for (const t of timelines) if (isMastered(ratingAsOf(t, evalSerial), mastery)) mastered++
    const status: MilestoneStatus = mastered >= m.count ? 'met' : serial < asOfSerial ? 'missed' : 'pending'
    return { day: m.day, date: serialToIso(serial), target: m.count, mastered, status }
  })

  // Rule 9: status, in order of precedence.
  const lastDay = lastWorkingSerial(cal, startSerial, orDefault(goal.duration_days, 1))
  const status: GoalStatus =
    taskRows.length === 0
      ? 'not_started'
      : asOfSerial > lastDay
        ? 'completed'
        : milestones.some((m) => m.status === 'missed')
          ? 'behind'
          : 'on_track'

  return {
    goal_id: goal.goal_id,
    case_id: goal.case_id,
    as_of: asOf,
    target_count: target,
    mastery_level: mastery,
    success_level: successLevel,
    tasks: taskRows,
    rating_sum: sum,
    mean,
    level,
    label: levelLabel(level),
    percent,
    success: level >= successLevel,
    milestones,
    status,
    last_session: taskRows.length === 0 ? null : serialToIso(lastSerial),
  }
}

/**
 * Progress of many goals at once in O(sessions + goals): sessions are grouped by goal id once and
 * the calendar is prepared once (what the `Progress` tab and `GET /api/progress` need).
 */
export function goalsProgress(input: {
  readonly goals: readonly GoalInput[]
  readonly sessions: readonly SessionInput[]
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}): GoalProgress[] {
  const calendar = calendarOf(input.holidays)
  const byGoal = groupByGoal(input.sessions)
  return input.goals.map((goal) =>
    computeProgress(goal, byGoal.get(idKey(goal.goal_id)) ?? [], calendar, input.asOf, false),
  )
}

/**
 * Progress and milestone curve of many goals at once, each goal's sessions read once (what the
 * dashboard needs: the same figures as {@link goalsProgress} and {@link milestoneCurves}).
 */
export function goalsProgressAndCurves(input: {
  readonly goals: readonly GoalInput[]
  readonly sessions: readonly SessionInput[]
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}): { readonly progress: GoalProgress[]; readonly curves: CurvePoint[][] } {
  const calendar = calendarOf(input.holidays)
  const byGoal = groupByGoal(input.sessions)
  const progress: GoalProgress[] = []
  const curves: CurvePoint[][] = []
  for (const goal of input.goals) {
    const { asOfSerial } = serialsOf(goal, input.asOf)
    const timelines = taskTimelines(goal, byGoal.get(idKey(goal.goal_id)) ?? [], asOfSerial, false)
    progress.push(progressFrom(goal, timelines, calendar, input.asOf))
    curves.push(curveFrom(goal, timelines.timelines, calendar, input.asOf))
  }
  return { progress, curves }
}

/** Sessions by goal id (trimmed, upper-case), in input order. */
function groupByGoal(sessions: readonly SessionInput[]): Map<string, SessionInput[]> {
  const byGoal = new Map<string, SessionInput[]>()
  for (const s of sessions) {
    if (typeof s.goal_id !== 'string') continue
    const key = idKey(s.goal_id)
    const list = byGoal.get(key)
    if (list === undefined) byGoal.set(key, [s])
    else list.push(s)
  }
  return byGoal
}

/**
 * One working day of a goal's milestone curve (issue 9 point 3): the tasks the plan expects
 * mastered by that day, and the tasks mastered as of that day's date — null for days after
 * `as_of` (not happened yet).
 */
export type CurvePoint = {
  /** Working day 1…duration_days of the goal. */
  readonly day: number
  readonly date: IsoDate
  /** The count of the last milestone whose day is ≤ `day` (0 before the first): a step function. */
  readonly planned: number
  /** Tasks whose rating as of `date` reaches the mastery level (TAS rules 1–2); null after `as_of`. */
  readonly mastered: number | null
}

function computeCurve(
  goal: GoalInput,
  sessions: readonly SessionInput[],
  cal: WorkingCalendar,
  asOf: IsoDate,
  filterByGoal: boolean,
): CurvePoint[] {
  const { asOfSerial } = serialsOf(goal, asOf)
  return curveFrom(goal, taskTimelines(goal, sessions, asOfSerial, filterByGoal).timelines, cal, asOf)
}

/**
 * The curve from the goal's task timelines, in one sweep: the days in order, each applying the
 * rated sessions dated up to it (sorted by date, input order kept within a date, so a task's rating
 * is that of its latest session, same-day ties to the later row — exactly TAS rule 1's
 * {@link ratingAsOf}), counting mastered tasks as they change. O(days + sessions log sessions).
 */
function curveFrom(
  goal: GoalInput,
  timelines: readonly TaskTimeline[],
  cal: WorkingCalendar,
  asOf: IsoDate,
): CurvePoint[] {
  const { asOfSerial, startSerial } = serialsOf(goal, asOf)
  const mastery = orDefault(goal.mastery_level, 4)
  const days = Math.max(1, Math.trunc(orDefault(goal.duration_days, 1)))
  const milestones = milestonesOf(goal.milestones)
  const entries: { readonly task: number; readonly serial: number; readonly rating: TaskRating }[] = []
  timelines.forEach((t, task) => {
    for (const e of t.entries) entries.push({ task, serial: e.serial, rating: e.rating })
  })
  entries.sort((a, b) => a.serial - b.serial)
  const current: (TaskRating | undefined)[] = timelines.map(() => undefined)
  let mastered = 0
  let next = 0
  let m = 0
  let planned = 0
  let serial = firstWorkingSerial(cal, startSerial)
  const points: CurvePoint[] = []
  for (let day = 1; day <= days; day++) {
    if (day > 1) serial = firstWorkingSerial(cal, serial + 1)
    while (m < milestones.length && (milestones[m] as Milestone).day <= day)
      planned = (milestones[m++] as Milestone).count
    let count: number | null = null
    if (serial <= asOfSerial) {
      for (; next < entries.length && (entries[next] as (typeof entries)[number]).serial <= serial; next++) {
        const e = entries[next] as (typeof entries)[number]
        const was = isMastered(current[e.task], mastery)
        current[e.task] = e.rating
        const is = isMastered(e.rating, mastery)
        if (is !== was) mastered += is ? 1 : -1
      }
      count = mastered
    }
    points.push({ day, date: serialToIso(serial), planned, mastered: count })
  }
  return points
}

/**
 * A goal's milestone curve as of a date: one point per working day of the goal. The mastered
 * count of a day is exactly what {@link goalProgress} counts as mastered as of that day, and on a
 * milestone's day what the milestone reports (TAS rule 8).
 */
export function milestoneCurve(input: GoalProgressInput): CurvePoint[] {
  return computeCurve(input.goal, input.sessions, calendarOf(input.holidays), input.asOf, true)
}

/** The curves of many goals at once (sessions grouped once), index for index with `goals`. */
export function milestoneCurves(input: {
  readonly goals: readonly GoalInput[]
  readonly sessions: readonly SessionInput[]
  readonly holidays: CalendarSource
  readonly asOf: IsoDate
}): CurvePoint[][] {
  const calendar = calendarOf(input.holidays)
  const byGoal = groupByGoal(input.sessions)
  return input.goals.map((goal) =>
    computeCurve(goal, byGoal.get(idKey(goal.goal_id)) ?? [], calendar, input.asOf, false),
  )
}
