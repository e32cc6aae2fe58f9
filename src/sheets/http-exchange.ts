// One HTTP exchange with a deadline, shared by the token source and the Sheets client.

export type FetchOutcome =
  | { readonly type: 'response'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly type: 'timeout' }
  | { readonly type: 'network'; readonly message: string }

/**
 * One HTTP exchange with a deadline covering headers and body. The race with the abort keeps the
 * deadline even when an injected fetch ignores `signal`.
 */
export async function fetchWithTimeout(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<FetchOutcome> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<FetchOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve({ type: 'timeout' })
    }, timeoutMs)
  })
  const exchange = (async (): Promise<FetchOutcome> => {
    try {
      const response = await fetchFn(url, { ...init, signal: controller.signal })
      const text = await response.text()
      return { type: 'response', status: response.status, headers: response.headers, text }
    } catch (error) {
      if (controller.signal.aborted) return { type: 'timeout' }
      return { type: 'network', message: describeFetchFailure(error) }
    }
  })()
  try {
    return await Promise.race([exchange, deadline])
  } finally {
    clearTimeout(timer)
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Error class and message of a failed fetch, capped; fetch errors carry no credentials. */
function describeFetchFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : 'fetch failed'
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
