/**
 * `htm-workforce survey-report --out FILE.pdf`: the report page of the society's built site
 * (reports-society/report.md) printed by Chromium to a multi-page PDF a society can mail to members,
 * for one published peer group. Like `brief`, it prints the page as the site draws it, so the PDF and
 * the site never disagree.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { launchChromium, waitForRender } from "../static-site/chromium.ts";
import { paperNamed, printableArea, smallestTypePx } from "../static-site/print.ts";
import { DEFAULT_SITE_DIR, buildSite } from "../static-site/site-build.ts";
import { serveStatic } from "../static-site/static-server.ts";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs, suggestion } from "./args.ts";

const HELP = `usage: htm-workforce survey-report --out FILE.pdf [--peer GROUP] [--paper letter|a4]
                                 [--site DIR] [--rebuild --db POOLED.duckdb]

Prints the survey report of the society's built site (default dist/) to a PDF with Chromium: who
contributed, the headline findings with their evidence counts, pay by title, turnover and retention,
time to fill, certification, workload mix, the methodology and the antitrust note.
  --peer     published peer group to report, FACILITY|BEDS|REGION as in the site's ?peer=
             (e.g. all|all|West; default all|all|all, all contributors)
  --paper    letter (default) or a4
  --site     the society's built site to print from (default dist/)
  --rebuild  build the site first from the pooled warehouse (--db, default HTM_WAREHOUSE), public audience
Exit codes: 0 written; 2 a wrong option or peer group, or no built society site; 3 the machine
failed (Chromium, disk).`;

/** Margins of every printed page, in inches. */
const MARGIN_IN = 0.5;

/** The published peer groups of a built society site (its peer_groups.json), or undefined. */
function sitePeerGroups(site: string): string[] | undefined {
  const dir = path.join(site, "_file", "data");
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => /^peer_groups(\.[0-9a-f]+)?\.json$/.test(f));
  if (!file) return undefined;
  try {
    const groups = JSON.parse(readFileSync(path.join(dir, file), "utf8")).published as Record<
      string,
      string
    >[];
    return groups.map((g) => `${g.facility_type}|${g.bed_band}|${g.region}`);
  } catch {
    return undefined;
  }
}

/** `--peer` matched to a published group ignoring case; one line listing them when none matches. */
export function resolvePeer(asked: string, groups: string[]): string {
  const found = groups.find((g) => g.toLowerCase() === asked.trim().toLowerCase());
  if (found) return found;
  throw new UsageError(
    `--peer: no published peer group '${asked}'; ${suggestion(asked, groups)}published groups: ${groups.join(", ")}`,
  );
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: "string" },
      site: { type: "string" },
      peer: { type: "string" },
      paper: { type: "string", default: "letter" },
      rebuild: { type: "boolean", default: false },
      db: { type: "string" },
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
  if (values.db && !values.rebuild) throw new UsageError("--db is read only with --rebuild");
  const site = path.resolve(values.site ?? DEFAULT_SITE_DIR);
  if (values.rebuild)
    await buildSite({
      db: values.db,
      out: site,
      audience: "public",
      progress: (line) => console.error(line),
    });
  const groups = sitePeerGroups(site);
  if (!existsSync(path.join(site, "report.html")) || !groups) {
    console.error(
      `htm-workforce survey-report: no built society site at ${site}: run \`htm-workforce build --db POOLED.duckdb --audience public --out ${path.relative(process.cwd(), site) || "."}\` (or pass --rebuild --db POOLED.duckdb)`,
    );
    return 2;
  }
  if (!groups.length) {
    console.error(
      "htm-workforce survey-report: no peer group passed the publication rules: nothing to report",
    );
    return 2;
  }
  const peer = values.peer ? resolvePeer(values.peer, groups) : undefined;
  console.error(`… printing the survey report with Chromium${peer ? ` for ${peer}` : ""}`);
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const { width } = printableArea(paper, MARGIN_IN);
    // Laid out at the printed width, so charts and tables are drawn for the paper, not a screen.
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    // The site makes no request outside its origin; the printer makes sure of it.
    const origin = new URL(server.url).origin;
    const outside: string[] = [];
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === "data:" || url.protocol === "blob:")
        return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    const search = peer ? `?${new URLSearchParams({ peer })}` : "";
    await page.goto(`${server.url}/report${search}`, { waitUntil: "networkidle" });
    await page.waitForSelector(".htm-report-ready", { state: "attached", timeout: 20_000 });
    await page.emulateMedia({ media: "print" });
    await waitForRender(page);
    // The smallest type on paper, charts included (CSS px are 0.75 pt): under 8 pt, say so.
    const smallestPx = await smallestTypePx(page, { charts: true });
    const smallestPt = Math.round(smallestPx * 0.75 * 10) / 10;
    if (smallestPt < 8)
      console.error(
        `htm-workforce survey-report: the smallest type is ${smallestPt} pt on paper (under 8 pt)`,
      );
    const title = await page.evaluate(() => {
      const select = document.querySelector("form select") as HTMLSelectElement | null;
      return select?.selectedOptions[0]?.textContent ?? "";
    });
    const out = path.resolve(values.out);
    mkdirSync(path.dirname(out), { recursive: true });
    // Page numbers and the peer group on every page: a mailed copy whose pages come apart still says
    // what it is. Chromium draws header and footer outside the page's own styles, so they set their size.
    const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const pdf = await page.pdf({
      path: out,
      format: paper.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size: 8pt; width: 100%; margin: 0 ${MARGIN_IN}in; display: flex; justify-content: space-between; color: #444;"><span>HTM workforce field survey: ${escape(title)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: {
        top: `${MARGIN_IN}in`,
        bottom: `${MARGIN_IN + 0.1}in`,
        left: `${MARGIN_IN}in`,
        right: `${MARGIN_IN}in`,
      },
    });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    if (outside.length)
      console.error(
        `htm-workforce survey-report: blocked ${outside.length} request(s) outside the site's origin: ${outside[0]}`,
      );
    console.log(`wrote ${out} (${paper.format}, ${pages} pages, smallest type ${smallestPt} pt)`);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}
