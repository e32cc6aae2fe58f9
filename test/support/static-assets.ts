// Requests routed as Cloudflare routes them (wrangler.toml `[assets]`): a file of public/ answers
// when one has the path — through the ASSETS binding, the real Workers Static Assets code with
// public/_headers applied — and the Worker answers everything else. The workers project cannot
// reach the assets through the Worker's own fetch, so tests of whole answers go through here.
import { env } from 'cloudflare:workers'

/** The answer of the static files for `request`, or undefined when no file has its path. */
export async function staticAnswer(request: Request): Promise<Response | undefined> {
  // The asset layer never reads a body: ask with the method, path and headers only.
  const res = await env.ASSETS.fetch(new Request(request.url, { method: request.method, headers: request.headers }))
  if (res.status === 404) {
    await res.body?.cancel()
    return undefined
  }
  return res
}

/** `worker` behind the static files, as deployed. */
export const withStaticAssets =
  (worker: (request: Request) => Response | Promise<Response>) =>
  async (request: Request): Promise<Response> =>
    (await staticAnswer(request)) ?? worker(request)
