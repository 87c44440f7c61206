/**
 * data/taxonomy.json as the site would ship it from a taxonomy folder: the taxonomy loaded into an
 * in-memory DuckDB (as ingest does) and read back by the site's own producer.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { siteTaxonomy } from "../../src/site/site-taxonomy.ts";
import { loadMarketPay, loadTaxonomy, loadTaxonomyIntoWarehouse } from "../../src/taxonomy/index.ts";
import { TAXONOMY_DIR } from "../../src/warehouse/paths.ts";

export async function shippedTaxonomy(dir: string = TAXONOMY_DIR) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const taxonomy = loadTaxonomy(dir);
    await loadTaxonomyIntoWarehouse(conn, taxonomy, loadMarketPay(undefined, taxonomy));
    return await siteTaxonomy(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
