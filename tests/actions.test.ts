/**
 * The HR action lists (core.action_*, written by `htm-workforce actions`) and their counts
 * (marts.action_counts) on tests/fixtures/actions, with answers worked out by hand below. as_of is
 * 2025-06-30; settings at their defaults: far_below_market_ratio 0.85, expiring_window_days 90,
 * retirement_age 65, near_retirement_years 5.
 *
 * Market figures of the test's own: BMET II 2024 median 60,000 (SOC 49-9062, national); the wage index
 * 100 in 2024 and 105 in 2025, so the 2025 figure is 63,000 and "far below" means under
 * 0.85 x 63,000 = 53,550. Pennsylvania's 49-9062 median for 2024 is 80,000: org B (state PA) is set
 * against 84,000 (far below: under 71,400); org A (state OH, no Ohio figure) keeps the national one.
 *
 * Pay (org A, BMET II): A1 50,000 with range minimum 52,000 (below both); A2 54,000 (min 52,000, above
 * 53,550: on no list); A3 53,000 (min 50,000: far below market only); A4 25/h x 2080 = 52,000, no range
 * (far below market only). B1 70,000, min 55,000, under 71,400 (far below its state's market).
 * Certifications (window to 2025-09-28): A1 CBET 2022-08-01 + 3 years = 2025-08-01 (32 days: listed);
 * A2 CBET to 2025-10-15 (107 days: not); A3 Network+ to 2025-07-01, but Security+ earned 2023-01-01
 * renews it to 2026-01-01 (not listed); A4 A+ earned in 2010 is good for life (not listed); A6 left on
 * 2025-03-31 (not in headcount); B1 CBET to 2025-09-01 (63 days) and CRES to 2025-09-20 (82 days).
 * Single incumbents on as_of: A5 Clinical Engineer born 1962 (63 >= 60: listed, 2 years left); Imaging
 * Specialist is held by A7 alone (A6 left), born 1995 (30: not listed); A8 HTM Manager born 1959 (66:
 * listed, -1); B1 is B's only BMET II, born 1960 (65: listed, 0); B2 is a contractor (no headcount).
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_LISTS, writeActionLists } from "../src/cli/actions.ts";
import { exportSiteData } from "../src/site/site-data.ts";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/actions");
const SQL = path.join(import.meta.dirname, "../src/sql");
// rebuilt after the test's reference rows replace the shipped ones, in dependency order
const REBUILT = [
  "core/role_market.sql",
  "core/action_pay_below.sql",
  "marts/pay_position.sql",
  "marts/pay_market_compare.sql",
  "marts/action_counts.sql",
];

let w: FixtureWarehouse;
let out: string;

beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
  await w.conn.run(`delete from reference.market_pay`);
  await w.conn.run(`insert into reference.market_pay (role, year, source, source_url, soc_code, median)
    values ('BMET II', 2024, 'test survey', 'https://example.org/survey', '49-9062', 60000)`);
  await w.conn.run(`delete from reference.wage_index`);
  await w.conn.run(`insert into reference.wage_index (year, index, series, short_name, source) values
    (2024, 100, 'test series', 'ECI', 'test'), (2025, 105, 'test series', 'ECI', 'test')`);
  await w.conn.run(`delete from reference.market_pay_state`);
  await w.conn.run(`insert into reference.market_pay_state
    (state, soc_code, year, median, source, source_url, status)
    values ('PA', '49-9062', 2024, 80000, 'test state survey', 'https://example.org/pa', 'published')`);
  for (const file of REBUILT) await w.conn.run(readFileSync(path.join(SQL, file), "utf8"));
  await w.conn.run("checkpoint");
  w.close();
  out = mkdtempSync(path.join(tmpdir(), "htm-actions-"));
  await writeActionLists(w.dbPath, out);
});
afterAll(() => undefined);

function list(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(out, file)), { columns: true }) as Record<string, string>[];
}

describe("htm-workforce actions", () => {
  it("lists staff paid below their range minimum or far below their market figure", () => {
    const rows = list("pay_below_range_or_market.csv").map((r) => ({
      employee_id: r.employee_id,
      market_usd: Number(r.market_usd),
      pay_to_market: Number(r.pay_to_market),
      below_range_min: r.below_range_min,
      far_below_market: r.far_below_market,
    }));
    expect(rows).toEqual([
      {
        employee_id: "ACT-A1",
        market_usd: 63000,
        pay_to_market: 0.794,
        below_range_min: "true",
        far_below_market: "true",
      },
      {
        employee_id: "ACT-A3",
        market_usd: 63000,
        pay_to_market: 0.841,
        below_range_min: "false",
        far_below_market: "true",
      },
      {
        employee_id: "ACT-A4",
        market_usd: 63000,
        pay_to_market: 0.825,
        below_range_min: "false",
        far_below_market: "true",
      },
      // Pennsylvania's figure, aged: 80,000 x 1.05
      {
        employee_id: "ACT-B1",
        market_usd: 84000,
        pay_to_market: 0.833,
        below_range_min: "false",
        far_below_market: "true",
      },
    ]);
  });

  it("lists certifications expiring in the next 90 days of staff in headcount", () => {
    const rows = list("certifications_expiring.csv").map((r) => [
      r.employee_id,
      r.certification,
      r.expires_on,
      Number(r.days_left),
    ]);
    expect(rows).toEqual([
      ["ACT-A1", "CBET", "2025-08-01", 32],
      ["ACT-B1", "CBET", "2025-09-01", 63],
      ["ACT-B1", "CRES", "2025-09-20", 82],
    ]);
  });

  it("lists single-incumbent roles whose holder is within five years of retirement", () => {
    const rows = list("single_incumbent_near_retirement.csv").map((r) => [
      r.org_id,
      r.role,
      r.employee_id,
      Number(r.age),
      Number(r.years_to_retirement),
    ]);
    expect(rows).toEqual([
      ["A", "Clinical Engineer", "ACT-A5", 63, 2],
      ["A", "HTM Manager", "ACT-A8", 66, -1],
      ["B", "BMET II", "ACT-B1", 65, 0],
    ]);
  });

  it("writes exactly the three lists", () => {
    expect(readdirSync(out).sort()).toEqual(ACTION_LISTS.map((l) => l.file).sort());
  });
});

describe("marts.action_counts and the site", () => {
  it("counts people per list and organisation, a person with two expiring certifications once", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(w.dbPath, { access_mode: "READ_ONLY" });
    const conn = await instance.connect();
    try {
      const rows = (
        await conn.runAndReadAll("select org_id, list, n from marts.action_counts order by all")
      ).getRowObjectsJS();
      expect(rows).toEqual([
        { org_id: "A", list: "certifications_expiring", n: 1 },
        { org_id: "A", list: "pay_below_range_or_market", n: 3 },
        { org_id: "A", list: "single_incumbent_near_retirement", n: 2 },
        { org_id: "B", list: "certifications_expiring", n: 1 },
        { org_id: "B", list: "pay_below_range_or_market", n: 1 },
        { org_id: "B", list: "single_incumbent_near_retirement", n: 1 },
        { org_id: "all", list: "certifications_expiring", n: 2 },
        { org_id: "all", list: "pay_below_range_or_market", n: 4 },
        { org_id: "all", list: "single_incumbent_near_retirement", n: 3 },
      ]);
      // the market label names the state figure and the ageing; org A (Ohio) has no Ohio figure
      const labels = (
        await conn.runAndReadAll(`select org_id, market_basis, market_area_note from marts.pay_position
          where year = 2025 and role = 'BMET II' order by org_id`)
      ).getRowObjectsJS();
      expect(labels).toEqual([
        {
          org_id: "A",
          market_basis: "2024 median, aged +5% with ECI to 2025",
          market_area_note: "national figures (no OH figure for this occupation in the reference data)",
        },
        {
          org_id: "B",
          market_basis: "2024 median (PA), aged +5% with ECI to 2025",
          market_area_note: "PA figures",
        },
        {
          org_id: "all",
          market_basis: "2024 median, aged +5% with ECI to 2025",
          market_area_note: "national figures",
        },
      ]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it("ships no person from the lists in the site's data", async () => {
    const site = mkdtempSync(path.join(tmpdir(), "htm-actions-site-"));
    await exportSiteData(site, undefined, { db: w.dbPath, audience: "internal" });
    const people = new Set(ACTION_LISTS.flatMap((l) => list(l.file).map((r) => r.employee_id!)));
    expect(people.size).toBe(6);
    for (const file of readdirSync(site)) {
      const bytes = readFileSync(path.join(site, file)).toString("latin1");
      for (const id of people) expect(bytes.includes(id), `${id} in ${file}`).toBe(false);
      // nor any employee id at all
      expect(bytes.includes("ACT-"), file).toBe(false);
    }
  });
});
