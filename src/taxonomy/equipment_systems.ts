/**
 * Equipment systems (docs/architecture.md, taxonomy: facilities support "broken down by system"): sterilizers,
 * generators, nurse call, beds, RTLS, UPS, and dental equipment, named from the device type (or,
 * for work logged without a device, the work type). A work order keeps its domain; the system is a
 * finer label for the systems whose trend the site states one by one.
 *
 * Optional so that a taxonomy folder written before it existed still loads (no system breakdown).
 */
import { patternMatches } from "./portable_pattern.ts";
import { cell, defineTable, type Located, type RowOf } from "./taxonomy_table.ts";

export const systemRulesTable = defineTable({
  file: "system_rules.csv",
  schema: "taxonomy",
  table: "system_rules",
  key: ["priority"],
  optional: true,
  columns: {
    priority: cell.integer(1, 1_000_000),
    pattern: cell.pattern(),
    /** The system's name as the site writes it ("Sterilizers", "Nurse call"). */
    system: cell.text("a system name such as Sterilizers"),
  },
});

export type SystemRule = RowOf<typeof systemRulesTable>;

/** System of a work order: the device type decides, else the work type; undefined when neither matches. */
export function matchSystem(
  rules: readonly Located<SystemRule>[],
  deviceType: string | null | undefined,
  workType: string | null | undefined,
): string | undefined {
  for (const value of [deviceType, workType]) {
    if (value === null || value === undefined) continue;
    const hit = rules.find((r) => patternMatches(r.pattern, value));
    if (hit) return hit.system;
  }
  return undefined;
}
