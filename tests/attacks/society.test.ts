/**
 * The outside attack of issue 22 on the society's published site: a member who knows every
 * contributor's public profile (facility type, beds, region) and keeps every release. Nested and
 * near-identical peer groups, release-to-release differencing (N organisations, then N + 1),
 * Greenwood inversion of the Kaplan-Meier bands, parent minus children, and percentile bands that
 * are one organisation's value must all find nothing on the built society site.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliAsync } from "../support/cli.ts";
import { attackSubtraction } from "./counts.ts";
import type { Finding } from "./pay.ts";
import { readSite, type Table } from "./published.ts";
import {
  attackGreenwood,
  attackNearGroups,
  attackOrderStatistics,
  attackReleases,
  bedBand,
  type Profile,
} from "./society.ts";

const show = (f: Finding[]) => f.map((x) => `${x.attack} ${x.file} ${x.column}: ${x.detail}`);

async function cli(args: string[]): Promise<void> {
  const r = await runCliAsync(args);
  if (r.code !== 0)
    throw new Error(`htm-workforce ${args.join(" ")}: exit ${r.code}\n${r.stderr}${r.stdout}`.slice(0, 4000));
}

// "KNOWN LEAK" (it.fails) names an attack that still finds something on the current code: the suite
// records the open leak (issue 22) and turns red the day it is closed; then make it a plain `it`.
describe("attacks on the society site (20 sample organisations, two releases)", () => {
  let before: Table[];
  let after: Table[];
  let profiles: Profile[];
  let profilesBefore: Profile[];

  beforeAll(async () => {
    const work = mkdtempSync(path.join(tmpdir(), "htm-attack-society-"));
    const input = path.join(work, "input");
    const db = path.join(work, "hospitals.duckdb");
    await cli(["sample", "--out", input, "--orgs", "20", "--years", "4", "--work-orders", "20000"]);
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
    const all = path.join(work, "contributions-all");
    const first = path.join(work, "contributions-first");
    mkdirSync(all);
    mkdirSync(first);
    for (const p of profiles)
      await cli(["contribute", "--db", db, "--org", p.org, "--out", path.join(all, `${p.org}.parquet`)]);
    // last year's release: every organisation but the last to join
    profilesBefore = profiles.slice(0, -1);
    for (const p of profilesBefore)
      copyFileSync(path.join(all, `${p.org}.parquet`), path.join(first, `${p.org}.parquet`));
    const release = async (dir: string, name: string) => {
      const pooled = path.join(work, `${name}.duckdb`);
      await cli(["pool", "--input", dir, "--db", pooled]);
      await cli(["build", "--db", pooled, "--audience", "public", "--out", path.join(work, `site-${name}`)]);
      return readSite(path.join(work, `site-${name}`));
    };
    before = await release(first, "before");
    after = await release(all, "after");
  }, 900_000);

  it("publishes something to attack", () => {
    expect(after.some((t) => t.rows.length > 0)).toBe(true);
  });

  it("no two published groups of one measure differ by 1 to 4 organisations (nested or near-identical)", () => {
    expect(show(attackNearGroups(after, profiles))).toEqual([]);
  });

  it.fails(
    "no cell published in two releases whose group changed by 1 to 4 organisations — KNOWN LEAK (issue 22)",
    () => {
      expect(show(attackReleases(before, after, profilesBefore, profiles))).toEqual([]);
    },
  );

  it("no Kaplan-Meier band gives back whole at-risk and event counts (Greenwood inverted)", () => {
    expect(show(attackGreenwood(after))).toEqual([]);
  });

  it("no withheld cell is a parent minus its published children", () => {
    expect(show(attackSubtraction(after))).toEqual([]);
  });

  it.fails("no percentile band is one organisation's exact value — KNOWN LEAK (issue 22)", () => {
    expect(show(attackOrderStatistics(after, profiles))).toEqual([]);
  });
});
