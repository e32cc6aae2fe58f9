/**
 * @module
 * Small answer helpers shared by the routes: problems go through problem.ts; successful JSON
 * answers are never cached (they carry case data).
 */
import type { Context } from 'hono'
import type { AppEnv } from './app-env'
import { type HttpProblem, problemResponse } from './problem'

/** Answers `p` as problem+json in the request's language, and notes its kind for the log line. */
export function problem(c: Context<AppEnv>, p: HttpProblem): Response {
  c.set('problem', p.kind)
  return problemResponse(p, c.var.lang, c.var.requestId)
}

/** A JSON answer with extra headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}
