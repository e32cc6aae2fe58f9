/**
 * Google's per-minute quotas (§6.3): 60 requests/min per user and 300/min per project, for reads
 * and writes separately. Sliding 60-second windows: stricter than fixed minutes, which would let
 * a burst of twice the limit through across a minute boundary.
 */
import type { QuotaClass, QuotaScope } from './google-errors.js'

export const USER_LIMIT_PER_MINUTE = 60
export const PROJECT_LIMIT_PER_MINUTE = 300
const WINDOW_MS = 60_000

export type QuotaVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly scope: QuotaScope; readonly retryAfterS: number }

export class QuotaTracker {
  private readonly windows = new Map<string, number[]>()

  private recent(key: string, now: number): number[] {
    const list = this.windows.get(key) ?? []
    let drop = 0
    while (drop < list.length && (list[drop] ?? 0) <= now - WINDOW_MS) drop++
    const kept = drop === 0 ? list : list.slice(drop)
    this.windows.set(key, kept)
    return kept
  }

  /** Checks and, when allowed, counts one request. */
  take(kind: QuotaClass, subject: string, now: number, enforce: boolean): QuotaVerdict {
    const userKey = `${kind}|user|${subject}`
    const projectKey = `${kind}|project`
    const user = this.recent(userKey, now)
    const project = this.recent(projectKey, now)
    if (enforce) {
      const retry = (list: number[]): number => Math.max(1, Math.ceil(((list[0] ?? now) + WINDOW_MS - now) / 1000))
      if (user.length >= USER_LIMIT_PER_MINUTE) return { ok: false, scope: 'user', retryAfterS: retry(user) }
      if (project.length >= PROJECT_LIMIT_PER_MINUTE)
        return { ok: false, scope: 'project', retryAfterS: retry(project) }
    }
    user.push(now)
    project.push(now)
    return { ok: true }
  }

  reset(): void {
    this.windows.clear()
  }
}
