import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../../src/http/byte-encoding'
import { hmacSign } from '../../src/http/hmac'
import { verifyWebhookSignature } from '../../src/http/webhook-signature'

const SECRET = 'uji-webhook-secret-0123456789abcdef-012345'
const NOW = Date.parse('2025-03-20T03:00:00Z')
const TS = String(NOW / 1000)
const BODY = '{"spreadsheetId":"sheet-uji","sheet":"Cases","range":"B5","ts":1742439600}'

const sign = async (ts: string, body: string, secret = SECRET) => bytesToHex(await hmacSign(secret, `${ts}.${body}`))

describe('verifyWebhookSignature', () => {
  it('accepts the lower-case hex HMAC of "<ts>.<body>" within the window', async () => {
    const signature = await sign(TS, BODY)
    expect(await verifyWebhookSignature({ secret: SECRET, timestamp: TS, signature, rawBody: BODY, now: NOW })).toEqual(
      {
        ok: true,
        value: true,
      },
    )
  })

  it.each([
    ['299 s old', -299, true],
    ['300 s old', -300, true],
    ['301 s old', -301, false],
    ['301 s in the future', 301, false],
  ])('with a timestamp %s answers ok=%s', async (_name, offsetS, accepted) => {
    const ts = String(NOW / 1000 + offsetS)
    const result = await verifyWebhookSignature({
      secret: SECRET,
      timestamp: ts,
      signature: await sign(ts, BODY),
      rawBody: BODY,
      now: NOW,
    })
    expect(result.ok ? 'ok' : result.error.reason).toBe(accepted ? 'ok' : 'stale')
  })

  it.each([
    ['a body changed after signing', async () => ({ signature: await sign(TS, BODY), rawBody: `${BODY} ` })],
    ['another secret', async () => ({ signature: await sign(TS, BODY, `${SECRET}x`), rawBody: BODY })],
    [
      'a signature of the body without the timestamp',
      async () => ({ signature: bytesToHex(await hmacSign(SECRET, BODY)), rawBody: BODY }),
    ],
    ['a truncated signature', async () => ({ signature: (await sign(TS, BODY)).slice(0, 62), rawBody: BODY })],
    ['a signature that is not hex', async () => ({ signature: 'z'.repeat(64), rawBody: BODY })],
  ])('refuses %s as invalid', async (_name, make) => {
    const { signature, rawBody } = await make()
    const result = await verifyWebhookSignature({ secret: SECRET, timestamp: TS, signature, rawBody, now: NOW })
    expect(result).toEqual({ ok: false, error: { reason: 'invalid' } })
  })

  it('refuses a request without the headers as missing, and everything when no secret is configured', async () => {
    const signature = await sign(TS, BODY)
    expect(
      await verifyWebhookSignature({ secret: SECRET, timestamp: undefined, signature, rawBody: BODY, now: NOW }),
    ).toEqual({
      ok: false,
      error: { reason: 'missing' },
    })
    expect(
      await verifyWebhookSignature({ secret: undefined, timestamp: TS, signature, rawBody: BODY, now: NOW }),
    ).toEqual({
      ok: false,
      error: { reason: 'disabled' },
    })
  })
})
