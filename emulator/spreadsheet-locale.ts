/**
 * The few conventions of a spreadsheet locale that USER_ENTERED parsing and FORMATTED_VALUE
 * rendering depend on (§4.1 "Parsing follows the spreadsheet locale, and formatting too"): the
 * order of day, month and year in typed dates, the decimal and grouping separators, and the date
 * pattern a detected date is given.
 *
 * Deliberately a tiny table, not CLDR: en_US is what the recorded Google traffic verifies; in_ID
 * is the casebook template's locale (Google reads `05/03/2025` there as 5 March). The other rows
 * follow each locale's usual short date and separators and are inferred, not recorded. A locale
 * missing from the table (including a well-formed one such as `ja_JP`) falls back to en_US, which
 * is what the emulator did for every locale before.
 *
 * Not covered (en_US behaviour everywhere): month and weekday names, TRUE/FALSE, the currency
 * symbol ("$"), times (H:mm:ss with ':'), and formula syntax, which the API takes in en_US form.
 */

/** Order of the day, month and year fields in a typed date such as `05/03/2025`. */
export type DateOrder = 'MDY' | 'DMY'

export interface LocaleConventions {
  /** The table row used (after falling back), e.g. `en_US` for an unknown locale. */
  readonly locale: string
  readonly dateOrder: DateOrder
  /** Decimal separator, typed and displayed: `2,5` is two and a half in in_ID. */
  readonly decimal: '.' | ','
  /** Thousands separator, typed and displayed: `1.234,5` in in_ID. */
  readonly grouping: ',' | '.' | '\u202f'
  /**
   * Pattern given to a typed date that is not ISO (ISO input keeps yyyy-mm-dd). Its field
   * separator is also accepted when typing a date, besides '/'.
   */
  readonly datePattern: string
  /** The same, for a typed date followed by a time. */
  readonly dateTimePattern: string
}

function row(
  locale: string,
  dateOrder: DateOrder,
  decimal: LocaleConventions['decimal'],
  grouping: LocaleConventions['grouping'],
  datePattern: string,
): LocaleConventions {
  return { locale, dateOrder, decimal, grouping, datePattern, dateTimePattern: `${datePattern} H:mm:ss` }
}

export const EN_US: LocaleConventions = row('en_US', 'MDY', '.', ',', 'M/d/yyyy')

const TABLE: ReadonlyMap<string, LocaleConventions> = new Map(
  [
    EN_US,
    // Google names Indonesian with the legacy Java code `in` and reads it back as in_ID.
    row('in_ID', 'DMY', ',', '.', 'd/M/yyyy'),
    row('id_ID', 'DMY', ',', '.', 'd/M/yyyy'),
    row('en_GB', 'DMY', '.', ',', 'dd/MM/yyyy'),
    row('en_AU', 'DMY', '.', ',', 'dd/MM/yyyy'),
    row('nl_NL', 'DMY', ',', '.', 'd-M-yyyy'),
    row('de_DE', 'DMY', ',', '.', 'dd.MM.yyyy'),
    // French groups thousands with a narrow no-break space (U+202F).
    row('fr_FR', 'DMY', ',', '\u202f', 'dd/MM/yyyy'),
  ].map((c) => [c.locale, c]),
)

/** The conventions of a spreadsheet locale such as `in_ID`; en_US for locales not in the table. */
export function localeConventions(locale: string | undefined): LocaleConventions {
  return (locale === undefined ? undefined : TABLE.get(locale)) ?? EN_US
}
