/**
 * Published staffing benchmarks a director quotes (data/reference/staffing_benchmarks.csv): FTE per
 * 100 staffed beds, devices per technical FTE, cost of service ratio, each with its source.
 */
import { REFERENCE_DIR } from "../warehouse/paths.ts";
import { cell, defineTable, readTable, type LoadedTable, type RowOf } from "./taxonomy_table.ts";

export const STAFFING_BENCHMARKS = [
  "fte_per_100_beds",
  "devices_per_technical_fte",
  "cost_of_service_ratio",
] as const;

export const staffingBenchmarksTable = defineTable({
  file: "staffing_benchmarks.csv",
  schema: "reference",
  table: "staffing_benchmarks",
  key: ["benchmark"],
  columns: {
    benchmark: cell.oneOf(STAFFING_BENCHMARKS),
    low: cell.optionalAmount(),
    typical: cell.amount(),
    high: cell.optionalAmount(),
    unit: cell.text("what the value counts"),
    source: cell.text("the publication the figure comes from"),
    source_url: cell.optionalMatching(/^https?:\/\/\S+$/, "an http(s) address"),
  },
});

export type StaffingBenchmark = RowOf<typeof staffingBenchmarksTable>;

export function loadStaffingBenchmarks(dir: string = REFERENCE_DIR): LoadedTable<StaffingBenchmark> {
  return readTable(dir, staffingBenchmarksTable);
}
