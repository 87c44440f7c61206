/**
 * The publish layer (docs/architecture.md, warehouse schemas; docs/architecture.md, privacy): everything that leaves the warehouse for a reader — the site's
 * data files, their CSV downloads, `export --audience …` — is read from `publish.*`, built here in
 * SQL for one audience. The audience is a build option and the warehouse is opened read-only, so the
 * layer lives in a scratch in-memory DuckDB that ATTACHes the warehouse read-only: the marts (and the
 * data-quality inputs of src/sql/publish/inputs/) pass through the rules of src/publish/disclosure.ts,
 * then the SQL files of src/sql/publish/ that build on them (benchmarks, pay roll-ups, organisations,
 * rejected-row examples) run. Nothing else is reachable from the connection a loader gets.
 */
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  DuckDBInstance,
  quotedIdentifier as id,
  quotedString as str,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { DEFAULT_SETTINGS, type Settings } from "../config/settings.ts";
import { SOURCES, type ColumnSpec } from "../contract/index.ts";
import { PROJECT_ROOT } from "../warehouse/paths.ts";
import { querySqlFile, runSqlFile, sqlFilesIn, type SqlParams } from "../warehouse/sql-runner.ts";
import {
  cellCountsSql,
  cellsSql,
  layers,
  linesSql,
  linksSql,
  PUBLIC_COUNT_STEP,
  publishSql,
} from "./disclosure.ts";
import {
  FORBIDDEN_COLUMNS,
  MART_DISCLOSURE,
  PUBLISH_INPUT_DISCLOSURE,
  declaredColumns,
  type MartDisclosure,
} from "./mart-catalog.ts";

export const PUBLISH_SQL_DIR = path.join(PROJECT_ROOT, "src/sql/publish");

export interface PublishOptions {
  /** Overrides the audience stored in meta.settings (`build --audience`, `export --audience`). */
  audience?: "internal" | "public";
  /** The publication date for the data-age rule of multi-organisation statistics (default today). */
  publishedOn?: string;
  /** Called with a warning (a mart column the catalog does not declare, a missing mart). */
  warn?: (message: string) => void;
  /**
   * The engine alone: publish exactly these marts under these declarations (instead of the sidecars),
   * without the data-quality inputs and the tables built on publish.* (tests of the rules on small
   * hand-made marts).
   */
  declarations?: Record<string, MartDisclosure>;
}

/** Runs one file of src/sql/publish/ (src/warehouse/sql-runner.ts). */
const runFile = (conn: DuckDBConnection, name: string, params?: SqlParams) =>
  runSqlFile(conn, path.join(PUBLISH_SQL_DIR, name), params);

async function tableColumns(conn: DuckDBConnection, catalog: string, schema: string, table: string) {
  const reader = await conn.runAndReadAll(
    `select column_name from information_schema.columns
     where table_catalog = $catalog and table_schema = $schema and table_name = $table order by ordinal_position`,
    { catalog, schema, table },
  );
  return reader.getRowObjectsJS().map((r) => String(r.column_name));
}

/** The columns of a work table with their types, in order. */
async function columnTypes(conn: DuckDBConnection, table: string): Promise<Record<string, string>> {
  const reader = await conn.runAndReadAll(
    `select column_name, data_type from information_schema.columns
     where table_catalog = 'memory' and table_schema = 'work' and table_name = $table order by ordinal_position`,
    { table },
  );
  return Object.fromEntries(
    reader.getRowObjectsJS().map((r) => [String(r.column_name), String(r.data_type)]),
  );
}

/** Settings the warehouse was built with (meta.settings) over the defaults; `audience` overrides. */
export async function warehouseSettings(conn: DuckDBConnection, audience?: string): Promise<Settings> {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  if ((await tableColumns(conn, "warehouse", "meta", "settings")).length) {
    const row = (
      await conn.runAndReadAll("select * from warehouse.meta.settings limit 1")
    ).getRowObjectsJS()[0];
    if (row) {
      const known = Object.fromEntries(
        Object.entries(row)
          .filter(([k, v]) => k in DEFAULT_SETTINGS || (k === "as_of" && v != null))
          .filter(([, v]) => v != null)
          .map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]),
      );
      settings = { ...settings, ...known } as Settings;
      if ((settings.as_of as unknown) instanceof Date) {
        settings.as_of = (settings.as_of as unknown as Date).toISOString().slice(0, 10);
      }
    }
  }
  const override = audience ?? process.env.HTM_AUDIENCE;
  if (override === "internal" || override === "public") settings.audience = override;
  return settings;
}

async function changes(conn: DuckDBConnection, name: string): Promise<number> {
  const reader = await querySqlFile(conn, path.join(PUBLISH_SQL_DIR, name));
  const row = reader.getRows()[0];
  return row ? Number(row[0]) : 0;
}

/** Which rejected-value columns may show their value as an example (never ids, pay or birth years). */
function exampleColumns(): { file: string; column: string; shown: boolean }[] {
  const out: { file: string; column: string; shown: boolean }[] = [];
  for (const source of SOURCES) {
    for (const [column, spec] of Object.entries(source.columns as Record<string, ColumnSpec>)) {
      const shown =
        source.name !== "pay" && column !== "birth_year" && spec.kind !== "id" && !column.endsWith("_id");
      out.push({ file: source.file, column, shown });
    }
  }
  return out;
}

/**
 * work.data_quality_coverage_input: rows per year of each loaded source's first required date column.
 * Composed from the contract (source and column names only, quoted): which raw tables exist varies.
 */
async function coverageSql(conn: DuckDBConnection): Promise<string> {
  const parts: string[] = [];
  for (const source of SOURCES) {
    const column = Object.entries(source.columns as Record<string, ColumnSpec>).find(
      ([, c]) => c.kind === "date" && c.required,
    )?.[0];
    if (!column || !(await tableColumns(conn, "warehouse", "raw", source.name)).includes(column)) continue;
    parts.push(`select '${source.name}' as source, '${column}' as date_column,
        cast(year(${id(column)}) as integer) as year, cast(count(*) as integer) as rows
      from warehouse.raw.${id(source.name)} where ${id(column)} is not null group by all`);
  }
  const body = parts.length
    ? parts.join("\nunion all\n")
    : "select cast(null as varchar) as source, cast(null as varchar) as date_column, cast(null as integer) as year, cast(null as integer) as rows limit 0";
  return `create or replace table work.data_quality_coverage_input as ${body}`;
}

async function publishEntry(
  conn: DuckDBConnection,
  name: string,
  source: string,
  rule: MartDisclosure,
  audience: string,
  warn: (m: string) => void,
): Promise<void> {
  const [catalog, schema, table] = source.split(".") as [string, string, string];
  const present = await tableColumns(conn, catalog, schema, table);
  const declared = declaredColumns(rule);
  if (!present.length) {
    warn(`${schema}.${table} does not exist in the warehouse; publishing an empty table`);
  }
  // A column without a class has no rule: it is refused (left out), never published as it is.
  for (const c of present.filter((c) => !declared.has(c))) {
    warn(`${schema}.${table}.${c} has no class in its declaration (${name}.json): not published`);
  }
  const columns = [...declared.keys()].filter(
    (c) => (present.length ? present.includes(c) : true) && !FORBIDDEN_COLUMNS.some((re) => re.test(c)),
  );
  const work = `work.${id(name)}`;
  // A table not published for this audience still exists, empty, so pages and SQL read no rows.
  const excluded =
    rule.audiences !== undefined && !rule.audiences.includes(audience as "internal" | "public");
  if (present.length) {
    const order = rule.keys.filter((k) => present.includes(k)).map((k) => id(k));
    await conn.run(
      `create or replace table ${work} as
       select row_number() over (${order.length ? `order by ${order.join(", ")}` : ""}) as _row_id, ${columns.map((c) => id(c)).join(", ")}
       from ${id(catalog)}.${id(schema)}.${id(table)}${excluded ? " limit 0" : ""}`,
    );
  } else {
    // A missing mart still gets its declared columns (keys as text, values as numbers), so pages
    // read an empty table and the rules' SQL binds.
    const typed = columns.map(
      (c) =>
        `cast(null as ${declared.get(c) === "key" || declared.get(c) === "reference" ? "varchar" : "double"}) as ${id(c)}`,
    );
    await conn.run(
      `create or replace table ${work} as select cast(null as bigint) as _row_id, ${typed.join(", ")} limit 0`,
    );
  }
  for (const { layer } of layers(rule, audience)) await conn.run(cellsSql(name, work, rule, layer));
  if (layers(rule, audience).some((l) => l.complement)) {
    for (const sql of linesSql(name, work, rule)) await conn.run(sql);
  }
  const counts = layers(rule, audience).some((l) => l.layer === "cell" && l.complement)
    ? cellCountsSql(name, work, rule)
    : null;
  if (counts) await conn.run(counts);
}

/**
 * The key of the pseudonym order: a hash of every pay record of the warehouse (no reader has them), so
 * every file of one publication, and every publication of the same data, name each organisation alike,
 * and the letters change when the data does. Without pay records, a random key for this publication.
 */
async function pseudonymSalt(conn: DuckDBConnection): Promise<string> {
  if ((await tableColumns(conn, "warehouse", "core", "pay_snapshots")).includes("annual_pay_usd")) {
    const reader = await conn.runAndReadAll(
      `select md5(coalesce(string_agg(cast(annual_pay_usd as varchar), ',' order by all), '')) as salt
       from (select annual_pay_usd from warehouse.core.pay_snapshots)`,
    );
    const salt = String(reader.getRowObjectsJS()[0]?.salt ?? "");
    if (salt && salt !== "d41d8cd98f00b204e9800998ecf8427e") return salt;
  }
  return randomUUID();
}

/**
 * Builds the data-quality page's inputs (shaped like marts so the same rules apply to them) and returns
 * every entry to publish: the marts, then those inputs.
 */
async function publishInputs(conn: DuckDBConnection): Promise<[string, string, MartDisclosure][]> {
  await conn.run("create table work.example_columns (file varchar, column_name varchar, shown boolean)");
  const insert = await conn.prepare("insert into work.example_columns values ($1, $2, $3)");
  for (const e of exampleColumns()) {
    insert.bindVarchar(1, e.file);
    insert.bindVarchar(2, e.column);
    insert.bindBoolean(3, e.shown);
    await insert.run();
  }
  for (const file of sqlFilesIn(path.join(PUBLISH_SQL_DIR, "inputs"))) await runSqlFile(conn, file);
  await conn.run(await coverageSql(conn));
  return [
    ...Object.entries(MART_DISCLOSURE).map(
      ([m, rule]) => [m, `warehouse.marts.${m}`, rule] as [string, string, MartDisclosure],
    ),
    ...Object.entries(PUBLISH_INPUT_DISCLOSURE).map(
      ([m, rule]) => [m, `memory.work.${m}_input`, rule] as [string, string, MartDisclosure],
    ),
  ];
}

/**
 * Builds publish.* for one audience in a scratch database over the warehouse (read-only) and runs
 * `fn` on it; everything is closed afterwards.
 */
export async function withPublished<T>(
  warehouseFile: string,
  options: PublishOptions,
  fn: (conn: DuckDBConnection, settings: Settings) => Promise<T>,
): Promise<T> {
  if (!existsSync(warehouseFile)) {
    throw new Error(
      `no warehouse at ${warehouseFile}: run \`htm-workforce ingest\` first (or set HTM_WAREHOUSE)`,
    );
  }
  const warn = options.warn ?? ((m: string) => console.error(`warning: ${m}`));
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    await conn.run(`attach ${str(warehouseFile)} as warehouse (read_only)`);
    await conn.run("create schema work; create schema publish;");
    const settings = await warehouseSettings(conn, options.audience);
    await runFile(conn, "settings.sql", {
      audience: settings.audience,
      min_cell_public: settings.min_cell_public,
      min_pay_group: settings.min_pay_group,
      min_pay_quartile_group: settings.min_pay_quartile_group,
      pay_rounding_usd: settings.pay_rounding_usd,
      min_orgs_benchmark: settings.min_orgs_benchmark,
      max_org_share_benchmark: settings.max_org_share_benchmark,
      min_benchmark_age_months: settings.min_benchmark_age_months,
      published_on: options.publishedOn ?? new Date().toISOString().slice(0, 10),
    });
    await runFile(conn, "org_pseudonyms.sql", { salt: await pseudonymSalt(conn) });
    await runFile(conn, "cells.sql");
    if ((await tableColumns(conn, "warehouse", "marts", "headcount_monthly")).includes("headcount")) {
      await runFile(conn, "org_count_step.sql");
    } else {
      await conn.run(`create or replace table work.org_count_step as select ${PUBLIC_COUNT_STEP} as step`);
    }
    const entries: [string, string, MartDisclosure][] = options.declarations
      ? Object.entries(options.declarations).map(([m, rule]) => [m, `warehouse.marts.${m}`, rule])
      : await publishInputs(conn);
    for (const [name, source, rule] of entries) {
      await publishEntry(conn, name, source, rule, settings.audience, warn);
    }
    for (const [name, , rule] of entries) {
      for (const sql of linksSql(name, `work.${id(name)}`, rule)) await conn.run(sql);
    }
    // Complementary suppression to a fixed point: each pass only adds withheld cells.
    for (let pass = 0; pass < 1000; pass++) {
      const linked = await changes(conn, "linked_cells.sql");
      const sourced = await changes(conn, "linked_sources.sql");
      const sums = await changes(conn, "complementary_sums.sql");
      if ((await changes(conn, "complementary.sql")) + linked + sourced + sums === 0) break;
    }
    for (const [name, , rule] of entries) {
      const typed = await columnTypes(conn, name);
      const columns = Object.keys(typed).filter((c) => c !== "_row_id");
      // this entry's columns that another entry copies (names as its `source`)
      const copied = entries.flatMap(([, , other]) =>
        Object.values(other.columns)
          .filter((c) => c.source?.mart === name)
          .map((c) => c.source!.column),
      );
      await conn.run(publishSql(name, `work.${id(name)}`, rule, columns, typed, [...new Set(copied)]));
    }
    if (!options.declarations) {
      for (const file of sqlFilesIn(path.join(PUBLISH_SQL_DIR, "tables"))) await runSqlFile(conn, file);
    }
    await conn.run("detach warehouse");
    return await fn(conn, settings);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
