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
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
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

/** The three tables release_withheld.sql reads, empty, with min_orgs_benchmark set (a fresh survey schema). */
async function releaseRuleInputs(conn: DuckDBConnection, minOrgs: number): Promise<void> {
  await conn.run(`drop schema if exists survey cascade; create schema survey;
    create table survey.settings as select ${minOrgs} as min_orgs_benchmark;
    create table survey.release_cells (measure varchar, cell varchar, contributor_id varchar);
    create table survey.release_history (released_on date, measure varchar, cell varchar, contributor_id varchar, release_no integer);`);
}

/** Runs release_withheld.sql on those inputs: the withheld cells and their reasons, by cell. */
async function withheldCells(conn: DuckDBConnection) {
  await conn.run(readFileSync(path.join(PUBLISH_SQL_DIR, "release_withheld.sql"), "utf8"));
  return (
    await conn.runAndReadAll("select cell, reason from survey.release_withheld order by cell")
  ).getRowObjectsJson();
}

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
  await releaseRuleInputs(conn, 5);
  for (const [cell, members] of Object.entries(cells))
    for (const o of members)
      await conn.run(`insert into survey.release_cells values ('pay|2025|role|BMET II', '${cell}', '${o}')`);
  for (const o of orgs(5))
    await conn.run(
      `insert into survey.release_history values ('2025-04-30', 'pay|2025|role|BMET II', 'D', '${o}', 1)`,
    );
  const rows = await withheldCells(conn);
  conn.closeSync();
  instance.closeSync();
  expect(rows.map((r) => r.cell)).toEqual(["B", "D"]);
  expect(String(rows[0]!.reason)).toMatch(/another published cell/);
  expect(String(rows[1]!.reason)).toMatch(/release of 2025-04-30/);
});

/**
 * The differencing rules where the sizes of a near pair fall in neighbouring bands of 5 (the shared
 * organisations are counted within a band and with the band above), where two cells share nobody,
 * and where two near cells are the same size. One pay measure, no earlier release:
 *   P = o1..o9 (9), Q = o1..o10 (10), T = o1..o14 (14): P and Q differ by o10 (sizes 9 and 10, bands
 *     1 and 2): P is withheld; Q and T differ by o11..o14 (4): Q is withheld too; P and T by 5: fine.
 *   R = o20 (1), S = o21, o22 (2): nobody in common, they differ by 3: R, the smaller, is withheld.
 *   U = o30..o34 (5), V = o30..o33 and o35 (5): they differ by o34 and o35 (2), the same size: V, the
 *     later name, is withheld.
 * Every other pair differs by 5 or more (R and S by at least 6 from all others).
 */
it("withholds near cells whose sizes straddle a band, share nobody, or tie", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const orgs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `o${from + i}`);
  const cells: Record<string, string[]> = {
    P: orgs(1, 9),
    Q: orgs(1, 10),
    T: orgs(1, 14),
    R: ["o20"],
    S: ["o21", "o22"],
    U: orgs(30, 34),
    V: [...orgs(30, 33), "o35"],
  };
  await releaseRuleInputs(conn, 5);
  await conn.run(
    `insert into survey.release_cells values ${Object.entries(cells)
      .flatMap(([cell, members]) => members.map((o) => `('pay|2025|role|BMET II', '${cell}', '${o}')`))
      .join(", ")}`,
  );
  const rows = await withheldCells(conn);
  conn.closeSync();
  instance.closeSync();
  expect(rows.map((r) => r.cell)).toEqual(["P", "Q", "R", "V"]);
  for (const r of rows)
    expect(String(r.reason)).toMatch(/another published cell differs from it by fewer than 5/);
});

/**
 * The differencing rules against the rule as docs/survey.md states it, worked out by brute force
 * (every pair of cells of a measure, every cell against every earlier release) on seeded random
 * cells: 1 to 3 measures of up to 8 cells over up to 30 organisations, most cells a few
 * organisations away from one another, 0 to 2 earlier releases of each, min_orgs_benchmark 2 to 6.
 */
it("withholds exactly what the rule says on random cells and releases (brute force)", async () => {
  let seed = 22;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const difference = (a: Set<string>, b: Set<string>) =>
    [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const reasons = new Set<string>();
  let trialsWithheld = 0;
  for (let trial = 0; trial < 80; trial++) {
    const k = int(2, 6);
    const orgs = int(3, 30);
    const pick = () => new Set(Array.from({ length: int(1, orgs) }, () => `o${int(1, orgs)}`));
    const nudge = (s: Set<string>) => {
      const x = new Set(s);
      for (let i = int(0, k + 1); i > 0; i--) {
        const o = `o${int(1, orgs)}`;
        if (!x.delete(o)) x.add(o);
      }
      return x;
    };
    const cells = new Map<string, Map<string, Set<string>>>();
    const history: { release: number; measure: string; cell: string; members: Set<string> }[] = [];
    for (let m = int(1, 3); m > 0; m--) {
      const base = pick();
      const byCell = new Map<string, Set<string>>();
      for (let c = int(1, 8); c > 0; c--) {
        const members = rnd() < 0.7 ? nudge(base) : pick();
        if (members.size === 0) continue;
        const cell = `${String.fromCharCode(65 + int(0, 10))}${c}`;
        byCell.set(cell, members);
        for (let release = int(0, 2); release > 0; release--) {
          const before = rnd() < 0.8 ? nudge(members) : pick();
          if (before.size > 0) history.push({ release, measure: `pay|${m}`, cell, members: before });
        }
      }
      cells.set(`pay|${m}`, byCell);
    }

    // the rule: of two cells of one measure 1 to k - 1 organisations apart the smaller (a tie: the
    // later name) is withheld; else a cell 1 to k - 1 apart from an earlier release, naming the latest
    const expected = new Map<string, string>();
    for (const [measure, byCell] of cells)
      for (const [ca, a] of byCell)
        for (const [cb, b] of byCell) {
          const d = difference(a, b);
          if (ca !== cb && d >= 1 && d < k && (a.size < b.size || (a.size === b.size && ca > cb)))
            expected.set(
              `${measure} ${ca}`,
              `withheld: another published cell differs from it by fewer than ${k} organisations`,
            );
        }
    const latest = new Map<string, number>();
    for (const h of history) {
      const now = cells.get(h.measure)!.get(h.cell)!;
      const d = difference(now, h.members);
      const key = `${h.measure} ${h.cell}`;
      if (d >= 1 && d < k && h.release > (latest.get(key) ?? 0)) latest.set(key, h.release);
    }
    for (const [key, release] of latest)
      if (!expected.has(key))
        expected.set(
          key,
          `withheld: it differs from the release of 2025-0${release}-01 by fewer than ${k} organisations`,
        );

    await releaseRuleInputs(conn, k);
    await conn.run("insert into survey.release_cells values ('peer_group', 'all|all|all', 'o1')");
    const cellRows = [...cells].flatMap(([measure, byCell]) =>
      [...byCell].flatMap(([cell, members]) => [...members].map((o) => `('${measure}', '${cell}', '${o}')`)),
    );
    await conn.run(`insert into survey.release_cells values ${cellRows.join(", ")}`);
    const historyRows = history.flatMap((h) =>
      [...h.members].map(
        (o) => `('2025-0${h.release}-01', '${h.measure}', '${h.cell}', '${o}', ${h.release})`,
      ),
    );
    if (historyRows.length)
      await conn.run(`insert into survey.release_history values ${historyRows.join(", ")}`);
    await conn.run(readFileSync(path.join(PUBLISH_SQL_DIR, "release_withheld.sql"), "utf8"));
    const got = (
      await conn.runAndReadAll("select measure || ' ' || cell as k, reason from survey.release_withheld")
    ).getRowObjectsJson();
    expect(got.map((r) => [String(r.k), String(r.reason)]).sort(), `trial ${trial}`).toEqual(
      [...expected].sort(),
    );
    if (expected.size > 0) trialsWithheld++;
    for (const r of expected.values()) reasons.add(r.replace(/ of \S+(?= by)| than \d+/g, ""));
  }
  conn.closeSync();
  instance.closeSync();
  // not vacuous: most trials withhold something, for both reasons
  expect(trialsWithheld).toBeGreaterThan(40);
  expect([...reasons].sort()).toEqual([
    "withheld: another published cell differs from it by fewer organisations",
    "withheld: it differs from the release by fewer organisations",
  ]);
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
