/**
 * Builds a real DuckDB warehouse from a fixture folder of contract CSVs with the real ingest
 * (contract checks, shipped taxonomy, settings.json, core and marts). Fixtures are meant to be
 * valid, so a rejected row fails the test that uses them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { ingest } from "../../loaders/ingest.ts";

export interface FixtureWarehouse {
  readonly dbPath: string;
  readonly conn: DuckDBConnection;
  /** Rows as plain objects: BIGINT → number, DATE → 'YYYY-MM-DD'. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

/**
 * Loads the fixture folder `inputDir` (contract CSVs, optional settings.json) into a new DuckDB
 * file (a temporary one unless `dbPath` is given) and builds core and marts.
 */
export async function buildFixtureWarehouse(inputDir: string, dbPath?: string): Promise<FixtureWarehouse> {
  const file = dbPath ?? path.join(mkdtempSync(path.join(tmpdir(), "htm-fixture-")), "warehouse.duckdb");
  // The real ingest: contract checks, the shipped taxonomy, settings.json, core and marts.
  const report = await ingest({ inputDir, dbPath: file, quiet: true });
  const rejected = report.rejectedByReason;
  if (rejected.length)
    throw new Error(
      `fixture ${inputDir} has rejected rows: ${rejected.map((r) => `${r.file}: ${r.reason}`).join("; ")}`,
    );
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  return {
    dbPath: file,
    conn,
    async rows(sql: string) {
      const result = await conn.runAndReadAll(sql);
      return result
        .getRowObjectsJS()
        .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
