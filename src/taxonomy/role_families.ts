/**
 * Role families (docs/architecture.md, taxonomy): the codes are fixed (the SQL groups by them), their labels and order are
 * the user's, in data/taxonomy/role_families.csv.
 */
import { ROLE_FAMILIES } from "./roles.ts";
import { cell, defineTable, type RowOf } from "./taxonomy_table.ts";

export const roleFamiliesTable = defineTable({
  file: "role_families.csv",
  schema: "taxonomy",
  table: "role_families",
  key: ["role_family"],
  columns: {
    role_family: cell.oneOf(ROLE_FAMILIES),
    label: cell.text("a label for charts and filters"),
    noun: cell.text("the family as a plural noun inside a sentence (specialists)"),
    description: cell.optionalText(),
  },
});

export type RoleFamilyRow = RowOf<typeof roleFamiliesTable>;
