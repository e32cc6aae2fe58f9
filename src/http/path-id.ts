/**
 * @module
 * Ids in paths (`/api/cases/{case_id}`, `/api/goals/{goal_id}/…`) are checked against their
 * tab's id pattern before any lookup, through `@hono/zod-validator` like the query parameters:
 * trimmed and upper-cased (`k-0001` finds `K-0001`), then `K-<digits>` for a case. Anything else
 * is answered at once with an `id_invalid` problem that names the kind of id and its form, never
 * the text sent (which may be anything a client or an attacker typed). From here on only a
 * canonical id travels: the ledger may quote it back.
 */
import { zValidator } from '@hono/zod-validator'
import type { Context } from 'hono'
import * as z from 'zod'
import { type DataTabKey, isIdOf } from '../domain'
import type { AppEnv } from './app-env'
import { problem } from './respond'

/** The route middleware: `c.req.valid('param')[param]` is the canonical id after it. */
export const validPathId = <P extends string>(param: P, tab: DataTabKey) =>
  zValidator(
    'param',
    z.object({
      [param]: z
        .string()
        .trim()
        .toUpperCase()
        .refine((id) => isIdOf(tab, id)),
    } as Record<P, z.ZodString>),
    (result, c) => (result.success ? undefined : problem(c as Context<AppEnv>, { kind: 'id_invalid', tab })),
  )
