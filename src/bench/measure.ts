/**
 * One measurement in a fresh process, so each gets its own peak memory figure:
 *   measure.ts bare <inputDir> <db>     DuckDB read_csv of every CSV with the contract's column
 *                                       types and no checks, bad rows skipped (the baseline)
 *   measure.ts ingest <inputDir> <db>   the full validated ingest
 * Prints one JSON line: seconds, CPU seconds (user + system, every thread of the process), load and
 * transform seconds (ingest), peak RSS bytes. CPU seconds move much less with other work on the
 * machine than wall-clock seconds: they say how much work a run did.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, quotedIdentifier as id, quotedString as str } from "@duckdb/node-api";
import { SOURCES } from "../contract/index.ts";
import { compileSource } from "../../loaders/contract-sql.ts";
import { sniffDialect } from "../../loaders/dialect.ts";
import { matchHeader } from "../../loaders/header.ts";
import { ingest } from "../../loaders/ingest.ts";
import { EMPTY_SOURCE_MAPPING } from "../../loaders/mapping.ts";

async function bare(inputDir: string, db: string): Promise<Record<string, number>> {
  rmSync(db, { force: true });
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(db);
  const conn = await instance.connect();
  for (const source of SOURCES) {
    const file = path.join(inputDir, source.file);
    if (!existsSync(file)) continue;
    const dialect = sniffDialect(file);
    const header = matchHeader(source, dialect.header, EMPTY_SOURCE_MAPPING, source.file);
    const { readColumns } = compileSource(source, header, EMPTY_SOURCE_MAPPING);
    await conn.run(`create table ${id(source.name)} as select * from read_csv(${str(file)}, header = true,
      auto_detect = false, delim = ${str(dialect.delimiter)}, quote = '"', escape = '"', columns = ${readColumns},
      ignore_errors = true)`);
  }
  await conn.run("checkpoint");
  conn.closeSync();
  instance.closeSync();
  return { seconds: (performance.now() - t0) / 1000 };
}

async function validated(inputDir: string, db: string): Promise<Record<string, number>> {
  rmSync(db, { force: true });
  const t0 = performance.now();
  // speed, not acceptance: a generated input over max_rejected_share still loads and builds
  const report = await ingest({ inputDir, dbPath: db, quiet: true, acceptRejects: true });
  return {
    seconds: (performance.now() - t0) / 1000,
    load_seconds: report.timings.load_seconds ?? NaN,
    transform_seconds: report.timings.transform_seconds ?? NaN,
    // the other phases of meta.load_runs.timings, so the bench shows where a whole ingest goes
    read_seconds: report.timings.read_seconds ?? NaN,
    reference_seconds: report.timings.reference_seconds ?? NaN,
    orphans_seconds: report.timings.orphans_seconds ?? NaN,
  };
}

const [mode, inputDir, db] = process.argv.slice(2);
const cpu0 = process.cpuUsage();
const result = mode === "bare" ? await bare(inputDir!, db!) : await validated(inputDir!, db!);
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    ...result,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }),
);
