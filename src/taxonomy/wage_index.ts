/**
 * Wage index (data/reference/wage_index.csv): one value per year of a wage series such as the BLS
 * Employment Cost Index, wages and salaries. A market figure from survey year s is aged to pay year y
 * by index(y) / index(s); without both years the figure is shown unaged, with its survey year.
 * Shipped with the BLS ECI (wages and salaries, private industry, December); each row says whether its
 * value is published or derived from published 12-month changes.
 */
import { REFERENCE_DIR } from "../warehouse/paths.ts";
import { cell, defineTable, readTable, type LoadedTable, type RowOf } from "./taxonomy_table.ts";
import { TaxonomyError, type TaxonomyIssue } from "./taxonomy_error.ts";

export const wageIndexTable = defineTable({
  file: "wage_index.csv",
  schema: "reference",
  table: "wage_index",
  key: ["year"],
  columns: {
    year: cell.integer(1900, 2100),
    index: cell.amount(),
    series: cell.text(
      "the series, e.g. ECI wages and salaries, private industry, December, not seasonally adjusted",
    ),
    // short name in the page's wording: "2019 median, aged +27% with ECI to 2025"
    short_name: cell.optionalText(),
    // optional in the table so a test or user may insert bare rows; the shipped file fills it
    status: cell.optionalMatching(
      /^(published|derived)$/,
      "published, or derived (computed from published changes)",
    ),
    source: cell.text("the publisher and table the value was read from"),
    source_url: cell.optionalMatching(/^https?:\/\/\S+$/, "an http(s) address"),
    note: cell.optionalText(),
  },
});

export type WageIndex = RowOf<typeof wageIndexTable>;

/**
 * Reads and checks wage_index.csv: every row says whether its value is published or derived, and
 * names the page it comes from, so an aged market figure can always be traced.
 */
export function loadWageIndex(dir: string = REFERENCE_DIR): LoadedTable<WageIndex> {
  const loaded = readTable(dir, wageIndexTable);
  const issues: TaxonomyIssue[] = [];
  for (const row of loaded.rows) {
    for (const column of ["status", "source_url"] as const) {
      if (row[column] === null) {
        issues.push({
          file: loaded.file,
          line: row.line,
          column,
          value: "",
          problem:
            column === "status"
              ? "is empty; expected published, or derived (computed from published changes)"
              : "is empty; expected the http(s) address of the page the value was read from",
        });
      }
    }
  }
  if (issues.length > 0) throw new TaxonomyError(issues);
  return loaded;
}
