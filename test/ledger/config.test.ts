// The ledger's config: env strings in, typed tuning out; errors name variables, never values.
import { describe, expect, it } from 'vitest'
import { applyTuningOverride, parseLedgerConfig } from '../../src/ledger/config'

const env = { GOOGLE_SERVICE_ACCOUNT_JSON: '{"client_email":"x@y"}' }

describe('parseLedgerConfig', () => {
  it('fills production defaults', () => {
    const r = parseLedgerConfig(env)
    expect(r.ok && r.value).toMatchObject({
      timeZone: 'Asia/Jakarta',
      sheetsApiBase: 'https://sheets.googleapis.com',
      tuning: { submitBudgetMs: 4000, writesPerMinute: 50, uncertainGraceMs: 180_000, idempotencyTtlMs: 86_400_000 },
    })
  })

  it('reads the tuning shared with the Worker config (hours scaled to ms)', () => {
    const r = parseLedgerConfig({
      ...env,
      SUBMIT_BUDGET_MS: '1500',
      WRITE_QUOTA_PER_MIN: '30',
      IDEMPOTENCY_TTL_HOURS: '2',
    })
    expect(r.ok && r.value.tuning).toMatchObject({
      submitBudgetMs: 1500,
      writesPerMinute: 30,
      idempotencyTtlMs: 7_200_000,
    })
  })

  it.each([
    { name: 'a missing service account', input: {}, fields: ['GOOGLE_SERVICE_ACCOUNT_JSON'] },
    { name: 'an unknown time zone', input: { ...env, TIMEZONE: 'Mars/Olympus' }, fields: ['TIMEZONE'] },
    { name: 'a negative budget', input: { ...env, SUBMIT_BUDGET_MS: '-1' }, fields: ['SUBMIT_BUDGET_MS'] },
    {
      name: 'hours that are not a number',
      input: { ...env, IDEMPOTENCY_TTL_HOURS: 'sehari' },
      fields: ['IDEMPOTENCY_TTL_HOURS'],
    },
    {
      name: 'two bad knobs and a plain-http Sheets URL',
      input: { ...env, LEDGER_WATCHDOG_MS: '1.5', LEDGER_READ_BURST: '0', SHEETS_API_BASE: 'http://sheets.example' },
      fields: ['LEDGER_READ_BURST', 'LEDGER_WATCHDOG_MS', 'SHEETS_API_BASE'],
    },
  ])('refuses $name, naming the variables only (the same error shape as the Worker config)', ({ input, fields }) => {
    const r = parseLedgerConfig(input)
    expect(!r.ok && r.error).toEqual({ kind: 'config_invalid', keys: fields })
  })
})

describe('applyTuningOverride', () => {
  it('applies valid fields and ignores a broken override', () => {
    const base = parseLedgerConfig(env)
    if (!base.ok) throw new Error('config')
    expect(applyTuningOverride(base.value.tuning, { backoffBaseMs: 20 }).backoffBaseMs).toBe(20)
    expect(applyTuningOverride(base.value.tuning, { backoffBaseMs: 'soon' })).toEqual(base.value.tuning)
  })
})
