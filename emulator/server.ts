/**
 * `npm run emulator`: the emulator over HTTP on 127.0.0.1:$PORT (default 8788), Sheets at
 * /v4/spreadsheets…, Drive at /drive/v3/files…, the token endpoint at /token, the HTML view at /.
 * State persists to $EMULATOR_STATE (default .data/emulator-state.json, git-ignored).
 *
 * Optional environment: EMULATOR_AUTH_MODE=strict, EMULATOR_SERVICE_ACCOUNTS=<path to a JSON list
 * of {client_email, public_key_pem}>, EMULATOR_PRINCIPAL=<e-mail of permissive callers>.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { type AuthMode, createEmulator, type ServiceAccountKey } from './index.js'
import { createStateWriter, readStateFile } from './state-file.js'

const port = Number(process.env.PORT ?? 8788)
const statePath = resolve(process.env.EMULATOR_STATE ?? '.data/emulator-state.json')
const authMode: AuthMode = process.env.EMULATOR_AUTH_MODE === 'strict' ? 'strict' : 'permissive'
const serviceAccounts = process.env.EMULATOR_SERVICE_ACCOUNTS
  ? (JSON.parse(readFileSync(process.env.EMULATOR_SERVICE_ACCOUNTS, 'utf8')) as ServiceAccountKey[])
  : []

const state = readStateFile(statePath)
const emulator = createEmulator({
  authMode,
  serviceAccounts,
  ...(state ? { state } : {}),
  ...(process.env.EMULATOR_PRINCIPAL ? { defaultPrincipal: process.env.EMULATOR_PRINCIPAL } : {}),
})
const writer = createStateWriter(statePath, () => emulator.store.snapshotJson())
emulator.store.onChange(writer.schedule)

const server = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(
    `sheets emulator on http://127.0.0.1:${info.port} (auth ${authMode}, ${emulator.store.spreadsheets.size} spreadsheet(s) from ${statePath})`,
  )
})

let stopping = false
function shutdown(signal: string): void {
  if (stopping) return
  stopping = true
  try {
    writer.flush()
  } catch (e) {
    console.error(`emulator: could not write state on ${signal}: ${(e as Error).message}`)
  }
  server.close(() => process.exit(0))
  // Keep-alive sockets may hold close() open; the state is already on disk.
  setTimeout(() => process.exit(0), 1000).unref()
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))
