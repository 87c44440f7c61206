/** Raw job titles → canonical roles: the lowest-priority rule whose pattern matches wins. */
import { patternMatches } from "./portable_pattern.ts";
import type { Role } from "./roles.ts";
import { cell, defineTable, type Located, type RowOf } from "./taxonomy_table.ts";

export const jobTitleRulesTable = defineTable({
  file: "job_title_rules.csv",
  schema: "taxonomy",
  table: "job_title_rules",
  key: ["priority"],
  columns: {
    priority: cell.integer(1, 1_000_000),
    pattern: cell.pattern(),
    role: cell.text("a role from roles.csv"),
  },
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
  if (title === null || title === undefined) return undefined;
  const rule = rules.find((r) => patternMatches(r.pattern, title));
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
