/**
 * marts.staffing_gap on the demand fixture (tests/fixtures/metrics-m2/demand, described in
 * metrics-demand.test.ts), every expected figure worked out by hand below. as_of 2024-12-31, 1,600
 * productive hours per FTE. Specialist domains come from data/taxonomy/domains.csv (is_specialist):
 * cybersecurity and imaging are; general_biomed is not.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/metrics-m2/demand");

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
});
afterAll(() => w?.close());

type Row = Record<string, unknown>;
async function byDomain(org: string, year: number): Promise<Record<string, Row>> {
  const rows = await w.rows(`select domain, is_specialist, is_total, demand_fte, supply_fte, gap_fte,
      shortfall_fte, specialist_rank, is_complete_year, is_latest_complete_year
    from marts.staffing_gap where org_id = '${org}' and year = ${year}`);
  return Object.fromEntries(rows.map((r) => [String(r.domain), r]));
}

// 2024 at A: cybersecurity 1,420 h / 1,600 = 0.8875 FTE of work; E1 (1.0 all year) + E2 (0.5 from
// 2024-07-01, 184 of 366 days) = 1 + 92/366 FTE of staff. General biomed 2,400 h = 1.5 FTE; E6 + E7 = 2.
const cyberSupply = 1 + (0.5 * 184) / 366;

describe("marts.staffing_gap", () => {
  it("has one row per org, year and domain", async () => {
    const dup = await w.rows(
      `select org_id, year, domain from marts.staffing_gap group by all having count(*) > 1`,
    );
    expect(dup).toEqual([]);
    const nulls = await w.rows(
      `select * from marts.staffing_gap where org_id is null or year is null or domain is null`,
    );
    expect(nulls).toEqual([]);
  });

  it("carries each domain's demand, supply and gap, and a shortfall that is never negative", async () => {
    const a = await byDomain("A", 2024);
    expect(a.cybersecurity).toMatchObject({ is_specialist: true, is_total: false, specialist_rank: null });
    expect(a.cybersecurity!.demand_fte).toBeCloseTo(0.8875, 10);
    expect(a.cybersecurity!.supply_fte).toBeCloseTo(cyberSupply, 10);
    expect(a.cybersecurity!.gap_fte).toBeCloseTo(0.8875 - cyberSupply, 10);
    // staff exceed the work: no shortfall
    expect(a.cybersecurity!.shortfall_fte).toBe(0);
    expect(a.general_biomed).toMatchObject({
      is_specialist: false,
      demand_fte: 1.5,
      supply_fte: 2,
      gap_fte: -0.5,
    });
  });

  it("totals the specialist domains and all domains, shortfall as the sum of the domains' shortfalls", async () => {
    const a = await byDomain("A", 2024);
    // specialist = cybersecurity only at A
    expect(a.specialist).toMatchObject({ is_specialist: true, is_total: true, shortfall_fte: 0 });
    expect(a.specialist!.demand_fte).toBeCloseTo(0.8875, 10);
    // all: (1,420 + 2,400) / 1,600 = 2.3875 FTE of work; 2 + 1 + 92/366 FTE of staff
    expect(a.all).toMatchObject({ is_specialist: false, is_total: true, shortfall_fte: 0 });
    expect(a.all!.demand_fte).toBeCloseTo(2.3875, 10);
    expect(a.all!.supply_fte).toBeCloseTo(2 + cyberSupply, 10);
    expect(a.all!.gap_fte).toBeCloseTo(2.3875 - 2 - cyberSupply, 10);
  });

  it("does not let a surplus in one specialist domain cover a gap in another", async () => {
    // All organisations, 2024: cybersecurity as at A (surplus 1.2514 − 0.8875 = 0.3639); imaging is B's
    // 40 h / 1,600 = 0.025 FTE with no imaging specialist: short 0.025.
    const all = await byDomain("all", 2024);
    expect(all.imaging!.shortfall_fte).toBeCloseTo(0.025, 10);
    expect(all.imaging!.specialist_rank).toBe(1);
    expect(all.cybersecurity!.specialist_rank).toBeNull();
    // The specialist gap is the imaging shortfall, though the net figure is a surplus:
    // 0.8875 + 0.025 − 1.2514 = −0.3389.
    expect(all.specialist!.shortfall_fte).toBeCloseTo(0.025, 10);
    expect(all.specialist!.gap_fte).toBeCloseTo(0.9125 - cyberSupply, 10);
  });

  it("has no demand figure for a year without work orders, and marks the headline year", async () => {
    // A's first work order is in 2021; E1 is cybersecurity staff from 2020.
    const a2020 = await byDomain("A", 2020);
    expect(a2020.specialist).toMatchObject({
      demand_fte: null,
      supply_fte: 1,
      gap_fte: null,
      shortfall_fte: null,
    });
    expect(a2020.specialist!.is_latest_complete_year).toBe(false);
    // as_of 2024-12-31: 2024 is complete and the latest such year
    const a2024 = await byDomain("A", 2024);
    expect(a2024.specialist).toMatchObject({ is_complete_year: true, is_latest_complete_year: true });
  });

  it("totals equal the sums of their domains for every org and year", async () => {
    const bad = await w.rows(`
      with sums as (
        select org_id, year, 'specialist' as domain, sum(demand_fte) as demand, sum(supply_fte) as supply,
               sum(shortfall_fte) as shortfall
        from marts.staffing_gap where not is_total and is_specialist group by org_id, year
        union all
        select org_id, year, 'all', sum(demand_fte), sum(supply_fte), sum(shortfall_fte)
        from marts.staffing_gap where not is_total group by org_id, year
      )
      select t.org_id, t.year, t.domain from marts.staffing_gap t join sums s using (org_id, year, domain)
      where abs(coalesce(t.demand_fte, 0) - coalesce(s.demand, 0)) > 1e-9
         or abs(t.supply_fte - s.supply) > 1e-9
         or abs(coalesce(t.shortfall_fte, 0) - coalesce(s.shortfall, 0)) > 1e-9`);
    expect(bad).toEqual([]);
  });
});
