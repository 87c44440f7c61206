/**
 * Builds a real DuckDB warehouse from a fixture folder of contract CSVs, the way ingest lays it
 * out (raw.*, taxonomy.* and reference.* from data/, meta.settings), then runs the transform. Fixtures are small
 * and valid, so this loader checks nothing: it only types and normalises. When ingest() exists
 * the body can become one call to it; the signature stays.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedIdentifier as id, type DuckDBConnection } from "@duckdb/node-api";
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  SOURCES,
  duckdbType,
  type ColumnSpec,
} from "../../src/contract/index.ts";
import { readSettings } from "../../src/config/settings.ts";
import { buildCoreAndMarts } from "../../src/warehouse/transform.ts";
import { loadMarketPay, loadTaxonomy, loadTaxonomyIntoWarehouse } from "../../src/taxonomy/index.ts";

export interface FixtureWarehouse {
  readonly dbPath: string;
  readonly conn: DuckDBConnection;
  /** Rows as plain objects: BIGINT → number, DATE → 'YYYY-MM-DD'. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(", ");
}

/** Typed, normalised value of one CSV column, as ingest writes it to raw.*. */
function typedExpression(name: string, c: ColumnSpec): string {
  const text = `nullif(trim(${id(name)}), '')`;
  switch (c.kind) {
    case "enum":
      return `lower(${text})`;
    case "boolean":
      return `case when lower(${text}) in (${sqlList(BOOLEAN_TRUE)}) then true when lower(${text}) in (${sqlList(BOOLEAN_FALSE)}) then false end`;
    case "id":
    case "text":
      return text;
    default:
      return `cast(${text} as ${duckdbType(c)})`;
  }
}

/** raw.* column type: the bulk reader's type, except booleans, which ingest stores as BOOLEAN. */
function rawType(c: ColumnSpec): string {
  return c.kind === "boolean" ? "BOOLEAN" : duckdbType(c);
}

function headerOf(file: string): string[] {
  const firstLine = readFileSync(file, "utf8").split(/\r?\n/, 1)[0] ?? "";
  return firstLine.split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
}

async function loadRaw(conn: DuckDBConnection, inputDir: string): Promise<void> {
  await conn.run("create schema if not exists raw");
  for (const source of SOURCES) {
    const columns = Object.entries(source.columns) as [string, ColumnSpec][];
    const defs = columns.map(([n, c]) => `${id(n)} ${rawType(c)}`);
    await conn.run(
      `create or replace table raw.${id(source.name)} (${defs.join(", ")}, _source_file varchar, _source_line bigint, _load_id varchar)`,
    );
    const file = path.join(inputDir, source.file);
    if (!existsSync(file)) continue;
    const present = new Set(headerOf(file));
    const select = columns.map(([n, c]) =>
      present.has(n) ? typedExpression(n, c) : `cast(null as ${rawType(c)})`,
    );
    await conn.run(
      `insert into raw.${id(source.name)}
       select ${select.join(", ")}, $file, cast(row_number() over () + 1 as bigint), 'fixture'
       from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"')`,
      { file: source.file, path: file },
    );
  }
}

async function writeSettings(conn: DuckDBConnection, inputDir: string): Promise<void> {
  const s = readSettings(path.join(inputDir, "settings.json"));
  await conn.run("create schema if not exists meta");
  await conn.run(
    `create or replace table meta.settings as select
       cast($as_of as date) as as_of,
       cast($productive_hours_per_fte as double) as productive_hours_per_fte,
       cast($benefits_load as double) as benefits_load,
       cast($replacement_cost_factor as double) as replacement_cost_factor,
       cast($expiring_window_days as integer) as expiring_window_days,
       cast($audience as varchar) as audience,
       cast($min_cell_public as integer) as min_cell_public,
       cast($min_pay_group as integer) as min_pay_group,
       cast($min_orgs_benchmark as integer) as min_orgs_benchmark,
       cast($max_org_share_benchmark as double) as max_org_share_benchmark,
       cast($forecast_quarters as integer) as forecast_quarters`,
    {
      as_of: s.as_of ?? null,
      productive_hours_per_fte: s.productive_hours_per_fte,
      benefits_load: s.benefits_load,
      replacement_cost_factor: s.replacement_cost_factor,
      expiring_window_days: s.expiring_window_days,
      audience: s.audience,
      min_cell_public: s.min_cell_public,
      min_pay_group: s.min_pay_group,
      min_orgs_benchmark: s.min_orgs_benchmark,
      max_org_share_benchmark: s.max_org_share_benchmark,
      forecast_quarters: s.forecast_quarters,
    },
  );
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
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  await loadRaw(conn, inputDir);
  // the shipped taxonomy, so fixtures map raw values exactly as a real ingest does
  const taxonomy = loadTaxonomy();
  await loadTaxonomyIntoWarehouse(conn, taxonomy, loadMarketPay(undefined, taxonomy));
  await writeSettings(conn, inputDir);
  await buildCoreAndMarts(conn);
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
