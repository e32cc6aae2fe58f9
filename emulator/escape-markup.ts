/**
 * @module
 * Text as it may stand in HTML or SVG (XML) content and in a quoted attribute: the same five
 * characters escaped for both, so the sheet view, its charts and the sign-in page share one rule.
 */

export function escapeMarkup(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}
