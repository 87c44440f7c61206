/**
 * Pay, certification and career marts on tests/fixtures/metrics-m2/careers, expected numbers worked
 * out by hand below. as_of is 2024-06-30, so the 2024 snapshot is taken on as_of and 2024 is a part
 * year (182 of 366 days).
 *
 * Org H (people, job history; "->" is a job-history row):
 * - P1 2018-01-01 BMET I -> 2019-01-01 "Biomed Tech I" (same role: a title-only change, no move)
 *   -> 2020-07-01 BMET II -> 2023-01-01 Medical Device Networking Specialist (into the specialist family).
 *   Pay 48,000 (mid 50,000), 56,000 from 2020-07-01 (mid 60,000), 95,000 from 2023-01-01.
 *   CBET 2019-05-01 and renewed 2022-05-01 (no expiry in the export: + 3 renewal years); Network+
 *   2023-03-01 expiring 2024-08-15 (within 90 days of as_of).
 * - P2 2019-01-01 BMET II -> 2021-01-01 BMET III -> 2022-04-01 Dental Equipment Technician. CABT
 *   2020-01-01 (5 years, not renewable: valid to 2025-01-01).
 * - P3 2020-01-01 "BMET 2" -> 2022-01-01 "Equipment Coordinator" (unmapped) -> 2023-01-01 BMET II:
 *   the unmapped spell is skipped, BMET II -> BMET II is no move. Pay 55,000, 58,000 from 2024-04-01
 *   (a mid-year change), mid 60,000. A+ 2021-09-01 (valid to 2024-09-01: expiring).
 * - P4 2017-01-01 BMET III -> 2023-07-01 Clinical Engineer. CCE 2023-09-01 (never expires).
 * - P5 BMET II contractor: no headcount, pay or certification coverage.
 * - P6 employed 2018-01-01..2019-12-31 as BMET I, rehired 2021-01-01 as BMET II (a new employment,
 *   not a move). Pay 62,000 (mid 60,000) from the rehire. "Vendor Cert XYZ" (unmapped).
 * - P7 2022-02-01 BMET II, fte 0.8, hourly 30: 30 x 2080 x 0.8 = 49,920, no range.
 * - P8 HTM Manager since 2016. P9 2019-06-01 Imaging Specialist -> 2021-06-01 BMET III (a move
 *   down the ladder: not a promotion).
 * Org K: K1..K6 BMET I hired 2023-01-01, range mid 50,000; K1-K3 earn 50k/52k/54k and hold CBET
 * (2023-06-01), K4-K6 earn 40k/42k/44k and hold none.
 * Requisitions (H): R1-R3 BMET II filled in 40, 90 and 20 days; R4 BMET II opened 2024-05-01 and
 * filled after as_of (open at as_of, 60 days old); R5 cybersecurity filled in 135 days (2023-11-01 to
 * 2024-03-15); R6 cybersecurity opened 2024-01-02, still open (180 days); R7 cancelled; R8 opened
 * after as_of.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { martGrains } from "./support/key_checks.ts";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/metrics-m2/careers");
const PAY_POSITION_SQL = path.join(import.meta.dirname, "../src/sql/marts/pay_position.sql");
const ROLE_MARKET_SQL = path.join(import.meta.dirname, "../src/sql/core/role_market.sql");

type Row = Record<string, unknown>;

const GRAIN = martGrains([
  "time_to_fill",
  "vacancy",
  "role_transitions",
  "role_transitions_total",
  "promotion_time",
  "internal_mobility",
  "certification_coverage",
  "pay_position",
  "specialist_demand",
]);

/** Months as the marts count them. */
const months = (days: number) => days / 30.4375;

let w: FixtureWarehouse;

/**
 * Market figures of the test's own, so the expectations do not move with data/reference: BMET II
 * 2019 and two 2022 sources (median of their medians 62,000); BMET I in 2023 and 2025 (a later
 * survey, never used for 2024); Clinical Engineer only in 2025 (no figure for any earlier pay year).
 * Wage index for 2023 and 2024 only: BMET I 2023 is aged to 2024, BMET II 2022 cannot be.
 */
async function useTestMarketPay(): Promise<void> {
  await w.conn.run(`delete from reference.market_pay`);
  await w.conn.run(`insert into reference.market_pay (role, year, source, median) values
    ('BMET II', 2019, 'survey a', 61300), ('BMET II', 2022, 'survey a', 60000),
    ('BMET II', 2022, 'survey b', 64000), ('BMET I', 2023, 'survey a', 50000),
    ('BMET I', 2025, 'survey a', 99000), ('Clinical Engineer', 2025, 'survey a', 120000)`);
  await w.conn.run(`delete from reference.wage_index`);
  await w.conn.run(`insert into reference.wage_index (year, index, series, source) values
    (2023, 160, 'test series', 'test'), (2024, 166.4, 'test series', 'test')`);
  await w.conn.run(readFileSync(ROLE_MARKET_SQL, "utf8"));
  await w.conn.run(readFileSync(PAY_POSITION_SQL, "utf8"));
}

beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
  await useTestMarketPay();
});
afterAll(() => w?.close());

async function one(sql: string): Promise<Row> {
  const rows = await w.rows(sql);
  expect(rows, sql).toHaveLength(1);
  return rows[0]!;
}

describe("marts on the careers fixture", () => {
  it("have a unique, non-null grain", async () => {
    for (const [table, cols] of Object.entries(GRAIN)) {
      const dup = `select ${cols.join(", ")} from ${table} group by all having count(*) > 1`;
      const nul = `select * from ${table} where ${cols.map((c) => `${c} is null`).join(" or ")}`;
      expect(await w.rows(dup), dup).toEqual([]);
      expect(await w.rows(nul), nul).toEqual([]);
    }
  });
});

describe("marts.pay_position", () => {
  it("takes the pay in force at as_of, annualises hourly pay by fte, and reports type-7 quantiles", async () => {
    // BMET II on 2024-06-30: P3 58,000 (raised 2024-04-01), P6 62,000, P7 49,920 (P5 is a contractor).
    // Sorted 49,920 / 58,000 / 62,000: median 58,000; p25 at h = 0.5: 49,920 + 0.5 x 8,080 = 53,960;
    // p75 at h = 1.5: 58,000 + 0.5 x 4,000 = 60,000. Market: 2022 is the latest year <= 2024, two
    // sources -> 62,000.
    const r = await one(
      `select * from marts.pay_position where org_id = 'H' and year = 2024 and role = 'BMET II'`,
    );
    expect(r).toMatchObject({
      n: 3,
      median_pay: 58_000,
      p25_pay: 53_960,
      p75_pay: 60_000,
      market_median: 62_000,
      market_year: 2022,
      market_source: "survey a; survey b",
      // no index value for 2022: used as published, and the row says so
      market_median_aged: null,
      market_basis: "2022 median, not aged (no wage index for 2022 and 2024)",
    });
    expect(r.market_ratio).toBeCloseTo(58_000 / 62_000, 12);
    // only P3 and P6 have a range; P3 alone is certified (A+): both below 3 -> suppressed, with why
    expect(r.median_compa_ratio).toBeNull();
    expect(r.certified_premium).toBeNull();
    expect(r.suppressed_reason).toBe(
      "compa-ratio: fewer than 3 people with a pay range; certified premium: fewer than 3 holders or non-holders",
    );
  });

  it("uses the year-end snapshot for past years", async () => {
    // 2022-12-31 BMET II: P1 56,000 (until 2023-01-01), P6 62,000, P7 49,920; P3 is "Equipment
    // Coordinator" then. Median 56,000; p25 = 49,920 + 0.5 x 6,080 = 52,960; p75 = 56,000 + 0.5 x 6,000.
    const r = await one(`select n, median_pay, p25_pay, p75_pay, market_ratio from marts.pay_position
      where org_id = 'H' and year = 2022 and role = 'BMET II'`);
    expect(r).toEqual({
      n: 3,
      median_pay: 56_000,
      p25_pay: 52_960,
      p75_pay: 59_000,
      market_ratio: 56_000 / 62_000,
    });
  });

  it("computes compa-ratio and the certified premium within a role", async () => {
    // K, BMET I, 2024-06-30: pays 40, 42, 44, 50, 52, 54 (thousand): median 47,000;
    // p25 at h = 1.25: 42,000 + 0.25 x 2,000 = 42,500; p75 at h = 3.75: 50,000 + 0.75 x 2,000 = 51,500.
    // Compa-ratios 0.80 0.84 0.88 1.00 1.04 1.08 -> median 0.94.
    // Premium: holders' median 52,000 / non-holders' 42,000.
    // Market: BMET I 2023 (50,000), never the later 2025 survey; aged by 166.4 / 160 = 1.04 to 52,000:
    // market ratio 47,000 / 52,000.
    const r = await one(
      `select * from marts.pay_position where org_id = 'K' and year = 2024 and role = 'BMET I'`,
    );
    expect(r).toMatchObject({
      n: 6,
      median_pay: 47_000,
      p25_pay: 42_500,
      p75_pay: 51_500,
      market_year: 2023,
      // 1.04 -> "+4%"; the test's index rows have no short name
      market_basis: "2023 median, aged +4% with the wage index to 2024",
    });
    expect(r.wage_index_factor).toBeCloseTo(1.04, 12);
    expect(r.market_median_aged).toBeCloseTo(52_000, 6);
    expect(r.median_compa_ratio).toBeCloseTo(0.94, 12);
    expect(r.certified_premium).toBeCloseTo(52 / 42, 12);
    expect(r.market_ratio).toBeCloseTo(47 / 52, 12);
    expect(r.suppressed_reason).toBeNull();
  });

  it("never sets a pay year against a later survey", async () => {
    // Clinical Engineer has only a 2025 figure: no pay year up to 2024 gets a market figure.
    const ce = await w.rows(`select year, market_median, market_year, market_ratio, market_basis
      from marts.pay_position where role = 'Clinical Engineer' and market_median is not null`);
    expect(ce).toEqual([]);
    const later = await w.rows(`select org_id, year, role from marts.pay_position where market_year > year`);
    expect(later).toEqual([]);
    const unnamed = await w.rows(`select org_id, year, role from marts.pay_position
      where market_median is not null and market_basis not like format('{} %', market_year)`);
    expect(unnamed).toEqual([]);
  });

  it("never shows a statistic of fewer than min_pay_group people", async () => {
    const leaks = await w.rows(`select org_id, year, role, n from marts.pay_position
      where n < 3 and (median_pay is not null or p25_pay is not null or p75_pay is not null
        or market_ratio is not null or median_compa_ratio is not null or certified_premium is not null
        or suppressed_reason is null)`);
    expect(leaks).toEqual([]);
    // P4, the only Clinical Engineer
    const ce = await one(`select n, median_pay, suppressed_reason from marts.pay_position
      where org_id = 'H' and year = 2024 and role = 'Clinical Engineer'`);
    expect(ce).toEqual({
      n: 1,
      median_pay: null,
      suppressed_reason: "pay statistics: fewer than 3 people (internal audience)",
    });
  });

  it("applies the public cell size when the audience is public", async () => {
    await w.conn.run(`update meta.settings set audience = 'public'`);
    try {
      await w.conn.run(readFileSync(PAY_POSITION_SQL, "utf8"));
      // K's six BMET Is are below the 11 a public cell needs
      const r = await one(`select median_pay, suppressed_reason from marts.pay_position
        where org_id = 'K' and year = 2024 and role = 'BMET I'`);
      expect(r).toEqual({
        median_pay: null,
        suppressed_reason: "pay statistics: fewer than 11 people (public audience)",
      });
    } finally {
      await w.conn.run(`update meta.settings set audience = 'internal'`);
      await w.conn.run(readFileSync(PAY_POSITION_SQL, "utf8"));
    }
  });
});

describe("marts.certification_coverage", () => {
  it("counts valid certifications at as_of, with expiry derived from renewal years", async () => {
    const rows = await w.rows(`select certification, holders, headcount, coverage, expiring_90d
      from marts.certification_coverage where org_id = 'H' and year = 2024 and role_family = 'all'
      order by certification`);
    // Headcount on 2024-06-30: P1 P2 P3 P4 P6 P7 P8 P9 = 8 (P5 is a contractor).
    // Expiring = latest expiry within 2024-06-30 + 90 days = 2024-09-28:
    // Network+ (P1, 2024-08-15) and A+ (P3, 2021-09-01 + 3 years = 2024-09-01) are; CBET (P1, renewed:
    // 2025-05-01), CABT (P2, 2025-01-01) and CCE (P4, never) are not.
    expect(rows).toEqual([
      { certification: "CABT", holders: 1, headcount: 8, coverage: 0.125, expiring_90d: 0 },
      { certification: "CBET", holders: 1, headcount: 8, coverage: 0.125, expiring_90d: 0 },
      { certification: "CCE", holders: 1, headcount: 8, coverage: 0.125, expiring_90d: 0 },
      { certification: "COMPTIA_A_PLUS", holders: 1, headcount: 8, coverage: 0.125, expiring_90d: 1 },
      { certification: "COMPTIA_NETWORK_PLUS", holders: 1, headcount: 8, coverage: 0.125, expiring_90d: 1 },
      // any mapped certification: P1 P2 P3 P4; P1 and P3 have one expiring
      { certification: "any", holders: 4, headcount: 8, coverage: 0.5, expiring_90d: 2 },
      { certification: "unmapped", holders: 1, headcount: 8, coverage: 0.125, expiring_90d: 0 },
    ]);
  });

  it("uses 31 December for past years and leaves expiring empty there", async () => {
    // 2022-12-31: P1's first CBET ran out on 2022-05-01 but the renewal covers the date; P2 CABT;
    // P3 A+; P4's CCE comes in 2023. Headcount 8 (P7 joined 2022-02-01).
    const rows = await w.rows(`select certification, holders, expiring_90d from marts.certification_coverage
      where org_id = 'H' and year = 2022 and role_family = 'all' and holders > 0 order by certification`);
    expect(rows).toEqual([
      { certification: "CABT", holders: 1, expiring_90d: null },
      { certification: "CBET", holders: 1, expiring_90d: null },
      { certification: "COMPTIA_A_PLUS", holders: 1, expiring_90d: null },
      { certification: "any", holders: 3, expiring_90d: null },
      { certification: "unmapped", holders: 1, expiring_90d: null },
    ]);
  });

  it("splits by role family and totals organisations", async () => {
    // K: six BMET Is (generalist), three with CBET
    const k = await one(`select holders, headcount, coverage from marts.certification_coverage
      where org_id = 'K' and year = 2024 and role_family = 'generalist' and certification = 'CBET'`);
    expect(k).toEqual({ holders: 3, headcount: 6, coverage: 0.5 });
    // all orgs: H's 8 + K's 6 = 14; CBET: P1 + K1..K3
    const all = await one(`select holders, headcount from marts.certification_coverage
      where org_id = 'all' and year = 2024 and role_family = 'all' and certification = 'CBET'`);
    expect(all).toEqual({ holders: 4, headcount: 14 });
  });
});

describe("marts.role_transitions", () => {
  it("counts role changes, not title changes, and flags promotions", async () => {
    const rows = await w.rows(`select year, from_role, to_role, moves, promotions from marts.role_transitions
      where org_id = 'H' order by year, from_role, to_role`);
    expect(rows).toEqual([
      // P1's 2019 "Biomed Tech I" is still BMET I: no row; P3's unmapped spell and P6's rehire neither
      { year: 2020, from_role: "BMET I", to_role: "BMET II", moves: 1, promotions: 1 },
      { year: 2020, from_role: "all", to_role: "all", moves: 1, promotions: 1 },
      { year: 2021, from_role: "BMET II", to_role: "BMET III", moves: 1, promotions: 1 },
      // P9 moves from a ladder-4 specialist role to BMET III (3): a move, not a promotion
      { year: 2021, from_role: "Imaging Specialist", to_role: "BMET III", moves: 1, promotions: 0 },
      { year: 2021, from_role: "all", to_role: "all", moves: 2, promotions: 1 },
      // into the specialist family
      { year: 2022, from_role: "BMET III", to_role: "Dental Equipment Technician", moves: 1, promotions: 1 },
      { year: 2022, from_role: "all", to_role: "all", moves: 1, promotions: 1 },
      {
        year: 2023,
        from_role: "BMET II",
        to_role: "Medical Device Networking Specialist",
        moves: 1,
        promotions: 1,
      },
      { year: 2023, from_role: "BMET III", to_role: "Clinical Engineer", moves: 1, promotions: 1 },
      { year: 2023, from_role: "all", to_role: "all", moves: 2, promotions: 2 },
    ]);
  });
});

describe("marts.role_transitions_total", () => {
  it("counts the same moves over every year, with the window they were counted in", async () => {
    const rows = await w.rows(`select from_role, to_role, moves, promotions from marts.role_transitions_total
      where org_id = 'H' order by from_role, to_role`);
    // the six moves listed year by year above, once each; 'all' -> 'all' = 1 + 2 + 1 + 2 = 6, 5 promotions
    expect(rows).toEqual([
      { from_role: "BMET I", to_role: "BMET II", moves: 1, promotions: 1 },
      { from_role: "BMET II", to_role: "BMET III", moves: 1, promotions: 1 },
      { from_role: "BMET II", to_role: "Medical Device Networking Specialist", moves: 1, promotions: 1 },
      { from_role: "BMET III", to_role: "Clinical Engineer", moves: 1, promotions: 1 },
      { from_role: "BMET III", to_role: "Dental Equipment Technician", moves: 1, promotions: 1 },
      { from_role: "Imaging Specialist", to_role: "BMET III", moves: 1, promotions: 0 },
      { from_role: "all", to_role: "all", moves: 6, promotions: 5 },
    ]);
    const [window] = await w.rows(`select distinct first_year, last_year from marts.role_transitions_total`);
    expect(window!.last_year).toBe(Number((await w.rows("select year(as_of) y from meta.as_of"))[0]!.y));
  });
});

describe("marts.promotion_time", () => {
  it("measures months from entering a role to the first promotion out of it", async () => {
    const rows = await w.rows(`select from_role, to_role, n, median_months from marts.promotion_time
      where org_id = 'H' order by from_role, to_role`);
    // P1 BMET I from 2018-01-01 (the title change does not restart the clock) to 2020-07-01: 912 days.
    // P1 BMET II 2020-07-01 -> 2023-01-01: 914 days. P2 BMET II 2019-01-01 -> 2021-01-01: 731 days.
    // P2 BMET III 2021-01-01 -> 2022-04-01: 455 days. P4 BMET III 2017-01-01 -> 2023-07-01: 2372 days.
    // P9's move down is no promotion.
    expect(rows).toEqual([
      { from_role: "BMET I", to_role: "BMET II", n: 1, median_months: months(912) },
      { from_role: "BMET I", to_role: "all", n: 1, median_months: months(912) },
      { from_role: "BMET II", to_role: "BMET III", n: 1, median_months: months(731) },
      {
        from_role: "BMET II",
        to_role: "Medical Device Networking Specialist",
        n: 1,
        median_months: months(914),
      },
      { from_role: "BMET II", to_role: "all", n: 2, median_months: (months(731) + months(914)) / 2 },
      { from_role: "BMET III", to_role: "Clinical Engineer", n: 1, median_months: months(2372) },
      { from_role: "BMET III", to_role: "Dental Equipment Technician", n: 1, median_months: months(455) },
      { from_role: "BMET III", to_role: "all", n: 2, median_months: (months(455) + months(2372)) / 2 },
    ]);
  });
});

describe("marts.internal_mobility", () => {
  it("relates moves to average headcount by the family moved from", async () => {
    const rows =
      await w.rows(`select role_family, moves, promotions, avg_headcount, moves_per_100, promotions_per_100
      from marts.internal_mobility where org_id = 'H' and year = 2021 order by role_family`);
    // 2021 employee spells: P1 P2 P3 P4 P6 (all year, generalist), P8 (leadership), P9 Imaging
    // Specialist Jan-May (151 days) then BMET III (214 days); P5 is a contractor, P7 not hired yet.
    const generalist = 5 + 214 / 365;
    const specialist = 151 / 365;
    expect(rows).toHaveLength(4);
    const [all, gen, lead, spec] = rows;
    expect(all).toMatchObject({ role_family: "all", moves: 2, promotions: 1, avg_headcount: 7 });
    expect(all!.moves_per_100).toBeCloseTo(200 / 7, 10);
    expect(gen).toMatchObject({ role_family: "generalist", moves: 1, promotions: 1 });
    expect(gen!.avg_headcount).toBeCloseTo(generalist, 10);
    expect(gen!.promotions_per_100).toBeCloseTo(100 / generalist, 10);
    expect(lead).toMatchObject({ role_family: "leadership", moves: 0, avg_headcount: 1, moves_per_100: 0 });
    expect(spec).toMatchObject({ role_family: "specialist", moves: 1, promotions: 0 });
    expect(spec!.moves_per_100).toBeCloseTo(100 / specialist, 10);
  });
});

describe("marts.time_to_fill", () => {
  it("reports median and 75th percentile of filled requisitions and ages the open ones", async () => {
    const rows = await w.rows(`select role, filled, median_days, p75_days, open_now, oldest_open_days
      from marts.time_to_fill where org_id = 'H' order by role`);
    expect(rows).toEqual([
      // 20, 40, 90: median 40, p75 at h = 1.5: 40 + 0.5 x 50 = 65; R4 is filled after as_of: open, 60 days
      { role: "BMET II", filled: 3, median_days: 40, p75_days: 65, open_now: 1, oldest_open_days: 60 },
      {
        role: "Medical Device Cybersecurity Specialist",
        filled: 1,
        median_days: 135,
        p75_days: 135,
        open_now: 1,
        oldest_open_days: 180,
      },
      // 20, 40, 90, 135: median 65; p75 at h = 2.25: 90 + 0.25 x 45 = 101.25
      { role: "all", filled: 4, median_days: 65, p75_days: 101.25, open_now: 2, oldest_open_days: 180 },
    ]);
  });
});

describe("marts.vacancy", () => {
  it("is open requisitions over headcount plus open requisitions at as_of", async () => {
    const rows =
      await w.rows(`select org_id, role_family, open_reqs, headcount, vacancy_rate from marts.vacancy
      where role_family in ('all', 'specialist') order by org_id, role_family`);
    expect(rows).toEqual([
      // H: 8 employees, R4 and R6 open -> 2 / 10; specialists P1, P2 and R6 -> 1 / 3
      { org_id: "H", role_family: "all", open_reqs: 2, headcount: 8, vacancy_rate: 0.2 },
      { org_id: "H", role_family: "specialist", open_reqs: 1, headcount: 2, vacancy_rate: 1 / 3 },
      { org_id: "K", role_family: "all", open_reqs: 0, headcount: 6, vacancy_rate: 0 },
      { org_id: "all", role_family: "all", open_reqs: 2, headcount: 14, vacancy_rate: 2 / 16 },
      { org_id: "all", role_family: "specialist", open_reqs: 1, headcount: 2, vacancy_rate: 1 / 3 },
    ]);
  });
});

describe("marts.specialist_demand in a part year", () => {
  it("annualises the as_of year's hours over the elapsed fraction", async () => {
    // 91 cybersecurity hours by 2024-06-30; 182 of 366 days elapsed: 91 / (1600 x 182/366) FTE.
    // Nobody at H holds a cybersecurity role (R6 is still open).
    const r = await one(`select year_fraction, demand_fte, supply_fte, gap_fte from marts.specialist_demand
      where org_id = 'H' and year = 2024 and domain = 'cybersecurity'`);
    expect(r.year_fraction).toBeCloseTo(182 / 366, 12);
    expect(r.demand_fte).toBeCloseTo(91 / ((1600 * 182) / 366), 12);
    expect(r).toMatchObject({ supply_fte: 0 });
    expect(r.gap_fte).toBeCloseTo(r.demand_fte as number, 12);
  });

  it("averages supply over the elapsed part of the year", async () => {
    // P1 has been a networking specialist all of 2024 so far: 1.0, not 182/366
    const r = await one(`select supply_fte from marts.specialist_demand
      where org_id = 'H' and year = 2024 and domain = 'networking'`);
    expect(r.supply_fte).toBe(1);
  });
});

describe("marts.specialist_demand when as_of falls in a year's first quarter", () => {
  it("reports no actual row for that year rather than annualise a few weeks", async () => {
    const rebuild = async () => {
      for (const mart of ["workload_domain_quarterly", "demand_trend", "specialist_demand"])
        await w.conn.run(
          readFileSync(path.join(import.meta.dirname, `../src/sql/marts/${mart}.sql`), "utf8"),
        );
    };
    await w.conn.run(`update meta.as_of set as_of = date '2024-02-10'`);
    try {
      await rebuild();
      // no quarter of 2024 is complete on 2024-02-10: 2023 is the last actual year
      const r = await one(`select max(year) as last_year from marts.specialist_demand where not is_forecast`);
      expect(r.last_year).toBe(2023);
    } finally {
      await w.conn.run(`update meta.as_of set as_of = date '2024-06-30'`);
      await rebuild();
    }
  });
});

describe("marts.cost_of_service with fewer than three technicians", () => {
  it("prices their hours at the org's median so no one's pay can be read back", async () => {
    // C1: 91 h by P7 alone (own pay 49,920 would give 31.2 /h and disclose it). H's technical staff
    // on 2024-06-30: 49,920 58,000 60,000 62,000 80,000 85,000 95,000 -> median 62,000 -> 38.75 /h.
    const r = await one(`select technicians_at_own_pay, hours_priced_at_median, labor_cost_usd
      from marts.cost_of_service where org_id = 'H' and year = 2024`);
    expect(r).toEqual({ technicians_at_own_pay: 0, hours_priced_at_median: 91, labor_cost_usd: 91 * 38.75 });
  });
});

/**
 * tests/fixtures/metrics-m2/headcount (as_of 2024-06-30): pay statistics count the people in
 * headcount on the snapshot day, as marts.headcount_monthly does (hire ≤ d < termination).
 * 2023 snapshot 2023-12-31: L1 (200,000) leaves that day and C1 (150,000) is a contractor, so
 * the org's pay group is L2 90,000, S1 60,000, S2 50,000 (annual basis, not scaled by fte),
 * M1 120,000: n = 4, median (60,000 + 90,000) / 2 = 75,000. 2024 snapshot = as_of 2024-06-30:
 * L2 leaves that day: S1, S2, M1 → n = 3, median 60,000. Every single role has n = 1: suppressed.
 */
describe("pay_position counts headcount on the snapshot day", () => {
  let h: FixtureWarehouse;
  beforeAll(async () => {
    h = await buildFixtureWarehouse(path.join("tests/fixtures/metrics-m2/headcount"));
  }, 120_000);
  afterAll(() => h.close());

  it("leavers on the snapshot day and contractors are not in the pay group", async () => {
    expect(
      await h.rows(
        `select year, n, median_pay from marts.pay_position where org_id = 'A' and role = 'all' order by year`,
      ),
    ).toEqual([
      { year: 2023, n: 4, median_pay: 75000 },
      { year: 2024, n: 3, median_pay: 60000 },
    ]);
    const single = await h.rows(
      `select count(*) as n from marts.pay_position where org_id = 'A' and role <> 'all' and (n >= 3 or median_pay is not null)`,
    );
    expect(single).toEqual([{ n: 0 }]);
  });
});
