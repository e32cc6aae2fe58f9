/**
 * Colours as Google stores them: channels quantised to 8 bits and printed as float32, so 0.498
 * reads back as 0.49803922 (§1.2, §5.2). Halves round down: the recordings show both 0.498 and
 * 0.5 reading back as 127/255. Zero channels are omitted, and the legacy `xColor` fields
 * mirrored into `xColorStyle.rgbColor` (and back) as the recorded responses show.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets/v4'

type Color = sheets_v4.Schema$Color
type ColorStyle = sheets_v4.Schema$ColorStyle

/** Shortest decimal that round-trips to the same float32. */
export function float32(x: number): number {
  const f = Math.fround(x)
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p))
    if (Math.fround(candidate) === f) return candidate
  }
  return f
}

export function normalizeColor(c: Color): Color {
  const out: Color = {}
  for (const key of ['red', 'green', 'blue'] as const) {
    const v = c[key]
    if (typeof v !== 'number') continue
    const level = Math.max(0, Math.ceil(Math.min(1, Math.max(0, v)) * 255 - 0.5))
    if (level !== 0) out[key] = float32(level / 255)
  }
  if (typeof c.alpha === 'number' && c.alpha !== 1 && c.alpha !== 0) out.alpha = float32(c.alpha)
  return out
}

export function normalizeStyle(s: ColorStyle): ColorStyle {
  if (s.rgbColor) return { rgbColor: normalizeColor(s.rgbColor) }
  if (s.themeColor) return { themeColor: s.themeColor }
  return {}
}

/** Fills the missing one of a legacy colour / colour-style pair on `obj`, in place. */
export function mirrorColor(obj: Record<string, unknown>, legacy: string, style: string): void {
  const c = obj[legacy] as Color | undefined
  const s = obj[style] as ColorStyle | undefined
  if (c && typeof c === 'object') obj[legacy] = normalizeColor(c)
  if (s && typeof s === 'object') obj[style] = normalizeStyle(s)
  const nc = obj[legacy] as Color | undefined
  const ns = obj[style] as ColorStyle | undefined
  if (nc && !ns) obj[style] = { rgbColor: nc }
  else if (ns?.rgbColor && !nc) obj[legacy] = ns.rgbColor
}

/** Normalises every colour of a CellFormat (background, text, borders). */
export function normalizeFormatColors(format: sheets_v4.Schema$CellFormat): sheets_v4.Schema$CellFormat {
  const f = structuredClone(format) as Record<string, unknown>
  mirrorColor(f, 'backgroundColor', 'backgroundColorStyle')
  const text = f.textFormat as Record<string, unknown> | undefined
  if (text) mirrorColor(text, 'foregroundColor', 'foregroundColorStyle')
  const borders = f.borders as Record<string, Record<string, unknown> | undefined> | undefined
  if (borders) for (const side of Object.values(borders)) if (side) mirrorColor(side, 'color', 'colorStyle')
  return f as sheets_v4.Schema$CellFormat
}
