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
