/**
 * @module
 * What a field-app request carries besides the API's variables: the signed-in session (set by
 * the sign-in middleware on every page after it) and, on a POST, the form it posted (read once,
 * size-limited, CSRF-checked).
 */
import type { RawRecord } from '../../domain'
import type { AppEnv } from '../app-env'

export type SignedIn = {
  readonly email: string
  readonly sid: string
  /** This session's CSRF token (forms: `_csrf`; the client's /api fetches: `X-CSRF-Token`). */
  readonly csrf: string
}

export type FieldEnv = {
  Variables: AppEnv['Variables'] & {
    readonly signedIn: SignedIn
    readonly form: RawRecord
  }
}
