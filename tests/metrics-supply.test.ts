/**
 * Supply from who does the work (core.technician_domain_fte, marts.staffing_gap, marts.work_coverage) on
 * tests/fixtures/supply, every figure worked out by hand here. as_of 2024-12-31 (2024 is a leap year:
 * 366 days), 1,600 productive hours per FTE.
 *
 * Organisation A, 2024, in-house hours by person and domain:
 *   T1 BMET II 1.0 FTE: 1,000 h general biomed (pump PM), 600 h facilities (sterilizer repair) = 1,600 h
 *   T2 BMET I 0.5 FTE:    600 h facilities, 200 h networking & integration                  =   800 h
 *   T3 Imaging Specialist 1.0 FTE: 1,200 h imaging (CT PM), 400 h general biomed           = 1,600 h
 *   T4 BMET II 1.0 FTE hired 2024-07-01 (184 of 366 days), no logged work
 *   M1 HTM Manager 1.0 FTE: 160 h general biomed
 *   vendor work: CT repairs A08 (no hours, $5,000) and A09 (2 h, $4,000); pump repair A10 (no hours, $800).
 * Organisation B: one BMET II 1.0 FTE; its in-house work order (800 h facilities) names no technician;
 *   vendor sterilizer repairs B02 (4 h, $600), B03 (2 h, $300), B04 (no hours, $900).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/supply");

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
});
afterAll(() => w?.close());

type Row = Record<string, unknown>;
async function gap(org: string): Promise<Record<string, Row>> {
  const rows = await w.rows(`select * from marts.staffing_gap where org_id = '${org}' and year = 2024`);
  return Object.fromEntries(rows.map((r) => [String(r.domain), r]));
}
const T4 = 184 / 366;

describe("supply allocated by each technician's own hours", () => {
  it("splits each technician's FTE by their share of hours", async () => {
    const rows = await w.rows(`select employee_id, domain, basis, fte from core.technician_domain_fte
      where org_id = 'A' and year = 2024 order by employee_id, domain`);
    const fte = Object.fromEntries(rows.map((r) => [`${r.employee_id} ${r.domain}`, r.fte as number]));
    // T1: 1,000 / 1,600 and 600 / 1,600 of 1.0 FTE
    expect(fte["T1 general_biomed"]).toBeCloseTo(0.625, 12);
    expect(fte["T1 facilities_support"]).toBeCloseTo(0.375, 12);
    // T2: 600 / 800 and 200 / 800 of 0.5 FTE
    expect(fte["T2 facilities_support"]).toBeCloseTo(0.375, 12);
    expect(fte["T2 networking"]).toBeCloseTo(0.125, 12);
    // T3: 1,200 / 1,600 and 400 / 1,600 of 1.0 FTE
    expect(fte["T3 imaging"]).toBeCloseTo(0.75, 12);
    expect(fte["T3 general_biomed"]).toBeCloseTo(0.25, 12);
    // T4: no logged work, so the role's domain, for the half year employed
    expect(fte["T4 general_biomed"]).toBeCloseTo(T4, 12);
    expect(rows.find((r) => r.employee_id === "T4")!.basis).toBe("role");
    // M1: 160 h = 0.1 FTE of general biomed work, the other 0.9 leadership, apart
    expect(fte["M1 general_biomed"]).toBeCloseTo(0.1, 12);
    expect(fte["M1 leadership"]).toBeCloseTo(0.9, 12);
  });

  it("gives need, staff and gap by domain that add up to the total", async () => {
    const a = await gap("A");
    // need: general biomed (1,000 + 400 + 160) / 1,600 = 0.975; staff 0.625 + 0.25 + T4 + 0.1
    expect(a.general_biomed!.demand_fte).toBeCloseTo(0.975, 12);
    expect(a.general_biomed!.supply_fte).toBeCloseTo(0.975 + T4, 12);
    expect(a.general_biomed!.gap_fte).toBeCloseTo(-T4, 12);
    // facilities: 1,200 h = 0.75 FTE of work done by two generalists: covered, no gap, no shortfall
    expect(a.facilities_support).toMatchObject({ shortfall_fte: 0 });
    expect(a.facilities_support!.demand_fte).toBeCloseTo(0.75, 12);
    expect(a.facilities_support!.supply_fte).toBeCloseTo(0.75, 12);
    expect(a.facilities_support!.gap_fte).toBeCloseTo(0, 12);
    // imaging: 0.75 of work, 0.75 of the imaging specialist: covered by someone qualified
    expect(a.imaging!.gap_fte).toBeCloseTo(0, 12);
    expect(a.imaging!.shortfall_fte).toBeCloseTo(0, 12);
    // networking: 200 h = 0.125 FTE done by a BMET I, covered but by no one qualified: the specialist gap
    expect(a.networking!.gap_fte).toBeCloseTo(0, 12);
    expect(a.networking!.qualified_supply_fte).toBe(0);
    expect(a.networking!.shortfall_fte).toBeCloseTo(0.125, 12);
    expect(a.specialist!.shortfall_fte).toBeCloseTo(0.125, 12);
    // total: 4,160 h / 1,600 = 2.6 FTE of work against 2.6 + T4 of staff; the manager's 0.9 apart
    expect(a.all!.demand_fte).toBeCloseTo(2.6, 12);
    expect(a.all!.supply_fte).toBeCloseTo(2.6 + T4, 12);
    expect(a.all!.gap_fte).toBeCloseTo(-T4, 12);
    expect(a.all!.leadership_fte).toBeCloseTo(0.9, 12);
    expect(a.all!.supply_basis).toBe("work");
  });

  it("falls back to role-based supply where work orders name no technician, and says so", async () => {
    const b = await gap("B");
    expect(b.all!.supply_basis).toBe("role");
    // the BMET II counts in general biomed; the 800 h of facilities work (0.5 FTE) has no staff
    expect(b.general_biomed!.supply_fte).toBeCloseTo(1, 12);
    expect(b.facilities_support!.gap_fte).toBeCloseTo(0.5, 12);
    const all = await gap("all");
    expect(all.all!.supply_basis).toBe("mixed");
  });

  it("need − staff = gap in total and the domains add up, for every organisation and year", async () => {
    const bad = await w.rows(`
      with sums as (
        select org_id, year, sum(demand_fte) as need, sum(supply_fte) as staff, sum(gap_fte) as gap
        from marts.staffing_gap where not is_total group by all
      )
      select t.org_id, t.year from marts.staffing_gap t join sums s using (org_id, year)
      where t.domain = 'all' and (abs(t.demand_fte - s.need) > 1e-9 or abs(t.supply_fte - s.staff) > 1e-9
         or abs(t.gap_fte - s.gap) > 1e-9 or abs(t.demand_fte - t.supply_fte - t.gap_fte) > 1e-9)`);
    expect(bad).toEqual([]);
  });

  it("shows who covers each domain's work, vendors included, with its n", async () => {
    const rows = await w.rows(`select domain, covered_by, work_orders, hours, people from marts.work_coverage
      where org_id = 'A' and year = 2024 order by domain, covered_by`);
    expect(rows).toEqual([
      { domain: "facilities_support", covered_by: "generalist", work_orders: 2, hours: 1200, people: 2 },
      { domain: "general_biomed", covered_by: "generalist", work_orders: 1, hours: 1000, people: 1 },
      { domain: "general_biomed", covered_by: "leadership", work_orders: 1, hours: 160, people: 1 },
      { domain: "general_biomed", covered_by: "specialist", work_orders: 1, hours: 400, people: 1 },
      { domain: "general_biomed", covered_by: "vendor", work_orders: 1, hours: 0, people: null },
      { domain: "imaging", covered_by: "specialist", work_orders: 1, hours: 1200, people: 1 },
      { domain: "imaging", covered_by: "vendor", work_orders: 2, hours: 2, people: null },
      { domain: "networking", covered_by: "generalist", work_orders: 1, hours: 200, people: 1 },
    ]);
  });
});

describe("vendor price per hour only where enough vendor work records hours (share 0.5 by default)", () => {
  async function rate(org: string, domain: string) {
    const [r] =
      await w.rows(`select vendor_hours_share, vendor_cost_per_hour_usd, vendor_cost_per_work_order_usd,
        vendor_rate_note
      from marts.make_or_buy where org_id = '${org}' and domain = '${domain}' and year = 2024`);
    return r;
  }
  it("prices per hour when at least half the vendor work orders record hours and the rate is plausible", async () => {
    // B facilities: 2 of 3 vendor work orders record hours; (600 + 300) / (4 + 2) = $150 an hour
    expect(await rate("B", "facilities_support")).toEqual({
      vendor_hours_share: 2 / 3,
      vendor_cost_per_hour_usd: 150,
      vendor_cost_per_work_order_usd: (600 + 300 + 900) / 3,
      vendor_rate_note: null,
    });
  });
  it("prices per work order when too few record hours", async () => {
    // A general biomed: the one vendor work order records none
    expect(await rate("A", "general_biomed")).toMatchObject({
      vendor_hours_share: 0,
      vendor_cost_per_hour_usd: null,
      vendor_cost_per_work_order_usd: 800,
      vendor_rate_note: "few_hours",
    });
  });
  it("never gives a rate of $1,000 an hour or more", async () => {
    // A imaging: half record hours, but $4,000 / 2 h = $2,000 an hour: per work order (5,000 + 4,000) / 2
    expect(await rate("A", "imaging")).toMatchObject({
      vendor_hours_share: 0.5,
      vendor_cost_per_hour_usd: null,
      vendor_cost_per_work_order_usd: 4500,
      vendor_rate_note: "implausible_rate",
    });
    const high = await w.rows(`select * from marts.make_or_buy where vendor_cost_per_hour_usd >= 1000`);
    expect(high).toEqual([]);
  });
});
