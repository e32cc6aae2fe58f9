/**
 * @module
 * A scripted stand-in for the API's row-creating POSTs, answered through Playwright routes: each
 * request takes the next scripted answer (a status and body, a dropped connection, or "saved"),
 * and it honours Idempotency-Key the way the ledger does — the same key answers the first
 * answer again — so tests can count what was stored.
 */
import type { Route } from 'playwright-core'

/** What the scripted server answers to one POST: a status and body, or a dropped connection. */
export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'saved'
  | 'drop'
  | 'drop-after-saving'

/** `rows`: the id stored under each Idempotency-Key (one entry per row the "server" kept). */
export class ScriptedApi {
  readonly requests: { key: string; body: string; language: string; csrf: string }[] = []
  readonly rows = new Map<string, string>()
  private readonly script: Answer[] = []
  private next = 1
  /**
   * Every request fails as offline. Routed requests never reach Chromium's network stack, so
   * context.setOffline alone does not fail them; tests set both.
   */
  offline = false

  answer(...answers: Answer[]): void {
    this.script.push(...answers)
  }

  async handle(route: Route): Promise<void> {
    const request = route.request()
    const key = request.headers()['idempotency-key'] ?? ''
    const body = request.postData() ?? ''
    const headers = request.headers()
    if (this.offline) return route.abort('internetdisconnected')
    this.requests.push({ key, body, language: headers['accept-language'] ?? '', csrf: headers['x-csrf-token'] ?? '' })
    const answer = this.script.shift() ?? 'saved'
    if (answer === 'drop') return route.abort('internetdisconnected')
    const known = this.rows.get(key)
    const id = known ?? `S-${String(this.next).padStart(4, '0')}`
    if (answer === 'drop-after-saving' || answer === 'saved') {
      if (known === undefined) {
        this.rows.set(key, id)
        this.next++
      }
      if (answer === 'drop-after-saving') return route.abort('connectionreset')
      const fields = Object.fromEntries(new URLSearchParams(body))
      return route.fulfill({ status: 201, json: { session_id: id, ...fields, sync: 'synced' } })
    }
    const contentType = answer.status >= 400 ? 'application/problem+json' : 'application/json'
    return route.fulfill({
      status: answer.status,
      headers: { 'content-type': contentType, ...answer.headers },
      body: JSON.stringify(answer.body ?? {}),
    })
  }
}
