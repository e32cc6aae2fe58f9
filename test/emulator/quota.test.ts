import { describe, expect, it } from 'vitest'
import { harness } from './emulator-harness'

function clocked() {
  let now = Date.UTC(2026, 0, 5, 8, 0, 0)
  const h = harness({ now: () => now })
  return { h, advance: (ms: number) => (now += ms) }
}

const as = (user: string) => ({ authorization: `Bearer ${user}` })

describe('quota enforcement (§6.3)', () => {
  it('allows 60 reads a minute per user, then answers 429 with Retry-After, writes counted apart', async () => {
    const { h, advance } = clocked()
    await h.createSpreadsheet('ss')
    await h.call('POST', '/_emulator/faults', { enforce_quota: true })
    for (let i = 0; i < 60; i++) {
      expect((await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as('worker'))).status).toBe(200)
      advance(500)
    }
    const refused = await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as('worker'))
    expect(refused.status).toBe(429)
    expect(refused.json.error.message).toBe(
      "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:100000000001'.",
    )
    expect(refused.json.error.details[0].metadata.quota_limit).toBe('ReadRequestsPerMinutePerUser')
    expect(refused.headers.get('retry-after')).toBe('30')
    expect(
      (await h.call('PUT', '/v4/spreadsheets/ss/values/A1?valueInputOption=RAW', { values: [['w']] }, as('worker')))
        .status,
    ).toBe(200)
    advance(30_500)
    expect((await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as('worker'))).status).toBe(200)
  })

  it('caps a project at 300 requests a minute across users', async () => {
    const { h } = clocked()
    await h.createSpreadsheet('ss')
    await h.call('POST', '/_emulator/faults', { enforce_quota: true })
    for (let u = 0; u < 5; u++) {
      for (let i = 0; i < 60; i++) await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as(`user-${u}`))
    }
    const refused = await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as('user-new'))
    expect(refused.status).toBe(429)
    expect(refused.json.error.message).toContain("limit 'Read requests per minute' of service")
  })

  it('does not limit anything until asked to', async () => {
    const { h } = clocked()
    await h.createSpreadsheet('ss')
    for (let i = 0; i < 80; i++) await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as('worker'))
    expect((await h.call('GET', '/v4/spreadsheets/ss/values/A1', undefined, as('worker'))).status).toBe(200)
  })
})
