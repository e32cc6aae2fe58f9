/**
 * @module
 * The one place failures become HTTP answers: RFC 9457 `application/problem+json` bodies
 * `{ type, title, status, detail, errors: [{ pointer, code, message }], request_id }`, in
 * Indonesian unless English is preferred. {@link toProblem} is an exhaustive switch over every
 * ledger error kind and every HTTP-level failure: a new kind does not compile until it is mapped.
 * Unknown errors become a generic 500 that carries the request id and nothing else — never a
 * stack, an exception message or a cell value (house style 9).
 */
import { type Bilingual, COLUMN_BY_KEY, type DataTabKey, formatId, type Issue, type Lang } from '../domain'
import type { LedgerError, NotFoundResource } from '../ledger/contract'

/** What can go wrong before or around a ledger call. */
export type HttpFailure =
  /** The body is not valid JSON / not valid UTF-8. */
  | { readonly kind: 'body_malformed' }
  | { readonly kind: 'body_empty' }
  /** JSON that is not an object (an array, a string, null, …). */
  | { readonly kind: 'body_not_object' }
  | { readonly kind: 'body_too_large'; readonly limitBytes: number }
  | { readonly kind: 'media_type_unsupported'; readonly accepted: readonly string[] }
  /** Field problems found by the domain codecs (decodeInput): unknown, read-only, wrong type, … */
  | { readonly kind: 'body_invalid'; readonly issues: readonly Issue[] }
  | { readonly kind: 'query_invalid'; readonly issues: readonly Issue[] }
  | { readonly kind: 'header_invalid'; readonly header: string }
  /** An id in the path that does not have its tab's form (never echoed: it may be anything). */
  | { readonly kind: 'id_invalid'; readonly tab: DataTabKey }
  | { readonly kind: 'unauthenticated'; readonly reason: 'missing' | 'invalid' | 'expired' }
  | { readonly kind: 'signature_invalid'; readonly reason: 'missing' | 'invalid' | 'stale' | 'disabled' }
  /** A write with the field app's session cookie, without its CSRF token or from another site. */
  | { readonly kind: 'csrf_refused' }
  | { readonly kind: 'route_not_found' }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'precondition_required' }
  | { readonly kind: 'misconfigured' }
  | { readonly kind: 'internal' }

/** Every failure the HTTP layer answers with a problem. */
export type HttpProblem = LedgerError | HttpFailure

export type ProblemError = { readonly pointer: string; readonly code: string; readonly message: string }

export type ProblemBody = {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly errors: readonly ProblemError[]
  readonly request_id: string
  /** Sheet layout problems (tab and column key names only), for the coordinator who fixes the sheet. */
  readonly sheet_problems?: readonly { readonly tab: string; readonly key?: string; readonly problem: string }[]
}

/** A field-level error of a problem: the domain's issues, or an authorisation refusal of one field. */
type FieldError = Pick<Issue, 'field' | 'message'> & { readonly code: string }

type ProblemSpec = {
  readonly slug: string
  readonly status: number
  readonly title: Bilingual
  readonly detail: Bilingual
  readonly issues?: readonly FieldError[]
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * Problem types are relative references to the section of the docs page that explains them, so
 * `type` resolves to a human-readable page on whichever host serves the API.
 */
export const problemType = (slug: string): string => `/docs#problem-${slug}`

const both = (id: string, en: string): Bilingual => ({ id, en })

/** The error of one field an actor may not set (labels from the domain's columns). */
function forbiddenField(tab: DataTabKey, field: string, rule: 'coordinator_only' | 'self_only'): FieldError {
  const label = COLUMN_BY_KEY[tab].get(field)?.label ?? both(field, field)
  return rule === 'coordinator_only'
    ? {
        field,
        code: 'coordinator_only',
        message: both(
          `Kolom "${label.id}" hanya dapat diubah oleh koordinator atau admin.`,
          `"${label.en}" can only be changed by a coordinator or an admin.`,
        ),
      }
    : {
        field,
        code: 'not_self',
        message: both(
          `Peksos hanya dapat mencatat atas nama sendiri: kosongkan kolom "${label.id}" atau isi dengan ID staf Anda.`,
          `Workers record in their own name only: leave "${label.en}" empty or give your own staff id.`,
        ),
      }
}

const TAB_OF_RESOURCE: Readonly<Record<NotFoundResource, DataTabKey>> = {
  case: 'cases',
  goal: 'goals',
  session: 'sessions',
  assessment: 'assessments',
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

/** What an id of each tab names, for messages. */
const ID_NOUNS: Readonly<Record<DataTabKey, Bilingual>> = {
  cases: both('kasus', 'case'),
  assessments: both('asesmen', 'assessment'),
  goals: both('tujuan', 'goal'),
  sessions: both('sesi', 'session'),
}

/** The status, texts and headers of a problem (no request data beyond ids and limits). */
export function toProblem(p: HttpProblem): ProblemSpec {
  switch (p.kind) {
    case 'invalid_row':
      return {
        slug: 'invalid-row',
        status: 422,
        title: both('Data tidak dapat diterima', 'The row cannot be accepted'),
        detail: both(
          'Baris ini melanggar aturan pencatatan; perbaiki kolom yang disebut lalu kirim ulang.',
          'The row breaks a record-keeping rule; fix the fields listed and send it again.',
        ),
        issues: p.issues,
      }
    case 'not_found':
      return {
        slug: 'not-found',
        status: 404,
        title: both('Tidak ditemukan', 'Not found'),
        detail: both(
          `${capitalise(ID_NOUNS[TAB_OF_RESOURCE[p.resource]].id)} ${p.id} tidak ditemukan.`,
          `${capitalise(ID_NOUNS[TAB_OF_RESOURCE[p.resource]].en)} ${p.id} was not found.`,
        ),
      }
    case 'forbidden':
      return {
        slug: 'forbidden',
        status: 403,
        title: both('Tidak diizinkan', 'Forbidden'),
        detail: both('Peran Anda tidak mengizinkan tindakan ini.', 'Your role does not allow this.'),
      }
    case 'field_forbidden':
      return {
        slug: 'forbidden-field',
        status: 403,
        title: both('Tidak diizinkan', 'Forbidden'),
        detail: both(
          'Peran Anda tidak mengizinkan isian kolom yang disebut; tidak ada yang disimpan.',
          'Your role does not allow the fields listed; nothing was stored.',
        ),
        issues: p.fields.map((field) => forbiddenField(p.tab, field, p.rule)),
      }
    case 'staff_inactive':
      return {
        slug: 'unauthenticated',
        status: 401,
        title: both('Perlu masuk', 'Authentication required'),
        detail: both(
          'Akun staf pada token tidak terdaftar atau tidak aktif di tab Staff.',
          'The staff member named by the token is unknown or inactive in the Staff tab.',
        ),
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      }
    case 'idempotency_conflict':
      return {
        slug: 'idempotency-conflict',
        status: 409,
        title: both('Idempotency-Key sudah dipakai', 'Idempotency-Key already used'),
        detail: both(
          'Idempotency-Key ini sudah dipakai untuk isi permintaan yang berbeda; buat kunci baru untuk data baru.',
          'This Idempotency-Key was already used with a different request body; use a new key for new data.',
        ),
      }
    case 'precondition_failed':
      return {
        slug: 'precondition-failed',
        status: 412,
        title: both('Data sudah berubah', 'The row has changed'),
        detail: both(
          'Baris ini sudah diubah orang lain sejak Anda membacanya; baca ulang (GET) lalu ulangi perubahan.',
          'Someone changed this row since you read it; read it again (GET) and redo your change.',
        ),
      }
    case 'sheet_unavailable':
      return {
        slug: 'sheet-unavailable',
        status: 503,
        title: both('Google Sheet tidak dapat dijangkau', 'The Google Sheet cannot be reached'),
        detail: both(
          'Tidak ada yang diubah. Coba lagi sebentar lagi.',
          'Nothing was changed. Please try again shortly.',
        ),
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(p.retryAfterS))) },
      }
    case 'sheet_layout':
      return {
        slug: 'sheet-layout',
        status: 503,
        title: both('Susunan spreadsheet tidak sesuai templat', 'The spreadsheet does not match the template'),
        detail: both(
          'Ada tab atau kolom kunci yang hilang atau ganda; koordinator perlu memperbaiki spreadsheet.',
          'A tab or a column key is missing or duplicated; a coordinator needs to fix the spreadsheet.',
        ),
      }
    case 'body_malformed':
      return {
        slug: 'body-malformed',
        status: 400,
        title: both('Isi permintaan tidak terbaca', 'Unreadable request body'),
        detail: both(
          'Isi permintaan bukan JSON atau formulir yang sah (UTF-8).',
          'The request body is not valid JSON or form data (UTF-8).',
        ),
      }
    case 'body_empty':
      return {
        slug: 'body-empty',
        status: 400,
        title: both('Isi permintaan kosong', 'Empty request body'),
        detail: both('Kirim data baris sebagai objek JSON atau formulir.', 'Send the row as a JSON object or a form.'),
      }
    case 'body_not_object':
      return {
        slug: 'body-not-object',
        status: 400,
        title: both('Isi permintaan harus berupa objek', 'The request body must be an object'),
        detail: both(
          'Kirim satu baris sebagai objek JSON {"kolom": nilai}, bukan daftar atau nilai tunggal.',
          'Send one row as a JSON object {"field": value}, not an array or a single value.',
        ),
      }
    case 'body_too_large':
      return {
        slug: 'body-too-large',
        status: 413,
        title: both('Isi permintaan terlalu besar', 'Request body too large'),
        detail: both(`Batasnya ${p.limitBytes} byte.`, `The limit is ${p.limitBytes} bytes.`),
      }
    case 'media_type_unsupported':
      return {
        slug: 'media-type-unsupported',
        status: 415,
        title: both('Jenis isi tidak didukung', 'Unsupported content type'),
        detail: both(`Gunakan ${p.accepted.join(' atau ')}.`, `Use ${p.accepted.join(' or ')}.`),
        headers: { 'Accept-Post': p.accepted.join(', ') },
      }
    case 'body_invalid':
      return {
        slug: 'invalid-body',
        status: 422,
        title: both('Data belum benar', 'Some fields are not valid'),
        detail: both('Perbaiki kolom yang disebut lalu kirim ulang.', 'Fix the fields listed and send it again.'),
        issues: p.issues,
      }
    case 'query_invalid':
      return {
        slug: 'invalid-query',
        status: 400,
        title: both('Parameter tidak benar', 'Invalid query parameter'),
        detail: both('Perbaiki parameter yang disebut.', 'Fix the parameters listed.'),
        issues: p.issues,
      }
    case 'header_invalid':
      return {
        slug: 'invalid-header',
        status: 400,
        title: both('Header tidak benar', 'Invalid header'),
        detail: both(`Header ${p.header} tidak sesuai format.`, `The ${p.header} header is malformed.`),
      }
    case 'id_invalid':
      return {
        slug: 'invalid-id',
        status: 404,
        title: both('ID tidak sah', 'Invalid id'),
        detail: both(
          `ID ${ID_NOUNS[p.tab].id} di alamat ini tidak sah; bentuknya seperti ${formatId(p.tab, 1)}.`,
          `The ${ID_NOUNS[p.tab].en} id in this address is not valid; it looks like ${formatId(p.tab, 1)}.`,
        ),
      }
    case 'unauthenticated':
      return {
        slug: 'unauthenticated',
        status: 401,
        title: both('Perlu masuk', 'Authentication required'),
        detail:
          p.reason === 'missing'
            ? both('Kirim header Authorization: Bearer <token>.', 'Send an Authorization: Bearer <token> header.')
            : p.reason === 'expired'
              ? both('Token sudah kedaluwarsa; minta token baru.', 'The token has expired; ask for a new one.')
              : both('Token tidak sah.', 'The token is not valid.'),
        headers: {
          'WWW-Authenticate': p.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"',
        },
      }
    case 'signature_invalid':
      return {
        slug: 'signature-invalid',
        status: 401,
        title: both('Tanda tangan webhook tidak sah', 'Invalid webhook signature'),
        detail:
          p.reason === 'stale'
            ? both('X-Timestamp di luar jendela 5 menit.', 'X-Timestamp is outside the 5-minute window.')
            : p.reason === 'disabled'
              ? both('Webhook tidak diaktifkan di server ini.', 'The webhook is not enabled on this server.')
              : both(
                  'Kirim token Bearer, atau X-Timestamp dan X-Signature yang benar.',
                  'Send a bearer token, or a valid X-Timestamp and X-Signature.',
                ),
        headers: { 'WWW-Authenticate': 'Bearer' },
      }
    case 'csrf_refused':
      return {
        slug: 'csrf-refused',
        status: 403,
        title: both('Permintaan ditolak (CSRF)', 'Request refused (CSRF)'),
        detail: both(
          'Penulisan dengan cookie sesi aplikasi harus datang dari halaman aplikasi ini dengan header X-CSRF-Token.',
          "A write with the app's session cookie must come from this app's pages with the X-CSRF-Token header.",
        ),
      }
    case 'route_not_found':
      return {
        slug: 'route-not-found',
        status: 404,
        title: both('Alamat tidak dikenal', 'Unknown address'),
        detail: both('Lihat /docs untuk daftar alamat API.', 'See /docs for the list of API addresses.'),
      }
    case 'method_not_allowed':
      return {
        slug: 'method-not-allowed',
        status: 405,
        title: both('Metode tidak didukung', 'Method not allowed'),
        detail: both(`Gunakan ${p.allow.join(', ')}.`, `Use ${p.allow.join(', ')}.`),
        headers: { Allow: p.allow.join(', ') },
      }
    case 'precondition_required':
      return {
        slug: 'precondition-required',
        status: 428,
        title: both('If-Match wajib', 'If-Match required'),
        detail: both(
          'Kirim header If-Match berisi ETag dari GET baris ini, agar perubahan orang lain tidak tertimpa.',
          "Send an If-Match header with the ETag from a GET of this row, so nobody else's change is overwritten.",
        ),
      }
    case 'misconfigured':
      return {
        slug: 'misconfigured',
        status: 500,
        title: both('Server belum dikonfigurasi', 'Server misconfigured'),
        detail: both('Hubungi admin sistem.', 'Please contact the system administrator.'),
      }
    case 'internal':
      return {
        slug: 'internal',
        status: 500,
        title: both('Terjadi kesalahan di server', 'Internal server error'),
        detail: both(
          'Kesalahan tak terduga; sebutkan request_id kepada admin.',
          'An unexpected error; quote the request_id to the administrator.',
        ),
      }
    default:
      return p satisfies never
  }
}

/** A JSON pointer to a top-level field (RFC 6901: `~` → `~0`, `/` → `~1`). */
export const fieldPointer = (field: string): string => `/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`

/** The body and headers of a problem answer in one language. */
export function renderProblem(
  problem: HttpProblem,
  lang: Lang,
  requestId: string,
): { body: ProblemBody; status: number; headers: Record<string, string> } {
  const spec = toProblem(problem)
  const body: ProblemBody = {
    type: problemType(spec.slug),
    title: spec.title[lang],
    status: spec.status,
    detail: spec.detail[lang],
    errors: (spec.issues ?? []).map((i) => ({
      pointer: fieldPointer(i.field),
      code: i.code,
      message: i.message[lang],
    })),
    request_id: requestId,
    ...(problem.kind === 'sheet_layout' ? { sheet_problems: problem.problems } : {}),
  }
  return {
    body,
    status: spec.status,
    headers: {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Content-Language': lang,
      Vary: 'Accept-Language',
      'Cache-Control': 'no-store',
      ...spec.headers,
    },
  }
}

/** A complete problem response. */
export function problemResponse(problem: HttpProblem, lang: Lang, requestId: string): Response {
  const { body, status, headers } = renderProblem(problem, lang, requestId)
  return new Response(JSON.stringify(body), { status, headers: { ...headers, 'X-Request-Id': requestId } })
}

/** Every problem slug with its status and title, for the docs page. */
export const PROBLEM_CATALOGUE: readonly HttpProblem[] = [
  { kind: 'body_malformed' },
  { kind: 'body_empty' },
  { kind: 'body_not_object' },
  { kind: 'header_invalid', header: 'Idempotency-Key' },
  { kind: 'query_invalid', issues: [] },
  { kind: 'unauthenticated', reason: 'invalid' },
  { kind: 'signature_invalid', reason: 'invalid' },
  { kind: 'csrf_refused' },
  { kind: 'forbidden', reason: 'role' },
  { kind: 'field_forbidden', tab: 'cases', fields: ['worker'], rule: 'coordinator_only' },
  { kind: 'not_found', resource: 'case', id: 'K-0001' },
  { kind: 'id_invalid', tab: 'cases' },
  { kind: 'route_not_found' },
  { kind: 'method_not_allowed', allow: ['GET'] },
  { kind: 'idempotency_conflict' },
  { kind: 'precondition_failed', currentEtag: '' },
  { kind: 'body_too_large', limitBytes: 65_536 },
  { kind: 'media_type_unsupported', accepted: ['application/json'] },
  { kind: 'body_invalid', issues: [] },
  { kind: 'invalid_row', issues: [] },
  { kind: 'precondition_required' },
  { kind: 'misconfigured' },
  { kind: 'internal' },
  { kind: 'sheet_unavailable', retryAfterS: 30 },
  { kind: 'sheet_layout', problems: [] },
]
