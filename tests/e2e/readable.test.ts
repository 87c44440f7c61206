/**
 * Every page × one organisation of each kind in the sample on a phone (390 px), read by element
 * geometry in a real browser (tests/e2e/readability.ts): no heading states a finding from fewer than 5
 * people or events (or "k of m" from fewer than 3), no mark under 30 without its n and none under 5
 * drawn at full weight, no clipped legend, no colliding axis tick labels, no table wider than the
 * screen without a cue that it scrolls, and no table, setting or file name under a chart outside
 * Methodology. The same rules at 1280 px are read on every page × every organisation by the sweep
 * of tests/e2e/site.test.ts, in the visits it makes anyway.
 *
 * The site is built once per test run from the default sample and one browser visits every page. To
 * reuse a built site while working: HTM_E2E_SITE=/path/to/dist (and nothing is generated).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { sharedSite } from "../support/shared-sample.ts";
import { readabilityProblems, type Problem } from "./readability.ts";
import { launchChromium, waitForRender } from "../../src/static-site/chromium.ts";
import { sitePages } from "../../src/static-site/site-pages.ts";
import { serveStatic, type RunningServer } from "../../src/static-site/static-server.ts";

/** A phone; the desktop width is read by tests/e2e/site.test.ts. */
const WIDTHS = [390];

let site: string;
let server: RunningServer;
let browser: Browser;
let orgs: string[] = [];
let allOrgs: Organisation[] = [];

beforeAll(async () => {
  if (process.env.HTM_E2E_SITE) site = process.env.HTM_E2E_SITE;
  // the default sample's site, built once per test run for every file that reads it
  else site = await sharedSite("internal");
  const dir = path.join(site, "_file/data");
  const file = (await import("node:fs")).readdirSync(dir).find((f) => /^orgs\.[0-9a-f]+\.json$/.test(f))!;
  allOrgs = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  orgs = ["all", ...organisationsOfEachKind(allOrgs)];
  server = await serveStatic(site);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Organisation {
  org_id: string;
  facility_type: string;
  staffed_beds: number | null;
}

/**
 * The organisations read: the largest, and the smallest of each facility type (a critical access
 * hospital, a dental group and a service organisation with no beds, ...): small organisations are
 * where groups fall under 5 or 30 and headings must say "too few", the largest has the most marks
 * and the longest labels. Issue 18 lets this sweep use a smaller organisation set than the sample's
 * (every page is still read); tests/e2e/site.test.ts reads every page × every organisation at 1280 px.
 */
function organisationsOfEachKind(all: Organisation[]): string[] {
  const beds = (o: Organisation) => o.staffed_beds ?? 0;
  const bySize = [...all].sort((a, b) => beds(a) - beds(b) || a.org_id.localeCompare(b.org_id));
  const smallestOfType = new Map<string, string>();
  for (const o of bySize)
    if (!smallestOfType.has(o.facility_type)) smallestOfType.set(o.facility_type, o.org_id);
  const chosen = new Set([...smallestOfType.values(), ...bySize.slice(-1).map((o) => o.org_id)]);
  return bySize.map((o) => o.org_id).filter((id) => chosen.has(id));
}

async function inspect(page: Page, pagePath: string, org: string): Promise<Problem[]> {
  await page.goto(`${server.url}${pagePath}?org=${org}`, { waitUntil: "networkidle" });
  await waitForRender(page);
  return readabilityProblems(page, pagePath);
}

describe("every page, an organisation of each kind, on a phone", () => {
  test("the organisations read cover every facility type, the smallest and the largest", () => {
    const read = allOrgs.filter((o) => orgs.includes(o.org_id));
    expect(new Set(read.map((o) => o.facility_type))).toEqual(new Set(allOrgs.map((o) => o.facility_type)));
    const beds = allOrgs.map((o) => o.staffed_beds ?? 0);
    expect(
      read.some((o) => (o.staffed_beds ?? 0) === Math.min(...beds)),
      "the smallest",
    ).toBe(true);
    expect(
      read.some((o) => (o.staffed_beds ?? 0) === Math.max(...beds)),
      "the largest",
    ).toBe(true);
    expect(read.length, "fewer than the sample's organisations").toBeLessThan(allOrgs.length);
  });

  for (const width of WIDTHS) {
    test(`${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const found: string[] = [];
      try {
        for (const p of sitePages()) {
          for (const org of p.path === "/methodology" || p.path === "/data-quality" ? ["all"] : orgs) {
            for (const problem of await inspect(page, p.path, org))
              found.push(`${p.path}?org=${org} @${width}: ${problem.what}: ${problem.detail}`);
          }
        }
      } finally {
        await page.close();
      }
      expect([...new Set(found)]).toEqual([]);
    }, 900_000);
  }
});
