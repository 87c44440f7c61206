/**
 * Every file the site's data loaders write, by output name, in one registry. A loader in
 * reports/data/ is one line (`await writeSiteData("turnover_annual.arrow")`), `observable preview`
 * runs it as usual, and `htm-workforce build` produces all of them in one process with one read-only
 * connection (one tsx start per loader costs seconds each on a busy machine).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableToIPC } from "apache-arrow";
import { dataQuality } from "./data-quality.ts";
import type { Row } from "./disclosure.ts";
import { MART_DISCLOSURE, type MartName } from "./mart-catalog.ts";
import { readMart, toArrow, withWarehouse } from "./mart-reader.ts";
import { kaplanMeierSteps, roleFamily } from "./page-slices.ts";
import { siteOrgs, siteRoles, siteStatus } from "./site-status.ts";
import { siteTaxonomy } from "./site-taxonomy.ts";

type Producer = (conn: DuckDBConnection) => Promise<Uint8Array | string>;

const json =
  (build: (conn: DuckDBConnection) => Promise<unknown>): Producer =>
  async (conn) =>
    JSON.stringify(await build(conn), (_k, v) => (typeof v === "bigint" ? Number(v) : v));

const martArrow =
  (mart: MartName, slice?: (rows: Row[]) => Row[]): Producer =>
  async (conn) => {
    const published = await readMart(conn, mart);
    return tableToIPC(toArrow(slice ? { ...published, rows: slice(published.rows) } : published), "stream");
  };

export const SITE_DATA: Record<string, Producer> = {
  ...Object.fromEntries(Object.keys(MART_DISCLOSURE).map((m) => [`${m}.arrow`, martArrow(m as MartName)])),
  // Only what the pages draw (src/site/page-slices.ts); role evolution filters role_family 'all' only.
  "certification_coverage.arrow": martArrow("certification_coverage", roleFamily("all")),
  "internal_mobility.arrow": martArrow("internal_mobility", roleFamily("all")),
  "retention_curve.arrow": martArrow("retention_curve", kaplanMeierSteps),
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
  const out = await withWarehouse(produce);
  process.stdout.write(out);
}

/** Writes the named registered files into dir (one connection for all). */
export async function exportSiteData(dir: string, names: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await withWarehouse(async (conn) => {
    for (const name of names) writeFileSync(path.join(dir, name), await SITE_DATA[name](conn));
  });
}
