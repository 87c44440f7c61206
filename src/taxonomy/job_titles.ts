/** Raw job titles → canonical roles: the lowest-priority rule whose pattern matches wins. */
import { defineRuleTable, firstMatchingRule } from "./rule_table.ts";
import type { Role } from "./roles.ts";
import type { Located, RowOf } from "./taxonomy_table.ts";

export const jobTitleRulesTable = defineRuleTable({
  file: "job_title_rules.csv",
  table: "job_title_rules",
  target: "role",
  expected: "a role from roles.csv",
});

export type JobTitleRule = RowOf<typeof jobTitleRulesTable>;

export interface JobTitleMatch {
  readonly role: string;
  readonly role_family: Role["role_family"];
  readonly ladder_level: number;
  readonly primary_domain: string | null;
  readonly soc_code: string | null;
  /** Priority of the rule that matched, to explain a mapping. */
  readonly rule_priority: number;
}

/**
 * The role a raw job title maps to, or undefined when no rule matches (the warehouse then says
 * 'unmapped'). Same result as the SQL `regexp_matches(title, pattern, 'i')` with the lowest priority.
 */
export function matchJobTitle(
  rules: readonly Located<JobTitleRule>[],
  roles: readonly Role[],
  title: string | null | undefined,
): JobTitleMatch | undefined {
  const rule = firstMatchingRule(rules, title);
  const role = rule && roles.find((r) => r.role === rule.role);
  if (!rule || !role) return undefined;
  const { role_family, ladder_level, primary_domain, soc_code } = role;
  return {
    role: role.role,
    role_family,
    ladder_level,
    primary_domain,
    soc_code,
    rule_priority: rule.priority,
  };
}
