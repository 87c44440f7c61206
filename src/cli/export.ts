/**
 * `htm-workforce export`: every mart and core table as Parquet, the format Spark, Trino, BigQuery
 * and MotherDuck read directly. Tables with an org and a year are Hive-partitioned by both
 * (out/marts/turnover_annual/org_id=O1/year=2024/…); others are one file each.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance, quotedIdentifier as id, quotedString as str } from "@duckdb/node-api";
import { UsageError } from "./usage-error.ts";
import { warehousePath } from "../warehouse/paths.ts";
import { existsSync } from "node:fs";

const HELP = `usage: htm-workforce export [--db FILE] --out DIR

Writes every table of the marts and core schemas as Parquet under DIR/<schema>/<table>,
Hive-partitioned by org_id and year where a table has both. Existing output for a table is replaced.`;

export interface ExportedTable {
  table: string;
  rows: number;
  partitioned: boolean;
}

export async function exportWarehouse(dbPath: string, outDir: string): Promise<ExportedTable[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const tables = (
      await conn.runAndReadAll(`select table_schema as s, table_name as t,
          list(column_name) as columns
        from information_schema.columns where table_schema in ('core', 'marts')
        group by all order by all`)
    ).getRowObjectsJS() as { s: string; t: string; columns: string[] }[];
    const exported: ExportedTable[] = [];
    for (const { s, t, columns } of tables) {
      const target = path.join(outDir, s, t);
      rmSync(target, { recursive: true, force: true });
      const [{ n }] = (
        await conn.runAndReadAll(`select count(*)::integer as n from ${id(s)}.${id(t)}`)
      ).getRowObjectsJS() as {
        n: number;
      }[];
      const partitioned = columns.includes("org_id") && columns.includes("year") && n > 0;
      if (partitioned) {
        await conn.run(
          `copy ${id(s)}.${id(t)} to ${str(target)} (format parquet, partition_by (org_id, year), overwrite_or_ignore)`,
        );
      } else {
        mkdirSync(target, { recursive: true });
        await conn.run(
          `copy ${id(s)}.${id(t)} to ${str(path.join(target, "data.parquet"))} (format parquet)`,
        );
      }
      exported.push({ table: `${s}.${t}`, rows: n, partitioned });
    }
    return exported;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out) throw new UsageError("--out DIR is required");
  const dbPath = warehousePath(values.db);
  if (!existsSync(dbPath)) {
    console.error(`htm-workforce export: ${dbPath}: no warehouse (run htm-workforce ingest first)`);
    return 2;
  }
  const exported = await exportWarehouse(dbPath, path.resolve(values.out));
  for (const e of exported)
    console.log(
      `${e.table.padEnd(40)} ${String(e.rows).padStart(10)} rows${e.partitioned ? "  (org_id/year)" : ""}`,
    );
  console.log(`\nwrote ${exported.length} tables to ${values.out}`);
  return 0;
}
