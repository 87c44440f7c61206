/**
 * Society surveys (docs/architecture.md, privacy, issue 14): the sample's 12 organisations are ingested once into one
 * warehouse; each contributes its own file; pooling those files must give what the one warehouse
 * computes from the raw data (headcount, turnover, hours by domain, Kaplan-Meier to 1e-9; pay
 * percentiles within the stated bin error), no file may hold an employee id or one person's pay,
 * and bad files are rejected with a reason while the others pool.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../src/config/settings.ts";
import { buildContribution, type Contribution } from "../src/survey/contribute.ts";
import {
  MANIFEST_KEY,
  PAY_BIN_USD,
  fileRowGroupsDigest,
  writeSignedContribution,
  type Manifest,
} from "../src/survey/contribution-schema.ts";
import { poolContributions, type PoolReport } from "../src/survey/pool.ts";
import { runCli } from "./support/cli.ts";
import { sharedSample } from "./support/shared-sample.ts";
import { queryWarehouse } from "./support/duckdb.ts";

const ORGS = Array.from({ length: 12 }, (_, i) => `ORG${String(i + 1).padStart(2, "0")}`);
// The sample's as_of is 2025-12-31; four months later every full-period contribution is old enough.
const POOL_DATE = "2026-04-30";

let dir: string;
/** The sample's input CSVs. */
let input: string;
let dbPath: string;
let pooledPath: string;
const contributions = new Map<string, Contribution>();
let report: PoolReport;

async function query(db: string, sql: string) {
  return queryWarehouse(db, sql);
}

beforeAll(async () => {
  // the default sample and its warehouse, shared with the other test files (read-only here)
  ({ input, db: dbPath } = await sharedSample());
  dir = mkdtempSync(path.join(tmpdir(), "htm-survey-"));
  mkdirSync(path.join(dir, "contributions"));
  for (const org of ORGS)
    contributions.set(
      org,
      await buildContribution({
        dbPath,
        orgId: org,
        out: path.join(dir, "contributions", `${org}.parquet`),
        settings: DEFAULT_SETTINGS,
      }),
    );
  pooledPath = path.join(dir, "pooled.duckdb");
  report = await poolContributions({
    inputDir: path.join(dir, "contributions"),
    dbPath: pooledPath,
    settings: DEFAULT_SETTINGS,
    poolDate: POOL_DATE,
  });
}, 300_000);

/** Contribution columns that are sums of device prices and vendor invoices, never of pay. */
const NON_PAY_MONEY = new Set(["acquisition_cost_usd", "vendor_cost_usd", "parts_cost_usd"]);
/** Contribution columns of work-order labor hours: an hourly pay rate of the same number (38.25) is a coincidence. */
const LABOR_HOURS = new Set(["hours"]);

const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe("pooling the 12 sample organisations equals one warehouse of all of them", () => {
  it("pools every contribution", () => {
    expect(report.rejected).toBe(0);
    expect(report.pooled).toBe(12);
  });

  it("headcount and FTE by month and role family", async () => {
    const truth = await query(
      dbPath,
      `select cast(cast(date_trunc('month', month_end) as date) as varchar) as month_start, role_family, headcount, fte
       from marts.headcount_monthly where org_id = 'all'`,
    );
    const pooled = new Map(
      (
        await query(
          pooledPath,
          `select cast(month_start as varchar) as month_start, role_family, headcount, fte
           from marts.pooled_headcount_monthly where facility_type = 'all' and bed_band = 'all' and region = 'all'`,
        )
      ).map((p) => [`${p.month_start}|${p.role_family}`, p]),
    );
    expect(truth.length).toBeGreaterThan(100);
    let compared = 0;
    for (const t of truth) {
      const p = pooled.get(`${t.month_start}|${t.role_family}`);
      if (!p) {
        // a family nobody in any organisation ever held: the mart's grid shows it as 0
        expect(Number(t.headcount), `${t.month_start} ${t.role_family}`).toBe(0);
        continue;
      }
      expect(Number(p.headcount), `${t.month_start} ${t.role_family}`).toBe(Number(t.headcount));
      expect(close(Number(p.fte), Number(t.fte)), `${t.month_start} ${t.role_family} fte`).toBe(true);
      compared++;
    }
    expect(compared).toBe(pooled.size);
  });

  it("SHRM turnover by year and role family (sum of monthly rates)", async () => {
    const truth = await query(
      dbPath,
      `select year, role_family, avg_headcount, separations, voluntary_separations, turnover_rate, voluntary_turnover_rate
       from marts.turnover_annual where org_id = 'all'`,
    );
    const pooled = new Map(
      (
        await query(
          pooledPath,
          `select * from marts.pooled_turnover_annual where facility_type = 'all' and bed_band = 'all' and region = 'all'`,
        )
      ).map((p) => [`${p.year}|${p.role_family}`, p]),
    );
    let compared = 0;
    for (const t of truth) {
      const p = pooled.get(`${t.year}|${t.role_family}`);
      if (!p) {
        expect(Number(t.avg_headcount) + Number(t.separations), `${t.year} ${t.role_family}`).toBe(0);
        continue;
      }
      compared++;
      expect(Number(p.separations)).toBe(Number(t.separations));
      expect(Number(p.voluntary_separations)).toBe(Number(t.voluntary_separations));
      expect(close(Number(p.avg_headcount), Number(t.avg_headcount))).toBe(true);
      for (const k of ["turnover_rate", "voluntary_turnover_rate"])
        if (t[k] === null) expect(p[k]).toBeNull();
        else expect(close(Number(p[k]), Number(t[k])), `${t.year} ${t.role_family} ${k}`).toBe(true);
    }
    expect(compared).toBeGreaterThanOrEqual(10 * 4);
    const all2024 = pooled.get("2024|all")!;
    expect(Number(all2024.turnover_rate)).toBeGreaterThan(0);
  });

  it("in-house hours by domain and quarter, and their share", async () => {
    const truth = await query(
      dbPath,
      `select cast(quarter_start as varchar) as quarter_start, domain, hours, share
       from marts.workload_domain_quarterly where org_id = 'all'`,
    );
    const pooled = new Map(
      (
        await query(
          pooledPath,
          `select cast(quarter_start as varchar) as quarter_start, domain, hours, share
           from marts.pooled_workload_domain_quarterly where facility_type = 'all' and bed_band = 'all' and region = 'all'`,
        )
      ).map((p) => [`${p.quarter_start}|${p.domain}`, p]),
    );
    expect(truth.length).toBeGreaterThan(40);
    for (const t of truth) {
      const p = pooled.get(`${t.quarter_start}|${t.domain}`);
      if (!p) {
        expect(Number(t.hours)).toBe(0);
        continue;
      }
      expect(close(Number(p.hours), Number(t.hours)), `${t.quarter_start} ${t.domain}`).toBe(true);
      if (t.share !== null) expect(close(Number(p.share), Number(t.share))).toBe(true);
    }
    // pooled quarters the mart lacks had no in-house hours anywhere (vendor work only)
    const truthKeys = new Set(truth.map((t) => `${t.quarter_start}|${t.domain}`));
    for (const [k, p] of pooled) if (!truthKeys.has(k)) expect(Number(p.hours), k).toBe(0);
  });

  it("in-house hours by domain and year, and their share (hours-weighted, not a mean of quarters)", async () => {
    const truth = await query(
      dbPath,
      `select year, domain, hours, share from marts.workload_domain_annual where org_id = 'all'`,
    );
    const pooled = new Map(
      (
        await query(
          pooledPath,
          `select year, domain, hours, share
           from marts.pooled_workload_domain_yearly where facility_type = 'all' and bed_band = 'all' and region = 'all'`,
        )
      ).map((p) => [`${p.year}|${p.domain}`, p]),
    );
    expect(truth.length).toBeGreaterThan(10);
    let compared = 0;
    for (const t of truth) {
      const p = pooled.get(`${t.year}|${t.domain}`);
      if (!p) {
        expect(Number(t.hours), `${t.year} ${t.domain}`).toBe(0);
        continue;
      }
      expect(close(Number(p.hours), Number(t.hours)), `${t.year} ${t.domain}`).toBe(true);
      if (t.share !== null)
        expect(close(Number(p.share), Number(t.share)), `${t.year} ${t.domain} share`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("Kaplan-Meier by month of tenure with Greenwood log-scale CI, from the one warehouse's subjects", async () => {
    // Reference computed here, independently of the survey SQL: core.retention_subjects (the
    // warehouse's own Kaplan-Meier observations for every organisation), tenure binned to months
    // of 30.4375 days, at risk from the entry month to the exit month, then the product-limit
    // estimate and Greenwood's variance in plain arithmetic.
    const subjects = await query(
      dbPath,
      `select group_kind, group_value, event_kind, entry_days, time_days, is_event
       from core.retention_subjects where org_id = 'all' and group_kind in ('all', 'role_family')`,
    );
    const groups = new Map<string, { entry: number; exit: number; event: boolean }[]>();
    for (const s of subjects) {
      const key = `${s.group_kind}|${s.group_value}|${s.event_kind}`;
      const list = groups.get(key) ?? [];
      list.push({
        entry: Math.floor(Number(s.entry_days) / 30.4375),
        exit: Math.floor(Number(s.time_days) / 30.4375),
        event: Boolean(s.is_event),
      });
      groups.set(key, list);
    }
    const pooled = new Map(
      (
        await query(
          pooledPath,
          `select group_kind, group_value, event_kind, tenure_month, at_risk, events, survival, ci_lower, ci_upper
           from marts.pooled_retention_curve where facility_type = 'all' and bed_band = 'all' and region = 'all'`,
        )
      ).map((p) => [`${p.group_kind}|${p.group_value}|${p.event_kind}|${p.tenure_month}`, p]),
    );
    let compared = 0;
    for (const [key, list] of groups) {
      const last = Math.min(120, Math.max(...list.map((s) => s.exit)));
      let s = 1;
      let greenwood = 0;
      for (let m = 0; m <= last; m++) {
        const n = list.filter((x) => x.entry <= m && m <= x.exit).length;
        if (n === 0) continue;
        const d = list.filter((x) => x.event && x.exit === m).length;
        s *= 1 - d / n;
        if (d < n) greenwood += d / (n * (n - d));
        const p = pooled.get(`${key}|${m}`);
        expect(p, `${key} month ${m}`).toBeDefined();
        expect(Number(p!.at_risk)).toBe(n);
        expect(Number(p!.events)).toBe(d);
        expect(Math.abs(Number(p!.survival) - s), `${key} month ${m} S`).toBeLessThanOrEqual(1e-9);
        if (s > 0) {
          const se = Math.sqrt(greenwood);
          expect(Math.abs(Number(p!.ci_lower) - s * Math.exp(-1.959963984540054 * se))).toBeLessThanOrEqual(
            1e-9,
          );
          expect(
            Math.abs(Number(p!.ci_upper) - Math.min(1, s * Math.exp(1.959963984540054 * se))),
          ).toBeLessThanOrEqual(1e-9);
        }
        compared++;
      }
    }
    expect(compared).toBe(pooled.size);
    expect(compared).toBeGreaterThan(1000);
  });

  it("pay percentiles lie within the stated bin error of the exact quantiles", async () => {
    // Exact percentiles (quantile_cont, as marts.pay_position) over every paid person: nothing is
    // refused at source (schema version 2)
    const instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
    const conn = await instance.connect();
    const truth = (
      await conn.runAndReadAll(`
        with snapshots as (
          select distinct year(month_start) as year, least(make_date(year(month_start), 12, 31), (select as_of from meta.as_of)) as on_date
          from core.months
        ),
        paid as (
          select n.year, p.org_id, p.role, p.role_family, ps.annual_pay_usd as pay
          from snapshots n
          join core.staffed_spells p on p.start_on <= n.on_date and coalesce(p.end_on, date '9999-12-31') > n.on_date
          join core.pay_spells ps on ps.employee_id = p.employee_id and ps.hire_on = p.hire_on
            and ps.start_on <= n.on_date and coalesce(ps.end_on, date '9999-12-31') > n.on_date
        ),
        grouped as (
          select year, org_id, 'role' as group_kind, role as group_value, pay from paid
          union all select year, org_id, 'role_family', role_family, pay from paid
          union all select year, org_id, 'all', 'all', pay from paid
        )
        select g.year, g.group_kind, g.group_value, count(*) as people,
          quantile_cont(pay, 0.25) as p25, quantile_cont(pay, 0.5) as p50, quantile_cont(pay, 0.75) as p75
        from grouped g
        group by all`)
    ).getRowObjectsJson() as Record<string, unknown>[];
    conn.closeSync();
    instance.closeSync();
    const pooled = await query(
      pooledPath,
      `select year, group_kind, group_value, percentile, people, pay_usd, pay_lower_usd, pay_upper_usd, bin_error_usd
       from marts.pooled_pay_percentiles where facility_type = 'all' and bed_band = 'all' and region = 'all'
         and breakdown_kind = 'all' and percentile in (0.25, 0.5, 0.75)`,
    );
    const byKey = new Map(truth.map((t) => [`${t.year}|${t.group_kind}|${t.group_value}`, t]));
    expect(pooled.length).toBeGreaterThan(50);
    for (const p of pooled) {
      const t = byKey.get(`${p.year}|${p.group_kind}|${p.group_value}`)!;
      expect(t, `${p.year} ${p.group_kind} ${p.group_value}`).toBeDefined();
      expect(Number(p.people)).toBe(Number(t.people));
      const exact = Number(t[`p${Math.round(Number(p.percentile) * 100)}`]);
      const label = `${p.year} ${p.group_value} p${Number(p.percentile) * 100}: exact ${exact}, pooled ${p.pay_usd} in [${p.pay_lower_usd}, ${p.pay_upper_usd}]`;
      expect(exact, label).toBeGreaterThanOrEqual(Number(p.pay_lower_usd));
      expect(exact, label).toBeLessThanOrEqual(Number(p.pay_upper_usd));
      expect(Math.abs(Number(p.pay_usd) - exact), label).toBeLessThanOrEqual(Number(p.bin_error_usd));
      expect(Number(p.bin_error_usd) % PAY_BIN_USD).toBe(0);
    }
  });
});

describe("the commands", () => {
  it("contribute --explain prints every table with its row count; --org is required for a multi-org warehouse", () => {
    const r = runCli([
      "contribute",
      "--db",
      dbPath,
      "--org",
      "ORG02",
      "--explain",
      "--settings",
      path.join(dir, "none.json"),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const m = contributions.get("ORG02")!.manifest;
    for (const [t, n] of Object.entries(m.tables))
      expect(r.stdout).toMatch(new RegExp(`^${t}\\s+${n}\\s`, "m"));
    expect(r.stdout).toContain(m.checksum);
    const noOrg = runCli(["contribute", "--db", dbPath, "--out", path.join(dir, "x.parquet")]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toMatch(/holds 12 organisations; choose one with --org/);
  });

  it("a period outside the warehouse's history, or both --years and --period-start, is refused", async () => {
    const req = { dbPath, orgId: "ORG01", settings: DEFAULT_SETTINGS };
    await expect(buildContribution({ ...req, periodStart: "2015-01-01" })).rejects.toThrow(
      /before history_start 2016-01-01/,
    );
    await expect(buildContribution({ ...req, periodEnd: "2026-01-31" })).rejects.toThrow(
      /after the warehouse's as_of/,
    );
    await expect(buildContribution({ ...req, years: 2, periodStart: "2024-01-01" })).rejects.toThrow(
      /not both/,
    );
    // whole months: the contribution's monthly rows are the hospital's own, not a recount of part of one
    await expect(buildContribution({ ...req, periodStart: "2020-03-15" })).rejects.toThrow(
      /starts on the first of a month/,
    );
    await expect(buildContribution({ ...req, periodEnd: "2024-06-15" })).rejects.toThrow(
      /ends on the last day of a month \(2024-06-30\)/,
    );
    await expect(buildContribution({ ...req, periodEnd: "2024-02-30" })).rejects.toThrow(
      /not a calendar date/,
    );
    const two = await buildContribution({ ...req, years: 2 });
    expect([two.manifest.period_start, two.manifest.period_end]).toEqual(["2024-01-01", "2025-12-31"]);
    // 24 months × role families: the headcount table covers exactly the period
    expect(two.manifest.tables.headcount_monthly! % 24).toBe(0);
  });

  it("pool exits 2 when no file pools, naming why", () => {
    const empty = path.join(dir, "empty");
    mkdirSync(empty);
    writeFileSync(path.join(empty, "notes.parquet"), "not parquet");
    const r = runCli(["pool", "--input", empty, "--db", path.join(dir, "p.duckdb")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/rejected {2}notes.parquet: unreadable Parquet/);
  });
});

describe("the publish layer of the pooled warehouse", () => {
  it("publishes only peer groups of at least 5 organisations with none above 25%, and no group by difference", async () => {
    const groups = await query(pooledPath, "select * from publish.publication_groups");
    const rules = await query(pooledPath, "select * from survey.peer_groups");
    expect(groups.length).toBe(rules.length);
    const byKey = new Map(rules.map((r) => [`${r.facility_type}|${r.bed_band}|${r.region}`, r]));
    for (const g of groups.filter((x) => x.suppressed_reason !== null)) expect(g.contributors).toBeNull();
    for (const g of groups.filter((x) => x.suppressed_reason === null)) {
      const r = byKey.get(`${g.facility_type}|${g.bed_band}|${g.region}`)!;
      expect(Number(r.contributors)).toBeGreaterThanOrEqual(5);
      expect(Number(r.max_org_share)).toBeLessThanOrEqual(0.25);
    }
    // every parent minus its published children along one dimension pools 0 or >= 5 organisations
    const published = groups.filter((x) => x.suppressed_reason === null);
    for (const parent of published)
      for (const dim of ["facility_type", "bed_band", "region"] as const) {
        if (parent[dim] !== "all") continue;
        const children = groups.filter(
          (c) =>
            c[dim] !== "all" &&
            (["facility_type", "bed_band", "region"] as const).every((d) => d === dim || c[d] === parent[d]),
        );
        const hidden = children
          .filter((c) => c.suppressed_reason !== null)
          .reduce(
            (a, c) => a + Number(byKey.get(`${c.facility_type}|${c.bed_band}|${c.region}`)!.contributors),
            0,
          );
        expect(hidden === 0 || hidden >= 5, `${JSON.stringify(parent)} by ${dim}: ${hidden} hidden`).toBe(
          true,
        );
      }
  });

  it("every published pay percentile rests on >= 5 organisations and 5 people (10 and 10 for the 10th and 90th), rounded to $1,000", async () => {
    const rows = await query(
      pooledPath,
      `select p.pay_usd, m.orgs, m.people, m.percentile, p.suppressed_reason
       from publish.pooled_pay_percentiles p
       join marts.pooled_pay_percentiles m using (facility_type, bed_band, region, year, group_kind, group_value,
         breakdown_kind, breakdown_value, percentile)`,
    );
    const shown = rows.filter((r) => r.pay_usd !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const r of shown) {
      const tail = Number(r.percentile) === 0.1 || Number(r.percentile) === 0.9;
      expect(Number(r.orgs)).toBeGreaterThanOrEqual(tail ? 10 : 5);
      expect(Number(r.people)).toBeGreaterThanOrEqual(tail ? 10 : 5);
      expect(Number(r.pay_usd) % 1000).toBe(0);
    }
    for (const r of rows.filter((x) => x.pay_usd === null)) expect(r.suppressed_reason).not.toBeNull();
  });

  it("holds no additive counts and names no contributor unless configured", async () => {
    const columns = await query(
      pooledPath,
      "select table_name, column_name from information_schema.columns where table_schema = 'publish'",
    );
    const additive = [
      "headcount",
      "fte",
      "separations",
      "at_risk",
      "events",
      "hours",
      "assets",
      "people",
      "requisitions",
    ];
    // pay cells carry their people and organisations, as salary surveys do; the differencing rules
    // keep any two published cells of one measure 0 or at least 5 organisations apart
    expect(
      columns.filter(
        (c) => additive.includes(String(c.column_name)) && c.table_name !== "pooled_pay_percentiles",
      ),
    ).toEqual([]);
    expect(await query(pooledPath, "select * from publish.contributors")).toEqual([]);
  });
});

describe("a contribution, read by an attacker, holds no employee id and no one person's pay", () => {
  it("no cell of any table nor the manifest equals an input employee id or an individual pay", async () => {
    const csv = (name: string) =>
      parse(readFileSync(path.join(input, name), "utf8"), {
        columns: true,
        skip_empty_lines: true,
      }) as Record<string, string>[];
    const ids = new Set<string>();
    for (const r of csv("employees.csv")) ids.add(r.employee_id!.trim());
    for (const name of ["job_history.csv", "pay.csv", "certifications.csv", "training.csv"])
      for (const r of csv(name)) if (r.employee_id) ids.add(r.employee_id.trim());
    for (const r of csv("work_orders.csv")) if (r.technician_id) ids.add(r.technician_id.trim());
    // Pay values: annual amounts and the annualised rates the warehouse derives (hourly × 2080 ×
    // fte) are matched against every cell. Hourly amounts (a few dollars to ~100) are matched
    // against the pay columns only: an FTE total of 28.3 or a parts cost of $32 equal to someone's
    // rate per hour is a coincidence of small numbers; a pay cell equal to it would be that rate.
    const pays = new Set<number>();
    const hourly = new Set<number>();
    for (const r of csv("pay.csv")) {
      const amount = Number(r.amount);
      if (!Number.isFinite(amount)) continue;
      if (r.basis === "hourly") hourly.add(amount);
      else pays.add(amount);
    }
    for (const p of await query(dbPath, "select distinct annual_pay_usd from core.pay_spells"))
      pays.add(Number(p.annual_pay_usd));
    expect(ids.size).toBeGreaterThan(200);
    expect(pays.size).toBeGreaterThan(500);

    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    let cells = 0;
    const found: string[] = [];
    for (const org of ORGS) {
      const file = path.join(dir, "contributions", `${org}.parquet`);
      const reader = await conn.runAndReadAll(`select * from read_parquet(${str(file)})`);
      const names = reader.columnNames();
      for (const row of reader.getRowsJson()) {
        row.forEach((v, i) => {
          if (v === null) return;
          cells++;
          const text = String(v).trim();
          if (ids.has(text)) found.push(`${org} ${names[i]} = ${text} is an employee id`);
          const n = Number(text);
          if (!Number.isFinite(n) || text === "") return;
          // Device and vendor money (sums of core.assets acquisition costs, of work orders' vendor
          // and parts costs; no pay reaches them, see src/sql/survey/contribution/) is in whole
          // dollars of the same size as annual pay: equal values there are coincidences of
          // thousands of sums against hundreds of salaries, not a salary.
          // a bin edge on the schema's $1,000 grid equal to a round salary says only which band
          // pay falls in; an edge off the grid would be a pay (pool rejects such files)
          const gridEdge = names[i]!.startsWith("pay_") && n % 1000 === 0;
          if (pays.has(n) && !NON_PAY_MONEY.has(names[i]!) && !LABOR_HOURS.has(names[i]!) && !gridEdge)
            found.push(`${org} ${names[i]} = ${text} is someone's pay`);
          if (names[i]!.startsWith("pay_") && hourly.has(n))
            found.push(`${org} ${names[i]} = ${text} is someone's hourly rate`);
        });
      }
      const kv = (
        await conn.runAndReadAll(`select decode(value) as v from parquet_kv_metadata(${str(file)})`)
      ).getRowObjectsJson();
      for (const { v } of kv)
        for (const token of String(v).split(/[^A-Za-z0-9.]+/)) {
          if (ids.has(token)) found.push(`${org} manifest token ${token} is an employee id`);
          if (token && pays.has(Number(token))) found.push(`${org} manifest token ${token} is someone's pay`);
        }
    }
    expect(found).toEqual([]);
    conn.closeSync();
    instance.closeSync();
    expect(cells).toBeGreaterThan(10_000);
  });

  it("sends every pay group, however small, in $1,000 bins: the society applies the rules after pooling", () => {
    const c = contributions.get("ORG01")!;
    expect(c.manifest.pay_bin_usd).toBe(1000);
    expect(c.payGroups.some((g) => g.group_kind === "role" && g.people < 5)).toBe(true);
    const kinds = new Set(c.payGroups.map((g) => `${g.breakdown_kind}`));
    expect(kinds).toEqual(new Set(["all", "experience_band", "certification"]));
  });

  it("refuses another pay bin width", async () => {
    await expect(
      buildContribution({
        dbPath,
        orgId: "ORG01",
        settings: { ...DEFAULT_SETTINGS, survey_pay_bin_usd: 5000 },
      }),
    ).rejects.toThrow(/fixes pay bins at \$1,000/);
  });
});

describe("the checksum of schema version 3 covers the rows' bytes", () => {
  it("the same rows under another manifest digest alike; one value changed, or a file that is not Parquet, does not", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "htm-digest-"));
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      const write = async (name: string, sql: string, kv: string) => {
        await conn.run(`create or replace temp table t as ${sql}`);
        const file = path.join(folder, name);
        await conn.run(`copy t to ${str(file)} (format parquet, kv_metadata {${MANIFEST_KEY}: ${str(kv)}})`);
        return file;
      };
      const rows = "select * from (values (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)) as v(k, s, n)";
      const a = await write("a.parquet", rows, "{}");
      const b = await write("b.parquet", rows, '{"a much longer manifest": "than the first one"}');
      // 20 becomes 21: the same encoded length, another value
      const c = await write("c.parquet", rows.replace("20)", "21)"), "{}");
      writeFileSync(path.join(folder, "d.parquet"), "PAR1 not a parquet file PAR1");
      expect(readFileSync(a).length).not.toBe(readFileSync(b).length);
      expect(fileRowGroupsDigest(a)).toMatch(/^[0-9a-f]{64}$/);
      expect(fileRowGroupsDigest(b)).toBe(fileRowGroupsDigest(a));
      expect(fileRowGroupsDigest(c)).not.toBe(fileRowGroupsDigest(a));
      expect(fileRowGroupsDigest(path.join(folder, "d.parquet"))).toBeNull();
      expect(fileRowGroupsDigest(path.join(folder, "missing.parquet"))).toBeNull();
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe("bad contributions are rejected with a reason; the others still pool", () => {
  it("corrupted, tampered, duplicated, overlapping, wrong-version, impossible and too-recent files", async () => {
    const bad = path.join(dir, "bad");
    mkdirSync(bad);
    // pooled on 2026-01-15: a period must end by 2025-10-15, so the good files end 2025-09-30
    const poolDate = "2026-01-15";
    const good = (org: string, extra: Partial<{ periodStart: string; periodEnd: string }> = {}) =>
      buildContribution({
        dbPath,
        orgId: org,
        // the repeat sorts after the first file, so the first is the one pooled
        out: path.join(bad, extra.periodStart ? `zz-${org}-overlap.parquet` : `${org}.parquet`),
        settings: DEFAULT_SETTINGS,
        periodEnd: "2025-09-30",
        ...extra,
      });
    for (const org of ORGS.filter((o) => o !== "ORG05")) await good(org);
    await good("ORG02", { periodStart: "2025-01-01" });
    await buildContribution({
      dbPath,
      orgId: "ORG05",
      out: path.join(bad, "ORG05.parquet"),
      settings: DEFAULT_SETTINGS,
    });
    copyFileSync(path.join(bad, "ORG01.parquet"), path.join(bad, "zz-ORG01-again.parquet"));

    // corrupted: bytes in the middle of the file overwritten
    const corrupt = readFileSync(path.join(bad, "ORG03.parquet"));
    corrupt.fill(0x41, Math.floor(corrupt.length / 3), Math.floor(corrupt.length / 3) + 64);
    writeFileSync(path.join(bad, "ORG03.parquet"), corrupt);

    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    const rewrite = async (
      org: string,
      select: string,
      // the manifest to sign the new rows with, or "unsigned" to keep the old manifest and checksum
      manifest: (m: Manifest) => Omit<Manifest, "checksum"> | "unsigned",
    ) => {
      const file = path.join(bad, `${org}.parquet`);
      const m = JSON.parse(
        String(
          (
            await conn.runAndReadAll(
              `select decode(value) as v from parquet_kv_metadata(${str(file)}) where decode(key) = '${MANIFEST_KEY}'`,
            )
          ).getRowObjectsJson()[0]!.v,
        ),
      ) as Manifest;
      await conn.run(`create or replace temp table t as ${select.replace("FILE", str(file))}`);
      const next = manifest(m);
      if (next === "unsigned")
        await conn.run(
          `copy t to ${str(file)} (format parquet, kv_metadata {${MANIFEST_KEY}: ${str(JSON.stringify(m))}})`,
        );
      else await writeSignedContribution(conn, "t", next, file);
    };
    // tampered: one headcount raised, manifest left as it was
    await rewrite(
      "ORG04",
      "select * replace (case when table_name = 'headcount_monthly' and month_start = date '2020-01-01' and role_family = 'all' then headcount + 1 else headcount end as headcount) from read_parquet(FILE)",
      () => "unsigned",
    );
    // a future schema version, otherwise intact
    await rewrite("ORG06", "select * from read_parquet(FILE)", (m) => ({ ...m, schema_version: 99 }));
    // impossible: more events than people at risk, re-signed so only the totals check can catch it
    await rewrite(
      "ORG07",
      "select * replace (case when table_name = 'retention_km' and tenure_month = 3 then at_risk + 1 else events end as events) from read_parquet(FILE)",
      (m) => m,
    );
    // a copy of the impossible file: not read twice, rejected for the same reason
    copyFileSync(path.join(bad, "ORG07.parquet"), path.join(bad, "zz-ORG07-again.parquet"));
    conn.closeSync();
    instance.closeSync();

    const pooledBad = path.join(dir, "pooled-bad.duckdb");
    const r = await poolContributions({
      inputDir: bad,
      dbPath: pooledBad,
      settings: DEFAULT_SETTINGS,
      poolDate,
    });
    const reason = (file: string) => r.log.find((e) => e.file === file)?.reason ?? "";
    expect(reason("ORG03.parquet")).toMatch(/unreadable|checksum/);
    expect(reason("ORG04.parquet")).toMatch(/checksum mismatch/);
    expect(reason("ORG06.parquet")).toMatch(/schema version 99/);
    expect(reason("ORG07.parquet")).toMatch(/more events than people at risk/);
    expect(reason("zz-ORG07-again.parquet")).toBe(reason("ORG07.parquet"));
    expect(reason("ORG05.parquet")).toMatch(/too recent/);
    expect(reason("zz-ORG01-again.parquet")).toMatch(/duplicate of ORG01.parquet/);
    expect(reason("zz-ORG02-overlap.parquet")).toMatch(/period overlaps ORG02.parquet/);
    const pooledOrgs = r.log
      .filter((e) => e.status === "pooled")
      .map((e) => e.contributor_id)
      .sort();
    expect(pooledOrgs).toEqual(["ORG01", "ORG02", "ORG08", "ORG09", "ORG10", "ORG11", "ORG12"]);

    // the log is in the pooled warehouse, and the pooled headcount is the sum of the pooled seven
    const logged = await query(
      pooledBad,
      "select status, count(*) as n from survey.pool_log group by all order by 1",
    );
    expect(logged).toEqual([
      { status: "pooled", n: "7" },
      { status: "rejected", n: "8" },
    ]);
    const [pooled] = await query(
      pooledBad,
      `select headcount from marts.pooled_headcount_monthly where facility_type = 'all' and bed_band = 'all'
         and region = 'all' and role_family = 'all' and month_start = date '2024-06-01'`,
    );
    const [expected] = await query(
      dbPath,
      `select sum(headcount) as n from marts.headcount_monthly where role_family = 'all' and month_end = date '2024-06-30'
         and org_id in ('ORG01', 'ORG02', 'ORG08', 'ORG09', 'ORG10', 'ORG11', 'ORG12')`,
    );
    expect(Number(pooled!.headcount)).toBe(Number(expected!.n));
  }, 120_000);
});
