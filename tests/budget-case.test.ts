/**
 * The money case of a budget scenario (reports/components/budget-case.js, the one function the brief
 * applies the reader's scenario with) on inputs written here, every figure worked out by hand; and
 * marts.budget_scenario_inputs on tests/fixtures/supply.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

const { scenarioCase } = (await import(
  new URL("../reports/components/budget-case.js", import.meta.url).href
)) as {
  scenarioCase: (
    inputs: object[],
    scenario: Record<string, number>,
    published?: object | null,
  ) => Record<string, any>;
};

const base = {
  productive_hours_per_fte: 1600,
  vendor_takeover_share: 0.5,
  wage_growth_rate: 0.04,
  wage_growth_basis: "setting",
};
// networking: 2 FTE of work, 0.5 staff (none qualified), FTE $130,000, hire $50,000 + training $10,000,
// vendors $400,000 a year at $150 an hour.
const networking = {
  ...base,
  domain: "networking",
  is_specialist: true,
  demand_fte: 2,
  supply_fte: 0.5,
  qualified_supply_fte: 0,
  gap_fte: 1.5,
  shortfall_fte: 2,
  cost_per_fte_usd: 130_000,
  hire_cost_usd: 50_000,
  training_cost_per_hire_usd: 10_000,
  vendor_spend_usd: 400_000,
  vendor_cost_per_hour_usd: 150,
};
// general biomed: 10 FTE of work, 11 staff (a surplus of 1), FTE $100,000, no vendor hourly rate: take-over
// rate = our own cost of an FTE ($62.50 an hour).
const biomed = {
  ...base,
  domain: "general_biomed",
  is_specialist: false,
  demand_fte: 10,
  supply_fte: 11,
  qualified_supply_fte: 11,
  gap_fte: -1,
  shortfall_fte: 0,
  cost_per_fte_usd: 100_000,
  hire_cost_usd: 40_000,
  training_cost_per_hire_usd: 0,
  vendor_spend_usd: 80_000,
  vendor_cost_per_hour_usd: null,
};

describe("scenarioCase", () => {
  it("prices an addition: cost, one-off, vendor spend taken over, net, payback, three years", () => {
    const c = scenarioCase([biomed, networking], { networking: 1 });
    const n = c.rows.find((d: { domain: string }) => d.domain === "networking");
    expect(n.annual_cost_usd).toBe(130_000);
    expect(n.one_off_cost_usd).toBe(60_000);
    // min(0.5 × 400,000, 1 × 1,600 h × $150) = min(200,000, 240,000)
    expect(n.vendor_avoided_usd).toBe(200_000);
    expect(c.total.net_annual_cost_usd).toBe(-70_000);
    // 60,000 ÷ (70,000 ÷ 12) = 10.2857 months
    expect(c.payback_months).toBeCloseTo(60_000 / (70_000 / 12), 10);
    // the headline moves: the specialist gap 2 → 1 (the hire is qualified), total gap 0.5 → −0.5
    expect(c.specialist).toEqual({ shortfall_fte: 2, shortfall_after_fte: 1 });
    expect(c.total.gap_fte).toBe(0.5);
    expect(c.total.gap_after_fte).toBe(-0.5);
    // year 1: 130,000 + 60,000 − 200,000; then pay and vendor prices both grow 4% a year:
    // year 2: (130,000 − 200,000) × 1.04 = −72,800; year 3: −70,000 × 1.04² = −75,712
    const net = c.years.map((y: { net_cost_usd: number }) => y.net_cost_usd);
    expect(net[0]).toBeCloseTo(-10_000, 6);
    expect(net[1]).toBeCloseTo(-72_800, 6);
    expect(net[2]).toBeCloseTo(-75_712, 6);
    expect(c.years[2].cumulative_net_cost_usd).toBeCloseTo(-10_000 - 72_800 - 75_712, 6);
  });

  it("states the published total of need and staff, with the scenario's staff added to it", () => {
    // the staffing gap's total row also counts 0.4 FTE of work and 0.2 of staff in no domain (unmapped):
    // 12.4 of work against 11.7 of staff, a gap of 0.7, where the two domains add up to 12 and 11.5
    const published = { demand_fte: 12.4, supply_fte: 11.7, gap_fte: 0.7 };
    const as = scenarioCase([biomed, networking], {}, published);
    expect(as.changed).toBe(false);
    expect([as.total.demand_fte, as.total.supply_fte, as.total.gap_fte]).toEqual([12.4, 11.7, 0.7]);
    expect(as.total.supply_after_fte).toBeCloseTo(11.7, 10);
    expect(as.total.gap_after_fte).toBeCloseTo(0.7, 10);
    // one networking hire: 12.7 of staff after, a gap of −0.3; a cut of 12 biomed staff removes only the
    // 11 there are (staff never fall below 0): 0.7 of staff after, a gap of 11.7
    const add = scenarioCase([biomed, networking], { networking: 1 }, published);
    expect(add.total.supply_after_fte).toBeCloseTo(12.7, 10);
    expect(add.total.gap_after_fte).toBeCloseTo(-0.3, 10);
    const cut = scenarioCase([biomed, networking], { general_biomed: -12 }, published);
    expect(cut.total.supply_after_fte).toBeCloseTo(0.7, 10);
    expect(cut.total.gap_after_fte).toBeCloseTo(11.7, 10);
    // without a published row the domains' sum stands, as before
    expect(scenarioCase([biomed, networking], {}).total.demand_fte).toBe(12);
  });

  it("does not pay back when the work is taken over at no more than it costs in-house", () => {
    const c = scenarioCase([biomed, networking], { general_biomed: 2 });
    // min(0.5 × 80,000, 2 × 1,600 × 62.5 = 200,000) = 40,000 against 200,000 of pay
    expect(c.total.vendor_avoided_usd).toBe(40_000);
    expect(c.total.net_annual_cost_usd).toBe(160_000);
    expect(c.payback_months).toBeNull();
  });

  it("prices a cut: a saving, vendor work bought for what the surplus cannot absorb", () => {
    const c = scenarioCase([biomed, networking], { general_biomed: -1.5 });
    const b = c.rows.find((d: { domain: string }) => d.domain === "general_biomed");
    expect(b.annual_cost_usd).toBe(-150_000);
    expect(b.one_off_cost_usd).toBe(0);
    // surplus 1 FTE absorbs 1 of the 1.5: 0.5 × 1,600 h × $62.50 = 50,000 bought from vendors
    expect(b.vendor_avoided_usd).toBe(-50_000);
    expect(c.total.net_annual_cost_usd).toBe(-100_000);
    expect(c.payback_months).toBe(0);
    expect(b.gap_after_fte).toBe(0.5);
  });

  it("prices work at our own rate as the cost of an FTE exactly, not a rounded hourly rate × hours", () => {
    // without a vendor hourly price, an FTE of work bought is one FTE's cost: nothing left over
    const rounded = { ...biomed, cost_per_fte_usd: 101_000, gap_fte: 0 };
    const c = scenarioCase([rounded], { general_biomed: -1 });
    expect(c.total.vendor_avoided_usd).toBe(-101_000);
    expect(c.total.net_annual_cost_usd).toBe(0);
    expect(c.payback_months).toBeNull();
    // the net of zero is the price's doing, not a finding: the case names the domain so the page says so
    expect(c.bought_at_own_cost).toEqual(["general_biomed"]);
  });

  it("prices a cut larger than the domain's staff at the staff it has, and names the domain", () => {
    // biomed has 11 staff: a cut of 12 removes 11, 11 × $100,000 = 1,100,000 of pay saved; its surplus of
    // 1 absorbs one FTE of work, the other 10 are bought at our own cost, 10 × 100,000 = 1,000,000
    const c = scenarioCase([biomed, networking], { general_biomed: -12 });
    const b = c.rows.find((d: { domain: string }) => d.domain === "general_biomed");
    expect(b.requested_change_fte).toBe(-12);
    expect(b.change_fte).toBe(-11);
    expect(b.annual_cost_usd).toBe(-1_100_000);
    expect(b.vendor_avoided_usd).toBe(-1_000_000);
    expect(c.total.net_annual_cost_usd).toBe(-100_000);
    expect(b.supply_after_fte).toBe(0);
    expect(c.cut_capped).toEqual(["general_biomed"]);
    // a cut the staff cover is priced as asked
    expect(scenarioCase([biomed, networking], { general_biomed: -11 }).cut_capped).toEqual([]);
    // a cut where there are no staff changes nothing but is still a scenario the page answers
    const empty = scenarioCase([{ ...biomed, supply_fte: 0, qualified_supply_fte: 0 }], {
      general_biomed: -1,
    });
    expect(empty.total.annual_cost_usd).toBe(0);
    expect(empty.cut_capped).toEqual(["general_biomed"]);
    expect(empty.changed).toBe(true);
  });

  it("names the domains whose added staff take vendor work over at our own cost", () => {
    // biomed +0.2: min(0.5 × 80,000 = 40,000, 0.2 × $100,000 = 20,000) = 20,000 avoided against 20,000
    // of pay: $0 net because the work is priced at our own cost, which the page must say
    const own = scenarioCase([biomed, networking], { general_biomed: 0.2 });
    expect(own.total.annual_cost_usd).toBeCloseTo(20_000, 6);
    expect(own.total.vendor_avoided_usd).toBeCloseTo(20_000, 6);
    expect(own.total.net_annual_cost_usd).toBeCloseTo(0, 6);
    expect(own.taken_over_at_own_cost).toEqual(["general_biomed"]);
    expect(own.bought_at_own_cost).toEqual([]);
    // networking +1: min(0.5 × 400,000 = 200,000, 1 × 1,600 h × $150 = 240,000) at the vendor's own price
    const vendor = scenarioCase([biomed, networking], { networking: 1 });
    expect(vendor.total.vendor_avoided_usd).toBe(200_000);
    expect(vendor.taken_over_at_own_cost).toEqual([]);
  });

  it("names no domain bought at our own cost when the vendors' hourly price prices the work", () => {
    // networking: 0.5 staff, cut 0.5 with no surplus: 0.5 × 1,600 h × $150 = 120,000 bought at the vendor's price
    const c = scenarioCase([biomed, networking], { networking: -0.5, general_biomed: -0.5 });
    const n = c.rows.find((d: { domain: string }) => d.domain === "networking");
    expect(n.vendor_avoided_usd).toBe(-120_000);
    expect(n.takeover_rate_basis).toBe("vendor_hour");
    // general biomed's cut of 0.5 fits in its surplus of 1: nothing bought, so nothing to qualify
    expect(c.bought_at_own_cost).toEqual([]);
  });

  it("lists a scenario domain the inputs do not have, and an unpriced one", () => {
    const c = scenarioCase([biomed, { ...networking, cost_per_fte_usd: null }], {
      networking: 1,
      nowhere: 1,
    });
    expect(c.unknown).toEqual(["nowhere"]);
    expect(c.unpriced).toEqual(["networking"]);
  });
});

describe("marts.budget_scenario_inputs", () => {
  let w: FixtureWarehouse;
  beforeAll(async () => {
    w = await buildFixtureWarehouse(path.join(import.meta.dirname, "fixtures/supply"));
  });
  afterAll(() => w?.close());

  it("carries the headline year's gap, the vendor spend, the take-over rate basis and the wage growth setting", async () => {
    const rows = await w.rows(`select * from marts.budget_scenario_inputs where org_id = 'A'`);
    const by = Object.fromEntries(rows.map((r) => [String(r.domain), r]));
    // every taxonomy domain, so a scenario may add staff where there is no work yet
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(by.imaging).toMatchObject({ year: 2024, vendor_spend_usd: 9000, vendor_takeover_share: 0.5 });
    // imaging's vendor rate is implausible ($2,000 an hour): no vendor hourly price, so our own rate
    expect(by.imaging!.vendor_cost_per_hour_usd).toBeNull();
    expect(by.networking!.shortfall_fte).toBeCloseTo(0.125, 12);
    // the setting's 3% while the shipped wage index has fewer than two years; its growth once it has them
    const index = readFileSync(path.join(import.meta.dirname, "../data/reference/wage_index.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","))
      .map(([year, value]) => ({ year: Number(year), value: Number(value) }))
      .sort((a, b) => a.year - b.year);
    if (index.length < 2)
      expect(by.imaging).toMatchObject({ wage_growth_rate: 0.03, wage_growth_basis: "setting" });
    else {
      const last = index.at(-1)!;
      const first = index.find((r) => r.year === Math.max(index[0]!.year, last.year - 5))!;
      expect(by.imaging!.wage_growth_basis).toBe("wage_index");
      expect(by.imaging!.wage_growth_rate).toBeCloseTo(
        (last.value / first.value) ** (1 / (last.year - first.year)) - 1,
        10,
      );
    }
  });
});

describe("marts.budget_scenario_inputs.rests_on_few (the findings rule: 5 people, 5 work orders)", () => {
  let w: FixtureWarehouse;
  // tests/fixtures/small-groups, 2024: five BMET IIs, each one infusion-pump PM (general biomed: 5 people,
  // 5 work orders); one imaging specialist with three CT PMs (imaging: 1 person, 3 work orders)
  beforeAll(async () => {
    w = await buildFixtureWarehouse(path.join(import.meta.dirname, "fixtures/small-groups"));
  });
  afterAll(() => w?.close());

  it("marks a domain resting on fewer than 5 people or work orders, not one resting on 5 of each", async () => {
    const rows = await w.rows(
      `select domain, demand_fte, supply_fte, rests_on_few from marts.budget_scenario_inputs where org_id = 'A'`,
    );
    const by = Object.fromEntries(rows.map((r) => [String(r.domain), r]));
    // 5 × 300 h = 1,500 h of need over 1,600 h an FTE; five people a whole year each
    expect(by.general_biomed).toMatchObject({ supply_fte: 5, rests_on_few: false });
    expect(by.general_biomed!.demand_fte).toBeCloseTo(1500 / 1600, 12);
    expect(by.imaging).toMatchObject({ supply_fte: 1, rests_on_few: true });
    expect(by.imaging!.demand_fte).toBeCloseTo(1200 / 1600, 12);
    // a domain with neither work nor staff states nothing, so there is nothing to mark
    expect(by.dental).toMatchObject({ demand_fte: 0, supply_fte: 0, rests_on_few: false });
    // every organisation together: the same people and work orders
    const all = await w.rows(
      `select domain, rests_on_few from marts.budget_scenario_inputs where org_id = 'all' and domain in ('general_biomed', 'imaging') order by domain`,
    );
    expect(all.map((r) => r.rests_on_few)).toEqual([false, true]);
  });
});
