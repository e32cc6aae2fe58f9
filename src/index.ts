import { Hono } from 'hono'

export { Ledger } from './ledger'

const app = new Hono()
app.get('/api/health', (c) => c.json({ ok: true }))

export default { fetch: app.fetch } satisfies ExportedHandler<Env>
