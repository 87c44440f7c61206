/**
 * The data-quality page's numbers: loads, rows accepted/rejected by file, column and reason, unmapped
 * values and rows per year by source. Rejected values can be identifiers or pay, so they are shown
 * only as counts, with a few example values for columns that can hold neither.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { SOURCES, type ColumnSpec } from "../contract/index.ts";
import { query, readSiteSettings, tableExists } from "./mart-reader.ts";

/** Sources whose every value describes one person's pay: never shown as an example. */
const NO_EXAMPLE_SOURCES = new Set(["pay"]);
const NO_EXAMPLE_COLUMNS = new Set(["birth_year"]);

/** Whether example values of a rejected cell may be published (never ids, pay or birth years). */
export function mayShowExamples(file: string, column: string | null): boolean {
  if (!column) return false;
  const source = SOURCES.find((s) => s.file === file || s.name === file.replace(/\.csv$/i, ""));
  if (!source || NO_EXAMPLE_SOURCES.has(source.name) || NO_EXAMPLE_COLUMNS.has(column)) return false;
  const spec = (source.columns as Record<string, ColumnSpec>)[column];
  return spec !== undefined && spec.kind !== "id" && !column.endsWith("_id");
}

function firstDateColumn(columns: Record<string, ColumnSpec>): string | undefined {
  return Object.entries(columns).find(([, c]) => c.kind === "date" && c.required)?.[0];
}

export async function dataQuality(conn: DuckDBConnection) {
  const settings = await readSiteSettings(conn);
  const loads = (await tableExists(conn, "meta", "load_runs"))
    ? (
        await query(
          conn,
          `select load_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') as started_at,
                  round(epoch(finished_at) - epoch(started_at), 1) as duration_s, status, input_dir
           from meta.load_runs order by started_at desc limit 10`,
        )
      ).rows
    : [];
  const latest = typeof loads[0]?.load_id === "string" ? (loads[0].load_id as string) : null;
  const loadFilter = (alias = "") =>
    latest ? `where ${alias}load_id = '${latest.replace(/'/g, "''")}'` : "";

  const files = (await tableExists(conn, "meta", "source_files"))
    ? (
        await query(
          conn,
          `select source, file, present, data_rows, accepted_rows, rejected_rows,
                  out_of_scope_rows
           from meta.source_files ${loadFilter()} order by source`,
        )
      ).rows
    : [];

  let rejections: Record<string, unknown>[] = [];
  if (await tableExists(conn, "meta", "rejected_rows")) {
    const grouped = await query(
      conn,
      // grouped by the reason without the row's values ("hire_date: not a calendar date")
      `select source_file, coalesce(column_name, '(whole row)') as column_name, rule as reason, count(*) as rows,
              list(distinct value order by value)[1:4] as examples
       from meta.rejected_rows ${loadFilter()}
       group by all order by rows desc, source_file, column_name`,
    );
    rejections = grouped.rows.map((r) => {
      const file = String(r.source_file);
      const column = r.column_name === "(whole row)" ? null : String(r.column_name);
      const show = settings.audience === "internal" && mayShowExamples(file, column);
      const examples =
        show && Array.isArray(r.examples) ? r.examples.filter((v) => v != null).map(String) : [];
      return { source_file: file, column_name: r.column_name, reason: r.reason, rows: r.rows, examples };
    });
  }

  const unmapped = (await tableExists(conn, "meta", "unmapped_values"))
    ? (
        await query(
          conn,
          "select source, column_name, value, rows from meta.unmapped_values order by rows desc, source, value",
        )
      ).rows
    : [];

  const coverage: Record<string, unknown>[] = [];
  for (const source of SOURCES) {
    const dateColumn = firstDateColumn(source.columns as Record<string, ColumnSpec>);
    if (!dateColumn || !(await tableExists(conn, "raw", source.name))) continue;
    const { rows } = await query(
      conn,
      `select year("${dateColumn}")::integer as year, count(*) as rows from raw."${source.name}"
       where "${dateColumn}" is not null group by 1 order by 1`,
    );
    for (const r of rows) coverage.push({ source: source.name, date_column: dateColumn, ...r });
  }

  // job-history and pay rows dated outside every employment: counts by file, never a row
  const outsideEmployment = (await tableExists(conn, "meta", "rows_outside_employment"))
    ? (
        await query(
          conn,
          `select source_file, position, treatment, count(*) as rows
           from meta.rows_outside_employment group by all order by source_file, position`,
        )
      ).rows
    : [];

  // one file feeding several sources counts once: its rows once, each rejected line once
  let totals: Record<string, unknown> | null = null;
  if (latest && (await tableExists(conn, "meta", "rejected_rows"))) {
    totals =
      (
        await query(
          conn,
          `with per_file as (
             select file, max(data_rows) as data_rows, min(out_of_scope_rows) as out_of_scope_rows
             from meta.source_files ${loadFilter()} and present group by file
           )
           select coalesce((select sum(data_rows) from per_file), 0) as data_rows,
                  coalesce((select sum(out_of_scope_rows) from per_file), 0) as out_of_scope_rows,
                  (select count(*) from (select distinct source_file, line from meta.rejected_rows ${loadFilter()})) as rejected_rows`,
        )
      ).rows[0] ?? null;
  }

  return {
    audience: settings.audience,
    loads,
    files,
    totals,
    rejections,
    unmapped,
    coverage,
    outside_employment: outsideEmployment,
  };
}
