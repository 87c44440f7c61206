/**
 * Work orders → competency domain. The work type decides first; a generic work type (PM, repair,
 * inspection: its rule maps to `by_device`) or one no rule knows leaves the decision to the device
 * type; when neither decides, the domain is 'unmapped'.
 */
import { UNMAPPED } from "./domains.ts";
import { defineRuleTable, firstMatchingRule } from "./rule_table.ts";
import type { Located, RowOf } from "./taxonomy_table.ts";

/** Domain of a work-type rule meaning "the device type decides". */
export const BY_DEVICE = "by_device";

export const workTypeRulesTable = defineRuleTable({
  file: "work_type_rules.csv",
  table: "work_type_rules",
  target: "domain",
  expected: "a domain from domains.csv",
});

export const deviceTypeRulesTable = defineRuleTable({
  file: "device_type_rules.csv",
  table: "device_type_rules",
  target: "domain",
  expected: "a domain from domains.csv",
});

export type WorkTypeRule = RowOf<typeof workTypeRulesTable>;
export type DeviceTypeRule = RowOf<typeof deviceTypeRulesTable>;

/** Domain of a work order from its work type and device type (either may be missing). */
export function matchWorkDomain(
  workTypeRules: readonly Located<WorkTypeRule>[],
  deviceTypeRules: readonly Located<DeviceTypeRule>[],
  workType: string | null | undefined,
  deviceType: string | null | undefined,
): string {
  const byWorkType = firstMatchingRule(workTypeRules, workType)?.domain;
  if (byWorkType !== undefined && byWorkType !== BY_DEVICE) return byWorkType;
  return firstMatchingRule(deviceTypeRules, deviceType)?.domain ?? UNMAPPED;
}
