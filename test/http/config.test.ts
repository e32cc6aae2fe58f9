import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config'

const SECRET = 'uji-auth-secret-0123456789abcdef-0123456789'
const VALID = {
  SPREADSHEET_ID: 'sheet-uji',
  GOOGLE_SERVICE_ACCOUNT_JSON: '{"type":"service_account"}',
  AUTH_SECRET: SECRET,
}

describe('parseConfig', () => {
  it('fills the defaults: Google endpoints, Jakarta time, 64 KiB bodies, no CORS, no webhook', () => {
    expect(parseConfig(VALID)).toEqual({
      ok: true,
      value: {
        spreadsheetId: 'sheet-uji',
        sheetsApiBase: 'https://sheets.googleapis.com',
        googleTokenUrl: 'https://oauth2.googleapis.com/token',
        googleServiceAccountJson: '{"type":"service_account"}',
        authSecret: SECRET,
        webhookSecret: undefined,
        corsOrigins: [],
        timezone: 'Asia/Jakarta',
        maxBodyBytes: 65_536,
      },
    })
  })

  it('reads numbers from text, origin lists, and treats blank values as absent', () => {
    const parsed = parseConfig({
      ...VALID,
      MAX_BODY_BYTES: '2048',
      CORS_ORIGINS: ' https://forms.sentra.example , http://127.0.0.1:8787 ,',
      WEBHOOK_SECRET: '',
      TIMEZONE: 'Asia/Makassar',
      SHEETS_API_BASE: 'http://127.0.0.1:8788',
      LEDGER: {},
    })
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        maxBodyBytes: 2048,
        corsOrigins: ['https://forms.sentra.example', 'http://127.0.0.1:8787'],
        webhookSecret: undefined,
        timezone: 'Asia/Makassar',
        sheetsApiBase: 'http://127.0.0.1:8788',
      },
    })
  })

  it.each([
    'https://sheets.example',
    'http://127.0.0.1:8788',
    'http://127.8.0.1',
    'http://localhost:8788',
    'http://[::1]:8788',
  ])('accepts %s as the Sheets endpoint (https, or plain http on this machine only)', (url) => {
    expect(parseConfig({ ...VALID, SHEETS_API_BASE: url, GOOGLE_TOKEN_URL: `${url}/token` })).toMatchObject({
      ok: true,
      value: { sheetsApiBase: url, googleTokenUrl: `${url}/token` },
    })
  })

  it.each([
    ['nothing at all', {}, ['AUTH_SECRET', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'SPREADSHEET_ID']],
    ['a short auth secret', { ...VALID, AUTH_SECRET: 'rahasia' }, ['AUTH_SECRET']],
    ['a short webhook secret', { ...VALID, WEBHOOK_SECRET: 'rahasia' }, ['WEBHOOK_SECRET']],
    ['an unknown time zone', { ...VALID, TIMEZONE: 'Asia/Atlantis' }, ['TIMEZONE']],
    ['an origin with a path', { ...VALID, CORS_ORIGINS: 'https://forms.sentra.example/app' }, ['CORS_ORIGINS']],
    ['a body limit of 10 MB', { ...VALID, MAX_BODY_BYTES: '10000000' }, ['MAX_BODY_BYTES']],
    ['a non-HTTP Sheets URL', { ...VALID, SHEETS_API_BASE: 'ftp://sheets.example' }, ['SHEETS_API_BASE']],
    [
      'a plain-http Sheets URL off this machine',
      { ...VALID, SHEETS_API_BASE: 'http://sheets.example' },
      ['SHEETS_API_BASE'],
    ],
    [
      'a plain-http token URL off this machine',
      { ...VALID, GOOGLE_TOKEN_URL: 'http://10.0.0.8/token' },
      ['GOOGLE_TOKEN_URL'],
    ],
    [
      'a ledger tuning value that is not a number',
      { ...VALID, LEDGER_BACKOFF_MAX_MS: 'lama' },
      ['LEDGER_BACKOFF_MAX_MS'],
    ],
    ['a ledger log level it does not know', { ...VALID, LEDGER_LOG_LEVEL: 'verbose' }, ['LEDGER_LOG_LEVEL']],
    ['a negative submit budget', { ...VALID, SUBMIT_BUDGET_MS: '-1' }, ['SUBMIT_BUDGET_MS']],
  ])('names the keys at fault for %s, never their values', (_name, env, keys) => {
    const parsed = parseConfig(env)
    expect(parsed).toEqual({ ok: false, error: { kind: 'config_invalid', keys } })
    expect(JSON.stringify(parsed)).not.toContain('rahasia')
  })
})
