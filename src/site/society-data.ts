/**
 * The society's published site (issue 14): a pooled warehouse (`htm-workforce pool --db`) is built
 * into a site of its own from reports-society/, whose loaders read only the pooled warehouse's
 * publish.* tables, read-only. Each file is one query in src/sql/survey/site/; none ships a count
 * that could be differenced across peer groups (organisations per cell, people at risk, hours):
 * the only counts are each published peer group's contributors (complementary suppression keeps
 * every difference of those at 0 or at least min_orgs_benchmark) and how many groups were withheld.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { tableToIPC } from "apache-arrow";
import { PROJECT_ROOT, warehousePath } from "../warehouse/paths.ts";
import { readSql, SqlFileError } from "../warehouse/sql-runner.ts";
import { query, toArrow, type Rows } from "./mart-reader.ts";
import { societyTaxonomy } from "./site-taxonomy.ts";

export const SOCIETY_REPORTS_DIR = path.join(PROJECT_ROOT, "reports-society");
/** Framework configuration of the society's site (its own pages, title and footer). */
export const SOCIETY_CONFIG = path.join(PROJECT_ROOT, "observablehq.society.config.js");
const SITE_SQL_DIR = path.join(PROJECT_ROOT, "src/sql/survey/site");

type Producer = (conn: DuckDBConnection) => Promise<Uint8Array | string>;

/**
 * A read-only connection to the pooled warehouse (HTM_WAREHOUSE): its publish.* was built by `pool`
 * under the multi-organisation rules, so the site reads it as it is (no hospital publish layer).
 */
async function withPooledWarehouse<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(warehousePath(), { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function tableExists(conn: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(
    "select count(*) as n from information_schema.tables where table_schema = $schema and table_name = $table",
    { schema, table },
  );
  return Number(reader.getRowObjectsJS()[0]!.n) > 0;
}

/** The rows of one query of src/sql/survey/site/ (read by src/warehouse/sql-runner.ts), with their types. */
async function site(conn: DuckDBConnection, name: string): Promise<Rows> {
  const file = path.join(SITE_SQL_DIR, `${name}.sql`);
  try {
    return await query(conn, readSql(file));
  } catch (e) {
    throw e instanceof SqlFileError ? e : new SqlFileError(file, e);
  }
}

const toJson = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v));

const arrow =
  (name: string): Producer =>
  async (conn) =>
    tableToIPC(toArrow(await site(conn, name)), "stream");

export const SOCIETY_DATA: Record<string, Producer> = {
  "peer_groups.json": async (conn) =>
    toJson({
      published: (await site(conn, "peer_groups")).rows,
      withheld: (await site(conn, "withheld_groups")).rows[0]?.withheld ?? 0,
    }),
  "about.json": async (conn) => {
    const about = (await site(conn, "about")).rows[0] ?? {};
    const names = (await site(conn, "contributors")).rows.map((r) => r.contributor_id);
    return toJson({ ...about, contributors: about.publish_contributor_names ? names : null });
  },
  // labels and order of domains, role families and certifications: the same words as a hospital's site
  "taxonomy.json": async () => toJson(societyTaxonomy()),
  "benchmark_bands.arrow": arrow("benchmark_bands"),
  "turnover.arrow": arrow("turnover"),
  "retention.arrow": arrow("retention"),
  "pay.arrow": arrow("pay"),
  "workload.arrow": arrow("workload"),
  "pay_change.arrow": arrow("pay_change"),
  "time_to_fill.arrow": arrow("time_to_fill"),
  "composition.arrow": arrow("composition"),
  "certifications.arrow": arrow("certifications"),
  "workload_yearly.arrow": arrow("workload_yearly"),
  "specialist_roles.arrow": arrow("specialist_roles"),
};

/** Data-loader entry point (reports-society/data/[name].*.ts): writes one registered file to stdout. */
export async function writeSocietyData(name: string): Promise<void> {
  const produce = SOCIETY_DATA[name];
  if (!produce) throw new Error(`no society site data named ${name} (see src/site/society-data.ts)`);
  process.stdout.write(await withPooledWarehouse(produce));
}

/** Writes the named registered files into dir (one read-only connection for all). */
export async function exportSocietyData(dir: string, names: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await withPooledWarehouse(async (conn) => {
    for (const name of names) writeFileSync(path.join(dir, name), await SOCIETY_DATA[name](conn));
  });
}

/**
 * Whether the file is a pooled survey warehouse (what `pool --db` writes: a publish layer over
 * contributions, and none of a hospital's marts) rather than a hospital's warehouse.
 */
export async function isPooledWarehouse(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (
      (await tableExists(conn, "survey", "contributions")) &&
      (await tableExists(conn, "publish", "publication_groups")) &&
      !(await tableExists(conn, "marts", "headcount_monthly"))
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
