import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config'

// The sign-in keys of the one config parser (src/config.ts): all of client id, client secret and
// session secret, or none; Google as the default issuer; a field day as the default session.

const VALID = {
  SPREADSHEET_ID: 'sheet-uji',
  GOOGLE_SERVICE_ACCOUNT_JSON: '{"type":"service_account"}',
  AUTH_SECRET: 'uji-auth-secret-0123456789abcdef-0123456789',
}
const SIGN_IN = {
  OIDC_CLIENT_ID: 'casebook-uji.apps.googleusercontent.com',
  OIDC_CLIENT_SECRET: 'rahasia-klien-uji',
  SESSION_SECRET: 'uji-session-secret-0123456789abcdef-0123456789',
}

describe('the sign-in configuration', () => {
  it('is absent when none of its keys is set: the API runs, /app says sign-in is not configured', () => {
    const parsed = parseConfig(VALID)
    expect(parsed.ok && parsed.value.signIn).toBeUndefined()
  })

  it('defaults to Google as issuer, the request’s own callback and 12-hour sessions', () => {
    const parsed = parseConfig({ ...VALID, ...SIGN_IN })
    expect(parsed.ok && parsed.value.signIn).toEqual({
      issuer: 'https://accounts.google.com',
      clientId: SIGN_IN.OIDC_CLIENT_ID,
      clientSecret: SIGN_IN.OIDC_CLIENT_SECRET,
      redirectUri: undefined,
      sessionSecret: SIGN_IN.SESSION_SECRET,
      sessionSeconds: 43_200,
    })
  })

  it('takes the local emulator as issuer, a registered redirect URI and another lifetime', () => {
    const parsed = parseConfig({
      ...VALID,
      ...SIGN_IN,
      OIDC_ISSUER: 'http://127.0.0.1:8788/',
      OIDC_REDIRECT_URI: 'https://casebook.sentra.example/app/auth/callback',
      SESSION_HOURS: '10',
    })
    expect(parsed.ok && parsed.value.signIn).toMatchObject({
      issuer: 'http://127.0.0.1:8788',
      redirectUri: 'https://casebook.sentra.example/app/auth/callback',
      sessionSeconds: 36_000,
    })
  })

  it.each([
    ['a client id alone', { OIDC_CLIENT_ID: SIGN_IN.OIDC_CLIENT_ID }, ['OIDC_CLIENT_SECRET', 'SESSION_SECRET']],
    ['no session secret', { OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }, ['SESSION_SECRET']],
    ['a short session secret', { ...SIGN_IN, SESSION_SECRET: 'pendek' }, ['SESSION_SECRET']],
    ['an issuer that is not a URL', { ...SIGN_IN, OIDC_ISSUER: 'google' }, ['OIDC_ISSUER']],
    [
      'an issuer over plain http on another machine',
      { ...SIGN_IN, OIDC_ISSUER: 'http://idp.contoh.test' },
      ['OIDC_ISSUER'],
    ],
    [
      'a redirect URI over plain http on another machine',
      { ...SIGN_IN, OIDC_REDIRECT_URI: 'http://casebook.contoh.test/app/auth/callback' },
      ['OIDC_REDIRECT_URI'],
    ],
    ['a session of more than a week', { ...SIGN_IN, SESSION_HOURS: '200' }, ['SESSION_HOURS']],
  ])('refuses %s, naming the keys (never their values)', (_name, vars, keys) => {
    expect(parseConfig({ ...VALID, ...vars })).toEqual({ ok: false, error: { kind: 'config_invalid', keys } })
  })
})
