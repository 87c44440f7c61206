import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/support/sequencer.ts";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // the default sample, its warehouse and sites are built once per run (tests/support/shared-sample.ts)
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One worker per core. Vitest's default leaves one core to its main process (so one worker on 2
    // cores), but the main process only reports, and the heavy files spend much of their time in
    // child processes (Framework builds, Chromium, R) or waiting on a page.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: LongestFirst },
  },
});
