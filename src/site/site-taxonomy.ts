/**
 * The taxonomy as both sites read it (taxonomy.json): domain and role-family codes in the order of
 * data/taxonomy/*.csv, with their labels and which domains are specialist work. Pages and components
 * take every label from here (reports/components/palette.js keeps only colours), so editing a label in
 * data/taxonomy/ and re-running ingest changes it on every page. The hospital's site reads it from
 * publish.taxonomy_* (the taxonomy its warehouse was built with); the society's site, whose pooled
 * warehouse holds only codes, from the taxonomy files of its own installation (societyTaxonomy), so
 * "Generalists (BMET I–III)" reads the same on both.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { LEGACY_DOMAINS, loadTaxonomy } from "../taxonomy/index.ts";
import { taxonomyDir } from "../warehouse/paths.ts";
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

export interface SiteTaxonomy {
  certifications: TaxonomyEntry[];
  domains: TaxonomyEntry[];
  role_families: TaxonomyEntry[];
}

/**
 * A merged domain of an earlier default taxonomy (networking_integration) that the taxonomy in force no
 * longer defines, in the words of the domains it became ("Networking & integration"): a society pools
 * contributions built with either taxonomy, and a hospital may still hold old work orders.
 */
function legacyDomains(domains: TaxonomyEntry[]): TaxonomyEntry[] {
  const byCode = new Map(domains.map((d) => [d.code, d]));
  return Object.entries(LEGACY_DOMAINS)
    .filter(([code, parts]) => !byCode.has(code) && parts.every((p) => byCode.has(p)))
    .map(([code, parts]) => {
      const label = parts
        .map((p, i) => (i === 0 ? byCode.get(p)!.label : byCode.get(p)!.label.toLowerCase()))
        .join(" & ");
      return { code, label, noun: label, is_specialist: parts.some((p) => byCode.get(p)!.is_specialist) };
    });
}

/** The taxonomy's own entries with the warehouse's reserved codes after them. */
function withReserved(
  domains: TaxonomyEntry[],
  families: TaxonomyEntry[],
  certifications: TaxonomyEntry[],
): SiteTaxonomy {
  return {
    certifications: [...certifications, ...RESERVED_CERTIFICATIONS],
    domains: [...domains, ...legacyDomains(domains), ...RESERVED_DOMAINS],
    role_families: [...families, ...RESERVED_ROLE_FAMILIES],
  };
}

/**
 * The society's taxonomy.json: the taxonomy files of this installation (data/taxonomy/, or
 * HTM_TAXONOMY_DIR as for ingest),
 * read with the hospital's column mapping (src/sql/publish/tables/taxonomy.sql: a domain's noun is its
 * label, a certification's its name).
 */
export function societyTaxonomy(dir: string = taxonomyDir()): SiteTaxonomy {
  const taxonomy = loadTaxonomy(dir);
  return withReserved(
    taxonomy.domains.rows.map((d) => ({
      code: d.domain,
      label: d.label,
      noun: d.label,
      is_specialist: d.is_specialist,
    })),
    taxonomy.roleFamilies.rows.map((f) => ({ code: f.role_family, label: f.label, noun: f.noun })),
    taxonomy.certifications.rows.map((c) => ({ code: c.code, label: c.label, noun: c.name })),
  );
}

export async function siteTaxonomy(conn: DuckDBConnection): Promise<SiteTaxonomy> {
  // rowid: the order rows were appended in, which is the CSV's order
  // publish.taxonomy_* (src/sql/publish/tables/taxonomy.sql): the taxonomy the warehouse was built with
  const rows = async (table: string, columns: string) =>
    (await query(conn, `select ${columns} from publish.${table} order by sort_order`))
      .rows as unknown as TaxonomyEntry[];
  const domains = await rows("taxonomy_domains", "code, label, noun, is_specialist");
  const families = await rows("taxonomy_role_families", "code, label, noun");
  const certifications = await rows("taxonomy_certifications", "code, label, noun");
  return withReserved(domains, families, certifications);
}
