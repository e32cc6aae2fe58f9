// PATCH /api/sessions/{id} and /api/assessments/{id}: correcting or withdrawing a row, through
// the same If-Match, body, field-table and codec steps as a case PATCH (in-memory ledger; who
// may change which field is the authorisation table's, authz.test.ts).
import { describe, expect, it } from 'vitest'
import type { ProblemBody } from '../../src/http/problem'
import { seedRows } from './support/authz-table'
import { harness } from './support/harness'

const setUp = async () => {
  const h = harness()
  const ids = await seedRows(h)
  const token = await h.token('peksos-uji', 'worker')
  const read = async (path: string) => h.send(path, { token })
  return { h, ids, token, read }
}

describe('PATCH of a session or assessment row', () => {
  it.each(['sessions', 'assessments'] as const)(
    'withdraws an own %s row: the row stays, answers withdrawn, and its version changes',
    async (tab) => {
      const { h, ids, token, read } = await setUp()
      const path = `/api/${tab}/${ids.own[tab]}`
      const before = await read(path)
      const res = await h.send(path, {
        method: 'PATCH',
        token,
        json: { withdrawn_date: '2025-03-07', withdrawn_reason: 'salah catat' },
        headers: { 'If-Match': before.headers.get('etag') ?? '' },
      })
      expect(res.status, await res.clone().text()).toBe(200)
      const body = await res.json<{ row: Record<string, unknown>; etag: string; withdrawn: boolean }>()
      expect(body).toMatchObject({
        withdrawn: true,
        row: { withdrawn_date: '2025-03-07', withdrawn_reason: 'salah catat' },
      })
      expect(res.headers.get('etag')).toBe(`"${body.etag}"`)
      expect(res.headers.get('etag')).not.toBe(before.headers.get('etag'))
      expect(await (await read(path)).json()).toMatchObject({ withdrawn: true })
    },
  )

  it('passes the canonical id and the decoded fields to the ledger (form values read leniently)', async () => {
    const { h, ids, token, read } = await setUp()
    const path = `/api/sessions/${ids.own.sessions.toLowerCase()}`
    const etag = (await read(`/api/sessions/${ids.own.sessions}`)).headers.get('etag') ?? ''
    const res = await h.send(path, {
      method: 'PATCH',
      token,
      form: { rating: '3', date: '06/03/2025', assistance: ' Minimal ' },
      headers: { 'If-Match': etag },
    })
    expect(res.status).toBe(200)
    expect(h.ledger.callsOf('patchRow')).toEqual([
      [
        {
          tab: 'sessions',
          id: ids.own.sessions,
          patch: { rating: 3, date: '2025-03-06', assistance: 'minimal' },
          ifMatch: etag.replaceAll('"', ''),
          actor: { staffId: 'peksos-uji', role: 'worker' },
        },
      ],
    ])
  })

  it.each<[string, Record<string, string>, Record<string, unknown>, number, string[]]>([
    ['without If-Match', {}, { notes: 'koreksi' }, 428, []],
    ['with a version that is no longer current', { 'If-Match': '"v0-lama"' }, { notes: 'koreksi' }, 412, []],
    ['blanking a field', { 'If-Match': 'CURRENT' }, { notes: '' }, 422, ['/notes required']],
    ['with an unknown field', { 'If-Match': 'CURRENT' }, { warna: 'merah' }, 422, ['/warna unknown_field']],
    ['sending its id', { 'If-Match': 'CURRENT' }, { session_id: 'S-0099' }, 422, ['/session_id read_only_field']],
    ['with nothing to change', { 'If-Match': 'CURRENT' }, {}, 400, []],
    ['with a rating of 5', { 'If-Match': 'CURRENT' }, { rating: 5 }, 422, ['/rating invalid_rating']],
  ])('answers a session PATCH %s with %s', async (_name, headers, json, status, errors) => {
    const { h, ids, token, read } = await setUp()
    const path = `/api/sessions/${ids.own.sessions}`
    const etag = (await read(path)).headers.get('etag') ?? ''
    const res = await h.send(path, {
      method: 'PATCH',
      token,
      json,
      headers: headers['If-Match'] === 'CURRENT' ? { 'If-Match': etag } : headers,
    })
    expect(res.status).toBe(status)
    const body = await res.json<ProblemBody>()
    expect(body.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(errors)
    if (status === 400 || status === 422 || status === 428) expect(h.ledger.callsOf('patchRow')).toEqual([])
  })
})
