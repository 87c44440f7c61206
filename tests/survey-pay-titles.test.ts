/**
 * A salary survey a society can publish (issue 22): 36 sample organisations each contribute, the
 * society pools them, and pay is published for every job title held by at least 5 organisations
 * and 5 people, with its counts; every percentile interval holds the exact percentile computed
 * here from the hospitals' people (one warehouse ingested from their CSVs, core.pay_snapshots, R
 * type 7 as DuckDB's quantile_cont), and no published pair of groups, cells or releases differs by
 * 1 to 4 organisations. Forged files are rejected with their reason while the rest pool.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../src/config/settings.ts";
import { ingest } from "../loaders/ingest.ts";
import { MANIFEST_KEY, writeSignedContribution, type Manifest } from "../src/survey/contribution-schema.ts";
import { poolContributions, PoolError, type PoolReport } from "../src/survey/pool.ts";
import { runCli } from "./support/cli.ts";
import { queryWarehouse as query } from "./support/duckdb.ts";
import { contributeAndPool } from "./support/society-pool.ts";

const ORGS = Array.from({ length: 36 }, (_, i) => `ORG${String(i + 1).padStart(2, "0")}`);
const POOL_DATE = "2026-04-30";
const PERCENTILES = [0.1, 0.25, 0.5, 0.75, 0.9];

let dir: string;
let dbPath: string;
let input: string;
let pooledPath: string;
let report: PoolReport;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "htm-pay-titles-"));
  const r = runCli(["sample", "--out", dir, "--orgs", "36", "--years", "3", "--work-orders", "3000"]);
  expect(r.code, r.stderr).toBe(0);
  dbPath = path.join(dir, "w.duckdb");
  await ingest({ inputDir: dir, dbPath, quiet: true });
  input = path.join(dir, "contributions");
  pooledPath = path.join(dir, "society", "pooled.duckdb");
  report = await contributeAndPool({
    warehouse: dbPath,
    orgIds: ORGS,
    contributions: input,
    pooled: pooledPath,
    poolDate: POOL_DATE,
  });
}, 900_000);

describe("pay by job title, pooled from 36 organisations", () => {
  it("pools every contribution", () => {
    expect(report.rejected).toBe(0);
    expect(report.pooled).toBe(36);
  });

  it("publishes every title held by >= 5 organisations and 5 people, with counts, and every interval holds the exact percentile", async () => {
    // the truth: every person paid on the last snapshot, by title, from the hospitals' own warehouse
    const [{ year }] = (await query(dbPath, "select max(year) as year from core.pay_snapshots")) as [
      { year: number },
    ];
    const truth = await query(
      dbPath,
      `select role, count(distinct org_id) as orgs, count(*) as people,
        ${PERCENTILES.map((p, i) => `quantile_cont(annual_pay_usd, ${p}) as q${i}`).join(", ")}
       from core.pay_snapshots where year = ${year} group by role`,
    );
    const published = await query(
      pooledPath,
      `select * from publish.pooled_pay_percentiles
       where facility_type = 'all' and bed_band = 'all' and region = 'all' and year = ${year}
         and group_kind = 'role' and breakdown_kind = 'all'`,
    );
    const eligible = truth.filter((t) => Number(t.orgs) >= 5 && Number(t.people) >= 5);
    expect(eligible.length, "titles held by >= 5 organisations and 5 people").toBeGreaterThanOrEqual(6);
    let checked = 0;
    for (const t of eligible) {
      PERCENTILES.forEach((p, i) => {
        const row = published.find((r) => r.group_value === t.role && Number(r.percentile) === p);
        expect(row, `${t.role} p${p}`).toBeDefined();
        expect(Number(row!.orgs), `${t.role} organisations`).toBe(Number(t.orgs));
        expect(Number(row!.people), `${t.role} people`).toBe(Number(t.people));
        const tail = p === 0.1 || p === 0.9;
        if (tail && (Number(t.orgs) < 10 || Number(t.people) < 10)) {
          expect(row!.pay_usd, `${t.role} p${p} needs 10 and 10`).toBeNull();
          return;
        }
        const exact = Number(t[`q${i}`]);
        expect(Number(row!.pay_lower_usd), `${t.role} p${p} lower`).toBeLessThanOrEqual(exact);
        expect(Number(row!.pay_upper_usd), `${t.role} p${p} upper`).toBeGreaterThanOrEqual(exact);
        expect(Number(row!.pay_lower_usd) % 1000).toBe(0);
        expect(Number(row!.pay_upper_usd) % 1000).toBe(0);
        expect(Number(row!.pay_usd) % 1000, "the estimate is rounded to $1,000").toBe(0);
        checked++;
      });
    }
    expect(checked).toBeGreaterThanOrEqual(eligible.length * 3);
    // titles below the rules show no percentile and no counts
    for (const r of published.filter((r) => !eligible.some((t) => t.role === r.group_value))) {
      expect(r.pay_usd).toBeNull();
      expect(r.people).toBeNull();
    }
  });

  it("every published cell of every peer group and breakdown holds its exact percentile; no minimum or maximum", async () => {
    const cells = await query(
      pooledPath,
      `select * from publish.pooled_pay_percentiles where pay_usd is not null and year = 2025
         and group_kind = 'role' and breakdown_kind in ('all', 'experience_band')`,
    );
    expect(cells.length).toBeGreaterThan(50);
    expect(new Set(cells.map((c) => Number(c.percentile)))).toEqual(new Set(PERCENTILES));
    const orgs = await query(
      dbPath,
      `select org_id, facility_type, region, case when staffed_beds = 0 then 'no_beds' when staffed_beds < 100 then 'under_100'
        when staffed_beds < 300 then '100_299' when staffed_beds < 500 then '300_499' else '500_plus' end as bed_band
       from core.orgs`,
    );
    const conn = await (await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" })).connect();
    for (const c of cells) {
      const members = orgs
        .filter((o) =>
          (["facility_type", "bed_band", "region"] as const).every((k) => c[k] === "all" || c[k] === o[k]),
        )
        .map((o) => str(String(o.org_id)));
      // years with the employer, as the contribution defines them (days / 365.25)
      const band =
        c.breakdown_kind === "all"
          ? "true"
          : {
              under_2: "d < 2 * 365.25",
              "2_to_5": "d >= 2 * 365.25 and d < 5 * 365.25",
              "5_to_10": "d >= 5 * 365.25 and d < 10 * 365.25",
              "10_plus": "d >= 10 * 365.25",
            }[String(c.breakdown_value)];
      const [t] = (
        await conn.runAndReadAll(
          `select count(distinct org_id) as orgs, count(*) as people, quantile_cont(annual_pay_usd, ${c.percentile}) as exact
         from (select *, date_diff('day', hire_on, on_date) as d from core.pay_snapshots)
         where year = 2025 and role = ${str(String(c.group_value))} and org_id in (${members.join(", ")}) and ${band}`,
        )
      ).getRowObjectsJson() as Record<string, unknown>[];
      const key = `${c.facility_type}|${c.bed_band}|${c.region} ${c.group_value} ${c.breakdown_value} p${c.percentile}`;
      expect(Number(c.people), key).toBe(Number(t!.people));
      expect(Number(c.orgs), key).toBe(Number(t!.orgs));
      expect(Number(c.pay_lower_usd), key).toBeLessThanOrEqual(Number(t!.exact));
      expect(Number(c.pay_upper_usd), key).toBeGreaterThanOrEqual(Number(t!.exact));
    }
    conn.closeSync();
  });
});

describe("differencing attacks on what is published", () => {
  it("no two published peer groups, and no two published cells of one pay measure, differ by 1 to 4 organisations", async () => {
    const groups = await query(
      pooledPath,
      `select g.facility_type || '|' || g.bed_band || '|' || g.region as cell, list(distinct m.contributor_id) as members
       from publish.publication_groups g join survey.peer_members m using (facility_type, bed_band, region)
       where g.suppressed_reason is null group by all`,
    );
    const near = (a: string[], b: string[]) => {
      const sa = new Set(a);
      const sb = new Set(b);
      const d = a.filter((x) => !sb.has(x)).length + b.filter((x) => !sa.has(x)).length;
      return d >= 1 && d <= 4;
    };
    for (const a of groups)
      for (const b of groups)
        expect(near(a.members as string[], b.members as string[]), `${a.cell} vs ${b.cell}`).toBe(false);
    const cells = await query(
      pooledPath,
      `select p.year, p.group_kind, p.group_value, p.breakdown_kind, p.breakdown_value,
         p.facility_type || '|' || p.bed_band || '|' || p.region as peer, list(distinct b.contributor_id) as members
       from publish.pooled_pay_percentiles p
       join survey.pooled_pay_cells b using (facility_type, bed_band, region, year, group_kind, group_value, breakdown_kind, breakdown_value)
       where p.percentile = 0.5 and p.pay_usd is not null group by all`,
    );
    const byMeasure = new Map<string, typeof cells>();
    for (const c of cells) {
      const k = `${c.year}|${c.group_kind}|${c.group_value}|${c.breakdown_kind}|${c.breakdown_value}`;
      byMeasure.set(k, [...(byMeasure.get(k) ?? []), c]);
    }
    let pairs = 0;
    for (const [k, list] of byMeasure)
      for (const a of list)
        for (const b of list) {
          pairs++;
          expect(near(a.members as string[], b.members as string[]), `${k}: ${a.peer} vs ${b.peer}`).toBe(
            false,
          );
        }
    expect(pairs).toBeGreaterThan(100);
  });

  it("a release after one hospital leaves withholds, and says so, what would differ by that hospital", async () => {
    const next = path.join(dir, "next-year");
    mkdirSync(next);
    for (const org of ORGS.slice(0, 35))
      copyFileSync(path.join(input, `${org}.parquet`), path.join(next, `${org}.parquet`));
    const second = path.join(dir, "society", "pooled-2027.duckdb");
    await poolContributions({
      inputDir: next,
      dbPath: second,
      settings: DEFAULT_SETTINGS,
      poolDate: "2027-04-30",
    });
    const [all] = await query(
      second,
      "select contributors, suppressed_reason from publish.publication_groups where facility_type = 'all' and bed_band = 'all' and region = 'all'",
    );
    expect(all!.contributors).toBeNull();
    expect(String(all!.suppressed_reason)).toMatch(/release of 2026-04-30 by fewer than 5 organisations/);
    // the release log now holds both releases
    const log = await query(
      second,
      `select cast(released_on as varchar) as released_on, count(*) as n
       from read_parquet(${str(path.join(dir, "society", "survey-release-log.parquet"))}) group by all order by 1`,
    );
    expect(log.map((l) => l.released_on)).toEqual(["2026-04-30", "2027-04-30"]);
  });
});

/** Rewrites a contribution through SQL over its rows and signs it again, as a forger with the tool would. */
async function forge(from: string, to: string, sql: string, edit: (m: Manifest) => void = () => {}) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    await conn.run(`create table t as select * from read_parquet(${str(from)})`);
    await conn.run(sql);
    const kv = (
      await conn.runAndReadAll(
        `select decode(value) as v from parquet_kv_metadata(${str(from)}) where decode(key) = '${MANIFEST_KEY}'`,
      )
    ).getRowObjectsJson() as { v: string }[];
    const m = JSON.parse(kv[0]!.v) as Manifest;
    const counts = (
      await conn.runAndReadAll("select table_name, count(*)::int as n from t group by 1")
    ).getRowObjectsJson() as { table_name: string; n: number }[];
    for (const t of Object.keys(m.tables)) m.tables[t] = 0;
    for (const c of counts) m.tables[c.table_name] = Number(c.n);
    edit(m);
    await writeSignedContribution(conn, "t", m, to);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe("forged contributions are rejected with their reason while the rest pool", () => {
  it("duplicates, contradictions, padded risk sets, $1 bins, misaligned bins, overlapping periods, symlink loops", async () => {
    const corpus = path.join(dir, "corpus");
    mkdirSync(corpus);
    for (const org of ORGS.slice(0, 6))
      copyFileSync(path.join(input, `${org}.parquet`), path.join(corpus, `${org}.parquet`));
    const src = path.join(input, "ORG07.parquet");
    const cases: [string, string, RegExp, ((m: Manifest) => void)?][] = [
      [
        "repeated.parquet",
        "insert into t select * from t where table_name = 'headcount_monthly'",
        /the same key repeated \(headcount_monthly\)/,
      ],
      [
        "contradiction.parquet",
        "update t set headcount_end = headcount_end + 3 where table_name = 'turnover_monthly' and month_start = date '2025-06-01' and role_family = 'all'",
        /turnover_monthly last-day headcount differs/,
      ],
      [
        // a padded risk set (a month's hazard diluted): more people enter at a tenure than were employed
        "risk-sets.parquet",
        "update t set at_risk = at_risk + 500 where table_name = 'retention_km' and group_kind = 'all' and tenure_month = (select max(tenure_month) from t where table_name = 'retention_km')",
        /risk sets grow by more people than were employed/,
      ],
      [
        "voluntary-risk-set.parquet",
        "update t set at_risk = at_risk + 1 where table_name = 'retention_km' and event_kind = 'voluntary'",
        /any and voluntary separation differ in people at risk/,
      ],
      [
        "separation-types.parquet",
        "update t set separations = separations + 2 where table_name = 'separations_by_type' and role_family = 'all'",
        /separations_by_type do not add up to turnover_monthly/,
      ],
      [
        "one-dollar.parquet",
        "update t set pay_upper_usd = pay_lower_usd + 1 where table_name = 'pay_histogram'",
        /off the \$1,000 grid/,
      ],
      [
        "misaligned.parquet",
        "update t set pay_lower_usd = pay_lower_usd + 500, pay_upper_usd = pay_upper_usd + 500 where table_name = 'pay_histogram'",
        /off the \$1,000 grid/,
      ],
      [
        "parts.parquet",
        "update t set people = people + 1 where table_name = 'pay_histogram' and group_kind = 'role' and breakdown_kind = 'all'",
        /do not add up/,
      ],
      [
        "five-thousand.parquet",
        "select 1",
        /pay_bin_usd/,
        (m) => ((m as { pay_bin_usd: number }).pay_bin_usd = 5000),
      ],
    ];
    for (const [name, sql, , edit] of cases) await forge(src, path.join(corpus, name), sql, edit);
    // the same contributor and period again with other figures: neither copy pools (stated rule)
    await forge(
      path.join(input, "ORG01.parquet"),
      path.join(corpus, "ORG01-again.parquet"),
      "delete from t where table_name <> 'pay_histogram'",
    );
    mkdirSync(path.join(corpus, "loop"));
    symlinkSync("..", path.join(corpus, "loop", "up"));
    symlinkSync(path.join(corpus, "nowhere.parquet"), path.join(corpus, "broken.parquet"));
    const out = path.join(dir, "corpus.duckdb");
    const r = await poolContributions({
      inputDir: corpus,
      dbPath: out,
      settings: DEFAULT_SETTINGS,
      poolDate: POOL_DATE,
      releaseLog: path.join(dir, "corpus-log.parquet"),
    });
    const reason = (f: string) => r.log.find((e) => e.file === f)?.reason ?? "";
    for (const [name, , expected] of cases) expect(reason(name), name).toMatch(expected);
    expect(reason("loop/up")).toMatch(/symbolic link loop/);
    expect(reason("broken.parquet")).toMatch(/cannot be read/);
    expect(reason("ORG01-again.parquet")).toMatch(/contradicts ORG01.parquet/);
    expect(reason("ORG01.parquet")).toMatch(/contradicts ORG01-again.parquet/);
    expect(r.log.filter((e) => e.status === "pooled").map((e) => e.file)).toEqual(
      ORGS.slice(1, 6).map((o) => `${o}.parquet`),
    );
    rmSync(path.join(corpus, "loop"), { recursive: true });
  });

  it("a pooling date that is no calendar date is refused with a reason (exit 2), never exit 70", async () => {
    await expect(
      poolContributions({
        inputDir: input,
        dbPath: path.join(dir, "bad.duckdb"),
        settings: DEFAULT_SETTINGS,
        poolDate: "2026-13-45",
      }),
    ).rejects.toBeInstanceOf(PoolError);
    const r = runCli([
      "pool",
      "--input",
      input,
      "--db",
      path.join(dir, "bad.duckdb"),
      "--pool-date",
      "2026-13-45",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/calendar date/);
  });
});
