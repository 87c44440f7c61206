/**
 * Every file the site reads, by output name, in one registry. `observable preview` produces each
 * through the parameterised loaders reports/data/[name].arrow.ts and [name].json.ts;
 * `htm-workforce build` produces all of them in one process with one read-only connection (one tsx
 * start per file costs seconds each on a busy machine).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableToIPC } from "apache-arrow";
import { dataQuality } from "./data-quality.ts";
import type { Settings } from "../config/settings.ts";
import type { Row } from "../publish/disclosure.ts";
import { MART_DISCLOSURE } from "../publish/mart-catalog.ts";
import { readPublished, toArrow, withWarehouse } from "./mart-reader.ts";
import { withPublished } from "../publish/publish.ts";
import { allDomains, kaplanMeierSteps, roleFamily } from "./page-slices.ts";
import { siteOrgs, siteRoles, siteStatus } from "./site-status.ts";
import { siteTaxonomy } from "./site-taxonomy.ts";

type Producer = (conn: DuckDBConnection, settings: Settings) => Promise<Uint8Array | string>;

const json =
  (build: (conn: DuckDBConnection, settings: Settings) => Promise<unknown>): Producer =>
  async (conn, settings) =>
    JSON.stringify(await build(conn, settings), (_k, v) => (typeof v === "bigint" ? Number(v) : v));

/** A publish.* table as Arrow, optionally cut to what the pages draw (page-slices.ts). */
const publishedArrow =
  (table: string, slice?: (rows: Row[]) => Row[]): Producer =>
  async (conn) => {
    const published = await readPublished(conn, table);
    return tableToIPC(toArrow(slice ? { ...published, rows: slice(published.rows) } : published), "stream");
  };

const benchmarks = async (conn: DuckDBConnection) => ({
  bands: (await readPublished(conn, "benchmark_bands")).rows,
  org_values: (await readPublished(conn, "benchmark_org_values")).rows,
  // each organisation against its peer group (facility type, bed band, staff size), with what withholds a band
  peer_bands: (await readPublished(conn, "benchmark_peer_bands")).rows,
  peer_members: (await readPublished(conn, "benchmark_peer_members")).rows,
});

export const SITE_DATA: Record<string, Producer> = {
  ...Object.fromEntries(Object.keys(MART_DISCLOSURE).map((m) => [`${m}.arrow`, publishedArrow(m)])),
  "pay_role_rollup.arrow": publishedArrow("pay_role_rollup"),
  "benchmarks.json": json(benchmarks),
  // Only what the pages draw (src/site/page-slices.ts); role evolution filters role_family 'all' only.
  "certification_coverage.arrow": publishedArrow("certification_coverage", roleFamily("all")),
  "internal_mobility.arrow": publishedArrow("internal_mobility", roleFamily("all")),
  "retention_curve.arrow": publishedArrow("retention_curve", kaplanMeierSteps),
  // the budget brief states strain and the forecast record for all domains together
  "cm_backlog.arrow": publishedArrow("cm_backlog", allDomains),
  "turnaround.arrow": publishedArrow("turnaround", allDomains),
  "scheduled_on_time.arrow": publishedArrow("scheduled_on_time", allDomains),
  "forecast_backtest.arrow": publishedArrow("forecast_backtest", allDomains),
  "status.json": json(siteStatus),
  "orgs.json": json(siteOrgs),
  "roles.json": json(siteRoles),
  "taxonomy.json": json(siteTaxonomy),
  "data_quality.json": json(dataQuality),
};

/** Data-loader entry point: writes one registered file to stdout. */
export async function writeSiteData(name: string): Promise<void> {
  const produce = SITE_DATA[name];
  if (!produce) throw new Error(`no site data named ${name} (see src/site/site-data.ts)`);
  const out = await withWarehouse((conn, settings) => produce(conn, settings));
  process.stdout.write(out);
}

/**
 * Writes the named registered files (default: all) into dir with one publish build: what `build`
 * places under dist/_file/data/. `db` and `audience` default to HTM_WAREHOUSE and HTM_AUDIENCE.
 */
export async function exportSiteData(
  dir: string,
  names: string[] = Object.keys(SITE_DATA),
  options: { db?: string; audience?: "internal" | "public"; publishedOn?: string } = {},
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const write = async (conn: DuckDBConnection, settings: Settings) => {
    for (const name of names) writeFileSync(path.join(dir, name), await SITE_DATA[name]!(conn, settings));
  };
  if (options.db) await withPublished(options.db, options, write);
  else await withWarehouse(write);
}
