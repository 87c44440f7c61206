/**
 * One measurement in a fresh process, so each gets its own peak memory figure:
 *   measure.ts bare <inputDir> <db>     DuckDB read_csv of every CSV, no checks (the baseline)
 *   measure.ts ingest <inputDir> <db>   the full validated ingest
 * Prints one JSON line: seconds, load/transform seconds (ingest), peak RSS bytes.
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, quotedIdentifier as id, quotedString as str } from "@duckdb/node-api";
import { ingest } from "../ingest/ingest.ts";

async function bare(inputDir: string, db: string): Promise<Record<string, number>> {
  rmSync(db, { force: true });
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(db);
  const conn = await instance.connect();
  for (const f of readdirSync(inputDir).filter((f) => f.endsWith(".csv"))) {
    await conn.run(
      `create table ${id(f.slice(0, -4))} as select * from read_csv(${str(path.join(inputDir, f))})`,
    );
  }
  await conn.run("checkpoint");
  conn.closeSync();
  instance.closeSync();
  return { seconds: (performance.now() - t0) / 1000 };
}

async function validated(inputDir: string, db: string): Promise<Record<string, number>> {
  rmSync(db, { force: true });
  const t0 = performance.now();
  const report = await ingest({ inputDir, dbPath: db, quiet: true });
  return {
    seconds: (performance.now() - t0) / 1000,
    load_seconds: report.timings.load_seconds ?? NaN,
    transform_seconds: report.timings.transform_seconds ?? NaN,
  };
}

const [mode, inputDir, db] = process.argv.slice(2);
const result = mode === "bare" ? await bare(inputDir!, db!) : await validated(inputDir!, db!);
console.log(JSON.stringify({ ...result, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 }));
