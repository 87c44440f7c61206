/**
 * One folder per test run for what several test files share (the default sample, its warehouse and
 * its built sites): tests/support/shared-sample.ts builds each the first time a file asks for it.
 * The run's site builds (in workers and in the CLI processes tests start) also share one cache of
 * Framework's bundled libraries there: they depend on package versions only, and bundling them
 * again costs each build seconds of CPU (src/static-site/site-build.ts, codeCacheDir).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    sharedDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "htm-test-shared-"));
  project.provide("sharedDir", dir);
  const previous = process.env.HTM_SITE_CODE_CACHE;
  // workers are started after this and inherit the environment, and so do the processes they start
  if (previous === undefined) {
    process.env.HTM_SITE_CODE_CACHE = path.join(dir, "framework-code-cache");
    mkdirSync(process.env.HTM_SITE_CODE_CACHE);
  }
  return () => {
    if (previous === undefined) delete process.env.HTM_SITE_CODE_CACHE;
    rmSync(dir, { recursive: true, force: true });
  };
}
