/**
 * `htm-workforce brief --out FILE.pdf`: the budget brief page of the built site, printed by Chromium on
 * one page (Letter or A4) for the organisation and what-if scenario given on the command line.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, waitForRender } from "../site/chromium.ts";
import { DEFAULT_SITE_DIR, buildSite } from "../site/site-build.ts";
import { serveStatic } from "../site/static-server.ts";
import { UsageError } from "./usage-error.ts";

const HELP = `usage: htm-workforce brief --out FILE.pdf [--org ORG_ID] [--add DOMAIN=±FTE[,DOMAIN=±FTE]]
                          [--paper letter|a4] [--for TEXT] [--by TEXT] [--site DIR] [--rebuild]

Prints the budget brief of the built site (default dist/) to a one-page PDF with Chromium.
  --org        organisation to print (default: all organisations)
  --add        what-if: FTE to add (negative: to cut) per competency domain, e.g.
               networking_integration=1.5,cybersecurity=1 or general_biomed=-1
  --paper      letter (default) or a4
  --for        the "prepared for" line (default: finance and hospital leadership)
  --by         the "prepared by" line (default: healthcare technology management)
  --rebuild    build the site from the warehouse first`;

/** Printable area in CSS pixels (96 per inch) with 0.4 in margins. */
const MARGIN_IN = 0.4;
const PAPER = {
  letter: { format: "Letter", widthIn: 8.5, heightIn: 11 },
  a4: { format: "A4", widthIn: 210 / 25.4, heightIn: 297 / 25.4 },
} as const;

interface ScenarioModule {
  parseScenario(
    text: string | undefined,
    domains?: string[],
  ): { scenario: Record<string, number>; errors: string[] };
  formatScenario(scenario: Record<string, number>, order?: string[]): string;
}
// The page's own parser (reports/components/scenario.js): one reading of a scenario for the page and the CLI.
const { parseScenario, formatScenario } = (await import(
  new URL("../../reports/components/scenario.js", import.meta.url).href
)) as ScenarioModule;

/**
 * Checks `--add` ("domain=fte,domain=-fte": cuts are negative) with the page's parser; which domains exist
 * is the taxonomy's, checked by the page itself once it has loaded (see run).
 */
export function parseAdd(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const { scenario, errors } = parseScenario(text);
  if (errors.length) throw new UsageError(`--add: ${errors.join("; ")}`);
  return formatScenario(scenario) || undefined;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
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
  const paperName = values.paper.toLowerCase();
  if (paperName !== "letter" && paperName !== "a4") throw new UsageError("--paper must be letter or a4");
  const paper = PAPER[paperName];
  const add = parseAdd(values.add);
  const site = path.resolve(values.site ?? DEFAULT_SITE_DIR);
  if (values.rebuild) await buildSite({ out: site });
  if (!existsSync(path.join(site, "budget-brief.html"))) {
    console.error(
      `htm-workforce brief: no built site at ${site}: run \`htm-workforce build\` (or pass --rebuild)`,
    );
    return 2;
  }
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const printable = {
      width: Math.floor((paper.widthIn - 2 * MARGIN_IN) * 96),
      height: Math.floor((paper.heightIn - 2 * MARGIN_IN) * 96),
    };
    // Laid out at the printed width, so charts and the table are drawn for the paper, not a screen.
    const page = await browser.newPage({ viewport: { width: printable.width, height: printable.height } });
    const query = new URLSearchParams();
    if (values.org) query.set("org", values.org);
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
    if (values.org && shown.org !== values.org) {
      console.error(`htm-workforce brief: no organisation ${values.org} in the built site`);
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
    const smallestPx = await page.evaluate(() => {
      const main = document.querySelector("#observablehq-main") ?? document.body;
      let min = Infinity;
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !n.textContent?.trim() || el.closest("svg")) continue;
        if (el.getClientRects().length === 0) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    });
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
