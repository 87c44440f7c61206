/** `htm-workforce brief --out FILE.pdf`: the budget brief page of the built site, printed by Chromium. */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, waitForRender } from "../site/chromium.ts";
import { DEFAULT_SITE_DIR, buildSite } from "../site/site-build.ts";
import { serveStatic } from "../site/static-server.ts";
import { UsageError } from "./usage-error.ts";

const HELP = `usage: htm-workforce brief --out FILE.pdf [--site DIR] [--rebuild] [--org ORG_ID]

Prints the budget brief of the built site (default dist/) to PDF with Chromium (Letter).
  --rebuild    build the site from the warehouse first
  --org        organisation to print (default: all organisations)`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: "string" },
      site: { type: "string" },
      org: { type: "string" },
      rebuild: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out) throw new UsageError("--out FILE.pdf is required");
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
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const query = values.org ? `?org=${encodeURIComponent(values.org)}` : "";
    await page.goto(`${server.url}/budget-brief${query}`, { waitUntil: "networkidle" });
    await page.waitForSelector(".htm-brief-ready", { state: "attached", timeout: 15_000 });
    await waitForRender(page);
    await page.emulateMedia({ media: "print" });
    const out = path.resolve(values.out);
    mkdirSync(path.dirname(out), { recursive: true });
    await page.pdf({
      path: out,
      format: "Letter",
      printBackground: true,
      margin: { top: "0.5in", bottom: "0.5in", left: "0.5in", right: "0.5in" },
    });
    console.log(`wrote ${out}`);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}
