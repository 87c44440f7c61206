/**
 * The data-quality page's numbers, from publish.data_quality_*: loads, rows accepted/rejected by file,
 * column and reason, unmapped values, rows per year by source (counts under the cell rules in a public
 * build), and rejected-row examples (file, line, column, the value where it is no identifier, pay or
 * birth year, and the reason; never the raw line; internal builds only).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Settings } from "../config/settings.ts";
import { readPublished } from "./mart-reader.ts";

export async function dataQuality(conn: DuckDBConnection, settings: Settings) {
  const read = async (t: string) => (await readPublished(conn, t)).rows;
  const examples = await read("data_quality_examples");
  const rejections = (await read("data_quality_rejections"))
    .filter((r) => r.column_name !== "all")
    .map((r): Record<string, unknown> => ({
      ...r,
      examples: examples.filter(
        (e) => e.source_file === r.source_file && e.column_name === r.column_name && e.reason === r.reason,
      ),
    }))
    .sort((a, b) => Number(b.rows ?? -1) - Number(a.rows ?? -1));
  return {
    audience: settings.audience,
    loads: await read("data_quality_loads"),
    files: await read("data_quality_files"),
    rejections,
    unmapped: (await read("data_quality_unmapped")).sort(
      (a, b) => Number(b.rows ?? -1) - Number(a.rows ?? -1),
    ),
    coverage: await read("data_quality_coverage"),
    // one file feeding several sources counts once (internal builds only: the margin of the files table)
    totals: (await read("data_quality_totals"))[0] ?? null,
    outside_employment: await read("data_quality_outside_employment"),
  };
}
