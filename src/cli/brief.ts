/**
 * `htm-workforce brief --out FILE.pdf`: the budget brief page of the built site, printed by Chromium on
 * one page (Letter or A4) for the organisation and what-if scenario given on the command line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { launchChromium, waitForRender } from "../static-site/chromium.ts";
import { paperNamed, printableArea, smallestTypePx } from "../static-site/print.ts";
import { DEFAULT_SITE_DIR, buildSite } from "../static-site/site-build.ts";
import { serveStatic } from "../static-site/static-server.ts";
import { UsageError } from "./usage-error.ts";
import { suggestion } from "./args.ts";
import { loadTaxonomy, UNMAPPED } from "../taxonomy/index.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce brief --out FILE.pdf [--org ORG_ID] [--add DOMAIN=±FTE[,DOMAIN=±FTE]]
                          [--paper letter|a4] [--for TEXT] [--by TEXT] [--site DIR] [--rebuild]

Prints the budget brief of the built site (default dist/) to a one-page PDF with Chromium.
  --org        organisation id to print, any case (default: all organisations)
  --add        what-if: FTE to add (negative: to cut) per competency domain, e.g.
               networking_integration=1.5,cybersecurity=1 or general_biomed=-1
  --paper      letter (default) or a4
  --for        the "prepared for" line (default: finance and hospital leadership)
  --by         the "prepared by" line (default: healthcare technology management)
  --site       the built site to print from (default dist/)
  --rebuild    build the site from the warehouse first
Exit codes: 0 written; 2 a wrong option, organisation or domain, or no built site; 3 the machine
failed (Chromium, disk).`;

/** Margins of the one printed page, in inches. */
const MARGIN_IN = 0.4;

// FTE may be negative: a what-if that takes staff away (a retirement not replaced) is a scenario too.
const SCENARIO_ENTRY = /^([A-Za-z_][A-Za-z0-9_]*)=(-?\d+(\.\d+)?|-?\.\d+)$/;

/** The competency domains a scenario may name (the taxonomy's, without 'unmapped'). */
export function scenarioDomains(): string[] {
  return loadTaxonomy()
    .domains.rows.map((d) => d.domain)
    .filter((d) => d !== UNMAPPED);
}

interface ScenarioModule {
  parseScenario(
    text: string | undefined,
    domains?: string[],
  ): { scenario: Record<string, number>; errors: string[] };
  formatScenario(scenario: Record<string, number>, order?: string[]): string;
  LEGACY_DOMAINS: Record<string, string[]>;
}
// The page's own parser (reports/components/scenario.js): one reading of a scenario for the page and the CLI.
const { parseScenario, formatScenario, LEGACY_DOMAINS } = (await import(
  new URL("../../reports/components/scenario.js", import.meta.url).href
)) as ScenarioModule;

/**
 * Checks `--add` ("domain=fte,domain=fte"; negative FTE is a cut): each entry in one line naming what is
 * wrong and the valid domains (matched ignoring case; an older taxonomy's merged domain is read as the
 * domains it became), then the page's own reading of it, so the page and the PDF show the same scenario.
 */
export function parseAdd(
  text: string | undefined,
  domains: readonly string[] = scenarioDomains(),
): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const legacy = Object.keys(LEGACY_DOMAINS).filter((l) =>
    LEGACY_DOMAINS[l]!.every((d) => domains.includes(d)),
  );
  const known = [...domains, ...legacy];
  const entries: string[] = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = SCENARIO_ENTRY.exec(part);
    if (!m) {
      throw new UsageError(
        `--add: '${part}' is not DOMAIN=FTE (FTE a number, may be negative: networking=1.5 or imaging=-1); domains: ${domains.join(", ")}`,
      );
    }
    const domain = known.find((d) => d.toLowerCase() === m[1]!.toLowerCase());
    if (!domain) {
      throw new UsageError(
        `--add: no domain '${m[1]}'; ${suggestion(m[1]!, known)}domains: ${domains.join(", ")}`,
      );
    }
    entries.push(`${domain}=${Number(m[2])}`);
  }
  const { scenario, errors } = parseScenario(entries.join(","), [...domains]);
  if (errors.length) throw new UsageError(`--add: ${errors.join("; ")}`);
  return formatScenario(scenario) || undefined;
}

/** The organisations of a built site (its orgs.json), or undefined when the site has none to read. */
function siteOrgs(site: string): { org_id: string; name: string }[] | undefined {
  const dir = path.join(site, "_file", "data");
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => /^orgs(\.[0-9a-f]+)?\.json$/.test(f));
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  } catch {
    return undefined;
  }
}

/** `--org` matched to a site's organisation ignoring case; one line listing them when none matches. */
export function resolveOrg(asked: string, orgs: { org_id: string; name: string }[]): string {
  if (asked.toLowerCase() === "all") return "all";
  const found = orgs.find((o) => o.org_id.toLowerCase() === asked.toLowerCase());
  if (found) return found.org_id;
  const ids = orgs.map((o) => o.org_id).sort();
  throw new UsageError(
    `--org: no organisation '${asked}' in the built site; ${suggestion(asked, ids)}organisations: ${ids.join(", ")} (or all)`,
  );
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: "string" },
      site: { type: "string" },
      org: { type: "string" },
      add: { type: "string" },
      paper: { type: "string", default: "letter" },
      for: { type: "string" },
      by: { type: "string" },
      rebuild: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out) throw new UsageError("--out FILE.pdf is required");
  const paper = paperNamed(values.paper);
  if (!paper) throw new UsageError("--paper must be letter or a4");
  const add = parseAdd(values.add);
  const site = path.resolve(values.site ?? DEFAULT_SITE_DIR);
  if (values.rebuild) await buildSite({ out: site, progress: (line) => console.error(line) });
  if (!existsSync(path.join(site, "budget-brief.html"))) {
    console.error(
      `htm-workforce brief: no built site at ${site}: run \`htm-workforce build\` (or pass --rebuild)`,
    );
    return 2;
  }
  const orgs = siteOrgs(site);
  const org = values.org && orgs ? resolveOrg(values.org, orgs) : values.org;
  console.error(`… printing the budget brief with Chromium${org ? ` for ${org}` : ""}`);
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const printable = printableArea(paper, MARGIN_IN);
    // Laid out at the printed width, so charts and the table are drawn for the paper, not a screen.
    const page = await browser.newPage({ viewport: { width: printable.width, height: printable.height } });
    const query = new URLSearchParams();
    if (org) query.set("org", org);
    if (add) query.set("add", add);
    if (values.for) query.set("for", values.for);
    if (values.by) query.set("by", values.by);
    const search = query.size ? `?${query}` : "";
    await page.goto(`${server.url}/budget-brief${search}`, { waitUntil: "networkidle" });
    await page.waitForSelector(".htm-brief-ready", { state: "attached", timeout: 15_000 });
    await page.emulateMedia({ media: "print" });
    await waitForRender(page);
    const shown = await page.$eval(".htm-brief-ready", (el) => ({
      org: (el as HTMLElement).dataset.org ?? "",
      errors: (el as HTMLElement).dataset.errors ?? "",
    }));
    if (org && shown.org.toLowerCase() !== org.toLowerCase()) {
      console.error(`htm-workforce brief: --org: no organisation '${org}' in the built site`);
      return 2;
    }
    if (shown.errors) {
      console.error(`htm-workforce brief: --add ${add}: ${shown.errors}`);
      return 2;
    }
    // One page: shrink the print to fit when the content is taller than the printable area.
    // The end of the page's content, not the document: Framework's layout pads below the last cell.
    const contentHeight = await page.evaluate(() => {
      const main = document.querySelector("#observablehq-main") ?? document.body;
      const cells = [...main.querySelectorAll(":scope > *")].filter(
        (el) => el.getBoundingClientRect().height > 0,
      );
      const bottom = Math.max(...cells.map((el) => el.getBoundingClientRect().bottom), 0);
      return Math.ceil(bottom + window.scrollY);
    });
    const scale = Math.max(0.1, Math.min(1, (printable.height - 4) / contentHeight));
    // The smallest type a reader meets on paper: every visible text's font size as printed (CSS px are
    // 0.75 pt), times the scale. Under 8 pt a finance reader needs a magnifier: say so.
    const smallestPx = await smallestTypePx(page, { charts: false });
    const smallestPt = Math.round(smallestPx * 0.75 * scale * 10) / 10;
    if (smallestPt < 8)
      console.error(`htm-workforce brief: the smallest type is ${smallestPt} pt on paper (under 8 pt)`);
    const out = path.resolve(values.out);
    mkdirSync(path.dirname(out), { recursive: true });
    await page.pdf({
      path: out,
      format: paper.format,
      printBackground: true,
      scale,
      margin: {
        top: `${MARGIN_IN}in`,
        bottom: `${MARGIN_IN}in`,
        left: `${MARGIN_IN}in`,
        right: `${MARGIN_IN}in`,
      },
      pageRanges: "1",
    });
    console.log(
      `wrote ${out} (${paper.format}, 1 page${scale < 1 ? `, scaled to ${Math.round(scale * 100)}%` : ""}, smallest type ${smallestPt} pt)`,
    );
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}
