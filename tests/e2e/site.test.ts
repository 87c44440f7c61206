/**
 * The built site in a real browser (Debian's Chromium via playwright-core): a small sample is generated,
 * ingested into a temporary warehouse and built into a temporary folder; every page must render its
 * charts with no console error, no failed request and no request outside the origin, and nothing in
 * the build may contain an employee id or one person's pay.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { parse } from "csv-parse/sync";
import { run as runSample } from "../../src/cli/sample.ts";
import { ingest } from "../../src/ingest/ingest.ts";
import { launchChromium, waitForRender } from "../../src/site/chromium.ts";
import { buildSite } from "../../src/site/site-build.ts";
import { pageSlug, sitePages } from "../../src/site/site-pages.ts";
import { serveStatic, type RunningServer } from "../../src/site/static-server.ts";

/** Pages that explain rather than chart. */
const PAGES_WITHOUT_CHARTS = new Set(["/methodology"]);

let work: string;
let site: string;
let server: RunningServer;
let browser: Browser;
const measurements: Record<string, unknown>[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "htm-site-e2e-"));
  const input = path.join(work, "input");
  expect(await runSample(["--out", input, "--work-orders", "20000"])).toBe(0);
  const report = await ingest({ inputDir: input, dbPath: path.join(work, "w.duckdb"), quiet: true });
  expect(report.exitCode).toBe(0);
  site = await buildSite({ db: path.join(work, "w.duckdb"), out: path.join(work, "site") });
  server = await serveStatic(site);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (measurements.length) {
    console.log("page measurements (20k work-order sample):");
    console.table(measurements);
    writeFileSync(
      path.join(os.tmpdir(), "htm-site-e2e-measurements.json"),
      JSON.stringify(measurements, null, 2),
    );
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("built site in Chromium", () => {
  for (const p of sitePages()) {
    test(`${p.name} (${p.path}) renders with no error and no outside request`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const origin = new URL(server.url).origin;
      let dataBytes = 0;
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
      });
      page.on("requestfinished", async (r) => {
        const sizes = await r.sizes().catch(() => null);
        if (!sizes) return;
        transferBytes += sizes.responseBodySize + sizes.responseHeadersSize;
        if (new URL(r.url()).pathname.startsWith("/_file/")) dataBytes += sizes.responseBodySize;
      });
      // Record DOM changes from the first byte, so the last one marks when the last chart was drawn.
      await page.addInitScript(`
        window.__htmLastMutation = { at: performance.now() };
        window.__htmObserver = new MutationObserver(() => (window.__htmLastMutation.at = performance.now()));
        document.addEventListener("DOMContentLoaded", () =>
          window.__htmObserver.observe(document.body, { subtree: true, childList: true, attributes: true }));
      `);
      await page.goto(`${server.url}${p.path}`);
      const chartsDrawnMs = await waitForRender(page);
      const charts = await page.locator('svg[class^="plot"]').count();
      const errors = await page.locator(".observablehq--error").allTextContents();
      await page.close();
      measurements.push({
        page: pageSlug(p),
        charts,
        chartsDrawnMs,
        dataKB: +(dataBytes / 1024).toFixed(1),
        transferKB: +(transferBytes / 1024).toFixed(1),
      });
      expect(errors, "cells that threw").toEqual([]);
      expect(problems).toEqual([]);
      if (!PAGES_WITHOUT_CHARTS.has(p.path)) expect(charts, "Plot charts on the page").toBeGreaterThan(0);
    });
  }

  test("no employee id or individual pay amount anywhere in the build", () => {
    const input = path.join(work, "input");
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
      if (!file.endsWith(".arrow")) {
        const amount = text.match(payPattern);
        if (amount) leaks.push(`${path.relative(site, file)}: pay amount ${amount[1]}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
