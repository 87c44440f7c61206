/**
 * The outside attack of issue 22 on the society's published site: a member who knows every
 * contributor's public profile (facility type, beds, region) and keeps every release. Nested and
 * near-identical peer groups, release-to-release differencing (25 organisations, then the first
 * 20: the all-organisations group changes by 5 and may be published in both, groups such as
 * community hospitals change by 1 to 4 and must not be), Greenwood inversion of the Kaplan-Meier
 * bands, parent minus children, and percentile bands that are one organisation's value must all
 * find nothing on the built society site. Both releases are pooled on the same day: every pooling
 * is a release.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/config/settings.ts";
import { buildContribution } from "../../src/survey/contribute.ts";
import { runCliAsync } from "../support/cli.ts";
import { attackSubtraction } from "./counts.ts";
import type { Finding } from "./pay.ts";
import { readSite, type Row, type Table } from "./published.ts";
import {
  attackGreenwood,
  attackNearGroups,
  attackOrderStatistics,
  attackReleases,
  bedBand,
  type OrgValue,
  type Profile,
} from "./society.ts";

const show = (f: Finding[]) => f.map((x) => `${x.attack} ${x.file} ${x.column}: ${x.detail}`);

async function cli(args: string[]): Promise<void> {
  const r = await runCliAsync(args);
  if (r.code !== 0)
    throw new Error(`htm-workforce ${args.join(" ")}: exit ${r.code}\n${r.stderr}${r.stdout}`.slice(0, 4000));
}

/**
 * Each organisation's own value of the four benchmark metrics, recomputed from the rows it sent
 * (the truth the order-statistic attack compares the bands with, as the issue's outside tester did
 * from the hospitals' data): SHRM turnover (monthly separations over the mean of the first- and
 * last-day headcount, summed over the year's months), its voluntary part, the networking,
 * integration and cybersecurity share of in-house hours, and the networked share of assets.
 */
async function ownValues(dir: string): Promise<OrgValue[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const rows = (
      await conn.runAndReadAll(`
      with r as (select * from read_parquet(${str(path.join(dir, "*.parquet"))}))
      select contributor_id as org, 'turnover_rate' as metric, year,
        sum(separations / ((headcount_start + headcount_end) / 2)) as value
      from r where table_name = 'turnover_monthly' and role_family = 'all' group by all
      union all
      select contributor_id, 'voluntary_turnover_rate', year,
        sum(voluntary_separations / ((headcount_start + headcount_end) / 2))
      from r where table_name = 'turnover_monthly' and role_family = 'all' group by all
      union all
      select contributor_id, 'network_cyber_hours_share', year,
        sum(hours) filter (where domain in ('networking', 'integration', 'networking_integration', 'cybersecurity')) / sum(hours)
      from r where table_name = 'workload_quarterly' group by all
      union all
      select contributor_id, 'networked_asset_share', year,
        sum(assets) filter (where is_networked) / sum(assets)
      from r where table_name = 'inventory_yearly' group by all`)
    ).getRowObjectsJson() as { org: string; metric: string; year: number; value: number | null }[];
    return rows
      .filter((r) => r.value !== null && Number.isFinite(Number(r.value)))
      .map((r) => ({
        org: r.org,
        labels: { metric: r.metric, year: Number(r.year) },
        value: Number(r.value),
      }));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

// "KNOWN LEAK" (it.fails) names an attack that still finds something on the current code: the suite
// records the open leak (issue 22) and turns red the day it is closed; then make it a plain `it`.
describe("attacks on the society site (25, then 20 sample organisations: two releases)", () => {
  let before: Table[];
  let after: Table[];
  let profiles: Profile[];
  let profilesBefore: Profile[];
  let values: OrgValue[];

  beforeAll(async () => {
    const work = mkdtempSync(path.join(tmpdir(), "htm-attack-society-"));
    const input = path.join(work, "input");
    const db = path.join(work, "hospitals.duckdb");
    // 3 years (a pay change and two years of bands), few work orders (only hours shares read them)
    await cli(["sample", "--out", input, "--orgs", "25", "--years", "3", "--work-orders", "4000"]);
    await cli(["ingest", "--input", input, "--db", db, "--accept-rejects"]);
    profiles = (
      parse(readFileSync(path.join(input, "organizations.csv")), { columns: true }) as Record<
        string,
        string
      >[]
    ).map((o) => ({
      org: o.org_id!,
      facility_type: o.facility_type!,
      bed_band: bedBand(
        o.staffed_beds === "" || o.staffed_beds === undefined ? null : Number(o.staffed_beds),
      ),
      region: o.region!,
    }));
    const earlier = path.join(work, "contributions-earlier");
    const later = path.join(work, "contributions-later");
    mkdirSync(earlier);
    mkdirSync(later);
    // each hospital's file, in this process (25 CLI processes cost more than the rest of the set-up);
    // the society's side, which the attacks read, is the CLI's
    for (const p of profiles)
      await buildContribution({
        dbPath: db,
        orgId: p.org,
        out: path.join(earlier, `${p.org}.parquet`),
        settings: DEFAULT_SETTINGS,
      });
    // the later release: the last five have left
    profilesBefore = profiles;
    profiles = profiles.slice(0, -5);
    for (const p of profiles)
      copyFileSync(path.join(earlier, `${p.org}.parquet`), path.join(later, `${p.org}.parquet`));
    // the releases pool in order (the second reads the first's release log); each site builds
    // while the next release pools
    const pool = (dir: string, name: string) =>
      cli(["pool", "--input", dir, "--db", path.join(work, `${name}.duckdb`)]);
    const build = async (name: string) => {
      const out = path.join(work, `site-${name}`);
      await cli(["build", "--db", path.join(work, `${name}.duckdb`), "--audience", "public", "--out", out]);
      return readSite(out);
    };
    await pool(earlier, "before");
    [before, after] = await Promise.all([build("before"), pool(later, "after").then(() => build("after"))]);
    values = await ownValues(later);
  }, 900_000);

  it("publishes something to attack: pay by title and turnover of all organisations, in both releases", () => {
    for (const site of [before, after]) {
      const rows = (file: string) => site.find((t) => t.name === `site/${file}.arrow`)?.rows ?? [];
      const everyone = (r: Row) => r.facility_type === "all" && r.bed_band === "all" && r.region === "all";
      const titles = new Set(
        rows("pay")
          .filter((r) => everyone(r) && r.group_kind === "role" && typeof r.pay_usd === "number")
          .map((r) => r.group_value),
      );
      expect(titles.size).toBeGreaterThanOrEqual(5);
      expect(
        rows("turnover").filter((r) => everyone(r) && typeof r.turnover_rate === "number").length,
      ).toBeGreaterThan(0);
    }
  });

  it("no two published groups of one measure differ by 1 to 4 organisations (nested or near-identical)", () => {
    expect(show(attackNearGroups(after, profiles))).toEqual([]);
  });

  it("no cell published in two releases whose group changed by 1 to 4 organisations", () => {
    // the attack has something to try: a group the earlier release published lost 1 to 4 members
    const turnover = before.find((t) => t.name === "site/turnover.arrow")!.rows;
    const size = (r: Row, ps: Profile[]) =>
      ps.filter((p) =>
        (["facility_type", "bed_band", "region"] as const).every((d) => r[d] === "all" || r[d] === p[d]),
      ).length;
    expect(
      turnover.filter((r) => {
        const lost = size(r, profilesBefore) - size(r, profiles);
        return typeof r.turnover_rate === "number" && lost >= 1 && lost <= 4;
      }).length,
    ).toBeGreaterThan(0);
    expect(show(attackReleases(before, after, profilesBefore, profiles))).toEqual([]);
  });

  it("no Kaplan-Meier band gives back whole at-risk and event counts (Greenwood inverted)", () => {
    expect(show(attackGreenwood(after))).toEqual([]);
  });

  it("no withheld cell is a parent minus its published children", () => {
    expect(show(attackSubtraction(after))).toEqual([]);
  });

  it("no percentile band is one organisation's exact value", () => {
    expect(values.length).toBeGreaterThan(100);
    expect(show(attackOrderStatistics(after, profiles, values))).toEqual([]);
  });
});
