/**
 * The default sample, ingested once and built once per test run, for every test file that reads it
 * (generating, ingesting and building it in each file cost CI minutes on 2 cores). The first file
 * that asks builds it; files running at the same time in other workers wait for it. Read-only: a test
 * that needs to change a warehouse or a site works on its own copy.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parse } from "csv-parse/sync";
import { inject } from "vitest";
import { ingest, type IngestReport } from "../../loaders/ingest.ts";
import { run as runSample } from "../../src/cli/sample.ts";
import { buildSite } from "../../src/static-site/site-build.ts";
import { DEFAULT_SETTINGS } from "../../src/config/settings.ts";
import { contributeAndPool } from "./society-pool.ts";

/** The sample's options: the default organisations and years, with fewer work orders than a user gets. */
export const SHARED_SAMPLE_OPTIONS = ["--work-orders", "20000"] as const;

export interface SharedSample {
  /** The sample's input folder (contract CSVs and manifest.json). */
  readonly input: string;
  /** Its warehouse, ingested with the shipped taxonomy and settings. */
  readonly db: string;
  /** What the ingest reported (as JSON: plain numbers and strings). */
  readonly report: IngestReport;
}

const inProcess = new Map<string, Promise<unknown>>();

/** Builds `name` once per test run across workers; every caller gets the builder's result. */
function once<T>(name: string, build: (dir: string) => Promise<T>): Promise<T> {
  let pending = inProcess.get(name) as Promise<T> | undefined;
  if (!pending) {
    pending = onceAcrossWorkers(name, build);
    inProcess.set(name, pending);
  }
  return pending;
}

async function onceAcrossWorkers<T>(name: string, build: (dir: string) => Promise<T>): Promise<T> {
  const root = inject("sharedDir");
  const dir = path.join(root, name);
  const result = path.join(root, `${name}.json`);
  let builder = true;
  try {
    mkdirSync(dir); // atomic: exactly one worker gets to build
  } catch {
    builder = false;
  }
  if (builder) {
    try {
      const value = await build(dir);
      writeFileSync(result, JSON.stringify({ value }));
      return value;
    } catch (error) {
      writeFileSync(result, JSON.stringify({ error: String(error) }));
      throw error;
    }
  }
  while (!existsSync(result)) await sleep(250);
  const { value, error } = JSON.parse(readFileSync(result, "utf8")) as { value?: T; error?: string };
  if (error !== undefined) throw new Error(`shared ${name} failed in another test file: ${error}`);
  return value as T;
}

/** The default sample and its warehouse. */
export function sharedSample(): Promise<SharedSample> {
  return once("sample", async (dir) => {
    const input = path.join(dir, "input");
    const code = await runSample(["--out", input, ...SHARED_SAMPLE_OPTIONS]);
    if (code !== 0) throw new Error(`sample exited ${code}`);
    const db = path.join(dir, "w.duckdb");
    const report = await ingest({ inputDir: input, dbPath: db, quiet: true });
    if (report.exitCode !== 0) throw new Error(`ingest of the sample exited ${report.exitCode}`);
    return { input, db, report };
  });
}

/** The sample's site built for an audience (internal: a department's own; public: leaves the organisation). */
export function sharedSite(audience: "internal" | "public" = "internal"): Promise<string> {
  return once(`site-${audience}`, async (dir) => {
    const { db } = await sharedSample();
    return buildSite({ db, out: path.join(dir, "dist"), audience });
  });
}

/** The sample's as_of is 2025-12-31; four months later every contribution is old enough to pool. */
export const SHARED_POOL_DATE = "2026-04-30";

export interface SharedSocietyPool {
  /** One contribution file per organisation of the sample (<org_id>.parquet), as `contribute` writes it. */
  readonly contributions: string;
  /** The survey warehouse pooled from all of them on SHARED_POOL_DATE. */
  readonly db: string;
  /** Organisations pooled. */
  readonly pooled: number;
}

/** Every organisation of the default sample contributes; the society pools them all. */
export function sharedSocietyPool(): Promise<SharedSocietyPool> {
  return once("society-pool", async (dir) => {
    const { db: warehouse, input } = await sharedSample();
    const contributions = path.join(dir, "contributions");
    const orgs = parse(readFileSync(path.join(input, "organizations.csv")), { columns: true }) as {
      org_id: string;
    }[];
    const db = path.join(dir, "pooled.duckdb");
    const report = await contributeAndPool({
      warehouse,
      orgIds: orgs.map((o) => o.org_id),
      contributions,
      pooled: db,
      poolDate: SHARED_POOL_DATE,
    });
    return { contributions, db, pooled: report.pooled };
  });
}

/** The society's site (reports-society/) built for the public from the shared pool. */
export function sharedSocietySite(): Promise<string> {
  return once("society-site", async (dir) => {
    const { db } = await sharedSocietyPool();
    return buildSite({ db, out: path.join(dir, "dist"), audience: "public" });
  });
}
