/**
 * Demand-side marts on tests/fixtures/metrics-m2/demand, with every expected number worked out by
 * hand below (the forecast against R: tests/r/forecast.R and its committed output).
 *
 * The fixture (as_of 2024-12-31, productive_hours_per_fte 1600, benefits_load 1.3):
 * - Org A, 2021Q1–2024Q4, one work order a quarter per domain, dated the 15th of the middle month:
 *   "Security Patch" (cybersecurity) by technician E1, hours
 *     2021: 100 120  90 130 | 2022: 160 200 180 240 | 2023: 260 250 300 320 | 2024: 310 360 350 400
 *   and "PM" on an "Infusion Pump" (general_biomed), 600 hours every quarter: Q1 and Q2 by E6, Q3 by
 *   E7, Q4 with no technician; 2024-11-15's PM carries 200 of parts.
 * - W33 2024-09-10: a vendor repair (3,000 vendor + 500 parts): not in-house hours, but a cost.
 * - W35 2025-01-10: 999 hours after as_of: counted nowhere.
 * - Org B: one in-house PM on a CT Scanner (imaging), 40 hours, 2024-05-15.
 * - Staff of A: E1 cybersecurity specialist since 2020 (fte 1, pay 104,000, 124,800 from
 *   2024-07-01: a mid-year change); E2 cybersecurity specialist from 2024-07-01, fte 0.5, hourly 40
 *   (annualised 40 x 2080 x 0.5 = 41,600); E3 BMET II 2019-03-01 to 2023-06-30 (last day);
 *   E4 BMET I contractor; E5 HTM Manager (leadership); E6 and E7 BMET II since 2020 (pay 62,400 and
 *   72,800).
 * - Assets: X1 infusion pump (A, 2019, networked, 1.5M); X2 CT (A, 2020-06-01, not networked, 1.0M,
 *   retired 2024-03-31); X3 network switch (A, 2023-05-01, networked, 2.6M); X4 patient monitor (A,
 *   in service on as_of, networked and cost unknown); Y1 CT (B, 2024-01-01, networked, 500k).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { martGrains } from "./support/key_checks.ts";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures/metrics-m2");
const R_OUTPUT = path.join(import.meta.dirname, "r");

type Row = Record<string, unknown>;

function readR(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(R_OUTPUT, file), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
}

/**
 * Marts this file's SQL owns, with the columns that make up each one's grain: from their declarations,
 * and demand_trend's here (the model behind the forecast, published to no one, has no declaration).
 */
const GRAIN: Record<string, readonly string[]> = {
  ...martGrains([
    "workload_domain_quarterly",
    "workload_domain_annual",
    "specialist_demand_forecast",
    "specialist_demand",
    "inventory_load",
    "cost_of_service",
    "time_to_fill",
    "vacancy",
    "role_transitions",
    "promotion_time",
    "internal_mobility",
    "certification_coverage",
    "pay_position",
  ]),
  "marts.demand_trend": ["org_id", "domain"],
};

/** Grain unique and not null: each query must return no rows. */
function grainChecks(): string[] {
  return Object.entries(GRAIN).flatMap(([table, cols]) => [
    `select '${table} duplicate' as problem, ${cols.join(", ")} from ${table} group by all having count(*) > 1`,
    `select '${table} null key' as problem from ${table} where ${cols.map((c) => `${c} is null`).join(" or ")}`,
  ]);
}

let w: FixtureWarehouse;

beforeAll(async () => {
  w = await buildFixtureWarehouse(path.join(FIXTURES, "demand"));
});
afterAll(() => w?.close());

async function one(sql: string): Promise<Row> {
  const rows = await w.rows(sql);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("marts on the demand fixture", () => {
  it("have a unique, non-null grain", async () => {
    for (const sql of grainChecks()) expect(await w.rows(sql), sql).toEqual([]);
  });

  it("use only plain column types", async () => {
    const odd = await w.rows(`select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'marts' and data_type not in ('INTEGER', 'DOUBLE', 'DATE', 'VARCHAR', 'BOOLEAN')`);
    expect(odd).toEqual([]);
  });
});

describe("marts.workload_domain_annual", () => {
  it("weights a year's shares by hours, for each org and for all orgs", async () => {
    // A 2021: cyber 100 + 120 + 90 + 130 = 440, PM 4 x 600 = 2,400, all 2,840 -> 440 / 2,840
    // A 2024: cyber 310 + 360 + 350 + 400 = 1,420, PM 2,400, all 3,820 -> 1,420 / 3,820
    const a =
      await w.rows(`select year, domain, hours, share, quarters, is_complete_year from marts.workload_domain_annual
      where org_id = 'A' and year in (2021, 2024) and domain in ('cybersecurity', 'all') order by year, domain`);
    expect(a).toEqual([
      { year: 2021, domain: "all", hours: 2840, share: 1, quarters: 4, is_complete_year: true },
      {
        year: 2021,
        domain: "cybersecurity",
        hours: 440,
        share: 440 / 2840,
        quarters: 4,
        is_complete_year: true,
      },
      { year: 2024, domain: "all", hours: 3820, share: 1, quarters: 4, is_complete_year: true },
      {
        year: 2024,
        domain: "cybersecurity",
        hours: 1420,
        share: 1420 / 3820,
        quarters: 4,
        is_complete_year: true,
      },
    ]);
    // all orgs 2024: A's 3,820 + B's 40 hours of imaging (one quarter) = 3,860
    const all = await w.rows(`select domain, hours, share from marts.workload_domain_annual
      where org_id = 'all' and year = 2024 order by domain`);
    expect(all).toEqual([
      { domain: "all", hours: 3860, share: 1 },
      { domain: "cybersecurity", hours: 1420, share: 1420 / 3860 },
      { domain: "general_biomed", hours: 2400, share: 2400 / 3860 },
      { domain: "imaging", hours: 40, share: 40 / 3860 },
    ]);
  });
});

describe("marts.workload_domain_quarterly", () => {
  it("sums in-house hours by domain and quarter with shares of the quarter", async () => {
    // 2024Q4 at A: cyber 400, PM 600 (the parts do not matter) -> 1000 in all
    const q4 = await w.rows(`select domain, hours, share from marts.workload_domain_quarterly
      where org_id = 'A' and quarter_start = '2024-10-01' order by domain`);
    expect(q4).toEqual([
      { domain: "all", hours: 1000, share: 1 },
      { domain: "cybersecurity", hours: 400, share: 0.4 },
      { domain: "general_biomed", hours: 600, share: 0.6 },
    ]);
    // 2024Q3: the vendor repair of 2024-09-10 is not in-house work: 350 + 600 only
    const q3 = await one(`select hours from marts.workload_domain_quarterly
      where org_id = 'A' and quarter_start = '2024-07-01' and domain = 'all'`);
    expect(q3.hours).toBe(950);
  });

  it("covers each org's quarters with every domain it worked in, and nothing after as_of", async () => {
    // A: 2021Q1..2024Q4 = 16 quarters x (cyber, general_biomed, all); the 2025 order is after as_of
    const a = await one(`select count(*) as n, min(quarter_start) as first, max(quarter_start) as last,
      bool_and(is_complete_quarter) as complete from marts.workload_domain_quarterly where org_id = 'A'`);
    expect(a).toEqual({ n: 48, first: "2021-01-01", last: "2024-10-01", complete: true });
    // B worked one quarter in one domain
    const b = await w.rows(`select quarter_start, domain, hours, share from marts.workload_domain_quarterly
      where org_id = 'B' order by domain`);
    expect(b).toEqual([
      { quarter_start: "2024-04-01", domain: "all", hours: 40, share: 1 },
      { quarter_start: "2024-04-01", domain: "imaging", hours: 40, share: 1 },
    ]);
  });

  it("totals organisations in org 'all' and shows a domain's empty quarters as 0", async () => {
    // 2024Q2 all orgs: cyber 360 + PM 600 + B's imaging 40 = 1000
    const q2 = await w.rows(`select domain, hours, share from marts.workload_domain_quarterly
      where org_id = 'all' and quarter_start = '2024-04-01' order by domain`);
    expect(q2).toEqual([
      { domain: "all", hours: 1000, share: 1 },
      { domain: "cybersecurity", hours: 360, share: 0.36 },
      { domain: "general_biomed", hours: 600, share: 0.6 },
      { domain: "imaging", hours: 40, share: 0.04 },
    ]);
    const q1 = await one(`select hours, share from marts.workload_domain_quarterly
      where org_id = 'all' and quarter_start = '2024-01-01' and domain = 'imaging'`);
    expect(q1).toEqual({ hours: 0, share: 0 });
  });
});

describe("marts.specialist_demand (actual years)", () => {
  it("turns in-house hours into demand FTE and compares them with average FTE in the domain's roles", async () => {
    const rows = await w.rows(`select year, domain, in_house_hours, demand_fte, supply_fte, gap_fte
      from marts.specialist_demand where org_id = 'A' and not is_forecast and year in (2023, 2024) order by year, domain`);
    const byKey = Object.fromEntries(rows.map((r) => [`${r.year} ${r.domain}`, r]));
    // 2024 cyber: 310 + 360 + 350 + 400 = 1420 h / 1600 = 0.8875 FTE of demand.
    // Supply: E1 all year (1.0) + E2 fte 0.5 from 2024-07-01, 184 of 366 days: 0.5 x 184/366.
    const cyber2024 = byKey["2024 cybersecurity"]!;
    expect(cyber2024.in_house_hours).toBe(1420);
    expect(cyber2024.demand_fte).toBeCloseTo(0.8875, 10);
    expect(cyber2024.supply_fte).toBeCloseTo(1 + (0.5 * 184) / 366, 10);
    expect(cyber2024.gap_fte).toBeCloseTo(0.8875 - 1 - (0.5 * 184) / 366, 10);
    // 2023 general_biomed: 2400 h -> 1.5 FTE; E3 (BMET II) counts 2023-01-01..2023-06-29 (headcount
    // ends the day before the termination date, docs/marts.md), 180 of 365 days, plus E6 and E7 all year;
    // E4 is a contractor and not supply.
    const biomed2023 = byKey["2023 general_biomed"]!;
    expect(biomed2023.demand_fte).toBeCloseTo(1.5, 10);
    expect(biomed2023.supply_fte).toBeCloseTo(2 + 180 / 365, 10);
    expect(biomed2023.gap_fte).toBeCloseTo(1.5 - 2 - 180 / 365, 10);
    // 2024 general_biomed: E6 and E7; 'all' = every domain
    expect(byKey["2024 general_biomed"]!.supply_fte).toBe(2);
    expect(byKey["2024 all"]!.demand_fte).toBeCloseTo((1420 + 2400) / 1600, 10);
    expect(byKey["2024 all"]!.supply_fte).toBeCloseTo(3 + (0.5 * 184) / 366, 10);
  });

  it("has no demand figure for years before the org has work orders", async () => {
    // E1 is cyber supply from 2020, but A's first work order is in 2021
    const r = await one(`select demand_fte, supply_fte from marts.specialist_demand
      where org_id = 'A' and year = 2020 and domain = 'cybersecurity'`);
    expect(r).toEqual({ demand_fte: null, supply_fte: 1 });
  });
});

describe("specialist demand forecast against R (tests/r/forecast.R)", () => {
  it("fits the last 12 complete quarters: x = 1..12 for 2022Q1..2024Q4", async () => {
    const t = await one(`select n_quarters, first_quarter_start, last_quarter_start, x_mean, sxx
      from marts.demand_trend where org_id = 'A' and domain = 'cybersecurity'`);
    // mean of 1..12 = 6.5; sum of (x - 6.5)^2 = 143
    expect(t).toEqual({
      n_quarters: 12,
      first_quarter_start: "2022-01-01",
      last_quarter_start: "2024-10-01",
      x_mean: 6.5,
      sxx: 143,
    });
    // B's one quarter is too short to fit (needs 4): no trend, no forecast
    expect(await w.rows(`select * from marts.demand_trend where org_id = 'B'`)).toEqual([]);
  });

  it("matches predict(lm(y ~ x), interval = 'prediction', level = 0.8) quarter by quarter", async () => {
    const expected = readR("forecast-quarterly.csv");
    const got = await w.rows(`select org_id, domain, quarter_start, demand_fte, lower_80, upper_80
      from marts.specialist_demand_forecast where is_forecast`);
    expect(got).toHaveLength(expected.length);
    const byKey = new Map(got.map((r) => [`${r.org_id} ${r.domain} ${r.quarter_start}`, r]));
    for (const e of expected) {
      const g = byKey.get(`${e.org_id} ${e.domain} ${e.quarter_start}`);
      expect(g, `${e.org_id} ${e.domain} ${e.quarter_start}`).toBeDefined();
      // the mart shows negative demand as 0
      for (const col of ["demand_fte", "lower_80", "upper_80"])
        expect(Math.abs((g![col] as number) - Math.max(0, Number(e[col])))).toBeLessThan(1e-4);
    }
  });

  it("rolls four forecast quarters up to a year with R's interval for their mean", async () => {
    const expected = readR("forecast-yearly.csv");
    const got = await w.rows(`select org_id, domain, year, demand_fte, lower_80, upper_80
      from marts.specialist_demand where is_forecast`);
    expect(got).toHaveLength(expected.length);
    const byKey = new Map(got.map((r) => [`${r.org_id} ${r.domain} ${r.year}`, r]));
    for (const e of expected) {
      const g = byKey.get(`${e.org_id} ${e.domain} ${e.year}`);
      expect(g, `${e.org_id} ${e.domain} ${e.year}`).toBeDefined();
      for (const col of ["demand_fte", "lower_80", "upper_80"])
        expect(Math.abs((g![col] as number) - Math.max(0, Number(e[col])))).toBeLessThan(1e-4);
    }
  });

  it("holds today's supply flat in forecast years", async () => {
    // FTE in cyber roles in force at as_of: E1 1.0 + E2 0.5
    const r = await one(`select supply_fte, gap_fte, demand_fte from marts.specialist_demand
      where org_id = 'A' and domain = 'cybersecurity' and year = 2025`);
    expect(r.supply_fte).toBe(1.5);
    expect(r.gap_fte as number).toBeCloseTo((r.demand_fte as number) - 1.5, 12);
  });

  it("lists the fitted quarters as actuals alongside the forecast", async () => {
    // 2024Q4 cyber: 400 h x 4 / 1600 = 1.0 FTE
    const r = await one(`select demand_fte, lower_80 from marts.specialist_demand_forecast
      where org_id = 'A' and domain = 'cybersecurity' and quarter_start = '2024-10-01'`);
    expect(r).toEqual({ demand_fte: 1, lower_80: null });
  });
});

describe("marts.inventory_load", () => {
  it("counts active assets per technical FTE at year end", async () => {
    const rows = await w.rows(`select year, active_assets, technical_fte, assets_per_technical_fte,
      networked_assets, networked_share from marts.inventory_load where org_id = 'A' and year >= 2022 order by year`);
    expect(rows).toEqual([
      // 2022-12-31: X1, X2; technical: E1 (specialist) + E3, E6, E7 (BMET II) = 4; E5 is leadership,
      // E4 a contractor
      {
        year: 2022,
        active_assets: 2,
        technical_fte: 4,
        assets_per_technical_fte: 0.5,
        networked_assets: 1,
        networked_share: 0.5,
      },
      // 2023-12-31: X1, X2, X3; E3 left on 2023-06-30 -> 3 FTE
      {
        year: 2023,
        active_assets: 3,
        technical_fte: 3,
        assets_per_technical_fte: 1,
        networked_assets: 2,
        networked_share: 2 / 3,
      },
      // 2024-12-31: X2 retired, X4 in service on as_of with an unknown networked flag (not in the
      // share's denominator); E1 1.0 + E2 0.5 + E6 + E7
      {
        year: 2024,
        active_assets: 3,
        technical_fte: 3.5,
        assets_per_technical_fte: 3 / 3.5,
        networked_assets: 2,
        networked_share: 1,
      },
    ]);
  });

  it("has no ratio where there are no technical staff, and totals orgs in 'all'", async () => {
    const b =
      await one(`select active_assets, technical_fte, assets_per_technical_fte from marts.inventory_load
      where org_id = 'B' and year = 2024`);
    expect(b).toEqual({ active_assets: 1, technical_fte: 0, assets_per_technical_fte: null });
    const all =
      await one(`select active_assets, assets_per_technical_fte, networked_share from marts.inventory_load
      where org_id = 'all' and year = 2024`);
    expect(all).toEqual({ active_assets: 4, assets_per_technical_fte: 4 / 3.5, networked_share: 1 });
  });
});

describe("marts.cost_of_service", () => {
  it("prices hours at the technician's pay in force on the work date, else the org's median", async () => {
    const r = await one(`select * from marts.cost_of_service where org_id = 'A' and year = 2024`);
    // Three technicians at their own pay (E1, E6, E7: enough not to disclose anyone's pay).
    // Cyber by E1: 310 h (Feb) + 360 h (May) at 104,000 / 2080 x 1.3 = 65 /h = 43,550;
    // 350 h (Aug) + 400 h (Nov) after the raise, 124,800 / 2080 x 1.3 = 78 /h = 58,500.
    // PM by E6 (Feb, May): 1200 h x 62,400 / 2080 x 1.3 = 39 /h = 46,800; by E7 (Aug): 600 h x 45.5 = 27,300.
    // PM in Nov (no technician): A's median technical pay on 2024-12-31 of E1 124,800, E2 41,600
    // (hourly 40, fte 0.5), E6 62,400, E7 72,800 = 67,600 -> 42.25 /h x 600 = 25,350.
    expect(r.in_house_hours).toBe(3820);
    expect(r.technicians_at_own_pay).toBe(3);
    expect(r.hours_priced_at_median).toBe(600);
    expect(r.hours_unpriced).toBe(0);
    expect(r.labor_cost_usd).toBeCloseTo(43_550 + 58_500 + 46_800 + 27_300 + 25_350, 6);
    // vendor repair 3,000 + 500 parts; 200 parts on the November PM
    expect(r.vendor_cost_usd).toBe(3000);
    expect(r.parts_cost_usd).toBe(700);
    expect(r.service_cost_usd).toBeCloseTo(205_200, 6);
    // active on 2024-12-31: X1 1.5M + X3 2.6M; X4 has no cost (counted apart); X2 retired
    expect(r.active_assets).toBe(3);
    expect(r.assets_without_cost).toBe(1);
    expect(r.acquisition_cost_usd).toBe(4_100_000);
    expect(r.cost_of_service_ratio).toBeCloseTo(205_200 / 4_100_000, 12);
  });

  it("uses the year's own median: 2023", async () => {
    // E1's 1130 cyber hours at 65 /h = 73,450; E6 46,800 and E7 27,300 as in 2024; the November PM at
    // the median on 2023-12-31 of E1 104,000, E6 62,400, E7 72,800 = 72,800 -> 45.5 /h = 27,300.
    // Inventory: X1 + X2 + X3 = 5.1M.
    const r = await one(`select labor_cost_usd, cost_of_service_ratio from marts.cost_of_service
      where org_id = 'A' and year = 2023`);
    expect(r.labor_cost_usd).toBeCloseTo(174_850, 6);
    expect(r.cost_of_service_ratio).toBeCloseTo(174_850 / 5_100_000, 12);
  });

  it("falls back to all organisations' median when the org has no technical staff", async () => {
    // B: 40 h, no staff; all orgs' technical median on 2024-12-31 is 67,600 -> 42.25 /h = 1,690
    const b = await one(`select labor_cost_usd, hours_priced_at_median, cost_of_service_ratio
      from marts.cost_of_service where org_id = 'B' and year = 2024`);
    expect(b).toEqual({
      labor_cost_usd: 1690,
      hours_priced_at_median: 40,
      cost_of_service_ratio: 1690 / 500_000,
    });
    const all = await one(`select service_cost_usd, acquisition_cost_usd from marts.cost_of_service
      where org_id = 'all' and year = 2024`);
    expect(all.service_cost_usd).toBeCloseTo(205_200 + 1690, 6);
    expect(all.acquisition_cost_usd).toBe(4_600_000);
  });
});

describe("marts with only employees.csv", () => {
  it("exist with their columns, empty where their inputs are missing", async () => {
    const e = await buildFixtureWarehouse(path.join(FIXTURES, "employees-only"));
    try {
      const counts = await e.rows(
        Object.keys(GRAIN)
          .map((t) => `select '${t}' as mart, cast(count(*) as integer) as n from ${t}`)
          .join(" union all ") + " order by mart",
      );
      const n = Object.fromEntries(counts.map((r) => [r.mart, r.n]));
      for (const t of [
        "marts.workload_domain_quarterly",
        "marts.demand_trend",
        "marts.specialist_demand_forecast",
        "marts.specialist_demand",
        "marts.inventory_load",
        "marts.cost_of_service",
        "marts.time_to_fill",
        "marts.role_transitions",
        "marts.promotion_time",
        "marts.certification_coverage",
        "marts.pay_position",
      ])
        expect(n[t], t).toBe(0);
      // headcount alone still gives a vacancy row (0 open) per org and a mobility denominator
      expect(n["marts.vacancy"]).toBeGreaterThan(0);
      expect(n["marts.internal_mobility"]).toBeGreaterThan(0);
    } finally {
      e.close();
    }
  });
});

/**
 * tests/fixtures/metrics-m2/headcount (as_of 2024-06-30, history_start 2023-01-01), one org A:
 * - L1 BMET II (fte 1, 200,000, CBET) leaves 2023-12-31, the 2023 snapshot date;
 * - L2 Imaging Specialist (fte 1, 90,000, CBET) leaves 2024-06-30, the as_of date;
 * - S1 BMET II (fte 1, 60,000, CBET), S2 networking specialist (fte 0.5, 50,000), M1 HTM Manager;
 * - C1 BMET I contractor (150,000, CBET): never headcount, supply, pay or coverage;
 * - R1 (BMET I) open since 2024-05-01; X1 pump and X2 CT scanner in service since 2019;
 * - one 100-hour in-house PM on the CT scanner (imaging) each quarter 2023Q1..2024Q2, no technician.
 * docs/marts.md counts a person on d when hire ≤ d < termination: on a termination date the leaver is
 * gone, and every headcount, FTE and supply figure below must agree with marts.headcount_monthly.
 */
describe("headcount on a leaver's termination date, with a contractor present", () => {
  let h: FixtureWarehouse;
  beforeAll(async () => {
    h = await buildFixtureWarehouse(path.join(FIXTURES, "headcount"));
  });
  afterAll(() => h?.close());

  /** marts.headcount_monthly of org A on a month end: headcount and FTE by family ('all' = every family). */
  async function monthly(monthEnd: string): Promise<Record<string, { headcount: number; fte: number }>> {
    const rows = await h.rows(`select role_family, headcount, fte from marts.headcount_monthly
      where org_id = 'A' and month_end = '${monthEnd}'`);
    return Object.fromEntries(
      rows.map((r) => [r.role_family, { headcount: r.headcount, fte: r.fte }]),
    ) as Record<string, { headcount: number; fte: number }>;
  }

  it("marts.headcount_monthly: L1 is gone on 2023-12-31 and L2 on 2024-06-30; C1 never counts", async () => {
    const dec = await monthly("2023-12-31");
    // S1, S2, L2, M1
    expect(dec.all).toEqual({ headcount: 4, fte: 3.5 });
    expect(dec.generalist).toEqual({ headcount: 1, fte: 1 });
    const jun = await monthly("2024-06-30");
    // S1, S2, M1
    expect(jun.all).toEqual({ headcount: 3, fte: 2.5 });
    expect(jun.specialist).toEqual({ headcount: 1, fte: 0.5 });
  });

  it("vacancy counts the same headcount at as_of", async () => {
    const jun = await monthly("2024-06-30");
    const rows = await h.rows(`select role_family, headcount, open_reqs, vacancy_rate from marts.vacancy
      where org_id = 'A' order by role_family`);
    expect(rows).toEqual([
      { role_family: "all", headcount: 3, open_reqs: 1, vacancy_rate: 1 / 4 },
      { role_family: "generalist", headcount: 1, open_reqs: 1, vacancy_rate: 1 / 2 },
      { role_family: "leadership", headcount: 1, open_reqs: 0, vacancy_rate: 0 },
      { role_family: "specialist", headcount: 1, open_reqs: 0, vacancy_rate: 0 },
    ]);
    for (const r of rows)
      expect(r.headcount, String(r.role_family)).toBe(jun[String(r.role_family)]!.headcount);
  });

  it("certification coverage divides by the same headcount on each snapshot date", async () => {
    const rows =
      await h.rows(`select year, role_family, holders, headcount, coverage from marts.certification_coverage
      where org_id = 'A' and certification = 'any' and role_family in ('all', 'generalist') order by year, role_family`);
    expect(rows).toEqual([
      // 2023-12-31: S1 and L2 hold CBET (L1 has left, C1 is a contractor) of S1, S2, L2, M1
      { year: 2023, role_family: "all", holders: 2, headcount: 4, coverage: 0.5 },
      { year: 2023, role_family: "generalist", holders: 1, headcount: 1, coverage: 1 },
      // 2024-06-30: S1 of S1, S2, M1
      { year: 2024, role_family: "all", holders: 1, headcount: 3, coverage: 1 / 3 },
      { year: 2024, role_family: "generalist", holders: 1, headcount: 1, coverage: 1 },
    ]);
    expect(rows[0]!.headcount).toBe((await monthly("2023-12-31")).all!.headcount);
    expect(rows[2]!.headcount).toBe((await monthly("2024-06-30")).all!.headcount);
  });

  it("inventory load's technical FTE is headcount FTE of the technical families", async () => {
    const rows =
      await h.rows(`select year, snapshot_on, active_assets, technical_fte, assets_per_technical_fte
      from marts.inventory_load where org_id = 'A' order by year`);
    expect(rows).toEqual([
      // S1 1 + S2 0.5 + L2 1
      {
        year: 2023,
        snapshot_on: "2023-12-31",
        active_assets: 2,
        technical_fte: 2.5,
        assets_per_technical_fte: 0.8,
      },
      // S1 1 + S2 0.5
      {
        year: 2024,
        snapshot_on: "2024-06-30",
        active_assets: 2,
        technical_fte: 1.5,
        assets_per_technical_fte: 2 / 1.5,
      },
    ]);
    for (const r of rows) {
      const m = await monthly(String(r.snapshot_on));
      expect(r.technical_fte).toBe(m.generalist!.fte + m.specialist!.fte + (m.engineering?.fte ?? 0));
    }
  });

  it("specialist supply averages headcount FTE over the year, and forecast supply is the FTE at as_of", async () => {
    const rows = await h.rows(`select year, domain, supply_fte, is_forecast from marts.specialist_demand
      where org_id = 'A' and domain in ('all', 'general_biomed', 'imaging', 'networking')
      order by year, domain`);
    const supply = Object.fromEntries(rows.map((r) => [`${r.year} ${r.domain}`, r.supply_fte]));
    // 2023: L1 counts 2023-01-01..2023-12-30, 364 of 365 days; C1 is a contractor
    expect(supply["2023 general_biomed"]).toBeCloseTo(1 + 364 / 365, 12);
    expect(supply["2023 imaging"]).toBe(1);
    expect(supply["2023 networking"]).toBe(0.5);
    // 2024 to as_of (182 days): L2 counts 2024-01-01..2024-06-29, 181 days
    expect(supply["2024 general_biomed"]).toBe(1);
    expect(supply["2024 imaging"]).toBeCloseTo(181 / 182, 12);
    expect(supply["2024 all"]).toBeCloseTo(1 + 181 / 182 + 0.5, 12);
    // forecast year 2025 holds the FTE at as_of flat: L2 has left, so no imaging supply
    const jun = await monthly("2024-06-30");
    expect(rows.filter((r) => r.is_forecast).map((r) => [r.year, r.domain, r.supply_fte])).toEqual([
      [2025, "all", jun.generalist!.fte + jun.specialist!.fte],
      [2025, "imaging", 0],
    ]);
  });

  it("internal mobility's average headcount counts the same person-days", async () => {
    const rows = await h.rows(`select year, role_family, avg_headcount from marts.internal_mobility
      where org_id = 'A' and role_family in ('all', 'generalist', 'specialist') order by year, role_family`);
    expect(rows.map((r) => [r.year, r.role_family])).toEqual([
      [2023, "all"],
      [2023, "generalist"],
      [2023, "specialist"],
      [2024, "all"],
      [2024, "generalist"],
      [2024, "specialist"],
    ]);
    // 2023: S1, S2, L2, M1 all 365 days, L1 364; generalists S1 and L1; specialists S2 and L2
    expect(rows[0]!.avg_headcount).toBeCloseTo(4 + 364 / 365, 12);
    expect(rows[1]!.avg_headcount).toBeCloseTo(1 + 364 / 365, 12);
    expect(rows[2]!.avg_headcount).toBe(2);
    // 2024 to as_of (182 days): L2 181 days
    expect(rows[3]!.avg_headcount).toBeCloseTo(3 + 181 / 182, 12);
    expect(rows[4]!.avg_headcount).toBe(1);
    expect(rows[5]!.avg_headcount).toBeCloseTo(1 + 181 / 182, 12);
  });

  it("cost of service prices hours at the median pay of technical staff in headcount", async () => {
    const rows =
      await h.rows(`select year, in_house_hours, hours_priced_at_median, hours_unpriced, labor_cost_usd
      from marts.cost_of_service where org_id = 'A' order by year`);
    expect(rows).toEqual([
      // 2023-12-31: S1 60,000, S2 50,000, L2 90,000 (not L1 200,000, nor contractor C1) -> median 60,000;
      // 400 h x 60,000 / 2080 x 1.3 = 15,000
      {
        year: 2023,
        in_house_hours: 400,
        hours_priced_at_median: 400,
        hours_unpriced: 0,
        labor_cost_usd: 15000,
      },
      // 2024-06-30: only S1 and S2 (L2 left that day): fewer than min_pay_group (3), no median to price at
      { year: 2024, in_house_hours: 200, hours_priced_at_median: 0, hours_unpriced: 200, labor_cost_usd: 0 },
    ]);
  });
});
