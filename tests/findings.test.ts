// The sentence logic of reports/components/findings.js and the staffing-gap headline of
// demand-supply.js, on hand-written cases: every expected sentence is written out here, with the
// arithmetic in a comment where there is any.
import { beforeAll, describe, expect, it } from "vitest";
import { shippedTaxonomy } from "./support/site-taxonomy.ts";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Module = Record<string, any>;
const component = (name: string): Promise<Module> =>
  import(new URL(`../reports/components/${name}.js`, import.meta.url).href);

let f: Module;
let gapModule: Module;
beforeAll(async () => {
  (await component("taxonomy")).useTaxonomy(await shippedTaxonomy());
  f = await component("findings");
  gapModule = await component("demand-supply");
});

describe("change()", () => {
  it("says 'held at' when the shown numbers are equal, whatever the unrounded ones", () => {
    // 3.2 and 2.8 people on average both show as 3
    expect(f.change({ subject: "Headcount", from: 3.2, to: 2.8 })).toEqual({
      text: "Headcount held at 3",
      changed: false,
    });
  });

  it("computes the percent from the numbers it shows", () => {
    // averages 2.53 and 6 show as 3 and 6: (6 − 3) / 3 = +100%, not (6 − 2.53) / 2.53 = +137%
    expect(f.change({ subject: "Specialist headcount", from: 2.53, to: 6, relative: true }).text).toBe(
      "Specialist headcount rose from 3 to 6 (+100%)",
    );
    // 40 → 30: −25%
    expect(f.change({ subject: "Headcount", from: 40, to: 30, relative: true }).text).toBe(
      "Headcount fell from 40 to 30 (−25%)",
    );
  });

  it("gives no percent from a start of zero, and names the zero when asked", () => {
    expect(f.change({ subject: "Specialists", from: 0.2, to: 4, relative: true, none: "none" }).text).toBe(
      "Specialists rose from none to 4",
    );
  });

  it("judges rates at the resolution shown", () => {
    // 21.4% and 20.6% both show as 21%
    expect(f.change({ subject: "Turnover", from: 0.214, to: 0.206, format: f.pct }).text).toBe(
      "Turnover held at 21%",
    );
    expect(f.change({ subject: "Turnover", from: 0.1, to: 0.05, format: f.pct }).text).toBe(
      "Turnover fell from 10% to 5%",
    );
  });
});

describe("plural() and small groups", () => {
  it("uses the singular for one, after rounding", () => {
    expect(f.plural(1, "person", "people")).toBe("1 person");
    expect(f.plural(1.2, "person", "people")).toBe("1 person");
    expect(f.plural(3, "person", "people")).toBe("3 people");
    expect(f.plural(0, "hire")).toBe("0 hires");
    expect(f.plural(1250, "work order")).toBe("1,250 work orders");
  });

  it("refuses a headline under 5 people or 5 events", () => {
    expect(f.enoughForHeadline({ people: 4 })).toBe(false);
    expect(f.enoughForHeadline({ people: 5 })).toBe(true);
    expect(f.enoughForHeadline({ people: 12, events: 2 })).toBe(false);
    expect(f.enoughForHeadline({ people: 12, events: 4 })).toBe(false);
    expect(f.enoughForHeadline({ people: 12, events: 5 })).toBe(true);
    // an unknown size is no size
    expect(f.enoughForHeadline({ people: null })).toBe(true);
    expect(f.enoughForHeadline({ people: NaN })).toBe(false);
  });

  it("says the group is too small instead", () => {
    expect(f.tooSmall({ people: 3, what: "in 2025" })).toBe(
      "Too few people for a finding: 3 people in 2025 (a headline needs at least 5; more years or all organisations may reach it)",
    );
    expect(f.tooSmall({ people: 1 })).toBe(
      "Too few people for a finding: 1 person (a headline needs at least 5; more years or all organisations may reach it)",
    );
    expect(f.tooSmall({ people: 40, events: 1 })).toBe(
      "Too few for a finding: 1 event (a finding needs at least 5; more years or all organisations may reach it)",
    );
  });

  it("shows n for groups under 30", () => {
    expect(f.withN("Specialists", 12)).toBe("Specialists (n = 12)");
    expect(f.withN("Generalists", 30)).toBe("Generalists");
    expect(f.withN("All staff", null)).toBe("All staff");
  });

  it("names every value it lists", () => {
    const months = (v: number) => `${v} months`;
    expect(
      f.namedValues(
        [
          { label: "Generalists", value: 99, n: 64 },
          { label: "Specialists", value: 75, n: 9 },
        ],
        months,
      ),
    ).toBe("Generalists 99 months, Specialists (n = 9) 75 months");
    expect(f.listOf(["A"])).toBe("A");
    expect(f.listOf(["A", "B", "C"])).toBe("A, B and C");
  });
});

describe("staffingGapHeadline()", () => {
  const row = (domain: string, o: Record<string, unknown>) => ({
    org_id: "H1",
    year: 2025,
    domain,
    is_total: domain === "specialist" || domain === "all",
    is_complete_year: true,
    is_latest_complete_year: true,
    specialist_rank: null,
    ...o,
  });

  it("names the specialist domains short of staff, largest first, and the specialist total", () => {
    // networking 3.0 − 0.5 = 2.5 short, cybersecurity 1.2 − 0 = 1.2 short, imaging 2 − 3 covered;
    // specialist shortfall = 2.5 + 1.2 = 3.7 (the imaging surplus covers neither)
    const rows = [
      row("networking", {
        is_specialist: true,
        demand_fte: 3,
        supply_fte: 0.5,
        gap_fte: 2.5,
        shortfall_fte: 2.5,
        specialist_rank: 1,
      }),
      row("cybersecurity", {
        is_specialist: true,
        demand_fte: 1.2,
        supply_fte: 0,
        gap_fte: 1.2,
        shortfall_fte: 1.2,
        specialist_rank: 2,
      }),
      row("imaging", { is_specialist: true, demand_fte: 2, supply_fte: 3, gap_fte: -1, shortfall_fte: 0 }),
      row("general_biomed", {
        is_specialist: false,
        demand_fte: 10,
        supply_fte: 8,
        gap_fte: 2,
        shortfall_fte: 2,
      }),
      row("specialist", {
        is_specialist: true,
        demand_fte: 6.2,
        supply_fte: 3.5,
        gap_fte: 2.7,
        shortfall_fte: 3.7,
      }),
      row("all", {
        is_specialist: false,
        demand_fte: 16.2,
        supply_fte: 11.5,
        gap_fte: 4.7,
        shortfall_fte: 5.7,
      }),
    ];
    const gap = gapModule.staffingGap(rows, "H1");
    expect(gap.year).toBe(2025);
    expect(gap.domains).toHaveLength(4);
    expect(gapModule.staffingGapHeadline(gap)).toEqual({
      value: "3.7 FTE",
      sentence:
        "Specialist gap in 2025: 3.7 FTE of specialist work has no specialist to do it (Networking 2.5 FTE and Cybersecurity 1.2 FTE)",
    });
  });

  it("says none when specialist staff cover every specialist domain", () => {
    const rows = [
      row("imaging", { is_specialist: true, demand_fte: 2, supply_fte: 3, gap_fte: -1, shortfall_fte: 0 }),
      row("specialist", { is_specialist: true, demand_fte: 2, supply_fte: 3, gap_fte: -1, shortfall_fte: 0 }),
    ];
    expect(gapModule.staffingGapHeadline(gapModule.staffingGap(rows, "H1"))).toEqual({
      value: "none",
      sentence:
        "Specialist gap in 2025: none; qualified staff (3.0 FTE) cover the specialist work (2.0 FTE) in every specialist domain",
    });
  });

  it("has no figure without work orders", () => {
    const rows = [
      row("specialist", {
        is_specialist: true,
        demand_fte: null,
        supply_fte: 1,
        gap_fte: null,
        shortfall_fte: null,
      }),
    ];
    expect(gapModule.staffingGapHeadline(gapModule.staffingGap(rows, "H1")).value).toBe("–");
  });
});

describe("k of m, counts as shown, muted marks", () => {
  it("writes 'k of m' only from 3 groups", () => {
    expect(f.kOfM(2, 2, "role")).toBeUndefined();
    expect(f.kOfM(1, 3, "role")).toBe("1 of 3 roles");
  });
  it("counts values below a threshold as they are shown", () => {
    const ratio = (v: number) => v.toFixed(2);
    // 0.996 shows as 1.00: not below 1.00; 0.994 shows as 0.99: below
    expect(f.countShownBelow([0.996, 0.994, 1.2, null], 1, ratio)).toBe(1);
  });
  it("draws marks under 5 pale and names n under 30", () => {
    expect(f.markOpacity(4)).toBeLessThan(1);
    expect(f.markOpacity(5)).toBe(1);
    expect(f.markOpacity(null)).toBe(1);
    expect(f.nLabel(12)).toBe("n = 12");
    expect(f.nLabel(30)).toBe("");
  });
});
