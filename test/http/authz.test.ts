import { describe, expect, it } from 'vitest'
import { mintToken } from '../../src/http/auth-token'
import { OPERATIONS } from '../../src/http/openapi/document'
import type { ProblemBody } from '../../src/http/problem'
import type { CaseSummary } from '../../src/ledger/contract'
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
  STAFF_OF,
  seedRows,
} from './support/authz-table'
import { resolveIfMatch } from './support/bad-input-corpus'
import { AUTH_SECRET, harness, NOW } from './support/harness'

describe('authorisation (in-memory ledger)', () => {
  it.each(ROWS)('$endpoint as $actor on an $target case → $status', async ({ e, actor, target, status }) => {
    const h = harness()
    const { path, ...request } = e.request(target)
    const init = await resolveIfMatch(h, path, request)
    const res = await h.send(path, { ...init, token: await h.token(STAFF_OF[actor], actor) })
    expect(res.status).toBe(status)
    if (status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it.each(PROTECTED.flatMap((e) => BAD_TOKENS.map((t) => ({ endpoint: e.name, e, t }))))(
    '$endpoint with $t.name → 401',
    async ({ e, t }) => {
      const h = harness()
      const { path, ...init } = e.request('own')
      const authorization = await t.header(NOW)
      const res = await h.send(path, {
        ...init,
        headers: { ...init.headers, ...(authorization === undefined ? {} : { Authorization: authorization }) },
      })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect((await res.json<ProblemBody>()).detail).toMatch(t.reason)
      expect(h.ledger.callsOf('submit')).toEqual([])
    },
  )

  it.each(FIELD_ROWS)(
    'PATCH /api/$tab/{id} setting $field ($access) as $actor on an $target row → $status',
    async (row) => {
      const h = harness()
      await checkFieldRow(h, row, await seedRows(h))
    },
  )

  it.each(ROW_READ_ROWS)('GET /api/$tab/{id} as $actor on an $target row → $status', async (row) => {
    const h = harness()
    const path = row.path(await seedRows(h))
    const res = await h.send(path, { token: await h.token(STAFF_OF[row.actor], row.actor) })
    expect(res.status).toBe(row.status)
    if (row.status === 200) expect(res.headers.get('etag')).toMatch(/^".+"$/)
  })

  it.each(
    OPERATIONS.filter((op) => op.who !== 'public').map((op) => ({
      route: `${op.method.toUpperCase()} ${op.path}`,
      op,
    })),
  )('$route refuses a request without a token (every documented route that needs one)', async ({ op }) => {
    const h = harness()
    const ids: Readonly<Record<string, string>> = {
      case_id: 'K-0001',
      goal_id: 'T-0001',
      session_id: 'S-0001',
      assessment_id: 'A-0001',
    }
    const path = op.path.replace(/\{(\w+)\}/g, (_m, param: string) => ids[param] ?? param)
    const res = await h.send(path, { method: op.method.toUpperCase() })
    expect(res.status).toBe(401)
    expect(h.ledger.calls.map((c) => c.method)).toEqual([])
  })

  it('defaults worker to the caller on POST and refuses a worker token naming someone else (403 /worker, nothing stored)', async () => {
    await checkAttribution(harness())
  })

  it.each(ORACLE_PAIRS)(
    "answers $name on another worker's case exactly like on a case that does not exist",
    async (pair) => {
      await checkNoExistenceOracle(harness(), pair)
    },
  )

  it('refuses new assessments, goals and sessions on a closed case with 422 case_closed', async () => {
    await checkClosedCaseRefusesNewRows(harness())
  })

  it("refuses with 403 a token claiming a role above the Staff row's", async () => {
    const h = harness()
    const token = await mintToken({ staffId: 'peksos-uji', role: 'admin', ttlSeconds: 60 }, AUTH_SECRET, NOW)
    const res = await h.send('/api/progress', { token })
    expect(res.status).toBe(403)
  })

  it('stops a staff member at the next request once the Staff tab deactivates them', async () => {
    const h = harness()
    const token = await h.token('peksos-uji', 'worker')
    expect((await h.send('/api/cases', { token })).status).toBe(200)
    h.ledger.staff.set('peksos-uji', { staff_id: 'peksos-uji', role: 'worker', active: false })
    expect((await h.send('/api/cases', { token })).status).toBe(401)
  })

  it("lists only the worker's own cases", async () => {
    const h = harness()
    const res = await h.send('/api/cases', { token: await h.token('peksos-uji', 'worker') })
    const { cases } = await res.json<{ cases: CaseSummary[] }>()
    expect(cases.map((c) => c.case_id)).toEqual(['K-0001', 'K-0003'])
  })
})
