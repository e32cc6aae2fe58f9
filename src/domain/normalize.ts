/**
 * @module
 * Text normalisation for codes typed by people: ` Disabilitas Fisik ` and `disabilitas-fisik`
 * both mean `disabilitas_fisik`.
 */

const SEPARATORS_RE = /[\s-]+/g

/** Text that is already a code (the common case, from dropdowns): returned as is. */
const PLAIN_CODE_RE = /^[a-z0-9_]+$/

/** Trimmed, lower-case, runs of spaces/hyphens as one underscore. */
export const normalizeCode = (text: string): string =>
  PLAIN_CODE_RE.test(text) ? text : text.trim().toLowerCase().replace(SEPARATORS_RE, '_')
