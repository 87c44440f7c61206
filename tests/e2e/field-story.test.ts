/**
 * The field's whole story read off the built pages (issue 23): on the default sample's hospital site
 * and on the society site pooled from it, every story (networking and cybersecurity growing,
 * certifications spreading, integration, dental, facilities-type systems, new specialist roles,
 * retention through growth paths, process work) has a finding sentence computed from the data, or
 * a sentence saying why the data cannot show it. And a taxonomy from before the integration split
 * and the process files still ingests and builds, and its pages say what it cannot show.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { ingest } from "../../loaders/ingest.ts";
import { launchChromium, waitForRender } from "../../src/static-site/chromium.ts";
import { buildSite } from "../../src/static-site/site-build.ts";
import { serveStatic, type RunningServer } from "../../src/static-site/static-server.ts";
import { sharedSample, sharedSite, sharedSocietyPool, sharedSocietySite } from "../support/shared-sample.ts";

const LEGACY_TAXONOMY = path.join(import.meta.dirname, "../fixtures/taxonomy-legacy");

let work: string;
let browser: Browser;
const servers: RunningServer[] = [];
const text: Record<string, string> = {};

async function readPages(site: string, pages: string[], prefix: string): Promise<void> {
  const server = await serveStatic(site);
  servers.push(server);
  for (const p of pages) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}${p}`);
    await waitForRender(page);
    expect(errors, `${prefix}${p}`).toEqual([]);
    expect(await page.locator(".observablehq--error").allTextContents(), `${prefix}${p}`).toEqual([]);
    text[`${prefix}${p}`] = await page.locator("main").innerText();
    await page.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "htm-field-story-"));
  browser = await launchChromium();
  // the default sample's hospital site, and the society's site pooled from every organisation's
  // contribution: both built once per test run (tests/support/shared-sample.ts)
  const { input } = await sharedSample();
  await readPages(
    await sharedSite("internal"),
    ["/", "/role-evolution", "/retention", "/specialist-demand"],
    "hospital",
  );
  expect((await sharedSocietyPool()).pooled).toBe(12);
  await readPages(await sharedSocietySite(), ["/"], "society");

  // a user's taxonomy from before the integration split and the process files
  const legacyTaxonomy = path.join(work, "taxonomy-legacy");
  cpSync(LEGACY_TAXONOMY, legacyTaxonomy, { recursive: true });
  const before = process.env.HTM_TAXONOMY_DIR;
  process.env.HTM_TAXONOMY_DIR = legacyTaxonomy;
  try {
    const legacyWarehouse = path.join(work, "legacy.duckdb");
    expect((await ingest({ inputDir: input, dbPath: legacyWarehouse, quiet: true })).exitCode).toBe(0);
    const legacySite = await buildSite({ db: legacyWarehouse, out: path.join(work, "legacy-site") });
    await readPages(legacySite, ["/role-evolution", "/specialist-demand"], "legacy");
  } finally {
    if (before === undefined) delete process.env.HTM_TAXONOMY_DIR;
    else process.env.HTM_TAXONOMY_DIR = before;
  }
}, 1_800_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const YEAR = "(19|20)\\d\\d";
/** A sentence with a finding about `subject` (a change with years, or a figure), or why there is none. */
const told = (page: string, pattern: RegExp) => expect(text[page], `${page}: ${pattern}`).toMatch(pattern);

describe("the hospital site tells every story", () => {
  test("networking, integration and cybersecurity: shown apart, on every page that has domains", () => {
    for (const page of ["hospital/role-evolution", "hospital/specialist-demand"]) {
      told(page, /Networking/);
      told(page, /Integration/);
      told(page, /Cybersecurity/);
    }
    told("hospital/role-evolution", new RegExp(`(grew|fell|held).*of in-house hours, ${YEAR}–${YEAR}`));
  });

  test("certifications spreading", () => {
    told("hospital/role-evolution", /certification/i);
  });

  test("dental and every facilities-type system: a trend in words, or too few to say", () => {
    for (const system of [
      "Sterilizers",
      "Generators",
      "Nurse call",
      "Beds & stretchers",
      "RTLS",
      "UPS",
      "Dental",
    ]) {
      const escaped = system.replace(/[&]/g, "\\&");
      told(
        "hospital/role-evolution",
        new RegExp(
          `${escaped} work orders (rose|fell|held steady) from (none|[\\d,]+) in ${YEAR} to [\\d,]+ in ${YEAR}|${escaped}: too few work orders to state a trend`,
        ),
      );
    }
  });

  test("process work: its share over the years and how fast it is done", () => {
    told("hospital/role-evolution", new RegExp(`Process work (rose|fell|held)|Too few process work orders`));
    for (const label of [
      "Risk assessment",
      "Incident investigation",
      "Recall & alert response",
      "Pre-purchase evaluation",
      "Incoming inspection",
    ]) {
      told(
        "hospital/role-evolution",
        new RegExp(
          `${label}: ([\\d.]+% of work orders in ${YEAR}.*(Median (response|turnaround) days|Too few completed)|too few work orders to state a trend)`,
        ),
      );
    }
  });

  test("new specialist roles: first year per organisation, organisations by year, origin", () => {
    told(
      "hospital/role-evolution",
      new RegExp(
        `first (Medical Device Networking|Medical Device Cybersecurity|Clinical Integration) Specialist in ${YEAR}`,
      ),
    );
    told(
      "hospital/role-evolution",
      new RegExp(`Organisations with a specialist role in ${YEAR}, of \\d+: networking \\d+`),
    );
    told("hospital/role-evolution", /Where the holders in \d{4} came from/);
  });

  test("retention through growth paths: by landmark, stated only with enough people", () => {
    told(
      "hospital/retention",
      /Of staff holding a certification when they reached 12 months of tenure, \d+% were still employed|holding a certification at 12 months of tenure against those without one: too few to compare/,
    );
    told("hospital/retention", /moved to another role/);
    // the biased comparison (certified at any time in the first year) is no longer offered
    expect(text["hospital/retention"]).not.toMatch(/Certified or not/);
  });

  test("the overview's three biggest changes say which organisation and years", () => {
    const section = text["hospital/"]!.split("The three biggest changes")[1]!.split("\n").filter(Boolean);
    const items = section.slice(0, 3);
    for (const item of items) {
      expect(item).toMatch(/^All organisations: /);
      expect(item).toMatch(new RegExp(YEAR));
    }
  });
});

describe("the society site tells the same story from pooled data", () => {
  test("workload shares by domain over the years, certifications, specialist roles", () => {
    told("society/", new RegExp(`Share of in-house hours across all contributors, ${YEAR} to ${YEAR}: `));
    // in the taxonomy's words ("Networking: 2% in 2016, 4% in 2025"), as on the hospital's site
    told("society/", /(networking|integration|cybersecurity): (\d+%|not published) in \d{4}/i);
    told("society/", /[Dd]ental: (\d+%|not published)/);
    told("society/", new RegExp(`holding a certification: \\d+% in ${YEAR}, \\d+% in ${YEAR}`));
    told("society/", new RegExp(`with a specialist role, ${YEAR} to ${YEAR}: networking \\d+% → \\d+%`, "i"));
  });

  test("says what pooled data cannot show, and why", () => {
    told("society/", /What the pooled data cannot show/);
    for (const what of ["process work", "facilities-type systems by system", "retention by growth path"])
      expect(text["society/"]).toContain(what);
  });
});

describe("a taxonomy without the new domains and work types", () => {
  test("ingests and builds; its merged domain is labelled and the new stories say why they are missing", () => {
    told("legacy/specialist-demand", /Networking & integration/);
    told("legacy/role-evolution", /No process work types in the taxonomy/);
    told("legacy/role-evolution", /No equipment systems in the taxonomy/);
  });
});
