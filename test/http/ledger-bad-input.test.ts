// The bad-input corpus against the real Worker and ledger Durable Object: every request gets a
// 4xx problem+json with pointers (cross-row rules now come from the ledger's mirror of the
// sheet), never a 500, and nothing reaches the sheet.
import { beforeAll, describe, expect, it } from 'vitest'
import { rowsByKey, staffTypesRows } from '../support/casebook'
import { CORPUS, expectProblem } from './support/bad-input-corpus'
import { type Client, captureLogs, seededRealCentre } from './support/real-ledger'

const SHEET = 'http-bad-input'
const logs = captureLogs()
let client: Client

beforeAll(async () => {
  client = await seededRealCentre(SHEET)
}, 60_000)

describe('bad input (real ledger)', () => {
  it.each(CORPUS)('answers $status problem+json for $name, in Indonesian and in English', async (bad) => {
    await expectProblem(client, bad)
  })

  it('wrote nothing to the sheet for any of them, and never answered 500', async () => {
    expect(await rowsByKey(SHEET, 'sessions')).toEqual([])
    expect((await rowsByKey(SHEET, 'assessments')).length).toBe(0)
    expect((await rowsByKey(SHEET, 'cases')).map((r) => r.case_id)).toEqual(['K-0001', 'K-0002', 'K-0003'])
    const statuses = logs.flatMap((l) => (typeof l === 'object' && l !== null && 'status' in l ? [l.status] : []))
    expect(statuses.filter((s) => s === 500)).toEqual([])
  })

  it('gives a row typed into the sheet with a hidden character the same rule, as its _status message', async () => {
    await staffTypesRows(SHEET, 'sessions', 2, [
      {
        case_id: 'K-0001',
        goal_id: 'T-0001',
        date: '2025-03-05',
        task: 'memilah \u202epakaian',
        assistance: 'penuh',
        worker: 'peksos-uji',
      },
    ])
    const sync = await client.send('/api/sync', {
      method: 'POST',
      token: await client.token('koordinator-uji', 'coordinator'),
    })
    expect(sync.status).toBe(200)
    const [row] = await rowsByKey(SHEET, 'sessions')
    expect(row?._status).toBe(
      'Kolom "Tugas" berisi karakter tersembunyi yang tidak diizinkan (karakter kontrol, pengatur arah teks, atau baris baru di luar kolom catatan); ketik ulang isinya.',
    )
  })
})
