/**
 * @module
 * The client assets of the field app (generated from src/http/app/client/ by `npm run assets`):
 * their hashed URLs for pages and the service worker, and the answers that serve them.
 * `/app/static/<name>.<hash>.<ext>` is immutable (a changed file gets a new hash, so a cached
 * copy can never be stale); an old or unknown hash is a 404, never another version's content.
 * `/app/sw.js` keeps one URL (a service worker's URL must not change), is revalidated on every
 * load, and starts with the shell manifest so it changes whenever an asset does.
 */
import { CLIENT_ASSETS } from './client-assets.generated'

export type AssetName = keyof typeof CLIENT_ASSETS

const splitName = (name: string): { base: string; ext: string } => {
  const dot = name.lastIndexOf('.')
  return { base: name.slice(0, dot), ext: name.slice(dot + 1) }
}

/** `/app/static/app.6e9d3b0fdd.css` for `app.css`. */
export function assetUrl(name: AssetName): string {
  const { base, ext } = splitName(name)
  return `/app/static/${base}.${CLIENT_ASSETS[name].hash}.${ext}`
}

/** Every hashed asset URL except the service worker's own file (what the shell needs offline). */
export const SHELL_ASSETS: readonly string[] = (Object.keys(CLIENT_ASSETS) as AssetName[])
  .filter((name) => name !== 'sw.js')
  .map(assetUrl)

const STATIC_RE = /^([a-z0-9-]+)\.([0-9a-f]{10})\.([a-z]+)$/

/** The answer for `/app/static/<file>`, or undefined when no asset has that name and hash. */
export function staticAsset(file: string): Response | undefined {
  const m = STATIC_RE.exec(file)
  if (m === null) return undefined
  const name = `${m[1]}.${m[3]}`
  if (!Object.hasOwn(CLIENT_ASSETS, name) || name === 'sw.js') return undefined
  const asset = CLIENT_ASSETS[name as AssetName]
  if (asset.hash !== m[2]) return undefined
  return new Response(asset.body, {
    headers: {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"${asset.hash}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/** Changes whenever any client file does (the hashes of every asset, in name order). */
const SHELL_VERSION = Object.values(CLIENT_ASSETS)
  .map((a) => a.hash.slice(0, 4))
  .join('')

/** The shell manifest line the service worker starts with. */
export const shellManifest = (): string =>
  `self.CASEBOOK_SHELL = ${JSON.stringify({ version: SHELL_VERSION, assets: SHELL_ASSETS })};\n`

/** `/app/sw.js`: scope /app/, revalidated on every registration check. */
export function serviceWorker(): Response {
  return new Response(shellManifest() + CLIENT_ASSETS['sw.js'].body, {
    headers: {
      'Content-Type': CLIENT_ASSETS['sw.js'].type,
      'Cache-Control': 'no-cache',
      'Service-Worker-Allowed': '/app/',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
