// The bad-input corpus (issue 4 "bad input"): requests that must each get a 4xx problem+json with
// pointers, never a 500, in Indonesian by default and in English on request. Run against the
// in-memory ledger (bad-input.test.ts) and against the real Durable Object (ledger-bad-input.test.ts).
// Case/goal ids are those of the seeded centre: K-0001 (peksos-uji, consent, goal T-0001),
// K-0002 (peksos-lain, consent, goal T-0002), K-0003 (peksos-uji, no consent).
import { expect } from 'vitest'
import type { ProblemBody } from '../../../src/http/problem'
import type { Role } from '../../../src/ledger/contract'
import { A_CASE } from '../../support/casebook'
import { ASSESSMENT, SESSION, type SendInit } from './harness'

/** Stands for the case's current ETag in an If-Match header; resolved with a GET just before sending. */
export const CURRENT = '(current etag)'

export type BadCase = {
  readonly name: string
  readonly path: string
  readonly role?: Role
  readonly staff?: string
  readonly init: SendInit
  readonly status: number
  /** `pointer code` pairs that must be among the answer's errors. */
  readonly errors?: readonly string[]
  readonly type?: string
}

const CASE = { ...A_CASE, stage: 'akses' }
const GOAL = {
  case_id: 'K-0001',
  title: 'Memasak nasi',
  method: 'casework',
  start_date: '2025-03-10',
  duration_days: 10,
  target_count: 3,
}
const JSON_HEADERS = { 'Content-Type': 'application/json' }

/** A stream of `size` bytes with no Content-Length (a chunked upload). */
export const stream = (size: number): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      for (let sent = 0; sent < size; sent += 8192)
        controller.enqueue(new Uint8Array(Math.min(8192, size - sent)).fill(0x20))
      controller.close()
    },
  })

export const CORPUS: readonly BadCase[] = [
  // wrong types
  {
    name: 'a rating that is an object',
    path: '/api/sessions',
    init: { json: { ...SESSION, rating: {} } },
    status: 422,
    errors: ['/rating invalid_type'],
  },
  {
    name: 'a task that is an array',
    path: '/api/sessions',
    init: { json: { ...SESSION, task: ['a', 'b'] } },
    status: 422,
    errors: ['/task invalid_type'],
  },
  {
    name: 'a case id that is a query object',
    path: '/api/sessions',
    init: { json: { ...SESSION, case_id: { $gt: '' } } },
    status: 422,
    errors: ['/case_id invalid_type'],
  },
  {
    name: 'a date that is a boolean',
    path: '/api/sessions',
    init: { json: { ...SESSION, date: true } },
    status: 422,
    errors: ['/date invalid_date'],
  },
  {
    name: 'a duration that is text',
    path: '/api/sessions',
    init: { json: { ...SESSION, duration_min: 'empat puluh' } },
    status: 422,
    errors: ['/duration_min not_a_number'],
  },
  {
    name: 'a target count that is a fraction',
    path: '/api/goals',
    init: { json: { ...GOAL, target_count: 2.5 } },
    status: 422,
    errors: ['/target_count not_integer'],
  },
  {
    name: 'a duration of 0 working days',
    path: '/api/goals',
    init: { json: { ...GOAL, duration_days: 0 } },
    status: 422,
    errors: ['/duration_days out_of_range'],
  },
  {
    name: 'a repeated form field',
    path: '/api/sessions',
    init: {
      body: new URLSearchParams([...Object.entries(SESSION), ['task', 'lagi']]).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    status: 422,
    errors: ['/task invalid_type'],
  },
  // missing fields
  {
    name: 'an empty object',
    path: '/api/sessions',
    init: { json: {} },
    status: 422,
    // `worker` is not among them: it defaults to the caller.
    errors: ['/case_id required', '/goal_id required', '/date required', '/task required'],
  },
  {
    name: 'a session without task',
    path: '/api/sessions',
    init: { json: { ...SESSION, task: '  ' } },
    status: 422,
    errors: ['/task required'],
  },
  {
    name: 'a session with neither rating nor assistance',
    path: '/api/sessions',
    init: { json: { ...SESSION, assistance: undefined } },
    status: 422,
    errors: ['/assistance assistance_required'],
  },
  // unknown and system-owned fields
  {
    name: 'an unknown field',
    path: '/api/sessions',
    init: { json: { ...SESSION, colour: 'merah' } },
    status: 422,
    errors: ['/colour unknown_field'],
  },
  {
    name: 'an unknown field with / and ~ in its name',
    path: '/api/sessions',
    init: { json: { ...SESSION, 'a/b~c': 1 } },
    status: 422,
    errors: ['/a~1b~0c unknown_field'],
  },
  {
    name: 'a __proto__ field',
    path: '/api/sessions',
    init: { body: JSON.stringify(SESSION).replace('{', '{"__proto__":{"role":"admin"},'), headers: JSON_HEADERS },
    status: 422,
    errors: ['/__proto__ unknown_field'],
  },
  {
    name: 'a system-owned session id',
    path: '/api/sessions',
    init: { json: { ...SESSION, session_id: 'S-0099' } },
    status: 422,
    errors: ['/session_id read_only_field'],
  },
  {
    name: 'a system-owned case id on create',
    path: '/api/cases',
    role: 'coordinator',
    staff: 'koordinator-uji',
    init: { json: { ...CASE, case_id: 'K-0042' } },
    status: 422,
    errors: ['/case_id read_only_field'],
  },
  {
    name: 'the system-owned _status column',
    path: '/api/sessions',
    init: { json: { ...SESSION, _status: 'ok' } },
    status: 422,
    errors: ['/_status read_only_field'],
  },
  // huge bodies
  {
    name: 'a body over 64 KiB',
    path: '/api/sessions',
    init: { json: { ...SESSION, notes: 'x'.repeat(70_000) } },
    status: 413,
  },
  {
    name: 'a streamed body over 64 KiB without Content-Length',
    path: '/api/sessions',
    init: { body: stream(70_000), headers: JSON_HEADERS },
    status: 413,
  },
  {
    name: 'notes over 5,000 characters',
    path: '/api/sessions',
    init: { json: { ...SESSION, notes: 'x'.repeat(5001) } },
    status: 422,
    errors: ['/notes too_long'],
  },
  // hidden characters (one rule with the sheet: src/domain/text-hygiene.ts)
  {
    name: 'a task with a right-to-left override',
    path: '/api/sessions',
    init: { json: { ...SESSION, task: 'memilah \u202epakaian' } },
    status: 422,
    errors: ['/task invalid_characters'],
  },
  {
    name: 'a task over two lines',
    path: '/api/sessions',
    init: { json: { ...SESSION, task: 'memilah\npakaian' } },
    status: 422,
    errors: ['/task invalid_characters'],
  },
  {
    name: 'notes with a NUL and an escape',
    path: '/api/sessions',
    init: { json: { ...SESSION, notes: 'catatan\u0000\u001b[31m' } },
    status: 422,
    errors: ['/notes invalid_characters'],
  },
  {
    name: 'a lone surrogate escaped in JSON',
    path: '/api/sessions',
    init: {
      body: JSON.stringify({ ...SESSION, participants: 'X' }).replace('"X"', '"\\ud800"'),
      headers: JSON_HEADERS,
    },
    status: 422,
    errors: ['/participants invalid_characters'],
  },
  {
    name: 'a finding wrapped in bidi isolates',
    path: '/api/assessments',
    init: { json: { ...ASSESSMENT, finding: '\u2068peksos\u2069' } },
    status: 422,
    errors: ['/finding invalid_characters'],
  },
  // bad dates
  {
    name: 'the 30th of February',
    path: '/api/sessions',
    init: { json: { ...SESSION, date: '2025-02-30' } },
    status: 422,
    errors: ['/date invalid_date'],
  },
  {
    name: 'month 13',
    path: '/api/sessions',
    init: { json: { ...SESSION, date: '2025-13-01' } },
    status: 422,
    errors: ['/date invalid_date'],
  },
  {
    name: 'a date in words',
    path: '/api/sessions',
    init: { json: { ...SESSION, date: 'kemarin' } },
    status: 422,
    errors: ['/date invalid_date'],
  },
  {
    name: 'a two-digit year',
    path: '/api/sessions',
    init: { json: { ...SESSION, date: '05/03/25' } },
    status: 422,
    errors: ['/date invalid_date'],
  },
  {
    name: 'a birth date in the future',
    path: '/api/cases',
    role: 'coordinator',
    staff: 'koordinator-uji',
    init: { json: { ...CASE, birth_date: '2030-01-01' } },
    status: 422,
    errors: ['/birth_date date_in_future'],
  },
  // ratings
  {
    name: 'a rating of 5',
    path: '/api/sessions',
    init: { json: { ...SESSION, rating: 5 } },
    status: 422,
    errors: ['/rating invalid_rating'],
  },
  {
    name: 'a rating of -1',
    path: '/api/sessions',
    init: { json: { ...SESSION, rating: -1 } },
    status: 422,
    errors: ['/rating invalid_rating'],
  },
  {
    name: 'a rating of 2.5',
    path: '/api/sessions',
    init: { json: { ...SESSION, rating: 2.5 } },
    status: 422,
    errors: ['/rating invalid_rating'],
  },
  {
    name: 'a rating of "X"',
    path: '/api/sessions',
    init: { json: { ...SESSION, rating: 'X' } },
    status: 422,
    errors: ['/rating invalid_rating'],
  },
  // options and lists
  {
    name: 'an unknown assistance level',
    path: '/api/sessions',
    init: { json: { ...SESSION, assistance: 'banyak' } },
    status: 422,
    errors: ['/assistance invalid_option'],
  },
  {
    name: 'a full name as initials',
    path: '/api/cases',
    role: 'coordinator',
    staff: 'koordinator-uji',
    init: { json: { ...CASE, initials: 'Budi Santoso' } },
    status: 422,
    errors: ['/initials invalid_initials'],
  },
  {
    name: 'a cluster not in the Lists tab',
    path: '/api/cases',
    role: 'coordinator',
    staff: 'koordinator-uji',
    init: { json: { ...CASE, cluster: 'Tidak Ada' } },
    status: 422,
    errors: ['/cluster not_in_list'],
  },
  {
    name: 'a BPSS finding in an ILS domain',
    path: '/api/assessments',
    init: { json: { ...ASSESSMENT, domain: 'fisik' } },
    status: 422,
    errors: ['/domain domain_not_allowed'],
  },
  {
    name: 'milestones going backwards',
    path: '/api/goals',
    init: { json: { ...GOAL, milestones: '10:3, 5:1' } },
    status: 422,
    errors: ['/milestones milestones_order'],
  },
  {
    name: 'milestones above the target',
    path: '/api/goals',
    init: { json: { ...GOAL, milestones: '5:1, 10:9' } },
    status: 422,
    errors: ['/milestones milestones_exceed_target'],
  },
  // unknown case / goal, no consent
  {
    name: 'an unknown case',
    path: '/api/sessions',
    init: { json: { ...SESSION, case_id: 'K-0999' } },
    status: 422,
    errors: ['/case_id case_not_found'],
  },
  {
    name: 'an unknown goal',
    path: '/api/sessions',
    init: { json: { ...SESSION, goal_id: 'T-0999' } },
    status: 422,
    errors: ['/goal_id goal_not_found'],
  },
  {
    name: "another case's goal",
    path: '/api/sessions',
    role: 'coordinator',
    staff: 'koordinator-uji',
    init: { json: { ...SESSION, goal_id: 'T-0002' } },
    status: 422,
    errors: ['/goal_id goal_case_mismatch'],
  },
  {
    name: 'a malformed case id',
    path: '/api/sessions',
    init: { json: { ...SESSION, case_id: 'kasus 1' } },
    status: 422,
    errors: ['/case_id invalid_id'],
  },
  {
    name: 'an assessment before consent was given',
    path: '/api/assessments',
    init: { json: { ...ASSESSMENT, case_id: 'K-0003' } },
    status: 422,
    errors: ['/date consent_missing'],
  },
  {
    name: 'a goal of a case without consent',
    path: '/api/goals',
    init: { json: { ...GOAL, case_id: 'K-0003' } },
    status: 422,
    errors: ['/start_date consent_missing'],
  },
  {
    name: 'a session dated before the consent date',
    path: '/api/sessions',
    init: { json: { ...SESSION, date: '2025-03-01' } },
    status: 422,
    errors: ['/date before_consent'],
  },
  // empty bodies, content types, syntax, shape
  {
    name: 'no body at all',
    path: '/api/sessions',
    init: { method: 'POST', headers: JSON_HEADERS },
    status: 400,
    type: 'body-empty',
  },
  {
    name: 'a whitespace-only JSON body',
    path: '/api/sessions',
    init: { body: ' \n ', headers: JSON_HEADERS },
    status: 400,
    type: 'body-empty',
  },
  {
    name: 'a text/plain body',
    path: '/api/sessions',
    init: { body: JSON.stringify(SESSION), headers: { 'Content-Type': 'text/plain' } },
    status: 415,
  },
  {
    name: 'an XML body',
    path: '/api/sessions',
    init: { body: '<session/>', headers: { 'Content-Type': 'application/xml' } },
    status: 415,
  },
  {
    name: 'a multipart form',
    path: '/api/sessions',
    init: { body: '--x\r\n\r\n--x--', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } },
    status: 415,
  },
  {
    name: 'a body without Content-Type',
    path: '/api/sessions',
    init: { body: new TextEncoder().encode(JSON.stringify(SESSION)) },
    status: 415,
  },
  {
    name: 'JSON in Latin-1',
    path: '/api/sessions',
    init: { body: JSON.stringify(SESSION), headers: { 'Content-Type': 'application/json; charset=iso-8859-1' } },
    status: 415,
  },
  {
    name: 'truncated JSON',
    path: '/api/sessions',
    init: { body: '{"case_id": ', headers: JSON_HEADERS },
    status: 400,
    type: 'body-malformed',
  },
  {
    name: 'JSON with a trailing comma',
    path: '/api/sessions',
    init: { body: '{"task": "a",}', headers: JSON_HEADERS },
    status: 400,
    type: 'body-malformed',
  },
  {
    name: 'bytes that are not UTF-8',
    path: '/api/sessions',
    init: { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: JSON_HEADERS },
    status: 400,
    type: 'body-malformed',
  },
  { name: 'an array of rows', path: '/api/sessions', init: { json: [SESSION] }, status: 400, type: 'body-not-object' },
  { name: 'a JSON string', path: '/api/sessions', init: { json: 'sesi' }, status: 400, type: 'body-not-object' },
  {
    name: 'JSON null',
    path: '/api/sessions',
    init: { body: 'null', headers: JSON_HEADERS },
    status: 400,
    type: 'body-not-object',
  },
  {
    name: 'a JSON number',
    path: '/api/goals',
    init: { body: '42', headers: JSON_HEADERS },
    status: 400,
    type: 'body-not-object',
  },
  // headers and queries
  {
    name: 'an Idempotency-Key with spaces',
    path: '/api/sessions',
    init: { json: SESSION, headers: { 'Idempotency-Key': 'a key with spaces' } },
    status: 400,
    type: 'invalid-header',
  },
  {
    name: 'an Idempotency-Key of 256 characters',
    path: '/api/sessions',
    init: { json: SESSION, headers: { 'Idempotency-Key': 'k'.repeat(256) } },
    status: 400,
    type: 'invalid-header',
  },
  {
    name: 'an impossible as_of',
    path: '/api/cases/K-0001/progress?as_of=2025-02-30',
    init: {},
    status: 400,
    errors: ['/as_of invalid_date'],
  },
  {
    name: 'an unknown status filter',
    path: '/api/cases?status=tutup',
    init: {},
    status: 400,
    errors: ['/status invalid_option'],
  },
  // PATCH
  {
    name: 'a PATCH without If-Match',
    path: '/api/cases/K-0001',
    init: { method: 'PATCH', json: { stage: 'asesmen' } },
    status: 428,
  },
  {
    name: 'a PATCH with If-Match: *',
    path: '/api/cases/K-0001',
    init: { method: 'PATCH', json: { stage: 'asesmen' }, headers: { 'If-Match': '*' } },
    status: 428,
  },
  {
    name: 'a PATCH of an unknown field',
    path: '/api/cases/K-0001',
    init: { method: 'PATCH', json: { nama: 'Budi' }, headers: { 'If-Match': CURRENT } },
    status: 422,
    errors: ['/nama unknown_field'],
  },
  {
    name: 'a PATCH of the case id',
    path: '/api/cases/K-0001',
    init: { method: 'PATCH', json: { case_id: 'K-0002' }, headers: { 'If-Match': CURRENT } },
    status: 422,
    errors: ['/case_id read_only_field'],
  },
  // ids in paths: checked against their pattern before any lookup, never echoed
  {
    name: 'a case id with markup in the path',
    path: '/api/cases/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    init: {},
    status: 404,
    type: 'invalid-id',
  },
  {
    name: "a goal's progress under a case id",
    path: '/api/goals/K-0001/progress',
    init: {},
    status: 404,
    type: 'invalid-id',
  },
  {
    name: 'a case id with a NUL',
    path: '/api/cases/K-0001%00/sessions',
    init: {},
    status: 404,
    type: 'invalid-id',
  },
  {
    name: 'a PATCH of a case id that is far too long',
    path: `/api/cases/K-${'9'.repeat(40)}`,
    init: { method: 'PATCH', json: { stage: 'monev' }, headers: { 'If-Match': '"v1"' } },
    status: 404,
    type: 'invalid-id',
  },
  {
    name: 'a PATCH blanking a field',
    path: '/api/cases/K-0001',
    init: { method: 'PATCH', json: { consent_date: '' }, headers: { 'If-Match': CURRENT } },
    status: 422,
    errors: ['/consent_date required'],
  },
  {
    name: 'a PATCH with nothing to change',
    path: '/api/cases/K-0001',
    init: { method: 'PATCH', json: {}, headers: { 'If-Match': CURRENT } },
    status: 400,
    type: 'body-empty',
  },
  {
    name: 'a PATCH closing a case without a reason',
    path: '/api/cases/K-0001',
    init: {
      method: 'PATCH',
      json: { status: 'selesai', closed_date: '2025-03-19' },
      headers: { 'If-Match': CURRENT },
    },
    status: 422,
    errors: ['/closure_reason closure_required', '/referred_to closure_required'],
  },
]

export type Client = {
  readonly token: (staffId: string, role: Role) => Promise<string>
  readonly send: (path: string, init?: SendInit) => Promise<Response>
}

/** Replaces the CURRENT placeholder by the row's ETag as a coordinator reads it now (a GET of the same path). */
export async function resolveIfMatch(client: Client, path: string, init: SendInit): Promise<SendInit> {
  if (init.headers?.['If-Match'] !== CURRENT) return init
  const read = await client.send(path.split('?')[0] ?? path, {
    token: await client.token('koordinator-uji', 'coordinator'),
  })
  return { ...init, headers: { ...init.headers, 'If-Match': read.headers.get('etag') ?? '' } }
}

export const summary = (body: ProblemBody) => body.errors.map((e) => `${e.pointer} ${e.code}`)

/** Sends `bad` without and with Accept-Language: en and checks both answers. */
export async function expectProblem(client: Client, bad: BadCase): Promise<void> {
  const token = await client.token(bad.staff ?? 'peksos-uji', bad.role ?? 'worker')
  const answers: ProblemBody[] = []
  for (const lang of [undefined, 'en'] as const) {
    // Streams are single-use: rebuild the body for the second request.
    const fresh = bad.init.body instanceof ReadableStream ? { ...bad.init, body: stream(70_000) } : bad.init
    const init = await resolveIfMatch(client, bad.path, fresh)
    const headers = { ...init.headers, ...(lang === undefined ? {} : { 'Accept-Language': lang }) }
    const res = await client.send(bad.path, { ...init, token, headers })
    const text = await res.text()
    expect(res.status, text).toBe(bad.status)
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8')
    expect(res.headers.get('content-language')).toBe(lang ?? 'id')
    expect(text).not.toMatch(/\bat .*\.(ts|js)|Error:|stack/i)
    const body = JSON.parse(text) as ProblemBody
    expect(Object.keys(body).sort()).toEqual(['detail', 'errors', 'request_id', 'status', 'title', 'type'])
    expect(body.status).toBe(bad.status)
    if (bad.type !== undefined) expect(body.type).toBe(`/docs#problem-${bad.type}`)
    if (bad.errors !== undefined) expect(summary(body)).toEqual(expect.arrayContaining([...bad.errors]))
    answers.push(body)
  }
  const [id, en] = answers as [ProblemBody, ProblemBody]
  expect(summary(en)).toEqual(summary(id))
  expect(en.title).not.toBe(id.title)
  for (const [i, e] of id.errors.entries()) expect(en.errors[i]?.message).not.toBe(e.message)
}
