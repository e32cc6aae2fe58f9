import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

describe('workers project', () => {
  it('answers health', async () => {
    const res = await exports.default.fetch('http://w/api/health')
    expect(res.status).toBe(200)
  })
  it('routes outbound fetch to the outbound service', async () => {
    const res = await fetch('https://sheets.googleapis.com/x')
    expect(res.status).toBe(599)
  })
})
