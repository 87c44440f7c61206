/**
 * The attacks have teeth: each one, given a small publication with a leak planted by hand (worked
 * out in the comments), finds it. Without these, an attack that silently reads nothing would pass.
 */
import { describe, expect, it } from "vitest";
import {
  attackAcrossFiles,
  attackDirectCounts,
  attackRateTimesDenominator,
  attackReidentify,
  attackSubtraction,
} from "./counts.ts";
import type { Knowledge, Member } from "./knowledge.ts";
import { attackPayLP, attackPayRounding } from "./pay.ts";
import type { Table } from "./published.ts";
import {
  attackGreenwood,
  attackNearGroups,
  attackOrderStatistics,
  attackReleases,
  type Profile,
} from "./society.ts";

const member = (employee: string, role: string): Member => ({
  employee,
  org: "H1",
  year: 2024,
  role,
  family: role === "Imaging Specialist" ? "specialist" : "generalist",
  domain: role === "Imaging Specialist" ? "imaging" : "general_biomed",
});

const knowledge: Knowledge = {
  paid: [...["a", "b", "c", "d", "e"].map((e) => member(e, "BMET I")), member("f", "Imaging Specialist")],
  leavers: [],
  headcountByMonth: new Map([
    [
      "H1",
      new Map([
        ["2024-01-31", 40],
        ["2024-02-29", 41],
        ["2024-03-31", 43],
      ]),
    ],
    [
      "H2",
      new Map([
        ["2024-01-31", 25],
        ["2024-02-29", 25],
        ["2024-03-31", 26],
      ]),
    ],
  ]),
  orgs: [
    { org: "H1", name: "Hospital One", beds: 410 },
    { org: "H2", name: "Hospital Two", beds: 150 },
  ],
  roles: new Map([
    ["BMET I", { family: "generalist", domain: "general_biomed" }],
    ["Imaging Specialist", { family: "specialist", domain: "imaging" }],
  ]),
};

describe("pay attacks find planted leaks", () => {
  it("a one-person pay group is that person's pay (MIP bound of zero width)", async () => {
    const t: Table = {
      name: "pay",
      rows: [
        { org_id: "H1", year: 2024, role: "BMET I", n: 5, median_pay: 52_000 },
        { org_id: "H1", year: 2024, role: "Imaging Specialist", n: 1, median_pay: 88_700 },
      ],
    };
    const found = await attackPayLP([t], knowledge);
    // f alone: 88,650 ≤ pay ≤ 88,750; the five BMET I are only known to straddle 52,000
    expect(found.map((f) => f.detail)).toEqual([expect.stringMatching(/person f\|?.*\[88650, 88750\]/)]);
  });

  it("an unrounded figure, a group of 3, and a median given back to the dollar by a cost column", () => {
    const rows = [50_000, 60_000, 70_000, 80_000].map((p, i) => ({
      org_id: "H1",
      year: 2020 + i,
      n_paid: 6,
      supply_fte: 4,
      turnover_rate: 0.25,
      base_pay_usd: p,
      // turnover cost = median (before rounding) × FTE × rate × 0.5: 50,049 × 4 × 0.25 × 0.5 = 25,024.5
      turnover_cost_usd: (p + 49) * 4 * 0.25 * 0.5,
    }));
    const found = attackPayRounding([
      { name: "cost", rows },
      { name: "pay", rows: [{ org_id: "H1", role: "X", n: 3, median_pay: 61_283 }] },
    ]);
    expect(found.map((f) => f.attack).sort()).toEqual([
      "pay-small-group",
      "pay-unrounded",
      "pay-unrounded-derived",
    ]);
  });
});

describe("count attacks find planted leaks", () => {
  it("a count of 3, a whole FTE of 3, and a rate times its headcount", () => {
    const t: Table = {
      name: "t",
      rows: [
        {
          org_id: "Org A",
          year: 2024,
          role_family: "all",
          separations: 3,
          supply_fte: 3,
          headcount: 40,
          turnover_rate: 0.05,
        },
      ],
    };
    expect(attackDirectCounts([t]).map((f) => f.attack)).toEqual(["count-direct", "count-fte"]);
    // 0.05 × 40 = 2 leavers
    expect(attackRateTimesDenominator([t]).map((f) => f.column)).toContain("turnover_rate × headcount");
  });

  it("a withheld cell as the total minus its siblings, once the column is seen to add up", () => {
    const year = (y: number, a: number | null, b: number) => [
      { org_id: "Org A", year: y, role_family: "all", separations: (a ?? 7) + b },
      { org_id: "Org A", year: y, role_family: "generalist", separations: a },
      { org_id: "Org A", year: y, role_family: "specialist", separations: b },
    ];
    const t: Table = {
      name: "t",
      rows: [...year(2021, 12, 13), ...year(2022, 11, 15), ...year(2023, 14, 11), ...year(2024, null, 12)],
    };
    // 2024: 19 − 12 = 7 generalist leavers
    expect(attackSubtraction([t]).map((f) => f.detail)).toEqual([expect.stringMatching(/separations = 7/)]);
  });

  it("withheld cells that a total with some of the count forces to 0", () => {
    const year = (y: number, a: number | null, b: number | null, c: number) => [
      { org_id: "Org A", year: y, role_family: "all", separations: (a ?? 0) + (b ?? 0) + c },
      { org_id: "Org A", year: y, role_family: "engineering", separations: a },
      { org_id: "Org A", year: y, role_family: "generalist", separations: b },
      { org_id: "Org A", year: y, role_family: "specialist", separations: c },
    ];
    const t: Table = {
      name: "t",
      rows: [
        ...year(2021, 12, 13, 11),
        ...year(2022, 11, 15, 14),
        ...year(2023, 14, 11, 20),
        ...year(2024, null, null, 12),
      ],
    };
    // 2024: 12 leavers in all, 12 of them specialists: the two small families withheld had none
    expect(attackSubtraction([t]).map((f) => f.attack)).toEqual(["count-margins"]);
  });

  it("two withheld cells whose combined count, the total minus the published sibling, is under 11", () => {
    const year = (y: number, a: number | null, b: number | null, c: number) => [
      { org_id: "Org A", year: y, role_family: "all", headcount: (a ?? 3) + (b ?? 4) + c },
      { org_id: "Org A", year: y, role_family: "engineering", headcount: a },
      { org_id: "Org A", year: y, role_family: "generalist", headcount: b },
      { org_id: "Org A", year: y, role_family: "specialist", headcount: c },
    ];
    const t: Table = {
      name: "t",
      rows: [
        ...year(2021, 12, 13, 11),
        ...year(2022, 11, 15, 14),
        ...year(2023, 14, 11, 20),
        ...year(2024, null, null, 30),
      ],
    };
    // 2024: 37 in all, 30 specialists: the engineers and generalists withheld are 7 people together
    expect(attackSubtraction([t]).map((f) => [f.attack, f.detail])).toEqual([
      ["count-withheld-sum", expect.stringMatching(/2 withheld cells hold 7 together/)],
    ]);
  });

  it("two withheld cells whose combined count stays under 11 when counts are rounded up to 5", () => {
    const year = (y: number, a: number | null, b: number | null, c: number) => [
      { org_id: "Org A", year: y, role_family: "all", headcount: (a ?? 0) + (b ?? 5) + c },
      { org_id: "Org A", year: y, role_family: "engineering", headcount: a },
      { org_id: "Org A", year: y, role_family: "generalist", headcount: b },
      { org_id: "Org A", year: y, role_family: "specialist", headcount: c },
    ];
    const t: Table = {
      name: "t",
      rows: [
        ...year(2021, 15, 20, 15),
        ...year(2022, 25, 15, 20),
        ...year(2023, 20, 15, 30),
        ...year(2024, null, null, 40),
      ],
    };
    // 2024: total 45 stands for 41 to 45 people, specialists 40 for 36 to 40: the two withheld
    // families hold 45 − 40 = 5, somewhere from 41 − 40 = 1 to 45 − 36 = 9, under 11 either way
    expect(attackSubtraction([t]).map((f) => [f.attack, f.detail])).toEqual([
      [
        "count-withheld-sum",
        expect.stringMatching(/2 withheld cells hold 1 to 9 together .*rounded up to 5/),
      ],
    ]);
  });

  it("a withheld cell pinned under 11 by a total and a sibling rounded to a step of 5", () => {
    const year = (y: number, a: number | null, b: number) => [
      { org_id: "Org A", year: y, role_family: "all", headcount: a === null ? b : a + b },
      { org_id: "Org A", year: y, role_family: "generalist", headcount: a },
      { org_id: "Org A", year: y, role_family: "specialist", headcount: b },
    ];
    const t: Table = {
      name: "t",
      rows: [...year(2021, 15, 20), ...year(2022, 20, 25), ...year(2023, 30, 15), ...year(2024, null, 40)],
    };
    // every count a multiple of 5; 2024: 40 − 40 = 0, and rounding moves each by less than 5:
    // the generalists number at most 10
    expect(attackSubtraction([t]).map((f) => f.detail)).toEqual([
      expect.stringMatching(/headcount = 0 \(at most 10, counts rounded to 5\)/),
    ]);
  });

  it("a value marked withheld in one file (its `suppressed` says why) and published in another", () => {
    const a: Table = {
      name: "a",
      rows: [
        { org_id: "Org A", year: 2024, separations: null, suppressed: "fewer than 11 people" },
        // a null the file does not mark is a value that does not exist: not a finding
        { org_id: "Org B", year: 2024, separations: null, suppressed: null },
        { org_id: "Org C", year: 2024, separations: 30, suppressed: null },
      ],
    };
    const b: Table = {
      name: "b",
      rows: [
        { org_id: "Org A", year: 2024, separations: 4 },
        { org_id: "Org B", year: 2024, separations: 0 },
      ],
    };
    expect(attackAcrossFiles([a, b]).map((f) => f.detail)).toEqual([
      expect.stringMatching(/^1 cells .*org_id=Org A/),
    ]);
  });

  it("a cell withheld in one file and published in another", () => {
    const a: Table = { name: "a", rows: [{ org_id: "Org A", year: 2024, separations: null }] };
    const b: Table = { name: "b", rows: [{ org_id: "Org A", year: 2024, separations: 4 }] };
    expect(attackAcrossFiles([a, b]).map((f) => f.attack)).toEqual(["withheld-published-elsewhere"]);
  });

  it("a rate withheld in one file and published in another whose other labels are `all`", () => {
    const a: Table = {
      name: "turnover",
      rows: [{ org_id: "Org A", year: 2024, role_family: "all", turnover_rate: null }],
    };
    const b: Table = {
      name: "cost",
      rows: [{ org_id: "Org A", year: 2024, domain: "all", turnover_rate: 0.2 }],
    };
    expect(attackAcrossFiles([a, b]).map((f) => f.column)).toEqual(["turnover_rate"]);
  });

  it("a pseudonym whose headcounts are one organisation's staff", () => {
    const t: Table = {
      name: "hc",
      rows: [
        { org_id: "Org B", month_end: "2024-01-31", role_family: "all", headcount: 25 },
        { org_id: "Org B", month_end: "2024-02-29", role_family: "all", headcount: 25 },
        { org_id: "Org B", month_end: "2024-03-31", role_family: "all", headcount: 26 },
        { org_id: "Org A", month_end: "2024-01-31", role_family: "all", headcount: null },
      ],
    };
    expect(attackReidentify([t], knowledge).map((f) => f.detail)).toEqual([
      expect.stringMatching(/Org B is H2/),
    ]);
  });
});

describe("society attacks find planted leaks", () => {
  const profiles: Profile[] = ["O1", "O2", "O3", "O4", "O5", "O6"].map((org, i) => ({
    org,
    facility_type: i < 5 ? "community_hospital" : "academic_medical_center",
    bed_band: "300_499",
    region: "Midwest",
  }));
  const band = (facility_type: string, value: number) => ({
    facility_type,
    bed_band: "all",
    region: "all",
    metric: "turnover",
    year: 2024,
    percentile: 0.5,
    metric_value: value,
  });

  it("two published groups that differ by one organisation", () => {
    const t: Table = { name: "bands", rows: [band("all", 0.12), band("community_hospital", 0.11)] };
    expect(attackNearGroups([t], profiles).map((f) => f.attack)).toEqual(["society-near-groups"]);
  });

  it("a cell published before and after one organisation joined", () => {
    const t: Table = { name: "bands", rows: [band("all", 0.12)] };
    const u: Table = { name: "bands", rows: [band("all", 0.13)] };
    expect(attackReleases([t], [u], profiles.slice(0, 5), profiles).map((f) => f.attack)).toEqual([
      "society-release-difference",
    ]);
  });

  it("a median of 5 organisations is the 3rd organisation's value", () => {
    const t: Table = { name: "bands", rows: [band("community_hospital", 0.11)] };
    expect(attackOrderStatistics([t], profiles).map((f) => f.attack)).toEqual(["society-order-statistic"]);
  });

  it("bands that are an organisation's own value, when the attacker knows the values (and none when blended)", () => {
    // the five community hospitals' turnover in 2023 and 2024: 0.05, 0.07, 0.11, 0.16, 0.2 and 0.06 … 0.21
    const own = [2023, 2024].flatMap((year, y) =>
      [0.05, 0.07, 0.11, 0.16, 0.2].map((v, i) => ({
        org: `O${i + 1}`,
        labels: { metric: "turnover", year },
        value: v + y / 100,
      })),
    );
    const at = (year: number, percentile: number, value: number) => ({
      ...band("community_hospital", value),
      year,
      percentile,
    });
    const exact: Table = {
      name: "bands",
      rows: [at(2023, 0.25, 0.07), at(2023, 0.5, 0.11), at(2024, 0.25, 0.08), at(2024, 0.5, 0.12)],
    };
    expect(attackOrderStatistics([exact], profiles, own).map((f) => f.attack)).toEqual([
      "society-order-statistic",
    ]);
    // the mean of the three values around each rank: (0.05 + 0.07 + 0.11) / 3, (0.07 + 0.11 + 0.16) / 3
    const blended: Table = {
      name: "bands",
      rows: [at(2023, 0.25, 0.077), at(2023, 0.5, 0.113), at(2024, 0.25, 0.087), at(2024, 0.5, 0.123)],
    };
    expect(attackOrderStatistics([blended], profiles, own)).toEqual([]);
  });

  it("a Kaplan-Meier band with Greenwood's plain variance gives back n and d", () => {
    // 50 at risk, 10 leave in month 1; 30 at risk, 6 leave in month 2 (bands below 1, not clipped)
    const s1 = 1 - 10 / 50;
    const v1 = 10 / (50 * 40);
    const s2 = s1 * (1 - 6 / 30);
    const v2 = v1 + 6 / (30 * 24);
    const z = 1.959964;
    const row = (m: number, s: number, v: number) => ({
      group_value: "all",
      tenure_month: m,
      survival: s,
      ci_lower: s - z * s * Math.sqrt(v),
      ci_upper: s + z * s * Math.sqrt(v),
    });
    const t: Table = { name: "km", rows: [row(0, 1, 0), row(1, s1, v1), row(2, s2, v2)] };
    expect(attackGreenwood([t]).map((f) => f.detail)).toEqual([
      expect.stringMatching(/at risk 50\.00, events 10\.00/),
    ]);
  });
});
