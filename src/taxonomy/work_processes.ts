/**
 * Process work types (docs/architecture.md, taxonomy): risk assessment, incident investigation, recall and alert
 * response, pre-purchase evaluation, incoming inspection. They cut across the competency domains: a
 * security risk assessment is cybersecurity work and risk-assessment work at once, so a work order
 * keeps its domain and gains a process (or none) from its work type alone.
 *
 * Both files are optional so that a taxonomy folder written before they existed still loads; then
 * no work order has a process and the pages say the data cannot show it.
 */
import { patternMatches } from "./portable_pattern.ts";
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

export const processRulesTable = defineTable({
  file: "process_rules.csv",
  schema: "taxonomy",
  table: "process_rules",
  key: ["priority"],
  optional: true,
  columns: {
    priority: cell.integer(1, 1_000_000),
    pattern: cell.pattern(),
    process: cell.text("a process from processes.csv"),
  },
});

export type Process = RowOf<typeof processesTable>;
export type ProcessRule = RowOf<typeof processRulesTable>;

/** Process of a work type by the first matching rule, or undefined (most work is no process). */
export function matchProcess(
  rules: readonly Located<ProcessRule>[],
  workType: string | null | undefined,
): string | undefined {
  if (workType === null || workType === undefined) return undefined;
  return rules.find((r) => patternMatches(r.pattern, workType))?.process;
}
