/**
 * Process work types (docs/architecture.md, taxonomy): risk assessment, incident investigation, recall and alert
 * response, pre-purchase evaluation, incoming inspection. They cut across the competency domains: a
 * security risk assessment is cybersecurity work and risk-assessment work at once, so a work order
 * keeps its domain and gains a process (or none) from its work type alone.
 *
 * Both files are optional so that a taxonomy folder written before they existed still loads; then
 * no work order has a process and the pages say the data cannot show it.
 */
import { defineRuleTable, firstMatchingRule } from "./rule_table.ts";
import { cell, defineTable, type Located, type RowOf } from "./taxonomy_table.ts";

export const processesTable = defineTable({
  file: "processes.csv",
  schema: "taxonomy",
  table: "processes",
  key: ["process"],
  optional: true,
  columns: {
    process: cell.matching(/^[a-z][a-z0-9_]*$/, "a lowercase identifier such as risk_assessment"),
    label: cell.text("a short label for charts"),
    /** What the days from opened to completed measure for this process, in the site's words. */
    clock: cell.text("what the days from opened to completed mean, e.g. response days"),
    description: cell.optionalText(),
  },
});

export const processRulesTable = defineRuleTable({
  file: "process_rules.csv",
  table: "process_rules",
  target: "process",
  expected: "a process from processes.csv",
  optional: true,
});

export type Process = RowOf<typeof processesTable>;
export type ProcessRule = RowOf<typeof processRulesTable>;

/** Process of a work type by the first matching rule, or undefined (most work is no process). */
export function matchProcess(
  rules: readonly Located<ProcessRule>[],
  workType: string | null | undefined,
): string | undefined {
  return firstMatchingRule(rules, workType)?.process;
}
