// Chart functions of reports/components: finding titles checked against hand-worked answers, charts as
// SVG snapshots on fixed data (TZ=UTC; Plot's random class name normalised). Components are browser
// JavaScript without type declarations, so they are imported through a computed specifier (typed any).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shippedTaxonomy } from "./support/site-taxonomy.ts";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Module = Record<string, any>;
const component = (name: string): Promise<Module> =>
  import(new URL(`../reports/components/${name}.js`, import.meta.url).href);
const jsdomSpecifier = "jsdom";

let document: any;
beforeAll(async () => {
  // Labels come from data/taxonomy/ as the site ships it, as on every page.
  (await component("taxonomy")).useTaxonomy(await shippedTaxonomy());
  const { JSDOM } = (await import(jsdomSpecifier)) as any;
  document = new JSDOM("<!doctype html><body></body>").window.document;
});

function svgOf(node: any): string {
  return node.outerHTML.replace(/plot-[0-9a-f]{6}/g, "plot");
}

const quarter = (y: number, q: number) => new Date(Date.UTC(y, (q - 1) * 3, 1));

// Two years, one quarter each, 1,000 hours a year. 2016: biomed 94%, networking 4%, cybersecurity 2%.
// 2025: biomed 78%, networking 13%, cybersecurity 9%.
const workload = [
  { quarter_start: quarter(2016, 1), domain: "general_biomed", hours: 940, share: 0.94 },
  { quarter_start: quarter(2016, 1), domain: "networking", hours: 40, share: 0.04 },
  { quarter_start: quarter(2016, 1), domain: "cybersecurity", hours: 20, share: 0.02 },
  { quarter_start: quarter(2025, 4), domain: "general_biomed", hours: 780, share: 0.78 },
  { quarter_start: quarter(2025, 4), domain: "networking", hours: 130, share: 0.13 },
  { quarter_start: quarter(2025, 4), domain: "cybersecurity", hours: 90, share: 0.09 },
];

describe("workload mix", () => {
  // marts.workload_domain_annual rows of one organisation (the yearly, hours-weighted shares)
  const yearly = (rows: typeof workload) =>
    rows.map((d) => ({ year: d.quarter_start.getUTCFullYear(), domain: d.domain, share: d.share }));
  it("names the domain whose share moved most, first year against last", async () => {
    const { workloadMixTitle } = await component("workload-mix");
    // biomed 94% → 78% (−16) beats networking +9 and cybersecurity +7
    expect(workloadMixTitle(yearly(workload))).toBe(
      "General biomed fell from 94% to 78% of in-house hours, 2016–2025",
    );
    const itWins = [
      { year: 2016, domain: "general_biomed", share: 0.5 },
      { year: 2016, domain: "imaging", share: 0.44 },
      { year: 2016, domain: "networking", share: 0.04 },
      { year: 2016, domain: "cybersecurity", share: 0.02 },
      { year: 2025, domain: "general_biomed", share: 0.45 },
      { year: 2025, domain: "imaging", share: 0.3 },
      { year: 2025, domain: "networking", share: 0.17 },
      { year: 2025, domain: "cybersecurity", share: 0.08 },
    ];
    // biomed −5, imaging −14, networking +13, cybersecurity +6 → imaging
    expect(workloadMixTitle(itWins)).toBe("Imaging fell from 44% to 30% of in-house hours, 2016–2025");
    // a domain not worked in at the start (no row) counts 0% there: dental +20 ties biomed −20, the first in taxonomy order stays
    const dental = [
      { year: 2016, domain: "general_biomed", share: 1 },
      { year: 2025, domain: "general_biomed", share: 0.8 },
      { year: 2025, domain: "dental", share: 0.2 },
    ];
    expect(workloadMixTitle(dental)).toBe(
      "General biomed fell from 100% to 80% of in-house hours, 2016–2025",
    );
    // a withheld share (null) is no share: one year left, the top domain of it
    expect(
      workloadMixTitle([
        { year: 2025, domain: "imaging", share: 0.6 },
        { year: 2016, domain: "imaging", share: null },
      ]),
    ).toBe("Imaging was 60% of in-house hours in 2025");
  });

  it("draws a stacked area with direct labels (snapshot)", async () => {
    const { workloadMixChart } = await component("workload-mix");
    expect(svgOf(workloadMixChart(workload, { width: 640, document }))).toMatchSnapshot();
  });
});

describe("headcount by role family", () => {
  const month = (y: number, m: number) => new Date(Date.UTC(y, m, 0));
  const rows = [
    { month_end: month(2016, 1), role_family: "generalist", headcount: 10, fte: 10 },
    { month_end: month(2016, 1), role_family: "specialist", headcount: 0, fte: 0 },
    { month_end: month(2016, 1), role_family: "all", headcount: 10, fte: 10 },
    { month_end: month(2025, 12), role_family: "generalist", headcount: 9, fte: 9 },
    { month_end: month(2025, 12), role_family: "specialist", headcount: 4, fte: 4 },
    { month_end: month(2025, 12), role_family: "all", headcount: 13, fte: 13 },
  ];
  it("states the total change from the 'all' rows and the family that moved most", async () => {
    const { headcountTitle } = await component("headcount-by-role");
    // Families only: 10 → 13. Specialists (0 → 4) moved most but are under 5 people at both ends, so
    // the headline names generalists (10 → 9).
    expect(headcountTitle(rows)).toBe(
      "Headcount rose from 10 to 13, 2016–2025; generalists fell from 10 to 9",
    );
    // 2 people at the end, none at the start: too few for a headline
    const tiny = rows.map((d) => ({
      ...d,
      headcount: d.month_end.getUTCFullYear() === 2016 ? 0 : d.role_family === "all" ? 2 : 1,
    }));
    expect(headcountTitle(tiny)).toBe(
      "Too few people for a finding: 2 people at the end of 2025 (a headline needs at least 5; more years or all organisations may reach it)",
    );
  });
  it("snapshot", async () => {
    const { headcountByRoleChart } = await component("headcount-by-role");
    expect(svgOf(headcountByRoleChart(rows, { width: 640, document }))).toMatchSnapshot();
  });
});

describe("transitions", () => {
  // marts.role_transitions_total rows of one organisation: every year from 2016 to 2025
  const span = { first_year: 2016, last_year: 2025 };
  const rows = [
    { from_role: "BMET I", to_role: "BMET II", moves: 5, ...span },
    { from_role: "BMET II", to_role: "BMET III", moves: 4, ...span },
    { from_role: "BMET III", to_role: "HTM Manager", moves: 0, ...span },
    { from_role: "Imaging Specialist", to_role: "BMET III", moves: null, ...span },
    { from_role: "all", to_role: "all", moves: 11, ...span },
  ];
  it("states the published total over the years and names the most common move", async () => {
    const { transitionsTitle, transitionTotals } = await component("transitions");
    // the total is the 'all' row (11), not the sum of the pairs shown (5 + 4 = 9): one pair is withheld
    expect(transitionsTitle(rows)).toBe(
      "11 role changes, 2016–2025; the most common was BMET I → BMET II (5)",
    );
    // the withheld pair and the zero pair are not bars
    expect(transitionTotals(rows).map((d: { pair: string }) => d.pair)).toEqual([
      "BMET I → BMET II",
      "BMET II → BMET III",
    ]);
    // one move in all: no headline, and no "1 role changes"
    const one = [
      { from_role: "BMET I", to_role: "BMET II", moves: 1, ...span },
      { from_role: "all", to_role: "all", moves: 1, ...span },
    ];
    expect(transitionsTitle(one)).toBe(
      "Too few for a finding: 1 role change in 2016–2025 (a finding needs at least 5; more years or all organisations may reach it)",
    );
  });
  it("snapshot", async () => {
    const { transitionsChart } = await component("transitions");
    expect(svgOf(transitionsChart(rows, { width: 800, document }))).toMatchSnapshot();
  });
});

describe("certification adoption", () => {
  const rows = [
    { year: 2016, certification: "CBET", coverage: 0.3, holders: 3, headcount: 10 },
    { year: 2016, certification: "COMPTIA_NETWORK_PLUS", coverage: 0.0, holders: 0, headcount: 10 },
    { year: 2016, certification: "any", coverage: 0.3, holders: 3, headcount: 10 },
    { year: 2025, certification: "CBET", coverage: 0.4, holders: 4, headcount: 10 },
    { year: 2025, certification: "COMPTIA_NETWORK_PLUS", coverage: 0.3, holders: 3, headcount: 10 },
    { year: 2025, certification: "any", coverage: 0.6, holders: 6, headcount: 10 },
  ];
  it("names the certification that spread fastest ('any' excluded)", async () => {
    const { certificationAdoptionTitle } = await component("certification-adoption");
    // Network+ +30 points beats CBET +10 ('any' +30 is not a certification).
    expect(certificationAdoptionTitle(rows)).toBe(
      "CompTIA Network+ spread fastest: from 0% to 30% of staff (n = 10), 2016–2025",
    );
  });
  it("snapshot", async () => {
    const { certificationAdoptionChart } = await component("certification-adoption");
    expect(svgOf(certificationAdoptionChart(rows, { width: 640, document }))).toMatchSnapshot();
  });
});

describe("specialist demand", () => {
  // drawn with a taxonomy from before the integration split: a user's older taxonomy keeps its labels
  beforeAll(async () => {
    (await component("taxonomy")).useTaxonomy(
      await shippedTaxonomy(path.join(import.meta.dirname, "fixtures/taxonomy-legacy")),
    );
  });
  afterAll(async () => {
    (await component("taxonomy")).useTaxonomy(await shippedTaxonomy());
  });
  // One year of marts.staffing_gap domain rows: general biomed covered, networking short 3.44 − 1 = 2.44.
  const rows = [
    { year: 2025, domain: "general_biomed", is_specialist: false, demand_fte: 8, supply_fte: 9, gap_fte: -1 },
    {
      year: 2025,
      domain: "networking_integration",
      is_specialist: true,
      demand_fte: 3.44,
      supply_fte: 1,
      gap_fte: 2.44,
    },
  ];
  // Quarterly mart rows: two actual quarters, then two forecast quarters with their 80% interval.
  const quarters = [
    ["2025-07-01", 3.2, null, null, false],
    ["2025-10-01", 3.6, null, null, false],
    ["2026-01-01", 3.9, 3.1, 4.7, true],
    ["2026-04-01", 4.12, 3.21, 5.04, true],
  ].map(([q, demand_fte, lower_80, upper_80, is_forecast]) => ({
    org_id: "all",
    domain: "networking_integration",
    quarter_start: new Date(`${q}T00:00:00Z`),
    demand_fte,
    lower_80,
    upper_80,
    is_forecast,
  }));
  it("says the projected quarter, value and interval in words", async () => {
    const { forecastTitle, quarterLabel } = await component("forecast");
    expect(quarterLabel(new Date("2026-04-01T00:00:00Z"))).toBe("Q2 2026");
    expect(forecastTitle(quarters, { supplyFte: 1 })).toBe(
      "Networking & integration demand is projected at 4.1 FTE in Q2 2026 (80% prediction interval 3.2 to 5.0 FTE), from 3.6 FTE in Q4 2025; 1.0 FTE of staff serve it today",
    );
    expect(forecastTitle(quarters.filter((d) => !d.is_forecast))).toBe(
      "Networking & integration: not enough quarters of work orders for a forecast",
    );
  });
  it("snapshots", async () => {
    const { demandSupplyChart } = await component("demand-supply");
    const { forecastChart } = await component("forecast");
    expect(svgOf(demandSupplyChart(rows, { width: 640, document }))).toMatchSnapshot();
    // the budget brief's what-if: a third mark, in the legend too
    const whatIf = rows.map((d) => ({ ...d, supply_after_fte: d.supply_fte + (d.is_specialist ? 1 : 0) }));
    const svg = svgOf(demandSupplyChart(whatIf, { width: 640, document }));
    expect(svg).toContain("Staff after the what-if");
    expect(svgOf(forecastChart(quarters, { width: 640, supplyFte: 1, document }))).toMatchSnapshot();
  });
  it("wraps domain names on a phone instead of clipping them", async () => {
    const { demandSupplyChart } = await component("demand-supply");
    const svg = svgOf(demandSupplyChart(rows, { width: 360, document }));
    expect(svg).toContain(">Networking &amp;<");
    expect(svg).toContain(">integration<");
  });
});

describe("vacancy", () => {
  // 3 open of (122 + 3) positions = 2.4%; specialists 2 of (37 + 2) = 5.1%.
  const rows = [
    { role_family: "all", open_reqs: 3, headcount: 122, vacancy_rate: 3 / 125, suppressed: null },
    { role_family: "generalist", open_reqs: 1, headcount: 57, vacancy_rate: 1 / 58, suppressed: null },
    { role_family: "specialist", open_reqs: 2, headcount: 37, vacancy_rate: 2 / 39, suppressed: null },
    {
      role_family: "engineering",
      open_reqs: null,
      headcount: null,
      vacancy_rate: null,
      suppressed: "fewer than 11 people (public audience)",
    },
  ];
  it("states the department rate and the highest family", async () => {
    const { vacancyTitle } = await component("vacancy");
    expect(vacancyTitle(rows)).toBe(
      "2.4% of positions are open (3 open requisitions against 122 people in post); highest among specialists at 5.1%",
    );
  });
  it("writes suppressed families as suppressed with the rule", async () => {
    const { vacancyChart } = await component("vacancy");
    const svg = svgOf(vacancyChart(rows, { width: 640, document }));
    expect(svg).toContain("suppressed: fewer than 11 people (public audience)");
    expect(svg).toMatchSnapshot();
  });
});

describe("internal mobility", () => {
  const rows = [
    { year: 2016, moves: 15, promotions: 12, avg_headcount: 125, moves_per_100: 12, promotions_per_100: 9.6 },
    {
      year: 2025,
      moves: 6,
      promotions: 5,
      avg_headcount: 120,
      moves_per_100: 5,
      promotions_per_100: 5 / 1.2,
    },
    {
      year: 2026,
      moves: 1,
      promotions: 1,
      avg_headcount: 121,
      moves_per_100: 100 / 121,
      promotions_per_100: 100 / 121,
    },
  ];
  it("uses the last complete year against the first", async () => {
    const { internalMobilityTitle } = await component("internal-mobility");
    expect(internalMobilityTitle(rows, { lastCompleteYear: 2025 })).toBe(
      "5.0 role moves per 100 staff in 2025, 4.2 of them promotions, against 12.0 moves in 2016",
    );
  });
  it("snapshots", async () => {
    const { internalMobilityChart } = await component("internal-mobility");
    expect(
      svgOf(internalMobilityChart(rows, { width: 640, lastCompleteYear: 2025, document })),
    ).toMatchSnapshot();
  });
});

describe("phone layouts", () => {
  it("wraps labels at spaces", async () => {
    const { wrapLabel } = await component("wrap-label");
    expect(wrapLabel("Generalists (BMET I–III)", 13)).toBe("Generalists\n(BMET I–III)");
    expect(wrapLabel("Leadership", 13)).toBe("Leadership");
  });
  it("turnover grid keeps whole family names and the years that fit", async () => {
    const { turnoverByFamilyChart } = await component("turnover");
    const rows = [2019, 2020, 2021, 2022, 2023, 2024, 2025].map((year) => ({
      year,
      role_family: "generalist",
      turnover_rate: 0.1,
    }));
    const svg = svgOf(turnoverByFamilyChart(rows, { width: 340, document }));
    expect(svg).toContain(">Generalists<");
    expect(svg).toContain(">(BMET I–III)<");
    // (340 − 92 − 10) / 46 → 5 years: 2021–2025
    expect(svg).not.toContain(">2020<");
    expect(svg).toContain(">2021<");
  });
  it("cost of turnover turns into labelled rows", async () => {
    const { costOfTurnoverChart } = await component("cost-of-turnover");
    const rows = [
      { year: 2024, separations: 11, separations_with_pay: 10, replacement_cost_usd: 439000 },
      { year: 2025, separations: 8, separations_with_pay: 8, replacement_cost_usd: 389000 },
    ];
    const svg = svgOf(costOfTurnoverChart(rows, { width: 340, document }));
    expect(svg).toContain("$389k · 8 left");
  });
});

describe("time to fill", () => {
  const rows = [
    { role: "all", filled: 7, median_days: 41, p75_days: 60, open_now: 3, oldest_open_days: 120 },
    { role: "BMET II", filled: 6, median_days: 35, p75_days: 50, open_now: 1, oldest_open_days: 20 },
    {
      role: "Medical Device Cybersecurity Specialist",
      filled: 1,
      median_days: 94,
      p75_days: 94,
      open_now: 2,
      oldest_open_days: 120,
    },
  ];
  it("names the slowest role against all roles, and the oldest open requisition", async () => {
    const { timeToFillTitle, openRequisitionsTitle } = await component("time-to-fill");
    // The cybersecurity median (94 days) rests on 1 hire: under 5, no headline; BMET II's 6 hires do.
    expect(timeToFillTitle(rows)).toBe(
      "BMET II takes longest to fill: median 35 days (6 hires), against 41 days for all roles",
    );
    // with 4 BMET II hires no role reaches 5: the title says so and what would make it readable
    const fewer = rows.map((d) => (d.role === "BMET II" ? { ...d, filled: 4 } : d));
    expect(timeToFillTitle(fewer)).toBe(
      "Too few for a finding: 4 filled requisitions in the role with the most (a finding needs at least 5; more years or all organisations may reach it)",
    );
    // the 'all' row's 3 open is the total (here also 1 + 2)
    expect(openRequisitionsTitle(rows)).toBe(
      "3 requisitions are open; the oldest (Medical Device Cybersecurity Specialist) has waited 120 days",
    );
    // a role's count withheld: the total is still the published 'all' row, never a sum with 0 for it
    const withheld = rows.map((d) =>
      d.role === "BMET II" ? { ...d, open_now: null, oldest_open_days: null } : d,
    );
    expect(openRequisitionsTitle(withheld)).toBe(
      "3 requisitions are open; the oldest (Medical Device Cybersecurity Specialist) has waited 120 days",
    );
  });
  it("snapshot", async () => {
    const { timeToFillChart } = await component("time-to-fill");
    expect(svgOf(timeToFillChart(rows, { width: 800, document }))).toMatchSnapshot();
  });
});

describe("retention", () => {
  it("turnover title uses the last complete year", async () => {
    const { turnoverTitle } = await component("turnover");
    const rows = [
      { year: 2016, turnover_rate: 0.09, voluntary_turnover_rate: 0.06 },
      { year: 2025, turnover_rate: 0.1449, voluntary_turnover_rate: 0.1012 },
      { year: 2026, turnover_rate: 0.0, voluntary_turnover_rate: 0.0 },
    ];
    expect(turnoverTitle(rows, { lastCompleteYear: 2025 })).toBe(
      "Turnover was 14% in 2025 (voluntary 10%), against 9.0% in 2016",
    );
  });
  it("survival title compares groups at 3 years, or describes one group", async () => {
    const { survivalTitle } = await component("survival-curves");
    const groups = [
      {
        group_kind: "certified",
        group_value: "yes",
        n: 40,
        s12: 0.95,
        s24: 0.9,
        s36: 0.78,
        median_tenure_months: null,
      },
      {
        group_kind: "certified",
        group_value: "no",
        n: 60,
        s12: 0.9,
        s24: 0.7,
        s36: 0.61,
        median_tenure_months: 50,
      },
    ];
    expect(survivalTitle(groups)).toBe(
      "Certified: 78% still employed after 3 years, against 61% for not certified",
    );
    expect(survivalTitle([{ ...groups[1], group_kind: "all", group_value: "all" }])).toBe(
      "61% of hires are still employed after 3 years; half have left by 50 months",
    );
  });
  it("median tenure table: every column when wide; on a phone hires and median under the group", async () => {
    const { retentionSummaryTable } = await component("survival-curves");
    const rows = [
      { group_kind: "certified", group_value: "yes", n: 40, s12: 0.95, s24: 0.9, s36: 0.78, s60: null },
      { group_kind: "certified", group_value: "no", n: 60, s12: 0.9, s24: 0.7, s36: 0.61, s60: 0.4 },
    ].map((d, i) => ({ ...d, median_tenure_months: i ? 50 : null }));
    const cellText = (table: any) =>
      [...table.querySelectorAll("tr")].map((tr: any) =>
        [...tr.querySelectorAll("th, td")].map((c: any) => c.textContent),
      );
    expect(cellText(retentionSummaryTable(rows, { width: 900, document }))).toEqual([
      ["Group", "Hires", "Still employed at 1 year", "2 years", "3 years", "5 years", "Median tenure"],
      ["Certified", "40", "95%", "90%", "78%", "too early", "not reached"],
      ["Not certified", "60", "90%", "70%", "61%", "40%", "50 months"],
    ]);
    const phone = retentionSummaryTable(rows, { width: 390, document });
    expect(cellText(phone)).toEqual([
      ["Group", "Still employed after"],
      ["1 yr", "2 yrs", "3 yrs", "5 yrs"],
      ["Certified40 hiresmedian tenure not reached", "95%", "90%", "78%", "too early"],
      ["Not certified60 hiresmedian tenure 50 months", "90%", "70%", "61%", "40%"],
    ]);
    expect([...phone.querySelectorAll("td div")].map((d: any) => d.textContent)).toEqual([
      "40 hires",
      "median tenure not reached",
      "60 hires",
      "median tenure 50 months",
    ]);
  });
  it("cost of turnover and retirement exposure titles", async () => {
    const { costOfTurnoverTitle } = await component("cost-of-turnover");
    const costs = [
      { year: 2024, separations: 10, replacement_cost_usd: 300000 },
      { year: 2025, separations: 13, replacement_cost_usd: 412000 },
    ];
    expect(costOfTurnoverTitle(costs, { lastCompleteYear: 2025 })).toBe(
      "Replacing leavers cost an estimated $412k in 2025 (13 leavers)",
    );
    // no total over years in the page: it would sum estimates and leave withheld years out
    const withHidden = [
      { year: 2023, separations: 2, replacement_cost_usd: null, is_suppressed: true },
      ...costs,
    ];
    expect(costOfTurnoverTitle(withHidden, { lastCompleteYear: 2025 })).toBe(
      "Replacing leavers cost an estimated $412k in 2025 (13 leavers)",
    );
    const { retirementExposureTitle } = await component("retirement-exposure");
    expect(
      retirementExposureTitle([
        { age_band: "all", retirement_exposure: 28 / 120, aged_60_within_5y: 28, headcount_known_age: 120 },
      ]),
    ).toBe("23% of staff (28 people of 120) will be 60 or older within 5 years");
    // 1 of 4: too few for a headline, and never "1 people"
    expect(
      retirementExposureTitle([
        { age_band: "all", retirement_exposure: 0.25, aged_60_within_5y: 1, headcount_known_age: 4 },
      ]),
    ).toBe(
      "Too few people for a finding: 4 people with a birth year on file (a headline needs at least 5; more years or all organisations may reach it)",
    );
  });
  it("survival snapshot", async () => {
    const { survivalCurvesChart } = await component("survival-curves");
    const rows = [0, 12, 24].flatMap((month, i) => [
      {
        group_kind: "certified",
        group_value: "yes",
        month,
        survival: 1 - 0.05 * i,
        ci_lower: 1 - 0.1 * i,
        ci_upper: 1,
        at_risk: 40 - i,
      },
      {
        group_kind: "certified",
        group_value: "no",
        month,
        survival: 1 - 0.15 * i,
        ci_lower: 1 - 0.25 * i,
        ci_upper: 1 - 0.05 * i,
        at_risk: 60 - 5 * i,
      },
    ]);
    expect(svgOf(survivalCurvesChart(rows, { width: 640, document }))).toMatchSnapshot();
  });
});

describe("pay and careers", () => {
  const roles = [
    { role: "BMET II", role_family: "generalist", ladder_level: 2 },
    { role: "Medical Device Networking Specialist", role_family: "specialist", ladder_level: 4 },
    { role: "HTM Supervisor / Lead", role_family: "leadership", ladder_level: 5 },
    { role: "HTM Manager", role_family: "leadership", ladder_level: 6 },
  ];
  const pay = [
    {
      year: 2025,
      role: "BMET II",
      n: 12,
      median_pay: 66000,
      p25_pay: 60000,
      p75_pay: 70000,
      market_median: 60000,
      market_ratio: 1.1,
      certified_premium: 1.06,
    },
    {
      year: 2025,
      role: "Medical Device Networking Specialist",
      n: 4,
      median_pay: 112000,
      p25_pay: 105000,
      p75_pay: 118000,
      market_median: 127000,
      market_ratio: 0.8819,
      certified_premium: null,
    },
    {
      year: 2025,
      role: "HTM Manager",
      n: 3,
      median_pay: 104000,
      p25_pay: 100000,
      p75_pay: 110000,
      market_median: 100000,
      market_ratio: 1.04,
      certified_premium: 0.97,
    },
    {
      year: 2025,
      role: "HTM Supervisor / Lead",
      n: null,
      median_pay: null,
      market_median: 90000,
      suppressed: "pay statistic for fewer than 3 people",
    },
  ];
  it("titles: market range, specialists against managers, certification premium", async () => {
    const { payVsMarketTitle } = await component("pay-vs-market");
    expect(payVsMarketTitle(pay)).toBe(
      "Median pay runs from 88% of market (Medical Device Networking Specialist, n = 4) to 110% (BMET II, n = 12), 2025",
    );
    const { specialistPayTitle } = await component("specialist-pay");
    // 112,000 / 104,000 − 1 = 7.7% → "8% more".
    expect(specialistPayTitle(pay, roles)).toBe(
      "The best-paid specialists (Medical Device Networking Specialist) earn 8% more than HTM Managers: median $112k against $104k, 2025",
    );
    const { certificationPremiumTitle } = await component("certification-premium");
    // BMET II +6%, HTM Manager −3%: 1 of 2 roles.
    expect(certificationPremiumTitle(pay, { year: 2025 })).toBe(
      // two roles are no "k of m": the comparison there is, named
      "Certified BMET II staff are paid +6% against uncertified (2025); one of two roles with enough of both to compare",
    );
    // three roles: +6%, −3% and +0.3% (shown "+0%", so not "more"): 1 of 3
    const three = [
      { year: 2025, role: "BMET II", certified_premium: 1.06 },
      { year: 2025, role: "HTM Manager", certified_premium: 0.97 },
      { year: 2025, role: "BMET I", certified_premium: 1.003 },
    ];
    expect(certificationPremiumTitle(three, { year: 2025 })).toBe(
      "Certified staff are paid more in 1 of 3 roles; largest premium +6% (BMET II), 2025",
    );
  });
  it("every market ratio names its survey year, and says whether it was aged", async () => {
    const { marketShare, payVsMarketTitle } = await component("pay-vs-market");
    const unaged = {
      year: 2025,
      market_year: 2019,
      market_ratio: 1.1,
      market_median: 60000,
      market_median_aged: null,
    };
    const aged = {
      year: 2025,
      market_year: 2022,
      market_ratio: 0.9,
      market_median: 60000,
      market_median_aged: 66000,
      wage_index_factor: 1.1,
    };
    const same = {
      year: 2024,
      market_year: 2024,
      market_ratio: 1.02,
      market_median: 62630,
      market_median_aged: 62630,
    };
    expect(marketShare(unaged)).toBe("110% of market (2019, not aged)");
    // 66,000 / 60,000 = 1.1: aged +10%
    expect(marketShare(aged)).toBe("90% of market (2022, aged +10%)");
    expect(marketShare(same)).toBe("102% of market (2024)");
    expect(marketShare(aged, { short: true })).toBe("90% (2022 +10%)");
    // a laboratory specialist against the BMET III title's figure
    const standIn = { ...aged, market_stand_in: "the BMET III title" };
    expect(marketShare(standIn)).toBe("90% of market (2022, aged +10%, stand-in)");
    expect(marketShare(standIn, { short: true })).toBe("90% (2022 +10%, stand-in)");
    const rows = [
      { ...unaged, role: "BMET II", median_pay: 66000 },
      { ...aged, role: "HTM Manager", median_pay: 59400 },
    ];
    // 2019 and 2022 surveys, one aged and one not
    expect(payVsMarketTitle(rows)).toBe(
      "Median pay runs from 90% of market (HTM Manager) to 110% (BMET II), 2025 (market: surveys 2019–2022, some not aged)",
    );
  });
  it("scenario: the what-if in the URL, several domains, any FTE, cuts, legacy domain ids", async () => {
    const { parseScenario, formatScenario, describeScenario } = await component("scenario");
    const domains = ["general_biomed", "networking_integration", "cybersecurity"];
    // a domain named twice adds up; no upper limit; what cannot be read is listed, not silently dropped
    const parsed = parseScenario(
      "networking_integration=1.5,cybersecurity=12,nope=1,x,cybersecurity=0.5,general_biomed=-1",
      domains,
    );
    expect(parsed.scenario).toEqual({ networking_integration: 1.5, cybersecurity: 12.5, general_biomed: -1 });
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.errors[0]).toContain('"nope" is not a domain');
    expect(parsed.errors[1]).toContain('"x" is not DOMAIN=FTE');
    expect(parseScenario(null, domains)).toEqual({ scenario: {}, errors: [] });
    // a cut and an add that cancel leave nothing
    expect(parseScenario("cybersecurity=1,cybersecurity=-1", domains).scenario).toEqual({});
    // where the taxonomy splits networking_integration, the legacy id applies, whole, to networking
    const split = ["general_biomed", "networking", "integration", "cybersecurity"];
    expect(parseScenario("networking_integration=1.5,cybersecurity=1", split)).toEqual({
      scenario: { networking: 1.5, cybersecurity: 1 },
      errors: [],
    });
    expect(parseScenario("networking=1,integration=0.5", split).scenario).toEqual({
      networking: 1,
      integration: 0.5,
    });
    expect(
      formatScenario({ cybersecurity: 2, general_biomed: 0, networking_integration: 1.5 }, domains),
    ).toBe("networking_integration=1.5,cybersecurity=2");
    expect(formatScenario({ general_biomed: -1 }, domains)).toBe("general_biomed=-1");
    expect(describeScenario({ cybersecurity: 2 }, (d: string) => d.toUpperCase(), domains)).toBe(
      "+2 FTE CYBERSECURITY",
    );
    expect(describeScenario({ general_biomed: -1 }, (d: string) => d, domains)).toBe("−1 FTE general_biomed");
    expect(describeScenario({}, (d: string) => d, domains)).toBe("no change in staff");
  });
  it("projected gap: names the domain furthest short at the horizon and what takes staff down", async () => {
    const { projectedGapTitle } = await component("projected-gap");
    const base = { year: 2027, demand_lower_80: null, demand_upper_80: null };
    const rows = [
      {
        ...base,
        domain: "all",
        supply_now_fte: 10,
        projected_supply_fte: 8.5,
        expected_leavers_fte: 1,
        expected_retirements_fte: 0.5,
        demand_fte: 11,
        projected_gap_fte: 2.5,
      },
      {
        ...base,
        domain: "cybersecurity",
        supply_now_fte: 1,
        projected_supply_fte: 0.8,
        expected_leavers_fte: 0.2,
        expected_retirements_fte: 0,
        demand_fte: 3,
        projected_gap_fte: 2.2,
      },
      {
        ...base,
        domain: "general_biomed",
        supply_now_fte: 9,
        projected_supply_fte: 7.7,
        expected_leavers_fte: 0.8,
        expected_retirements_fte: 0.5,
        demand_fte: 8,
        projected_gap_fte: 0.3,
      },
      {
        ...base,
        year: 2026,
        domain: "cybersecurity",
        supply_now_fte: 1,
        projected_supply_fte: 0.9,
        expected_leavers_fte: 0.1,
        expected_retirements_fte: 0,
        demand_fte: 9,
        projected_gap_fte: 8.1,
      },
    ];
    expect(projectedGapTitle(rows)).toBe(
      "By 2027, Cybersecurity is projected 2.2 FTE short: 3.0 FTE of forecast work against 0.8 FTE of staff. Staff in post today fall from 10.0 FTE to 8.5 FTE (1.0 FTE leavers, 0.5 FTE retirements expected).",
    );
    // a team of two: losses in whole people. 2.0 − 1.9 = 0.1 FTE expected to go: under one person
    const tiny = [
      {
        ...base,
        domain: "all",
        supply_now_fte: 2,
        projected_supply_fte: 1.9,
        expected_leavers_fte: 0,
        expected_retirements_fte: 0.1,
        demand_fte: 2.8,
        projected_gap_fte: 0.9,
      },
      {
        ...base,
        domain: "dental",
        supply_now_fte: 1,
        projected_supply_fte: 0.96,
        expected_leavers_fte: 0,
        expected_retirements_fte: 0.04,
        demand_fte: 1.7,
        projected_gap_fte: 0.74,
      },
    ];
    expect(projectedGapTitle(tiny)).toBe(
      "By 2027, Dental is projected 0.7 FTE short: 1.7 FTE of forecast work against 1.0 FTE of staff. Staff of about 2 people: fewer than one leaver or retirement expected by 2027.",
    );
    // 6 FTE losing 1.4: about 1 person
    const small = [{ ...tiny[0], supply_now_fte: 6, projected_supply_fte: 4.6 }, tiny[1]];
    expect(projectedGapTitle(small)).toMatch(
      /Staff of about 6 people: about 1 person expected to leave or retire by 2027\.$/,
    );
  });
  it("small organisations: nothing before the first staff, whole-people ticks, no $1 $1 $0 axis", async () => {
    const { fromFirstStaff, headcountTitle } = await component("headcount-by-role");
    const month = (m: string) => new Date(`${m}-28T00:00:00Z`);
    const rows = [
      { month_end: month("2019-12"), role_family: "generalist", headcount: 0 },
      { month_end: month("2020-06"), role_family: "generalist", headcount: 0 },
      { month_end: month("2020-07"), role_family: "generalist", headcount: 6 },
      { month_end: month("2025-12"), role_family: "generalist", headcount: 6 },
      // the mart's 'all' rows: the total a title states
      { month_end: month("2019-12"), role_family: "all", headcount: 0 },
      { month_end: month("2020-06"), role_family: "all", headcount: 0 },
      { month_end: month("2020-07"), role_family: "all", headcount: 6 },
      { month_end: month("2025-12"), role_family: "all", headcount: 6 },
    ];
    // the months before July 2020 are before the organisation's data: not drawn, not "from none"
    expect(
      fromFirstStaff(rows.filter((d) => d.role_family !== "all")).map(
        (d: any) => d.month_end.getUTCMonth() + 1,
      ),
    ).toEqual([7, 12]);
    expect(headcountTitle(rows)).toBe("Headcount held at 6, 2020–2025");
    const { integerTicks, usdAxisMax } = await component("findings");
    expect(integerTicks(2)).toEqual([0, 1, 2]);
    expect(integerTicks(0)).toEqual([0, 1]);
    // 23 people, at most about 5 ticks: steps of ceil(23 / 5) = 5, up to 25
    expect(integerTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(usdAxisMax(0)).toBe(1000);
    expect(usdAxisMax(50_000)).toBe(60_000);
  });
  it("compa-ratio: how many roles sit below their range midpoint", async () => {
    const { compaRatioTitle, compaRatioChart } = await component("compa-ratio");
    const rows = [
      { year: 2025, role: "BMET II", n: 12, median_compa_ratio: 0.94 },
      { year: 2025, role: "HTM Manager", n: 3, median_compa_ratio: 1.03 },
      { year: 2025, role: "BMET I", n: 5, median_compa_ratio: 0.88 },
      { year: 2025, role: "HTM Director", n: 1, median_compa_ratio: null },
    ];
    expect(compaRatioTitle(rows, { year: 2025 })).toBe(
      "2 of 3 roles are paid below the midpoint of their range: medians from 0.88 (BMET I) to 1.03 (HTM Manager), 2025",
    );
    // a median of 0.996 is shown 1.00: at the midpoint, not below it (1 of 3, not 2 of 3)
    const atMidpoint = rows.map((d) => (d.role === "BMET II" ? { ...d, median_compa_ratio: 0.996 } : d));
    expect(compaRatioTitle(atMidpoint, { year: 2025 })).toMatch(/^1 of 3 roles are paid below the midpoint/);
    const svg = svgOf(compaRatioChart(rows, { width: 390, year: 2025, roles, document }));
    expect(svg).toContain("BMET I · 0.88");
    expect(svg).not.toContain("HTM Director");
  });
  it("ladder: the two most travelled steps up, in words", async () => {
    const { ladderTitle, ladderSteps } = await component("ladder");
    const steps = [
      { from_role: "BMET II", to_role: "HTM Supervisor / Lead", n: 8, median_months: 47.2 },
      { from_role: "BMET II", to_role: "Medical Device Networking Specialist", n: 3, median_months: 30.6 },
      { from_role: "HTM Manager", to_role: "BMET II", n: 1, median_months: 5 },
      { from_role: "BMET II", to_role: "all", n: 11, median_months: 40 },
    ];
    // The manager → BMET II move is down the ladder and 'all' is no role: neither is a step.
    expect(ladderSteps(steps, roles).map((d: any) => d.step)).toEqual([
      "BMET II → Medical Device Networking Specialist",
      "BMET II → HTM Supervisor / Lead",
    ]);
    expect(ladderTitle(steps, roles)).toBe(
      // the networking step's 3 promotions are under 5: no headline from them
      "BMET II → HTM Supervisor / Lead takes a median 47 months (8 promotions), all years of the data",
    );
  });
  it("snapshots (suppressed role written, not dropped)", async () => {
    const { payVsMarketChart } = await component("pay-vs-market");
    const svg = svgOf(payVsMarketChart(pay, { width: 900, roles, document }));
    // The word in the row (the reason goes in the note under the chart, from chart-or-notice).
    expect(svg).toContain(">suppressed<");
    expect(svg).toMatchSnapshot();
  });
  it("labels every role with a dot, past its markers", async () => {
    const { payVsMarketChart } = await component("pay-vs-market");
    const rows = [
      {
        year: 2025,
        role: "BMET II",
        n: 12,
        median_pay: 70000,
        p25_pay: 65000,
        p75_pay: 72000,
        market_median: 60000,
        market_median_aged: 75000,
        market_year: 2019,
        wage_index_factor: 1.25,
        market_ratio: 70 / 75,
      },
      // pay but no market figure: a dot that used to have no label
      {
        year: 2025,
        role: "HTM Supervisor / Lead",
        n: 8,
        median_pay: 90000,
        p25_pay: null,
        p75_pay: null,
        market_median: null,
        market_ratio: null,
      },
    ];
    const node = payVsMarketChart(rows, { width: 900, roles, document });
    const texts = [...node.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain("93% of market (2019, aged +25%)");
    expect(texts).toContain("no market figure");
  });
  it("on a phone, names each role on its own line above the row, with its share of market", async () => {
    const { payVsMarketChart } = await component("pay-vs-market");
    const node = payVsMarketChart(pay, { width: 390, roles, document });
    // No left axis of names (it would take the plot's width).
    expect(node.querySelector("[aria-label='y-axis tick label']")).toBeNull();
    const svg = svgOf(node);
    // 112,000 / 127,000 = 88%; the suppressed role says so on its name line (the note under the chart
    // gives the reason), not across the row where its market marker sits.
    expect(svg).toContain("Medical Device Networking Specialist · 88% of market");
    expect(svg).toContain(">HTM Supervisor / Lead · suppressed<");
    expect(svg).not.toContain(">suppressed<");
    // 45 characters fit 360 px; at 320 px the name keeps its ratio and drops "of market".
    const small = svgOf(payVsMarketChart(pay, { width: 320, roles, document }));
    expect(small).toContain("Medical Device Networking Specialist · 88%<");
    expect(svg).toMatchSnapshot();
  });
});

describe("inventory and shared helpers", () => {
  it("networked share title", async () => {
    const { networkedInventoryTitle } = await component("networked-inventory");
    const rows = [
      { year: 2016, active_assets: 100, networked_share: 0.18 },
      { year: 2025, active_assets: 150, networked_share: 0.42 },
    ];
    expect(networkedInventoryTitle(rows)).toBe(
      "Networked devices grew from 18% to 42% of the inventory, 2016–2025",
    );
  });
  it("spreads overlapping labels apart and keeps them in range", async () => {
    const { spreadLabels } = await component("end-labels");
    // 0.50 and 0.51 are closer than the gap 0.05: the lower stays, the upper moves to 0.55; 0.99 is
    // pushed to the top (1), which is fine; 0.1 is untouched.
    expect(spreadLabels([0.5, 0.51, 0.1, 0.99], 0.05, [0, 1])).toEqual([0.5, 0.55, 0.1, 0.99]);
    // Three at the top: pushed back down from max.
    const out = spreadLabels([1, 1, 1], 0.1, [0, 1]);
    expect(out.map((v: number) => +v.toFixed(10)).sort()).toEqual([0.8, 0.9, 1]);
  });
  it("year window: last complete year and the last ten of them", async () => {
    const { lastCompleteYear, defaultYearWindow } = await component("year-window");
    expect(lastCompleteYear("2026-01-01")).toBe(2025);
    expect(lastCompleteYear("2025-12-31")).toBe(2025);
    expect(lastCompleteYear(null)).toBe(Infinity);
    const years = Array.from({ length: 44 }, (_, i) => 1983 + i); // 1983..2026
    expect(defaultYearWindow(years, "2026-01-01")).toEqual([2016, 2025]);
    expect(defaultYearWindow([2024, 2025], "2026-01-01")).toEqual([2024, 2025]);
  });
});

describe("brief --add", () => {
  it("takes DOMAIN=FTE[,DOMAIN=FTE] and refuses anything else, naming the entry", async () => {
    const { parseAdd } = await import("../src/cli/brief.ts");
    // an older taxonomy's merged domain is the first domain it became, whole
    expect(parseAdd("networking_integration=1.5, cybersecurity=2")).toBe("networking=1.5,cybersecurity=2");
    expect(parseAdd(undefined)).toBeUndefined();
    expect(() => parseAdd("networking=one")).toThrow(/'networking=one' is not DOMAIN=FTE/);
    // a cut is a negative number
    expect(parseAdd("general_biomed=-1")).toBe("general_biomed=-1");
  });
});
