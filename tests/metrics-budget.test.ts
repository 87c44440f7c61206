/**
 * Budget-brief marts and certification rules on tests/fixtures/budget, expected numbers worked out by
 * hand below. as_of 2024-12-31, history_start 2020-01-01; defaults: min_pay_group 3, benefits_load 1.3,
 * productive_hours_per_fte 1,600, replacement_cost_factor 0.5, retirement_age 65, 8 forecast quarters
 * (forecast years 2025 and 2026).
 *
 * Org A (200 staffed beds): E1 BMET II hired 2020-01-01, born 1958, 60,000; E2 BMET II 2021-01-01, 1985,
 * 64,000; E3 BMET II 2022-01-01, 1990, 68,000; E4 Medical Device Networking Specialist 2023-01-01, 1980,
 * 90,000; E5 BMET I 2022-01-01, left voluntarily 2023-07-01 (546 days), 45,000; E6 BMET II 2024-07-01,
 * 1998, 58,000. Org B (100 beds): B1 BMET II 2022-01-01, 1970, 70,000. Two assets in org A.
 * Market figures and wage index are the test's own (useTestReference), so expectations do not move with
 * data/reference.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { martGrains } from "./support/key_checks.ts";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/budget");
const MARTS_SQL = path.join(import.meta.dirname, "../src/sql/marts");

type Row = Record<string, unknown>;
let w: FixtureWarehouse;

/**
 * Networking specialist: 2023 survey 80,000 and a later 2025 survey (never used for 2024); wage index
 * 2023 = 100, 2024 = 105, so the 2023 figure is 84,000 in 2024. BMET II: 2019 only (50,000; no index
 * for 2019, so used as published). BMET I and III: no figure.
 */
async function useTestReference(): Promise<void> {
  await w.conn.run(`delete from reference.market_pay`);
  await w.conn.run(`insert into reference.market_pay (role, year, source, median) values
    ('Medical Device Networking Specialist', 2023, 'survey a', 80000),
    ('Medical Device Networking Specialist', 2025, 'survey later', 200000),
    ('BMET II', 2019, 'survey a', 50000)`);
  await w.conn.run(`delete from reference.wage_index`);
  await w.conn.run(`insert into reference.wage_index (year, index, series, source) values
    (2023, 100, 'test series', 'test'), (2024, 105, 'test series', 'test')`);
  for (const mart of ["pay_position", "fte_cost", "make_or_buy", "train_or_hire"])
    await w.conn.run(readFileSync(path.join(MARTS_SQL, `${mart}.sql`), "utf8"));
}

beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
  await useTestReference();
});
afterAll(() => w?.close());

async function one(sql: string): Promise<Row> {
  const rows = await w.rows(sql);
  expect(rows, sql).toHaveLength(1);
  return rows[0]!;
}

describe("marts of the budget brief", () => {
  it("have a unique, non-null grain", async () => {
    const grain = martGrains([
      "fte_cost",
      "make_or_buy",
      "projected_supply",
      "training_investment",
      "train_or_hire",
      "staffing_benchmarks",
    ]);
    for (const [table, cols] of Object.entries(grain)) {
      const dup = `select ${cols.join(", ")} from ${table} group by all having count(*) > 1`;
      const nul = `select * from ${table} where ${cols.map((c) => `${c} is null`).join(" or ")}`;
      expect(await w.rows(dup), dup).toEqual([]);
      expect(await w.rows(nul), nul).toEqual([]);
      expect((await w.rows(`select count(*) as n from ${table}`))[0]!.n, table).toBeGreaterThan(0);
    }
  });
});

describe("certification rules", () => {
  it("keeps CompTIA certifications earned by 2010 for life and lets a higher one renew the lower", async () => {
    const rows = await w.rows(`select employee_id, certification_code as code, domain,
        cast(valid_to as varchar) as valid_to
      from core.certifications order by employee_id, valid_from`);
    expect(rows).toEqual([
      // A+ 2019 (to 2022-01-01) renewed by Network+ 2021-06-01 (to 2024-06-01), which Security+
      // 2024-03-01 renews to 2027-03-01 while A+ is still valid through Network+: all three to 2027-03-01.
      { employee_id: "B1", code: "COMPTIA_A_PLUS", domain: "networking", valid_to: "2027-03-01" },
      {
        employee_id: "B1",
        code: "COMPTIA_NETWORK_PLUS",
        domain: "networking",
        valid_to: "2027-03-01",
      },
      { employee_id: "B1", code: "COMPTIA_SECURITY_PLUS", domain: "cybersecurity", valid_to: "2027-03-01" },
      // CISS is industrial sterilization: no HTM work domain (2022-01-01 + 3 years)
      { employee_id: "E1", code: "CISS", domain: null, valid_to: "2025-01-01" },
      {
        employee_id: "E1",
        code: "COMPTIA_NETWORK_PLUS",
        domain: "networking",
        valid_to: "2026-06-01",
      },
      // A+ earned 2009-05-01: good for life, whatever the export's 2012 expiry says
      { employee_id: "E2", code: "COMPTIA_A_PLUS", domain: "networking", valid_to: null },
      {
        employee_id: "E2",
        code: "COMPTIA_NETWORK_PLUS",
        domain: "networking",
        valid_to: "2026-04-01",
      },
      { employee_id: "E3", code: "COMPTIA_A_PLUS", domain: "networking", valid_to: "2027-01-01" },
      // Network+ 2018 lapsed 2021-01-01 before Security+ 2022-01-01 was earned: not renewed
      {
        employee_id: "E4",
        code: "COMPTIA_NETWORK_PLUS",
        domain: "networking",
        valid_to: "2021-01-01",
      },
      { employee_id: "E4", code: "COMPTIA_SECURITY_PLUS", domain: "cybersecurity", valid_to: "2025-01-01" },
    ]);
  });

  it("ships the CEU counts the issuers publish", async () => {
    const rows = await w.rows(`select code, ceus from taxonomy.certifications
      where code in ('CBET', 'COMPTIA_A_PLUS', 'COMPTIA_NETWORK_PLUS', 'COMPTIA_SECURITY_PLUS',
        'COMPTIA_CYSA_PLUS', 'CCNA', 'CISSP') order by code`);
    expect(Object.fromEntries(rows.map((r) => [r.code, r.ceus]))).toEqual({
      CBET: 30,
      CCNA: 30,
      CISSP: 120,
      COMPTIA_A_PLUS: 20,
      COMPTIA_CYSA_PLUS: 60,
      COMPTIA_NETWORK_PLUS: 30,
      COMPTIA_SECURITY_PLUS: 50,
    });
  });
});

describe("marts.fte_cost", () => {
  it("prices an added FTE at the org's median pay in the domain's roles, times the benefits load", async () => {
    // A, general biomed, 2024-12-31: E1 60,000, E2 64,000, E3 68,000, E6 58,000 (4 >= 3 people):
    // median (60,000 + 64,000) / 2 = 62,000; x 1.3 = 80,600 a year; / 1,600 h = 50.375 per hour;
    // a leaver costs 0.5 x 62,000 = 31,000.
    const r = await one(
      `select * from marts.fte_cost where org_id = 'A' and domain = 'general_biomed' and year = 2024`,
    );
    expect(r).toMatchObject({
      n_paid: 4,
      cost_basis: "org_median",
      base_pay_usd: 62_000,
      benefits_load: 1.3,
    });
    expect(r.cost_per_fte_usd).toBeCloseTo(80_600, 6);
    expect(r.in_house_cost_per_hour_usd).toBeCloseTo(50.375, 9);
    expect(r.replacement_cost_per_leaver_usd).toBeCloseTo(31_000, 6);
    // all orgs: 58, 60, 64, 68, 70 thousand -> 64,000
    const all = await one(
      `select base_pay_usd from marts.fte_cost where org_id = 'all' and domain = 'general_biomed' and year = 2024`,
    );
    expect(all.base_pay_usd).toBe(64_000);
    // facilities support has no role of its own: generalists do it, at the same price
    const fac = await one(
      `select base_pay_usd from marts.fte_cost where org_id = 'A' and domain = 'facilities_support' and year = 2024`,
    );
    expect(fac.base_pay_usd).toBe(62_000);
  });

  it("falls back to the market figure below min_pay_group, aged by the wage index, never a later survey", async () => {
    // A, networking: E4 alone -> market: 2023 survey 80,000 (not the 2025 one) x 105 / 100 = 84,000;
    // x 1.3 = 109,200; / 1,600 = 68.25 per hour. n_paid is not published for a group below 3.
    const r = await one(
      `select * from marts.fte_cost where org_id = 'A' and domain = 'networking' and year = 2024`,
    );
    expect(r).toMatchObject({
      n_paid: null,
      cost_basis: "market",
      market_basis: "survey 2023, aged to 2024 with the wage index",
    });
    expect(r.base_pay_usd).toBeCloseTo(84_000, 6);
    expect(r.cost_per_fte_usd).toBeCloseTo(109_200, 6);
    expect(r.in_house_cost_per_hour_usd).toBeCloseTo(68.25, 9);
    // B, general biomed: B1 alone -> BMET II 2019 50,000, no index for 2019: as published; x 1.3 = 65,000
    const b = await one(
      `select * from marts.fte_cost where org_id = 'B' and domain = 'general_biomed' and year = 2024`,
    );
    expect(b).toMatchObject({
      cost_basis: "market",
      base_pay_usd: 50_000,
      market_basis: "survey 2019, not aged (no wage index)",
    });
    expect(b.cost_per_fte_usd).toBeCloseTo(65_000, 6);
    // 2022 networking: no survey up to 2022 and E4 not yet hired -> no price at all
    const early = await one(
      `select cost_basis, base_pay_usd from marts.fte_cost where org_id = 'A' and domain = 'networking' and year = 2022`,
    );
    expect(early).toEqual({ cost_basis: null, base_pay_usd: null });
  });
});

describe("marts.fte_cost turnover", () => {
  it("prices turnover at the current rate: staff FTE x turnover rate x replacement cost of a leaver", async () => {
    // A, general biomed, 2023: staff E1, E2, E3 all year and E5 to 2023-07-01 (181 of 365 days):
    // 3 + 181 / 365 FTE; pay on 2023-12-31: 60, 64, 68 thousand -> median 64,000, a leaver 32,000.
    // The turnover rate is marts.turnover_annual's (E5's exit), tested with that mart.
    const r =
      await one(`select f.supply_fte, f.turnover_rate, f.turnover_cost_usd, t.turnover_rate as mart_rate
      from marts.fte_cost f join marts.turnover_annual t on t.org_id = f.org_id and t.year = f.year and t.role_family = 'all'
      where f.org_id = 'A' and f.domain = 'general_biomed' and f.year = 2023`);
    expect(r.supply_fte).toBeCloseTo(3 + 181 / 365, 9);
    expect(r.turnover_rate).toBe(r.mart_rate);
    expect(r.turnover_rate as number).toBeGreaterThan(0);
    expect(r.turnover_cost_usd).toBeCloseTo((3 + 181 / 365) * (r.mart_rate as number) * 32_000, 6);
  });
});

describe("marts.make_or_buy", () => {
  it("sets the vendor spend and vendor cost per hour against the in-house cost per hour", async () => {
    // A, general biomed, 2024: vendor costs V1 1,500 (10 h), V2 5,000 (no hours recorded), and 200 on the
    // in-house V3: spend 6,700. Per hour: 1,500 / 10 = 150 (V2 records no hours). In-house: 50.375 per
    // hour, so V1's 10 hours would cost 503.75 in-house, 10 / 1,600 = 0.00625 FTE.
    // In-house hours: G9..G12 = 190 + 200 + 210 + 220 = 820, plus V3 5 = 825.
    const r = await one(
      `select * from marts.make_or_buy where org_id = 'A' and domain = 'general_biomed' and year = 2024`,
    );
    expect(r).toMatchObject({
      in_house_hours: 825,
      vendor_work_orders: 2,
      vendor_spend_usd: 6_700,
      vendor_work_orders_with_hours: 1,
      vendor_hours_recorded: 10,
      vendor_cost_per_hour_usd: 150,
      in_house_cost_basis: "org_median",
    });
    expect(r.in_house_cost_per_hour_usd).toBeCloseTo(50.375, 9);
    expect(r.in_house_cost_of_vendor_hours_usd).toBeCloseTo(503.75, 9);
    expect(r.vendor_hours_fte).toBeCloseTo(0.00625, 12);
  });
});

describe("marts.projected_supply", () => {
  it("projects today's staff less expected leavers and retirements against the demand forecast", async () => {
    // Voluntary Kaplan-Meier curve of A: E5 leaves at day 546 (month 17.9) with 5 at risk -> S = 0.8 from
    // month 18 on. In post 2024-12-31 in general biomed: E1 (month 59), E2 (47), E3 (35): S(then) / S(now)
    // = 1; E6 hired 2024-07-01 is at month 6 (S = 1) and at month 18 on 2025-12-31 (S = 0.8): stays with
    // 0.8. Retirement: of A's 5 staff in post with a birth year, E1 (1958) is 67 >= 65 in 2025: share 0.2.
    // Supply 2025 = (1 + 1 + 1 + 0.8) x (1 - 0.2) = 3.04; leavers 0.2; retirements 3.8 x 0.2 = 0.76.
    // Networking: E4 stays (1) x 0.8 = 0.8. 2026: the same (the curve has no later event; E1 still retired).
    const rows =
      await w.rows(`select year, domain, supply_now_fte, expected_leavers_fte, expected_retirements_fte,
        projected_supply_fte, retirement_known
      from marts.projected_supply where org_id = 'A' and domain in ('general_biomed', 'networking', 'all')
      order by year, domain`);
    const expected = (year: number) => [
      { year, domain: "all", supply_now_fte: 5, leavers: 0.2, retirements: 0.96, projected: 3.84 },
      { year, domain: "general_biomed", supply_now_fte: 4, leavers: 0.2, retirements: 0.76, projected: 3.04 },
      {
        year,
        domain: "networking",
        supply_now_fte: 1,
        leavers: 0,
        retirements: 0.2,
        projected: 0.8,
      },
    ];
    const got = rows.map((r) => ({
      year: r.year,
      domain: r.domain,
      supply_now_fte: r.supply_now_fte,
      leavers: Number((r.expected_leavers_fte as number).toFixed(12)),
      retirements: Number((r.expected_retirements_fte as number).toFixed(12)),
      projected: Number((r.projected_supply_fte as number).toFixed(12)),
    }));
    expect(got).toEqual([...expected(2025), ...expected(2026)]);
    expect(rows.every((r) => r.retirement_known === true)).toBe(true);
  });

  it("uses the pooled retirement share where an org's would tell one person's age, and the demand forecast", async () => {
    // B: B1 alone (1 < 3 known ages) -> the share over all orgs: E1 of 6 staff in post = 1/6;
    // B's curve has no event: stays 1. Supply 2025 = 1 x 5/6.
    const b = await one(
      `select projected_supply_fte from marts.projected_supply where org_id = 'B' and year = 2025 and domain = 'general_biomed'`,
    );
    expect(b.projected_supply_fte).toBeCloseTo(5 / 6, 12);
    // all orgs: pooled curve, at risk at day 546 = E1..E5 and B1 (6) -> S = 5/6 for E6; share 1/6:
    // general biomed (E1, E2, E3, B1 stay; E6 5/6) = (4 + 5/6) x 5/6 = 4.02777...
    const all = await one(
      `select projected_supply_fte from marts.projected_supply where org_id = 'all' and year = 2025 and domain = 'general_biomed'`,
    );
    expect(all.projected_supply_fte).toBeCloseTo((4 + 5 / 6) * (5 / 6), 12);
    // the gap is the forecast demand of marts.specialist_demand less this supply, row by row
    const gaps = await w.rows(`select p.projected_gap_fte - (d.demand_fte - p.projected_supply_fte) as diff
      from marts.projected_supply p
      join marts.specialist_demand d on d.org_id = p.org_id and d.year = p.year and d.domain = p.domain and d.is_forecast`);
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) expect(Math.abs(g.diff as number)).toBeLessThan(1e-9);
  });
});

describe("marts.training_investment and marts.train_or_hire", () => {
  it("counts training hours and spend per technical FTE and the certifications earned", async () => {
    // A, networking, 2023: E1 20 h 1,000 + 10 h 500, E2 40 h 2,000, E3 16 h (no cost): 4 courses, 3 people,
    // 86 h, 3,500. Technical FTE on 2023-12-31: E1, E2, E3, E4 = 4 (E5 left, E6 not yet hired):
    // 21.5 h and 875 per FTE. Certifications earned in 2023 in networking: E1 and E2 Network+ = 2.
    const r = await one(
      `select * from marts.training_investment where org_id = 'A' and year = 2023 and domain = 'networking'`,
    );
    expect(r).toMatchObject({
      courses: 4,
      trainees: 3,
      training_hours: 86,
      training_cost_usd: 3_500,
      certifications_earned: 2,
      technical_fte: 4,
      hours_per_fte: 21.5,
      cost_per_fte_usd: 875,
    });
  });

  it("sets the cost and time of training generalists against hiring", async () => {
    // A, networking. Trainees: E1 30 h / 1,500, E2 40 h / 2,000, E3 16 h / 0 -> medians 30 h and 1,500.
    // Train cost = 1,500 + 30 h x 50.375 (general biomed in-house hour, 2024) = 3,011.25.
    // Days to the first networking certification after the first course: E1 2023-01-10 -> Network+
    // 2023-06-01 = 142; E2 2023-02-01 -> 2023-04-01 = 59; E3 2023-05-01 -> A+ 2024-01-01 = 245: median 142.
    // Hire: 0.5 x 84,000 (market, aged) = 42,000 once, then 109,200 a year; time to fill R1 75 days
    // (2022-10-01 -> 2022-12-15), R2 100 days (2024-01-01 -> 2024-04-10): median 87.5.
    const r = await one(`select * from marts.train_or_hire where org_id = 'A' and domain = 'networking'`);
    expect(r).toMatchObject({
      trainees: 3,
      train_hours: 30,
      train_course_cost_usd: 1_500,
      trainees_certified: 3,
      train_days: 142,
      cost_basis: "market",
      filled_requisitions: 2,
      hire_days: 87.5,
    });
    expect(r.train_cost_usd).toBeCloseTo(3_011.25, 9);
    expect(r.hire_cost_usd).toBeCloseTo(42_000, 6);
    expect(r.cost_per_fte_usd).toBeCloseTo(109_200, 6);
    // general biomed: one trainee (E6) is below min_pay_group: no medians
    const g = await one(
      `select trainees, train_hours, train_cost_usd from marts.train_or_hire where org_id = 'A' and domain = 'general_biomed'`,
    );
    expect(g).toEqual({ trainees: 1, train_hours: null, train_cost_usd: null });
  });
});

describe("marts.staffing_benchmarks", () => {
  it("gives technical FTE per 100 staffed beds and devices per FTE beside the published figures", async () => {
    // A: 5 technical FTE in post, 200 beds -> 2.5; 2 devices / 5 FTE = 0.4. All: 6 FTE / 300 beds -> 2.0.
    const a = await one(`select * from marts.staffing_benchmarks where org_id = 'A'`);
    expect(a).toMatchObject({ staffed_beds: 200, fte_per_100_beds: 2.5, technical_fte: 5, active_assets: 2 });
    expect(a.devices_per_technical_fte).toBeCloseTo(0.4, 12);
    expect(a.fte_per_100_beds_benchmark).toBe(2.5);
    expect(a.fte_per_100_beds_source).toMatch(/Eliason et al/);
    expect(a.devices_per_technical_fte_benchmark).toBe(1000);
    const all = await one(
      `select staffed_beds, fte_per_100_beds from marts.staffing_benchmarks where org_id = 'all'`,
    );
    expect(all).toEqual({ staffed_beds: 300, fte_per_100_beds: 2 });
  });
});
