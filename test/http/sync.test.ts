import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../../src/http/byte-encoding'
import { hmacSign } from '../../src/http/hmac'
import type { ProblemBody } from '../../src/http/problem'
import { harness, NOW, WEBHOOK_SECRET } from './support/harness'

const BODY = JSON.stringify({ spreadsheetId: 'sheet-uji', sheet: 'Cases', range: 'B5', ts: NOW / 1000 })

async function signed(ts: number, body = BODY, secret = WEBHOOK_SECRET) {
  return {
    'Content-Type': 'application/json',
    'X-Timestamp': String(ts),
    'X-Signature': bytesToHex(await hmacSign(secret, `${ts}.${body}`)),
  }
}

describe('POST /api/sync', () => {
  it('syncs for a coordinator token and answers the sync report', async () => {
    const h = harness()
    const res = await h.send('/api/sync', { method: 'POST', token: await h.token('koordinator-uji', 'coordinator') })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(h.ledger.syncReport)
    expect(h.ledger.callsOf('sync')).toEqual([['api']])
  })

  it('syncs for the Apps Script webhook with a valid signature and no token', async () => {
    const h = harness()
    const res = await h.send('/api/sync', { method: 'POST', body: BODY, headers: await signed(NOW / 1000) })
    expect(res.status).toBe(200)
    expect(h.ledger.callsOf('sync')).toEqual([['webhook']])
  })

  it.each([
    ['a structural onChange', '{"spreadsheetId":"s","change":"INSERT_COLUMN","ts":1}', [['webhook', 'INSERT_COLUMN']]],
    ['an onChange of rows', '{"spreadsheetId":"s","change":"REMOVE_ROW","ts":1}', [['webhook', 'REMOVE_ROW']]],
    ['a change field that is no change type', '{"change":"<script>","ts":1}', [['webhook']]],
    ['a body that is not JSON', 'ubah', [['webhook']]],
  ])('passes the change type of %s on to the ledger', async (_name, body, calls) => {
    const h = harness()
    const res = await h.send('/api/sync', { method: 'POST', body, headers: await signed(NOW / 1000, body) })
    expect(res.status).toBe(200)
    expect(h.ledger.callsOf('sync')).toEqual(calls)
  })

  it.each([
    ['a bad signature', async () => ({ ...(await signed(NOW / 1000)), 'X-Signature': '0'.repeat(64) }), BODY],
    ['a signature made with another secret', async () => signed(NOW / 1000, BODY, `${WEBHOOK_SECRET}-lain`), BODY],
    ['a body changed after signing', async () => signed(NOW / 1000), BODY.replace('B5', 'B6')],
    ['a stale timestamp (6 minutes old)', async () => signed(NOW / 1000 - 360), BODY],
    ['a timestamp 6 minutes ahead', async () => signed(NOW / 1000 + 360), BODY],
    ['no signature headers', async () => ({ 'Content-Type': 'application/json' }), BODY],
  ])('refuses %s with 401 and does not sync', async (_name, headers, body) => {
    const h = harness()
    const res = await h.send('/api/sync', { method: 'POST', body, headers: await headers() })
    expect(res.status).toBe(401)
    expect((await res.json<ProblemBody>()).type).toBe('/docs#problem-signature-invalid')
    expect(h.ledger.callsOf('sync')).toEqual([])
  })

  it('refuses signed webhook calls when no WEBHOOK_SECRET is configured', async () => {
    const h = harness({ config: { webhookSecret: undefined } })
    const res = await h.send('/api/sync', { method: 'POST', body: BODY, headers: await signed(NOW / 1000) })
    expect(res.status).toBe(401)
    expect(h.ledger.callsOf('sync')).toEqual([])
  })

  it('refuses a webhook body over the size limit with 413 before checking anything else', async () => {
    const h = harness({ config: { maxBodyBytes: 1024 } })
    const big = 'x'.repeat(2000)
    const res = await h.send('/api/sync', { method: 'POST', body: big, headers: await signed(NOW / 1000, big) })
    expect(res.status).toBe(413)
  })

  it('answers the status for a coordinator', async () => {
    const h = harness()
    const res = await h.send('/api/sync/status', { token: await h.token('admin-uji', 'admin') })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ outbox: 0, last_sync: null })
  })
})
