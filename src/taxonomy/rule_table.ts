/**
 * A rules file: rows of (priority, pattern, what a match means). Every rules file of the taxonomy
 * (job titles, work types, device types, certifications, processes, systems) has this shape and the
 * same reading: the lowest priority whose portable pattern matches the raw value wins, in JS here
 * exactly as in the warehouse's `regexp_matches(value, pattern, 'i')` ordered by priority.
 */
import { patternMatches } from "./portable_pattern.ts";
import { cell, defineTable, type Column, type TableSpec } from "./taxonomy_table.ts";

/** The columns of a rules file whose outcome column is `Target`. */
export type RuleColumns<Target extends string> = {
  priority: Column<number>;
  pattern: Column<string>;
} & { [K in Target]: Column<string> };

export function defineRuleTable<Target extends string>(spec: {
  file: string;
  table: string;
  /** The column naming what a match means (role, domain, code, process, system). */
  target: Target;
  /** What the target column holds, for error messages ("a role from roles.csv"). */
  expected: string;
  optional?: boolean;
}): TableSpec<RuleColumns<Target>> {
  const columns = {
    priority: cell.integer(1, 1_000_000),
    pattern: cell.pattern(),
    [spec.target]: cell.text(spec.expected),
  } as RuleColumns<Target>;
  return defineTable({
    file: spec.file,
    schema: "taxonomy",
    table: spec.table,
    key: ["priority"],
    ...(spec.optional ? { optional: true } : {}),
    columns,
  });
}

/** The first rule (rules are read in priority order) whose pattern matches `value`, or undefined. */
export function firstMatchingRule<Rule extends { readonly pattern: string }>(
  rules: readonly Rule[],
  value: string | null | undefined,
): Rule | undefined {
  if (value === null || value === undefined) return undefined;
  return rules.find((r) => patternMatches(r.pattern, value));
}
