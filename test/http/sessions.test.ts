import { describe, expect, it } from 'vitest'
import { harness, SESSION } from './support/harness'

describe('POST /api/sessions', () => {
  it('answers 201 with the stored row and its id when the ledger wrote it', async () => {
    const h = harness()
    const res = await h.send('/api/sessions', { token: await h.token('peksos-uji', 'worker'), json: SESSION })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ ...SESSION, session_id: 'S-0001', sync: 'synced' })
  })
})
