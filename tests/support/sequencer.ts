/**
 * Runs the longest test files first, so that the workers finish together instead of one worker
 * starting a three-minute file when the others are done. On a clean clone vitest knows no durations
 * (it learns them from a previous run's cache) and would start files in the order it found them.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest files, longest first (durations of a clean `.ci/run`, tests/README.md). The first two
 * share nothing, so neither waits for the other's build; the files after them read the shared
 * sample and sites that the first one builds (tests/support/shared-sample.ts).
 */
export const LONGEST_FIRST = [
  "tests/e2e/site.test.ts",
  "tests/attacks/hospital.test.ts",
  "tests/e2e/readable.test.ts",
  "tests/e2e/field-story.test.ts",
  "tests/e2e/same-number.test.ts",
  "tests/attacks/society.test.ts",
  "tests/e2e/society-site.test.ts",
  "tests/ingest-atomic.test.ts",
  "tests/ingest-fuzz.test.ts",
  "tests/ingest-hardening.test.ts",
  "tests/cli-forgiving.test.ts",
  "tests/disclosure-audit.test.ts",
  "tests/survey-pay-titles.test.ts",
  "tests/ingest-environment.test.ts",
  "tests/mapping-v2.test.ts",
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((f) => spec.moduleId.endsWith(f));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // the rest keep vitest's order (failed first, then by the durations it remembers)
    const rest = await super.sort(files);
    return [...rest].sort((a, b) => rank(a) - rank(b));
  }
}
