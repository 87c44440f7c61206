/**
 * The society's published site (issue 14) in a real browser: a small multi-organisation sample is
 * ingested into one warehouse (the hospitals' side, only to produce contributions), each
 * organisation contributes its own file, the files are pooled into a survey warehouse, and
 * `build --audience public` on that warehouse builds reports-society/. Every page must render with
 * no console error and no request outside the origin; the Benchmarks page must switch peer group;
 * and an attacker reading every file of dist/ must find no employee id, no individual pay and no
 * contributor's name or id.
 *
 * The survey report (`htm-workforce survey-report`) is printed from that build to Letter and A4 PDFs
 * and read back as a member would (pdftotext when installed). With a hospital's site (the default
 * sample's, shared by the test run), both sites must give each domain and role family the same words
 * and the same colour on every chart (issue 18).
 *
 * Screenshots at 1280 and 390 px are written to $TMPDIR/htm-society-screenshots/.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { tableFromIPC } from "apache-arrow";
import { parse } from "csv-parse/sync";
import { run as runSample } from "../../src/cli/sample.ts";
import { ingest } from "../../loaders/ingest.ts";
import { launchChromium, waitForRender } from "../../src/static-site/chromium.ts";
import { buildSite } from "../../src/static-site/site-build.ts";
import { serveStatic, type RunningServer } from "../../src/static-site/static-server.ts";
import { run as surveyReport } from "../../src/cli/survey-report.ts";
import { queryWarehouse } from "../support/duckdb.ts";
import { sharedSite } from "../support/shared-sample.ts";
import { contributeAndPool } from "../support/society-pool.ts";

const PAGES = ["/", "/pay", "/benchmarks", "/methodology", "/report"];
const SCREENSHOTS = path.join(os.tmpdir(), "htm-society-screenshots");
// The sample's as_of is 2025-12-31; four months later every contribution is old enough to pool.
const POOL_DATE = "2026-04-30";
/**
 * The sample's 12 organisations sit in 5 regions, too few per region for any regional group to
 * pass. Two regions are made here so that a second peer group passes the rules: "West" pools the
 * seven mid-sized organisations (none near 25% of their headcount); "Northeast" the two largest
 * and three small ones, which fails (one of the large ones is above 25%) but holds 5 organisations,
 * so no complementary suppression is needed.
 */
const NORTHEAST = new Set(["ORG01", "ORG03", "ORG05", "ORG09", "ORG11"]);

let work: string;
let input: string;
let site: string;
let hospitalSite: string;
let server: RunningServer;
let browser: Browser;
let orgs: Record<string, string>[];
let published: { facility_type: string; bed_band: string; region: string; contributors: number }[];

const csv = (name: string) =>
  parse(readFileSync(path.join(input, name), "utf8"), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every value of a data file: Arrow cells, or JSON leaves. */
function dataValues(file: string): unknown[] {
  if (file.endsWith(".arrow")) {
    const table = tableFromIPC(readFileSync(file));
    const names = table.schema.fields.map((f) => f.name);
    return table.toArray().flatMap((r) => names.map((n) => (typeof r[n] === "bigint" ? Number(r[n]) : r[n])));
  }
  const leaves: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
    else leaves.push(v);
  };
  walk(JSON.parse(readFileSync(file, "utf8")));
  return leaves;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "htm-society-e2e-"));
  input = path.join(work, "input");
  expect(await runSample(["--out", input, "--orgs", "12", "--years", "4", "--work-orders", "5000"])).toBe(0);
  const orgFile = path.join(input, "organizations.csv");
  const lines = readFileSync(orgFile, "utf8").split("\n");
  const header = lines[0]!.split(",");
  expect(header.slice(0, 3)).toEqual(["org_id", "org_name", "region"]);
  writeFileSync(
    orgFile,
    lines
      .map((line, i) => {
        if (i === 0 || !line) return line;
        const id = line.split(",")[0]!;
        // region is the field after the (possibly quoted) name
        return line.replace(
          /^([^,]+,(?:"[^"]*"|[^,]*),)[^,]*/,
          `$1${NORTHEAST.has(id) ? "Northeast" : "West"}`,
        );
      })
      .join("\n"),
  );
  const hospitals = path.join(work, "hospitals.duckdb");
  expect((await ingest({ inputDir: input, dbPath: hospitals, quiet: true })).exitCode).toBe(0);
  orgs = csv("organizations.csv");
  expect(orgs.map((o) => o.region).filter((r) => r === "West")).toHaveLength(7);
  const pooled = path.join(work, "pooled.duckdb");
  const report = await contributeAndPool({
    warehouse: hospitals,
    orgIds: orgs.map((o) => o.org_id!),
    contributions: path.join(work, "contributions"),
    pooled,
    poolDate: POOL_DATE,
  });
  expect(report.pooled).toBe(12);
  published = (await queryWarehouse(
    pooled,
    "select facility_type, bed_band, region, contributors from publish.publication_groups where suppressed_reason is null",
  )) as typeof published;
  site = await buildSite({ db: pooled, out: path.join(work, "site"), audience: "public" });
  // a hospital's own site, for the labels and colours both sites must share: both take them from
  // the shipped taxonomy, so the default sample's site, built once per test run, serves
  hospitalSite = await sharedSite("internal");
  server = await serveStatic(site);
  browser = await launchChromium();
  // the hospitals' ids and pay, for the attacker below
  hospitalPay = (await queryWarehouse(hospitals, "select distinct annual_pay_usd from core.pay_spells")).map(
    (r) => Number(r.annual_pay_usd),
  );
}, 900_000);
let hospitalPay: number[] = [];

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the society's site, built from a pooled warehouse", () => {
  test("is the society's site: its own pages, none of a hospital's", () => {
    const pages = readdirSync(site).filter((f) => f.endsWith(".html"));
    expect(pages.sort()).toEqual([
      "benchmarks.html",
      "index.html",
      "methodology.html",
      "pay.html",
      "report.html",
    ]);
    expect(published.length, "peer groups that pass the rules").toBeGreaterThanOrEqual(2);
  });

  for (const p of PAGES) {
    test(`${p} renders with no error and no outside request (1280 and 390 px)`, async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const width of [1280, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const problems: string[] = [];
        const origin = new URL(server.url).origin;
        page.on("console", (m) => {
          if (m.type() === "error") problems.push(`console error: ${m.text()}`);
        });
        page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
        page.on("requestfailed", (r) =>
          problems.push(`failed request: ${r.url()} ${r.failure()?.errorText}`),
        );
        page.on("request", (r) => {
          const url = new URL(r.url());
          if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin)
            problems.push(`request outside the origin: ${r.url()}`);
        });
        await page.goto(`${server.url}${p}`);
        await waitForRender(page);
        const errors = await page.locator(".observablehq--error").allTextContents();
        const charts = await page.locator('svg[class^="plot"]').count();
        await page.screenshot({
          path: path.join(SCREENSHOTS, `${p === "/" ? "index" : p.slice(1)}-${width}.png`),
          fullPage: true,
        });
        await page.close();
        expect(errors, "cells that threw").toEqual([]);
        expect(problems).toEqual([]);
        if (p !== "/methodology") expect(charts, "Plot charts").toBeGreaterThan(0);
      }
    });
  }

  test("the Benchmarks page switches peer group and shows percentile bands only", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/benchmarks`);
    await waitForRender(page);
    const select = page.locator("form select").first();
    const options = await select.locator("option").allTextContents();
    expect(options).toHaveLength(published.length);
    const titles = () => page.locator(".htm-figure-title").allTextContents();
    const before = (await titles()).join("\n");
    expect(before).toMatch(/all contributors/i);
    const west = await select
      .locator("option")
      .evaluateAll((os) =>
        os.map((o) => (o as HTMLOptionElement).textContent).findIndex((t) => /West/.test(t ?? "")),
      );
    expect(west, `a West group among ${options.join("; ")}`).toBeGreaterThanOrEqual(0);
    await select.selectOption({ index: west });
    await waitForRender(page);
    const after = (await titles()).join("\n");
    expect(after).toContain("West");
    expect(after).not.toEqual(before);
    expect(new URL(page.url()).searchParams.get("peer")).toMatch(/\|West$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "benchmarks-west-1280.png"), fullPage: true });
    // the sidebar carries the group to the other pages
    await page.locator("#observablehq-sidebar a", { hasText: "Field survey" }).first().click();
    await page.waitForURL(/peer=/);
    await waitForRender(page);
    expect((await titles()).join("\n")).toContain("West");
    await page.screenshot({ path: path.join(SCREENSHOTS, "index-west-1280.png"), fullPage: true });
    // bands and a median line, no dot per organisation
    expect(await page.locator('svg[class^="plot"] path').count()).toBeGreaterThan(0);
    await page.close();
  });

  test("the methodology page lists contributors' counts per peer group, the rules and Statement 6's withdrawal", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/methodology`);
    await waitForRender(page);
    const text = await page.locator("main").innerText();
    await page.close();
    for (const g of published) expect(text).toMatch(new RegExp(`\\b${g.contributors}\\b`));
    expect(text).toContain("At least 5 organisations");
    expect(text).toContain("more than 25%");
    expect(text).toContain("at least 3 months old");
    expect(text).toMatch(/withdrew[^.]*February 2023[^.]*July 2023/);
    expect(text).toContain("conservative practice");
    expect(text).toContain("Contributors are not named");
  });

  test("an attacker reading dist/ finds no employee id, no individual pay, no contributor's name or id", () => {
    const ids = new Set<string>();
    for (const r of csv("employees.csv")) ids.add(r.employee_id!.trim());
    for (const name of ["job_history.csv", "pay.csv", "certifications.csv", "training.csv"])
      for (const r of csv(name)) if (r.employee_id) ids.add(r.employee_id.trim());
    for (const r of csv("work_orders.csv")) if (r.technician_id) ids.add(r.technician_id.trim());
    const pays = new Set<number>(hospitalPay);
    for (const r of csv("pay.csv"))
      if (r.basis !== "hourly" && Number.isFinite(Number(r.amount))) pays.add(Number(r.amount));
    expect(ids.size).toBeGreaterThan(100);
    expect(pays.size).toBeGreaterThan(100);

    const dataDir = path.join(site, "_file/data");
    const found: string[] = [];
    let values = 0;
    for (const file of filesUnder(dataDir)) {
      for (const v of dataValues(file)) {
        if (v == null) continue;
        values++;
        if (typeof v === "string" && ids.has(v.trim()))
          found.push(`${path.basename(file)}: employee id ${v}`);
        // pay is published on the contribution schema's $1,000 grid (the bin holding a percentile, or an
        // estimate rounded to it): a grid value equal to a round salary says only which band pay falls in
        const onPayGrid = /^pay[._]/.test(path.basename(file)) && typeof v === "number" && v % 1000 === 0;
        if (typeof v === "number" && pays.has(v) && !onPayGrid)
          found.push(`${path.basename(file)}: pay ${v}`);
      }
    }
    expect(values).toBeGreaterThan(1000);
    // No additive count that could be subtracted across peer groups: the data files' columns
    const counts: string[] = [];
    for (const file of filesUnder(dataDir).filter((f) => f.endsWith(".arrow")))
      for (const f of tableFromIPC(readFileSync(file)).schema.fields)
        if (/orgs|at_risk|events|headcount|hours$|separations|people|assets|requisitions/.test(f.name))
          counts.push(`${path.basename(file)}: ${f.name}`);
    // pay cells carry their organisations and people, as salary surveys do; the differencing
    // rules keep any two published cells of one measure 0 or at least 5 organisations apart
    // (tests/survey-pay-titles.test.ts)
    expect(counts.filter((c) => !/^pay\.[0-9a-f]+\.arrow: (orgs|people)$/.test(c))).toEqual([]);

    // Shares of a quarter add up to 1: a quarter never withholds exactly one domain's share, which
    // would be 1 minus the others (complementary suppression in publish.pooled_workload_share).
    const workload = [...filesUnder(dataDir)].find((f) => path.basename(f).startsWith("workload."))!;
    const table = tableFromIPC(readFileSync(workload));
    const withheld = new Map<string, number>();
    let withheldCells = 0;
    for (const r of table.toArray()) {
      const key = `${r.facility_type}|${r.bed_band}|${r.region}|${r.quarter_start}`;
      withheld.set(key, (withheld.get(key) ?? 0) + (r.share == null ? 1 : 0));
      if (r.share == null) withheldCells++;
    }
    expect(withheldCells, "the sample withholds some workload shares").toBeGreaterThan(0);
    expect([...withheld].filter(([, n]) => n === 1)).toEqual([]);
    expect(found).toEqual([]);

    // No contributor's name or id anywhere in the built site (pages, scripts, data).
    const names = orgs.flatMap((o) => [o.org_id!, o.org_name!]);
    const leaks: string[] = [];
    for (const file of filesUnder(site)) {
      const text = readFileSync(file).toString("latin1");
      for (const n of names) if (text.includes(n)) leaks.push(`${path.relative(site, file)}: ${n}`);
    }
    expect(leaks).toEqual([]);
  });

  test("an outside attacker finds no nested groups or pay cells a few organisations apart and no invertible survival band", () => {
    const dataDir = path.join(site, "_file/data");
    const file = (prefix: string) => filesUnder(dataDir).find((f) => path.basename(f).startsWith(prefix))!;
    const rowsOf = (prefix: string) =>
      tableFromIPC(readFileSync(file(prefix)))
        .toArray()
        .map((r) => r.toJSON() as Record<string, unknown>);
    // nested groups: a child (one profile dimension set) inside its parent (that dimension 'all')
    const near = (a: number, b: number) => Math.abs(a - b) >= 1 && Math.abs(a - b) <= 4;
    const dims = ["facility_type", "bed_band", "region"] as const;
    const parents = (g: Record<string, unknown>) =>
      dims.filter((d) => g[d] !== "all").map((d) => ({ ...g, [d]: "all" }));
    const key = (g: Record<string, unknown>) => dims.map((d) => g[d]).join("|");
    const groups = new Map(published.map((g) => [key(g), g.contributors]));
    for (const g of published)
      for (const p of parents(g)) {
        const n = groups.get(key(p));
        if (n !== undefined) expect(near(n, g.contributors), `${key(g)} inside ${key(p)}`).toBe(false);
      }
    // the same pay cell in a child and its parent group: organisations 0 or 5+ apart
    const pay = rowsOf("pay.").filter((r) => r.orgs != null && r.percentile === 0.5);
    const cell = (r: Record<string, unknown>) =>
      `${r.year}|${r.group_kind}|${r.group_value}|${r.breakdown_kind}|${r.breakdown_value}`;
    const byKey = new Map(pay.map((r) => [`${key(r)}#${cell(r)}`, Number(r.orgs)]));
    let compared = 0;
    for (const r of pay)
      for (const p of parents(r)) {
        const n = byKey.get(`${key(p)}#${cell(r)}`);
        if (n === undefined) continue;
        compared++;
        expect(near(n, Number(r.orgs)), `${cell(r)}: ${key(r)} inside ${key(p)}`).toBe(false);
      }
    expect(compared, "pay cells in nested groups").toBeGreaterThan(0);
    // survival: whole percents at coarse months, no band to invert into people at risk
    const retention = rowsOf("retention.");
    expect(retention.length).toBeGreaterThan(0);
    for (const r of retention) {
      expect(r.ci_lower).toBeNull();
      expect(r.ci_upper).toBeNull();
      expect([3, 6, 12, 18, 24, 36, 48, 60, 84, 120]).toContain(r.tenure_month);
      if (r.survival != null)
        expect(Math.round(Number(r.survival) * 100)).toBeCloseTo(Number(r.survival) * 100, 3);
    }
  });
});

/** The text of a PDF as laid out (pdftotext), or null when poppler's pdftotext is not installed. */
function pdfText(file: string, ...args: string[]): string | null {
  if (spawnSync("pdftotext", ["-v"]).error) return null;
  return execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
}

/** Rows of one of the built society site's data files (the published tables the pages draw). */
function siteRows(prefix: string): Record<string, unknown>[] {
  const dir = path.join(site, "_file/data");
  const file = readdirSync(dir).find((f) => f.startsWith(prefix))!;
  return tableFromIPC(readFileSync(path.join(dir, file)))
    .toArray()
    .map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      for (const k of Object.keys(o)) if (typeof o[k] === "bigint") o[k] = Number(o[k]);
      return o;
    });
}

describe("the survey report a society mails to members (issue 22)", () => {
  const pdfs: Record<string, string> = {};

  test("survey-report prints the report page to a Letter and an A4 PDF of several pages", async () => {
    for (const paper of ["letter", "a4"]) {
      const out = path.join(work, `report-${paper}.pdf`);
      expect(await surveyReport(["--out", out, "--site", site, "--paper", paper])).toBe(0);
      expect(existsSync(out)).toBe(true);
      const pdf = readFileSync(out).toString("latin1");
      expect(pdf.startsWith("%PDF-")).toBe(true);
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      // who contributed and the findings, pay by title, the other statistics, methodology and the note
      expect(pages, `${paper}: pages`).toBeGreaterThanOrEqual(3);
      expect(pages, `${paper}: pages`).toBeLessThanOrEqual(8);
      // Letter is 612 × 792 pt, A4 595 × 842 pt
      // (Chromium rounds the page to whole CSS pixels: A4 comes out at 596 × 843)
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
      const [w, h] = paper === "letter" ? [612, 792] : [595, 842];
      expect(Math.abs(Number(box[1]) - w), `${paper}: width ${box[1]} pt`).toBeLessThanOrEqual(1.5);
      expect(Math.abs(Number(box[2]) - h), `${paper}: height ${box[2]} pt`).toBeLessThanOrEqual(1.5);
      pdfs[paper] = out;
    }
    // a peer group the site does not publish is a usage error naming the published ones
    await expect(
      surveyReport(["--out", path.join(work, "x.pdf"), "--site", site, "--peer", "all|all|Mars"]),
    ).rejects.toThrow(/no published peer group 'all\|all\|Mars'.*all\|all\|all/);
  });

  test("its text holds the pay by title table with counts, who contributed, and the antitrust note", () => {
    const text = pdfText(pdfs.letter!, "-layout");
    if (text === null) return; // no pdftotext: the next test reads the same page in Chromium
    const flat = text.replace(/\s+/g, " ");
    // the published pay cells of all contributors, read from the site's own data file
    const pay = siteRows("pay.").filter(
      (r) =>
        r.facility_type === "all" &&
        r.bed_band === "all" &&
        r.region === "all" &&
        r.breakdown_kind === "all" &&
        r.percentile === 0.5,
    );
    const year = Math.max(...pay.filter((r) => r.pay_usd != null).map((r) => Number(r.year)));
    const titles = pay.filter((r) => r.year === year && r.group_kind === "role");
    expect(titles.length).toBeGreaterThan(3);
    const lines = text.split("\n");
    let published = 0;
    for (const t of titles) {
      // the title, then a column gap ("BMET I" is not the start of "BMET II")
      // titles no rule mapped print in the taxonomy's words for them
      const shown = t.group_value === "unmapped" ? "Unmapped titles" : String(t.group_value);
      const title = shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const line = lines.find((l) => new RegExp(`^\\s*${title}(\\s{2,}|$)`).test(l));
      expect(line, `a row for ${t.group_value}`).toBeDefined();
      if (t.people == null) {
        expect(line, `${t.group_value} is withheld`).toMatch(/withheld/);
        continue;
      }
      published++;
      // organisations, people and the median estimate in thousands, in that order on the row
      const k = Math.round(Number(t.pay_usd) / 1000);
      expect(line, `${t.group_value}'s counts and median`).toMatch(
        new RegExp(`\\s${t.orgs}\\s+${t.people}\\s.*\\$${k}k\\s`),
      );
      const interval = `$${Number(t.pay_lower_usd) / 1000}k–$${Number(t.pay_upper_usd) / 1000}k`;
      expect(line).toContain(interval);
    }
    expect(published, "titles published with their counts").toBeGreaterThan(3);
    // who contributed: every published group with its organisations
    for (const g of published_groups()) expect(flat).toMatch(new RegExp(`${g.label} ${g.contributors}\\b`));
    expect(flat).toContain("Contributors are not named");
    // the antitrust note: the 1996 safety zone's withdrawal and the January 2025 guidelines
    expect(flat).toMatch(
      /withdrew those statements in February 2023 and the Federal Trade Commission in July 2023/,
    );
    expect(flat).toContain(
      "Since 16 January 2025 the FTC and DOJ Antitrust Guidelines for Business Activities Affecting Workers",
    );
    expect(flat).toContain("should have antitrust counsel review");
    // every page says what it is and which page it is
    expect(text.match(/page \d+ of \d+/g)?.length).toBeGreaterThanOrEqual(3);
  });

  test("no type under 8 pt on paper and no request outside the origin", async () => {
    // In the PDF: every word's box is at least 8 pt tall (a word's box is taller than its type).
    const bbox = pdfText(pdfs.letter!, "-bbox");
    if (bbox !== null) {
      const heights = [...bbox.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
        (m) => Number(m[2]) - Number(m[1]),
      );
      expect(heights.length).toBeGreaterThan(300);
      expect(Math.min(...heights), "the smallest word's height in pt").toBeGreaterThanOrEqual(8);
    }
    // In Chromium, as printed (print media, the printable width of Letter): every visible text's size.
    const page = await browser.newPage({ viewport: { width: 720, height: 1000 } });
    const origin = new URL(server.url).origin;
    const outside: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin)
        outside.push(r.url());
    });
    await page.goto(`${server.url}/report`);
    await waitForRender(page);
    await page.emulateMedia({ media: "print" });
    await waitForRender(page);
    const sizes = (await page.evaluate(`(() => {
      const sizes = [];
      const main = document.querySelector("#observablehq-main");
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !n.textContent.trim() || el.getClientRects().length === 0) continue;
        sizes.push([n.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize) * 0.75]);
      }
      return sizes;
    })()`)) as [string, number][];
    const text = await page.locator("main").innerText();
    await page.close();
    expect(sizes.length).toBeGreaterThan(100);
    expect(sizes.filter(([, pt]) => pt < 8)).toEqual([]);
    expect(outside).toEqual([]);
    // the same page's text, whatever reads the PDF
    expect(text).toContain("Pay by title");
    expect(text).toMatch(/February 2023[^.]*July 2023/);
    expect(text).toMatch(/All HTM staff\s+\d+\s+\d+/);
  });
});

/** The published peer groups as the report words them, with their organisations. */
function published_groups() {
  return published
    .map((g) => ({
      contributors: g.contributors,
      label:
        g.facility_type === "all" && g.bed_band === "all" && g.region === "all"
          ? "All contributors"
          : g.facility_type === "all" && g.bed_band === "all"
            ? `Organisations in the ${g.region} region`
            : "",
    }))
    .filter((g) => g.label);
}

/**
 * What a reader sees of each domain and role family on a page: its words and its colour, from every
 * chart's legend swatches, coloured direct labels, and black labels beside a coloured marker.
 * `labels` are the taxonomy's words; a text counts when it is one of them, alone or followed by its
 * figure ("General biomed 44%", not "Dental chairs"). A template string: its backslashes are doubled.
 */
const SEEN_COLOURS = `(labels) => {
  const byLength = [...labels].sort((a, b) => b.length - a.length);
  // a label alone, or followed by its figure only ("General biomed 44%", not "Dental chair")
  const labelOf = (t) => byLength.find((l) => t === l || (t.startsWith(l + " ") && /^[\\s\\d.,%$k()–-]*$/.test(t.slice(l.length))));
  const fillOf = (el) => { const f = getComputedStyle(el).fill; return f && f !== "none" ? f : null; };
  // the page's ink (what currentColor resolves to), black and white: text, not a series colour
  const ink = getComputedStyle(document.body).color;
  const plain = (c) => !c || c === ink || c === "rgb(0, 0, 0)" || c === "rgb(255, 255, 255)";
  const seen = [];
  for (const svg of document.querySelectorAll('svg[class^="plot"]')) {
    // a chart of equipment systems (sterilizers, nurse call, "Dental" chairs…) draws systems, not domains
    if (/\\bsystems\\b/.test(svg.closest("figure")?.querySelector("h3")?.textContent ?? "")) continue;
    const markers = [...svg.querySelectorAll('g[aria-label="dot"] path, g[aria-label="dot"] circle')];
    for (const t of svg.querySelectorAll("text")) {
      const label = labelOf(t.textContent.trim());
      if (!label) continue;
      let colour = fillOf(t);
      if (plain(colour)) {
        const r = t.getBoundingClientRect();
        const mid = r.top + r.height / 2;
        const marker = markers.find((m) => {
          const b = m.getBoundingClientRect();
          return Math.abs(b.top + b.height / 2 - mid) < 4 && b.right <= r.left + 2 && r.left - b.right < 20;
        });
        colour = marker ? fillOf(marker) : null;
      }
      if (!plain(colour)) seen.push([label, colour]);
    }
  }
  for (const s of document.querySelectorAll('span[class$="-swatch"]')) {
    const label = labelOf(s.textContent.trim());
    const shape = s.querySelector("svg rect, svg circle, svg path");
    const colour = shape ? fillOf(shape) : null;
    if (label && !plain(colour)) seen.push([label, colour]);
  }
  return seen;
}`;

describe("labels and colours from the taxonomy on both sites (issue 18)", () => {
  const taxonomyOf = (dir: string) => {
    const data = path.join(dir, "_file/data");
    const file = readdirSync(data).find((f) => /^taxonomy\.[0-9a-f]+\.json$/.test(f))!;
    return JSON.parse(readFileSync(path.join(data, file), "utf8")) as Record<
      "domains" | "role_families",
      { code: string; label: string }[]
    >;
  };

  test("both sites ship the same words for every domain and role family", () => {
    const hospital = taxonomyOf(hospitalSite);
    const society = taxonomyOf(site);
    for (const kind of ["domains", "role_families"] as const)
      expect(society[kind].map((e) => [e.code, e.label])).toEqual(
        hospital[kind].map((e) => [e.code, e.label]),
      );
    expect(society.role_families.find((f) => f.code === "generalist")?.label).toBe(
      "Generalists (BMET I–III)",
    );
    expect(society.domains.find((d) => d.code === "networking_integration")?.label).toBe(
      "Networking & integration",
    );
  });

  test("each domain and role family has one colour on every chart and peer group of both sites", async () => {
    const taxonomy = taxonomyOf(hospitalSite);
    const domainLabels = new Set(taxonomy.domains.map((d) => d.label));
    const familyLabels = new Set(taxonomy.role_families.map((f) => f.label));
    const labels = [...domainLabels, ...familyLabels];
    const seenOn = async (root: string, pages: string[]) => {
      const local = await serveStatic(root);
      const colours = new Map<string, Set<string>>();
      try {
        for (const p of pages) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          await page.goto(`${local.url}${p}`);
          await waitForRender(page);
          const seen = (await page.evaluate(`(${SEEN_COLOURS})(${JSON.stringify(labels)})`)) as [
            string,
            string,
          ][];
          await page.close();
          for (const [label, colour] of seen) {
            if (!colours.has(label)) colours.set(label, new Set());
            colours.get(label)!.add(`${colour} (${p})`);
          }
        }
      } finally {
        await local.close();
      }
      return colours;
    };
    const west = published.find(
      (g) => g.facility_type === "all" && g.bed_band === "all" && g.region === "West",
    );
    expect(west, "the West group is published").toBeDefined();
    const society = await seenOn(site, [
      "/",
      "/?peer=all%7Call%7CWest",
      "/report",
      "/report?peer=all%7Call%7CWest",
    ]);
    const hospital = await seenOn(hospitalSite, ["/", "/role-evolution", "/specialist-demand", "/retention"]);
    const colourOf = (m: Map<string, Set<string>>, label: string) => [
      ...new Set([...m.get(label)!].map((c) => c.replace(/ \(.*\)$/, ""))),
    ];
    // one colour per label on each site, whatever the chart or peer group
    for (const seen of [society, hospital])
      for (const [label, where] of seen)
        expect(colourOf(seen, label), `${label}: ${[...where].join(", ")}`).toHaveLength(1);
    // and the same colour on both sites
    const shared = [...society.keys()].filter((l) => hospital.has(l));
    for (const label of shared) expect(colourOf(society, label), label).toEqual(colourOf(hospital, label));
    expect(
      shared.filter((l) => domainLabels.has(l)).length,
      `domains on both: ${shared.join(", ")}`,
    ).toBeGreaterThanOrEqual(2);
    expect(
      shared.filter((l) => familyLabels.has(l)).length,
      `role families on both: ${shared.join(", ")}`,
    ).toBeGreaterThanOrEqual(2);
  });
});
