/**
 * Builds the conformed (`core.*`) and report (`marts.*`) layers, plus the `meta.*` tables derived
 * from them, from what ingest wrote to `raw.*`, `taxonomy.*`, `reference.*` and `meta.settings`.
 * Every `.sql` file under src/sql/<schema>/ creates the table it is named after; the run order
 * comes from the tables each file reads, so a new mart only needs a new file.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { createSharedMacros, readSql, runSqlFile, SQL_DIR } from "./sql-runner.ts";

export { createSharedMacros, MACRO_DIR, SQL_DIR } from "./sql-runner.ts";

/** Schemas whose tables are built from SQL files, in the order used to break ties. */
const BUILT_SCHEMAS = ["meta", "core", "marts"] as const;

export interface TransformStep {
  /** Qualified table the file creates, e.g. `core.position_spells`. */
  readonly table: string;
  readonly file: string;
  readonly sql: string;
  /** Tables built by other steps that this one reads. */
  readonly dependsOn: readonly string[];
}

const TABLE_REFERENCE = /\b(meta|core|marts)\.([a-z_][a-z0-9_]*)/gi;

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}

/** Every SQL file of the transform with the tables it reads, unordered. */
export function transformFiles(sqlDir: string = SQL_DIR): TransformStep[] {
  const found: { table: string; file: string; sql: string }[] = [];
  for (const schema of BUILT_SCHEMAS) {
    let names: string[];
    try {
      names = readdirSync(path.join(sqlDir, schema));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith(".sql")).sort()) {
      const file = path.join(sqlDir, schema, name);
      found.push({ table: `${schema}.${name.slice(0, -4)}`, file, sql: readSql(file) });
    }
  }
  const built = new Set(found.map((f) => f.table));
  return found.map((f) => {
    const reads = new Set<string>();
    for (const m of withoutComments(f.sql).matchAll(TABLE_REFERENCE)) {
      const table = `${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`;
      if (table !== f.table && built.has(table)) reads.add(table);
    }
    return { ...f, dependsOn: [...reads].sort() };
  });
}

/**
 * The transform's files in an order where every table is built after the tables it reads; ties
 * keep schema order (meta, core, marts) then file name, so the order is stable.
 */
export function transformSteps(sqlDir: string = SQL_DIR): TransformStep[] {
  const pending = transformFiles(sqlDir);
  const ordered: TransformStep[] = [];
  const done = new Set<string>();
  while (pending.length > 0) {
    const next = pending.findIndex((s) => s.dependsOn.every((d) => done.has(d)));
    if (next < 0) {
      const stuck = pending.map((s) => `${s.table} (reads ${s.dependsOn.join(", ")})`).join("; ");
      throw new Error(`SQL files depend on each other in a cycle: ${stuck}`);
    }
    const [step] = pending.splice(next, 1);
    ordered.push(step!);
    done.add(step!.table);
  }
  return ordered;
}

/**
 * Runs every transform file in dependency order on an open connection (ingest calls it inside
 * its transaction). `onStep` hears each table's name before it is built.
 */
export async function buildCoreAndMarts(
  conn: DuckDBConnection,
  onStep?: (name: string) => void,
): Promise<Record<string, number>> {
  for (const schema of BUILT_SCHEMAS) await conn.run(`create schema if not exists ${schema}`);
  await createSharedMacros(conn);
  // Seconds per table, so meta.load_runs shows where a slow build spends its time.
  const seconds: Record<string, number> = {};
  for (const step of transformSteps()) {
    onStep?.(step.table);
    const t0 = performance.now();
    await runSqlFile(conn, step.file);
    seconds[step.table] = (performance.now() - t0) / 1000;
  }
  return seconds;
}
