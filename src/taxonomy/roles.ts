/** Canonical HTM roles (docs/architecture.md, taxonomy): the career ladder that raw job titles are mapped onto. */
import { cell, defineTable, type RowOf } from "./taxonomy_table.ts";

export const ROLE_FAMILIES = ["generalist", "specialist", "engineering", "leadership"] as const;
export type RoleFamily = (typeof ROLE_FAMILIES)[number];

export const rolesTable = defineTable({
  file: "roles.csv",
  schema: "taxonomy",
  table: "roles",
  key: ["role"],
  columns: {
    role: cell.text("a role name"),
    role_family: cell.oneOf(ROLE_FAMILIES),
    ladder_level: cell.integer(1, 20),
    /** Null for leadership roles, whose work spans domains. */
    primary_domain: cell.optionalText(),
    soc_code: cell.optionalMatching(/^\d{2}-\d{4}$/, "an SOC code such as 49-9062"),
    description: cell.optionalText(),
  },
});

export type Role = RowOf<typeof rolesTable>;
