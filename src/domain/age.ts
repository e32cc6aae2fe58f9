/**
 * @module
 * A client's age (domain.md "Case": birth_date — "age is derived, never typed"): whole years
 * completed on a date, as a birthday counts. Pure; the date is passed in.
 */
import type { IsoDate } from './iso-date'

/**
 * Whole years from `birthDate` to `on` (both YYYY-MM-DD); null when `on` is before the birth. A
 * 29 February birthday is completed on 1 March in a common year (the day after 28 February).
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number | null {
  if (on < birthDate) return null
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1
}
