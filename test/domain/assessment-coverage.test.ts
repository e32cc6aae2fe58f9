import { describe, expect, it } from 'vitest'
import { assessmentCoverage } from '../../src/domain/index'
import { anAssessment } from './builders'

describe('assessmentCoverage', () => {
  const rows = [
    anAssessment({ domain: 'psikologis', source: 'klien' }),
    anAssessment({ domain: 'psikologis', source: 'pengasuh' }),
    anAssessment({ domain: 'psikologis', source: 'pengasuh' }),
    anAssessment({ domain: 'sosial', source: 'keluarga' }),
    anAssessment({ tool: 'ils', domain: 'fisik', source: 'klien' }),
    // A Saleebey row and another case's row do not count toward BPSS/ILS of K-0001.
    anAssessment({ tool: 'saleebey', domain: 'kekuatan_personal', source: 'dokumen' }),
    anAssessment({ case_id: 'K-0002', domain: 'biologis', source: 'dokumen' }),
  ]
  const coverage = assessmentCoverage('K-0001', rows)

  it('lists which BPSS domains are covered and triangulated by two distinct sources', () => {
    expect(coverage.bpss).toEqual([
      { domain: 'biologis', covered: false, assessments: 0, sources: [], triangulated: false },
      { domain: 'psikologis', covered: true, assessments: 3, sources: ['klien', 'pengasuh'], triangulated: true },
      { domain: 'sosial', covered: true, assessments: 1, sources: ['keluarga'], triangulated: false },
      { domain: 'spiritual', covered: false, assessments: 0, sources: [], triangulated: false },
    ])
  })

  it('counts ILS domains from ILS rows only', () => {
    expect(coverage.ils.map((d) => [d.domain, d.covered])).toEqual([
      ['fisik', true],
      ['sosial', false],
      ['ekonomi', false],
      ['psikologis', false],
    ])
  })

  it('is complete only when every BPSS and ILS domain is covered', () => {
    expect([coverage.complete, coverage.triangulated]).toEqual([false, false])
  })
})
