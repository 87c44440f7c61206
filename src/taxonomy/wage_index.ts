/**
 * Wage index (data/reference/wage_index.csv): one value per year of a wage series such as the BLS
 * Employment Cost Index, wages and salaries. A market figure from survey year s is aged to pay year y
 * by index(y) / index(s); without both years the figure is shown unaged, with its survey year.
 * Shipped empty: the project has no sourced index values; users add the series they trust.
 */
import { REFERENCE_DIR } from "../warehouse/paths.ts";
import { cell, defineTable, readTable, type LoadedTable, type RowOf } from "./taxonomy_table.ts";

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
    source: cell.text("the publisher and table the value was read from"),
    source_url: cell.optionalMatching(/^https?:\/\/\S+$/, "an http(s) address"),
  },
});

export type WageIndex = RowOf<typeof wageIndexTable>;

export function loadWageIndex(dir: string = REFERENCE_DIR): LoadedTable<WageIndex> {
  return readTable(dir, wageIndexTable);
}
