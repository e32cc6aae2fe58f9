/**
 * The printable case report (issue 9 point 5) in real Chromium against the real system: domain.md's
 * worked example is logged through the API, the case's worker opens its report, Chromium prints
 * it to an A4 PDF (`page.pdf`, the print stylesheet), and poppler's `pdftotext` reads the figures
 * back from the PDF for both as-of dates. Plus the page's weight, axe-core and screenshots.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { WORKED_CASE, WORKED_CONSENT, WORKED_GOAL, WORKED_HOLIDAYS, WORKED_SESSIONS } from '../support/worked-example'
import { axeViolations, PAGE_BUDGET_BYTES, pageWeight, phoneFit, staffTypesRow } from './support/field-app'
import {
  ARTIFACTS_DIR,
  artifactScreenshot,
  type BrowserHarness,
  describeInBrowser,
  requireHarness,
  useBrowser,
} from './support/harness'
import { pdfText, pdftotextOrWarn } from './support/pdf-text'
import { usePhones } from './support/phone-app'

/** `UPDATE_SCREENSHOTS=1 npm run test:browser` refreshes the README's screenshots (as the phone forms'). */
const README_SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join('docs', 'screenshots') : undefined

const pdftotext = pdftotextOrWarn()

/** A laptop's window, where a coordinator reads and prints reports. */
const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false }

/** The API as a coordinator, for what the test sets up (the pages are used as a person does). */
async function api(
  h: BrowserHarness,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${h.workerUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${h.coordinatorToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res
}

/** domain.md's worked example as peksos-demo's case: the holiday, the case, consent, G1, nine sessions. */
async function logWorkedExample(h: BrowserHarness): Promise<string> {
  await staffTypesRow(h, 'settings', { date: WORKED_HOLIDAYS[0] ?? '', description: 'Libur (uji laporan)' })
  const created = (await (await api(h, 'POST', '/api/cases', { ...WORKED_CASE, worker: 'peksos-demo' })).json()) as {
    case_id: string
  }
  const caseId = created.case_id
  const etag = (await api(h, 'GET', `/api/cases/${caseId}`)).headers.get('etag') ?? ''
  await api(h, 'PATCH', `/api/cases/${caseId}`, WORKED_CONSENT, { 'if-match': etag })
  const goal = (await (await api(h, 'POST', '/api/goals', { ...WORKED_GOAL, case_id: caseId })).json()) as {
    goal_id: string
  }
  for (const s of WORKED_SESSIONS) {
    await api(h, 'POST', '/api/sessions', { ...s, case_id: caseId, goal_id: goal.goal_id, worker: 'peksos-demo' })
  }
  // The case conference before the plan, and the coordinator's approval of G1.
  await api(h, 'POST', '/api/events', {
    case_id: caseId,
    date: '2025-03-04',
    kind: 'case_conference',
    participants: 'peksos, supervisor, klien',
    summary: 'Hasil asesmen dan rencana dibahas (uji)',
    decisions: 'Tujuan mencuci pakaian, 10 hari kerja (uji)',
    worker: 'peksos-demo',
  })
  await api(h, 'POST', '/api/feedback', { case_id: caseId, target: goal.goal_id, date: '2025-03-05', kind: 'approve' })
  return caseId
}

describeInBrowser('the case report in Chromium, printed to PDF', () => {
  const phones = usePhones(useBrowser())
  let caseId = ''

  beforeAll(async () => {
    caseId = await logWorkedExample(requireHarness())
  })

  /** A page of peksos-demo, the case's worker (page errors and CSP reports collected). */
  async function workerPage(options: BrowserContextOptions = {}) {
    const page = await phones.phoneAs('peksos-demo', { serviceWorkers: 'block', ...options })
    return { page, problems: phones.problemsOf(page) }
  }

  async function printToPdf(page: Page, name: string): Promise<string> {
    await mkdir(ARTIFACTS_DIR, { recursive: true })
    const path = join(ARTIFACTS_DIR, `${name}.pdf`)
    await writeFile(path, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }))
    return path
  }

  it.skipIf(pdftotext === undefined).each([
    [
      '2025-03-13',
      { sum: 9, mean: '2.25', level: 2, label: 'Sebagian Tercapai', percent: '56.3', success: 'tidak', t: '40.00' },
    ],
    [
      '2025-03-19',
      { sum: 15, mean: '3.75', level: 4, label: 'Sangat Tercapai', percent: '93.8', success: 'ya', t: '60.00' },
    ],
  ] as const)(
    'as of %s: the PDF carries the worked example’s figures, one section per page, no navigation',
    async (asOf, f) => {
      const h = requireHarness()
      const { page, problems } = await workerPage(LAPTOP)
      await page.goto(`${h.workerUrl}/app/cases/${caseId}/report?as_of=${asOf}`)
      expect(await page.textContent('h1')).toBe(`Laporan kasus ${caseId} · ${WORKED_CASE.initials}`)
      await artifactScreenshot(page, `case-report-${asOf}`)
      const text = await pdfText(pdftotext as string, await printToPdf(page, `case-report-${asOf}`))

      expect(text).toMatch(new RegExp(`Jumlah nilai\\s+${f.sum}\\s`))
      expect(text).toMatch(new RegExp(`Rata-rata\\s+${f.mean.replace('.', '\\.')}\\s`))
      expect(text).toMatch(new RegExp(`Level\\s+${f.level}\\s`))
      expect(text).toMatch(new RegExp(`Keterangan\\s+${f.label}`))
      expect(text).toMatch(new RegExp(`Persentase\\s+${f.percent.replace('.', '\\.')} %`))
      expect(text).toMatch(new RegExp(`Berhasil\\s+${f.success}\\s`))
      expect(text).toContain(`Skor-T kasus: T = ${f.t}`)
      expect(text).toContain(WORKED_CASE.initials)
      // The case conference (section 6) and G1's approval (the plan table) are printed too.
      const pageWith = (heading: string) => text.split('\f').find((p) => p.includes(heading)) ?? ''
      expect(pageWith('6. Peristiwa kasus')).toMatch(/Konferensi[\s\S]*Hasil asesmen dan/)
      expect(pageWith('3. Rencana intervensi')).toMatch(/Casework\s+disetujui/)

      // A4 pages: each numbered section begins its own page; the app's navigation is not printed.
      const pages = text.split('\f')
      const pageOf = (heading: string) => pages.findIndex((p) => p.includes(heading))
      const starts = [
        '1. Profil klien',
        '2. Ringkasan asesmen',
        '3. Rencana intervensi',
        '4. Catatan sesi',
        '5. Evaluasi',
        '6. Peristiwa kasus',
      ].map(pageOf)
      expect(
        starts.every((p, i) => p >= 0 && (i === 0 || p > (starts[i - 1] as number))),
        String(starts),
      ).toBe(true)
      for (const chrome of ['Keluar', 'Langsung ke isi', 'Sesi kelompok', 'Tabel data grafik', 'Tampilkan']) {
        expect(text, chrome).not.toContain(chrome)
      }
      expect(problems).toEqual([])
    },
  )

  it('weighs at most 30 KiB gzip on first load, fits a 360 px phone and has no serious or critical axe-core violation', async () => {
    const h = requireHarness()
    const { page, problems } = await workerPage()
    const url = `${h.workerUrl}/app/cases/${caseId}/report?as_of=2025-03-19`
    const weight = await pageWeight(page, url)
    expect(weight.files.find((f) => f.type === 'document')?.status).toBe(200)
    console.log(`page weight /app/cases/{id}/report: ${(weight.gzip / 1024).toFixed(1)} KiB gzip first load`)
    expect(weight.gzip, JSON.stringify(weight.files)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES)
    expect(await axeViolations(page)).toEqual([])
    expect(await phoneFit(page)).toEqual({ overflowX: 0, smallTargets: [] })
    expect(problems).toEqual([])
    await artifactScreenshot(page, 'page-worker-case-report')
  })

  it('is the same report on a laptop, in English on the switch, with no axe-core violation there either', async () => {
    const h = requireHarness()
    const { page } = await workerPage(LAPTOP)
    await page.goto(
      `${h.workerUrl}/app/lang/en?back=${encodeURIComponent(`/app/cases/${caseId}/report?as_of=2025-03-19`)}`,
    )
    expect(await page.textContent('h1')).toBe(`Case report ${caseId} · ${WORKED_CASE.initials}`)
    expect(await page.textContent('#evaluation')).toContain('fully achieved')
    expect(await axeViolations(page)).toEqual([])
    await artifactScreenshot(page, 'case-report-en')
    if (README_SHOTS !== undefined) {
      await page.goto(
        `${h.workerUrl}/app/lang/id?back=${encodeURIComponent(`/app/cases/${caseId}/report?as_of=2025-03-19`)}`,
      )
      await page.setViewportSize({ width: 900, height: 1100 })
      await page.locator('#evaluation').scrollIntoViewIfNeeded()
      await mkdir(README_SHOTS, { recursive: true })
      await page.locator('#evaluation').screenshot({ path: join(README_SHOTS, 'case-report.png') })
    }
  })
})
