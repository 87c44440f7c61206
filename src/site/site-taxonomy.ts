/**
 * The taxonomy as the site reads it (taxonomy.json): domain and role-family codes in the order of
 * data/taxonomy/*.csv, with their labels and which domains are specialist work. Pages and components
 * take every label from here (reports/components/palette.js keeps only colours), so editing a label in
 * data/taxonomy/ and re-running ingest changes it on every page. Read from publish.taxonomy_*.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "./mart-reader.ts";

/** A code with the words the site shows for it. */
export interface TaxonomyEntry {
  code: string;
  label: string;
  /** The family or domain inside a sentence ("specialists"); the label when the taxonomy has none. */
  noun: string;
  is_specialist?: boolean;
}

/**
 * Codes the warehouse itself writes (values no rule maps, people without job history, totals): not
 * the user's taxonomy, so their words live here, after the taxonomy's own entries.
 */
const RESERVED_DOMAINS: TaxonomyEntry[] = [
  { code: "unmapped", label: "Unmapped work", noun: "unmapped work", is_specialist: false },
  { code: "specialist", label: "All specialist domains", noun: "specialist work", is_specialist: true },
  { code: "all", label: "All domains", noun: "all work", is_specialist: false },
];
const RESERVED_CERTIFICATIONS: TaxonomyEntry[] = [
  { code: "any", label: "Any certification", noun: "any certification" },
  { code: "unmapped", label: "Other (unmapped) certifications", noun: "other certifications" },
];
const RESERVED_ROLE_FAMILIES: TaxonomyEntry[] = [
  { code: "unknown", label: "No job history", noun: "staff with no job history" },
  { code: "unmapped", label: "Unmapped titles", noun: "staff with unmapped titles" },
  { code: "all", label: "All staff", noun: "all staff" },
];

export async function siteTaxonomy(conn: DuckDBConnection) {
  // rowid: the order rows were appended in, which is the CSV's order
  // publish.taxonomy_* (src/sql/publish/tables/taxonomy.sql): the taxonomy the warehouse was built with
  const rows = async (table: string, columns: string) =>
    (await query(conn, `select ${columns} from publish.${table} order by sort_order`)).rows;
  const domains = await rows("taxonomy_domains", "code, label, noun, is_specialist");
  const families = await rows("taxonomy_role_families", "code, label, noun");
  const certifications = await rows("taxonomy_certifications", "code, label, noun");
  return {
    certifications: [...certifications, ...RESERVED_CERTIFICATIONS],
    domains: [...domains, ...RESERVED_DOMAINS],
    role_families: [...families, ...RESERVED_ROLE_FAMILIES],
  };
}
