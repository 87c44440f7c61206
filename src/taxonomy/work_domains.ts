/**
 * Work orders → competency domain. The work type decides first; a generic work type (PM, repair,
 * inspection: its rule maps to `by_device`) or one no rule knows leaves the decision to the device
 * type; when neither decides, the domain is 'unmapped'.
 */
import { UNMAPPED } from "./domains.ts";
import { patternMatches } from "./portable_pattern.ts";
import { cell, defineTable, type Located, type RowOf } from "./taxonomy_table.ts";

/** Domain of a work-type rule meaning "the device type decides". */
export const BY_DEVICE = "by_device";

const ruleColumns = () => ({
  priority: cell.integer(1, 1_000_000),
  pattern: cell.pattern(),
  domain: cell.text("a domain from domains.csv"),
});

export const workTypeRulesTable = defineTable({
  file: "work_type_rules.csv",
  schema: "taxonomy",
  table: "work_type_rules",
  key: ["priority"],
  columns: ruleColumns(),
});

export const deviceTypeRulesTable = defineTable({
  file: "device_type_rules.csv",
  schema: "taxonomy",
  table: "device_type_rules",
  key: ["priority"],
  columns: ruleColumns(),
});

export type WorkTypeRule = RowOf<typeof workTypeRulesTable>;
export type DeviceTypeRule = RowOf<typeof deviceTypeRulesTable>;

function firstMatch(
  rules: readonly Located<{ pattern: string; domain: string }>[],
  value: string | null | undefined,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  return rules.find((r) => patternMatches(r.pattern, value))?.domain;
}

/** Domain of a work order from its work type and device type (either may be missing). */
export function matchWorkDomain(
  workTypeRules: readonly Located<WorkTypeRule>[],
  deviceTypeRules: readonly Located<DeviceTypeRule>[],
  workType: string | null | undefined,
  deviceType: string | null | undefined,
): string {
  const byWorkType = firstMatch(workTypeRules, workType);
  if (byWorkType !== undefined && byWorkType !== BY_DEVICE) return byWorkType;
  return firstMatch(deviceTypeRules, deviceType) ?? UNMAPPED;
}
