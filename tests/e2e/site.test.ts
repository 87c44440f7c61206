/**
 * The built site in a real browser (Debian's Chromium via playwright-core): a small sample is generated,
 * ingested into a temporary warehouse and built into a temporary folder; every page must render its
 * charts with no console error, no failed request and no request outside the origin; every page ships
 * under 300 KB of data; every link to the methodology page lands on an anchor that exists; nothing in
 * the build may contain an employee id, one person's pay or a per-person column; and a build for a
 * public audience suppresses cells under 11 people and names no organisation. Every page × every
 * organisation of its picker is read for self-contradicting sentences and, at 1280 px, for what a
 * director cannot read (tests/e2e/readability.ts; the phone width is tests/e2e/readable.test.ts).
 *
 * Time to charts and data per page are written to $TMPDIR/htm-site-e2e-measurements.json and printed.
 * To measure on a bigger sample, point the test at an existing input folder and the warehouse ingested
 * from it: HTM_E2E_INPUT=/tmp/s1m HTM_E2E_WAREHOUSE=/tmp/w1m.duckdb (docs/benchmarks.md, "Site");
 * in-site navigation is timed then, or with HTM_E2E_MEASURE=1 on the default sample.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { tableFromIPC } from "apache-arrow";
import { parse } from "csv-parse/sync";
import { run as runBrief } from "../../src/cli/brief.ts";
import { ingest } from "../../loaders/ingest.ts";
import { launchChromium, waitForRender } from "../../src/static-site/chromium.ts";
import { auditSite } from "../../src/audit/disclosure-audit.ts";
import {
  countColumns,
  declaredColumns,
  FORBIDDEN_COLUMNS,
  MART_DISCLOSURE,
  type MartDisclosure,
} from "../../src/publish/mart-catalog.ts";
import { buildSite } from "../../src/static-site/site-build.ts";
import { pageSlug, sitePages } from "../../src/static-site/site-pages.ts";
import { resolveRequest, serveStatic, type RunningServer } from "../../src/static-site/static-server.ts";
import { TAXONOMY_DIR } from "../../src/warehouse/paths.ts";
import { bareNumberList, contradiction, pageSentences } from "./page-reading.ts";
import { readabilityProblems } from "./readability.ts";
import { sharedSample, sharedSite } from "../support/shared-sample.ts";

/** Pages that explain rather than chart. */
const PAGES_WITHOUT_CHARTS = new Set(["/methodology"]);
/** Issue 6: data shipped per page, uncompressed, whatever the input size. */
const MAX_DATA_KB_PER_PAGE = 300;
/** Definitions the analytic pages link to; each must be an anchor on the methodology page. */
const REQUIRED_ANCHORS = [
  "workload-mix",
  "headcount",
  "transitions",
  "certification-coverage",
  "specialist-demand",
  "inventory-load",
  "time-to-fill",
  "turnover-rate",
  "retention-curve",
  "cost-of-turnover",
  "retirement-exposure",
  "pay",
];
/**
 * Records DOM changes from the first byte, so the last one marks when the last chart was drawn
 * (waitForRender reads it once the page is quiet).
 */
const RECORD_MUTATIONS = `
  window.__htmLastMutation = { at: performance.now() };
  window.__htmObserver = new MutationObserver(() => (window.__htmLastMutation.at = performance.now()));
  document.addEventListener("DOMContentLoaded", () =>
    window.__htmObserver.observe(document.body, { subtree: true, childList: true, attributes: true }));
`;
const MEASUREMENTS_FILE = path.join(os.tmpdir(), "htm-site-e2e-measurements.json");
/** In-site navigation is timed on a measuring run (docs/benchmarks.md, "Site"), not on every test run. */
const MEASURE_NAVIGATION = Boolean(process.env.HTM_E2E_WAREHOUSE || process.env.HTM_E2E_MEASURE);

let work: string;
let input: string;
let warehouse: string;
let site: string;
let sampleLabel: string;
let server: RunningServer;
let browser: Browser;
const measurements: Record<string, unknown>[] = [];
/** Methodology anchors linked from each page as rendered: page path → anchors. */
const methodLinks = new Map<string, string[]>();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

type Row = Record<string, unknown>;

/** Every data file of a built site (Framework names them data/<name>.<hash>.<ext>), by name. */
function dataFiles(siteDir: string): Map<string, string> {
  const dir = path.join(siteDir, "_file/data");
  return new Map(readdirSync(dir).map((f) => [f.replace(/\.[0-9a-f]{8}(\.\w+)$/, "$1"), path.join(dir, f)]));
}

function readArrowRows(file: string): { columns: string[]; rows: Row[] } {
  const table = tableFromIPC(readFileSync(file));
  const columns = table.schema.fields.map((f) => f.name);
  const rows = table.toArray().map((r) => {
    const out: Row = {};
    for (const c of columns) out[c] = typeof r[c] === "bigint" ? Number(r[c]) : r[c];
    return out;
  });
  return { columns, rows };
}

function jsonKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) jsonKeys(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      jsonKeys(v, into);
    }
  }
  return into;
}

/** Per-person columns no loader may write, whatever their content (docs/architecture.md, privacy). */
const PER_PERSON_COLUMN = /(^|_)employee_id$|(^|_)technician_id$|(^|_)birth_year$|^amount$|annual_pay|^name$/;

/** Columns of every data file that look per-person; orgs.json's `name` is an organisation's name. */
function perPersonColumns(siteDir: string): string[] {
  const found: string[] = [];
  for (const [name, file] of dataFiles(siteDir)) {
    const columns = name.endsWith(".arrow")
      ? readArrowRows(file).columns
      : [...jsonKeys(JSON.parse(readFileSync(file, "utf8")))].filter(
          (k) => !(name === "orgs.json" && k === "name"),
        );
    for (const c of columns) {
      if (PER_PERSON_COLUMN.test(c) || FORBIDDEN_COLUMNS.some((re) => re.test(c)))
        found.push(`${name}: ${c}`);
    }
  }
  return found;
}

/** Rows of shipped pay statistics that describe fewer than min people. */
function smallPayCells(siteDir: string, min: number): string[] {
  const files = dataFiles(siteDir);
  const bad: string[] = [];
  const checks: [string, string, string][] = [
    ["pay_position.arrow", "median_pay", "n"],
    ["pay_position.arrow", "p25_pay", "n"],
    ["pay_rollup.arrow", "median_pay", "n"],
    ["pay_role_rollup.arrow", "rollup_median_pay", "rollup_n"],
    ["cost_of_turnover.arrow", "replacement_cost_usd", "separations_with_pay"],
    ["cost_of_service.arrow", "labor_cost_usd", "technicians_at_own_pay"],
  ];
  for (const [name, value, people] of checks) {
    const file = files.get(name);
    if (!file) continue;
    for (const r of readArrowRows(file).rows) {
      const n = r[people];
      if (r[value] != null && typeof n === "number" && n > 0 && n < min) {
        bad.push(`${name}: ${value} for ${n} people (${JSON.stringify(r)})`);
      }
    }
  }
  return bad;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "htm-site-e2e-"));
  if (process.env.HTM_E2E_INPUT && process.env.HTM_E2E_WAREHOUSE) {
    input = process.env.HTM_E2E_INPUT;
    warehouse = process.env.HTM_E2E_WAREHOUSE;
    site = await buildSite({ db: warehouse, out: path.join(work, "site") });
  } else {
    ({ input, db: warehouse } = await sharedSample());
    site = await sharedSite("internal");
  }
  const workOrders = readFileSync(path.join(input, "work_orders.csv"), "latin1").split("\n").length - 2;
  sampleLabel = `${input} (${workOrders.toLocaleString("en-US")} work orders)`;
  server = await serveStatic(site);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (measurements.length) {
    const [load1, load5, load15] = os.loadavg();
    const report = {
      sample: sampleLabel,
      measured_at: new Date().toISOString(),
      cpus: os.cpus().length,
      load_average: { "1m": +load1.toFixed(2), "5m": +load5.toFixed(2), "15m": +load15.toFixed(2) },
      pages: measurements,
    };
    console.log(
      `page measurements, ${sampleLabel}; load average ${report.load_average["1m"]} on ${report.cpus} cores:`,
    );
    console.table(measurements);
    writeFileSync(MEASUREMENTS_FILE, JSON.stringify(report, null, 2));
    console.log(`written to ${MEASUREMENTS_FILE}`);
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("built site in Chromium", () => {
  for (const p of sitePages()) {
    test(`${p.name} (${p.path}) renders with no error and no outside request`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const origin = new URL(server.url).origin;
      const dataPaths = new Set<string>();
      let transferBytes = 0;
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()} ${r.failure()?.errorText}`));
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin) {
          problems.push(`request outside the origin: ${r.url()}`);
        }
        if (url.origin === origin && url.pathname.startsWith("/_file/")) dataPaths.add(url.pathname);
      });
      page.on("requestfinished", async (r) => {
        const sizes = await r.sizes().catch(() => null);
        if (sizes) transferBytes += sizes.responseBodySize + sizes.responseHeadersSize;
      });
      await page.addInitScript(RECORD_MUTATIONS);
      // Served with the site's CSP: a script or request it blocks is a console error above.
      const response = await page.goto(`${server.url}${p.path}`);
      if (!/default-src 'self'/.test(response?.headers()["content-security-policy"] ?? ""))
        problems.push("served without the Content-Security-Policy header");
      const chartsDrawnMs = await waitForRender(page);
      const charts = await page.locator('svg[class^="plot"]').count();
      const errors = await page.locator(".observablehq--error").allTextContents();
      const links = await page
        .locator('a[href*="methodology#"]')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href.split("#")[1]));
      methodLinks.set(p.path, [...new Set(links)]);
      await page.close();
      // Navigation within the site: the same browser has shown another page, so the libraries
      // (content-hashed, cached for good) come from its cache and only this page and its data load.
      // A measurement only (two more page loads): taken when measuring, not on every test run.
      let navigationDrawnMs: number | null = null;
      if (MEASURE_NAVIGATION) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const next = await context.newPage();
        await next.addInitScript(RECORD_MUTATIONS);
        await next.goto(`${server.url}${p.path === "/" ? "/budget-brief" : "/"}`);
        await waitForRender(next);
        await next.goto(`${server.url}${p.path}`);
        navigationDrawnMs = await waitForRender(next);
        await context.close();
      }
      // Data as shipped: the files' own sizes, not the gzipped transfer.
      const dataBytes = [...dataPaths].reduce((sum, u) => {
        const file = resolveRequest(site, u);
        return sum + (file ? statSync(file).size : 0);
      }, 0);
      measurements.push({
        page: pageSlug(p),
        charts,
        firstVisitDrawnMs: chartsDrawnMs,
        navigationDrawnMs,
        dataFiles: dataPaths.size,
        dataKB: +(dataBytes / 1024).toFixed(1),
        transferKB: +(transferBytes / 1024).toFixed(1),
      });
      expect(errors, "cells that threw").toEqual([]);
      expect(problems).toEqual([]);
      if (!PAGES_WITHOUT_CHARTS.has(p.path)) expect(charts, "Plot charts on the page").toBeGreaterThan(0);
      expect(dataBytes / 1024, "KB of data the page loads").toBeLessThan(MAX_DATA_KB_PER_PAGE);
    });
  }

  test("every link to the methodology lands on an anchor of the methodology page", () => {
    const html = readFileSync(path.join(site, "methodology.html"), "utf8");
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const missing = [...methodLinks].flatMap(([page, anchors]) =>
      anchors.filter((a) => !ids.has(a)).map((a) => `${page} → methodology#${a}`),
    );
    expect(missing).toEqual([]);
    expect(REQUIRED_ANCHORS.filter((a) => !ids.has(a))).toEqual([]);
    // The analytic pages link to their definitions at all (a figure without `method` has no link).
    const linked = new Set([...methodLinks.values()].flat());
    expect(REQUIRED_ANCHORS.filter((a) => !linked.has(a))).toEqual([]);
  });

  test("no employee id or individual pay amount anywhere in the build", () => {
    const employees = parse(readFileSync(path.join(input, "employees.csv")), { columns: true }) as {
      employee_id: string;
    }[];
    const pay = parse(readFileSync(path.join(input, "pay.csv")), { columns: true }) as { amount: string }[];
    const ids = [...new Set(employees.map((e) => e.employee_id))];
    // Pay amounts of 5+ digits: shorter numbers (hourly rates) occur everywhere in code and charts.
    const amounts = [...new Set(pay.map((r) => r.amount).filter((a) => a.replace(/\D/g, "").length >= 5))];
    const idPattern = new RegExp(
      `(?<![\\d.])(${ids.map((s) => s.replace(/\W/g, "\\$&")).join("|")})(?![\\d])`,
    );
    const payPattern = new RegExp(
      `(?<![\\d.])(${amounts.map((s) => s.replace(/\W/g, "\\$&")).join("|")})(?![\\d.])`,
    );
    const leaks: string[] = [];
    for (const file of filesUnder(site)) {
      const text = readFileSync(file).toString("latin1");
      const id = text.match(idPattern);
      if (id) leaks.push(`${path.relative(site, file)}: employee id ${id[1]}`);
      // Bundled libraries hold no data, and their colour tables and constants look like amounts.
      const library = /^_(node|npm|observablehq)\//.test(path.relative(site, file));
      if (!file.endsWith(".arrow") && !library) {
        const amount = text.match(payPattern);
        if (amount) leaks.push(`${path.relative(site, file)}: pay amount ${amount[1]}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  test("no data file has a per-person column (employee id, name, birth year, amount, annual pay)", () => {
    expect(perPersonColumns(site)).toEqual([]);
  });

  test("internal audience: every pay statistic describes at least 5 people", () => {
    expect(smallPayCells(site, 5)).toEqual([]);
  });

  test("the attacker's audit recovers no id, no individual pay and no withheld count", () => {
    expect(auditSite(site, input).slice(0, 20)).toEqual([]);
  });

  test("budget brief what-if: any FTE in several domains, kept across a change of organisation and in the URL", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${server.url}/budget-brief?add=cybersecurity=2`, { waitUntil: "networkidle" });
      await waitForRender(page);
      const state = async () => ({
        ...(await page.$eval(".htm-brief-ready", (e) => ({
          org: (e as HTMLElement).dataset.org,
          scenario: (e as HTMLElement).dataset.scenario,
        }))),
        add: new URL(page.url()).searchParams.get("add"),
      });
      expect(await state()).toMatchObject({
        scenario: "cybersecurity=2",
        org: "all",
        add: "cybersecurity=2",
      });
      // inputs in taxonomy domain order: general biomed, imaging, ...
      const imaging = page.locator(".htm-scenario input").nth(1);
      await imaging.fill("25");
      await imaging.dispatchEvent("input");
      await waitForRender(page);
      await page.selectOption("select", { index: 1 });
      await waitForRender(page);
      const after = await state();
      expect(after.org).not.toBe("all");
      expect(after).toMatchObject({
        scenario: "imaging=25,cybersecurity=2",
        add: "imaging=25,cybersecurity=2",
      });
      expect(new URL(page.url()).searchParams.get("org")).toBe(after.org);
    } finally {
      await page.close();
    }
  }, 60_000);

  test("brief --out prints the command line's organisation and scenario on one page, Letter and A4", async () => {
    const org = String(
      (parse(readFileSync(path.join(input, "organizations.csv"), "utf8"), { columns: true }) as Row[])[0]!
        .org_id,
    );
    // points: Letter 8.5 × 11 in; A4 210 × 297 mm
    const sizes: Record<string, [number, number]> = { letter: [612, 792], a4: [595.92, 842.88] };
    for (const paper of ["letter", "a4"]) {
      const out = path.join(work, `brief-${paper}.pdf`);
      const args = ["--site", site, "--out", out, "--org", org, "--paper", paper];
      const code = await runBrief([...args, "--add", "networking=1.5,cybersecurity=1"]);
      expect(code, paper).toBe(0);
      const pdf = readFileSync(out, "latin1");
      expect(pdf.match(/\/Type\s*\/Page[^s]/g), paper).toHaveLength(1);
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
      expect(box, paper).not.toBeNull();
      expect(Number(box![1])).toBeCloseTo(sizes[paper]![0], 1);
      expect(Number(box![2])).toBeCloseTo(sizes[paper]![1], 1);
    }
    // a domain the taxonomy does not have is refused before printing (main exits 2 with this line),
    // not printed as some other scenario
    await expect(
      runBrief(["--site", site, "--out", path.join(work, "x.pdf"), "--add", "no_such_domain=1"]),
    ).rejects.toThrow(/no domain 'no_such_domain'; domains: general_biomed/);
  }, 120_000);
});

describe("the budget brief on paper, read as finance reads it", () => {
  /** Snake_case identifiers, file names and the words of the settings: none belongs on a CFO's page. */
  const TECHNICAL = /\b[a-z]+_[a-z0-9_]+\b|\.(csv|json|duckdb)\b|settings|mapping|data\/|reference\//i;
  /** Every "$N/h" or "$N an hour" figure, in dollars. */
  const perHour = (text: string) =>
    [...text.matchAll(/\$([\d.,]+)(k|M)?\s*(?:\/\s*h\b|an hour|per hour)/g)].map(
      (m) => Number(m[1]!.replace(/,/g, "")) * (m[2] === "k" ? 1e3 : m[2] === "M" ? 1e6 : 1),
    );

  async function print(name: string, args: string[], paper: string) {
    const out = path.join(work, `brief-read-${name}-${paper}.pdf`);
    const logged: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => logged.push(a.join(" "));
    let code: number;
    try {
      code = await runBrief(["--site", site, "--out", out, "--paper", paper, ...args]);
    } finally {
      console.log = log;
    }
    expect(code, `${name} ${paper}`).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [out], { encoding: "utf8" }))![1]);
    const text = execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" });
    const smallest = Number(/smallest type ([\d.]+) pt/.exec(logged.join("\n"))?.[1]);
    return { pages, text, smallest };
  }

  test("no scenario, an addition, a cut and the smallest organisation: one page, readable, plain, with a total", async () => {
    const gap = readArrowRows(dataFiles(site).get("staffing_gap.arrow")!).rows;
    const smallest = gap
      .filter((r) => r.org_id !== "all" && r.domain === "all" && r.is_latest_complete_year)
      .sort((a, b) => (a.supply_fte as number) - (b.supply_fte as number))[0]!.org_id as string;
    const cases: [string, string[]][] = [
      ["none", []],
      ["add", ["--add", "networking_integration=1.5,cybersecurity=1"]],
      ["cut", ["--add", "general_biomed=-1"]],
      ["smallest", ["--org", smallest]],
    ];
    const texts: Record<string, string> = {};
    for (const [name, args] of cases) {
      for (const paper of ["letter", "a4"]) {
        const { pages, text, smallest: pt } = await print(name, args, paper);
        const where = `${name} ${paper}`;
        expect(pages, where).toBe(1);
        expect(pt, `${where}: smallest type`).toBeGreaterThanOrEqual(8);
        expect(text.match(TECHNICAL), `${where}: a file or setting name`).toBeNull();
        expect(
          perHour(text).filter((v) => v >= 1000),
          `${where}: a per-hour figure of $1,000 or more`,
        ).toEqual([]);
        expect(text, `${where}: a total row`).toMatch(/^\s*Total\s+[\d.]+\s+[\d.]+/m);
        expect(text, `${where}: prepared for, by and date`).toMatch(
          /Prepared for[\s\S]*Prepared by[\s\S]*Date/,
        );
        texts[`${name} ${paper}`] = text;
      }
    }
    // with a scenario: the ask states the cost, the net cost, the vendor spend avoided and the payback
    const add = texts["add letter"]!.replace(/\s+/g, " ");
    expect(add).toMatch(
      /Request: \+1\.5 FTE Networking[^.]*\+1 FTE Cybersecurity\. It costs \$[\d.]+[kM]? a year/,
    );
    expect(add).toMatch(
      /(\$[\d.]+[kM]? net|saves \$[\d.]+[kM]? net) of \$[\d.]+[kM]? of vendor spend avoided/,
    );
    expect(add).toMatch(
      /pays back in (\d+ months|under a month)|does not pay back from vendor savings alone/,
    );
    // the headline moves: the specialist gap and need against staff are stated before and after
    const card = (t: string) => /SPECIALIST GAP[\s\S]*?\n\s*([\d.]+) FTE/.exec(t)?.[1];
    expect(card(texts["add letter"]!)).not.toBe(card(texts["none letter"]!));
    expect(add).toMatch(/before/);
    const cut = texts["cut letter"]!.replace(/\s+/g, " ");
    expect(cut).toMatch(/Proposal: −1 FTE General biomed\. It saves \$[\d.]+[kM]? a year in pay/);
    expect(cut).toMatch(/net/);
    // a net of nothing is the price's doing where vendors record too few hours: the ask says so
    if (/net saving is \$0 a year/.test(cut))
      expect(cut).toMatch(
        /priced at our own staff.s cost \(\$[\d.]+[kM]?: vendors in .+? log too few hours to price an hour\), so the net saving is \$0 a year unless vendors charge less/,
      );
    // the smallest organisation's table marks its small groups and says what the mark means
    const small = texts["smallest letter"]!.replace(/\s+/g, " ");
    if (/ † /.test(small)) expect(small).toMatch(/† A small group: fewer than 5 people or 5 work orders/);
    // no scenario: says where things stand and that nothing is asked
    expect(texts["none letter"]!.replace(/\s+/g, " ")).toMatch(
      /Where we stand:.*No change in staff is requested/,
    );
  }, 300_000);

  test("on a phone the brief does not scroll sideways", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${server.url}/budget-brief?add=networking_integration=1.5,cybersecurity=1`, {
        waitUntil: "networkidle",
      });
      await page.waitForSelector(".htm-brief-ready", { state: "attached" });
      await waitForRender(page);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe("built for a public audience", () => {
  let publicSite: string;

  beforeAll(async () => {
    publicSite = process.env.HTM_E2E_WAREHOUSE
      ? await buildSite({ db: warehouse, out: path.join(work, "site-public"), audience: "public" })
      : await sharedSite("public");
  }, 600_000);

  test("cells under 11 people are null and say which rule suppressed them", () => {
    const files = dataFiles(publicSite);
    let suppressed = 0;
    const bad: string[] = [];
    for (const [mart, rule] of Object.entries(MART_DISCLOSURE) as [string, MartDisclosure][]) {
      const file = files.get(`${mart}.arrow`);
      const counts = countColumns(rule);
      if (!file || !counts.length) continue;
      const { rows } = readArrowRows(file);
      const kinds = declaredColumns(rule);
      // the cell rule withholds every value of the row; the pay rule its pay statistics
      const cellGuarded = [...kinds].filter(([, k]) => k !== "key" && k !== "reference").map(([c]) => c);
      const payGuarded = [...kinds].filter(([, k]) => k === "pay" || k === "pay_derived").map(([c]) => c);
      for (const r of rows) {
        if (r.suppressed != null) {
          suppressed++;
          const reason = String(r.suppressed);
          if (!/fewer than 11 people|complementary suppression|at least 5 people/.test(reason))
            bad.push(`${mart}: reason ${r.suppressed}`);
          const guarded = /fewer than 11 people|withheld so that a suppressed cell/.test(reason)
            ? cellGuarded
            : payGuarded;
          const shown = guarded.filter((c) => r[c] != null);
          if (shown.length) bad.push(`${mart}: suppressed row still shows ${shown.join(", ")}`);
        } else {
          for (const c of counts) {
            const n = r[c];
            if (typeof n === "number" && n > 0 && n < 11) bad.push(`${mart}: ${c} = ${n} published`);
          }
        }
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
    // The sample's organisations are small: a public build that suppresses nothing applied no rule.
    expect(suppressed).toBeGreaterThan(0);
  });

  test("organisations appear under pseudonyms: no name or id from organizations.csv anywhere", () => {
    const orgs = parse(readFileSync(path.join(input, "organizations.csv")), { columns: true }) as {
      org_id: string;
      org_name: string;
    }[];
    const leaks: string[] = [];
    for (const file of filesUnder(publicSite)) {
      const text = readFileSync(file).toString("utf8");
      for (const o of orgs)
        if (text.includes(o.org_name)) leaks.push(`${path.relative(publicSite, file)}: ${o.org_name}`);
    }
    expect(leaks).toEqual([]);
    const ids = new Set(orgs.map((o) => o.org_id));
    const shipped = new Set<string>();
    for (const [name, file] of dataFiles(publicSite)) {
      if (!name.endsWith(".arrow")) continue;
      for (const r of readArrowRows(file).rows) if (typeof r.org_id === "string") shipped.add(r.org_id);
    }
    const names = JSON.parse(readFileSync(dataFiles(publicSite).get("orgs.json")!, "utf8")) as Row[];
    for (const o of names) shipped.add(String(o.org_id)).add(String(o.name));
    expect([...shipped].filter((id) => ids.has(id))).toEqual([]);
    expect([...shipped].filter((id) => id !== "all" && !/^Org [A-Z]+$/.test(id))).toEqual([]);
  });

  test("the attacker's audit recovers no id, no individual pay and no withheld count", () => {
    expect(auditSite(publicSite, input).slice(0, 20)).toEqual([]);
  });

  test("pay statistics need at least 5 people, and no per-person column ships", () => {
    expect(smallPayCells(publicSite, 5)).toEqual([]);
    expect(perPersonColumns(publicSite)).toEqual([]);
  });
});

/** The organisation dropdown of a page, when it has one: the option labels, in order. */
async function orgPicker(page: import("playwright-core").Page): Promise<string[] | null> {
  const form = page.locator("form", { has: page.locator("label", { hasText: /^Organisation$/ }) });
  if ((await form.count()) === 0) return null;
  return form.first().locator("option").allTextContents();
}

describe("every page × every organisation of its picker, read in Chromium (and readable at 1280 px)", () => {
  /** Organisation id → the staffing-gap statements found, by where they were found. */
  const gapStatements = new Map<string, Record<string, string>>();
  let orgs: { org_id: string; name: string }[];

  beforeAll(() => {
    orgs = JSON.parse(readFileSync(dataFiles(site).get("orgs.json")!, "utf8"));
  });

  for (const p of sitePages()) {
    test(`${p.name}: no self-contradicting sentence and no console error for any organisation`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      await page.goto(`${server.url}${p.path}`);
      await waitForRender(page);
      const picker = await orgPicker(page);
      const ids = picker
        ? ["all", ...orgs.map((o) => o.org_id)].filter((id) =>
            picker.includes(id === "all" ? "All organisations" : orgs.find((o) => o.org_id === id)!.name),
          )
        : [null];
      if (picker)
        expect(ids.length, "the picker lists every organisation by its full name").toBe(picker.length);
      for (const org of ids) {
        if (org) {
          await page.goto(`${server.url}${p.path}?org=${encodeURIComponent(org)}`);
          await waitForRender(page);
          // ?org= is honoured: the dropdown shows the organisation asked for
          const shown = await page
            .locator("form", { has: page.locator("label", { hasText: /^Organisation$/ }) })
            .first()
            .locator("select")
            .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);
          const name = org === "all" ? "All organisations" : orgs.find((o) => o.org_id === org)!.name;
          expect(shown, `${p.path}?org=${org}`).toBe(name);
        }
        const where = `${p.path}${org ? `?org=${org}` : ""}`;
        for (const e of await page.locator(".observablehq--error").allTextContents())
          problems.push(`${where}: cell error ${e}`);
        // the readability rules at desktop width (tests/e2e/readable.test.ts reads a phone)
        for (const r of await readabilityProblems(page, p.path))
          problems.push(`${where} @1280: ${r.what}: ${r.detail}`);
        for (const s of await pageSentences(page)) {
          const wrong = contradiction(s.text);
          if (wrong) problems.push(`${where} ${s.where}: ${wrong} in "${s.text.slice(0, 160)}"`);
          if (s.where === "title" && bareNumberList(s.text))
            problems.push(`${where} title is a bare list of numbers: "${s.text}"`);
          if (org && s.text.startsWith("Specialist gap")) {
            const found = gapStatements.get(org) ?? {};
            found[`${p.path} ${s.where}`] = s.text;
            gapStatements.set(org, found);
          }
        }
        if (org && /^\/(|budget-brief)$/.test(p.path)) {
          const card = page.locator(".htm-kpi", {
            has: page.locator(".htm-kpi-label", { hasText: "Specialist gap" }),
          });
          // the overview's card note is the headline sentence; the brief's card value is the figure
          const text = await card
            .locator(p.path === "/" ? ".htm-kpi-note" : ".htm-kpi-value")
            .first()
            .textContent();
          const found = gapStatements.get(org) ?? {};
          found[`${p.path} key figure`] = text ?? "";
          gapStatements.set(org, found);
        }
      }
      await page.close();
      expect(problems.slice(0, 30)).toEqual([]);
    }, 600_000);
  }

  test("the overview card, the overview chart, Specialist demand and the budget brief state the same gap", () => {
    const gap = readArrowRows(dataFiles(site).get("staffing_gap.arrow")!).rows;
    expect(gapStatements.size, "organisations read").toBe(orgs.length + 1);
    for (const [org, found] of gapStatements) {
      const chart = found["/ title"];
      expect(chart, `${org}: overview chart title`).toMatch(/^Specialist gap/);
      // the same words on all four; the brief's card adds its what-if after a semicolon
      expect(found["/ key figure"], `${org}: overview card`).toBe(chart);
      expect(found["/specialist-demand title"], `${org}: Specialist demand`).toBe(chart);
      expect(found["/budget-brief key figure"], `${org}: budget brief card`).toBeDefined();
      // and the figure is the mart's: the 'specialist' total of the headline year, to a tenth of an FTE
      const total = gap.find(
        (r) => r.org_id === org && r.domain === "specialist" && r.is_latest_complete_year,
      );
      const shortfall = total?.shortfall_fte as number | null | undefined;
      // the brief, with no scenario, states the same figure in its card
      if (shortfall != null)
        expect(found["/budget-brief key figure"], org).toBe(`${shortfall.toFixed(1)} FTE`);
      if (shortfall != null && shortfall >= 0.05)
        expect(chart, org).toContain(`in ${total!.year}: ${shortfall.toFixed(1)} FTE of specialist work`);
      else if (shortfall != null) expect(chart, org).toContain(": none;");
    }
  });
});

describe("labels come from data/taxonomy/", () => {
  const EDITED = "Clinical systems integration (edited label)";
  let editedSite: string;

  beforeAll(async () => {
    // A copy of the taxonomy with one domain renamed, ingested and built like any other.
    const taxonomy = path.join(work, "taxonomy-edited");
    cpSync(TAXONOMY_DIR, taxonomy, { recursive: true });
    const file = path.join(taxonomy, "domains.csv");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("integration,Integration,");
    writeFileSync(file, text.replace("\nintegration,Integration,", `\nintegration,${EDITED},`));
    const db = path.join(work, "w-edited.duckdb");
    process.env.HTM_TAXONOMY_DIR = taxonomy;
    try {
      expect((await ingest({ inputDir: input, dbPath: db, quiet: true })).exitCode).toBe(0);
    } finally {
      delete process.env.HTM_TAXONOMY_DIR;
    }
    editedSite = await buildSite({ db, out: path.join(work, "site-edited") });
  }, 900_000);

  test("a domain label edited in domains.csv changes on every page that names the domain", async () => {
    const edited = await serveStatic(editedSite);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    try {
      for (const path of ["/", "/role-evolution", "/specialist-demand", "/budget-brief"]) {
        await page.goto(`${edited.url}${path}`);
        await waitForRender(page);
        const text = (await page.locator("#observablehq-main").textContent()) ?? "";
        if (!text.includes(EDITED)) problems.push(`${path}: the edited label is not shown`);
        // the old label as a label: followed by a figure ("Integration 7%", "Integration 6.1 FTE")
        if (/Integration \d/.test(text)) problems.push(`${path}: still shows the old label`);
      }
    } finally {
      await page.close();
      await edited.close();
    }
    expect(problems).toEqual([]);
  });
});
