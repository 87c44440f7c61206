/**
 * Taxonomy (data/taxonomy) and reference data (data/reference) travel into every warehouse, so
 * the SQL maps raw values with the rules in force when it was built.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { REFERENCE_DIR, taxonomyDir } from "../src/warehouse/paths.ts";
import {
  loadMarketPay,
  loadMarketPayState,
  loadStateMarketPayIntoWarehouse,
  loadReferenceTablesIntoWarehouse,
  loadStaffingBenchmarks,
  loadTaxonomy,
  loadTaxonomyIntoWarehouse,
  loadWageIndex,
  TaxonomyError,
} from "../src/taxonomy/index.ts";
import { UnusableInputError } from "./header.ts";

/** A digest of every taxonomy and reference file: part of the load id. */
export function referenceDigest(): string {
  const h = createHash("sha256");
  for (const dir of [taxonomyDir(), REFERENCE_DIR]) {
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .sort()) {
      h.update(f);
      h.update(readFileSync(path.join(dir, f)));
    }
  }
  return h.digest("hex");
}

export async function loadReferenceData(conn: DuckDBConnection): Promise<void> {
  try {
    const taxonomy = loadTaxonomy(taxonomyDir());
    await loadTaxonomyIntoWarehouse(conn, taxonomy, loadMarketPay(REFERENCE_DIR, taxonomy));
    await loadReferenceTablesIntoWarehouse(
      conn,
      loadWageIndex(REFERENCE_DIR),
      loadStaffingBenchmarks(REFERENCE_DIR),
    );
    await loadStateMarketPayIntoWarehouse(conn, loadMarketPayState(REFERENCE_DIR));
  } catch (e) {
    if (e instanceof TaxonomyError) throw new UnusableInputError(e.message);
    throw e;
  }
}
