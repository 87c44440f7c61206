/**
 * State market pay (data/reference/market_pay_state.csv): BLS OEWS state estimates for the SOC
 * occupations that market_pay.csv maps roles to. An organisation with a `state` is compared with its
 * state's figure for the same occupation, year and statistic where this file has one, else with the
 * national figure, and the page says which. Shipped with the header only: the project has no sourced
 * state figures.
 */
import { REFERENCE_DIR } from "../warehouse/paths.ts";
import { cell, defineTable, readTable, type LoadedTable, type RowOf } from "./taxonomy_table.ts";
import { TaxonomyError, type TaxonomyIssue } from "./taxonomy_error.ts";

export const marketPayStateTable = defineTable({
  file: "market_pay_state.csv",
  schema: "reference",
  table: "market_pay_state",
  key: ["state", "soc_code", "year"],
  columns: {
    state: cell.matching(/^[A-Z]{2}$/, "a two-letter US state or territory code such as OH"),
    soc_code: cell.matching(/^\d{2}-\d{4}$/, "an SOC code such as 49-9062"),
    year: cell.integer(1900, 2100),
    p10: cell.optionalAmount(),
    p25: cell.optionalAmount(),
    median: cell.optionalAmount(),
    p75: cell.optionalAmount(),
    p90: cell.optionalAmount(),
    source: cell.text("the publisher, release and table, e.g. BLS OEWS May 2024 state estimates"),
    source_url: cell.matching(
      /^https?:\/\/\S+$/,
      "the http(s) address of the page the figures were read from",
    ),
    status: cell.oneOf(["published", "secondary copy"] as const),
  },
});

export type MarketPayState = RowOf<typeof marketPayStateTable>;

/** Reads and checks market_pay_state.csv: at least one figure per row. */
export function loadMarketPayState(dir: string = REFERENCE_DIR): LoadedTable<MarketPayState> {
  const loaded = readTable(dir, marketPayStateTable);
  const issues: TaxonomyIssue[] = loaded.rows
    .filter((r) => [r.p10, r.p25, r.median, r.p75, r.p90].every((v) => v === null))
    .map((r) => ({
      file: loaded.file,
      line: r.line,
      column: "median",
      value: "",
      problem: "is empty, as are p10, p25, p75 and p90; a row needs at least one figure",
    }));
  if (issues.length > 0) throw new TaxonomyError(issues);
  return loaded;
}
