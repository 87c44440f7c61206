/**
 * The pooling SQL (src/sql/survey/pool/) must run unchanged on Spark SQL and Trino over the
 * contributions' Parquet files (docs/survey.md). No engine but DuckDB is installed here, so two
 * checks stand in: a lint for the DuckDB-only (or Spark/Trino-incompatible) constructs we know
 * of, and every file run and EXPLAINed in DuckDB on empty input tables. The formulas the pooling SQL
 * shares with the hospital's marts (src/sql/macros/) are DuckDB macros here; their bodies are linted
 * too, so another engine can define them as SQL functions (docs/survey.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../src/config/settings.ts";
import {
  POOL_SQL_DIR,
  POOL_STEPS,
  PUBLISH_SQL_DIR,
  PUBLISH_STEPS,
  createInputTables,
} from "../src/survey/pool.ts";
import { createSharedMacros, MACRO_DIR } from "../src/warehouse/transform.ts";

/** Construct → why it is out of the portable subset. */
const NOT_PORTABLE: [RegExp, string][] = [
  [/::/, "'::' casts are DuckDB/Postgres only; use cast(x as t)"],
  [/\bgroup\s+by\s+all\b/i, "group by all is DuckDB only"],
  [/\border\s+by\s+all\b/i, "order by all is DuckDB only"],
  [/\bqualify\b/i, "qualify is not in Trino"],
  [/\*\s*(exclude|replace)\s*\(/i, "select * exclude/replace is DuckDB only"],
  [/\bfilter\s*\(\s*where\b/i, "aggregate filter clauses are missing from older Spark; use sum(case ...)"],
  [/\bunion\s+(all\s+)?by\s+name\b/i, "union by name is DuckDB only"],
  [/\b(asof|positional)\s+(left\s+)?join\b/i, "asof/positional joins are DuckDB only"],
  [
    /\b(list|list_\w+|struct_pack|struct_extract|array_agg|string_agg|unnest|map|map_from_entries)\s*\(/i,
    "list, struct and map functions differ on every engine",
  ],
  [/\[[^\]]*\]/, "list literals and [] indexing are not portable"],
  [/\{[^}]*\}/, "struct literals are DuckDB only"],
  [
    /\b(any_value|arg_max|arg_min|max_by|min_by|bool_or|bool_and|quantile_cont|quantile_disc|quantile|median|mode|percentile_cont|approx_quantile)\s*\(/i,
    "aggregate not in all of DuckDB, Spark and Trino",
  ],
  [
    /\b(date_diff|datediff|date_trunc|date_part|make_date|last_day|generate_series|range|strftime|strptime|epoch|age)\s*\(/i,
    "date functions differ between engines: dates arrive precomputed in the contribution",
  ],
  [/\binterval\b/i, "interval literals differ between engines"],
  [
    /\bcreate\s+or\s+replace\b/i,
    "create or replace needs a Delta/Iceberg catalog; use drop table if exists + create table as",
  ],
  [/\b(temp|temporary)\s+table\b/i, "temporary tables differ between engines"],
  [/\bilike\b|\bregexp_matches\b|\bsimilar\s+to\b/i, "pattern operators differ between engines"],
  [/"/, "double quotes are string literals in Spark; identifiers stay unquoted"],
  [/\bas\s+varchar\s*\)/i, "Spark needs a length: cast(x as varchar(n))"],
  [
    /\b(hugeint|ubigint|utinyint|usmallint|uinteger|list|struct|json|blob|timestamptz)\b/i,
    "DuckDB-only type",
  ],
  [/->>?/, "json/lambda arrows are not portable"],
  [/\$\w+|\?/, "parameters: the pooling SQL binds nothing (settings come from survey.settings)"],
  [/\bwindow\s+\w+\s+as\b/i, "named windows are missing from older Trino; write the over (...) in full"],
];

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/'(?:[^']|'')*'/g, "''");
}

const STEPS = [
  ...POOL_STEPS.map((s) => path.join(POOL_SQL_DIR, `${s}.sql`)),
  ...PUBLISH_STEPS.map((s) => path.join(PUBLISH_SQL_DIR, `${s}.sql`)),
];

describe("pooling and publishing SQL stays portable", () => {
  const files = [POOL_SQL_DIR, PUBLISH_SQL_DIR].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => path.join(d, f)),
  );

  it("every SQL file is a step, and every step a file", () => {
    expect([...files].sort()).toEqual([...STEPS].sort());
  });

  it.each(files)("%s uses no DuckDB-only construct", (file) => {
    const sql = withoutComments(readFileSync(file, "utf8"));
    const found = NOT_PORTABLE.filter(([re]) => re.test(sql)).map(([re, why]) => `${re}: ${why}`);
    expect(found).toEqual([]);
  });

  const macros = readdirSync(MACRO_DIR)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => path.join(MACRO_DIR, f));

  it.each(macros)("the shared formulas of %s have portable bodies", (file) => {
    const bodies = withoutComments(readFileSync(file, "utf8")).replace(
      /create or replace macro \w+\([^)]*\) as/gi,
      "",
    );
    const found = NOT_PORTABLE.filter(([re]) => re.test(bodies)).map(([re, why]) => `${re}: ${why}`);
    expect(found).toEqual([]);
  });

  it.each(files)(
    "%s starts with a grain comment and creates the table (or view) it is named after",
    (file) => {
      const sql = readFileSync(file, "utf8");
      expect(sql.split("\n")[0]).toMatch(/^-- one row per /);
      const table = path.basename(file, ".sql");
      expect(sql).toMatch(new RegExp(`drop (table|view) if exists (survey|marts|publish)\\.${table};`));
      expect(sql).toMatch(new RegExp(`create (table|view) (survey|marts|publish)\\.${table} as`));
    },
  );

  it("the lint catches what it names (it is not a test that cannot fail)", () => {
    const bad =
      "select a::integer, * exclude (b) from t group by all qualify row_number() over (order by a) = 1";
    const hits = NOT_PORTABLE.filter(([re]) => re.test(withoutComments(bad)));
    expect(hits.length).toBeGreaterThanOrEqual(4);
  });

  it("every step runs and EXPLAINs in DuckDB on empty inputs, in order", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      await createInputTables(conn, DEFAULT_SETTINGS);
      await createSharedMacros(conn);
      for (const step of STEPS) {
        const sql = readFileSync(step, "utf8");
        const create = sql.slice(sql.search(/\bcreate (table|view)\b/));
        const select = create.replace(/^create (table|view) \S+ as\s*/, "").replace(/;\s*$/, "");
        await conn.run(sql);
        const plan = (await conn.runAndReadAll(`explain ${select}`)).getRowObjectsJson();
        expect(plan.length, step).toBeGreaterThan(0);
      }
      const tables = (
        await conn.runAndReadAll(
          "select table_schema || '.' || table_name as t from information_schema.tables where table_schema in ('survey', 'marts', 'publish') order by 1",
        )
      ).getRowObjectsJson();
      expect(tables.map((t) => String(t.t).split(".")[1])).toEqual(expect.arrayContaining([...POOL_STEPS]));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
