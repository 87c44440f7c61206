/** Competency domains of work (docs/architecture.md, taxonomy): what kind of skill a work order or a role calls for. */
import { cell, defineTable, type RowOf } from "./taxonomy_table.ts";

/** What a value that matches no rule maps to, for roles, role families and domains alike. */
export const UNMAPPED = "unmapped";

export const domainsTable = defineTable({
  file: "domains.csv",
  schema: "taxonomy",
  table: "domains",
  key: ["domain"],
  columns: {
    domain: cell.matching(/^[a-z][a-z0-9_]*$/, "a lowercase identifier such as general_biomed"),
    label: cell.text("a short label for charts"),
    /** Work that needs a specialist role (imaging, networking…): the domains the specialist gap sums. */
    is_specialist: cell.boolean(),
    description: cell.optionalText(),
  },
});

export type Domain = RowOf<typeof domainsTable>;

/**
 * Domains of earlier default taxonomies and what they became. A user taxonomy may still define
 * them (they load like any domain); code that names a default domain (the what-if scenario ids, the
 * IT-work series) also accepts the old name.
 */
export const LEGACY_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  networking_integration: ["networking", "integration"],
};

/** The IT-side domains whose growth the site follows, under both the current and the legacy names. */
export const IT_DOMAINS: readonly string[] = [
  "networking",
  "integration",
  "cybersecurity",
  "networking_integration",
];
