/** In-process helpers for emulator tests: JSON calls against `emulator.app.fetch`. */
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index'

export interface CallResult {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
  readonly json: any
  readonly headers: Headers
}

export interface Harness {
  readonly emulator: Emulator
  readonly call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<CallResult>
  /** Creates a spreadsheet with a fixed id; `sheets` are SheetProperties bodies. */
  readonly createSpreadsheet: (id: string, sheets?: readonly Record<string, unknown>[], title?: string) => Promise<void>
  readonly values: (id: string, range: string, query?: string) => Promise<CallResult>
  readonly update: (id: string, range: string, values: unknown[][], option?: string) => Promise<CallResult>
  readonly append: (id: string, range: string, values: unknown[][], query?: string) => Promise<CallResult>
  readonly batchUpdate: (id: string, requests: readonly unknown[]) => Promise<CallResult>
}

export const enc = (range: string): string => encodeURIComponent(range)

export function harness(options: EmulatorOptions = {}): Harness {
  const emulator = createEmulator(options)
  const call: Harness['call'] = async (method, path, body, headers = {}) => {
    const init: RequestInit = {
      method,
      headers: {
        authorization: 'Bearer test-token',
        // JSON like every client of these APIs (the control endpoints refuse anything else).
        ...(body === undefined && method === 'GET' ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }
    const res = await emulator.app.fetch(new Request(`http://emulator.test${path}`, init))
    const text = await res.text()
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = text
    }
    return { status: res.status, json, headers: res.headers }
  }
  const h: Harness = {
    emulator,
    call,
    createSpreadsheet: async (id, sheets, title = 'Test') => {
      const res = await call('PUT', `/_emulator/spreadsheets/${id}`, {
        properties: { title },
        ...(sheets ? { sheets: sheets.map((properties) => ({ properties })) } : {}),
      })
      if (res.status !== 200) throw new Error(`create failed: ${JSON.stringify(res.json)}`)
    },
    values: (id, range, query = '') =>
      call('GET', `/v4/spreadsheets/${id}/values/${enc(range)}${query ? `?${query}` : ''}`),
    update: (id, range, values, option = 'RAW') =>
      call('PUT', `/v4/spreadsheets/${id}/values/${enc(range)}?valueInputOption=${option}`, { values }),
    append: (id, range, values, query = 'valueInputOption=RAW') =>
      call('POST', `/v4/spreadsheets/${id}/values/${enc(range)}:append?${query}`, { values }),
    batchUpdate: (id, requests) => call('POST', `/v4/spreadsheets/${id}:batchUpdate`, { requests }),
  }
  return h
}

/** A grid of `rows` × `cols` strings "r{row}c{col}" (1-based), for filling sheets. */
export function grid(rows: number, cols: number, prefix = ''): string[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => `${prefix}r${r + 1}c${c + 1}`))
}
