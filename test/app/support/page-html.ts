// Reading the field app's HTML in tests: its form controls (name, and whether a person can tell
// what each one is), the assets a page loads, and gzip sizes (the 30 KiB budget of issue 8).

export type Control = {
  readonly name: string
  /** True when labelled, false when not; undefined for controls that need no label (hidden). */
  readonly labelled: boolean | undefined
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]

/** Every named input, select and textarea, and whether a label, a legend or aria names it. */
export function controlsOf(html: string): Control[] {
  const out: Control[] = []
  for (const m of html.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
    const tag = m[0]
    const name = attr(tag, 'name')
    if (name === undefined) continue
    const type = attr(tag, 'type')
    if (type === 'hidden') {
      out.push({ name, labelled: undefined })
      continue
    }
    const id = attr(tag, 'id')
    const before = html.slice(0, m.index)
    // A radio or checkbox inside its own <label>, or a control with a <label for> of its id.
    const insideLabel = before.lastIndexOf('<label') > before.lastIndexOf('</label>')
    const forLabel = id !== undefined && html.includes(`<label for="${id}">`)
    out.push({ name, labelled: insideLabel || forLabel || attr(tag, 'aria-label') !== undefined })
  }
  return out
}

/** The stylesheet and scripts a page loads (same-origin paths). */
export function pageAssets(html: string): string[] {
  return [...html.matchAll(/<(?:link rel="stylesheet" href|script[^>]*\ssrc)="(\/app\/static\/[^"]+)"/g)].map(
    (m) => m[1] as string,
  )
}

/** Bytes of `text` gzipped (what the phone downloads on first load). */
export async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}
