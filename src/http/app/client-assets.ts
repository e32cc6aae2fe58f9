/**
 * @module
 * The URLs of the field app's client assets (src/http/app/client/). `npm run assets`
 * (scripts/static-assets.ts) minifies them into public/app/static/<name>.<hash>.<ext>, which
 * Workers Static Assets serves before the Worker sees the request (immutable: a changed file gets
 * a new hash, so a cached copy can never be stale), and writes their hashes to
 * client-assets.generated.ts for the pages to link to. The service worker is public/app/sw.js.
 */
import { ASSET_HASHES } from './client-assets.generated'

export type AssetName = keyof typeof ASSET_HASHES

/** `/app/static/app.6e9d3b0fdd.css` for `app.css`. */
export function assetUrl(name: AssetName): string {
  const dot = name.lastIndexOf('.')
  return `/app/static/${name.slice(0, dot)}.${ASSET_HASHES[name]}${name.slice(dot)}`
}
