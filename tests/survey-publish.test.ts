/**
 * Complementary suppression of workload shares (src/sql/survey/publish/workload_share_cells.sql):
 * a quarter's (or a year's) shares add up to 1, so one withheld share would be 1 minus the published ones. Hand-
 * made pooled cells for one published peer group, two quarters:
 *   2024-01-01: general_biomed 0.6, imaging 0.3, cybersecurity 0.1 (fails: 2 organisations)
 *     → exactly one fails, so the smallest published share (imaging 0.3) is withheld too; only
 *       general_biomed 0.6 remains, and 1 − 0.6 = 0.4 is the sum of two withheld shares.
 *   2024-04-01: general_biomed 0.5, imaging 0.2 (fails), cybersecurity 0.3 (fails)
 *     → two fail already; nothing more is withheld.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../src/config/settings.ts";
import { createInputTables, POOL_SQL_DIR, PUBLISH_SQL_DIR } from "../src/survey/pool.ts";
import { runSqlFile } from "../src/warehouse/sql-runner.ts";

it("withholds the smallest published share when a quarter would withhold exactly one", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await conn.run(`create schema marts; create schema publish;
    create table publish.publication_groups as
      select 'all' as facility_type, 'all' as bed_band, 'all' as region, 6 as contributors, null::varchar as suppressed_reason;
    create table marts.pooled_workload_domain_quarterly (facility_type varchar, bed_band varchar, region varchar,
      quarter_start date, domain varchar, orgs integer, share double, suppressed_reason varchar);
    insert into marts.pooled_workload_domain_quarterly values
      ('all', 'all', 'all', '2024-01-01', 'all', 6, 1.0, null),
      ('all', 'all', 'all', '2024-01-01', 'general_biomed', 6, 0.6, null),
      ('all', 'all', 'all', '2024-01-01', 'imaging', 5, 0.3, null),
      ('all', 'all', 'all', '2024-01-01', 'cybersecurity', 2, 0.1, 'fewer than 5 organisations'),
      ('all', 'all', 'all', '2024-04-01', 'general_biomed', 6, 0.5, null),
      ('all', 'all', 'all', '2024-04-01', 'imaging', 2, 0.2, 'fewer than 5 organisations'),
      ('all', 'all', 'all', '2024-04-01', 'cybersecurity', 3, 0.3, 'fewer than 5 organisations');`);
  // the year 2024: cybersecurity fails alone, so imaging (the smallest published share) is withheld too
  await conn.run(`create schema survey;
    create table marts.pooled_workload_domain_yearly (facility_type varchar, bed_band varchar, region varchar,
      year integer, domain varchar, orgs integer, share double, suppressed_reason varchar);
    insert into marts.pooled_workload_domain_yearly values
      ('all', 'all', 'all', 2024, 'all', 6, 1.0, null),
      ('all', 'all', 'all', 2024, 'general_biomed', 6, 0.55, null),
      ('all', 'all', 'all', 2024, 'imaging', 5, 0.25, null),
      ('all', 'all', 'all', 2024, 'cybersecurity', 3, 0.2, 'fewer than 5 organisations');`);
  for (const step of ["workload_share_cells", "pooled_workload_share", "pooled_workload_share_yearly"])
    await runSqlFile(conn, path.join(PUBLISH_SQL_DIR, `${step}.sql`));
  const years = (
    await conn.runAndReadAll(
      "select year, domain, share, suppressed_reason from publish.pooled_workload_share_yearly order by domain",
    )
  ).getRowObjectsJson();
  expect(
    years.map((r) => [r.year, r.domain, r.share, r.suppressed_reason === null ? null : "withheld"]),
  ).toEqual([
    [2024, "cybersecurity", null, "withheld"],
    [2024, "general_biomed", 0.55, null],
    [2024, "imaging", null, "withheld"],
  ]);
  const rows = (
    await conn.runAndReadAll(
      "select cast(quarter_start as varchar) as q, domain, share, suppressed_reason from publish.pooled_workload_share order by q, domain",
    )
  ).getRowObjectsJson();
  conn.closeSync();
  instance.closeSync();
  expect(rows.map((r) => [r.q, r.domain, r.share, r.suppressed_reason === null ? null : "withheld"])).toEqual(
    [
      ["2024-01-01", "cybersecurity", null, "withheld"],
      ["2024-01-01", "general_biomed", 0.6, null],
      ["2024-01-01", "imaging", null, "withheld"],
      ["2024-04-01", "cybersecurity", null, "withheld"],
      ["2024-04-01", "general_biomed", 0.5, null],
      ["2024-04-01", "imaging", null, "withheld"],
    ],
  );
  expect(rows.find((r) => r.q === "2024-01-01" && r.domain === "imaging")!.suppressed_reason).toMatch(
    /1 minus the published shares/,
  );
});

/**
 * The differencing rules (src/sql/survey/publish/release_withheld.sql), by hand. One pay measure,
 * cells and their organisations:
 *   A = o1..o6 (6), B = o1..o5 (5), C = o1..o11 (11), D = o1..o6 (6, published as o1..o5 before)
 * A and B differ by o6 alone: B, the smaller, is withheld. A and C, B and C differ by 5 and 6: fine.
 * A and D are the same six organisations (difference 0): fine. D differs from its earlier release
 * by o6 alone: withheld, naming that release.
 */
it("withholds the smaller of two cells 1 to 4 organisations apart, and a cell 1 to 4 apart from its last release", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const orgs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `o${from + i}`);
  const cells: Record<string, string[]> = { A: orgs(6), B: orgs(5), C: orgs(11), D: orgs(6) };
  await conn.run(`create schema survey;
    create table survey.settings as select 5 as min_orgs_benchmark;
    create table survey.release_cells (measure varchar, cell varchar, contributor_id varchar);
    create table survey.release_history (released_on date, measure varchar, cell varchar, contributor_id varchar, release_no integer);`);
  for (const [cell, members] of Object.entries(cells))
    for (const o of members)
      await conn.run(`insert into survey.release_cells values ('pay|2025|role|BMET II', '${cell}', '${o}')`);
  for (const o of orgs(5))
    await conn.run(
      `insert into survey.release_history values ('2025-04-30', 'pay|2025|role|BMET II', 'D', '${o}', 1)`,
    );
  await conn.run(readFileSync(path.join(PUBLISH_SQL_DIR, "release_withheld.sql"), "utf8"));
  const rows = (
    await conn.runAndReadAll("select cell, reason from survey.release_withheld order by cell")
  ).getRowObjectsJson();
  conn.closeSync();
  instance.closeSync();
  expect(rows.map((r) => r.cell)).toEqual(["B", "D"]);
  expect(String(rows[0]!.reason)).toMatch(/another published cell/);
  expect(String(rows[1]!.reason)).toMatch(/release of 2025-04-30/);
});

/**
 * Bands across organisations (src/sql/survey/pool/pooled_benchmark_bands.sql), by hand: seven
 * organisations, one month each with 100 people on its first and last day and 1, 2, 4, 7, 11, 16
 * and 22 separations, so their turnover is 0.01 ... 0.22. At n = 7 the rank h = 6p + 1:
 *   p25: h = 2.5 → k = 3 → mean of ranks 2-4 = (0.02 + 0.04 + 0.07) / 3 = 0.043
 *   p50: h = 4   → k = 4 → mean of ranks 3-5 = (0.04 + 0.07 + 0.11) / 3 = 0.073 (R type 7 gives 0.07,
 *        organisation 4's own value)
 *   p75: h = 5.5 → k = 6 → mean of ranks 5-7 = (0.11 + 0.16 + 0.22) / 3 = 0.163
 *   p10, p90: fewer than 10 organisations → withheld.
 */
it("publishes each band as the mean of three neighbouring organisations, never one organisation's value", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await createInputTables(conn, DEFAULT_SETTINGS);
  await conn.run(`create or replace table survey.settings as
    select 5 as min_orgs_benchmark, 10 as min_pay_tail_orgs`);
  await conn.run(`create table survey.pooled_members (facility_type varchar, bed_band varchar, region varchar,
    contribution_id varchar, contributor_id varchar)`);
  for (const [i, separations] of [1, 2, 4, 7, 11, 16, 22].entries()) {
    await conn.run(`insert into survey.contribution_rows (contribution_id, contributor_id, table_name, year, month_start,
        role_family, headcount_start, headcount_end, separations, voluntary_separations)
      values ('c${i}', 'o${i}', 'turnover_monthly', 2025, date '2025-03-01', 'all', 100, 100, ${separations}, 0)`);
    await conn.run(`insert into survey.pooled_members values ('all', 'all', 'all', 'c${i}', 'o${i}')`);
    await conn.run(`insert into survey.contributions (contribution_id, contributor_id, facility_type, bed_band, region)
      values ('c${i}', 'o${i}', 'acute_care', '100_299', 'north')`);
  }
  // the integer ids the pooled marts join by, then the mart
  for (const step of ["pooled_group_ids", "contribution_units", "pooled_units", "pooled_benchmark_bands"])
    await conn.run(readFileSync(path.join(POOL_SQL_DIR, `${step}.sql`), "utf8"));
  const rows = (
    await conn.runAndReadAll(
      `select percentile, metric_value, suppressed_reason from marts.pooled_benchmark_bands
       where metric = 'turnover_rate' order by percentile`,
    )
  ).getRowObjectsJson();
  conn.closeSync();
  instance.closeSync();
  expect(
    rows.map((r) => [Number(r.percentile), r.suppressed_reason === null ? Number(r.metric_value) : null]),
  ).toEqual([
    [0.1, null],
    [0.25, 0.043],
    [0.5, 0.073],
    [0.75, 0.163],
    [0.9, null],
  ]);
});
