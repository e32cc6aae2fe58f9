// The field app for HTTP tests: the API app (test/http/support/harness.ts) with Google sign-in
// configured against the in-process emulator's IdP at accounts.google.com (routed by
// test/support/google-outbound.ts), a settable clock, and the centre's staff with emails.
// Synthetic staff ids, emails and initials only.
import type { SignInConfig } from '../../../src/config'
import { FakeLedger, type FakeStaff } from '../../http/support/fake-ledger'
import { CENTRE, harness, STAFF, TODAY } from '../../http/support/harness'
import { withStaticAssets } from '../../support/static-assets'
import { WORKED_HOLIDAYS } from '../../support/worked-example'
import { APP_ORIGIN, Browser, type Page } from './browser'

export const SIGN_IN: SignInConfig = {
  issuer: 'https://accounts.google.com',
  clientId: 'casebook-uji.apps.googleusercontent.com',
  clientSecret: 'rahasia-klien-uji',
  redirectUri: undefined,
  sessionSecret: 'uji-session-secret-0123456789abcdef-0123456789',
  sessionSeconds: 12 * 3600,
}

/** The Staff tab: the HTTP tests' centre plus an inactive worker who has an email. */
export const FIELD_STAFF: readonly FakeStaff[] = [
  ...STAFF,
  { staff_id: 'peksos-cuti', email: 'cuti@uji.example', role: 'worker', active: false },
]

export const EMAILS = {
  worker: 'peksos@uji.example',
  coordinator: 'koordinator@uji.example',
  inactive: 'cuti@uji.example',
  unknown: 'orang-lain@uji.example',
} as const

/** The HTTP tests' centre (K-0001…K-0003, T-0001, T-0002) with emails on the Staff rows. */
export function fieldLedger(): FakeLedger {
  const ledger = new FakeLedger({ staff: FIELD_STAFF, today: TODAY, holidays: WORKED_HOLIDAYS })
  for (const row of CENTRE.cases) ledger.seed('cases', row)
  for (const row of CENTRE.goals) ledger.seed('goals', row)
  return ledger
}

/** A clock tests move: real time by default (the IdP signs with real time). */
export class Clock {
  at = Date.now()
  readonly now = (): number => this.at
  set(ms: number): void {
    this.at = ms
  }
  advance(ms: number): void {
    this.at += ms
  }
}

export function fieldApp(
  options: { ledger?: FakeLedger; clock?: Clock; signIn?: SignInConfig | null; origin?: string } = {},
) {
  const clock = options.clock ?? new Clock()
  const ledger = options.ledger ?? fieldLedger()
  const h = harness({
    ledger,
    now: clock.now,
    config: options.signIn === null ? {} : { signIn: options.signIn ?? SIGN_IN },
  })
  const origin = options.origin ?? APP_ORIGIN
  // The static files of public/ answer first, as deployed (test/support/static-assets.ts).
  const browser = () =>
    new Browser(
      withStaticAssets((request) => h.app.fetch(request)),
      origin,
    )
  return { ...h, ledger, clock, browser }
}

/**
 * Signs `email` in through the emulator's Google page, as a person does: start at the app, pick
 * the account on the chooser (its form posts the account's email), back at the callback.
 */
export async function signIn(b: Browser, email: string, back = '/app'): Promise<Page> {
  const start = await b.send(`/app/auth/google?back=${encodeURIComponent(back)}`)
  if (start.status !== 302) throw new Error(`sign-in start answered ${start.status}`)
  const chosen = await chooseAccount(b, start.headers.get('location') ?? '', email)
  return b.go(chosen)
}

/** On the IdP's page at `authUrl`, picks `email`; the redirect back to the app (callback URL). */
export async function chooseAccount(b: Browser, authUrl: string, email: string): Promise<string> {
  const auth = new URL(authUrl)
  const page = await b.go(auth.href)
  if (page.status !== 200) throw new Error(`account chooser answered ${page.status}`)
  const form = new URLSearchParams(auth.searchParams)
  form.set('login_email', email)
  const res = await b.send(`${auth.origin}${auth.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
  if (res.status !== 302) throw new Error(`account choice answered ${res.status}`)
  return res.headers.get('location') ?? ''
}

/** A browser already signed in as `email`. */
export async function signedIn(app: ReturnType<typeof fieldApp>, email: string): Promise<Browser> {
  const b = app.browser()
  const landed = await signIn(b, email)
  if (landed.status !== 200) throw new Error(`sign-in as ${email} ended on ${landed.status} ${landed.url}`)
  return b
}
