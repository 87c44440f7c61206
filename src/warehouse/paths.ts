/** Where things live by default; HTM_WAREHOUSE overrides the warehouse for every command and the site. */
import { fileURLToPath } from "node:url";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function warehousePath(explicit?: string): string {
  return path.resolve(
    explicit ?? process.env.HTM_WAREHOUSE ?? path.join(PROJECT_ROOT, "data/warehouse.duckdb"),
  );
}

export const DEFAULT_INPUT_DIR = path.join(PROJECT_ROOT, "data/input");
export const DEFAULT_SAMPLE_DIR = path.join(PROJECT_ROOT, "data/sample");
export const TAXONOMY_DIR = path.join(PROJECT_ROOT, "data/taxonomy");

/** The taxonomy ingest reads: HTM_TAXONOMY_DIR (an edited copy, e.g. in tests), else data/taxonomy. */
export function taxonomyDir(): string {
  return path.resolve(process.env.HTM_TAXONOMY_DIR ?? TAXONOMY_DIR);
}
export const REFERENCE_DIR = path.join(PROJECT_ROOT, "data/reference");
export const REPORTS_DIR = path.join(PROJECT_ROOT, "reports");
/** Framework's cache of data-loader output; must be emptied whenever the warehouse changes. */
export const FRAMEWORK_CACHE_DIR = path.join(REPORTS_DIR, ".observablehq/cache");
