/**
 * Market pay reference figures (data/reference/market_pay.csv): annual USD by canonical role, year
 * and source, and which figure stands for the role's level (`statistic`: a title survey's median, an
 * occupation's percentile, or an average where that is all a source gives), whether it is the role's
 * market figure (`comparison` primary) or one shown beside it (secondary), with the reason.
 * Shipped with dated public figures; users replace the file with their own survey.
 */
import { REFERENCE_DIR, TAXONOMY_DIR } from "../warehouse/paths.ts";
import { rolesTable } from "./roles.ts";
import { cell, defineTable, readTable, type LoadedTable, type RowOf } from "./taxonomy_table.ts";
import { TaxonomyError, type TaxonomyIssue } from "./taxonomy_error.ts";
import type { Taxonomy } from "./taxonomy.ts";

export const marketPayTable = defineTable({
  file: "market_pay.csv",
  schema: "reference",
  table: "market_pay",
  key: ["role", "year", "source"],
  columns: {
    role: cell.text("a role from data/taxonomy/roles.csv"),
    year: cell.integer(1900, 2100),
    source: cell.text("the publisher, publication and year of the figure"),
    source_url: cell.optionalMatching(/^https?:\/\/\S+$/, "an http(s) address"),
    soc_code: cell.optionalMatching(/^\d{2}-\d{4}$/, "an SOC code such as 49-9062"),
    p10: cell.optionalAmount(),
    p25: cell.optionalAmount(),
    median: cell.optionalAmount(),
    p75: cell.optionalAmount(),
    p90: cell.optionalAmount(),
    mean: cell.optionalAmount(),
    // optional in the table (a user's own rows may leave them empty): empty statistic = median,
    // empty comparison = primary
    statistic: cell.optionalMatching(
      /^(p10|p25|median|p75|p90|mean)$/,
      "one of p10, p25, median, p75, p90, mean",
    ),
    comparison: cell.optionalMatching(/^(primary|secondary)$/, "primary or secondary"),
    status: cell.optionalMatching(
      /^(published|secondary copy)$/,
      "published, or secondary copy (seen only in a copy of the source)",
    ),
    reason: cell.optionalText(),
  },
});

export type MarketPay = RowOf<typeof marketPayTable>;

const PERCENTILES = ["p10", "p25", "median", "p75", "p90"] as const;

/**
 * Reads and checks market_pay.csv: percentiles in increasing order and, when a taxonomy is given,
 * every role one of its roles or one of the product's canonical roles (data/taxonomy/roles.csv).
 * Throws a TaxonomyError naming file, line and column.
 *
 * The shipped file prices every canonical role; a taxonomy of an earlier version, or a department's
 * own, may not use them all (the taxonomies before the integration split have no Clinical
 * Integration Specialist). Those rows are left out of the loaded table, since no one in that
 * taxonomy can hold the role; a role that is in neither list is a typo and an error.
 */
export function loadMarketPay(dir: string = REFERENCE_DIR, taxonomy?: Taxonomy): LoadedTable<MarketPay> {
  const loaded = readTable(dir, marketPayTable);
  const issues: TaxonomyIssue[] = [];
  const roles = taxonomy && new Set(taxonomy.roles.rows.map((r) => r.role));
  const canonical = roles && new Set(readTable(TAXONOMY_DIR, rolesTable).rows.map((r) => r.role));
  for (const row of loaded.rows) {
    if (roles && !roles.has(row.role) && !canonical!.has(row.role)) {
      issues.push({
        file: loaded.file,
        line: row.line,
        column: "role",
        value: row.role,
        problem: "is not a role in the taxonomy's roles.csv nor in the product's data/taxonomy/roles.csv",
      });
    }
    const statistic = (row.statistic ?? "median") as (typeof PERCENTILES)[number] | "mean";
    if (row[statistic] === null) {
      issues.push({
        file: loaded.file,
        line: row.line,
        column: statistic,
        value: "",
        problem: `is empty, but statistic names it as the role's market figure`,
      });
    }
    let previous: { name: string; value: number } | undefined;
    for (const name of PERCENTILES) {
      const value = row[name];
      if (value === null) continue;
      if (previous && value < previous.value) {
        issues.push({
          file: loaded.file,
          line: row.line,
          column: name,
          value: String(value),
          problem: `is below ${previous.name} (${previous.value}); percentiles must not decrease`,
        });
      }
      previous = { name, value };
    }
  }
  if (issues.length > 0) throw new TaxonomyError(issues);
  return roles ? { file: loaded.file, rows: loaded.rows.filter((r) => roles.has(r.role)) } : loaded;
}
