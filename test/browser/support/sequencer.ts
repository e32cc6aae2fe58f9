/**
 * @module
 * The order in which Vitest hands test files to its workers: longest first, so that no long file
 * starts last and runs alone while the other workers sit idle. Vitest's own order does this only
 * when it has a record of an earlier run; on a fresh clone (CI) it starts larger files first,
 * and the browser project's longest file, the worked example (one 40-second test in a short
 * file), used to start last. Groups (`sequence.groupOrder`) still run one after another.
 *
 * A file's expected seconds: its tests' duration in Vitest's record of the last run, else the
 * figure measured for it below, else its project's rough figure. A wrong guess only makes the
 * run end less tightly; which files run, and how, is unchanged.
 */
import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Seconds of the browser files' tests, measured on a 2-core machine (three files at once). */
const MEASURED_SECONDS: Readonly<Record<string, number>> = {
  'test/browser/supervision.test.ts': 60,
  'test/browser/case-report.test.ts': 59,
  'test/browser/pages.test.ts': 57,
  'test/browser/offline-sync.test.ts': 57,
  'test/browser/worked-example.test.ts': 43,
  'test/browser/logging.test.ts': 27,
  'test/browser/offline-forms.test.ts': 15,
  'test/browser/outbox.test.ts': 13,
}

/** Rough seconds of a project's file when neither Vitest's record nor a measurement has it. */
const PROJECT_SECONDS: Readonly<Record<string, number>> = { browser: 1, workers: 1, node: 0.5 }

export type Timed<T> = { readonly item: T; readonly group: number; readonly seconds: number }

/** Group by group (ascending), longest first within each; equal ones keep their given order. */
export function longestFirst<T>(files: readonly Timed<T>[]): T[] {
  return [...files].sort((a, b) => a.group - b.group || b.seconds - a.seconds).map((f) => f.item)
}

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // The base order (Vitest's record, else larger files first) breaks ties.
    const sorted = await super.sort(files)
    return longestFirst(
      sorted.map((spec) => ({
        item: spec,
        group: spec.project.config.sequence.groupOrder,
        seconds: this.seconds(spec),
      })),
    )
  }

  private seconds(spec: TestSpecification): number {
    const project = spec.project.name
    const file = relative(this.ctx.config.root, spec.moduleId)
    const last = this.ctx.cache.getFileTestResults(`${project}:${file}`)
    if (last !== undefined) return last.duration / 1000
    return MEASURED_SECONDS[file] ?? PROJECT_SECONDS[project] ?? 1
  }
}
