/**
 * Retention-family marts on small datasets whose answers are worked out by hand in the comments,
 * and Kaplan-Meier curves checked against R's survival::survfit (tests/r/km.R, output committed).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";
import { duplicateKeys, martGrains, nullValues } from "./support/key_checks.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures/metrics");

/*
 * tests/fixtures/metrics/workforce, as_of 2023-12-31 (settings.json); history_start inferred as
 * 2023-01-01 (the year of the earliest termination, A's). Headcount on day d counts
 * hire_on <= d < termination_on, employees only (docs/marts.md).
 *   A  org default  BMET I (generalist) fte 1   2023-01-01 → terminated 2023-03-01 (1st of month), voluntary, $50,000
 *   A  rehired      BMET II (generalist) fte 1  2023-06-15 → ongoing, born 1985
 *   B  org default  Imaging Specialist fte 0.5  2023-01-15 → 2023-04-30 (last of month), retirement, $40/h
 *   C  org default  no job history → 'unknown'  2023-02-01 → 2023-04-10, involuntary, no pay on file
 *   D  org default  BMET I contractor           2023-01-01 → ongoing: never counted
 *   E  org default  BMET II fte 0.8             2023-07-01 → ongoing, born 1990
 *   F  org default  HTM Manager (leadership)    2022-12-01 → 2023-05-15, voluntary, $100,000 then $110,000 from 2023-03-01
 *   G  org north    BMET III (generalist)       2022-12-15 → ongoing, born 1964
 */
let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(path.join(FIXTURES, "workforce"));
});
afterAll(() => w?.close());

describe("marts.headcount_monthly", () => {
  it("counts employees on each month's last day, with rehires, first/last-day terminations and FTE", async () => {
    const rows = await w.rows(
      "select strftime(month_end, '%Y-%m') as month, headcount, round(fte, 6) as fte from marts.headcount_monthly where org_id = 'all' and role_family = 'all' order by month_end",
    );
    expect(rows).toEqual([
      { month: "2023-01", headcount: 4, fte: 3.5 }, // A, B (0.5), F, G; D is a contractor
      { month: "2023-02", headcount: 5, fte: 4.5 }, // + C (no job history: fte 1)
      { month: "2023-03", headcount: 4, fte: 3.5 }, // A left on 1 March
      { month: "2023-04", headcount: 2, fte: 2 }, // B's last day 30 April is not a headcount day; C left 10 April
      { month: "2023-05", headcount: 1, fte: 1 }, // F left 15 May
      { month: "2023-06", headcount: 2, fte: 2 }, // A's second employment from 15 June
      { month: "2023-07", headcount: 3, fte: 2.8 }, // + E (0.8)
      { month: "2023-08", headcount: 3, fte: 2.8 },
      { month: "2023-09", headcount: 3, fte: 2.8 },
      { month: "2023-10", headcount: 3, fte: 2.8 },
      { month: "2023-11", headcount: 3, fte: 2.8 },
      { month: "2023-12", headcount: 3, fte: 2.8 },
    ]);
  });

  it("shows a month with nobody employed as 0, not as a gap", async () => {
    // org default in May 2023: A between employments, B, C and F gone, D a contractor
    expect(
      await w.rows(
        "select headcount, fte from marts.headcount_monthly where org_id = 'default' and role_family = 'all' and month_end = date '2023-05-31'",
      ),
    ).toEqual([{ headcount: 0, fte: 0 }]);
  });

  it("splits by role family at the date, with 'unknown' for an employment without job history", async () => {
    const rows = await w.rows(
      "select role_family, headcount from marts.headcount_monthly where org_id = 'all' and month_end = date '2023-02-28' and headcount > 0 order by role_family",
    );
    // generalist: A, G; leadership: F; specialist: B; unknown: C
    expect(rows).toEqual([
      { role_family: "all", headcount: 5 },
      { role_family: "generalist", headcount: 2 },
      { role_family: "leadership", headcount: 1 },
      { role_family: "specialist", headcount: 1 },
      { role_family: "unknown", headcount: 1 },
    ]);
  });
});

describe("marts.turnover_annual", () => {
  it("sums the 12 monthly SHRM rates; voluntary excludes the retirement; retention is not 1 - turnover", async () => {
    const [row] = await w.rows(
      "select * from marts.turnover_annual where org_id = 'all' and role_family = 'all' and year = 2023",
    );
    // month: headcount on the 1st, on the last day → average; separations
    //   Jan 3 (A hired 1 Jan, F, G), 4 → 3.5; Feb 5, 5 → 5; Mar 4 (A left 1 Mar), 4 → 4, A voluntary: 1/4
    //   Apr 4, 2 → 3, B retirement + C involuntary: 2/3; May 2, 1 → 1.5, F voluntary: 1/1.5
    //   Jun 1, 2 → 1.5; Jul–Dec 3, 3 → 3
    // average headcount = (3.5 + 5 + 4 + 3 + 1.5 + 1.5 + 6 × 3) / 12 = 36.5 / 12
    expect(row!.avg_headcount).toBeCloseTo(36.5 / 12, 12);
    expect(row!.separations).toBe(4);
    expect(row!.voluntary_separations).toBe(2);
    expect(row!.turnover_rate).toBeCloseTo(1 / 4 + 2 / 3 + 1 / 1.5, 12);
    expect(row!.voluntary_turnover_rate).toBeCloseTo(1 / 4 + 1 / 1.5, 12);
    // staffed on 1 January: A (first employment), F, G; still employed on 31 December: G
    expect(row!.retention_rate).toBeCloseTo(1 / 3, 12);
  });

  it("starts at history_start: no year before the first recorded termination, though F and G were hired in 2022", async () => {
    expect(await w.rows("select distinct year from marts.turnover_annual order by year")).toEqual([
      { year: 2023 },
    ]);
    expect(await w.rows("select distinct year from marts.cost_of_turnover order by year")).toEqual([
      { year: 2023 },
    ]);
  });

  it("rates each role family on its own headcount, by the role held on the last day", async () => {
    const rows = await w.rows(
      "select role_family, separations, turnover_rate, voluntary_turnover_rate, retention_rate from marts.turnover_annual where org_id = 'all' and year = 2023 and role_family <> 'all' and avg_headcount > 0 order by role_family",
    );
    expect(rows).toEqual([
      // March: G on the 1st and the 31st (A no longer counts on 1 March), A leaves: 1 / 1
      // 1 January cohort: A (left), G (stayed) → 1/2
      {
        role_family: "generalist",
        separations: 1,
        turnover_rate: 1,
        voluntary_turnover_rate: 1,
        retention_rate: 0.5,
      },
      // F: every month 1 → 1 until May: 1 on the 1st, 0 on the 31st → 0.5, one voluntary leaver: 2
      {
        role_family: "leadership",
        separations: 1,
        turnover_rate: 2,
        voluntary_turnover_rate: 2,
        retention_rate: 0,
      },
      // B: April 1 → 0 → 0.5, a retirement (not voluntary): 2; hired 15 Jan so not in the 1 January cohort
      {
        role_family: "specialist",
        separations: 1,
        turnover_rate: 2,
        voluntary_turnover_rate: 0,
        retention_rate: null,
      },
      // C: April 1 → 0 → 0.5, involuntary
      {
        role_family: "unknown",
        separations: 1,
        turnover_rate: 2,
        voluntary_turnover_rate: 0,
        retention_rate: null,
      },
    ]);
  });

  it("carries organisation totals", async () => {
    const rows = await w.rows(
      "select org_id, separations, retention_rate from marts.turnover_annual where year = 2023 and role_family = 'all' order by org_id",
    );
    // default: A and F on 1 January, both gone; north: G stays
    expect(rows).toEqual([
      { org_id: "all", separations: 4, retention_rate: 1 / 3 },
      { org_id: "default", separations: 4, retention_rate: 0 },
      { org_id: "north", separations: 0, retention_rate: 1 },
    ]);
  });
});

describe("marts.cost_of_turnover", () => {
  it("multiplies each leaver's annualised pay on the last day by the replacement cost factor", async () => {
    // A $50,000; B $40/h × 2080 × fte 0.5 = $41,600; F $110,000 (the rate from 1 March);
    // C has no pay on file. 0.5 × (50,000 + 41,600 + 110,000) = 100,800
    expect(
      await w.rows(
        "select separations, separations_with_pay, replacement_cost_factor, replacement_cost_usd, is_suppressed from marts.cost_of_turnover where org_id = 'all' and role_family = 'all' and year = 2023",
      ),
    ).toEqual([
      {
        separations: 4,
        separations_with_pay: 3,
        replacement_cost_factor: 0.5,
        replacement_cost_usd: 100800,
        is_suppressed: false,
      },
    ]);
  });

  it("suppresses a cost that would reveal fewer than 3 people's pay, and leaves unknown cost empty", async () => {
    const rows = await w.rows(
      "select role_family, separations, replacement_cost_usd, is_suppressed from marts.cost_of_turnover where org_id = 'all' and year = 2023 and separations > 0 and role_family <> 'all' order by role_family",
    );
    expect(rows).toEqual([
      { role_family: "generalist", separations: 1, replacement_cost_usd: null, is_suppressed: true },
      { role_family: "leadership", separations: 1, replacement_cost_usd: null, is_suppressed: true },
      { role_family: "specialist", separations: 1, replacement_cost_usd: null, is_suppressed: true },
      { role_family: "unknown", separations: 1, replacement_cost_usd: null, is_suppressed: false },
    ]);
  });

  it("reports a group without leavers as zero cost", async () => {
    expect(
      await w.rows(
        "select separations, replacement_cost_usd from marts.cost_of_turnover where org_id = 'all' and role_family = 'engineering' and year = 2023",
      ),
    ).toEqual([{ separations: 0, replacement_cost_usd: 0 }]);
  });
});

describe("marts.retirement_exposure", () => {
  it("counts headcount on as_of by age band and the share aged 60 or over within 5 years", async () => {
    // on 2023-12-31: A (born 1985: 38), E (1990: 33), G (1964: 59 → 64 in 5 years); D is a contractor
    const rows = await w.rows(
      "select org_id, age_band, headcount, aged_60_within_5y, share_of_headcount, retirement_exposure from marts.retirement_exposure where headcount > 0 order by org_id, band_order",
    );
    expect(rows).toEqual([
      {
        org_id: "all",
        age_band: "under 40",
        headcount: 2,
        aged_60_within_5y: 0,
        share_of_headcount: 2 / 3,
        retirement_exposure: 0,
      },
      {
        org_id: "all",
        age_band: "55-59",
        headcount: 1,
        aged_60_within_5y: 1,
        share_of_headcount: 1 / 3,
        retirement_exposure: 1,
      },
      {
        org_id: "all",
        age_band: "all",
        headcount: 3,
        aged_60_within_5y: 1,
        share_of_headcount: 1,
        retirement_exposure: 1 / 3,
      },
      {
        org_id: "default",
        age_band: "under 40",
        headcount: 2,
        aged_60_within_5y: 0,
        share_of_headcount: 1,
        retirement_exposure: 0,
      },
      {
        org_id: "default",
        age_band: "all",
        headcount: 2,
        aged_60_within_5y: 0,
        share_of_headcount: 1,
        retirement_exposure: 0,
      },
      {
        org_id: "north",
        age_band: "55-59",
        headcount: 1,
        aged_60_within_5y: 1,
        share_of_headcount: 1,
        retirement_exposure: 1,
      },
      {
        org_id: "north",
        age_band: "all",
        headcount: 1,
        aged_60_within_5y: 1,
        share_of_headcount: 1,
        retirement_exposure: 1,
      },
    ]);
  });

  it("publishes no birth year or per-person column", async () => {
    const columns = await w.rows(
      "select column_name from information_schema.columns where table_schema = 'marts' and table_name = 'retirement_exposure'",
    );
    expect(columns.map((c) => c.column_name)).not.toContain("birth_year");
    expect(columns.map((c) => c.column_name)).not.toContain("employee_id");
  });
});

/** Reads a CSV written by R's write.csv: quoted strings, NA for missing. */
function readRCsv(file: string): Record<string, string | number | null>[] {
  const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const names = header!.split(",").map((h) => h.replace(/"/g, ""));
  return lines.map((line) =>
    Object.fromEntries(
      line.split(",").map((cell, i) => {
        const value = cell.startsWith('"') ? cell.replace(/"/g, "") : cell === "NA" ? null : Number(cell);
        return [names[i], value];
      }),
    ),
  );
}

/*
 * km: 43 employments, history_start before every hire (right-censored only). km-truncated:
 * history_start 2020-03-15 with staff hired from 1988, one leaver before it (excluded), one leaving
 * on it, one hired on it, and T18 leaving at the tenure at which T17 enters (1,827 days).
 */
describe.each([
  ["km", "km"],
  ["km-truncated", "km_truncated"],
])("Kaplan-Meier retention against R survival::survfit on fixture %s", (fixture, expectedName) => {
  let km: FixtureWarehouse;
  beforeAll(async () => {
    km = await buildFixtureWarehouse(path.join(FIXTURES, fixture));
  });
  afterAll(() => km?.close());

  it("matches survival, Greenwood log-scale 95% CI, numbers at risk and events at every month", async () => {
    const expected = readRCsv(path.join(import.meta.dirname, `r/${expectedName}_expected.csv`));
    const actual = await km.rows(
      "select group_kind, group_value, event_kind, month, at_risk, events, survival, ci_lower, ci_upper from marts.retention_curve where org_id = 'all' and group_kind in ('all', 'role_family')",
    );
    expect(actual.length).toBe(expected.length);
    const byKey = new Map(
      actual.map((r) => [`${r.group_kind}|${r.group_value}|${r.event_kind}|${r.month}`, r]),
    );
    for (const e of expected) {
      const a = byKey.get(`${e.group_kind}|${e.group_value}|${e.event_kind}|${e.month}`);
      expect(a, JSON.stringify(e)).toBeDefined();
      expect(a!.at_risk).toBe(e.at_risk);
      expect(a!.events).toBe(e.events);
      for (const column of ["survival", "ci_lower", "ci_upper"]) {
        if (e[column] === null) expect(a![column]).toBeNull();
        else expect(Math.abs((a![column] as number) - (e[column] as number))).toBeLessThan(1e-4);
      }
    }
  });

  it("matches R's median tenure and reports survival at 1, 2, 3 and 5 years from the curve", async () => {
    const expected = readRCsv(path.join(import.meta.dirname, `r/${expectedName}_expected_median.csv`));
    const summary = await km.rows(
      "select * from marts.retention_summary where org_id = 'all' and group_kind in ('all', 'role_family')",
    );
    const curve = await km.rows(
      "select group_kind, group_value, event_kind, month, survival from marts.retention_curve where org_id = 'all' and month in (12, 24, 36, 60)",
    );
    for (const e of expected) {
      const s = summary.find(
        (r) =>
          r.group_kind === e.group_kind && r.group_value === e.group_value && r.event_kind === e.event_kind,
      );
      expect(s!.n).toBe(e.n);
      if (e.median_tenure_months === null) expect(s!.median_tenure_months).toBeNull();
      else
        expect(
          Math.abs((s!.median_tenure_months as number) - (e.median_tenure_months as number)),
        ).toBeLessThan(1e-4);
      for (const [column, month] of [
        ["s12", 12],
        ["s24", 24],
        ["s36", 36],
        ["s60", 60],
      ] as const) {
        const point = curve.find(
          (c) =>
            c.group_kind === e.group_kind &&
            c.group_value === e.group_value &&
            c.event_kind === e.event_kind &&
            c.month === month,
        );
        expect(s![column]).toBe(point ? point.survival : null);
      }
    }
  });
});

/*
 * tests/fixtures/metrics/km-truncated, as_of 2024-12-31, history_start 2020-03-15 (settings.json):
 * the export holds T04 (left 2020-03-10) but, like real exports, not everyone who left before then.
 *   T01 hired 1988-05-02, ongoing: enters at tenure 11,640 days (its tenure on 2020-03-15)
 *   T03 hired 2005-01-03, left on 2020-03-15: enters and leaves at 5,550 days, a separation
 *   T09 hired on 2020-03-15: enters at 0
 *   T17 hired 2015-03-15 enters at 1,827 days, the day T18 (hired 2019-03-15) leaves at 1,827
 */
describe("history_start and delayed entry", () => {
  let t: FixtureWarehouse;
  beforeAll(async () => {
    t = await buildFixtureWarehouse(path.join(FIXTURES, "km-truncated"));
  });
  afterAll(() => t?.close());

  it("takes history_start from settings and starts the months in its month", async () => {
    expect(await t.rows("select history_start from meta.history_start")).toEqual([
      { history_start: "2020-03-15" },
    ]);
    expect(
      await t.rows("select min(month_start) as first_month, count(*) as months from core.months"),
    ).toEqual([{ first_month: "2020-03-01", months: 58 }]); // March 2020 to December 2024
    expect(await t.rows("select min(month_end) as first_month_end from marts.headcount_monthly")).toEqual([
      { first_month_end: "2020-03-31" },
    ]);
  });

  it("counts the first year from history_start and no leaver before it", async () => {
    // on 2020-03-15: T01, T02, T05, T06, T07, T08, T09, T15, T16, T17, T18 = 11 (T03's last day is
    // not a headcount day, T04 has gone). Leavers in 2020: T03 (15 March, voluntary), T07
    // (30 September); T04 (10 March) is before history_start. March: 1 / ((11 + 11) / 2);
    // September: 12 on the 1st (+ T10), 11 on the 30th → 1 / 11.5. Still employed on 31 December:
    // 10 of the 11.
    const [row] = await t.rows(
      "select separations, voluntary_separations, turnover_rate, retention_rate from marts.turnover_annual where org_id = 'all' and role_family = 'all' and year = 2020",
    );
    expect(row!.separations).toBe(2);
    expect(row!.voluntary_separations).toBe(1);
    expect(row!.turnover_rate).toBeCloseTo(1 / 11 + 1 / 11.5, 12);
    expect(row!.retention_rate).toBeCloseTo(10 / 11, 12);
    expect(
      await t.rows(
        "select separations from marts.cost_of_turnover where org_id = 'all' and role_family = 'all' and year = 2020",
      ),
    ).toEqual([{ separations: 2 }]);
  });

  it("enters employments hired before history_start at their tenure then, and drops those that ended before it", async () => {
    expect(
      await t.rows(
        "select n, events from marts.retention_summary where org_id = 'all' and group_kind = 'all' and event_kind = 'any'",
      ),
    ).toEqual([{ n: 17, events: 11 }]);
    // at 1,827 days: T06 (1,322 → 3,074), T17 (entering) and T18 (leaving) are at risk
    expect(
      await t.rows(
        "select at_risk, events from core.retention_km_steps where org_id = 'all' and group_kind = 'all' and event_kind = 'any' and time_days in (1827, 5550) order by time_days",
      ),
    ).toEqual([
      { at_risk: 3, events: 1 },
      // T03 alone: T02 (8,953 →) has not entered yet, T15 (4,383 → 4,747) has left
      { at_risk: 1, events: 1 },
    ]);
  });
});

describe("Kaplan-Meier median", () => {
  it("takes the midpoint when S is exactly 0.5 over an interval, as R does", async () => {
    // tenures (days): 10 event, 20 event, 30 censored, 50 censored → S = 3/4 at 10, 1/2 from 20 on,
    // never lower. R: quantile(survfit(Surv(c(10,20,30,50), c(1,1,0,0)) ~ 1), 0.5) = 35 days
    const half = await buildFixtureWarehouse(path.join(FIXTURES, "km-half"));
    try {
      const [row] = await half.rows(
        "select median_tenure_months from marts.retention_summary where org_id = 'all' and group_kind = 'all' and event_kind = 'any'",
      );
      expect(row!.median_tenure_months).toBeCloseTo(35 / 30.4375, 12);
    } finally {
      half.close();
    }
  });
});

describe("retention groups", () => {
  it("classifies employments as certified in their first year and moved within two years", async () => {
    // core fixture, as_of 2023-07-02; E005 is a contractor and not a subject.
    // certified: E002 (2nd employment, Security+ 4 months in), E003 (CRES 8 months in), E004 (CCE 6.5 months in);
    // E001's CBET came 14 months in; E006's vendor certificate is unmapped.
    // moved: E002's first employment (BMET I → BMET II after one year); E001 moved after 28 months.
    const core = await buildFixtureWarehouse(path.join(FIXTURES, "core"));
    try {
      expect(
        await core.rows(
          "select group_kind, group_value, n, events from marts.retention_summary where org_id = 'all' and event_kind = 'any' and group_kind in ('certified', 'moved_internally') order by all",
        ),
      ).toEqual([
        { group_kind: "certified", group_value: "no", n: 4, events: 1 },
        { group_kind: "certified", group_value: "yes", n: 3, events: 1 },
        { group_kind: "moved_internally", group_value: "no", n: 6, events: 1 },
        { group_kind: "moved_internally", group_value: "yes", n: 1, events: 1 },
      ]);
    } finally {
      core.close();
    }
  });
});

describe("retention mart keys", () => {
  const GRAINS = martGrains([
    "headcount_monthly",
    "turnover_annual",
    "retention_curve",
    "retention_summary",
    "cost_of_turnover",
    "retirement_exposure",
  ]);
  for (const [table, grain] of Object.entries(GRAINS)) {
    it(`${table} is unique on its grain, with no null grain column`, async () => {
      expect(await w.rows(duplicateKeys(table, grain))).toEqual([]);
      expect(await w.rows(nullValues(table, grain))).toEqual([]);
    });
  }

  it("uses plain column types only", async () => {
    const types = await w.rows(
      `select distinct data_type from information_schema.columns where table_schema = 'marts'
       and table_name in ('headcount_monthly', 'turnover_annual', 'retention_curve', 'retention_summary', 'cost_of_turnover', 'retirement_exposure')
       order by data_type`,
    );
    expect(types.map((t) => t.data_type)).toEqual(["BOOLEAN", "DATE", "DOUBLE", "INTEGER", "VARCHAR"]);
  });
});
