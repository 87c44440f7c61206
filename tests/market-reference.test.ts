/**
 * The shipped market reference (data/reference/market_pay.csv, wage_index.csv) and what the site
 * publishes from it on the default sample. Every expectation is computed here from the CSVs alone:
 * for a role, the primary figure is the newest survey year not after the as-of year, its value the
 * statistic the row names (median of several sources that year), aged by index(as-of) / index(survey).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../loaders/ingest.ts";
import { exportSiteData } from "../src/site/site-data.ts";
import { runCli } from "./support/cli.ts";

const REFERENCE = path.join(import.meta.dirname, "../data/reference");
const csv = (file: string) =>
  parse(readFileSync(path.join(REFERENCE, file)), { columns: true, bom: true, trim: true }) as Record<
    string,
    string
  >[];
const market = csv("market_pay.csv");
const index = new Map(csv("wage_index.csv").map((r) => [Number(r.year), r]));
const AS_OF_YEAR = 2025; // the default sample ends on 31 December 2025

/** BLS ECI table 9, December 12-month changes, private industry wages and salaries (in %). */
const DECEMBER_CHANGE: Record<number, number> = {
  2019: 3.0,
  2020: 2.8,
  2021: 5.0,
  2022: 5.1,
  2023: 4.3,
  2024: 3.7,
  2025: 3.3,
};
const PUBLISHED_LEVEL: Record<number, number> = { 2022: 157.4, 2023: 164.1, 2025: 175.885 };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The figure for a role and comparison in a pay year, aged, from the CSVs alone. */
function expected(role: string, comparison: string, year: number) {
  const rows = market.filter(
    (r) => r.role === role && (r.comparison || "primary") === comparison && Number(r.year) <= year,
  );
  if (!rows.length) return null;
  const survey = Math.max(...rows.map((r) => Number(r.year)));
  const values = rows.filter((r) => Number(r.year) === survey).map((r) => Number(r[r.statistic || "median"]));
  const value = median(values);
  const factor = Number(index.get(year)!.index) / Number(index.get(survey)!.index);
  return { survey, value, aged: value * factor, percent: Math.round((factor - 1) * 100) };
}

describe("reference files", () => {
  it("every market row names its exact source page", () => {
    for (const r of market) expect(r.source_url, `${r.role} ${r.year}`).toMatch(/^https:\/\/[^/]+\/.+/);
  });

  it("the wage index has one sourced row per year from the oldest market figure to the as-of year", () => {
    const oldest = Math.min(...market.map((r) => Number(r.year)));
    for (let y = oldest; y <= AS_OF_YEAR; y++) {
      const row = index.get(y);
      expect(row, `wage index ${y}`).toBeDefined();
      expect(row!.source_url).toMatch(/^https:\/\/www\.bls\.gov\/.+/);
      expect(row!.series).toContain("CIU2020000000000I");
      expect(row!.status).toBe(PUBLISHED_LEVEL[y] ? "published" : "derived");
    }
  });

  it("published levels are the published ones; derived ones follow the published December changes", () => {
    for (const [year, level] of Object.entries(PUBLISHED_LEVEL))
      expect(Number(index.get(Number(year))!.index)).toBe(level);
    for (const [y, row] of index) {
      if (row.status !== "derived") continue;
      // either from the year after, divided by that year's change, or from the year before, times this year's
      const fromNext = index.has(y + 1)
        ? Number(index.get(y + 1)!.index) / (1 + DECEMBER_CHANGE[y + 1]! / 100)
        : null;
      const fromPrevious = index.has(y - 1)
        ? Number(index.get(y - 1)!.index) * (1 + DECEMBER_CHANGE[y]! / 100)
        : null;
      const closest = Math.min(
        ...[fromNext, fromPrevious]
          .filter((v): v is number => v !== null)
          .map((v) => Math.abs(v - Number(row.index))),
      );
      expect(closest, `derived ${y}`).toBeLessThanOrEqual(0.1);
    }
  });
});

describe("the default sample's published pay against the market", () => {
  type Row = Record<string, unknown>;
  let pay: Row[];
  let compare: Row[];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "htm-market-"));
    expect(runCli(["sample", "--out", dir, "--work-orders", "20000"]).code).toBe(0);
    const dbPath = path.join(dir, "w.duckdb");
    await ingest({ inputDir: dir, dbPath, quiet: true });
    const site = path.join(dir, "site");
    await exportSiteData(site, ["pay_position.arrow", "pay_market_compare.arrow"], {
      db: dbPath,
      audience: "internal",
    });
    const { loadArrow } = (await import(new URL("../reports/components/arrow.js", import.meta.url).href)) as {
      loadArrow: (source: Uint8Array) => Promise<Row[]>;
    };
    pay = await loadArrow(readFileSync(path.join(site, "pay_position.arrow")));
    compare = await loadArrow(readFileSync(path.join(site, "pay_market_compare.arrow")));
  }, 300_000);

  it("shows every role's market figure as the reference value aged with the index to the as-of year", () => {
    const roles = pay.filter((d) => d.year === AS_OF_YEAR && d.role !== "all");
    expect(new Set(roles.map((d) => d.role)).size).toBeGreaterThanOrEqual(10);
    for (const d of roles) {
      const e = expected(d.role as string, "primary", AS_OF_YEAR);
      if (!e) {
        expect(d.market_median_aged, `${d.role}`).toBeNull();
        continue;
      }
      const where = `${d.org_id} ${d.role}`;
      expect(d.market_year, where).toBe(e.survey);
      expect(d.market_median, where).toBeCloseTo(e.value, 6);
      expect(d.market_median_aged as number, where).toBeCloseTo(e.aged, 6);
      const sign = e.percent >= 0 ? "+" : "";
      expect(d.market_basis as string, where).toMatch(
        new RegExp(
          `^${e.survey} (median|average|\\d+th percentile), aged \\${sign}${e.percent}% with ECI to ${AS_OF_YEAR}$`,
        ),
      );
    }
  });

  it("shows the figures beside it the same way", () => {
    const rows = compare.filter((d) => d.year === AS_OF_YEAR);
    expect(rows.some((d) => d.comparison === "secondary")).toBe(true);
    for (const d of rows) {
      const e = expected(d.role as string, d.comparison as string, AS_OF_YEAR)!;
      expect(d.market_median_aged as number, `${d.org_id} ${d.role} ${d.comparison}`).toBeCloseTo(e.aged, 6);
    }
  });

  it("labels a figure of another title or occupation as the role's stand-in, with whose it is", async () => {
    const { marketFigureRows } = (await import(
      new URL("../reports/components/market-figures.js", import.meta.url).href
    )) as { marketFigureRows: (rows: Row[]) => { role: string; comparison: string; label: string }[] };
    const labels = new Map(
      marketFigureRows(compare.filter((d) => d.org_id === "all" && d.year === AS_OF_YEAR))
        .filter((d) => d.comparison === "primary")
        .map((d) => [d.role, d.label]),
    );
    // the shipped file's own stand-ins (their reasons say so): no survey names these roles
    expect(labels.get("Dental Equipment Technician")).toBe(
      "Dental Equipment Technician (stand-in: the BMET II title)",
    );
    expect(labels.get("Laboratory Specialist")).toBe("Laboratory Specialist (stand-in: the BMET III title)");
    expect(labels.get("Clinical Integration Specialist")).toBe(
      "Clinical Integration Specialist (stand-in: network and computer systems administrators (SOC 15-1244); secondary copy)",
    );
    // the sentence HR reads says so too, wherever it reads a stand-in against pay
    const readings = pay.filter((d) => d.year === AS_OF_YEAR && typeof d.market_reading === "string");
    expect(readings.length).toBeGreaterThan(0);
    for (const d of readings) {
      const standIn = [
        "Dental Equipment Technician",
        "Laboratory Specialist",
        "Clinical Integration Specialist",
      ].includes(d.role as string);
      if (standIn && d.market_ratio != null)
        expect(d.market_reading as string, `${d.org_id} ${d.role}`).toMatch(
          /of market \((the BMET I{2,3} title|network and computer systems administrators \(SOC 15-1244\)) standing in\)/,
        );
      if (!standIn) expect(d.market_reading as string, `${d.org_id} ${d.role}`).not.toMatch(/standing in/);
    }
    expect(readings.some((d) => /standing in/.test(d.market_reading as string))).toBe(true);
    // a role's own title or occupation is no stand-in
    expect(labels.get("BMET II")).toBe("BMET II");
    expect(labels.get("Medical Device Networking Specialist")).toBe(
      "Medical Device Networking Specialist (secondary copy)",
    );
  });

  it("pays every role within 15% of its aged market figure across the sample", () => {
    const all = pay.filter((d) => d.org_id === "all" && d.year === AS_OF_YEAR && d.market_ratio != null);
    // roles with fewer than 5 people have no published ratio (the page says they are suppressed)
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const d of all) {
      expect(d.market_ratio as number, d.role as string).toBeGreaterThanOrEqual(0.85);
      expect(d.market_ratio as number, d.role as string).toBeLessThanOrEqual(1.15);
    }
  });
});
