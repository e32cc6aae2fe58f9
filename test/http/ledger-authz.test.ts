// The authorisation table against the real Worker and ledger Durable Object, plus deactivation
// through the Staff tab taking effect at the next sync.
import { beforeAll, describe, expect, it } from 'vitest'
import type { ProblemBody } from '../../src/http/problem'
import { staffEdit } from '../support/emulator-control'
import {
  BAD_TOKENS,
  checkAttribution,
  checkClosedCaseRefusesNewRows,
  checkFieldRow,
  checkNoExistenceOracle,
  FIELD_ROWS,
  ORACLE_PAIRS,
  PROTECTED,
  ROW_READ_ROWS,
  ROWS,
  type RowIds,
  STAFF_OF,
  seedRows,
} from './support/authz-table'
import { resolveIfMatch } from './support/bad-input-corpus'
import { type Client, captureLogs, seededRealCentre } from './support/real-ledger'

const SHEET = 'http-authz'
const logs = captureLogs()
let client: Client
let rows: RowIds

beforeAll(async () => {
  client = await seededRealCentre(SHEET)
  rows = await seedRows(client)
}, 60_000)

describe('authorisation (real ledger)', () => {
  it.each(ROWS)('$endpoint as $actor on an $target case → $status', async ({ e, actor, target, status }) => {
    const { path, ...request } = e.request(target)
    const init = await resolveIfMatch(client, path, request)
    const res = await client.send(path, { ...init, token: await client.token(STAFF_OF[actor], actor) })
    expect(res.status, await res.clone().text()).toBe(status)
  })

  it.each(PROTECTED.flatMap((e) => BAD_TOKENS.map((t) => ({ endpoint: e.name, e, t }))))(
    '$endpoint with $t.name → 401',
    async ({ e, t }) => {
      const { path, ...init } = e.request('own')
      const authorization = await t.header(Date.now())
      const res = await client.send(path, {
        ...init,
        headers: { ...init.headers, ...(authorization === undefined ? {} : { Authorization: authorization }) },
      })
      expect(res.status).toBe(401)
      expect((await res.json<ProblemBody>()).detail).toMatch(t.reason)
    },
  )

  it.each(FIELD_ROWS)(
    'PATCH /api/$tab/{id} setting $field ($access) as $actor on an $target row → $status',
    async (row) => {
      await checkFieldRow(client, row, rows)
    },
  )

  it.each(ROW_READ_ROWS)('GET /api/$tab/{id} as $actor on an $target row → $status', async (row) => {
    const res = await client.send(row.path(rows), { token: await client.token(STAFF_OF[row.actor], row.actor) })
    expect(res.status).toBe(row.status)
  })

  it('defaults worker to the caller on POST and refuses a worker token naming someone else (403 /worker, nothing stored)', async () => {
    await checkAttribution(client)
  })

  it.each(ORACLE_PAIRS)(
    "answers $name on another worker's case exactly like on a case that does not exist",
    async (pair) => {
      await checkNoExistenceOracle(client, pair)
    },
  )

  it('refuses new assessments, goals and sessions on a closed case with 422 case_closed', async () => {
    await checkClosedCaseRefusesNewRows(client)
  })

  it('refuses a deactivated staff member from the sync after the Staff tab changes, not before', async () => {
    const token = await client.token('peksos-lain', 'worker')
    expect((await client.send('/api/cases', { token })).status).toBe(200)
    // peksos-lain is row 5 of the Staff tab; untick "active" as a coordinator would.
    await staffEdit(SHEET, 'Staff!D5', [[false]])
    const sync = await client.send('/api/sync', {
      method: 'POST',
      token: await client.token('koordinator-uji', 'coordinator'),
    })
    expect(sync.status).toBe(200)
    expect((await client.send('/api/cases', { token })).status).toBe(401)
  })

  it('never answered 500', () => {
    const statuses = logs.flatMap((l) => (typeof l === 'object' && l !== null && 'status' in l ? [l.status] : []))
    expect(statuses.length).toBeGreaterThan(100)
    expect(statuses.filter((s) => s === 500)).toEqual([])
  })
})
