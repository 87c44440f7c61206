/**
 * Disclosure control proven by attack: the publish layer's files (the bytes `build` places under
 * dist/_file/data/) are written for a fixture, internal and public, and the attacker's audit
 * (src/audit/, written independently of the suppressing code) must recover nothing; the audit must
 * find leaks planted on purpose, so it can fail. tests/e2e/site.test.ts runs it on the built sample.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditSite, auditTables, readSecrets, type PublishedTable } from "../src/audit/disclosure-audit.ts";
import { ingest } from "../loaders/ingest.ts";
import { exportSiteData } from "../src/site/site-data.ts";
import { runCli } from "./support/cli.ts";

const ONE_ORG = path.resolve("tests/fixtures/disclosure-one-org");
const work = mkdtempSync(path.join(tmpdir(), "htm-disclosure-"));

async function publishFor(inputDir: string, name: string) {
  const db = path.join(work, `${name}.duckdb`);
  await ingest({ inputDir, dbPath: db, quiet: true });
  const dirs = { internal: path.join(work, `${name}-internal`), public: path.join(work, `${name}-public`) };
  await exportSiteData(dirs.internal, undefined, { db, audience: "internal", publishedOn: "2025-06-30" });
  await exportSiteData(dirs.public, undefined, { db, audience: "public", publishedOn: "2025-06-30" });
  return { db, ...dirs };
}

const rows = (dir: string, file: string) =>
  tableFromIPC(readFileSync(path.join(dir, file)))
    .toArray()
    .map((r) => r.toJSON() as Record<string, unknown>);

describe("one organisation with 3-person pay groups and leavers", () => {
  let site: Awaited<ReturnType<typeof publishFor>>;
  beforeAll(async () => {
    site = await publishFor(ONE_ORG, "one-org");
  }, 120_000);

  it("the audit recovers nothing, internal and public", () => {
    expect(auditSite(site.internal, ONE_ORG)).toEqual([]);
    expect(auditSite(site.public, ONE_ORG)).toEqual([]);
  });

  it("withholds pay of fewer than 5 people and rounds the rest to $100", () => {
    const pay = rows(site.internal, "pay_position.arrow").filter((r) => r.year === 2024);
    const bmet2 = pay.find((r) => r.role === "BMET II")!;
    // 3 people: no median, no quartiles, and the rule named
    expect(bmet2.n).toBe(3);
    expect(bmet2.median_pay).toBeNull();
    expect(bmet2.p25_pay).toBeNull();
    expect(String(bmet2.suppressed)).toMatch(/at least 5 people \(min_pay_group\)/);
    // BMET I: 6 people (48791 49873 50619 51237 52911 53467): median (50619 + 51237) / 2 = 50928 → 50900;
    // quartiles need 10 people
    const bmet1 = pay.find((r) => r.role === "BMET I")!;
    expect(bmet1.median_pay).toBe(50900);
    expect(bmet1.p25_pay).toBeNull();
    expect(String(bmet1.partly_withheld)).toMatch(/min_pay_quartile_group/);
  });

  it("rolls small roles up to ladder level or role family and says which rule applied", () => {
    const rolled = rows(site.internal, "pay_role_rollup.arrow").filter((r) => r.year === 2024);
    // generalists at the 2024 snapshot: 6 BMET I + 3 BMET II + 1 BMET III = 10 people; their median is
    // the mean of the 5th and 6th of the sorted pays 48791 49873 50619 51237 52911 53467 59471 61283
    // 63917 72389: (52911 + 53467) / 2 = 53189 → 53200. Level 2 (BMET II only) has 3, so the family.
    const bmet2 = rolled.find((r) => r.role === "BMET II")!;
    expect(bmet2).toMatchObject({ rollup_kind: "role_family", rollup_value: "generalist", rollup_n: 10 });
    expect(bmet2.rollup_median_pay).toBe(53200);
    expect(String(bmet2.rule)).toMatch(/fewer than 5 people .*the generalist family \(10 people\)/);
    expect(rolled.find((r) => r.role === "BMET III")).toMatchObject({ rollup_value: "generalist" });
  });

  it("withholds a second cost of turnover so the org total minus the other family is no one's pay", () => {
    // 2024 leavers: 5 generalists, 1 imaging specialist. Specialist cost (1 leaver) is withheld; the
    // generalist cost alone would give it back from the total, so one of the two is withheld too.
    const cost = rows(site.internal, "cost_of_turnover.arrow").filter((r) => r.year === 2024);
    const byFamily = (f: string) => cost.find((r) => r.role_family === f)!;
    expect(byFamily("specialist").replacement_cost_usd).toBeNull();
    const withheld = ["all", "generalist"].filter((f) => byFamily(f).replacement_cost_usd === null);
    expect(withheld.length).toBeGreaterThan(0);
    expect(String(byFamily(withheld[0]!).suppressed)).toMatch(/complementary suppression/);
  });

  it("a public build suppresses counts under 11 with their complements", () => {
    const turnover = rows(site.public, "turnover_annual.arrow").filter((r) => r.year === 2024);
    // 6 separations in 2024, 5 of them generalists: every count is under 11
    expect(turnover.every((r) => r.separations === null || r.separations === 0)).toBe(true);
    const dq = JSON.parse(readFileSync(path.join(site.public, "data_quality.json"), "utf8"));
    // rows per year by source follow the same rule: every published count is 11 or more
    const counts = dq.coverage.map((c: { rows: number | null }) => c.rows);
    expect(counts.some((n: number | null) => n === null)).toBe(true);
    expect(counts.filter((n: number | null) => n !== null).every((n: number) => n >= 11)).toBe(true);
  });
});

describe("several organisations (generated sample)", () => {
  let site: Awaited<ReturnType<typeof publishFor>>;
  const input = path.join(work, "multi-input");
  beforeAll(async () => {
    const r = runCli([
      "sample",
      "--out",
      input,
      "--orgs",
      "6",
      "--years",
      "4",
      "--seed",
      "11",
      "--work-orders",
      "3000",
    ]);
    expect(r.code).toBe(0);
    site = await publishFor(input, "multi");
  }, 300_000);

  it("the audit recovers nothing, internal and public", () => {
    expect(auditSite(site.internal, input)).toEqual([]);
    expect(auditSite(site.public, input)).toEqual([]);
  });

  it("benchmarks ship percentile bands only, and no organisation's value in public", () => {
    const pub = JSON.parse(readFileSync(path.join(site.public, "benchmarks.json"), "utf8"));
    expect(pub.org_values).toEqual([]);
    for (const b of pub.bands) {
      expect(Object.keys(b)).not.toContain("max_org_share");
      if (!b.is_published)
        expect(b.suppressed).toMatch(/min_orgs_benchmark|max_org_share_benchmark|min_benchmark_age_months/);
    }
    const internal = JSON.parse(readFileSync(path.join(site.internal, "benchmarks.json"), "utf8"));
    expect(internal.org_values.length).toBeGreaterThan(0);
  });

  it("organisations appear under pseudonyms in public", () => {
    const orgs = JSON.parse(readFileSync(path.join(site.public, "orgs.json"), "utf8"));
    expect(orgs.map((o: { org_id: string }) => o.org_id).every((id: string) => /^Org [A-Z]+$/.test(id))).toBe(
      true,
    );
  });
});

describe("the audit finds planted leaks", () => {
  const secrets = { ids: new Set(["E000123"]), pays: [61283] };
  const find = (t: PublishedTable) => auditTables([t], secrets).map((f) => f.attack);

  it("an input id and one person's pay", () => {
    expect(find({ name: "t", rows: [{ note: "left: E000123" }] })).toContain("id");
    expect(find({ name: "t", rows: [{ org_id: "A", median_pay: 61283 }] })).toContain("pay");
  });

  it("a 3-person group rebuilt from p25, median and p75", () => {
    // 2·p25 − median and 2·p75 − median give the lowest and highest pay
    expect(
      find({ name: "t", rows: [{ role: "X", n: 3, p25_pay: 60000, median_pay: 61000, p75_pay: 62000 }] }),
    ).toContain("quantiles");
  });

  it("a withheld count as the total minus its siblings, and the same cell published elsewhere", () => {
    const t: PublishedTable = {
      name: "t",
      rows: [
        { org_id: "all", year: 2024, separations: 20 },
        { org_id: "A", year: 2024, separations: 13 },
        { org_id: "B", year: 2024, separations: null, suppressed: "small" },
        // complete years from which the attacker learns that separations add up along org_id
        ...[2020, 2021, 2022, 2023].flatMap((year) => [
          { org_id: "all", year, separations: 25 },
          { org_id: "A", year, separations: 12 },
          { org_id: "B", year, separations: 13 },
        ]),
      ],
    };
    expect(find(t)).toContain("subtraction");
    const other: PublishedTable = {
      name: "u",
      rows: t.rows.map((r) => ({
        ...r,
        separations: r.org_id === "B" && r.year === 2024 ? 7 : r.separations,
      })),
    };
    expect(auditTables([t, other], secrets).map((f) => f.attack)).toContain("cross-table");
  });

  it("a withheld quarter as the year's total minus its published quarters", () => {
    const quarters = (year: number, hours: (number | null)[]) =>
      hours.map((h, q) => ({
        org_id: "A",
        quarter_start: `${year}-${String(3 * q + 1).padStart(2, "0")}-01`,
        hours: h,
        suppressed: h === null ? "small" : null,
      }));
    const quarterly: PublishedTable = {
      name: "quarterly",
      rows: [
        ...quarters(2022, [10, 20, 30, 40]),
        ...quarters(2023, [5, 15, 25, 35]),
        ...quarters(2024, [12, null, 8, 9]),
      ],
    };
    const annual: PublishedTable = {
      name: "annual",
      rows: [
        { org_id: "A", year: 2022, hours: 100 },
        { org_id: "A", year: 2023, hours: 80 },
        { org_id: "A", year: 2024, hours: 36 },
      ],
    };
    const found = auditTables([quarterly, annual], secrets);
    expect(found.map((f) => f.detail).join("\n")).toMatch(/hours .*2024.* 7$/m);
  });

  it("on real output: the one-organisation site with the pay rules switched off", async () => {
    const input = path.join(work, "leaky-input");
    cpSync(ONE_ORG, input, { recursive: true });
    writeFileSync(
      path.join(input, "settings.json"),
      JSON.stringify({
        as_of: "2024-12-31",
        history_start: "2020-01-01",
        min_pay_group: 1,
        min_pay_quartile_group: 1,
        pay_rounding_usd: 1,
      }),
    );
    const leaky = await publishFor(input, "leaky");
    const attacks = new Set(auditSite(leaky.internal, input).map((f) => f.attack));
    expect(attacks).toContain("quantiles");
    expect(attacks).toContain("pay");
    expect(readdirSync(leaky.internal)).toContain("pay_position.arrow");
  }, 120_000);

  it("reads the secrets an attacker would know from the input", () => {
    const s = readSecrets(ONE_ORG);
    expect(s.ids.has("E201")).toBe(true);
    expect(s.pays).toContain(61283);
  });
});

afterAll(() => {});
