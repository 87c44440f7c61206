/**
 * The taxonomy as the site reads it (taxonomy.json): domain and role-family codes in the order of
 * data/taxonomy/*.csv, with their labels and which domains are specialist work. Pages and components
 * take every label from here (reports/components/palette.js keeps only colours), so editing a label in
 * data/taxonomy/ and re-running ingest changes it on every page.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { query, tableExists } from "./mart-reader.ts";

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
  const domains = (await tableExists(conn, "taxonomy", "domains"))
    ? (
        await query(
          conn,
          "select domain as code, label, label as noun, is_specialist from taxonomy.domains order by rowid",
        )
      ).rows
    : [];
  const families = (await tableExists(conn, "taxonomy", "role_families"))
    ? (
        await query(
          conn,
          "select role_family as code, label, noun from taxonomy.role_families order by rowid",
        )
      ).rows
    : [];
  const certifications = (await tableExists(conn, "taxonomy", "certifications"))
    ? (await query(conn, "select code, label, name as noun from taxonomy.certifications order by rowid")).rows
    : [];
  return {
    certifications: [...certifications, ...RESERVED_CERTIFICATIONS],
    domains: [...domains, ...RESERVED_DOMAINS],
    role_families: [...families, ...RESERVED_ROLE_FAMILIES],
  };
}
