/**
 * data/taxonomy.json as the site would ship it from a taxonomy folder: the taxonomy loaded into a
 * DuckDB file (as ingest does), published by src/sql/publish/tables/taxonomy.sql (as the site build
 * does) and read back by the site's own producer.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { siteTaxonomy } from "../../src/site/site-taxonomy.ts";
import { loadMarketPay, loadTaxonomy, loadTaxonomyIntoWarehouse } from "../../src/taxonomy/index.ts";
import { TAXONOMY_DIR } from "../../src/warehouse/paths.ts";

const PUBLISH_TAXONOMY_SQL = path.join(import.meta.dirname, "../../src/sql/publish/tables/taxonomy.sql");

export async function shippedTaxonomy(dir: string = TAXONOMY_DIR) {
  const work = mkdtempSync(path.join(os.tmpdir(), "htm-taxonomy-"));
  const file = path.join(work, "warehouse.duckdb");
  try {
    const warehouse = await DuckDBInstance.create(file);
    const load = await warehouse.connect();
    const taxonomy = loadTaxonomy(dir);
    await loadTaxonomyIntoWarehouse(load, taxonomy, loadMarketPay(undefined, taxonomy));
    load.closeSync();
    warehouse.closeSync();

    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      await conn.run(`attach ${str(file)} as warehouse (read_only)`);
      await conn.run("create schema publish");
      await conn.run(readFileSync(PUBLISH_TAXONOMY_SQL, "utf8"));
      return await siteTaxonomy(conn);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
