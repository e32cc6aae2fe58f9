/**
 * The onEdit webhook the project's Apps Script trigger will send, imitated for edits made through
 * the HTML view or /_emulator/edit: POST {"spreadsheetId","sheet","range","ts"} with
 * X-Timestamp and X-Signature = lowercase hex HMAC-SHA256(secret, "<ts>.<body>").
 * Fire-and-forget: failures are only counted, never logged with content.
 */

export interface WebhookConfig {
  readonly url: string
  readonly secret: string
}

export interface EditEvent {
  readonly spreadsheetId: string
  readonly sheet: string
  readonly range: string
  /** Unix seconds. */
  readonly ts: number
}

export async function signWebhook(secret: string, ts: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${ts}.${body}`))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export class EditWebhook {
  config: WebhookConfig | undefined
  delivered = 0
  failed = 0

  private readonly pending = new Set<Promise<void>>()

  constructor(private readonly fetchImpl: typeof fetch) {}

  /** Sends the event in the background; the returned promise never rejects. */
  fire(event: EditEvent): Promise<void> {
    const delivery = this.deliver(event)
    this.pending.add(delivery)
    void delivery.finally(() => this.pending.delete(delivery))
    return delivery
  }

  /** Resolves once every delivery started so far has finished (tests, clean shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }

  private async deliver(event: EditEvent): Promise<void> {
    const config = this.config
    if (!config) return
    const body = JSON.stringify({
      spreadsheetId: event.spreadsheetId,
      sheet: event.sheet,
      range: event.range,
      ts: event.ts,
    })
    try {
      const signature = await signWebhook(config.secret, event.ts, body)
      const res = await this.fetchImpl(config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-timestamp': String(event.ts), 'x-signature': signature },
        body,
      })
      await res.body?.cancel()
      if (res.ok) this.delivered++
      else this.failed++
    } catch {
      this.failed++
    }
  }
}
