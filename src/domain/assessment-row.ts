/**
 * @module
 * The `Assessments` tab ("Asesmen", domain.md "Assessment"): one finding per tool, domain and
 * source. The tool → domain pairs are a row rule (validate-row.ts). An assessment logged by
 * mistake is withdrawn, never deleted (withdrawal.ts).
 */
import * as z from 'zod'
import { col } from './columns'
import { codeSchema, idSchema, isoDateSchema, longText, staffRefSchema } from './field-schemas'
import { ASSESSMENT_METHODS, SOURCES, TOOLS } from './lists'
import { withdrawalColumns } from './withdrawal'

export const AssessmentSchema = z.strictObject({
  assessment_id: col(idSchema('assessments'), {
    label: { id: 'ID Asesmen', en: 'Assessment ID' },
    help: { id: 'Diisi sistem bila kosong, mis. A-0001.', en: 'Filled in by the system when blank, e.g. A-0001.' },
    kind: 'id',
    owner: 'system',
    idTab: 'assessments',
  }),
  case_id: col(idSchema('cases'), { label: { id: 'ID Kasus', en: 'Case ID' }, kind: 'ref', idTab: 'cases' }),
  date: col(isoDateSchema(), { label: { id: 'Tanggal asesmen', en: 'Assessment date' }, kind: 'date' }),
  tool: col(z.enum(TOOLS), {
    label: { id: 'Instrumen', en: 'Tool' },
    help: {
      id: 'bpss, ils (keterampilan hidup mandiri), saleebey (kuadran kekuatan), genogram, ecomap, lainnya.',
      en: 'bpss, ils (independent living skills), saleebey (strengths quadrant), genogram, ecomap, lainnya.',
    },
    kind: 'enum',
    list: 'tool',
  }),
  domain: col(codeSchema().optional(), {
    label: { id: 'Domain', en: 'Domain' },
    help: {
      id: 'bpss: biologis/psikologis/sosial/spiritual; ils: fisik/sosial/ekonomi/psikologis; saleebey: kekuatan_/hambatan_ personal/lingkungan; lainnya bebas.',
      en: 'bpss: biologis/psikologis/sosial/spiritual; ils: fisik/sosial/ekonomi/psikologis; saleebey: kekuatan_/hambatan_ personal/lingkungan; others free.',
    },
    kind: 'code',
    list: 'domain',
  }),
  score: col(z.int().min(0).max(4).optional(), {
    label: { id: 'Skor (0–4)', en: 'Score (0–4)' },
    help: {
      id: 'ILS: 0 sepenuhnya bergantung … 4 sepenuhnya mandiri.',
      en: 'ILS: 0 fully dependent … 4 fully independent.',
    },
    kind: 'int',
  }),
  source: col(z.enum(SOURCES), { label: { id: 'Sumber informasi', en: 'Source' }, kind: 'enum', list: 'source' }),
  method: col(z.enum(ASSESSMENT_METHODS), { label: { id: 'Metode', en: 'Method' }, kind: 'enum', list: 'method' }),
  finding: col(longText().optional(), { label: { id: 'Temuan', en: 'Finding' }, kind: 'text' }),
  worker: col(staffRefSchema(), { label: { id: 'Peksos', en: 'Social worker' }, kind: 'text' }),
  ...withdrawalColumns(),
})

export type Assessment = z.output<typeof AssessmentSchema>
