/**
 * Equipment systems (docs/architecture.md, taxonomy: facilities support "broken down by system"): sterilizers,
 * generators, nurse call, beds, RTLS, UPS, and dental equipment, named from the device type (or,
 * for work logged without a device, the work type). A work order keeps its domain; the system is a
 * finer label for the systems whose trend the site states one by one.
 *
 * Optional so that a taxonomy folder written before it existed still loads (no system breakdown).
 */
import { defineRuleTable, firstMatchingRule } from "./rule_table.ts";
import type { Located, RowOf } from "./taxonomy_table.ts";

/** `system` is the system's name as the site writes it ("Sterilizers", "Nurse call"). */
export const systemRulesTable = defineRuleTable({
  file: "system_rules.csv",
  table: "system_rules",
  target: "system",
  expected: "a system name such as Sterilizers",
  optional: true,
});

export type SystemRule = RowOf<typeof systemRulesTable>;

/** System of a work order: the device type decides, else the work type; undefined when neither matches. */
export function matchSystem(
  rules: readonly Located<SystemRule>[],
  deviceType: string | null | undefined,
  workType: string | null | undefined,
): string | undefined {
  return (firstMatchingRule(rules, deviceType) ?? firstMatchingRule(rules, workType))?.system;
}
