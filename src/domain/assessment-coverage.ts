/**
 * @module
 * Assessment coverage per case (domain.md "Assessment", derived): which BPSS and ILS domains
 * have been assessed, and which are triangulated — backed by ≥ 2 distinct sources. Only rows of
 * the framework's own tool count (a BPSS domain is covered by `bpss` rows).
 */
import type { Assessment } from './assessment-row'
import { BPSS_DOMAINS, ILS_DOMAINS, type Source } from './lists'
import { isWithdrawn, type WithdrawalFields } from './withdrawal'

export type DomainCoverage = {
  readonly domain: string
  readonly covered: boolean
  /** Assessment rows of this domain. */
  readonly assessments: number
  /** Distinct sources, in order of first appearance. */
  readonly sources: readonly Source[]
  readonly triangulated: boolean
}

export type AssessmentCoverage = {
  readonly case_id: string
  readonly bpss: readonly DomainCoverage[]
  readonly ils: readonly DomainCoverage[]
  /** Every BPSS and every ILS domain covered. */
  readonly complete: boolean
  /** Every BPSS and every ILS domain triangulated. */
  readonly triangulated: boolean
}

type CoverageRow = Pick<Assessment, 'case_id' | 'tool' | 'domain' | 'source'> & WithdrawalFields

function frameworkCoverage(rows: readonly CoverageRow[], tool: 'bpss' | 'ils', domains: readonly string[]) {
  return domains.map((domain): DomainCoverage => {
    const sources: Source[] = []
    let count = 0
    for (const r of rows) {
      if (r.tool !== tool || r.domain !== domain) continue
      count++
      if (!sources.includes(r.source)) sources.push(r.source)
    }
    return { domain, covered: count > 0, assessments: count, sources, triangulated: sources.length >= 2 }
  })
}

/**
 * Coverage of one case from its assessment rows. Rows of other cases are ignored, and so are
 * withdrawn rows: a finding taken back covers no domain and backs no triangulation (withdrawal.ts).
 */
export function assessmentCoverage(caseId: string, assessments: readonly CoverageRow[]): AssessmentCoverage {
  const rows = assessments.filter((a) => a.case_id === caseId && !isWithdrawn(a))
  const bpss = frameworkCoverage(rows, 'bpss', BPSS_DOMAINS)
  const ils = frameworkCoverage(rows, 'ils', ILS_DOMAINS)
  const all = [...bpss, ...ils]
  return {
    case_id: caseId,
    bpss,
    ils,
    complete: all.every((d) => d.covered),
    triangulated: all.every((d) => d.triangulated),
  }
}
