/**
 * Emulator throughput (issue 3, item 5): values.append (calls/s and rows/s) and values.batchGet
 * of a 10,000-row × 20-column tab (ms per call), in-process (app.fetch) and over HTTP against the
 * Node server on an ephemeral 127.0.0.1 port. Prints a table; not a test (no pass/fail).
 * Run alone: npx tsx bench/emulator.ts
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createEmulator } from '../emulator/index.js'

const ROWS = 10_000
const COLS = 20
const SINGLE_APPENDS = 300
const BATCH_APPENDS = 40
const BATCH_ROWS = 50
const READS = 15

type Call = (method: string, path: string, body?: unknown) => Promise<unknown>

function caller(fetchImpl: (req: Request) => Promise<Response>, base: string): Call {
  return async (method, path, body) => {
    const res = await fetchImpl(
      new Request(base + path, {
        method,
        headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    )
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`)
    return text
  }
}

const row = (n: number): string[] => Array.from({ length: COLS }, (_, c) => `s${n}-c${c}`)

async function seed(call: Call, id: string): Promise<void> {
  await call('PUT', `/_emulator/spreadsheets/${id}`, {
    properties: { title: 'Bench' },
    sheets: [{ properties: { sheetId: 0, title: 'Sessions', gridProperties: { rowCount: ROWS, columnCount: COLS } } }],
  })
  const values = Array.from({ length: ROWS }, (_, r) => row(r))
  await call('PUT', `/v4/spreadsheets/${id}/values/${encodeURIComponent('Sessions!A1')}?valueInputOption=RAW`, {
    values,
  })
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}
const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0
}

interface Figures {
  appendCallsPerS: number
  appendRowsPerS: number
  batchAppendRowsPerS: number
  batchGetMedianMs: number
  batchGetP95Ms: number
  compactBatchGetMedianMs: number
}

async function measure(call: Call, id: string): Promise<Figures> {
  await seed(call, id)
  const append = `/v4/spreadsheets/${id}/values/${encodeURIComponent('Sessions!A1')}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`
  // Warm-up (JIT, run caches), not counted.
  for (let i = 0; i < 20; i++) await call('POST', append, { values: [row(-i)] })
  let t = performance.now()
  for (let i = 0; i < SINGLE_APPENDS; i++) await call('POST', append, { values: [row(ROWS + i)] })
  const singleS = (performance.now() - t) / 1000
  t = performance.now()
  for (let i = 0; i < BATCH_APPENDS; i++) {
    await call('POST', append, { values: Array.from({ length: BATCH_ROWS }, (_, k) => row(i * BATCH_ROWS + k)) })
  }
  const batchS = (performance.now() - t) / 1000
  const ranges = ['Sessions!A1:T10000', 'Sessions!A2:A'].map((r) => `ranges=${encodeURIComponent(r)}`).join('&')
  const batchGet = `/v4/spreadsheets/${id}/values:batchGet?${ranges}&valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER`
  await call('GET', batchGet)
  const timed = async (path: string): Promise<number[]> => {
    const out: number[] = []
    for (let i = 0; i < READS; i++) {
      const s = performance.now()
      await call('GET', path)
      out.push(performance.now() - s)
    }
    return out
  }
  const reads = await timed(batchGet)
  // Google pretty-prints unless told not to; prettyPrint=false is what a lean client would send.
  const compact = await timed(`${batchGet}&prettyPrint=false`)
  return {
    appendCallsPerS: SINGLE_APPENDS / singleS,
    appendRowsPerS: SINGLE_APPENDS / singleS,
    batchAppendRowsPerS: (BATCH_APPENDS * BATCH_ROWS) / batchS,
    batchGetMedianMs: median(reads),
    batchGetP95Ms: p95(reads),
    compactBatchGetMedianMs: median(compact),
  }
}

async function main(): Promise<void> {
  const inProcess = createEmulator()
  const local = await measure(
    caller(async (req) => inProcess.app.fetch(req), 'http://emulator.localhost'),
    'bench-in-process',
  )

  const served = createEmulator()
  const server = serve({ fetch: served.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const http = await measure(caller(fetch, `http://127.0.0.1:${port}`), 'bench-http')
  await new Promise<void>((resolve) => server.close(() => resolve()))

  const lines: [string, number, number, number][] = [
    ['values.append, 1 row per call: calls/s (= rows/s)', local.appendCallsPerS, http.appendCallsPerS, 0],
    [`values.append, ${BATCH_ROWS} rows per call: rows/s`, local.batchAppendRowsPerS, http.batchAppendRowsPerS, 0],
    ['values.batchGet of the whole tab: ms/call, p50', local.batchGetMedianMs, http.batchGetMedianMs, 1],
    ['values.batchGet of the whole tab: ms/call, p95', local.batchGetP95Ms, http.batchGetP95Ms, 1],
    [
      'values.batchGet, prettyPrint=false: ms/call, p50',
      local.compactBatchGetMedianMs,
      http.compactBatchGetMedianMs,
      1,
    ],
  ]
  const width = Math.max(...lines.map((l) => l[0].length))
  console.log(
    `tab: ${ROWS.toLocaleString('en')} rows × ${COLS} columns (grows with the appends); INSERT_ROWS appends anchored at A1`,
  )
  console.log(`| ${'figure'.padEnd(width)} | in-process | HTTP 127.0.0.1 |`)
  console.log(`|${'-'.repeat(width + 2)}|-----------:|---------------:|`)
  for (const [label, a, b, digits] of lines) {
    console.log(`| ${label.padEnd(width)} | ${a.toFixed(digits).padStart(10)} | ${b.toFixed(digits).padStart(14)} |`)
  }
}

await main()
