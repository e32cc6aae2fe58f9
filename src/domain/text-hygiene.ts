/**
 * @module
 * Text hygiene: characters no cell may hold, whether it came in an API body or was typed or
 * pasted into the sheet — one rule, applied by the cell codecs to every text cell, so a bad API
 * field gets a field error and a bad sheet cell gets its row's `_status` message. Refused:
 * - control characters (Unicode category Cc: C0 U+0000–U+001F, DEL, C1 U+0080–U+009F); tab, line
 *   feed and carriage return are allowed in multi-line text only (notes, findings, indicators:
 *   a form's textarea sends CR LF);
 * - lone surrogates (half a UTF-16 pair: not text; encoders turn them into U+FFFD or refuse them);
 * - bidi embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069, which make a
 *   reader see text in another order than it is stored ("Trojan Source", CVE-2021-42574). The
 *   harmless marks LRM/RLM/ALM stay allowed, and so does right-to-left text itself.
 */
import type { ColumnSpec } from './columns'
import { SHORT_TEXT } from './field-schemas'

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's purpose.
const SUSPECT_RE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/

const TAB = 0x09
const LF = 0x0a
const CR = 0x0d

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/** True when `text` holds a character the rule refuses; `multiline` allows tab, LF and CR. */
export function hasForbiddenCharacter(text: string, multiline: boolean): boolean {
  // Almost every cell is clean: one regex scan decides, the loop runs only on a suspect cell.
  if (!SUSPECT_RE.test(text)) return false
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x20) {
      if (multiline && (unit === TAB || unit === LF || unit === CR)) continue
      return true
    }
    if ((unit >= 0x7f && unit <= 0x9f) || (unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069)) {
      return true
    }
    if (isHighSurrogate(unit)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return true
      i++
    } else if (isLowSurrogate(unit)) return true
  }
  return false
}

/** Long free text (field-schemas `longText`: notes, findings, indicators) may span lines. */
export const allowsLineBreaks = (column: Pick<ColumnSpec, 'kind' | 'maxLength'>): boolean =>
  column.kind === 'text' && column.maxLength !== undefined && column.maxLength > SHORT_TEXT
