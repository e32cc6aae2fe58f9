/**
 * @module
 * Text normalisation for codes typed by people: ` Disabilitas Fisik ` and `disabilitas-fisik`
 * both mean `disabilitas_fisik`.
 */

const SEPARATORS_RE = /[\s-]+/g

/** Trimmed, lower-case, runs of spaces/hyphens as one underscore. */
export const normalizeCode = (text: string): string => text.trim().toLowerCase().replace(SEPARATORS_RE, '_')
